import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, organisationId } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp, totpNow } from '../../../test/harness.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn('beheer@delft.demo');
});
afterAll(async () => {
  await t?.close();
});

async function getUser(email: string) {
  const list = await admin.get('/api/v1/users?limit=200');
  const user = list.body.items.find((u: { email: string }) => u.email === email);
  if (!user) throw new Error(`no user ${email}`);
  return user as { id: string; name: string; role: string; organisationId: string; locale: string; version: number };
}

function updateOf(u: Awaited<ReturnType<typeof getUser>>, change: Record<string, unknown>) {
  return {
    name: u.name,
    organisationId: u.organisationId,
    locale: u.locale,
    disabled: false,
    version: u.version,
    ...change,
  };
}

describe('disabling a user', () => {
  const email = 'coordinator@delft.demo';
  let session: Client;
  let token: string;

  beforeAll(async () => {
    session = await t.signIn(email);
    const created = await session.post('/api/v1/me/api-tokens', {
      name: 'script',
      expiresInDays: 7,
      access: 'read_write',
      resources: null,
    });
    expect(created.status).toBe(201);
    token = created.body.token;
  });

  it('ends the user’s sessions at once, stops their API tokens and refuses sign-in', async () => {
    const bearer = t.client();
    bearer.bearer = token;
    expect((await session.get('/api/v1/me')).status).toBe(200);
    expect((await bearer.get('/api/v1/me')).status).toBe(200);

    const user = await getUser(email);
    const res = await admin.put(`/api/v1/users/${user.id}`, updateOf(user, { disabled: true }));
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    expect(res.body.version).toBe(user.version + 1);

    expectProblem(await session.get('/api/v1/me'), 401);
    expectProblem(await session.get('/api/v1/organisations'), 401);
    expectProblem(await bearer.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    expectProblem(await bearer.get('/api/v1/organisations'), 401, 'UNAUTHENTICATED');

    const login = await t.client().post('/api/v1/auth/login', {
      email,
      password: DEMO_PASSWORD,
      totp: await totpNow(),
    });
    expectProblem(login, 401, 'INVALID_CREDENTIALS');
    // Same answer as for a wrong password: a disabled account is not revealed.
    const wrong = await t.client().post('/api/v1/auth/login', {
      email: 'politie@politie.demo',
      password: 'wrong-password',
      totp: await totpNow(),
    });
    expect(login.body).toEqual(wrong.body);

    const tokens = await t.db.owner
      .selectFrom('api_tokens')
      .select('revoked_at')
      .where('user_id', '=', user.id)
      .execute();
    expect(tokens.length).toBeGreaterThan(0);
    for (const row of tokens) expect(row.revoked_at).not.toBeNull();
    const sessions = await t.db.owner.selectFrom('sessions').select('id_hash').where('user_id', '=', user.id).execute();
    expect(sessions).toHaveLength(0);
  });

  it('a session is refused even if its row survived (the user check is part of every request)', async () => {
    const email = 'expert@pool.demo';
    const c = await t.signIn(email);
    const user = await getUser(email);
    // Disable behind the API's back: the session row stays, the request must still be refused.
    await t.db.owner.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', user.id).execute();
    expectProblem(await c.get('/api/v1/me'), 401);
    await t.db.owner.updateTable('users').set({ disabled_at: null }).where('id', '=', user.id).execute();
    expect((await c.get('/api/v1/me')).status).toBe(200);
  });

  it('re-enabled, the user can sign in again; the old sessions and tokens stay dead', async () => {
    const user = await getUser(email);
    const res = await admin.put(`/api/v1/users/${user.id}`, updateOf(user, { disabled: false }));
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(false);
    expectProblem(await session.get('/api/v1/me'), 401);
    const bearer = t.client();
    bearer.bearer = token;
    expectProblem(await bearer.get('/api/v1/me'), 401);
    const again = await t.signIn(email);
    expect((await again.get('/api/v1/me')).status).toBe(200);
  });
});

describe('changing a user', () => {
  it('a new role ends the user’s sessions (they sign in again with the new rights)', async () => {
    const email = 'netwerk@delft.demo';
    const c = await t.signIn(email);
    const user = await getUser(email);
    // A role without personal data takes one admin: in effect at once.
    const res = await admin.post('/api/v1/role-grants', {
      userId: user.id,
      role: 'policy_officer',
      reason: 'Gaat het programma doen',
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('active');
    expect((await getUser(email)).role).toBe('policy_officer');
    expectProblem(await c.get('/api/v1/me'), 401);
    const again = await t.signIn(email);
    expect((await again.get('/api/v1/me')).body.user.role).toBe('policy_officer');
  });

  it('a name change keeps the sessions', async () => {
    const email = 'ggz@ggz.demo';
    const c = await t.signIn(email);
    const user = await getUser(email);
    const res = await admin.put(`/api/v1/users/${user.id}`, updateOf(user, { name: 'Gerda G.' }));
    expect(res.status).toBe(200);
    expect((await c.get('/api/v1/me')).status).toBe(200);
  });

  it('refuses an organisation outside the region with 422 naming /organisationId', async () => {
    const user = await getUser('ggz@ggz.demo');
    const res = await admin.put(
      `/api/v1/users/${user.id}`,
      updateOf(user, { organisationId: '00000000-0000-4000-8000-000000000000' }),
    );
    expectProblem(res, 422, 'BUSINESS_RULE');
    expect(res.body.errors[0].location.pointer).toBe('/organisationId');
  });

  it('a second-factor reset ends the sessions and makes the user enrol again', async () => {
    const email = 'politie@politie.demo';
    const c = await t.signIn(email);
    const user = await getUser(email);
    const res = await admin.post(`/api/v1/users/${user.id}/second-factor-reset`, {});
    expect(res.status).toBe(200);
    expect(res.body.secondFactorEnrolled).toBe(false);
    expectProblem(await c.get('/api/v1/me'), 401);
    // The old code no longer counts: the password alone opens an enrolment-only session.
    const again = t.client();
    const login = await again.post('/api/v1/auth/login', { email, password: DEMO_PASSWORD, totp: await totpNow() });
    expect(login.status).toBe(200);
    expect(login.body.secondFactorEnrolled).toBe(false);
    expectProblem(await again.get('/api/v1/organisations'), 403, 'ENROLMENT_REQUIRED');
  });
});

describe('listing users', () => {
  it('pages with a cursor through every user of the region, each once', async () => {
    const all = await admin.get('/api/v1/users?limit=200');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } =
        await admin.get(`/api/v1/users?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.items.map((u) => u.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((u: { id: string }) => u.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters by organisation and role', async () => {
    const politie = await organisationId(admin, 'Politie');
    const res = await admin.get(`/api/v1/users?organisationId=${politie}`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const u of res.body.items) expect(u.organisationId).toBe(politie);
    const admins = await admin.get('/api/v1/users?role=admin');
    for (const u of admins.body.items) expect(u.role).toBe('admin');
  });
});
