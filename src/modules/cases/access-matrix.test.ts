/**
 * Role × route matrix for every case route: users who cannot see the case get 404 (and nothing is
 * written), roles without `cases:work` get 403 before anything else happens.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, organisationId, userIdByEmail } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { seedCase } from './testing.js';

let t: TestApp;
let director: Client;
let caseId: string;
let ggzOrg: string;
let ggzUser: string;
let personId: string;
const clients = new Map<string, Client>();

const OUTSIDERS = {
  'process director of another municipality': 'regisseur@rijswijk.demo',
  'partner whose organisation does not take part': 'politie@politie.demo',
  'member after removal': 'ggz@ggz.demo',
  'expert not matched to the case': 'expert@pool.demo',
};
const WITHOUT_CASE_WORK = [
  'beleid@delft.demo',
  'netwerk@delft.demo',
  'burgemeester@delft.demo',
  'fg@delft.demo',
  'beheer@delft.demo',
];

type Route = { method: 'GET' | 'POST' | 'PATCH'; path: () => string; body?: () => unknown };
const ROUTES: Route[] = [
  { method: 'GET', path: () => `/cases/${caseId}` },
  { method: 'PATCH', path: () => `/cases/${caseId}`, body: () => ({ priority: 'high', version: 1 }) },
  { method: 'POST', path: () => `/cases/${caseId}/organisations`, body: () => ({ organisationId: ggzOrg }) },
  { method: 'POST', path: () => `/cases/${caseId}/organisations/${ggzOrg}/removal`, body: () => ({}) },
  { method: 'GET', path: () => `/cases/${caseId}/member-candidates` },
  { method: 'POST', path: () => `/cases/${caseId}/members`, body: () => ({ userId: ggzUser }) },
  { method: 'POST', path: () => `/cases/${caseId}/members/${ggzUser}/removal`, body: () => ({}) },
  {
    method: 'POST',
    path: () => `/cases/${caseId}/related-persons`,
    body: () => ({ newPerson: { firstName: 'A', lastName: 'B' }, relation: 'network' }),
  },
  { method: 'POST', path: () => `/cases/${caseId}/related-persons/${personId}/removal`, body: () => ({}) },
  { method: 'GET', path: () => `/cases/${caseId}/contributions` },
  {
    method: 'POST',
    path: () => `/cases/${caseId}/contributions`,
    body: () => ({ body: 'x', legalRegime: 'avg', scope: 'conference' }),
  },
  { method: 'POST', path: () => `/cases/${caseId}/transitions`, body: () => ({ kind: 'discuss', version: 1 }) },
  {
    method: 'POST',
    path: () => `/cases/${caseId}/escalations`,
    body: () => ({ direction: 'up', reason: 'x', version: 1 }),
  },
  { method: 'GET', path: () => `/cases/${caseId}/proportionality-reviews` },
  {
    method: 'POST',
    path: () => `/cases/${caseId}/proportionality-reviews`,
    body: () => ({ reviewedOn: '2026-01-01', reasoning: 'x' }),
  },
  { method: 'GET', path: () => `/cases/${caseId}/evaluations` },
  {
    method: 'POST',
    path: () => `/cases/${caseId}/evaluations`,
    body: () => ({ kind: 'process', findings: 'x' }),
  },
];
const LIST_ROUTES = ['/cases', '/priority-list'];

/** "POST /cases/{caseId}/members" */
function nameOf(r: Route): string {
  const template = /`(.*)`/.exec(r.path.toString())?.[1] ?? '?';
  return `${r.method} ${template.replace(/\$\{(\w+)\}/g, '{$1}')}`;
}

function call(c: Client, r: Route) {
  const path = `/api/v1${r.path()}`;
  if (r.method === 'GET') return c.get(path);
  if (r.method === 'PATCH') return c.patch(path, r.body?.());
  return c.post(path, r.body?.());
}

async function writes() {
  const r = await sql<{ n: string }>`select (
      (select count(*) from access_log) + (select count(*) from case_events) + (select count(*) from persons) +
      (select coalesce(sum(version), 0) from cases) + (select count(*) from case_contributions) +
      (select count(*) from case_evaluations) + (select count(*) from proportionality_reviews) +
      (select count(*) from case_members where removed_at is null) +
      (select count(*) from case_organisations where removed_at is null))::text as n`.execute(t.db.owner);
  return r.rows[0]?.n;
}

beforeAll(async () => {
  t = await startTestApp();
  director = await t.signIn('regisseur@delft.demo');
  for (const email of [...Object.values(OUTSIDERS), ...WITHOUT_CASE_WORK]) clients.set(email, await t.signIn(email));
  // Politie and GGZ take part; Politie's user is not a member; GGZ's user was a member and was removed.
  const c = await seedCase(t.deps, {
    members: ['ggz@ggz.demo'],
    related: [{ firstName: 'R', lastName: 'P', relation: 'parent' }],
  });
  caseId = c.caseId;
  ggzOrg = await organisationId(director, 'GGZ Delfland');
  ggzUser = await userIdByEmail(t, 'ggz@ggz.demo');
  const politieOrg = await organisationId(director, 'Politie');
  expect((await director.post(`/api/v1/cases/${caseId}/organisations`, { organisationId: politieOrg })).status).toBe(
    201,
  );
  const ggz = clients.get('ggz@ggz.demo') as Client;
  expect((await ggz.get(`/api/v1/cases/${caseId}`)).status).toBe(200);
  expect((await director.post(`/api/v1/cases/${caseId}/members/${ggzUser}/removal`, {})).status).toBe(204);
  personId = (
    await t.db.owner
      .selectFrom('case_related_persons')
      .select('person_id')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow()
  ).person_id;
});
afterAll(async () => {
  await t?.close();
});

describe.each(Object.entries(OUTSIDERS))('%s', (_who, email) => {
  it.each(ROUTES.map((r) => [nameOf(r), r] as const))('%s → 404, nothing written', async (_name, route) => {
    const c = clients.get(email) as Client;
    const before = await writes();
    expectProblem(await call(c, route), 404, 'NOT_FOUND');
    expect(await writes()).toBe(before);
  });

  it('does not find the case in the list or on the priority list', async () => {
    const c = clients.get(email) as Client;
    for (const path of LIST_ROUTES) {
      const res = await c.get(`/api/v1${path}?limit=200`);
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(caseId);
    }
  });
});

describe.each(WITHOUT_CASE_WORK)('%s (no cases:work)', (email) => {
  it('gets 403 on every case route and list, nothing written', async () => {
    const c = clients.get(email) as Client;
    const before = await writes();
    for (const route of ROUTES) {
      const res = await call(c, route);
      expectProblem(res, 403, 'FORBIDDEN');
    }
    for (const path of LIST_ROUTES) expectProblem(await c.get(`/api/v1${path}`), 403, 'FORBIDDEN');
    expect(await writes()).toBe(before);
  });
});

describe('an expert matched to the case', () => {
  it('sees it once the expertise pool takes part and the expert is added', async () => {
    const expert = clients.get('expert@pool.demo') as Client;
    const poolOrg = await organisationId(director, 'Expertisepool');
    const expertId = await userIdByEmail(t, 'expert@pool.demo');
    expect((await director.post(`/api/v1/cases/${caseId}/organisations`, { organisationId: poolOrg })).status).toBe(
      201,
    );
    const added = await director.post(`/api/v1/cases/${caseId}/members`, { userId: expertId });
    expect(added.body.purpose).toBe('expert');
    expect((await expert.get(`/api/v1/cases/${caseId}`)).status).toBe(200);
    expectProblem(await expert.patch(`/api/v1/cases/${caseId}`, { priority: 'high', version: 1 }), 403, 'FORBIDDEN');
  });
});
