import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../../../test/fixtures.js';
import { startTestApp, type TestApp, totpNow } from '../../../test/harness.js';

// The server's clock is moved forward in this file; every test signs in afresh.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const MINUTE = 60_000;

describe('idle timeout (SESSION_IDLE_MINUTES = 15)', () => {
  it('ends a session that was idle for 16 minutes with 401 SESSION_EXPIRED, and for good', async () => {
    expect(t.deps.config.sessionIdleMs).toBe(15 * MINUTE);
    const c = await t.signIn('regisseur@delft.demo');
    const me = await c.get('/api/v1/me');
    expect(me.status).toBe(200);
    const sessions = () =>
      t.db.owner.selectFrom('sessions').select('id_hash').where('user_id', '=', me.body.user.id).execute();
    expect(await sessions()).toHaveLength(1);
    t.clock.advance(16 * MINUTE);
    expectProblem(await c.get('/api/v1/me'), 401, 'SESSION_EXPIRED');
    // The session is gone, not merely refused once.
    expect(await sessions()).toHaveLength(0);
    expectProblem(await c.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
  });

  it('allows 15 minutes of idleness but not a second more', async () => {
    const a = await t.signIn('coordinator@delft.demo');
    const b = await t.signIn('politie@politie.demo');
    t.clock.advance(15 * MINUTE - 2_000);
    expect((await a.get('/api/v1/me')).status).toBe(200);
    t.clock.advance(4_000);
    expectProblem(await b.get('/api/v1/me'), 401, 'SESSION_EXPIRED');
  });

  it('keeps a session alive while it is used within every 15 minutes', async () => {
    const c = await t.signIn('ggz@ggz.demo');
    for (let i = 0; i < 6; i++) {
      t.clock.advance(14 * MINUTE);
      expect((await c.get('/api/v1/organisations')).status, `after ${(i + 1) * 14} minutes`).toBe(200);
    }
  });

  it('answers an expired session on a mutating request with 401, not a CSRF error, and changes nothing', async () => {
    const admin = await t.signIn('beheer@delft.demo');
    t.clock.advance(16 * MINUTE);
    const res = await admin.post('/api/v1/organisations', { name: 'Te laat', type: 'other' });
    expectProblem(res, 401, 'SESSION_EXPIRED');
    const row = await t.db.owner
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', 'Te laat')
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('an expired session does not come back when the clock is read again later', async () => {
    const c = await t.signIn('expert@pool.demo');
    t.clock.advance(20 * MINUTE);
    expectProblem(await c.get('/api/v1/me'), 401, 'SESSION_EXPIRED');
    const fresh = await t.signIn('expert@pool.demo');
    expect((await fresh.get('/api/v1/me')).status).toBe(200);
    expectProblem(await c.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
  });
});

describe('absolute lifetime (SESSION_MAX_HOURS = 12)', () => {
  it('ends a session after 12 hours even when it was used all the time', async () => {
    expect(t.deps.config.sessionMaxMs).toBe(12 * 60 * MINUTE);
    const c = await t.signIn('fg@delft.demo');
    let elapsed = 0;
    // Activity every 14 minutes up to just before the 12 hours.
    while (elapsed + 14 * MINUTE < 12 * 60 * MINUTE) {
      t.clock.advance(14 * MINUTE);
      elapsed += 14 * MINUTE;
      expect((await c.get('/api/v1/me')).status, `after ${elapsed / MINUTE} minutes`).toBe(200);
    }
    t.clock.advance(12 * 60 * MINUTE - elapsed);
    expectProblem(await c.get('/api/v1/me'), 401, 'SESSION_EXPIRED');
  });

  it('gives the session cookie the same lifetime', async () => {
    const c = t.client();
    const res = await c.post('/api/v1/auth/login', {
      email: 'netwerk@delft.demo',
      password: 'demo-schakel',
      totp: await totpNow(),
    });
    expect(res.headers.get('set-cookie')).toMatch(/Max-Age=43200/i);
  });
});

describe('session touch (at most once a minute)', () => {
  it('writes last_seen_at only when the last touch is a minute old, and measures idleness from that touch', async () => {
    const c = await t.signIn('regisseur@rijswijk.demo');
    const me = await c.get('/api/v1/me');
    const lastSeen = async () =>
      (
        await t.db.owner
          .selectFrom('sessions')
          .select('last_seen_at')
          .where('user_id', '=', me.body.user.id)
          .executeTakeFirstOrThrow()
      ).last_seen_at.getTime();
    const first = await lastSeen();
    t.clock.advance(30_000);
    expect((await c.get('/api/v1/me')).status).toBe(200);
    expect(await lastSeen()).toBe(first);
    t.clock.advance(31_000);
    expect((await c.get('/api/v1/me')).status).toBe(200);
    const touched = await lastSeen();
    expect(touched).toBeGreaterThan(first);
    // Used again 30 s later (no write), then idle: the 15 minutes count from the touch, not the use.
    t.clock.advance(30_000);
    expect((await c.get('/api/v1/me')).status).toBe(200);
    expect(await lastSeen()).toBe(touched);
    t.clock.advance(14 * MINUTE + 31_000);
    expectProblem(await c.get('/api/v1/me'), 401, 'SESSION_EXPIRED');
  });
});
