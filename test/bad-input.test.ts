/**
 * Bad input on every write route: malformed JSON, wrong types and unknown fields (every field named),
 * oversized bodies, stale versions and duplicates. Each answer is problem+json without a stack trace,
 * and nothing is written.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_REGION_CODE } from '../src/demo/seed.js';
import { expectProblem, pointersOf, snapshot } from './fixtures.js';
import { type Client, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
let admin: Client;
let regionA: string;
let delftOrg: string;
let org: { id: string; version: number };
let municipality: { id: string; version: number };
let user: { id: string; version: number; organisationId: string };
let tokenId: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn('beheer@delft.demo');
  regionA = (
    await t.db.owner.selectFrom('regions').select('id').where('code', '=', DEMO_REGION_CODE).executeTakeFirstOrThrow()
  ).id;
  delftOrg = (await admin.get('/api/v1/me')).body.user.organisation.id;
  org = (await admin.post('/api/v1/organisations', { name: 'Invoer BV', type: 'other' })).body;
  municipality = (await admin.post('/api/v1/municipalities', { name: 'Invoerdam', district: 'District X' })).body;
  user = (
    await admin.post('/api/v1/users', {
      email: 'invoer@delft.demo',
      name: 'Invoer',
      role: 'expert',
      organisationId: delftOrg,
      initialPassword: 'een-heel-lang-wachtwoord',
    })
  ).body;
  tokenId = (
    await admin.post('/api/v1/me/api-tokens', {
      name: 'invoer',
      expiresInDays: 1,
      access: 'read_write',
      resources: null,
    })
  ).body.id;
  // Make the versions non-trivial so that "stale" is not just "1".
  org = (await admin.patch(`/api/v1/organisations/${org.id}`, { name: 'Invoer BV', type: 'other', version: 1 })).body;
});
afterAll(async () => {
  await t?.close();
});

interface WriteRoute {
  method: 'POST' | 'PUT' | 'PATCH';
  name: string;
  path: () => string;
  anonymous?: boolean;
  /** A body with wrong types and unknown fields, and every pointer the answer must name. */
  wrong?: { body: Record<string, unknown>; pointers: string[] };
}

const ROUTES: WriteRoute[] = [
  {
    method: 'POST',
    name: '/auth/login',
    path: () => '/auth/login',
    anonymous: true,
    wrong: {
      body: { email: 42, password: ['x'], totp: 'abc', remember: true },
      pointers: ['/email', '/password', '/totp', '/remember'],
    },
  },
  { method: 'POST', name: '/auth/logout', path: () => '/auth/logout' },
  { method: 'POST', name: '/auth/totp-enrolment', path: () => '/auth/totp-enrolment' },
  {
    method: 'POST',
    name: '/auth/totp-enrolment/confirmation',
    path: () => '/auth/totp-enrolment/confirmation',
    wrong: { body: { code: 123456, device: 'phone' }, pointers: ['/code', '/device'] },
  },
  {
    method: 'POST',
    name: '/me/api-tokens',
    path: () => '/me/api-tokens',
    wrong: {
      body: { name: 7, expiresInDays: 'ever', scope: 'all', access: 'admin', resources: 'cases' },
      pointers: ['/name', '/expiresInDays', '/scope', '/access', '/resources'],
    },
  },
  {
    method: 'POST',
    name: '/regions',
    path: () => '/regions',
    wrong: { body: { code: 'Not A Code!', name: false, parent: 'x' }, pointers: ['/code', '/name', '/parent'] },
  },
  {
    method: 'PATCH',
    name: '/regions/{id}',
    path: () => `/regions/${regionA}`,
    wrong: { body: { name: null, version: '1', code: 'x' }, pointers: ['/name', '/version', '/code'] },
  },
  {
    method: 'POST',
    name: '/organisations',
    path: () => '/organisations',
    wrong: { body: { name: 3, type: 'bakery', kvk: '123' }, pointers: ['/name', '/type', '/kvk'] },
  },
  {
    method: 'PATCH',
    name: '/organisations/{id}',
    path: () => `/organisations/${org.id}`,
    wrong: { body: { name: '', type: 1, version: 0, id: 'x' }, pointers: ['/name', '/type', '/version', '/id'] },
  },
  {
    method: 'POST',
    name: '/municipalities',
    path: () => '/municipalities',
    wrong: {
      body: { name: 1, cbsCode: '0503', district: 5, isCoordinating: 'ja', organisationId: 'nope', inhabitants: 1 },
      pointers: ['/name', '/cbsCode', '/district', '/isCoordinating', '/organisationId', '/inhabitants'],
    },
  },
  {
    method: 'PATCH',
    name: '/municipalities/{id}',
    path: () => `/municipalities/${municipality.id}`,
    wrong: { body: { name: 'Invoerdam', version: 1.5, region: 'x' }, pointers: ['/version', '/region'] },
  },
  {
    method: 'POST',
    name: '/users',
    path: () => '/users',
    wrong: {
      body: {
        email: 'not-an-address',
        name: ['x'],
        role: 'king',
        organisationId: 12,
        locale: 'fr',
        initialPassword: 'short',
        isAdmin: true,
        password: 'x',
      },
      pointers: ['/email', '/name', '/role', '/organisationId', '/locale', '/initialPassword', '/isAdmin', '/password'],
    },
  },
  {
    method: 'PUT',
    name: '/users/{id}',
    path: () => `/users/${user.id}`,
    wrong: {
      body: { name: 1, role: null, organisationId: 'x', locale: 'de', disabled: 'no', version: 'v', email: 'a@b.nl' },
      // role: a role is a grant per region (POST /role-grants), not a field of the account.
      pointers: ['/name', '/role', '/organisationId', '/locale', '/disabled', '/version', '/email'],
    },
  },
  {
    method: 'POST',
    name: '/users/{id}/second-factor-reset',
    path: () => `/users/${user.id}/second-factor-reset`,
    wrong: { body: { force: true }, pointers: ['/force'] },
  },
];

const clientFor = (r: WriteRoute) => (r.anonymous ? t.client() : admin);

describe.each(ROUTES.map((r) => [`${r.method} ${r.name}`, r] as const))('%s', (_name, route) => {
  it('malformed JSON → 400 MALFORMED_JSON, nothing written', async () => {
    const before = await snapshot(t);
    for (const text of ['{"name":', '{name: 1}', '[1, 2', "{'a': 1}", '{"a":1}}']) {
      const res = await clientFor(route).request(route.method, `/api/v1${route.path()}`, text);
      expectProblem(res, 400, 'MALFORMED_JSON');
    }
    expect(await snapshot(t)).toEqual(before);
  });

  it('a body over 256 KiB → 413 problem+json, nothing written', async () => {
    const before = await snapshot(t);
    const body = JSON.stringify({ name: 'x'.repeat(256 * 1024) });
    const res = await clientFor(route).request(route.method, `/api/v1${route.path()}`, body);
    expectProblem(res, 413, 'BODY_TOO_LARGE');
    expect(await snapshot(t)).toEqual(before);
  });

  if (route.wrong) {
    const wrong = route.wrong;
    it(`wrong types and unknown fields → 400 naming all of ${wrong.pointers.join(' ')}`, async () => {
      const before = await snapshot(t);
      const res = await clientFor(route).request(route.method, `/api/v1${route.path()}`, wrong.body);
      expectProblem(res, 400, 'INVALID_INPUT');
      expect([...new Set(pointersOf(res))].sort()).toEqual([...wrong.pointers].sort());
      for (const e of res.body.errors) {
        expect(e).toEqual({
          in: 'body',
          location: { pointer: expect.any(String) },
          code: expect.any(String),
          detail: expect.any(String),
        });
      }
      expect(await snapshot(t)).toEqual(before);
    });
  }
});

describe('refused by state', () => {
  it('a stale version → 409 STALE_VERSION on every versioned update, nothing written', async () => {
    const before = await snapshot(t);
    const region = await t.db.owner
      .selectFrom('regions')
      .select('version')
      .where('id', '=', regionA)
      .executeTakeFirstOrThrow();
    const cases = [
      admin.patch(`/api/v1/regions/${regionA}`, { name: 'Oud', version: region.version + 1 }),
      admin.patch(`/api/v1/organisations/${org.id}`, { name: 'Oud', type: 'other', version: org.version - 1 }),
      admin.patch(`/api/v1/municipalities/${municipality.id}`, { name: 'Oud', version: municipality.version + 7 }),
      admin.put(`/api/v1/users/${user.id}`, {
        name: 'Oud',
        organisationId: delftOrg,
        locale: 'nl',
        disabled: true,
        version: user.version + 1,
      }),
    ];
    for (const res of await Promise.all(cases)) expectProblem(res, 409, 'STALE_VERSION');
    expect(await snapshot(t)).toEqual(before);
  });

  it('two updates from the same version: one wins, the other gets 409 (no lost update)', async () => {
    const current = await admin.get(`/api/v1/users/${user.id}`);
    const body = (name: string) => ({
      name,
      organisationId: delftOrg,
      locale: 'nl',
      disabled: false,
      version: current.body.version,
    });
    const [a, b] = await Promise.all([
      admin.put(`/api/v1/users/${user.id}`, body('Eerste')),
      admin.put(`/api/v1/users/${user.id}`, body('Tweede')),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const after = await admin.get(`/api/v1/users/${user.id}`);
    expect(after.body.name).toBe(winner.body.name);
    expect(after.body.version).toBe(current.body.version + 1);
  });

  it('a duplicate e-mail address → 409 naming /email (also in other case), nothing written', async () => {
    const before = await snapshot(t);
    for (const email of ['regisseur@delft.demo', 'Regisseur@Delft.Demo']) {
      const res = await admin.post('/api/v1/users', {
        email,
        name: 'Dubbel',
        role: 'expert',
        organisationId: delftOrg,
        initialPassword: 'een-heel-lang-wachtwoord',
      });
      expectProblem(res, 409, 'CONFLICT');
      expect(pointersOf(res)).toEqual(['/email']);
    }
    expect(await snapshot(t)).toEqual(before);
  });

  it('other duplicates → 409 naming the field, nothing written', async () => {
    const before = await snapshot(t);
    const org2 = await admin.post('/api/v1/organisations', { name: 'POLITIE', type: 'police' });
    expectProblem(org2, 409, 'CONFLICT');
    expect(pointersOf(org2)).toEqual(['/name']);
    const renamed = await admin.patch(`/api/v1/organisations/${org.id}`, {
      name: 'Politie',
      type: 'other',
      version: org.version,
    });
    expectProblem(renamed, 409, 'CONFLICT');
    expect(pointersOf(renamed)).toEqual(['/name']);
    const region = await admin.post('/api/v1/regions', { code: DEMO_REGION_CODE, name: 'Nog een' });
    expectProblem(region, 409, 'CONFLICT');
    expect(pointersOf(region)).toEqual(['/code']);
    const town = await admin.post('/api/v1/municipalities', { name: 'Delft' });
    expectProblem(town, 409, 'CONFLICT');
    expect(pointersOf(town)).toEqual(['/name']);
    const coordinating = await admin.post('/api/v1/municipalities', {
      name: 'Tweede coördinator',
      district: 'District E',
      isCoordinating: true,
    });
    expectProblem(coordinating, 409, 'CONFLICT');
    expect(pointersOf(coordinating)).toEqual(['/isCoordinating']);
    expect(await snapshot(t)).toEqual(before);
  });
});

describe('bad input outside the body', () => {
  it('a malformed id in the path → 400 naming the path parameter', async () => {
    for (const res of [
      await admin.get('/api/v1/users/not-a-uuid'),
      await admin.put('/api/v1/users/1', {}),
      await admin.patch('/api/v1/organisations/x', {}),
      await admin.delete('/api/v1/me/api-tokens/123'),
    ]) {
      expectProblem(res, 400, 'INVALID_INPUT');
      expect(res.body.errors[0]).toMatchObject({ in: 'path', location: { pointer: '/id' } });
    }
  });

  it('a bad query → 400 naming every parameter', async () => {
    const res = await admin.get('/api/v1/users?limit=0&role=king&sort=name');
    expectProblem(res, 400, 'INVALID_INPUT');
    expect(new Set(pointersOf(res))).toEqual(new Set(['/limit', '/role', '/sort']));
    for (const e of res.body.errors) expect(e.in).toBe('query');
    expectProblem(await admin.get('/api/v1/users?limit=201'), 400, 'INVALID_INPUT');
  });

  it('a forged or damaged cursor → 400, never 500', async () => {
    const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    for (const c of [
      '%%%',
      'bm90LWpzb24',
      cursor({ a: 1 }),
      cursor(['a']),
      cursor(['Bart', 'not-a-uuid']),
      cursor([1, 2]),
    ]) {
      const res = await admin.get(`/api/v1/users?cursor=${encodeURIComponent(c)}`);
      expectProblem(res, 400, 'INVALID_INPUT');
      expect(pointersOf(res)).toEqual(['/cursor']);
    }
    const fg = await t.signIn('fg@delft.demo');
    for (const c of [cursor(['abc']), cursor([1.5]), cursor([{}]), cursor(['1; drop table users'])]) {
      const res = await fg.get(`/api/v1/access-log?cursor=${encodeURIComponent(c)}`);
      expectProblem(res, 400, 'INVALID_INPUT');
      expect(pointersOf(res)).toEqual(['/cursor']);
    }
  });

  it('text that the database cannot store (NUL) → 400 naming the field, nothing written', async () => {
    // Signing in is itself logged (issue 15): sign in before the snapshot.
    const fg = await t.signIn('fg@delft.demo');
    const before = await snapshot(t);
    const res = await admin.post('/api/v1/organisations', { name: 'Nul\u0000Punt', type: 'other' });
    expectProblem(res, 400, 'INVALID_INPUT');
    expect(pointersOf(res)).toEqual(['/name']);
    const user = await admin.post('/api/v1/users', {
      email: 'nul@delft.demo',
      name: 'Nul\u0000',
      role: 'expert',
      organisationId: delftOrg,
      initialPassword: 'een-heel-lang-wachtwoord',
    });
    expectProblem(user, 400, 'INVALID_INPUT');
    expect(pointersOf(user)).toEqual(['/name']);
    const log = await fg.get('/api/v1/access-log?subjectId=a%00b');
    expectProblem(log, 400, 'INVALID_INPUT');
    expect(log.body.errors[0]).toMatchObject({ in: 'query', location: { pointer: '/subjectId' } });
    expect(await snapshot(t)).toEqual(before);
  });

  it('an unknown route → 404 problem+json; a token that is not there → 404', async () => {
    expectProblem(await admin.get('/api/v1/nothing-here'), 404, 'NOT_FOUND');
    expectProblem(await admin.delete(`/api/v1/me/api-tokens/${randomUUID()}`), 404, 'NOT_FOUND');
    expect((await admin.delete(`/api/v1/me/api-tokens/${tokenId}`)).status).toBe(204);
  });
});
