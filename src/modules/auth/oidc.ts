/**
 * Single sign-on with an organisation's OpenID provider (OpenID Connect, the NL GOV profile's code flow):
 * authorization code with PKCE (S256), `state` and `nonce`, a signed ID token checked for issuer,
 * audience, expiry and nonce by openid-client. The sign-in in progress is bound to the browser that
 * started it: a random cookie whose hash finds it, used once, valid for ten minutes.
 *
 * An account is never made here: the provider's subject is matched to a *pre-provisioned* user of the
 * provider's organisation — by the stored subject, or at the first sign-in by a verified e-mail address
 * (then the subject is stored). Roles come from Schakel's grants, never from the provider.
 */
import * as client from 'openid-client';
import { issuerAllowed } from '../../config.js';
import { DomainError } from '../../core/errors.js';
import { OIDC_SIGN_IN_TTL_MS, type OidcRefusal } from '../../core/sign-in.js';
import { randomToken, sha256 } from '../../platform/crypto.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { openSession, type SignInResult } from './service.js';
import { recordRefusedSignIn } from './sign-in-events.js';

/** A provider users can sign in with: the one of OIDC_ISSUER (key "env") or one an admin configured. */
export interface ProviderSpec {
  key: string;
  regionId: string;
  organisationId: string;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  scopes: string;
  emailAlwaysVerified: boolean;
}

/** A refusal on the way back from the provider: shown on the sign-in page, written as a security event. */
export class OidcRefused extends Error {
  constructor(
    readonly refusal: OidcRefusal,
    readonly provider: ProviderSpec | null,
    readonly userId: string | null = null,
  ) {
    super(refusal);
  }
}

export function callbackUrl(deps: Deps): string {
  return `${publicBase(deps)}/api/v1/auth/oidc/callback`;
}

function publicBase(deps: Deps): string {
  if (!deps.config.publicUrl) throw new DomainError('NOT_FOUND', 'Single sign-on is not configured.');
  return deps.config.publicUrl.replace(/\/+$/, '');
}

/** Every provider users can choose on the sign-in page (enabled, with a valid issuer). */
export async function listProviders(deps: Deps): Promise<ProviderSpec[]> {
  if (!deps.config.publicUrl) return [];
  return withTx(deps.db, { regionId: null }, async (tx) => {
    const out: ProviderSpec[] = [];
    const env = await envProvider(tx, deps);
    if (env) out.push(env);
    const rows = await tx
      .selectFrom('identity_providers as p')
      .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
      .select([
        'p.id',
        'p.region_id',
        'p.organisation_id',
        'p.display_name',
        'p.issuer',
        'p.client_id',
        'p.client_secret_sealed',
        'p.scopes',
        'p.email_always_verified',
      ])
      .where('p.enabled', '=', true)
      .orderBy('p.display_name')
      .execute();
    for (const r of rows) {
      if (!issuerAllowed(r.issuer)) continue;
      out.push({
        key: r.id,
        regionId: r.region_id,
        organisationId: r.organisation_id,
        displayName: r.display_name,
        issuer: r.issuer,
        clientId: r.client_id,
        clientSecret: r.client_secret_sealed ? deps.secrets.open(r.client_secret_sealed) : null,
        scopes: r.scopes,
        emailAlwaysVerified: r.email_always_verified,
      });
    }
    return out;
  });
}

async function envProvider(tx: Tx, deps: Deps): Promise<ProviderSpec | null> {
  const env = deps.config.oidc;
  if (!env) return null;
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(env.organisation);
  const org = await tx
    .selectFrom('organisations')
    .select(['id', 'name', 'home_region_id'])
    .where(isUuid ? 'id' : 'name', '=', env.organisation)
    .executeTakeFirst();
  if (!org?.home_region_id) return null;
  return {
    key: 'env',
    regionId: org.home_region_id,
    organisationId: org.id,
    displayName: org.name,
    issuer: env.issuer,
    clientId: env.clientId,
    clientSecret: env.clientSecret,
    scopes: env.scopes,
    emailAlwaysVerified: env.emailAlwaysVerified,
  };
}

async function providerByKey(deps: Deps, key: string): Promise<ProviderSpec | null> {
  return (await listProviders(deps)).find((p) => p.key === key) ?? null;
}

const configurations = new Map<string, { config: client.Configuration; until: number }>();
const DISCOVERY_TTL_MS = 10 * 60_000;

/** The provider's metadata (discovery), cached for ten minutes per provider, issuer and client. */
async function configurationOf(p: ProviderSpec): Promise<client.Configuration> {
  const cacheKey = `${p.key}\n${p.issuer}\n${p.clientId}\n${sha256(p.clientSecret ?? '')}`;
  const hit = configurations.get(cacheKey);
  if (hit && hit.until > Date.now()) return hit.config;
  const insecure = new URL(p.issuer).protocol === 'http:';
  const config = await client.discovery(
    new URL(p.issuer),
    p.clientId,
    p.clientSecret ? { client_secret: p.clientSecret } : undefined,
    p.clientSecret ? client.ClientSecretPost(p.clientSecret) : client.None(),
    { timeout: 10, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) },
  );
  configurations.set(cacheKey, { config, until: Date.now() + DISCOVERY_TTL_MS });
  return config;
}

/** Forget cached provider metadata (after an admin changed a provider). */
export function forgetProvider(key: string): void {
  for (const k of configurations.keys()) if (k.startsWith(`${key}\n`)) configurations.delete(k);
}

/**
 * Starts a sign-in at the provider: returns the browser cookie that binds it and the address to send the
 * browser to.
 */
export async function startOidcSignIn(deps: Deps, key: string): Promise<{ cookie: string; redirectTo: string }> {
  const provider = await providerByKey(deps, key);
  if (!provider) throw new OidcRefused('oidc_unavailable', null);
  let config: client.Configuration;
  try {
    config = await configurationOf(provider);
  } catch {
    throw new OidcRefused('oidc_unavailable', provider);
  }
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const cookie = randomToken();
  const now = deps.now();
  await withTx(deps.db, { regionId: null }, async (tx) => {
    await tx.deleteFrom('oidc_sign_ins').where('expires_at', '<', now).execute();
    await tx
      .insertInto('oidc_sign_ins')
      .values({
        id_hash: sha256(cookie),
        provider: provider.key,
        state,
        nonce,
        code_verifier_sealed: deps.secrets.seal(verifier),
        created_at: now,
        expires_at: new Date(now.getTime() + OIDC_SIGN_IN_TTL_MS),
      })
      .execute();
  });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(deps),
    scope: provider.scopes,
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { cookie, redirectTo: url.href };
}

/**
 * The provider sent the browser back. Takes the sign-in in progress of this browser (used once),
 * exchanges the code, validates the ID token and opens a session for the matched account.
 */
export async function finishOidcSignIn(
  deps: Deps,
  input: { cookie: string | undefined; callbackQuery: string; traceId: string },
): Promise<SignInResult> {
  const pending = input.cookie
    ? await withTx(deps.db, { regionId: null }, (tx) =>
        tx
          .deleteFrom('oidc_sign_ins')
          .where('id_hash', '=', sha256(input.cookie as string))
          .returningAll()
          .executeTakeFirst(),
      )
    : undefined;
  const params = new URLSearchParams(input.callbackQuery);
  if (!pending || pending.expires_at.getTime() <= deps.now().getTime()) {
    // Another browser, an expired or an already used sign-in: which provider is unknown for certain.
    throw new OidcRefused('oidc_no_transaction', null);
  }
  const provider = await providerByKey(deps, pending.provider);
  if (!provider) throw new OidcRefused('oidc_unavailable', null);
  if (params.get('error')) throw new OidcRefused('oidc_provider_error', provider);
  if (params.get('state') !== pending.state) throw new OidcRefused('oidc_state', provider);

  let claims: client.IDToken;
  let idToken: string | undefined;
  try {
    const config = await configurationOf(provider);
    const current = new URL(callbackUrl(deps));
    current.search = params.toString();
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: deps.secrets.open(pending.code_verifier_sealed),
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const c = tokens.claims();
    if (!c) throw new Error('no ID token');
    claims = c;
    idToken = tokens.id_token;
    // Many providers put the e-mail address only in the UserInfo response (for the same subject).
    if (typeof claims.email !== 'string' && tokens.access_token) {
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      claims = { ...claims, email: info.email, email_verified: info.email_verified };
    }
  } catch (e) {
    if (process.env.DEBUG_OIDC) console.error('OIDC', e);
    throw new OidcRefused('oidc_response', provider);
  }

  const acr = typeof claims.acr === 'string' ? claims.acr.slice(0, 200) : null;
  const user = await withTx(deps.db, { regionId: null }, (tx) => matchAccount(tx, deps, provider, claims));
  if (!user) throw new OidcRefused('oidc_unknown_account', provider);
  try {
    return await withTx(deps.db, { regionId: null, organisationId: user.organisation_id }, async (tx) => {
      if (user.link) {
        await tx
          .insertInto('user_identities')
          .values({ issuer: claims.iss, subject: claims.sub, user_id: user.id, linked_at: deps.now() })
          .execute();
      }
      return openSession(tx, deps, user, {
        method: 'oidc',
        acr,
        passkeyVerified: false,
        enrolmentDue: () => false,
        oidcProvider: provider.key,
        idTokenSealed: idToken ? deps.secrets.seal(idToken) : null,
        traceId: input.traceId,
      });
    });
  } catch (e) {
    if (e instanceof DomainError && e.code === 'NO_ROLE') throw new OidcRefused('oidc_no_role', provider, user.id);
    throw e;
  }
}

/**
 * The pre-provisioned account of the provider's organisation this subject belongs to: by the stored
 * subject, else (first sign-in) by a verified e-mail address of an account not yet linked to this issuer.
 * A disabled account matches nothing.
 */
async function matchAccount(tx: Tx, _deps: Deps, provider: ProviderSpec, claims: client.IDToken) {
  const columns = ['u.id', 'u.organisation_id', 'u.email', 'u.name', 'u.locale', 'u.password_must_change'] as const;
  const linked = await tx
    .selectFrom('user_identities as i')
    .innerJoin('users as u', 'u.id', 'i.user_id')
    .select(columns)
    .where('i.issuer', '=', claims.iss)
    .where('i.subject', '=', claims.sub)
    .where('u.organisation_id', '=', provider.organisationId)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (linked) return { ...linked, link: false };
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
  const verified = claims.email_verified === true || (provider.emailAlwaysVerified && claims.email_verified !== false);
  if (!email || !verified) return null;
  const byEmail = await tx
    .selectFrom('users as u')
    .select(columns)
    .where('u.email', '=', email)
    .where('u.organisation_id', '=', provider.organisationId)
    .where('u.disabled_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('user_identities as i')
            .select('i.user_id')
            .whereRef('i.user_id', '=', 'u.id')
            .where('i.issuer', '=', claims.iss),
        ),
      ),
    )
    .executeTakeFirst();
  if (byEmail && String(claims.sub).length <= 255) return { ...byEmail, link: true };
  return null;
}

/** A refused single sign-on as a security event in the provider's region (when the provider is known). */
export async function recordOidcRefusal(deps: Deps, e: OidcRefused, traceId: string): Promise<void> {
  const regionId = e.provider?.regionId ?? (await anyRegionOfEnvProvider(deps));
  if (!regionId) return;
  await recordRefusedSignIn(deps, {
    regionId,
    userId: e.userId,
    organisationId: e.provider?.organisationId ?? null,
    method: 'oidc',
    code: e.refusal.toUpperCase(),
    route: '/api/v1/auth/oidc/callback',
    traceId,
  });
}

async function anyRegionOfEnvProvider(deps: Deps): Promise<string | null> {
  const env = await withTx(deps.db, { regionId: null }, (tx) => envProvider(tx, deps));
  return env?.regionId ?? null;
}

/** Where to send the browser after signing out, for single logout at the provider (or null). */
export async function endSessionUrl(deps: Deps, session: { provider: string | null; idTokenSealed: string | null }) {
  if (!session.provider || !session.idTokenSealed) return null;
  const provider = await providerByKey(deps, session.provider);
  if (!provider) return null;
  try {
    const config = await configurationOf(provider);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, {
      id_token_hint: deps.secrets.open(session.idTokenSealed),
      post_logout_redirect_uri: `${publicBase(deps)}/inloggen`,
    }).href;
  } catch {
    return null;
  }
}
