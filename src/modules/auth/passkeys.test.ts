/**
 * Passkeys (issue 15) over real HTTP with a WebAuthn authenticator in software: register, sign in with
 * password + passkey, remove; an assertion for another origin, a replayed one, or one of a removed
 * credential is refused without a session and written as a security event; the region's policy
 * requiring passkeys bites at once; a lost passkey is reset under four eyes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addRegion, expectProblem, userIdByEmail } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { SoftAuthenticator } from '../../../test/identity-peers.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';

let t: TestApp;
let origin: string;

beforeAll(async () => {
  t = await startTestApp();
  // The relying party: the host of PUBLIC_URL, here the test server's own address.
  origin = t.baseUrl;
  t.deps.config.publicUrl = t.baseUrl;
  return () => t.close();
});

async function register(c: Client, authenticator: SoftAuthenticator, name = 'Laptop') {
  const start = await c.post('/api/v1/me/passkeys/registration-options');
  expect(start.status).toBe(200);
  return c.post('/api/v1/me/passkeys', { name, response: authenticator.register(start.body.options, origin) });
}

async function passkeySignIn(email: string, authenticator: SoftAuthenticator, at = origin) {
  const c = t.client();
  const options = await c.post('/api/v1/auth/login/passkey-options', { email, password: DEMO_PASSWORD });
  expect(options.status).toBe(200);
  const assertion = authenticator.assert(options.body.options, at);
  const login = await c.post('/api/v1/auth/login', { email, password: DEMO_PASSWORD, passkey: assertion });
  return { c, login, assertion };
}

async function refusedPasskeys(userId: string) {
  const rows = await t.db.owner
    .selectFrom('security_events')
    .select('code')
    .where('user_id', '=', userId)
    .where('kind', '=', 'sign_in_refused')
    .execute();
  return rows.filter((r) => r.code === 'PASSKEY_INVALID').length;
}

describe('passkeys', () => {
  it('registers a passkey and signs in with password + passkey; the sign-in records its method', async () => {
    const c = await t.signIn('coordinator@delft.demo');
    const key = new SoftAuthenticator();
    const created = await register(c, key);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Laptop', lastUsedAt: null });
    const list = await c.get('/api/v1/me/passkeys');
    expect(list.body.items.map((p: { name: string }) => p.name)).toEqual(['Laptop']);

    const { c: second, login } = await passkeySignIn('coordinator@delft.demo', key);
    expect(login.status).toBe(200);
    expect(login.body.signedInWith).toBe('passkey');
    expect((await second.get('/api/v1/cases')).status).toBe(200);
    const userId = await userIdByEmail(t, 'coordinator@delft.demo');
    const event = await t.db.owner
      .selectFrom('security_events')
      .selectAll()
      .where('user_id', '=', userId)
      .where('kind', '=', 'sign_in')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.auth_method).toBe('password_passkey');
  });

  it('refuses an assertion made for another origin, a replayed one, and one of a removed credential — no session, a security event', async () => {
    const c = await t.signIn('ggz@ggz.demo');
    const key = new SoftAuthenticator();
    const created = await register(c, key);
    expect(created.status).toBe(201);
    const userId = await userIdByEmail(t, 'ggz@ggz.demo');
    const before = await refusedPasskeys(userId);

    // Phished: the same authenticator answering a look-alike site.
    const phished = await passkeySignIn('ggz@ggz.demo', key, 'https://schakel-login.example');
    expectProblem(phished.login, 401, 'INVALID_CREDENTIALS');
    expect(phished.login.headers.get('set-cookie')).toBeNull();

    // Replayed: a good assertion, sent again.
    const good = await passkeySignIn('ggz@ggz.demo', key);
    expect(good.login.status).toBe(200);
    const replay = await t.client().post('/api/v1/auth/login', {
      email: 'ggz@ggz.demo',
      password: DEMO_PASSWORD,
      passkey: good.assertion,
    });
    expectProblem(replay, 401, 'INVALID_CREDENTIALS');

    // Removed: the credential is gone, its signatures with it.
    const removed = await c.delete(`/api/v1/me/passkeys/${created.body.id}`);
    expect(removed.status).toBe(204);
    const options = await t.client().post('/api/v1/auth/login/passkey-options', {
      email: 'ggz@ggz.demo',
      password: DEMO_PASSWORD,
    });
    // No passkey left: no options either (fails like a wrong password).
    expectProblem(options, 401, 'INVALID_CREDENTIALS');
    expect(await refusedPasskeys(userId)).toBe(before + 2);
  });

  it('refuses an assertion of another user’s passkey, and options without the right password', async () => {
    const mine = await t.signIn('politie@politie.demo');
    const key = new SoftAuthenticator();
    expect((await register(mine, key)).status).toBe(201);
    const wrong = await t.client().post('/api/v1/auth/login/passkey-options', {
      email: 'politie@politie.demo',
      password: 'not-the-password',
    });
    expectProblem(wrong, 401, 'INVALID_CREDENTIALS');
    // Another user's challenge, signed with this user's key.
    const other = await t.signIn('netwerk@delft.demo');
    const otherKey = new SoftAuthenticator();
    expect((await register(other, otherKey)).status).toBe(201);
    const c = t.client();
    const options = await c.post('/api/v1/auth/login/passkey-options', {
      email: 'netwerk@delft.demo',
      password: DEMO_PASSWORD,
    });
    const login = await c.post('/api/v1/auth/login', {
      email: 'netwerk@delft.demo',
      password: DEMO_PASSWORD,
      passkey: key.assert(options.body.options, origin),
    });
    expectProblem(login, 401, 'INVALID_CREDENTIALS');
  });

  it('removes only your own passkeys (404 for another user’s)', async () => {
    const a = await t.signIn('regisseur@rijswijk.demo');
    const created = await register(a, new SoftAuthenticator());
    const b = await t.signIn('expert@pool.demo');
    expect((await b.delete(`/api/v1/me/passkeys/${created.body.id}`)).status).toBe(404);
    expect((await a.get('/api/v1/me/passkeys')).body.items).toHaveLength(1);
  });

  it('a new account can enrol a passkey instead of an authenticator app', async () => {
    const admin = await t.signIn('beheer@delft.demo');
    const approver = await t.signIn('beheer2@delft.demo');
    const { createUserWithRole, firstSignIn, organisationId } = await import('../../../test/fixtures.js');
    await createUserWithRole(admin, approver, {
      email: 'nieuw.passkey@delft.demo',
      name: 'Nina Nieuw',
      role: 'case_coordinator',
      organisationId: await organisationId(admin, 'Gemeente Delft'),
      initialPassword: 'Eerste-wachtwoord-2024!',
    });
    const c = await firstSignIn(t, 'nieuw.passkey@delft.demo', 'Eerste-wachtwoord-2024!', 'Kwartel-Lantaarn-93!x');
    expectProblem(await c.get('/api/v1/cases'), 403, 'ENROLMENT_REQUIRED');
    expect((await c.get('/api/v1/me')).body.secondFactorPending).toBe(true);
    expect((await register(c, new SoftAuthenticator())).status).toBe(201);
    expect((await c.get('/api/v1/cases')).status).toBe(200);
    expect((await c.get('/api/v1/me')).body).toMatchObject({ secondFactorPending: false, secondFactorEnrolled: true });
  });
});

describe('the region’s policy: passkeys required for roles that see personal data', () => {
  it('bites at once on a session made with an authenticator app; a registered passkey lifts it; aggregate roles are untouched', async () => {
    const admin = await t.signIn('beheer@delft.demo');
    const director = await t.signIn('regisseur@delft.demo');
    const executive = await t.signIn('burgemeester@delft.demo');
    expect((await director.get('/api/v1/cases')).status).toBe(200);
    const policy = await admin.get('/api/v1/sign-in-policy');
    expect(policy.body).toEqual({ passkeysRequired: false, version: 1 });
    // The admin would lock themselves out: a passkey of their own first.
    expectProblem(await admin.put('/api/v1/sign-in-policy', { passkeysRequired: true, version: 1 }), 422);
    expect((await register(admin, new SoftAuthenticator(), 'Beheer-sleutel')).status).toBe(201);
    const set = await admin.put('/api/v1/sign-in-policy', { passkeysRequired: true, version: 1 });
    expect(set.status).toBe(200);
    try {
      expectProblem(await director.get('/api/v1/cases'), 403, 'ENROLMENT_REQUIRED');
      expect((await director.get('/api/v1/me')).body).toMatchObject({
        passkeyRequired: true,
        secondFactorPending: true,
      });
      // A TOTP sign-in now only reaches enrolment; a passkey registration completes it.
      const key = new SoftAuthenticator();
      expect((await register(director, key)).status).toBe(201);
      expect((await director.get('/api/v1/cases')).status).toBe(200);
      // The next sign-in with the authenticator app alone is not enough; with the passkey it is.
      const viaApp = await t.signIn('regisseur@delft.demo');
      expectProblem(await viaApp.get('/api/v1/cases'), 403, 'ENROLMENT_REQUIRED');
      const { c: viaPasskey } = await passkeySignIn('regisseur@delft.demo', key);
      expect((await viaPasskey.get('/api/v1/cases')).status).toBe(200);
      // The last passkey cannot be removed while the policy stands.
      const list = await viaPasskey.get('/api/v1/me/passkeys');
      expectProblem(await viaPasskey.delete(`/api/v1/me/passkeys/${list.body.items[0].id}`), 422, 'BUSINESS_RULE');
      // The mayor sees only aggregates: no second factor demanded.
      expect((await executive.get('/api/v1/me')).body.secondFactorPending).toBe(false);
      // Only an admin sets the policy.
      expectProblem(await director.put('/api/v1/sign-in-policy', { passkeysRequired: false, version: 2 }), 403);
    } finally {
      const now = await admin.get('/api/v1/sign-in-policy');
      await admin.put('/api/v1/sign-in-policy', { passkeysRequired: false, version: now.body.version });
    }
    expect((await viaAppAfter()).status).toBe(200);
  });

  async function viaAppAfter() {
    const c = await t.signIn('regisseur@delft.demo');
    return c.get('/api/v1/cases');
  }
});

describe('a lost passkey: reset under four eyes', () => {
  it('one admin asks, not the same admin approves; on approval the passkeys go and every session ends', async () => {
    const user = await t.signIn('expert@pool.demo');
    const key = new SoftAuthenticator();
    expect((await register(user, key)).status).toBe(201);
    const userId = await userIdByEmail(t, 'expert@pool.demo');
    const admin = await t.signIn('beheer@delft.demo');
    const second = await t.signIn('beheer2@delft.demo');

    const asked = await admin.post(`/api/v1/users/${userId}/passkey-resets`, { reason: 'Telefoon verloren' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', userName: 'Ed Expert', requestedByName: 'Bart Beheer' });
    expectProblem(await admin.post(`/api/v1/users/${userId}/passkey-resets`, { reason: 'nogmaals' }), 409);
    expectProblem(
      await admin.post(`/api/v1/passkey-resets/${asked.body.id}/decision`, { decision: 'approved' }),
      403,
      'FOUR_EYES_REQUIRED',
    );
    expect((await user.get('/api/v1/me')).status).toBe(200);

    // An admin of another region cannot see or decide it.
    const other = await addRegion(t, 'regio-passkey');
    const otherAdmin = await t.signIn(other.email);
    expect(
      (await otherAdmin.post(`/api/v1/passkey-resets/${asked.body.id}/decision`, { decision: 'approved' })).status,
    ).toBe(404);
    expect((await otherAdmin.get('/api/v1/passkey-resets')).body.items).toEqual([]);

    const approved = await second.post(`/api/v1/passkey-resets/${asked.body.id}/decision`, { decision: 'approved' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedByName: 'Bianca Beheer' });
    expect((await user.get('/api/v1/me')).status).toBe(401);
    const left = await t.db.owner
      .selectFrom('webauthn_credentials')
      .select('id')
      .where('user_id', '=', userId)
      .execute();
    expect(left).toEqual([]);
    // The user comes back with password + authenticator app, and registers a new passkey.
    const back = await t.signIn('expert@pool.demo');
    expect((await register(back, new SoftAuthenticator(), 'Nieuwe telefoon')).status).toBe(201);
  });

  it('an admin cannot ask a reset of their own passkeys', async () => {
    const admin = await t.signIn('beheer@delft.demo');
    const self = await userIdByEmail(t, 'beheer@delft.demo');
    expectProblem(
      await admin.post(`/api/v1/users/${self}/passkey-resets`, { reason: 'zelf' }),
      403,
      'FOUR_EYES_REQUIRED',
    );
  });
});
