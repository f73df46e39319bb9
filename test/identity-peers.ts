/**
 * The other side of signing in, for the tests of issue 15 — never a mock of Schakel:
 * - `startOpenIdProvider`: a real, certified OpenID provider (the `oidc-provider` package) on a loopback
 *   port, with its development login form (any password) and the accounts the test gives it;
 * - `startHostileProvider`: a provider that misbehaves on purpose (an ID token with another issuer or
 *   audience, expired, or unsigned), since a certified provider never does;
 * - `Browser`: fetch with a cookie jar per host that follows redirects one by one, as a browser does;
 * - `SoftAuthenticator`: a WebAuthn authenticator in software (ES256, "none" attestation) that signs for
 *   whatever origin it is told, so that the tests can try another origin and replays.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';

export interface ProviderAccount {
  sub: string;
  email: string;
  /** null: the provider sends no email_verified claim at all (as Entra ID). */
  emailVerified?: boolean | null;
  name?: string;
}

export interface RunningProvider {
  issuer: string;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** A real OpenID provider with one confidential client whose redirect URI is Schakel's callback. */
export async function startOpenIdProvider(options: {
  accounts: ProviderAccount[];
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
}): Promise<RunningProvider & { provider: Provider }> {
  const server = createServer();
  const port = await listen(server);
  const issuer = `http://127.0.0.1:${port}`;
  const accounts = new Map(options.accounts.map((a) => [a.sub, a]));
  const configuration: Configuration = {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.postLogoutRedirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], acr: null },
    acrValues: ['urn:schakel:test:mfa'],
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            email: account.email,
            ...(account.emailVerified === null ? {} : { email_verified: account.emailVerified ?? true }),
            name: account.name ?? sub,
          };
        },
      };
    },
    // A first-party client: no consent screen (the grant is made at once).
    async loadExistingGrant(ctx) {
      const grantId =
        ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client?.clientId ?? '');
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client?.clientId ?? '',
        accountId: ctx.oidc.session?.accountId ?? '',
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  // Keep the test output clean of the development-only warnings.
  provider.on('server_error', () => {});
  server.on('request', provider.callback());
  return {
    issuer,
    provider,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type Misbehaviour = 'wrong_issuer' | 'wrong_audience' | 'expired' | 'unsigned';

/**
 * A provider that hands out a bad ID token: discovery, keys, an authorization endpoint that sends the
 * browser straight back with a code, and a token endpoint that answers with the token `mode` asks for.
 */
export async function startHostileProvider(options: {
  clientId: string;
  email: string;
}): Promise<RunningProvider & { mode: Misbehaviour }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const server = createServer();
  const port = await listen(server);
  const issuer = `http://127.0.0.1:${port}`;
  const nonces = new Map<string, string>();
  const state = { mode: 'wrong_issuer' as Misbehaviour };
  server.on('request', async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.pathname === '/jwks') return json({ keys: [jwk] });
    if (url.pathname === '/auth') {
      const code = randomBytes(8).toString('hex');
      nonces.set(code, url.searchParams.get('nonce') ?? '');
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    if (url.pathname === '/token') {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const code = new URLSearchParams(raw).get('code') ?? '';
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        sub: 'hostile-1',
        email: options.email,
        email_verified: true,
        nonce: nonces.get(code) ?? '',
        iss: state.mode === 'wrong_issuer' ? 'https://evil.example' : issuer,
        aud: state.mode === 'wrong_audience' ? 'another-client' : options.clientId,
        iat: state.mode === 'expired' ? now - 7200 : now,
        exp: state.mode === 'expired' ? now - 3600 : now + 300,
      };
      const idToken =
        state.mode === 'unsigned'
          ? `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`
          : await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(privateKey);
      return json({ access_token: 'at', token_type: 'Bearer', expires_in: 300, id_token: idToken });
    }
    res.writeHead(404);
    res.end();
  });
  return {
    issuer,
    get mode() {
      return state.mode;
    },
    set mode(m: Misbehaviour) {
      state.mode = m;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A browser in the small: cookies per host, redirects followed one at a time (so each can be inspected). */
export class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  async request(url: string, init: { method?: string; form?: Record<string, string>; accept?: string } = {}) {
    const target = new URL(url);
    const headers: Record<string, string> = { accept: init.accept ?? 'text/html' };
    const cookies = this.jar.get(target.host);
    if (cookies && cookies.size > 0) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(target, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = (pair ?? '').indexOf('=');
      const name = (pair ?? '').slice(0, eq).trim();
      const value = (pair ?? '').slice(eq + 1).trim();
      const jar = this.jar.get(target.host) ?? new Map<string, string>();
      const expired = attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
      this.jar.set(target.host, jar);
    }
    const location = res.headers.get('location');
    return { res, status: res.status, location: location ? new URL(location, target).href : null };
  }

  /** Follows redirects from `url` until a page or `stopAt` (a URL prefix) is reached. */
  async follow(url: string, stopAt?: string): Promise<{ url: string; status: number; text: string }> {
    let current = url;
    for (let hop = 0; hop < 20; hop++) {
      if (stopAt && hop > 0 && current.startsWith(stopAt)) return { url: current, status: 0, text: '' };
      const r = await this.request(current);
      if (r.location && r.status >= 300 && r.status < 400) {
        current = r.location;
        continue;
      }
      return { url: current, status: r.status, text: await r.res.text() };
    }
    throw new Error('too many redirects');
  }
}

/**
 * Signs in at the real provider's development login form as `sub` and returns the callback URL the
 * provider sends the browser to (not yet opened), starting from the provider's authorization URL.
 */
export async function loginAtProvider(browser: Browser, authorizationUrl: string, sub: string, callbackPrefix: string) {
  const page = await browser.follow(authorizationUrl, callbackPrefix);
  if (page.url.startsWith(callbackPrefix)) return page.url;
  const action = /action="([^"]+)"/.exec(page.text)?.[1];
  if (!action) throw new Error(`no login form at the provider: ${page.text.slice(0, 200)}`);
  const submitted = await browser.request(new URL(action, page.url).href, {
    method: 'POST',
    form: { prompt: 'login', login: sub, password: 'any' },
  });
  if (!submitted.location) throw new Error(`the provider did not redirect after login (${submitted.status})`);
  const back = await browser.follow(submitted.location, callbackPrefix);
  if (!back.url.startsWith(callbackPrefix)) throw new Error(`did not come back to Schakel: ${back.url}`);
  return back.url;
}

// --- WebAuthn in software -----------------------------------------------------------------------------

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();

export class SoftAuthenticator {
  readonly credentialId = randomBytes(16);
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private counter = 0;

  constructor() {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  get id(): string {
    return this.credentialId.toString('base64url');
  }

  private coseKey(): Uint8Array {
    const jwk = this.publicKey.export({ format: 'jwk' });
    const map = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, new Uint8Array(Buffer.from(jwk.x as string, 'base64url'))],
      [-3, new Uint8Array(Buffer.from(jwk.y as string, 'base64url'))],
    ]);
    return isoCBOR.encode(map);
  }

  /** The answer to navigator.credentials.create for `options` at `origin`. */
  register(options: { challenge: string; rp: { id?: string } }, origin: string) {
    const rpId = options.rp.id ?? new URL(origin).hostname;
    const clientDataJSON = Buffer.from(
      JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin, crossOrigin: false }),
    );
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([0x45]), // user present, user verified, attested credential data
      Buffer.alloc(4),
      Buffer.alloc(16), // aaguid
      idLength,
      this.credentialId,
      Buffer.from(this.coseKey()),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', new Uint8Array(authData)],
      ]) as never,
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key' as const,
      response: {
        clientDataJSON: clientDataJSON.toString('base64url'),
        attestationObject: Buffer.from(attestationObject).toString('base64url'),
        transports: ['internal'],
      },
      clientExtensionResults: {},
    };
  }

  /** The answer to navigator.credentials.get for `options` at `origin` (each call counts up). */
  assert(options: { challenge: string; rpId?: string }, origin: string) {
    const rpId = options.rpId ?? new URL(origin).hostname;
    this.counter += 1;
    const count = Buffer.alloc(4);
    count.writeUInt32BE(this.counter);
    const authData = Buffer.concat([sha256(rpId), Buffer.from([0x05]), count]);
    const clientDataJSON = Buffer.from(
      JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin, crossOrigin: false }),
    );
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), this.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key' as const,
      response: {
        clientDataJSON: clientDataJSON.toString('base64url'),
        authenticatorData: authData.toString('base64url'),
        signature: signature.toString('base64url'),
      },
      clientExtensionResults: {},
    };
  }
}
