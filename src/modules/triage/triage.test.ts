/**
 * Triage (afstemmingsoverleg): meetings with open signals on the agenda, one decision per signal by a
 * process director with a rationale; "open_case" opens a case in the same transaction, and a failing
 * decision writes nothing at all.
 */

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, organisationId, pointersOf, userIdByEmail } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { withTx } from '../../platform/db/database.js';
import type { Actor } from '../../platform/http/context.js';
import { actorInRegion } from '../auth/test-support.js';
import { requireVisibleCase } from '../cases/visibility.js';
import { inclusionFor } from './inclusion-testing.js';

let t: TestApp;
let director: Client;
let coordinator: Client;
let police: Client;
let ggz: Client;
let rijswijk: Client;
let delft: string;
let rijswijkMunicipality: string;
let policeOrg: string;

beforeAll(async () => {
  t = await startTestApp();
  [director, coordinator, police, ggz, rijswijk] = await Promise.all([
    t.signIn('regisseur@delft.demo'),
    t.signIn('coordinator@delft.demo'),
    t.signIn('politie@politie.demo'),
    t.signIn('ggz@ggz.demo'),
    t.signIn('regisseur@rijswijk.demo'),
  ]);
  const municipalities = (await director.get('/api/v1/municipalities')).body.items as Array<{
    id: string;
    name: string;
  }>;
  delft = municipalities.find((m) => m.name === 'Delft')?.id as string;
  rijswijkMunicipality = municipalities.find((m) => m.name === 'Rijswijk')?.id as string;
  policeOrg = await organisationId(director, 'Politie');
});
afterAll(async () => {
  await t?.close();
});

async function newSignal(overrides: Record<string, unknown> = {}) {
  const res = await police.post('/api/v1/signals', {
    municipalityId: delft,
    sourceOrganisationId: policeOrg,
    receivedOn: '2026-01-20',
    subjects: [{ newPerson: { firstName: 'Daan', lastName: 'Mulder', dateOfBirth: '2003-09-09' } }],
    indicators: ['recruiting'],
    ideology: 'anti_government',
    urgency: 'high',
    description: 'Ronselt op een online forum.',
    ...overrides,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number; subjects: Array<{ personId: string }> };
}

async function actorFor(email: string): Promise<Actor> {
  const region = await t.db.owner
    .selectFrom('regions')
    .select('id')
    .where('is_demo', '=', true)
    .executeTakeFirstOrThrow();
  return actorInRegion(t.db, email, region.id);
}

const signalRow = (id: string) =>
  t.db.owner
    .selectFrom('signals')
    .select(['status', 'version', 'closed_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const count = async (table: 'cases' | 'triage_decisions' | 'case_signals') =>
  Number(
    (await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(t.db.owner)).rows[0]?.n,
  );

describe('triage meetings', () => {
  it('a process director plans one for their own municipality and puts open signals on its agenda', async () => {
    const meeting = await director.post('/api/v1/triage-meetings', { municipalityId: delft, heldOn: '2026-01-22' });
    expect(meeting.status).toBe(201);
    expect(meeting.body).toMatchObject({
      municipality: { id: delft, name: 'Delft' },
      heldOn: '2026-01-22',
      status: 'planned',
      chair: { name: 'Pieter de Regisseur' },
      agenda: [],
      agendaSize: 0,
      version: 1,
    });
    const signal = await newSignal();
    const added = await director.post(`/api/v1/triage-meetings/${meeting.body.id}/agenda`, { signalId: signal.id });
    expect(added.status).toBe(201);
    expect(added.body.agenda).toEqual([
      expect.objectContaining({ position: 1, decision: null, signal: expect.objectContaining({ id: signal.id }) }),
    ]);
    expect(added.body.agenda[0].signal.status).toBe('triage');
    expect((await signalRow(signal.id)).status).toBe('triage');
    expectProblem(
      await director.post(`/api/v1/triage-meetings/${meeting.body.id}/agenda`, { signalId: signal.id }),
      409,
    );

    const list = await director.get('/api/v1/triage-meetings');
    expect(list.body.items).toContainEqual(expect.objectContaining({ id: meeting.body.id, agendaSize: 1 }));
    const held = await director.patch(`/api/v1/triage-meetings/${meeting.body.id}`, { status: 'held', version: 1 });
    expect(held.body).toMatchObject({ status: 'held', version: 2 });
    expectProblem(
      await director.patch(`/api/v1/triage-meetings/${meeting.body.id}`, { status: 'planned', version: 1 }),
      409,
    );
  });

  it('is the process directors’ own: others get 403 to plan, 404 to read, and an empty list', async () => {
    const meeting = await director.post('/api/v1/triage-meetings', { municipalityId: delft, heldOn: '2026-01-29' });
    const notOurs = await director.post('/api/v1/triage-meetings', {
      municipalityId: rijswijkMunicipality,
      heldOn: '2026-01-29',
    });
    expectProblem(notOurs, 422);
    expect(pointersOf(notOurs)).toEqual(['/municipalityId']);
    expectProblem(await police.post('/api/v1/triage-meetings', { municipalityId: delft, heldOn: '2026-01-29' }), 403);
    for (const c of [rijswijk, police, coordinator]) {
      expectProblem(await c.get(`/api/v1/triage-meetings/${meeting.body.id}`), 404);
      const ids = (await c.get('/api/v1/triage-meetings?limit=200')).body.items.map((m: { id: string }) => m.id);
      expect(ids).not.toContain(meeting.body.id);
    }
    const bad = await director.post('/api/v1/triage-meetings', { municipalityId: 'delft', heldOn: 'morgen' });
    expectProblem(bad, 400);
    expect(pointersOf(bad).sort()).toEqual(['/heldOn', '/municipalityId']);
  });

  it('takes only signals the director can see, and only open ones', async () => {
    const meeting = await director.post('/api/v1/triage-meetings', { municipalityId: delft, heldOn: '2026-02-05' });
    const elsewhere = await newSignal({ municipalityId: rijswijkMunicipality });
    expectProblem(
      await director.post(`/api/v1/triage-meetings/${meeting.body.id}/agenda`, { signalId: elsewhere.id }),
      404,
    );
    const closed = await newSignal();
    await director.post('/api/v1/triage-decisions', {
      signalId: closed.id,
      decision: 'no_action',
      rationale: 'Geen zorg.',
    });
    expectProblem(
      await director.post(`/api/v1/triage-meetings/${meeting.body.id}/agenda`, { signalId: closed.id }),
      409,
      'ILLEGAL_TRANSITION',
    );
  });
});

describe('triage decisions', () => {
  it('handle locally: the signal is decided; a second decision gets 409', async () => {
    const signal = await newSignal();
    const res = await director.post('/api/v1/triage-decisions', {
      signalId: signal.id,
      decision: 'handle_locally',
      rationale: 'Lokaal zorgtraject via het sociaal team.',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      signalId: signal.id,
      signalReference: expect.stringMatching(/^S-/),
      decision: 'handle_locally',
      referredTo: null,
      caseId: null,
      caseReference: null,
      triageMeetingId: null,
      decidedBy: { name: 'Pieter de Regisseur' },
    });
    expect(await signalRow(signal.id)).toMatchObject({ status: 'decided', closed_at: null });
    expectProblem(
      await director.post('/api/v1/triage-decisions', { signalId: signal.id, decision: 'no_action', rationale: 'x' }),
      409,
      'CONFLICT',
    );
    const list = await director.get(`/api/v1/triage-decisions?signalId=${signal.id}`);
    expect(list.body.items).toEqual([res.body]);
    // The signal itself can no longer be changed.
    expectProblem(await police.patch(`/api/v1/signals/${signal.id}`, { urgency: 'acute', version: 2 }), 409);
    const shown = await police.get(`/api/v1/signals/${signal.id}`);
    expect(shown.body).toMatchObject({ status: 'decided', canEdit: false, decision: { decision: 'handle_locally' } });
  });

  it('refer needs referredTo (and only refer has one); no action closes the signal', async () => {
    const signal = await newSignal();
    const missing = await director.post('/api/v1/triage-decisions', {
      signalId: signal.id,
      decision: 'refer',
      rationale: 'Past beter in de Top-X-aanpak.',
    });
    expectProblem(missing, 400);
    expect(pointersOf(missing)).toEqual(['/referredTo']);
    const extra = await director.post('/api/v1/triage-decisions', {
      signalId: signal.id,
      decision: 'no_action',
      referredTo: 'care',
      rationale: '',
    });
    expect(pointersOf(extra).sort()).toEqual(['/rationale', '/referredTo']);
    const referred = await director.post('/api/v1/triage-decisions', {
      signalId: signal.id,
      decision: 'refer',
      referredTo: 'top_x',
      rationale: 'Past beter in de Top-X-aanpak.',
    });
    expect(referred.body).toMatchObject({ decision: 'refer', referredTo: 'top_x' });
    expect((await signalRow(signal.id)).status).toBe('decided');

    const other = await newSignal();
    await director.post('/api/v1/triage-decisions', {
      signalId: other.id,
      decision: 'no_action',
      rationale: 'Geen zorg.',
    });
    const row = await signalRow(other.id);
    expect(row.status).toBe('closed');
    expect(row.closed_at).not.toBeNull();
  });

  it('only a process director of the signal’s municipality decides', async () => {
    const signal = await newSignal();
    const body = { signalId: signal.id, decision: 'no_action', rationale: 'Geen zorg.' };
    expectProblem(await police.post('/api/v1/triage-decisions', body), 403);
    expectProblem(await coordinator.post('/api/v1/triage-decisions', body), 403);
    expectProblem(await rijswijk.post('/api/v1/triage-decisions', body), 404);
    expect((await signalRow(signal.id)).status).toBe('received');
  });

  it('open case: opens the case in the same transaction, visible to the director; the decision is logged', async () => {
    const signal = await newSignal();
    const meeting = await director.post('/api/v1/triage-meetings', { municipalityId: delft, heldOn: '2026-02-12' });
    await director.post(`/api/v1/triage-meetings/${meeting.body.id}/agenda`, { signalId: signal.id });
    const subject = signal.subjects[0]?.personId as string;
    const res = await director.post('/api/v1/triage-decisions', {
      signalId: signal.id,
      triageMeetingId: meeting.body.id,
      decision: 'open_case',
      inclusion: await inclusionFor(director),
      rationale: 'Zorgen over ronselen; regionaal casusoverleg nodig.',
      case: {
        subjectPersonId: subject,
        targetGroup: 'recruiter',
        riskGroup: 2,
        caseCoordinatorId: await userIdByEmail(t, 'coordinator@delft.demo'),
        priority: 'high',
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      decision: 'open_case',
      triageMeetingId: meeting.body.id,
      caseId: expect.any(String),
      caseReference: expect.stringMatching(/^C-\d{4}-\d{4}$/),
    });
    const caseId = res.body.caseId as string;

    // The case is there, linked to the signal, and visible to the director through THE need-to-know condition.
    const directorActor = await actorFor('regisseur@delft.demo');
    const visible = await withTx(t.db, { regionId: directorActor.regionId }, (tx) =>
      requireVisibleCase(tx, directorActor, caseId),
    );
    expect(visible).toMatchObject({
      subject_person_id: subject,
      target_group: 'recruiter',
      risk_group: 2,
      ideology: 'anti_government',
      directing_municipality_id: delft,
      priority: 'high',
      phase: 'preparation',
    });
    const links = await t.db.owner.selectFrom('case_signals').selectAll().where('case_id', '=', caseId).execute();
    expect(links.map((l) => l.signal_id)).toEqual([signal.id]);
    expect((await signalRow(signal.id)).status).toBe('decided');

    const agenda = await director.get(`/api/v1/triage-meetings/${meeting.body.id}`);
    expect(agenda.body.agenda[0].decision).toMatchObject({
      decision: 'open_case',
      caseId,
      caseReference: res.body.caseReference,
    });

    const log = await t.db.owner
      .selectFrom('access_log')
      .selectAll()
      .where('record_type', '=', 'triage_decision')
      .where('record_id', '=', res.body.id)
      .execute();
    expect(log).toEqual([
      expect.objectContaining({
        action: 'create',
        subject_id: subject,
        purpose_type: 'signal-intake',
        purpose_id: signal.id,
      }),
    ]);
    // Reading the signal now is for the purpose of its case.
    await director.get(`/api/v1/signals/${signal.id}`);
    const read = await t.db.owner
      .selectFrom('access_log')
      .selectAll()
      .where('record_id', '=', signal.id)
      .where('action', '=', 'read')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(read).toMatchObject({ purpose_type: 'case', purpose_id: caseId });
  });

  it('open case: assessments made at intake join the case and its need-to-know', async () => {
    const signal = await newSignal();
    const subject = signal.subjects[0]?.personId as string;
    const frameworks = await director.get('/api/v1/assessment-frameworks');
    const frameworkId = frameworks.body.items[0].id as string;
    const made = await police.post('/api/v1/assessments', {
      personId: subject,
      signalId: signal.id,
      frameworkId,
      assessedOn: '2026-01-21',
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.caseId).toBeNull();
    // Another signal's assessment stays where it is.
    const other = await newSignal();
    const otherMade = await police.post('/api/v1/assessments', {
      personId: other.subjects[0]?.personId,
      signalId: other.id,
      frameworkId,
      assessedOn: '2026-01-21',
    });
    expect(otherMade.status).toBe(201);

    const res = await director.post('/api/v1/triage-decisions', {
      signalId: signal.id,
      decision: 'open_case',
      inclusion: await inclusionFor(director),
      rationale: 'Casus openen.',
      case: { subjectPersonId: subject, targetGroup: 'radicalised' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const caseId = res.body.caseId as string;
    const rows = await t.db.owner
      .selectFrom('assessments')
      .select(['id', 'case_id'])
      .where('id', 'in', [made.body.id, otherMade.body.id])
      .execute();
    expect(new Map(rows.map((r) => [r.id, r.case_id]))).toEqual(
      new Map([
        [made.body.id, caseId],
        [otherMade.body.id, null],
      ]),
    );
    expect((await director.get(`/api/v1/assessments/${made.body.id}`)).body.caseId).toBe(caseId);
    // The police officer who made it is not a member of the case: from now on the case decides.
    expectProblem(await police.get(`/api/v1/assessments/${made.body.id}`), 404);
    const ggzOrg = await organisationId(director, 'GGZ Delfland');
    await director.post(`/api/v1/cases/${caseId}/organisations`, { organisationId: ggzOrg });
    await director.post(`/api/v1/cases/${caseId}/members`, { userId: await userIdByEmail(t, 'ggz@ggz.demo') });
    expect((await ggz.get(`/api/v1/assessments/${made.body.id}`)).status).toBe(200);
    const timeline = (await director.get(`/api/v1/cases/${caseId}`)).body.timeline.map((e: { kind: string }) => e.kind);
    expect(timeline).toContain('signal_assessments_linked');
  });

  it('a member of the case sees the signal behind it, and loses it when removed', async () => {
    const signal = await newSignal();
    const res = await director.post('/api/v1/triage-decisions', {
      signalId: signal.id,
      decision: 'open_case',
      inclusion: await inclusionFor(director),
      rationale: 'Casus openen.',
      case: { subjectPersonId: signal.subjects[0]?.personId, targetGroup: 'radicalised' },
    });
    const caseId = res.body.caseId as string;
    expectProblem(await ggz.get(`/api/v1/signals/${signal.id}`), 404);
    const ggzOrg = await organisationId(director, 'GGZ Delfland');
    const ggzUser = await userIdByEmail(t, 'ggz@ggz.demo');
    const directorId = await userIdByEmail(t, 'regisseur@delft.demo');
    const region = (await actorFor('ggz@ggz.demo')).regionId;
    await t.db.owner
      .insertInto('case_organisations')
      .values({ region_id: region, case_id: caseId, organisation_id: ggzOrg, added_by: directorId })
      .execute();
    await t.db.owner
      .insertInto('case_members')
      .values({ region_id: region, case_id: caseId, user_id: ggzUser, organisation_id: ggzOrg, added_by: directorId })
      .execute();
    const seen = await ggz.get(`/api/v1/signals/${signal.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ canEdit: false, canDecide: false });
    const person = await ggz.get(`/api/v1/persons/${signal.subjects[0]?.personId}`);
    expect(person.status).toBe(200);
    await t.db.owner
      .updateTable('case_members')
      .set({ removed_at: new Date() })
      .where('case_id', '=', caseId)
      .where('user_id', '=', ggzUser)
      .execute();
    expectProblem(await ggz.get(`/api/v1/signals/${signal.id}`), 404);
    expectProblem(await ggz.get(`/api/v1/persons/${signal.subjects[0]?.personId}`), 404);
  });

  it('writes nothing when opening the case fails: no decision, no case, signal unchanged', async () => {
    const signal = await newSignal();
    const before = {
      signal: await signalRow(signal.id),
      cases: await count('cases'),
      decisions: await count('triage_decisions'),
      caseSignals: await count('case_signals'),
    };
    const subject = signal.subjects[0]?.personId as string;
    const inclusion = await inclusionFor(director);
    const attempt = (c: Record<string, unknown>) =>
      director.post('/api/v1/triage-decisions', {
        signalId: signal.id,
        decision: 'open_case',
        inclusion,
        rationale: 'Casus openen.',
        case: { subjectPersonId: subject, targetGroup: 'recruiter', ...c },
      });

    // A partner cannot be the case coordinator: openCase refuses after the signal was already updated.
    const coordinatorRefused = await attempt({ caseCoordinatorId: await userIdByEmail(t, 'politie@politie.demo') });
    expectProblem(coordinatorRefused, 422);
    expect(pointersOf(coordinatorRefused)).toEqual(['/case/caseCoordinatorId']);
    const notOurs = await attempt({ directingMunicipalityId: rijswijkMunicipality });
    expectProblem(notOurs, 422);
    expect(pointersOf(notOurs)).toEqual(['/case/directingMunicipalityId']);
    const notASubject = await attempt({ subjectPersonId: crypto.randomUUID() });
    expectProblem(notASubject, 422);
    expect(pointersOf(notASubject)).toEqual(['/case/subjectPersonId']);
    // The directing municipality joins the case at once: only under a signed covenant (issue 4).
    const delftOrg = await organisationId(director, 'Gemeente Delft');
    await t.db.owner
      .updateTable('covenant_parties')
      .set({ signed_on: null })
      .where('organisation_id', '=', delftOrg)
      .execute();
    try {
      const noCovenant = await attempt({});
      expectProblem(noCovenant, 422);
      expect(noCovenant.body.errors).toEqual([
        expect.objectContaining({ code: 'no_covenant', location: { pointer: '/case/directingMunicipalityId' } }),
      ]);
    } finally {
      await t.db.owner
        .updateTable('covenant_parties')
        .set({ signed_on: '2024-01-15' })
        .where('organisation_id', '=', delftOrg)
        .execute();
    }
    const invalid = await attempt({ targetGroup: 'dangerous', riskGroup: 9 });
    expectProblem(invalid, 400);
    expect(pointersOf(invalid).sort()).toEqual(['/case/riskGroup', '/case/targetGroup']);
    const noCase = await director.post('/api/v1/triage-decisions', {
      signalId: signal.id,
      decision: 'open_case',
      inclusion: await inclusionFor(director),
      rationale: 'Casus openen.',
    });
    expect(pointersOf(noCase)).toEqual(['/case']);

    expect(await signalRow(signal.id)).toEqual(before.signal);
    expect(await count('cases')).toBe(before.cases);
    expect(await count('triage_decisions')).toBe(before.decisions);
    expect(await count('case_signals')).toBe(before.caseSignals);
  });

  it('refuses a meeting on whose agenda the signal is not', async () => {
    const signal = await newSignal();
    const meeting = await director.post('/api/v1/triage-meetings', { municipalityId: delft, heldOn: '2026-02-19' });
    const res = await director.post('/api/v1/triage-decisions', {
      signalId: signal.id,
      triageMeetingId: meeting.body.id,
      decision: 'no_action',
      rationale: 'Geen zorg.',
    });
    expectProblem(res, 422);
    expect(pointersOf(res)).toEqual(['/triageMeetingId']);
  });
});
