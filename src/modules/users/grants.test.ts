/**
 * Role grants per region: four eyes for every role that sees personal data (one admin cannot make a
 * grant take effect), decisions and their errors, immediate revocation, and the database's own
 * four-eyes constraint.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, organisationId, snapshot } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp, totpNow } from '../../../test/harness.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { withTx } from '../../platform/db/database.js';

let t: TestApp;
let admin: Client;
let admin2: Client;
let delftId: string;
let regionId: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn('beheer@delft.demo');
  admin2 = await t.signIn('beheer2@delft.demo');
  delftId = await organisationId(admin, 'Gemeente Delft');
  regionId = (await admin.get('/api/v1/me')).body.region.id;
});
afterAll(async () => {
  await t?.close();
});

const initialPassword = 'tijdelijk-startwachtwoord-42';

async function newUser(email: string, role: string) {
  const res = await admin.post('/api/v1/users', {
    email,
    name: `Nieuw ${role}`,
    role,
    reason: 'Nieuwe collega',
    organisationId: delftId,
    initialPassword,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; role: string | null; requestedRole: string | null };
}

async function openRequestOf(userId: string) {
  const res = await admin2.get(`/api/v1/role-grants?userId=${userId}&status=requested`);
  expect(res.status).toBe(200);
  return res.body.items[0] as { id: string; version: number; status: string; role: string };
}

async function securityEvents(code: string) {
  return withTx(t.db, { regionId }, (tx) =>
    tx.selectFrom('security_events').selectAll().where('code', '=', code).execute(),
  );
}

describe('four eyes', () => {
  it('one admin cannot make a grant for a role with personal data take effect', async () => {
    const user = await newUser('vier.ogen@delft.demo', 'process_director');
    expect(user.role).toBeNull();
    expect(user.requestedRole).toBe('process_director');
    const grant = await openRequestOf(user.id);
    expect(grant.status).toBe('requested');

    // Until approved the grant has no effect: the account cannot even sign in to a region.
    const login = await t
      .client()
      .post('/api/v1/auth/login', { email: 'vier.ogen@delft.demo', password: initialPassword });
    expectProblem(login, 422, 'NO_ROLE');

    // The requester approving their own request: 403, nothing changes, a security event.
    const before = await snapshot(t);
    const self = await admin.post(`/api/v1/role-grants/${grant.id}/approval`, { version: grant.version });
    expectProblem(self, 403, 'FOUR_EYES_REQUIRED');
    expect(await snapshot(t)).toEqual(before);
    expect((await admin.get(`/api/v1/role-grants/${grant.id}`)).body.status).toBe('requested');
    expect((await securityEvents('FOUR_EYES_REQUIRED')).length).toBeGreaterThan(0);

    // A stale version: 409, nothing changes.
    expectProblem(
      await admin2.post(`/api/v1/role-grants/${grant.id}/approval`, { version: grant.version + 1 }),
      409,
      'STALE_VERSION',
    );

    // A second admin approves: in effect, both admins on record.
    const ok = await admin2.post(`/api/v1/role-grants/${grant.id}/approval`, { version: grant.version });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'active',
      requestedBy: { name: 'Bart Beheer' },
      decidedBy: { name: 'Bianca Beheer' },
    });
    expect((await admin.get(`/api/v1/users/${user.id}`)).body.role).toBe('process_director');

    // Deciding again is an illegal transition.
    expectProblem(
      await admin2.post(`/api/v1/role-grants/${grant.id}/approval`, { version: ok.body.version }),
      409,
      'ILLEGAL_TRANSITION',
    );

    // Both steps (and the admin's look at the grant) are in the access log, about the user.
    const log = await withTx(t.db, { regionId }, (tx) =>
      tx.selectFrom('access_log').select(['action', 'actor_user_id']).where('record_id', '=', grant.id).execute(),
    );
    expect(log.map((e) => e.action).sort()).toEqual(['create', 'read', 'update']);
  });

  it('nobody approves a grant for themselves, even when another admin asked', async () => {
    const me = (await admin.get('/api/v1/me')).body.user.id as string;
    const asked = await admin2.post('/api/v1/role-grants', {
      userId: me,
      role: 'privacy_officer',
      reason: 'Tijdelijk FG',
    });
    expect(asked.status).toBe(201);
    expectProblem(
      await admin.post(`/api/v1/role-grants/${asked.body.id}/approval`, { version: asked.body.version }),
      403,
      'FOUR_EYES_REQUIRED',
    );
    // The requester withdraws it; another admin could only refuse.
    expectProblem(
      await admin.post(`/api/v1/role-grants/${asked.body.id}/withdrawal`, { version: asked.body.version }),
      422,
      'BUSINESS_RULE',
    );
    const withdrawn = await admin2.post(`/api/v1/role-grants/${asked.body.id}/withdrawal`, {
      version: asked.body.version,
    });
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await admin.get('/api/v1/me')).body.user.role).toBe('admin');
  });

  it('a refused request leaves the user as they were', async () => {
    const user = await newUser('geweigerd@delft.demo', 'partner');
    const grant = await openRequestOf(user.id);
    expectProblem(await admin2.post(`/api/v1/role-grants/${grant.id}/refusal`, { version: grant.version }), 400);
    const refused = await admin2.post(`/api/v1/role-grants/${grant.id}/refusal`, {
      version: grant.version,
      reason: 'Geen ketenpartner',
    });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', decisionReason: 'Geen ketenpartner' });
    expect((await admin.get(`/api/v1/users/${user.id}`)).body).toMatchObject({ role: null, requestedRole: null });
  });

  it('a role without personal data takes effect with one admin', async () => {
    const user = await newUser('nieuw.beleid@delft.demo', 'policy_officer');
    expect(user.role).toBe('policy_officer');
    expect(user.requestedRole).toBeNull();
  });

  it('one open request per user and region; a second is a conflict', async () => {
    const user = await newUser('dubbel.verzoek@delft.demo', 'case_coordinator');
    expectProblem(
      await admin.post('/api/v1/role-grants', { userId: user.id, role: 'partner', reason: 'Nog een' }),
      409,
      'CONFLICT',
    );
  });

  it('the database refuses an approval by the requester, whatever the application does', async () => {
    const user = await newUser('db.check@delft.demo', 'expert');
    const grant = await openRequestOf(user.id);
    const requester = (await admin.get('/api/v1/me')).body.user.id;
    await expect(
      withTx(t.db, { regionId }, (tx) =>
        sql`update role_grants set status = 'active', decided_by = ${requester}, decided_at = now()
          where id = ${grant.id}`.execute(tx),
      ),
    ).rejects.toThrow(/role_grants_four_eyes/);
  });
});

describe('revoking', () => {
  it('ends the user’s sessions and tokens in the region at once, with one admin', async () => {
    const email = 'coordinator@delft.demo';
    const session = await t.signIn(email);
    const token = (
      await session.post('/api/v1/me/api-tokens', {
        name: 'intrekken',
        expiresInDays: 7,
        access: 'read',
        resources: null,
      })
    ).body.token as string;
    const bearer = t.client();
    bearer.bearer = token;
    expect((await bearer.get('/api/v1/cases')).status).toBe(200);

    const userId = (await session.get('/api/v1/me')).body.user.id;
    const grant = (await admin.get(`/api/v1/role-grants?userId=${userId}&status=active`)).body.items[0];
    expectProblem(await admin.post(`/api/v1/role-grants/${grant.id}/revocation`, { version: grant.version }), 400);
    const revoked = await admin.post(`/api/v1/role-grants/${grant.id}/revocation`, {
      version: grant.version,
      reason: 'Uit dienst',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', endReason: 'Uit dienst' });

    expectProblem(await session.get('/api/v1/cases'), 401);
    expectProblem(await bearer.get('/api/v1/cases'), 401);
    const again = await t
      .client()
      .post('/api/v1/auth/login', { email, password: DEMO_PASSWORD, totp: await totpNow() });
    expectProblem(again, 422, 'NO_ROLE');
  });

  it('a session stops at once even if the revocation left its row (the grant is read at every request)', async () => {
    const session = await t.signIn('ggz@ggz.demo');
    const userId = (await session.get('/api/v1/me')).body.user.id;
    await withTx(t.db, { regionId }, (tx) =>
      tx
        .updateTable('role_grants')
        .set({ status: 'revoked', ended_at: new Date() })
        .where('user_id', '=', userId)
        .where('status', '=', 'active')
        .execute(),
    );
    expectProblem(await session.get('/api/v1/me'), 401);
  });

  it('an admin cannot revoke their own admin grant', async () => {
    const me = (await admin.get('/api/v1/me')).body.user.id;
    const grant = (await admin.get(`/api/v1/role-grants?userId=${me}&status=active`)).body.items[0];
    expectProblem(
      await admin.post(`/api/v1/role-grants/${grant.id}/revocation`, { version: grant.version, reason: 'Oeps' }),
      422,
      'BUSINESS_RULE',
    );
  });
});

describe('who sees the grants', () => {
  it('admins and the privacy officer of the region read them; other roles get 403', async () => {
    const fg = await t.signIn('fg@delft.demo');
    expect((await fg.get('/api/v1/role-grants')).status).toBe(200);
    expectProblem(
      await fg.post('/api/v1/role-grants', { email: 'politie@politie.demo', role: 'admin', reason: 'x' }),
      403,
    );
    const director = await t.signIn('regisseur@delft.demo');
    expectProblem(await director.get('/api/v1/role-grants'), 403);
  });
});
