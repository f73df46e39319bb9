/**
 * Single sign-on (issue 15) against a real OpenID provider started by the test, over real HTTP: the
 * code flow with PKCE, state and nonce; matching to pre-provisioned accounts only; the session like any
 * other (grants decide, revocation bites); every bad answer refused without a session or an account and
 * written as a security event; single logout; providers configured per region by its admin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRegion, expectProblem, snapshot, userIdByEmail } from '../../../test/fixtures.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import {
  Browser,
  loginAtProvider,
  type RunningProvider,
  startHostileProvider,
  startOpenIdProvider,
} from '../../../test/identity-peers.js';

const CLIENT_ID = 'schakel-test';
const CLIENT_SECRET = 'a-secret-the-test-provider-knows';

let t: TestApp;
let idp: RunningProvider;
let callbackPrefix: string;

beforeAll(async () => {
  t = await startTestApp();
  t.deps.config.publicUrl = t.baseUrl;
  callbackPrefix = `${t.baseUrl}/api/v1/auth/oidc/callback`;
  idp = await startOpenIdProvider({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: callbackPrefix,
    postLogoutRedirectUri: `${t.baseUrl}/inloggen`,
    accounts: [
      { sub: 'delft-regisseur', email: 'regisseur@delft.demo' },
      { sub: 'delft-coordinator', email: 'COORDINATOR@delft.demo' },
      { sub: 'delft-unverified', email: 'beleid@delft.demo', emailVerified: false },
      { sub: 'delft-stranger', email: 'nobody@delft.demo' },
      { sub: 'police-officer', email: 'politie@politie.demo' },
      { sub: 'delft-netwerk', email: 'netwerk@delft.demo' },
      { sub: 'delft-fg', email: 'fg@delft.demo' },
      { sub: 'ggz-worker', email: 'ggz@ggz.demo' },
      { sub: 'delft-entra', email: 'burgemeester@delft.demo', emailVerified: null },
    ],
  });
  t.deps.config.oidc = {
    issuer: idp.issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    organisation: 'Gemeente Delft',
    scopes: 'openid email profile',
    emailAlwaysVerified: false,
  };
});

afterAll(async () => {
  await idp?.close();
  await t?.close();
});

/** Starts at Schakel, signs in at the provider as `sub`; returns the browser and the callback URL. */
async function toCallback(sub: string, tamper?: (authUrl: URL) => void) {
  const browser = new Browser();
  const start = await browser.request(`${t.baseUrl}/api/v1/auth/oidc/start?provider=env`);
  expect(start.status).toBe(303);
  const authUrl = new URL(start.location ?? '');
  tamper?.(authUrl);
  const callback = await loginAtProvider(browser, authUrl.href, sub, callbackPrefix);
  return { browser, callback };
}

async function signInVia(sub: string) {
  const { browser, callback } = await toCallback(sub);
  const back = await browser.request(callback);
  return { browser, back };
}

async function me(browser: Browser) {
  const r = await browser.request(`${t.baseUrl}/api/v1/me`, { accept: 'application/json' });
  return { status: r.status, body: r.status === 200 ? await r.res.json() : await r.res.json().catch(() => null) };
}

async function refusals(code: string) {
  return t.db.owner
    .selectFrom('security_events')
    .selectAll()
    .where('kind', '=', 'sign_in_refused')
    .where('code', '=', code)
    .execute();
}

describe('single sign-on with the organisation’s OpenID provider', () => {
  it('shows the provider on the sign-in page as the organisation', async () => {
    const res = await t.client().get('/api/v1/auth/oidc/providers');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([{ id: 'env', name: 'Gemeente Delft' }]);
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce, bound to this browser by a cookie', async () => {
    const browser = new Browser();
    const start = await browser.request(`${t.baseUrl}/api/v1/auth/oidc/start?provider=env`);
    const url = new URL(start.location ?? '');
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('redirect_uri')).toBe(callbackPrefix);
    expect(url.searchParams.get('scope')).toBe('openid email profile');
    expect(browser.cookie(new URL(t.baseUrl).host, 'schakel_oidc')).toBeTruthy();
  });

  it('signs a pre-provisioned user in end to end; the roles are Schakel’s; the sign-in is logged with its method', async () => {
    const { browser, back } = await signInVia('delft-regisseur');
    expect(back.status).toBe(303);
    expect(back.location).toBe(`${t.baseUrl}/`);
    const m = await me(browser);
    expect(m.status).toBe(200);
    expect(m.body.user.email).toBe('regisseur@delft.demo');
    expect(m.body.user.role).toBe('process_director');
    expect(m.body.signedInWith).toBe('identity_provider');
    expect(m.body.secondFactorPending).toBe(false);
    // The subject is now linked to the account.
    const userId = await userIdByEmail(t, 'regisseur@delft.demo');
    const link = await t.db.owner.selectFrom('user_identities').selectAll().where('user_id', '=', userId).execute();
    expect(link.map((l) => [l.issuer, l.subject])).toEqual([[idp.issuer, 'delft-regisseur']]);
    const events = await t.db.owner
      .selectFrom('security_events')
      .selectAll()
      .where('user_id', '=', userId)
      .where('kind', '=', 'sign_in')
      .execute();
    expect(events.at(-1)).toMatchObject({ auth_method: 'oidc', code: 'SIGNED_IN', method: 'GET' });
    const logged = await t.db.owner
      .selectFrom('access_log')
      .selectAll()
      .where('subject_id', '=', userId)
      .where('purpose_type', '=', 'sign-in')
      .execute();
    expect(logged.at(-1)).toMatchObject({ purpose_id: 'oidc', record_type: 'session', action: 'create' });
  });

  it('matches the e-mail address in any case, and afterwards by the stored subject alone', async () => {
    const first = await signInVia('delft-coordinator');
    expect((await me(first.browser)).body.user.email).toBe('coordinator@delft.demo');
    // The account's address changes in Schakel: the subject still finds it.
    const userId = await userIdByEmail(t, 'coordinator@delft.demo');
    await t.db.owner.updateTable('users').set({ email: 'carla@delft.demo' }).where('id', '=', userId).execute();
    try {
      const again = await signInVia('delft-coordinator');
      expect((await me(again.browser)).body.user.id).toBe(userId);
    } finally {
      await t.db.owner.updateTable('users').set({ email: 'coordinator@delft.demo' }).where('id', '=', userId).execute();
    }
  });

  it('links an address without email_verified only where the provider is said to verify every address (Entra ID)', async () => {
    const refused = await signInVia('delft-entra');
    expect(refused.back.location).toBe(`${t.baseUrl}/inloggen?fout=oidc_unknown_account`);
    const env = t.deps.config.oidc as NonNullable<typeof t.deps.config.oidc>;
    t.deps.config.oidc = { ...env, emailAlwaysVerified: true };
    try {
      const { browser } = await signInVia('delft-entra');
      expect((await me(browser)).body.user.email).toBe('burgemeester@delft.demo');
    } finally {
      t.deps.config.oidc = env;
    }
  });

  it('ends an SSO session at once when the user is disabled or the grant is revoked', async () => {
    const { browser } = await signInVia('delft-netwerk');
    expect((await me(browser)).status).toBe(200);
    const userId = await userIdByEmail(t, 'netwerk@delft.demo');
    await t.db.owner.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', userId).execute();
    try {
      expect((await me(browser)).status).toBe(401);
      // …and a disabled account cannot come back through the provider either.
      const retry = await signInVia('delft-netwerk');
      expect(retry.back.location).toBe(`${t.baseUrl}/inloggen?fout=oidc_unknown_account`);
    } finally {
      await t.db.owner.updateTable('users').set({ disabled_at: null }).where('id', '=', userId).execute();
    }
    const again = await signInVia('delft-netwerk');
    expect((await me(again.browser)).status).toBe(200);
    await t.db.owner.updateTable('role_grants').set({ status: 'revoked' }).where('user_id', '=', userId).execute();
    expect((await me(again.browser)).status).toBe(401);
  });

  it('keeps the session to the idle timeout like any other', async () => {
    const { browser } = await signInVia('delft-fg');
    expect((await me(browser)).status).toBe(200);
    t.clock.advance(t.deps.config.sessionIdleMs + 1000);
    const after = await me(browser);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('SESSION_EXPIRED');
  });

  it('offers single logout: signing out returns the provider’s end-session address', async () => {
    const { browser } = await signInVia('delft-regisseur');
    const m = await me(browser);
    const host = new URL(t.baseUrl).host;
    const out = await fetch(`${t.baseUrl}/api/v1/auth/logout`, {
      method: 'POST',
      headers: {
        cookie: `schakel_session=${browser.cookie(host, 'schakel_session')}`,
        'x-csrf-token': m.body.csrfToken,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(out.status).toBe(200);
    const { endSessionUrl } = (await out.json()) as { endSessionUrl: string };
    const url = new URL(endSessionUrl);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('id_token_hint')).toBeTruthy();
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${t.baseUrl}/inloggen`);
    expect((await me(browser)).status).toBe(401);
  });
});

describe('bad answers: no session, no account, a clear reason and a security event', () => {
  async function expectRefused(
    browser: Browser,
    callback: string,
    refusal: string,
    before: Record<string, string> | null = null,
  ) {
    const users = await t.db.owner.selectFrom('users').select('id').execute();
    const back = await browser.request(callback);
    expect(back.status).toBe(303);
    expect(back.location).toBe(`${t.baseUrl}/inloggen?fout=${refusal}`);
    expect(browser.cookie(new URL(t.baseUrl).host, 'schakel_session')).toBeUndefined();
    expect((await me(browser)).status).toBe(401);
    expect((await t.db.owner.selectFrom('users').select('id').execute()).length).toBe(users.length);
    expect((await refusals(refusal.toUpperCase())).length).toBeGreaterThan(0);
    if (before) expect((await snapshot(t)).users).toBe(before.users);
  }

  it('a wrong state', async () => {
    const { browser, callback } = await toCallback('delft-regisseur');
    const tampered = new URL(callback);
    tampered.searchParams.set('state', 'not-the-state-we-sent');
    await expectRefused(browser, tampered.href, 'oidc_state');
  });

  it('a wrong nonce (the ID token answers another request)', async () => {
    const { browser, callback } = await toCallback('delft-regisseur', (u) => u.searchParams.set('nonce', 'forged'));
    await expectRefused(browser, callback, 'oidc_response');
  });

  it('a callback opened in another browser than the one that started the sign-in', async () => {
    const { callback } = await toCallback('delft-regisseur');
    await expectRefused(new Browser(), callback, 'oidc_no_transaction');
  });

  it('a callback used twice', async () => {
    const { browser, callback } = await toCallback('delft-regisseur');
    expect((await browser.request(callback)).location).toBe(`${t.baseUrl}/`);
    const replay = new Browser();
    await expectRefused(replay, callback, 'oidc_no_transaction');
  });

  it('an account the provider knows but Schakel does not (and an unverified e-mail address)', async () => {
    const before = await snapshot(t);
    const stranger = await toCallback('delft-stranger');
    await expectRefused(stranger.browser, stranger.callback, 'oidc_unknown_account', before);
    const unverified = await toCallback('delft-unverified');
    await expectRefused(unverified.browser, unverified.callback, 'oidc_unknown_account', before);
  });

  it('a user of another organisation than the provider’s (the police officer at the municipality’s provider)', async () => {
    const { browser, callback } = await toCallback('police-officer');
    await expectRefused(browser, callback, 'oidc_unknown_account');
  });

  it('an error from the provider, and an unknown provider', async () => {
    const { browser, callback } = await toCallback('delft-regisseur');
    const errored = new URL(callback);
    errored.search = `?error=access_denied&state=${new URL(callback).searchParams.get('state')}`;
    await expectRefused(browser, errored.href, 'oidc_provider_error');
    const unknown = await new Browser().request(`${t.baseUrl}/api/v1/auth/oidc/start?provider=nope`);
    expect(unknown.location).toBe(`${t.baseUrl}/inloggen?fout=oidc_unavailable`);
  });

  it('answers problem+json to a client that asks for JSON', async () => {
    const res = await new Browser().request(`${t.baseUrl}/api/v1/auth/oidc/callback?code=x&state=y`, {
      accept: 'application/json',
    });
    expect(res.status).toBe(401);
    expect(res.res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.res.json()) as { code: string }).code).toBe('OIDC_NO_TRANSACTION');
  });

  describe('ID tokens a certified provider never sends', () => {
    let hostile: Awaited<ReturnType<typeof startHostileProvider>>;
    let saved: typeof t.deps.config.oidc;
    beforeAll(async () => {
      hostile = await startHostileProvider({ clientId: CLIENT_ID, email: 'regisseur@delft.demo' });
      saved = t.deps.config.oidc;
      t.deps.config.oidc = { ...(saved as NonNullable<typeof saved>), issuer: hostile.issuer };
    });
    afterAll(async () => {
      t.deps.config.oidc = saved;
      await hostile.close();
    });

    for (const mode of ['wrong_issuer', 'wrong_audience', 'expired', 'unsigned'] as const) {
      it(mode.replace('_', ' '), async () => {
        hostile.mode = mode;
        const browser = new Browser();
        const start = await browser.request(`${t.baseUrl}/api/v1/auth/oidc/start?provider=env`);
        expect(new URL(start.location ?? '').origin).toBe(hostile.issuer);
        const atProvider = await browser.request(start.location ?? '');
        await expectRefused(browser, atProvider.location ?? '', 'oidc_response');
      });
    }
  });
});

describe('identity providers per region, configured by its admin', () => {
  it('keeps the secret write-only, lists the provider for sign-in, and signs in through it', async () => {
    const admin = await t.signIn('beheer@delft.demo');
    const orgs = await admin.get('/api/v1/organisations');
    const ggz = (orgs.body.items as Array<{ id: string; name: string }>).find((o) => o.name === 'GGZ Delfland');
    const created = await admin.post('/api/v1/identity-providers', {
      organisationId: ggz?.id,
      displayName: 'GGZ Delfland (Entra ID)',
      issuer: idp.issuer,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ clientSecretSet: true, scopes: 'openid email profile', enabled: true });
    expect(JSON.stringify(created.body)).not.toContain(CLIENT_SECRET);
    const stored = await t.db.owner
      .selectFrom('identity_providers')
      .select('client_secret_sealed')
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(stored.client_secret_sealed).not.toContain(CLIENT_SECRET);
    const listed = await t.client().get('/api/v1/auth/oidc/providers');
    expect(listed.body.items).toContainEqual({ id: created.body.id, name: 'GGZ Delfland (Entra ID)' });

    // The GGZ worker signs in through the GGZ's provider (sub unknown so far: matched by e-mail).
    const browser = new Browser();
    const start = await browser.request(`${t.baseUrl}/api/v1/auth/oidc/start?provider=${created.body.id}`);
    const callback = await loginAtProvider(browser, start.location ?? '', 'ggz-worker', callbackPrefix);
    expect((await browser.request(callback)).location).toBe(`${t.baseUrl}/`);
    const m = await me(browser);
    expect(m.body.user).toMatchObject({ email: 'ggz@ggz.demo', role: 'partner' });
    // The Delft provider does not sign GGZ staff in, though it is the same identity provider here.
    const viaDelft = await toCallback('ggz-worker');
    const refused = await viaDelft.browser.request(viaDelft.callback);
    expect(refused.location).toBe(`${t.baseUrl}/inloggen?fout=oidc_unknown_account`);
  });

  it('refuses a plain-http issuer that is not loopback, an organisation of another region, and a second provider', async () => {
    const admin = await t.signIn('beheer@delft.demo');
    const orgs = await admin.get('/api/v1/organisations');
    const om = (orgs.body.items as Array<{ id: string; name: string }>).find((o) => o.name === 'Openbaar Ministerie');
    const http = await admin.post('/api/v1/identity-providers', {
      organisationId: om?.id,
      displayName: 'OM',
      issuer: 'http://idp.om.example',
      clientId: 'x',
    });
    expectProblem(http, 400, 'INVALID_INPUT');
    expect(JSON.stringify(http.body)).toContain('/issuer');
    // A loopback http issuer only on a demo installation (as this test app is).
    t.deps.config.demo = false;
    try {
      const loopback = await admin.post('/api/v1/identity-providers', {
        organisationId: om?.id,
        displayName: 'OM',
        issuer: 'http://127.0.0.1:9/realms/x',
        clientId: 'x',
      });
      expectProblem(loopback, 422, 'BUSINESS_RULE');
      expect(loopback.body.errors[0].location.pointer).toBe('/issuer');
    } finally {
      t.deps.config.demo = true;
    }
    const delft = (orgs.body.items as Array<{ id: string; name: string }>).find((o) => o.name === 'Gemeente Delft');
    const first = await admin.post('/api/v1/identity-providers', {
      organisationId: delft?.id,
      displayName: 'Delft',
      issuer: 'https://login.delft.example',
      clientId: 'schakel',
    });
    expect(first.status).toBe(201);
    const second = await admin.post('/api/v1/identity-providers', {
      organisationId: delft?.id,
      displayName: 'Delft 2',
      issuer: 'https://login2.delft.example',
      clientId: 'schakel',
    });
    expectProblem(second, 409, 'CONFLICT');
    await admin.delete(`/api/v1/identity-providers/${first.body.id}`);
  });

  it('an admin of another region neither sees nor changes the region’s providers (404), and only admins reach them', async () => {
    const admin = await t.signIn('beheer@delft.demo');
    const orgs = await admin.get('/api/v1/organisations');
    const rec = (orgs.body.items as Array<{ id: string; name: string }>).find((o) => o.name === 'Reclassering');
    const created = await admin.post('/api/v1/identity-providers', {
      organisationId: rec?.id,
      displayName: 'Reclassering',
      issuer: 'https://login.reclassering.example',
      clientId: 'schakel',
    });
    expect(created.status).toBe(201);
    const mine = created.body;
    const other = await addRegion(t, 'regio-sso');
    const otherAdmin = await t.signIn(other.email);
    expect((await otherAdmin.get(`/api/v1/identity-providers/${mine.id}`)).status).toBe(404);
    const put = await otherAdmin.put(`/api/v1/identity-providers/${mine.id}`, {
      organisationId: other.organisationId,
      displayName: 'taken over',
      issuer: 'https://evil.example',
      clientId: 'x',
      version: mine.version,
    });
    expect(put.status).toBe(404);
    expect((await otherAdmin.delete(`/api/v1/identity-providers/${mine.id}`)).status).toBe(404);
    expect((await otherAdmin.get('/api/v1/identity-providers')).body.items).toEqual([]);
    const director = await t.signIn('regisseur@delft.demo');
    expect((await director.get('/api/v1/identity-providers')).status).toBe(403);
  });
});
