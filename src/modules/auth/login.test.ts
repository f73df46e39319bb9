import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, userIdByEmail } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp, totpNow } from '../../../test/harness.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { emailKey } from './throttle.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const login = async (c: Client, email: string, password = DEMO_PASSWORD, totp?: string | null) =>
  c.post('/api/v1/auth/login', {
    email,
    password,
    ...(totp === null ? {} : { totp: totp ?? (await totpNow()) }),
  });

/** Another code than the current one (and not one of its neighbours the server still accepts). */
async function wrongTotp(): Promise<string> {
  const now = await totpNow();
  return String((Number(now) + 500_000) % 1_000_000).padStart(6, '0');
}

function cookieValue(res: { headers: Headers }): string {
  const header = res.headers.get('set-cookie') ?? '';
  const match = /schakel_session=([^;]*)/.exec(header);
  return match?.[1] ?? '';
}

describe('sign-in', () => {
  it('signs in with e-mail (any case), password and TOTP; the cookie is httpOnly and SameSite=Strict', async () => {
    const c = t.client();
    const res = await login(c, 'Coordinator@Delft.DEMO');
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: 'coordinator@delft.demo', role: 'case_coordinator' });
    expect(res.body.secondFactorEnrolled).toBe(true);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^schakel_session=[A-Za-z0-9_-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\//i);
    // Nothing secret in the body: no session id, no hash, no TOTP secret.
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(cookieValue(res));
    // (mustChangePassword is a flag, not a password: left out of the scan.)
    expect(text.replace('"mustChangePassword"', '')).not.toMatch(/argon2|password|totpSecret|JBSWY3DPEHPK3PXP/i);
    expect((await c.get('/api/v1/me')).status).toBe(200);
  });

  it('refuses a wrong password with 401 INVALID_CREDENTIALS and sets no cookie', async () => {
    const res = await login(t.client(), 'politie@politie.demo', 'not-the-password');
    expectProblem(res, 401, 'INVALID_CREDENTIALS');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a wrong TOTP code with 401', async () => {
    const res = await login(t.client(), 'ggz@ggz.demo', DEMO_PASSWORD, await wrongTotp());
    expectProblem(res, 401, 'INVALID_CREDENTIALS');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a missing TOTP code for an enrolled user with 401', async () => {
    const res = await login(t.client(), 'expert@pool.demo', DEMO_PASSWORD, null);
    expectProblem(res, 401, 'INVALID_CREDENTIALS');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('answers an unknown e-mail address exactly like a wrong password (no user enumeration)', async () => {
    const unknown = await login(t.client(), 'niemand@delft.demo', 'not-the-password');
    const wrong = await login(t.client(), 'regisseur@rijswijk.demo', 'not-the-password');
    expectProblem(unknown, 401, 'INVALID_CREDENTIALS');
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.headers.get('content-type')).toBe(wrong.headers.get('content-type'));
    const knownWithCorrectPasswordWrongCode = await login(
      t.client(),
      'regisseur@rijswijk.demo',
      DEMO_PASSWORD,
      await wrongTotp(),
    );
    expect(knownWithCorrectPasswordWrongCode.body).toEqual(unknown.body);
  });
});

describe('lockout', () => {
  const email = 'netwerk@delft.demo';

  it('locks an account after LOGIN_MAX_FAILURES failures: 429 with Retry-After even with the right password', async () => {
    expect(t.deps.config.loginMaxFailures).toBe(5);
    for (let i = 0; i < 5; i++) {
      expectProblem(await login(t.client(), email, `wrong-${i}`), 401, 'INVALID_CREDENTIALS');
    }
    const locked = await login(t.client(), email);
    expectProblem(locked, 429, 'RATE_LIMITED');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(locked.headers.get('set-cookie')).toBeNull();
    // Other accounts are not affected.
    expect((await login(t.client(), 'coordinator@delft.demo')).status).toBe(200);
  });

  it('doubles the lock after each further failure once the lock has run out (progressive delay)', async () => {
    // Let the 30 s lock run out without waiting for it.
    await t.db.owner
      .updateTable('login_throttle')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('key_hash', '=', emailKey(email))
      .execute();
    expectProblem(await login(t.client(), email, 'wrong-again'), 401, 'INVALID_CREDENTIALS');
    const locked = await login(t.client(), email);
    expectProblem(locked, 429, 'RATE_LIMITED');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(30);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('locks an unknown e-mail address alike, with the same answers as for an existing account', async () => {
    const unknown = 'nog-niemand@delft.demo';
    const known = 'fg@delft.demo';
    for (let i = 0; i < 5; i++) {
      const a = await login(t.client(), unknown, `wrong-${i}`);
      const b = await login(t.client(), known, `wrong-${i}`);
      expectProblem(a, 401, 'INVALID_CREDENTIALS');
      expect(a.body).toEqual(b.body);
    }
    const a = await login(t.client(), unknown);
    const b = await login(t.client(), known);
    expectProblem(a, 429, 'RATE_LIMITED');
    expectProblem(b, 429, 'RATE_LIMITED');
    expect(a.body).toEqual(b.body);
    expect(Number(a.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('does not lock below the limit, and a successful sign-in resets the count', async () => {
    const email = 'burgemeester@delft.demo';
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) {
        expectProblem(await login(t.client(), email, `wrong-${i}`), 401, 'INVALID_CREDENTIALS');
      }
      expect((await login(t.client(), email)).status).toBe(200);
    }
  });
});

describe('sessions', () => {
  it('gives a new session id at every sign-in, also to a client that already had one', async () => {
    const c = t.client();
    const first = await login(c, 'beleid@delft.demo');
    const firstCookie = c.cookie;
    expect(first.status).toBe(200);
    // Sign in again on the same client (it sends the old cookie along): a fresh id, never the old one.
    const second = await login(c, 'beleid@delft.demo');
    expect(second.status).toBe(200);
    expect(cookieValue(second)).not.toBe('');
    expect(cookieValue(second)).not.toBe(cookieValue(first));
    expect(second.body.csrfToken).not.toBe(first.body.csrfToken);
    const other = await login(t.client(), 'beleid@delft.demo');
    expect(new Set([cookieValue(first), cookieValue(second), cookieValue(other)]).size).toBe(3);

    // The old session is a separate session: ending the new one leaves it alone.
    const old = t.client();
    old.cookie = firstCookie;
    expect((await old.get('/api/v1/me')).status).toBe(200);
    expect((await c.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await old.get('/api/v1/me')).status).toBe(200);
  });

  it('stores sessions only as hashes', async () => {
    const c = t.client();
    const res = await login(c, 'regisseur@delft.demo');
    const token = cookieValue(res);
    const userId = await userIdByEmail(t, 'regisseur@delft.demo');
    const rows = await t.db.owner.selectFrom('sessions').selectAll().where('user_id', '=', userId).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.id_hash).not.toBe(token);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('ends the session at logout: the cookie is cleared and no longer works', async () => {
    const c = await t.signIn('regisseur@delft.demo');
    const cookie = c.cookie;
    expect((await c.get('/api/v1/me')).status).toBe(200);
    const out = await c.post('/api/v1/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/schakel_session=;/);
    expectProblem(await c.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    const replay = t.client();
    replay.cookie = cookie;
    expectProblem(await replay.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    expectProblem(await replay.get('/api/v1/organisations'), 401, 'UNAUTHENTICATED');
  });

  it('refuses a made-up session cookie', async () => {
    const c = t.client();
    c.cookie = 'schakel_session=made-up-session-id';
    expectProblem(await c.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
  });
});

describe('per-address rate limit', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ config: { loginRatePerMinute: 3, cookieSecure: true } });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('refuses the attempt over LOGIN_RATE_PER_MINUTE from one address with 429 and Retry-After', async () => {
    const results = [
      await login(limited.client(), 'politie@politie.demo', 'wrong'),
      await login(limited.client(), 'onbekend@politie.demo', 'wrong'),
      await login(limited.client(), 'ggz@ggz.demo'),
    ];
    expect(results.map((r) => r.status)).toEqual([401, 401, 200]);
    // (COOKIE_SECURE=true in this app: the session cookie is only ever sent over HTTPS.)
    expect(results[2]?.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    // Over the rate: refused even for another, correct account.
    const over = await login(limited.client(), 'regisseur@delft.demo');
    expectProblem(over, 429, 'RATE_LIMITED');
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(over.headers.get('set-cookie')).toBeNull();
  });

  it('cannot be dodged with an X-Forwarded-For header (no proxy is trusted by default)', async () => {
    const c = limited.client();
    const res = await c.post(
      '/api/v1/auth/login',
      { email: 'regisseur@delft.demo', password: DEMO_PASSWORD, totp: await totpNow() },
      { 'x-forwarded-for': '203.0.113.7' },
    );
    expectProblem(res, 429, 'RATE_LIMITED');
  });
});
