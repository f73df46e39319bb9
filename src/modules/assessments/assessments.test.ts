import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import {
  accessEntries,
  actorFor,
  createCase,
  createPerson,
  createSignal,
  keysOf,
  numberPaths,
  removeOrganisationFromCase,
  type TestCase,
} from '../plans/test-support.js';
import { PUBLIC_FRAMEWORK_NAME } from './catalogue.js';

let t: TestApp;
let director: Client;
let police: Client;
let ggz: Client;
let rijswijk: Client;
let coordinator: Client;
let policy: Client;
let framework: { id: string; factors: Array<{ id: string; domain: string; code: string }> };
let c: TestCase;

beforeAll(async () => {
  t = await startTestApp();
  [director, police, ggz, rijswijk, coordinator, policy] = await Promise.all([
    t.signIn('regisseur@delft.demo'),
    t.signIn('politie@politie.demo'),
    t.signIn('ggz@ggz.demo'),
    t.signIn('regisseur@rijswijk.demo'),
    t.signIn('coordinator@delft.demo'),
    t.signIn('beleid@delft.demo'),
  ]);
  const list = await director.get('/api/v1/assessment-frameworks');
  framework = list.body.items.find((f: { name: string }) => f.name === PUBLIC_FRAMEWORK_NAME);
  c = await createCase(t, { partners: [{ organisation: 'Politie', members: ['politie@politie.demo'] }] });
});
afterAll(async () => {
  await t?.close();
});

const factor = (code: string) => {
  const f = framework.factors.find((x) => x.code === code);
  if (!f) throw new Error(`no factor ${code}`);
  return f.id;
};

async function start(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/v1/assessments', {
    frameworkId: framework.id,
    assessedOn: '2026-02-01',
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Only record ids and versions are numbers: no score, total, weight, suggested level or colour. */
function expectNoScore(body: unknown) {
  for (const path of numberPaths(body)) expect(path).toMatch(/\/(sequence|version)$/);
  for (const key of keysOf(body))
    expect(key).not.toMatch(/score|total|sum|rank|weight|colou?r|suggest|points|risk_?level/i);
}

describe('assessments bound to a case', () => {
  it('walks a draft to a final judgement chosen by the assessor; nothing is computed', async () => {
    const draft = await start(director, { personId: c.personId, caseId: c.caseId });
    expect(draft).toMatchObject({
      personId: c.personId,
      caseId: c.caseId,
      signalId: null,
      status: 'draft',
      concernLevel: null,
      rationale: null,
      ratings: [],
      version: 1,
    });
    expect(draft.sequence).toBe(1);
    expect(draft.assessor.organisationName).toBe('Gemeente Delft');

    // Many factors "strongly present": the API still suggests nothing.
    const politie = await t.deps.db.owner
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', 'Politie')
      .executeTakeFirstOrThrow();
    const ratings: Array<Record<string, string>> = [
      {
        factorId: factor('violence_intent'),
        rating: 'strongly_present',
        evidence: 'Uitingen in gesprek.',
        sourceOrganisationId: politie.id,
      },
      { factorId: factor('access_to_means'), rating: 'present', observedOn: '2026-01-20' },
      { factorId: factor('hostile_image_of_society'), rating: 'strongly_present' },
      { factorId: factor('social_isolation'), rating: 'unknown' },
      { factorId: factor('social_bonding'), rating: 'not_observed' },
    ];
    const rated = await director.put(`/api/v1/assessments/${draft.id}`, { ratings, version: 1 });
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    expect(rated.body.ratings).toHaveLength(5);
    expect(rated.body.ratings[0]).toMatchObject({ code: 'violence_intent', sourceOrganisationName: 'Politie' });
    expect(rated.body.concernLevel).toBeNull();
    expect(rated.body.version).toBe(2);
    expectNoScore(rated.body);

    // Finalising needs the chosen level and the written rationale: both named.
    const missing = await director.post(`/api/v1/assessments/${draft.id}/finalisation`, { version: 2 });
    expectProblem(missing, 422, 'BUSINESS_RULE');
    expect(pointersOf(missing).sort()).toEqual(['/concernLevel', '/rationale']);

    const levelOnly = await director.put(`/api/v1/assessments/${draft.id}`, {
      ratings,
      concernLevel: 'medium',
      rationale: '   ',
      version: 2,
    });
    expect(levelOnly.status).toBe(200);
    const blank = await director.post(`/api/v1/assessments/${draft.id}/finalisation`, { version: 3 });
    expectProblem(blank, 422);
    expect(pointersOf(blank)).toEqual(['/rationale']);

    const written = await director.put(`/api/v1/assessments/${draft.id}`, {
      ratings,
      concernLevel: 'medium',
      rationale: 'Zorgen over uitingen; netwerk biedt steun. Oordeel van de beoordelaar.',
      version: 3,
    });
    expect(written.status).toBe(200);
    const stale = await director.post(`/api/v1/assessments/${draft.id}/finalisation`, { version: 3 });
    expectProblem(stale, 409, 'STALE_VERSION');
    const final = await director.post(`/api/v1/assessments/${draft.id}/finalisation`, { version: 4 });
    expect(final.status, JSON.stringify(final.body)).toBe(200);
    expect(final.body).toMatchObject({ status: 'final', concernLevel: 'medium', version: 5 });
    expect(final.body.finalisedAt).toEqual(expect.any(String));
    expectNoScore(final.body);

    // Immutable from now on.
    const change = await director.put(`/api/v1/assessments/${draft.id}`, {
      ratings: [],
      concernLevel: 'low',
      version: 5,
    });
    expectProblem(change, 409, 'ILLEGAL_TRANSITION');
    expectProblem(await director.post(`/api/v1/assessments/${draft.id}/finalisation`, { version: 5 }), 409);
    const again = await director.get(`/api/v1/assessments/${draft.id}`);
    expect(again.body.concernLevel).toBe('medium');
    expect(again.body.ratings).toHaveLength(5);
    expectNoScore(again.body);

    // The timeline names the step, not the person.
    const events = await t.deps.db.owner
      .selectFrom('case_events')
      .select(['kind', 'summary'])
      .where('case_id', '=', c.caseId)
      .execute();
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['assessment_started', 'assessment_finalised']));
  });

  it('versions assessments per person over time: the list is the trend', async () => {
    const person = await createPerson(t);
    const cs = await createCase(t, { personId: person });
    const levels = ['high', 'medium', 'low'] as const;
    for (const [i, level] of levels.entries()) {
      const a = await start(director, { personId: person, caseId: cs.caseId, assessedOn: `2026-0${i + 1}-15` });
      expect(a.sequence).toBe(i + 1);
      await director.put(`/api/v1/assessments/${a.id}`, {
        ratings: [],
        concernLevel: level,
        rationale: 'Oordeel.',
        version: 1,
      });
      const f = await director.post(`/api/v1/assessments/${a.id}/finalisation`, { version: 2 });
      expect(f.status).toBe(200);
    }
    const draft = await start(director, { personId: person, caseId: cs.caseId, assessedOn: '2026-04-15' });
    expect(draft.sequence).toBe(4);

    const trend = await director.get(`/api/v1/persons/${person}/assessments`);
    expect(trend.status).toBe(200);
    expect(trend.body.items.map((a: { sequence: number }) => a.sequence)).toEqual([1, 2, 3, 4]);
    expect(trend.body.items.map((a: { concernLevel: string | null }) => a.concernLevel)).toEqual([
      'high',
      'medium',
      'low',
      null,
    ]);
    expect(trend.body.items.map((a: { status: string }) => a.status)).toEqual(['final', 'final', 'final', 'draft']);
    expect(trend.body.items[0]).toMatchObject({
      assessedOn: '2026-01-15',
      assessor: { organisationName: 'Gemeente Delft' },
    });
    expectNoScore(trend.body);

    const paged = await director.get(`/api/v1/persons/${person}/assessments?limit=3`);
    expect(paged.body.items).toHaveLength(3);
    const next = await director.get(`/api/v1/persons/${person}/assessments?limit=3&cursor=${paged.body.nextCursor}`);
    expect(next.body.items.map((a: { sequence: number }) => a.sequence)).toEqual([4]);
    expect(next.body.nextCursor).toBeNull();
    expectProblem(await director.get(`/api/v1/persons/${person}/assessments?cursor=bm9wZQ`), 400);

    // Someone outside the case sees an empty trend (no leak that the person is known).
    const outside = await rijswijk.get(`/api/v1/persons/${person}/assessments`);
    expect(outside.status).toBe(200);
    expect(outside.body.items).toEqual([]);
  });

  it('only the assessor changes a draft; members read it; outsiders get 404; policy gets 403', async () => {
    const a = await start(director, { personId: c.personId, caseId: c.caseId });
    expect((await police.get(`/api/v1/assessments/${a.id}`)).status).toBe(200);
    expect((await coordinator.get(`/api/v1/assessments/${a.id}`)).status).toBe(200);
    expectProblem(await police.put(`/api/v1/assessments/${a.id}`, { ratings: [], version: 1 }), 403);
    expectProblem(await rijswijk.get(`/api/v1/assessments/${a.id}`), 404);
    expectProblem(await ggz.get(`/api/v1/assessments/${a.id}`), 404);
    expectProblem(await ggz.put(`/api/v1/assessments/${a.id}`, { ratings: [], version: 1 }), 404);
    expectProblem(await ggz.post(`/api/v1/assessments/${a.id}/finalisation`, { version: 1 }), 404);
    expectProblem(await policy.get(`/api/v1/assessments/${a.id}`), 403);
    expectProblem(await policy.get(`/api/v1/persons/${c.personId}/assessments`), 403);
    const expert = await t.signIn('expert@pool.demo');
    expectProblem(await expert.get(`/api/v1/assessments/${a.id}`), 404);

    // A partner may assess too, within a case it takes part in; not in other cases.
    const own = await start(police, { personId: c.personId, caseId: c.caseId });
    expect(own.assessor.organisationName).toBe('Politie');
    const other = await createCase(t);
    const refused = await police.post('/api/v1/assessments', {
      personId: other.personId,
      caseId: other.caseId,
      frameworkId: framework.id,
      assessedOn: '2026-02-01',
    });
    expectProblem(refused, 422);
    expect(pointersOf(refused)).toEqual(['/caseId']);

    // Removing the organisation from the case removes access on the next request.
    const cs = await createCase(t, { partners: [{ organisation: 'GGZ Delfland', members: ['ggz@ggz.demo'] }] });
    const b = await start(director, { personId: cs.personId, caseId: cs.caseId });
    expect((await ggz.get(`/api/v1/assessments/${b.id}`)).status).toBe(200);
    await removeOrganisationFromCase(t, cs.caseId, 'GGZ Delfland');
    expectProblem(await ggz.get(`/api/v1/assessments/${b.id}`), 404);
  });

  it('logs every read and change with the person as subject and the case as purpose', async () => {
    const a = await start(director, { personId: c.personId, caseId: c.caseId });
    await director.put(`/api/v1/assessments/${a.id}`, { ratings: [], concernLevel: 'low', rationale: 'x', version: 1 });
    await police.get(`/api/v1/assessments/${a.id}`);
    await director.post(`/api/v1/assessments/${a.id}/finalisation`, { version: 2 });
    await director.get(`/api/v1/persons/${c.personId}/assessments`);
    const entries = await accessEntries(t, a.id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'read', 'update', 'read']);
    const policeUser = await actorFor(t, 'politie@politie.demo');
    expect(entries[2]?.actor_user_id).toBe(policeUser.userId);
    for (const e of entries) {
      expect(e).toMatchObject({
        record_type: 'assessment',
        subject_type: 'person',
        subject_id: c.personId,
        purpose_type: 'case',
        purpose_id: c.caseId,
      });
    }
    // A refused request (404) writes no entry and changes nothing.
    await ggz.get(`/api/v1/assessments/${a.id}`);
    expect(await accessEntries(t, a.id)).toHaveLength(5);
  });

  it('names every bad field', async () => {
    const a = await start(director, { personId: c.personId, caseId: c.caseId });
    const bad = await director.put(`/api/v1/assessments/${a.id}`, {
      ratings: [
        { factorId: 'nope', rating: 'very_high' },
        { factorId: factor('propaganda'), rating: 'present', observedOn: '15-01-2026', score: 3 },
      ],
      concernLevel: 'red',
      version: 'one',
    });
    expectProblem(bad, 400, 'INVALID_INPUT');
    expect(pointersOf(bad)).toEqual(
      expect.arrayContaining([
        '/ratings/0/factorId',
        '/ratings/0/rating',
        '/ratings/1/observedOn',
        '/ratings/1/score',
        '/concernLevel',
        '/version',
      ]),
    );
    const dup = await director.put(`/api/v1/assessments/${a.id}`, {
      ratings: [
        { factorId: factor('propaganda'), rating: 'present' },
        { factorId: factor('propaganda'), rating: 'unknown' },
      ],
      version: 1,
    });
    expectProblem(dup, 400);
    expect(pointersOf(dup)).toEqual(['/ratings/1/factorId']);

    const foreign = await director.put(`/api/v1/assessments/${a.id}`, {
      ratings: [
        { factorId: '00000000-0000-4000-8000-000000000000', rating: 'present' },
        {
          factorId: factor('propaganda'),
          rating: 'present',
          sourceOrganisationId: '00000000-0000-4000-8000-000000000001',
        },
      ],
      version: 1,
    });
    expectProblem(foreign, 422);
    expect(pointersOf(foreign)).toEqual(['/ratings/0/factorId', '/ratings/1/sourceOrganisationId']);
    const unchanged = await director.get(`/api/v1/assessments/${a.id}`);
    expect(unchanged.body.version).toBe(1);

    const create = await director.post('/api/v1/assessments', { personId: 'x', assessedOn: '2026-13-01', extra: 1 });
    expectProblem(create, 400);
    expect(pointersOf(create)).toEqual(expect.arrayContaining(['/personId', '/frameworkId', '/assessedOn', '/extra']));

    const unbound = await director.post('/api/v1/assessments', {
      personId: c.personId,
      frameworkId: framework.id,
      assessedOn: '2026-02-01',
    });
    expectProblem(unbound, 422);
    expect(pointersOf(unbound)).toEqual(['/caseId', '/signalId']);

    const stranger = await createPerson(t, 'Ander', 'Persoon');
    const wrongPerson = await director.post('/api/v1/assessments', {
      personId: stranger,
      caseId: c.caseId,
      frameworkId: '00000000-0000-4000-8000-000000000000',
      assessedOn: '2026-02-01',
    });
    expectProblem(wrongPerson, 422);
    expect(pointersOf(wrongPerson)).toEqual(['/personId', '/frameworkId']);
  });
});

describe('assessments bound to a signal (before triage)', () => {
  it('are visible to the process directors of the signal municipality and the registrant only', async () => {
    const person = await createPerson(t);
    const registrant = await actorFor(t, 'politie@politie.demo');
    const signalId = await createSignal(t, registrant, person, 'Delft');
    const a = await start(police, { personId: person, signalId });
    expect(a).toMatchObject({ signalId, caseId: null, sequence: 1 });

    expect((await director.get(`/api/v1/assessments/${a.id}`)).status).toBe(200);
    expectProblem(await rijswijk.get(`/api/v1/assessments/${a.id}`), 404);
    expectProblem(await coordinator.get(`/api/v1/assessments/${a.id}`), 404);
    expectProblem(await ggz.get(`/api/v1/assessments/${a.id}`), 404);
    expect((await director.get(`/api/v1/persons/${person}/assessments`)).body.items).toHaveLength(1);
    expect((await ggz.get(`/api/v1/persons/${person}/assessments`)).body.items).toHaveLength(0);

    const entries = await accessEntries(t, a.id);
    expect(entries.map((e) => [e.action, e.purpose_type, e.purpose_id, e.subject_id])).toEqual([
      ['create', 'signal-intake', signalId, person],
      ['read', 'signal-intake', signalId, person],
      ['read', 'signal-intake', signalId, person],
    ]);

    // A signal of Rijswijk: its director sees it, Delft's does not.
    const rijswijkSignal = await createSignal(t, registrant, person, 'Rijswijk');
    const b = await start(police, { personId: person, signalId: rijswijkSignal });
    expect(b.sequence).toBe(2);
    expect((await rijswijk.get(`/api/v1/assessments/${b.id}`)).status).toBe(200);
    expectProblem(await director.get(`/api/v1/assessments/${b.id}`), 404);

    // Nobody else can bind an assessment to the signal; the person must be a subject of it.
    const other = await ggz.post('/api/v1/assessments', {
      personId: person,
      signalId,
      frameworkId: framework.id,
      assessedOn: '2026-02-01',
    });
    expectProblem(other, 422);
    expect(pointersOf(other)).toEqual(['/signalId']);
    const notSubject = await director.post('/api/v1/assessments', {
      personId: c.personId,
      signalId,
      frameworkId: framework.id,
      assessedOn: '2026-02-01',
    });
    expectProblem(notSubject, 422);
    expect(pointersOf(notSubject)).toEqual(['/personId']);
  });
});
