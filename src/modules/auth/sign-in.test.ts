import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, totpNow } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('sign-in', () => {
  it('signs in with password and TOTP and returns the user with a CSRF token', async () => {
    const c = t.client();
    const res = await c.post('/api/v1/auth/login', {
      email: 'regisseur@delft.demo',
      password: 'demo-schakel',
      totp: await totpNow(),
    });
    expect(res.status).toBe(200);
    expect(res.body.user.role).toBe('process_director');
    expect(res.body.csrfToken).toEqual(expect.any(String));
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await c.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('regisseur@delft.demo');
  });
});
