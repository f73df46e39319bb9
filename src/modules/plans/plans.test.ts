import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import {
  accessEntries,
  actorFor,
  createCase,
  organisationIdByName,
  removeOrganisationFromCase,
  type TestCase,
} from './test-support.js';

let t: TestApp;
let director: Client;
let coordinator: Client;
let police: Client;
let ggz: Client;
let rijswijk: Client;
let policy: Client;
let expert: Client;
let politieId: string;
let ggzId: string;
let toolboxIds: Record<string, string>;

beforeAll(async () => {
  t = await startTestApp();
  [director, coordinator, police, ggz, rijswijk, policy, expert] = await Promise.all([
    t.signIn('regisseur@delft.demo'),
    t.signIn('coordinator@delft.demo'),
    t.signIn('politie@politie.demo'),
    t.signIn('ggz@ggz.demo'),
    t.signIn('regisseur@rijswijk.demo'),
    t.signIn('beleid@delft.demo'),
    t.signIn('expert@pool.demo'),
  ]);
  politieId = await organisationIdByName(t, 'Politie');
  ggzId = await organisationIdByName(t, 'GGZ Delfland');
  const items = await director.get('/api/v1/toolbox?limit=200');
  toolboxIds = Object.fromEntries(items.body.items.map((i: { code: string; id: string }) => [i.code, i.id]));
});
afterAll(async () => {
  await t?.close();
});

const withPolice = () => createCase(t, { partners: [{ organisation: 'Politie', members: ['politie@politie.demo'] }] });

async function phaseOf(caseId: string) {
  const row = await t.deps.db.owner
    .selectFrom('cases')
    .select(['phase', 'version'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  return row;
}

async function eventsOf(caseId: string) {
  return t.deps.db.owner
    .selectFrom('case_events')
    .select(['kind', 'summary'])
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
}

describe('plan of approach', () => {
  let c: TestCase;
  beforeAll(async () => {
    c = await withPolice();
  });

  it('is written by the process director or case coordinator, goal ids are kept, versions are checked', async () => {
    expectProblem(await director.get(`/api/v1/cases/${c.caseId}/plan`), 404);
    expectProblem(await police.post(`/api/v1/cases/${c.caseId}/plan`, {}), 403);
    const created = await coordinator.post(`/api/v1/cases/${c.caseId}/plan`, {
      problemAnalysis: 'Eerste analyse.',
      goals: [{ text: 'Contact met school herstellen' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      caseId: c.caseId,
      caseReference: c.reference,
      targetGroup: 'radicalised',
      status: 'draft',
      problemAnalysis: 'Eerste analyse.',
      nextReviewOn: null,
      adoptedAt: null,
      interventions: [],
      version: 1,
    });
    const goalId = created.body.goals[0].id;
    expect(goalId).toEqual(expect.any(String));
    expectProblem(await director.post(`/api/v1/cases/${c.caseId}/plan`, {}), 409, 'CONFLICT');

    const updated = await director.put(`/api/v1/cases/${c.caseId}/plan`, {
      problemAnalysis: 'Analyse na het casusoverleg.',
      goals: [{ id: goalId, text: 'Contact met school herstellen en behouden' }, { text: 'Zicht op netwerk' }],
      nextReviewOn: '2026-06-01',
      version: 1,
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.goals[0]).toEqual({ id: goalId, text: 'Contact met school herstellen en behouden' });
    expect(updated.body.goals).toHaveLength(2);
    expect(updated.body).toMatchObject({ nextReviewOn: '2026-06-01', version: 2 });

    const stale = await coordinator.put(`/api/v1/cases/${c.caseId}/plan`, {
      problemAnalysis: 'Oud',
      goals: [],
      nextReviewOn: null,
      version: 1,
    });
    expectProblem(stale, 409, 'STALE_VERSION');
    const unknownGoal = await director.put(`/api/v1/cases/${c.caseId}/plan`, {
      problemAnalysis: 'x',
      goals: [{ id: '00000000-0000-4000-8000-000000000000', text: 'x' }],
      nextReviewOn: null,
      version: 2,
    });
    expectProblem(unknownGoal, 422);
    expect(pointersOf(unknownGoal)).toEqual(['/goals/0/id']);
    expectProblem(
      await police.put(`/api/v1/cases/${c.caseId}/plan`, {
        problemAnalysis: 'x',
        goals: [],
        nextReviewOn: null,
        version: 2,
      }),
      403,
    );

    const read = await police.get(`/api/v1/cases/${c.caseId}/plan`);
    expect(read.status).toBe(200);
    expect(read.body.version).toBe(2);
    const kinds = (await eventsOf(c.caseId)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['plan_created', 'plan_updated']));
  });

  it('is adopted with a problem analysis and a goal; the case moves on to execution', async () => {
    const empty = await withPolice();
    const plan = await director.post(`/api/v1/cases/${empty.caseId}/plan`, {});
    const refused = await director.post(`/api/v1/cases/${empty.caseId}/plan/adoption`, { version: 1 });
    expectProblem(refused, 422);
    expect(pointersOf(refused).sort()).toEqual(['/goals', '/problemAnalysis']);
    expect(plan.body.status).toBe('draft');
    expectProblem(await police.post(`/api/v1/cases/${empty.caseId}/plan/adoption`, { version: 1 }), 403);

    const before = await phaseOf(c.caseId);
    expect(before.phase).toBe('preparation');
    expectProblem(await director.post(`/api/v1/cases/${c.caseId}/plan/adoption`, { version: 1 }), 409, 'STALE_VERSION');
    const adopted = await director.post(`/api/v1/cases/${c.caseId}/plan/adoption`, { version: 2 });
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
    expect(adopted.body).toMatchObject({ status: 'adopted', version: 3 });
    expect(adopted.body.adoptedAt).toEqual(expect.any(String));
    const after = await phaseOf(c.caseId);
    expect(after.phase).toBe('execution');
    expect(after.version).toBe(before.version + 1);
    expectProblem(
      await director.post(`/api/v1/cases/${c.caseId}/plan/adoption`, { version: 3 }),
      409,
      'ILLEGAL_TRANSITION',
    );
    const kinds = (await eventsOf(c.caseId)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['plan_adopted', 'phase_changed']));

    // An adopted plan can still be revised (e.g. at a review); it stays adopted.
    const revised = await coordinator.put(`/api/v1/cases/${c.caseId}/plan`, {
      problemAnalysis: adopted.body.problemAnalysis,
      goals: adopted.body.goals,
      nextReviewOn: '2026-09-01',
      version: 3,
    });
    expect(revised.status).toBe(200);
    expect(revised.body).toMatchObject({ status: 'adopted', nextReviewOn: '2026-09-01', version: 4 });
  });

  it('is visible only to the case: 404 outside, 403 for roles without case work; logged', async () => {
    expectProblem(await rijswijk.get(`/api/v1/cases/${c.caseId}/plan`), 404);
    expectProblem(await ggz.get(`/api/v1/cases/${c.caseId}/plan`), 404);
    expectProblem(await expert.get(`/api/v1/cases/${c.caseId}/plan`), 404);
    expectProblem(await rijswijk.post(`/api/v1/cases/${c.caseId}/plan`, {}), 404);
    expectProblem(
      await ggz.put(`/api/v1/cases/${c.caseId}/plan`, {
        problemAnalysis: 'x',
        goals: [],
        nextReviewOn: null,
        version: 4,
      }),
      404,
    );
    expectProblem(await policy.get(`/api/v1/cases/${c.caseId}/plan`), 403);
    expectProblem(await policy.post(`/api/v1/cases/${c.caseId}/plan/adoption`, { version: 1 }), 403);

    const planId = (await director.get(`/api/v1/cases/${c.caseId}/plan`)).body.id;
    const entries = await accessEntries(t, planId);
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'update', 'read']));
    for (const e of entries) {
      expect(e).toMatchObject({
        record_type: 'plan',
        subject_type: 'person',
        subject_id: c.personId,
        purpose_type: 'case',
        purpose_id: c.caseId,
      });
    }
  });

  it('names every bad field and refuses changes to a definitively closed case', async () => {
    const bad = await director.put(`/api/v1/cases/${c.caseId}/plan`, {
      goals: [{ text: '' }, { id: 'x', text: 'ok' }],
      nextReviewOn: '2026-02-30',
      status: 'adopted',
    });
    expectProblem(bad, 400);
    expect(pointersOf(bad)).toEqual(
      expect.arrayContaining([
        '/problemAnalysis',
        '/goals/0/text',
        '/goals/1/id',
        '/nextReviewOn',
        '/version',
        '/status',
      ]),
    );
    expectProblem(await director.post('/api/v1/cases/not-a-case/plan', {}), 400);

    const closed = await withPolice();
    await director.post(`/api/v1/cases/${closed.caseId}/plan`, {});
    await t.deps.db.owner
      .updateTable('cases')
      .set({ phase: 'closed', closed_at: new Date(), closing_kind: 'definitive', closing_reason: 'Test' })
      .where('id', '=', closed.caseId)
      .execute();
    expectProblem(
      await director.put(`/api/v1/cases/${closed.caseId}/plan`, {
        problemAnalysis: 'x',
        goals: [],
        nextReviewOn: null,
        version: 1,
      }),
      409,
      'ILLEGAL_TRANSITION',
    );
    expect((await director.get(`/api/v1/cases/${closed.caseId}/plan`)).status).toBe(200);
  });
});

describe('interventions and their evaluations', () => {
  let c: TestCase;
  let planId: string;
  beforeAll(async () => {
    c = await withPolice();
    planId = (await director.post(`/api/v1/cases/${c.caseId}/plan`, { goals: [{ text: 'Doel' }] })).body.id;
  });

  it('adds toolbox interventions with a responsible organisation that takes part in the case', async () => {
    const politieUser = await actorFor(t, 'politie@politie.demo');
    const ggzUser = await actorFor(t, 'ggz@ggz.demo');
    expectProblem(
      await police.post(`/api/v1/plans/${planId}/interventions`, {
        toolboxItemId: toolboxIds.care_mental_health,
        responsibleOrganisationId: politieId,
      }),
      403,
    );
    const refused = await director.post(`/api/v1/plans/${planId}/interventions`, {
      toolboxItemId: '00000000-0000-4000-8000-000000000000',
      responsibleOrganisationId: ggzId,
      startsOn: '2026-03-01',
      endsOn: '2026-02-01',
    });
    expectProblem(refused, 422);
    expect(pointersOf(refused)).toEqual(['/toolboxItemId', '/responsibleOrganisationId', '/endsOn']);
    const wrongUser = await director.post(`/api/v1/plans/${planId}/interventions`, {
      toolboxItemId: toolboxIds.administrative_report,
      responsibleOrganisationId: politieId,
      responsibleUserId: ggzUser.userId,
    });
    expectProblem(wrongUser, 422);
    expect(pointersOf(wrongUser)).toEqual(['/responsibleUserId']);

    const added = await director.post(`/api/v1/plans/${planId}/interventions`, {
      toolboxItemId: toolboxIds.administrative_report,
      goal: 'Doel',
      responsibleOrganisationId: politieId,
      responsibleUserId: politieUser.userId,
      startsOn: '2026-02-01',
      endsOn: '2026-05-01',
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({
      planId,
      caseId: c.caseId,
      toolboxItem: { code: 'administrative_report', category: 'limiting_administrative' },
      responsibleOrganisationName: 'Politie',
      responsibleUserName: 'Bram Wijkagent',
      status: 'planned',
      startsOn: '2026-02-01',
      endsOn: '2026-05-01',
      version: 1,
    });
    const plan = await director.get(`/api/v1/cases/${c.caseId}/plan`);
    expect(plan.body.interventions.map((i: { id: string }) => i.id)).toEqual([added.body.id]);
    expect((await eventsOf(c.caseId)).map((e) => e.summary)).toContain(
      'Interventie toegevoegd: Bestuurlijke rapportage (Politie)',
    );

    // The responsible organisation moves it along; the lifecycle holds; versions are checked.
    const id = added.body.id;
    const active = await police.patch(`/api/v1/plan-interventions/${id}`, { status: 'active', version: 1 });
    expect(active.status, JSON.stringify(active.body)).toBe(200);
    expect(active.body).toMatchObject({ status: 'active', version: 2 });
    expectProblem(
      await police.patch(`/api/v1/plan-interventions/${id}`, { status: 'completed', version: 1 }),
      409,
      'STALE_VERSION',
    );
    expectProblem(
      await police.patch(`/api/v1/plan-interventions/${id}`, { status: 'planned', version: 2 }),
      409,
      'ILLEGAL_TRANSITION',
    );
    expectProblem(
      await police.patch(`/api/v1/plan-interventions/${id}`, { responsibleOrganisationId: ggzId, version: 2 }),
      403,
    );
    const dates = await police.patch(`/api/v1/plan-interventions/${id}`, { endsOn: '2026-01-01', version: 2 });
    expectProblem(dates, 422);
    expect(pointersOf(dates)).toEqual(['/endsOn']);
    expectProblem(await ggz.patch(`/api/v1/plan-interventions/${id}`, { status: 'stopped', version: 2 }), 404);
    expectProblem(await rijswijk.get(`/api/v1/plan-interventions/${id}`), 404);
    expectProblem(await policy.get(`/api/v1/plan-interventions/${id}`), 403);
    expect((await police.get(`/api/v1/plan-interventions/${id}`)).status).toBe(200);
    const done = await director.patch(`/api/v1/plan-interventions/${id}`, { status: 'completed', version: 2 });
    expect(done.body.status).toBe('completed');
    expectProblem(await director.patch(`/api/v1/plan-interventions/${id}`, { status: 'active', version: 3 }), 409);
    const bad = await director.patch(`/api/v1/plan-interventions/${id}`, { status: 'paused', startsOn: 'soon' });
    expectProblem(bad, 400);
    expect(pointersOf(bad).sort()).toEqual(['/startsOn', '/status', '/version']);

    // Evaluations: plan, process, effect.
    const planned = await director.post(`/api/v1/plans/${planId}/interventions`, {
      toolboxItemId: toolboxIds.mentor_buddy,
      responsibleOrganisationId: politieId,
    });
    const early = await director.post(`/api/v1/plan-interventions/${planned.body.id}/evaluations`, {
      kind: 'effect',
      findings: 'Te vroeg.',
    });
    expectProblem(early, 422);
    expect(pointersOf(early)).toEqual(['/kind']);
    const first = await police.post(`/api/v1/plan-interventions/${id}/evaluations`, {
      kind: 'process',
      findings: 'Uitvoering verliep volgens plan.',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ planInterventionId: id, kind: 'process', authorName: 'Bram Wijkagent' });
    const second = await director.post(`/api/v1/plan-interventions/${id}/evaluations`, {
      kind: 'effect',
      findings: 'Doel bereikt.',
    });
    expect(second.status).toBe(201);
    const list = await coordinator.get(`/api/v1/plan-interventions/${id}/evaluations`);
    expect(list.body.items.map((e: { kind: string }) => e.kind)).toEqual(['process', 'effect']);
    const paged = await coordinator.get(`/api/v1/plan-interventions/${id}/evaluations?limit=1`);
    const rest = await coordinator.get(
      `/api/v1/plan-interventions/${id}/evaluations?limit=1&cursor=${paged.body.nextCursor}`,
    );
    expect(rest.body.items.map((e: { kind: string }) => e.kind)).toEqual(['effect']);
    expectProblem(await ggz.get(`/api/v1/plan-interventions/${id}/evaluations`), 404);
    const badEval = await director.post(`/api/v1/plan-interventions/${id}/evaluations`, { kind: 'vibe', findings: '' });
    expectProblem(badEval, 400);
    expect(pointersOf(badEval).sort()).toEqual(['/findings', '/kind']);

    const entries = await accessEntries(t, id);
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'update', 'read']));
    for (const e of entries) expect(e).toMatchObject({ subject_id: c.personId, purpose_id: c.caseId });
  });

  it('loses access on the next request when the organisation leaves the case', async () => {
    const cs = await createCase(t, { partners: [{ organisation: 'GGZ Delfland', members: ['ggz@ggz.demo'] }] });
    const p = await director.post(`/api/v1/cases/${cs.caseId}/plan`, {});
    expect((await ggz.get(`/api/v1/cases/${cs.caseId}/plan`)).status).toBe(200);
    await removeOrganisationFromCase(t, cs.caseId, 'GGZ Delfland');
    expectProblem(await ggz.get(`/api/v1/cases/${cs.caseId}/plan`), 404);
    const gone = await director.post(`/api/v1/plans/${p.body.id}/interventions`, {
      toolboxItemId: toolboxIds.care_mental_health,
      responsibleOrganisationId: ggzId,
    });
    expectProblem(gone, 422);
    expect(pointersOf(gone)).toEqual(['/responsibleOrganisationId']);
    expectProblem(
      await ggz.post(`/api/v1/plans/${p.body.id}/interventions`, {
        toolboxItemId: toolboxIds.care_mental_health,
        responsibleOrganisationId: ggzId,
      }),
      404,
    );
  });
});
