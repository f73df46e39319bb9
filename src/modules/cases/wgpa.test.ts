/**
 * The Wgpa's safeguards over real HTTP on a real database: the weging at triage (criteria with
 * reasons, gemeente + politie + OM; nothing written without them), informing the person (informed, or
 * deferred with a ground and a date that comes back on the priority list and in notifications), the
 * inclusion review (reasons; the next review date follows), the retention reasons at definitive
 * closing — and need-to-know: 404 outside the case, 403 for who cannot manage it, a revoked grant stops
 * at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { addMonths } from '../../core/wgpa.js';
import { generateNotifications } from '../monitoring/notifications.js';
import { inclusionFor } from '../triage/inclusion-testing.js';
import { todayInNl } from './core.js';
import { seedCase } from './testing.js';

let t: TestApp;
let director: Client;
let coordinator: Client;
let police: Client;
let ggz: Client;
let rijswijk: Client;
let admin: Client;

beforeAll(async () => {
  t = await startTestApp();
  [director, coordinator, police, ggz, rijswijk, admin] = await Promise.all([
    t.signIn('regisseur@delft.demo'),
    t.signIn('coordinator@delft.demo'),
    t.signIn('politie@politie.demo'),
    t.signIn('ggz@ggz.demo'),
    t.signIn('regisseur@rijswijk.demo'),
    t.signIn('beheer@delft.demo'),
  ]);
});
afterAll(async () => {
  await t?.close();
});

const today = () => todayInNl(t.deps.now());

async function newSignal(): Promise<{ id: string; personId: string }> {
  const municipalities = await director.get('/api/v1/municipalities');
  const delft = municipalities.body.items.find((m: { name: string }) => m.name === 'Delft').id;
  const res = await director.post('/api/v1/signals', {
    municipalityId: delft,
    receivedOn: today(),
    ideology: 'jihadist',
    urgency: 'normal',
    description: 'Zorgen over uitingen op sociale media.',
    indicators: [],
    subjects: [{ newPerson: { firstName: 'Weging', lastName: `Test ${Math.random().toString(36).slice(2, 8)}` } }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id, personId: res.body.subjects[0].personId };
}

const count = async (table: 'cases' | 'inclusion_decisions' | 'triage_decisions') =>
  Number(
    (
      await t.db.owner
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the weging at triage (inclusion)', () => {
  it('refuses an inclusion without gemeente, politie and OM, without reasons, or with an unknown criterion — writing nothing', async () => {
    const signal = await newSignal();
    const complete = await inclusionFor(director);
    const before = { cases: await count('cases'), inclusions: await count('inclusion_decisions') };
    const decide = (inclusion: unknown) =>
      director.post('/api/v1/triage-decisions', {
        signalId: signal.id,
        decision: 'open_case',
        rationale: 'Casus openen.',
        case: { subjectPersonId: signal.personId, targetGroup: 'radicalised' },
        ...(inclusion === undefined ? {} : { inclusion }),
      });
    const missing = await decide(undefined);
    expectProblem(missing, 400);
    expect(pointersOf(missing)).toEqual(['/inclusion']);
    const noPolice = await decide({
      ...complete,
      participantOrganisationIds: complete.participantOrganisationIds.filter((_, i) => i !== 1),
    });
    expectProblem(noPolice, 422);
    expect(pointersOf(noPolice)).toEqual(['/inclusion/participantOrganisationIds']);
    const noReasons = await decide({ ...complete, criteria: [{ ...complete.criteria[0], reasons: '  ' }] });
    expectProblem(noReasons, 422);
    expect(pointersOf(noReasons)).toEqual(['/inclusion/criteria/0/reasons']);
    const unknown = await decide({
      ...complete,
      criteria: [{ criterionId: '00000000-0000-4000-8000-000000000000', reasons: 'x' }],
    });
    expectProblem(unknown, 422);
    expect(pointersOf(unknown)).toEqual(['/inclusion/criteria/0/criterionId']);
    const notOpening = await director.post('/api/v1/triage-decisions', {
      signalId: signal.id,
      decision: 'no_action',
      rationale: 'Geen zorgen.',
      inclusion: complete,
    });
    expectProblem(notOpening, 400);
    expect(pointersOf(notOpening)).toEqual(['/inclusion']);
    expect({ cases: await count('cases'), inclusions: await count('inclusion_decisions') }).toEqual(before);
    expect((await director.get(`/api/v1/signals/${signal.id}`)).body.status).not.toBe('decided');
  });

  it('records the criteria with reasons and the parties, shown with the case to who sees it and to nobody else', async () => {
    const signal = await newSignal();
    const inclusion = await inclusionFor(director, 'Herhaalde uitingen die geweld verheerlijken.');
    const res = await director.post('/api/v1/triage-decisions', {
      signalId: signal.id,
      decision: 'open_case',
      rationale: 'Regionaal casusoverleg nodig.',
      case: { subjectPersonId: signal.personId, targetGroup: 'radicalised' },
      inclusion,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const caseId = res.body.caseId as string;
    const safeguards = await director.get(`/api/v1/cases/${caseId}/safeguards`);
    expect(safeguards.status).toBe(200);
    expect(safeguards.body.inclusion.criteria).toEqual([
      expect.objectContaining({ reasons: 'Herhaalde uitingen die geweld verheerlijken.' }),
    ]);
    expect(safeguards.body.inclusion.participants.map((p: { type: string }) => p.type).sort()).toEqual([
      'municipality',
      'police',
      'public_prosecutor',
    ]);
    expect(safeguards.body).toMatchObject({
      informing: null,
      informingDue: false,
      inclusionReviewDue: false,
      nextInclusionReviewOn: addMonths(today(), 12),
      canRecord: true,
    });
    // Outside the case: 404, never a hint that it exists.
    expectProblem(await ggz.get(`/api/v1/cases/${caseId}/safeguards`), 404);
    expectProblem(await rijswijk.get(`/api/v1/cases/${caseId}/safeguards`), 404);
    expectProblem(
      await rijswijk.post(`/api/v1/cases/${caseId}/inclusion-reviews`, {
        reviewedOn: today(),
        outcome: 'stays',
        reasons: 'x',
      }),
      404,
    );
    // Reading is logged against the person.
    const logged = await t.db.owner
      .selectFrom('access_log')
      .select('subject_id')
      .where('record_type', '=', 'case_safeguards')
      .where('record_id', '=', caseId)
      .execute();
    expect(logged.map((l) => l.subject_id)).toContain(signal.personId);
  });

  it('keeps the criteria per region: the admin adds and deactivates; a deactivated one cannot be chosen', async () => {
    const created = await admin.post('/api/v1/inclusion-criteria', {
      code: 'local_test_criterion',
      labelNl: 'Een criterium van deze regio',
      labelEn: 'A criterion of this region',
    });
    expect(created.status).toBe(201);
    expectProblem(await director.post('/api/v1/inclusion-criteria', { code: 'x_y', labelNl: 'x', labelEn: 'x' }), 403);
    const off = await admin.patch(`/api/v1/inclusion-criteria/${created.body.id}`, {
      active: false,
      version: created.body.version,
    });
    expect(off.status).toBe(200);
    const signal = await newSignal();
    const inclusion = await inclusionFor(director);
    const res = await director.post('/api/v1/triage-decisions', {
      signalId: signal.id,
      decision: 'open_case',
      rationale: 'Casus openen.',
      case: { subjectPersonId: signal.personId, targetGroup: 'radicalised' },
      inclusion: { ...inclusion, criteria: [{ criterionId: created.body.id, reasons: 'x' }] },
    });
    expectProblem(res, 422);
    expect(res.body.errors[0]).toMatchObject({
      code: 'inactive',
      location: { pointer: '/inclusion/criteria/0/criterionId' },
    });
    const list = await director.get('/api/v1/inclusion-criteria');
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(created.body.id);
  });
});

describe('informing the person', () => {
  it('records "informed" or a deferral with ground and date; a due deferral comes back on the list and in notifications', async () => {
    const c = await seedCase(t.deps, { members: ['politie@politie.demo'] });
    const url = `/api/v1/cases/${c.caseId}/informing-records`;
    const noGround = await coordinator.post(url, { outcome: 'deferred', reasons: 'Lopend onderzoek.' });
    expectProblem(noGround, 400);
    expect(pointersOf(noGround).sort()).toEqual(['/legalGround', '/reconsiderOn']);
    const past = await coordinator.post(url, {
      outcome: 'deferred',
      legalGround: 'investigation_interest',
      reasons: 'Lopend onderzoek.',
      reconsiderOn: today(),
    });
    expectProblem(past, 422);
    expect(pointersOf(past)).toEqual(['/reconsiderOn']);
    // A partner who sees the case may not record for it; who does not see it gets 404.
    expectProblem(
      await police.post(url, { outcome: 'informed', informedOn: today(), method: 'letter', informedBy: 'Politie' }),
      403,
    );
    expectProblem(
      await ggz.post(url, { outcome: 'informed', informedOn: today(), method: 'letter', informedBy: 'GGZ' }),
      404,
    );
    const tomorrow = addMonths(today(), 1);
    const deferred = await coordinator.post(url, {
      outcome: 'deferred',
      legalGround: 'investigation_interest',
      reasons: 'Informeren zou het lopende onderzoek schaden.',
      reconsiderOn: tomorrow,
    });
    expect(deferred.status, JSON.stringify(deferred.body)).toBe(201);
    const listed = async () =>
      (await director.get('/api/v1/priority-list?limit=200&safeguardsDue=true')).body.items.find(
        (i: { caseId: string }) => i.caseId === c.caseId,
      );
    expect(await listed()).toBeUndefined();
    // The date to reconsider comes: the case is back on the list, and the coordinator is notified.
    await t.db.owner
      .updateTable('informing_records')
      .set({ reconsider_on: today() })
      .where('id', '=', deferred.body.id)
      .execute();
    expect(await listed()).toMatchObject({
      informing: 'deferred',
      isInformingDue: true,
      informingReconsiderOn: today(),
    });
    expect((await police.get(`/api/v1/cases/${c.caseId}/safeguards`)).body).toMatchObject({
      informingDue: true,
      canRecord: false,
    });
    await generateNotifications(t.deps, today());
    const notes = await coordinator.get('/api/v1/notifications?limit=200');
    const due = notes.body.items.find(
      (n: { code: string; caseId: string }) => n.code === 'informing_due' && n.caseId === c.caseId,
    );
    expect(due).toBeTruthy();
    expect(due.message).not.toContain(c.personId);
    // Informed: the deferral is history, the case leaves the list.
    const informed = await coordinator.post(url, {
      outcome: 'informed',
      informedOn: today(),
      method: 'conversation',
      informedBy: 'Carla Coördinator, gemeente Delft',
    });
    expect(informed.status).toBe(201);
    expect(await listed()).toBeUndefined();
    const safeguards = await director.get(`/api/v1/cases/${c.caseId}/safeguards`);
    expect(safeguards.body.informing).toMatchObject({ outcome: 'informed', method: 'conversation' });
    expect(safeguards.body.informingHistory).toHaveLength(2);
  });
});

describe('the inclusion review', () => {
  it('needs reasons; moves the next review; an overdue one is on the list', async () => {
    const c = await seedCase(t.deps);
    const url = `/api/v1/cases/${c.caseId}/inclusion-reviews`;
    const noReasons = await director.post(url, { reviewedOn: today(), outcome: 'stays', reasons: ' ' });
    expectProblem(noReasons, 422);
    expect(pointersOf(noReasons)).toEqual(['/reasons']);
    await t.db.owner
      .updateTable('cases')
      .set({ next_inclusion_review_on: '2020-01-01' })
      .where('id', '=', c.caseId)
      .execute();
    const onList = async () =>
      (await director.get('/api/v1/priority-list?limit=200&safeguardsDue=true')).body.items.find(
        (i: { caseId: string }) => i.caseId === c.caseId,
      );
    expect(await onList()).toMatchObject({ isInclusionReviewDue: true, nextInclusionReviewOn: '2020-01-01' });
    const ok = await director.post(url, {
      reviewedOn: today(),
      outcome: 'de_escalate',
      reasons: 'Zorgen nemen af; afschalen naar lokaal.',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(await onList()).toBeUndefined();
    const safeguards = await director.get(`/api/v1/cases/${c.caseId}/safeguards`);
    expect(safeguards.body).toMatchObject({ nextInclusionReviewOn: addMonths(today(), 12), inclusionReviewDue: false });
    expect(safeguards.body.inclusionReviews[0]).toMatchObject({ outcome: 'de_escalate' });
  });

  it('stops at once for a process director whose grant is revoked', async () => {
    const c = await seedCase(t.deps);
    const second = await t.signIn('regisseur@delft.demo');
    expect((await second.get(`/api/v1/cases/${c.caseId}/safeguards`)).status).toBe(200);
    const grant = await t.db.owner
      .selectFrom('role_grants as g')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .select(['g.id', 'g.version'])
      .where('u.email', '=', 'regisseur@delft.demo')
      .where('g.status', '=', 'active')
      .executeTakeFirstOrThrow();
    const revoked = await admin.post(`/api/v1/role-grants/${grant.id}/revocation`, {
      reason: 'Tijdelijk uit de functie.',
      version: grant.version,
    });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    try {
      expect([401, 403]).toContain(
        (
          await second.post(`/api/v1/cases/${c.caseId}/inclusion-reviews`, {
            reviewedOn: today(),
            outcome: 'stays',
            reasons: 'x',
          })
        ).status,
      );
    } finally {
      await t.db.owner
        .updateTable('role_grants')
        .set({ status: 'active', ended_at: null, ended_by: null, end_reason: null })
        .where('id', '=', grant.id)
        .execute();
      director = await t.signIn('regisseur@delft.demo');
    }
  });
});

describe('the retention reasons at definitive closing', () => {
  it('cannot close definitively without them; a shortened term needs its months', async () => {
    const c = await seedCase(t.deps);
    const close = async (extra: object) => {
      const current = await director.get(`/api/v1/cases/${c.caseId}`);
      return director.post(`/api/v1/cases/${c.caseId}/transitions`, {
        kind: 'close_definitively',
        reason: 'Doelen bereikt.',
        version: current.body.version,
        ...extra,
      });
    };
    const none = await close({});
    expectProblem(none, 422);
    expect(pointersOf(none).sort()).toEqual(['/retentionDecision', '/retentionReasons']);
    const noMonths = await close({ retentionDecision: 'shorten', retentionReasons: 'Geen zorgen meer.' });
    expectProblem(noMonths, 422);
    expect(pointersOf(noMonths)).toEqual(['/retentionMonths']);
    expect((await director.get(`/api/v1/cases/${c.caseId}`)).body.phase).not.toBe('closed');
    const ok = await close({
      retentionDecision: 'shorten',
      retentionReasons: 'Geen zorgen meer.',
      retentionMonths: 24,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const safeguards = await director.get(`/api/v1/cases/${c.caseId}/safeguards`);
    expect(safeguards.body.retention).toEqual({ decision: 'shorten', reasons: 'Geen zorgen meer.', months: 24 });
    expect(safeguards.body.canRecord).toBe(false);
  });
});
