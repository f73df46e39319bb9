/**
 * Who may call what: every demo role against every foundation route (its 2xx or 403, and nothing
 * written on a 403), 401 without signing in on every route of the OpenAPI document, and 404 — not
 * 403 — for what lies outside the caller's region.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/core/roles.js';
import { DEMO_REGION_CODE, DEMO_USERS } from '../src/demo/seed.js';
import { addRegion, expectProblem, type OtherRegion, snapshot, userIdByEmail } from './fixtures.js';
import { type Client, type Response, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
const clients = new Map<string, Client>();
let other: OtherRegion;
let regionA: string;
let delftOrg: string;
let targetOrg: string;
let targetMunicipality: string;
let targetUser: string;
let readUser: string;
let readUserGrant: string;
let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
  t = await startTestApp();
  for (const u of DEMO_USERS) clients.set(u.email, await t.signIn(u.email));
  const admin = clients.get('beheer@delft.demo') as Client;
  regionA = (
    await t.db.owner.selectFrom('regions').select('id').where('code', '=', DEMO_REGION_CODE).executeTakeFirstOrThrow()
  ).id;
  delftOrg = (await admin.get('/api/v1/me')).body.user.organisation.id;
  targetOrg = (await admin.post('/api/v1/organisations', { name: 'Doelwit', type: 'other' })).body.id;
  targetMunicipality = (await admin.post('/api/v1/municipalities', { name: 'Doelgemeente' })).body.id;
  const created = await admin.post('/api/v1/users', {
    email: 'doelwit@delft.demo',
    name: 'Doelwit',
    role: 'case_coordinator',
    organisationId: delftOrg,
    initialPassword: 'een-heel-lang-wachtwoord',
  });
  targetUser = created.body.id;
  // A second admin approves the request for the target's first role (four eyes).
  const admin2 = clients.get('beheer2@delft.demo') as Client;
  const request = (await admin2.get(`/api/v1/role-grants?userId=${targetUser}&status=requested`)).body.items[0];
  expect((await admin2.post(`/api/v1/role-grants/${request.id}/approval`, { version: request.version })).status).toBe(
    200,
  );
  readUser = await userIdByEmail(t, 'regisseur@delft.demo');
  readUserGrant = (await admin.get(`/api/v1/role-grants?userId=${readUser}&status=active`)).body.items[0].id;
  other = await addRegion(t, 'regio-elders');
});
afterAll(async () => {
  await t?.close();
});

const ALL = DEMO_USERS.map((u) => u.role as Role);
const allBut = (...roles: Role[]) => ALL.filter((r) => !roles.includes(r));
const version = async (table: 'regions' | 'organisations' | 'municipalities' | 'users', id: string) =>
  (await t.db.owner.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

interface RouteCase {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route as the OpenAPI document names it (without /api/v1). */
  route: string;
  /** Who gets `ok`; everyone else gets 403. */
  allowed: readonly Role[];
  ok: number;
  path: (c: Client) => Promise<string> | string;
  body?: () => Promise<unknown> | unknown;
}

/** Written from PRODUCT.md §1, independently of src/core/roles.ts. */
const ROUTES: RouteCase[] = [
  { method: 'GET', route: '/regions', allowed: allBut('executive'), ok: 200, path: () => '/regions' },
  {
    method: 'POST',
    route: '/regions',
    allowed: ['admin'],
    ok: 201,
    path: () => '/regions',
    body: () => ({ code: unique('regio'), name: 'Nieuwe regio' }),
  },
  {
    method: 'PATCH',
    route: '/regions/{id}',
    allowed: ['admin'],
    ok: 200,
    path: () => `/regions/${regionA}`,
    body: async () => ({ name: 'Haaglanden (DEMO)', version: await version('regions', regionA) }),
  },
  { method: 'GET', route: '/organisations', allowed: allBut('executive'), ok: 200, path: () => '/organisations' },
  {
    method: 'POST',
    route: '/organisations',
    allowed: ['admin'],
    ok: 201,
    path: () => '/organisations',
    body: () => ({ name: unique('Organisatie'), type: 'welfare' }),
  },
  {
    method: 'PATCH',
    route: '/organisations/{id}',
    allowed: ['admin'],
    ok: 200,
    path: () => `/organisations/${targetOrg}`,
    body: async () => ({ name: 'Doelwit', type: 'other', version: await version('organisations', targetOrg) }),
  },
  { method: 'GET', route: '/municipalities', allowed: allBut('executive'), ok: 200, path: () => '/municipalities' },
  {
    method: 'POST',
    route: '/municipalities',
    allowed: ['admin'],
    ok: 201,
    path: () => '/municipalities',
    body: () => ({ name: unique('Gemeente') }),
  },
  {
    method: 'PATCH',
    route: '/municipalities/{id}',
    allowed: ['admin'],
    ok: 200,
    path: () => `/municipalities/${targetMunicipality}`,
    body: async () => ({ name: 'Doelgemeente', version: await version('municipalities', targetMunicipality) }),
  },
  { method: 'GET', route: '/users', allowed: ['admin', 'privacy_officer'], ok: 200, path: () => '/users' },
  {
    method: 'GET',
    route: '/users/{id}',
    allowed: ['admin', 'privacy_officer'],
    ok: 200,
    path: () => `/users/${readUser}`,
  },
  {
    method: 'POST',
    route: '/users',
    allowed: ['admin'],
    ok: 201,
    path: () => '/users',
    body: () => ({
      email: `${unique('nieuw')}@delft.demo`,
      name: 'Nieuw',
      role: 'expert',
      organisationId: delftOrg,
      initialPassword: 'een-heel-lang-wachtwoord',
    }),
  },
  {
    method: 'PUT',
    route: '/users/{id}',
    allowed: ['admin'],
    ok: 200,
    path: () => `/users/${targetUser}`,
    body: async () => ({
      name: 'Doelwit',
      organisationId: delftOrg,
      locale: 'nl',
      disabled: false,
      version: await version('users', targetUser),
    }),
  },
  {
    method: 'POST',
    route: '/users/{id}/second-factor-reset',
    allowed: ['admin'],
    ok: 200,
    path: () => `/users/${targetUser}/second-factor-reset`,
    body: () => ({}),
  },
  {
    method: 'POST',
    route: '/users/{id}/password-reset',
    allowed: ['admin'],
    ok: 200,
    path: () => `/users/${targetUser}/password-reset`,
    body: async () => ({
      temporaryPassword: 'tijdelijk-en-lang-genoeg-2026',
      version: await version('users', targetUser),
    }),
  },
  { method: 'GET', route: '/role-grants', allowed: ['admin', 'privacy_officer'], ok: 200, path: () => '/role-grants' },
  {
    method: 'GET',
    route: '/role-grants/{id}',
    allowed: ['admin', 'privacy_officer'],
    ok: 200,
    path: () => `/role-grants/${readUserGrant}`,
  },
  {
    method: 'POST',
    route: '/role-grants',
    allowed: ['admin'],
    ok: 201,
    path: () => '/role-grants',
    // Roles without personal data take one admin: each call switches the target's role between two.
    body: () => ({ userId: targetUser, role: ++counter % 2 ? 'executive' : 'policy_officer', reason: 'Matrix' }),
  },
  { method: 'GET', route: '/access-log', allowed: ['privacy_officer'], ok: 200, path: () => '/access-log' },
  {
    method: 'GET',
    route: '/me/api-tokens',
    allowed: allBut('executive', 'privacy_contact'),
    ok: 200,
    path: () => '/me/api-tokens',
  },
  {
    method: 'POST',
    route: '/me/api-tokens',
    allowed: allBut('executive', 'privacy_contact'),
    ok: 201,
    path: () => '/me/api-tokens',
    body: () => ({ name: 'matrix', expiresInDays: 1, access: 'read_write', resources: null }),
  },
  {
    method: 'DELETE',
    route: '/me/api-tokens/{id}',
    allowed: allBut('executive', 'privacy_contact'),
    ok: 204,
    // A token of the caller's own, where the caller may have one.
    path: async (c) => {
      const res = await c.post('/api/v1/me/api-tokens', {
        name: 'weg',
        expiresInDays: 1,
        access: 'read_write',
        resources: null,
      });
      return `/me/api-tokens/${res.status === 201 ? res.body.id : randomUUID()}`;
    },
  },
  { method: 'GET', route: '/me', allowed: ALL, ok: 200, path: () => '/me' },
  // Every demo user is enrolled already: enrolment answers 409 to all of them, never 401 or 403.
  { method: 'POST', route: '/auth/totp-enrolment', allowed: ALL, ok: 409, path: () => '/auth/totp-enrolment' },
  {
    method: 'POST',
    route: '/auth/totp-enrolment/confirmation',
    allowed: ALL,
    ok: 409,
    path: () => '/auth/totp-enrolment/confirmation',
    body: () => ({ code: '123456' }),
  },
];
// Sign-in by single sign-on and passkey (issue 15) is public too; src/modules/auth/sso.test.ts tests it.
const PUBLIC = new Set([
  'GET /instance',
  'POST /auth/login',
  'POST /auth/login/passkey-options',
  'GET /auth/oidc/providers',
  'GET /auth/oidc/start',
  'GET /auth/oidc/callback',
]);
const LAST = new Set(['POST /auth/logout']);

async function call(c: Client, rc: RouteCase): Promise<Response> {
  const path = `/api/v1${await rc.path(c)}`;
  const body = rc.body ? await rc.body() : rc.method === 'POST' ? {} : undefined;
  return c.request(rc.method, path, body);
}

describe('role × route matrix', () => {
  for (const rc of ROUTES) {
    it(`${rc.method} ${rc.route}: ${rc.allowed.length === ALL.length ? 'every role' : rc.allowed.join(', ')}`, async () => {
      const forbidden = DEMO_USERS.filter((u) => !rc.allowed.includes(u.role as Role));
      const before = await snapshot(t);
      for (const u of forbidden) {
        const res = await call(clients.get(u.email) as Client, rc);
        expectProblem(res, 403, 'FORBIDDEN');
      }
      expect(await snapshot(t), 'a refused request wrote something').toEqual(before);
      for (const u of DEMO_USERS.filter((u) => rc.allowed.includes(u.role as Role))) {
        const res = await call(clients.get(u.email) as Client, rc);
        expect(res.status, `${u.email} (${u.role}): ${JSON.stringify(res.body)}`).toBe(rc.ok);
      }
    });
  }

  it('POST /auth/logout: every role (and the session is over afterwards)', async () => {
    for (const u of DEMO_USERS) {
      const c = clients.get(u.email) as Client;
      expect((await c.post('/api/v1/auth/logout')).status, u.email).toBe(204);
      expectProblem(await c.get('/api/v1/me'), 401);
    }
  });
});

describe('without signing in', () => {
  let operations: Array<{ method: string; route: string }>;
  beforeAll(async () => {
    const doc = await t.client().get('/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    operations = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([route, item]) =>
      Object.keys(item)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({ method: m.toUpperCase(), route })),
    );
  });

  it('the matrix covers every foundation route of the OpenAPI document', () => {
    const documented = new Set(operations.map((o) => `${o.method} ${o.route}`));
    for (const rc of ROUTES) expect(documented, `${rc.method} ${rc.route}`).toContain(`${rc.method} ${rc.route}`);
    for (const key of [...PUBLIC, ...LAST]) expect(documented).toContain(key);
  });

  it('every route of the OpenAPI document but sign-in and /instance answers 401, before looking at the input', async () => {
    const anonymous = t.client();
    const before = await snapshot(t);
    const checked: string[] = [];
    for (const op of operations) {
      const key = `${op.method} ${op.route}`;
      if (PUBLIC.has(key)) continue;
      const path = `/api/v1${op.route.replace(/\{[^}]+\}/g, randomUUID())}`;
      // An empty (invalid) body: a route that checked input before authentication would answer 400.
      const body = ['POST', 'PUT', 'PATCH'].includes(op.method) ? {} : undefined;
      const res = await anonymous.request(op.method, path, body);
      expect(res.status, `${key}: ${JSON.stringify(res.body)}`).toBe(401);
      expectProblem(res, 401, 'UNAUTHENTICATED');
      checked.push(key);
    }
    expect(checked.length).toBeGreaterThanOrEqual(ROUTES.length);
    expect(await snapshot(t)).toEqual(before);
  });

  it('the public routes answer without a session', async () => {
    expect((await t.client().get('/api/v1/instance')).status).toBe(200);
    expectProblem(
      await t.client().post('/api/v1/auth/login', { email: 'x@y.nl', password: 'nope-nope' }),
      401,
      'INVALID_CREDENTIALS',
    );
  });
});

describe('what lies outside the region is not found, not forbidden', () => {
  let admin: Client;
  let fg: Client;
  beforeAll(async () => {
    admin = await t.signIn('beheer@delft.demo');
    fg = await t.signIn('fg@delft.demo');
  });

  const userBody = (version: number) => ({
    name: 'Overgenomen',
    organisationId: delftOrg,
    locale: 'nl',
    disabled: true,
    version,
  });

  it('a user of another region: 404 on GET and PUT /users/{id}, the same answer as for a random id', async () => {
    const elsewhere = await admin.get(`/api/v1/users/${other.userId}`);
    const nowhere = await admin.get(`/api/v1/users/${randomUUID()}`);
    expectProblem(elsewhere, 404, 'NOT_FOUND');
    expectProblem(nowhere, 404, 'NOT_FOUND');
    expect(elsewhere.body).toEqual(nowhere.body);
    expectProblem(await fg.get(`/api/v1/users/${other.userId}`), 404, 'NOT_FOUND');

    const before = await snapshot(t);
    const put = await admin.put(`/api/v1/users/${other.userId}`, userBody(1));
    expectProblem(put, 404, 'NOT_FOUND');
    expectProblem(await admin.put(`/api/v1/users/${randomUUID()}`, userBody(1)), 404, 'NOT_FOUND');
    expectProblem(await admin.post(`/api/v1/users/${other.userId}/second-factor-reset`, {}), 404, 'NOT_FOUND');
    expect(await snapshot(t)).toEqual(before);
    const row = await t.db.owner
      .selectFrom('users')
      .select(['name', 'disabled_at', 'totp_enrolled_at'])
      .where('id', '=', other.userId)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('Beheer regio-elders');
    expect(row.disabled_at).toBeNull();
    expect(row.totp_enrolled_at).not.toBeNull();
  });

  it('a user of another region is not listed, not even when filtered by its organisation', async () => {
    const list = await admin.get('/api/v1/users?limit=200');
    expect(list.body.items.map((u: { id: string }) => u.id)).not.toContain(other.userId);
    const filtered = await admin.get(`/api/v1/users?organisationId=${other.organisationId}`);
    expect(filtered.status).toBe(200);
    expect(filtered.body.items).toEqual([]);
  });

  it('a region the organisation does not take part in: 404 on PATCH /regions/{id}', async () => {
    const before = await snapshot(t);
    const res = await admin.patch(`/api/v1/regions/${other.regionId}`, { name: 'Overgenomen', version: 1 });
    expectProblem(res, 404, 'NOT_FOUND');
    const random = await admin.patch(`/api/v1/regions/${randomUUID()}`, { name: 'Overgenomen', version: 1 });
    expectProblem(random, 404, 'NOT_FOUND');
    expect(res.body).toEqual(random.body);
    expect(await snapshot(t)).toEqual(before);
    const regions = await admin.get('/api/v1/regions');
    expect(regions.body.items.map((r: { id: string }) => r.id)).not.toContain(other.regionId);
  });

  it('an organisation or municipality of another region: 404 on PATCH', async () => {
    const before = await snapshot(t);
    expectProblem(
      await admin.patch(`/api/v1/organisations/${other.organisationId}`, {
        name: 'Overgenomen',
        type: 'other',
        version: 1,
      }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await admin.patch(`/api/v1/organisations/${randomUUID()}`, { name: 'Overgenomen', type: 'other', version: 1 }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await admin.patch(`/api/v1/municipalities/${other.municipalityId}`, { name: 'Overgenomen', version: 1 }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await admin.patch(`/api/v1/municipalities/${randomUUID()}`, { name: 'Overgenomen', version: 1 }),
      404,
      'NOT_FOUND',
    );
    expect(await snapshot(t)).toEqual(before);
    const orgs = await admin.get('/api/v1/organisations');
    expect(orgs.body.items.map((o: { id: string }) => o.id)).not.toContain(other.organisationId);
    const municipalities = await admin.get('/api/v1/municipalities');
    expect(municipalities.body.items.map((m: { id: string }) => m.id)).not.toContain(other.municipalityId);
  });

  it('an organisation of another region cannot be given to a user (422 naming /organisationId)', async () => {
    const before = await snapshot(t);
    const res = await admin.post('/api/v1/users', {
      email: 'verkeerd@delft.demo',
      name: 'Verkeerd',
      role: 'expert',
      organisationId: other.organisationId,
      initialPassword: 'een-heel-lang-wachtwoord',
    });
    expectProblem(res, 422, 'BUSINESS_RULE');
    expect(res.body.errors[0].location.pointer).toBe('/organisationId');
    expect(await snapshot(t)).toEqual(before);
  });

  it('another region’s admin sees none of this region', async () => {
    const elders = await t.signIn(other.email);
    const users = await elders.get('/api/v1/users?limit=200');
    expect(users.body.items.map((u: { id: string }) => u.id)).toEqual([other.userId]);
    expectProblem(await elders.get(`/api/v1/users/${readUser}`), 404, 'NOT_FOUND');
    const log = await t.db.owner
      .selectFrom('access_log')
      .select('region_id')
      .where('region_id', '=', other.regionId)
      .execute();
    expect(log.length).toBeGreaterThan(0);
  });
});
