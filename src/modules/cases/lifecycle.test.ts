/**
 * The lifecycle over HTTP: transitions through the state machine (illegal → 409 and nothing
 * changed, missing reason → 422 naming the field, stale version → 409), closing and reopening,
 * escalation, proportionality reviews with the region's interval, and the region settings.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { addDays } from '../../core/case-lifecycle.js';
import { withTx } from '../../platform/db/database.js';
import { todayInNl } from './core.js';
import { actorFor, seedCase } from './testing.js';

let t: TestApp;
let director: Client;
let coordinator: Client;
let police: Client;
let rijswijk: Client;
let admin: Client;

beforeAll(async () => {
  t = await startTestApp();
  [director, coordinator, police, rijswijk, admin] = await Promise.all([
    t.signIn('regisseur@delft.demo'),
    t.signIn('coordinator@delft.demo'),
    t.signIn('politie@politie.demo'),
    t.signIn('regisseur@rijswijk.demo'),
    t.signIn('beheer@delft.demo'),
  ]);
});
afterAll(async () => {
  await t?.close();
});

const url = (caseId: string, rest = '') => `/api/v1/cases/${caseId}${rest}`;
const today = () => todayInNl(t.deps.now());

/** Everything a refused request could have changed: the case row, its timeline and the access log. */
async function stateOf(caseId: string) {
  const row = await t.db.owner.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
  const events = await sql<{
    n: string;
  }>`select count(*)::text as n from case_events where case_id = ${caseId}`.execute(t.db.owner);
  const log = await sql<{ n: string }>`select count(*)::text as n from access_log`.execute(t.db.owner);
  return { row, events: events.rows[0]?.n, log: log.rows[0]?.n };
}

describe('phase transitions', () => {
  it('walks a case through its lifecycle, closing and reopening with reasons', async () => {
    const c = await seedCase(t.deps, {});
    let version = 1;
    const step = async (body: Record<string, unknown>, by: Client = director) => {
      const res = await by.post(url(c.caseId, '/transitions'), { ...body, version });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      version = res.body.version;
      return res.body;
    };
    expect((await step({ kind: 'discuss' })).phase).toBe('analysis');
    expect((await step({ kind: 'adopt_plan' })).phase).toBe('execution');
    expect((await step({ kind: 'monitor' }, coordinator)).phase).toBe('monitoring');
    expect((await step({ kind: 'resume' })).phase).toBe('execution');
    const revisitOn = addDays(today(), 180);
    const closed = await step({ kind: 'close_provisionally', reason: 'Stabiel; netwerk houdt zicht.', revisitOn });
    expect(closed).toMatchObject({
      phase: 'closed_provisional',
      closingKind: 'provisional',
      closingReason: 'Stabiel; netwerk houdt zicht.',
      revisitOn,
      closedAt: expect.any(String),
    });
    const reopened = await step({ kind: 'reopen', reason: 'Nieuw signaal van school.', to: 'monitoring' });
    expect(reopened).toMatchObject({
      phase: 'monitoring',
      closingKind: null,
      closingReason: null,
      revisitOn: null,
      closedAt: null,
    });
    const final = await step({
      kind: 'close_definitively',
      retentionDecision: 'keep',
      retentionReasons: 'De gewone termijn past.',
      reason: 'Doelen bereikt.',
    });
    expect(final).toMatchObject({ phase: 'closed', closingKind: 'definitive', closingReason: 'Doelen bereikt.' });
    expect(version).toBe(8);

    const timeline = (await director.get(url(c.caseId))).body.timeline as Array<{
      kind: string;
      summary: string;
      reason: string | null;
    }>;
    expect(timeline.slice(0, 7).map((e) => e.kind)).toEqual([
      'close_definitively',
      'reopen',
      'close_provisionally',
      'resume',
      'monitor',
      'adopt_plan',
      'discuss',
    ]);
    expect(timeline[0]?.reason).toBe('Doelen bereikt.');
    expect(timeline[1]).toMatchObject({ summary: 'Heropend in fase monitoring', reason: 'Nieuw signaal van school.' });
    expect(timeline[2]?.summary).toContain('terug op de lijst op');
    expect(timeline[6]?.summary).toBe('Fase: voorbereiding → analyse');
  });

  it('refuses an illegal transition with 409 and changes nothing', async () => {
    const c = await seedCase(t.deps, {});
    const before = await stateOf(c.caseId);
    const res = await director.post(url(c.caseId, '/transitions'), { kind: 'monitor', version: 1 });
    expectProblem(res, 409, 'ILLEGAL_TRANSITION');
    expect(res.body.detail).toContain('preparation');
    expectProblem(
      await director.post(url(c.caseId, '/transitions'), { kind: 'reopen', reason: 'x', to: 'execution', version: 1 }),
      409,
      'ILLEGAL_TRANSITION',
    );
    expect(await stateOf(c.caseId)).toEqual(before);
  });

  it('wants a reason (and a revisit date) naming the fields, and changes nothing', async () => {
    const c = await seedCase(t.deps, {});
    const before = await stateOf(c.caseId);
    const res = await director.post(url(c.caseId, '/transitions'), { kind: 'close_provisionally', version: 1 });
    expectProblem(res, 422, 'BUSINESS_RULE');
    expect(pointersOf(res)).toEqual(['/reason', '/revisitOn']);
    const past = await director.post(url(c.caseId, '/transitions'), {
      kind: 'close_provisionally',
      reason: 'x',
      revisitOn: today(),
      version: 1,
    });
    expectProblem(past, 422);
    expect(past.body.errors[0]).toMatchObject({ location: { pointer: '/revisitOn' }, code: 'not_in_future' });
    const noReason = await director.post(url(c.caseId, '/transitions'), {
      kind: 'close_definitively',
      retentionDecision: 'keep',
      retentionReasons: 'De gewone termijn past.',
      reason: '   ',
      version: 1,
    });
    expectProblem(noReason, 422);
    expect(pointersOf(noReason)).toEqual(['/reason']);
    expect(await stateOf(c.caseId)).toEqual(before);
  });

  it('answers a stale version with 409 and changes nothing', async () => {
    const c = await seedCase(t.deps, {});
    expect((await director.post(url(c.caseId, '/transitions'), { kind: 'discuss', version: 1 })).status).toBe(200);
    const before = await stateOf(c.caseId);
    const res = await coordinator.post(url(c.caseId, '/transitions'), { kind: 'adopt_plan', version: 1 });
    expectProblem(res, 409, 'STALE_VERSION');
    expect(await stateOf(c.caseId)).toEqual(before);
  });

  it('is for the process director and the coordinator only; 404 outside; 400 on bad input', async () => {
    const c = await seedCase(t.deps, { members: ['politie@politie.demo'] });
    expectProblem(await police.post(url(c.caseId, '/transitions'), { kind: 'discuss', version: 1 }), 403);
    expectProblem(await rijswijk.post(url(c.caseId, '/transitions'), { kind: 'discuss', version: 1 }), 404);
    const bad = await director.post(url(c.caseId, '/transitions'), {
      kind: 'archive',
      to: 'closed',
      revisitOn: 'soon',
    });
    expectProblem(bad, 400);
    expect(pointersOf(bad).sort()).toEqual(['/kind', '/revisitOn', '/to', '/version']);
  });
});

describe('allowed transitions on the case page', () => {
  it('offers exactly the steps the state machine allows from the phase, to who manages the case', async () => {
    const c = await seedCase(t.deps, { members: ['politie@politie.demo'] });
    const allowed = async (by: Client = director) => {
      const res = await by.get(url(c.caseId));
      expect(res.status).toBe(200);
      return {
        kinds: res.body.allowedTransitions,
        escalations: res.body.allowedEscalations,
        version: res.body.version,
      };
    };
    let now = await allowed();
    expect(now.kinds).toEqual(['discuss', 'adopt_plan', 'close_provisionally', 'close_definitively']);
    // A case opens at the regional case conference: one step up or down.
    expect(now.escalations).toEqual(['up', 'down']);
    expect((await allowed(coordinator)).kinds).toEqual(now.kinds);
    // A member sees the case but takes no lifecycle step.
    expect(await allowed(police)).toMatchObject({ kinds: [], escalations: [] });

    // Every offered step is accepted, and a step not offered is refused.
    const refused = await director.post(url(c.caseId, '/transitions'), { kind: 'monitor', version: now.version });
    expectProblem(refused, 409, 'ILLEGAL_TRANSITION');
    expect(
      (await director.post(url(c.caseId, '/transitions'), { kind: 'adopt_plan', version: now.version })).status,
    ).toBe(200);
    now = await allowed();
    expect(now.kinds).toEqual(['monitor', 'close_provisionally', 'close_definitively']);
    const up = await director.post(url(c.caseId, '/escalations'), {
      direction: 'up',
      reason: 'Zorg',
      version: now.version,
    });
    expect(up.status).toBe(200);
    expect((await allowed()).escalations).toEqual(['down']);

    const closed = await director.post(url(c.caseId, '/transitions'), {
      kind: 'close_provisionally',
      reason: 'Rustig',
      revisitOn: addDays(today(), 30),
      version: up.body.version,
    });
    expect(closed.status).toBe(200);
    expect(await allowed()).toMatchObject({ kinds: ['close_definitively', 'reopen'], escalations: [] });
    const definitive = await director.post(url(c.caseId, '/transitions'), {
      kind: 'close_definitively',
      retentionDecision: 'keep',
      retentionReasons: 'De gewone termijn past.',
      reason: 'Klaar',
      version: closed.body.version,
    });
    expect(definitive.status).toBe(200);
    expect(await allowed()).toMatchObject({ kinds: [], escalations: [] });
  });
});

describe('escalation', () => {
  it('climbs and descends the ladder with reasons, and stops at its ends', async () => {
    const c = await seedCase(t.deps, {});
    const esc = (direction: 'up' | 'down', version: number, reason = 'Reden') =>
      director.post(url(c.caseId, '/escalations'), { direction, reason, version });
    const up = await esc('up', 1, 'Reisplannen naar conflictgebied.');
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ escalationLevel: 'national', version: 2 });
    const before = await stateOf(c.caseId);
    expectProblem(await esc('up', 2), 409, 'ILLEGAL_TRANSITION');
    expect(await stateOf(c.caseId)).toEqual(before);
    expect((await esc('down', 2)).body.escalationLevel).toBe('regional');
    expect((await esc('down', 3)).body.escalationLevel).toBe('local');
    expectProblem(await esc('down', 4), 409, 'ILLEGAL_TRANSITION');
    const missing = await director.post(url(c.caseId, '/escalations'), { direction: 'up', version: 4 });
    expectProblem(missing, 422);
    expect(pointersOf(missing)).toEqual(['/reason']);
    expectProblem(await esc('up', 3), 409, 'STALE_VERSION');
    const timeline = (await director.get(url(c.caseId))).body.timeline as Array<{ kind: string; reason: string }>;
    expect(timeline.find((e) => e.kind === 'escalated')?.reason).toBe('Reisplannen naar conflictgebied.');
    expect(timeline.filter((e) => e.kind === 'de_escalated')).toHaveLength(2);
  });

  it('does not escalate a closed case', async () => {
    const c = await seedCase(t.deps, {});
    await director.post(url(c.caseId, '/transitions'), {
      kind: 'close_definitively',
      retentionDecision: 'keep',
      retentionReasons: 'De gewone termijn past.',
      reason: 'x',
      version: 1,
    });
    expectProblem(
      await director.post(url(c.caseId, '/escalations'), { direction: 'up', reason: 'x', version: 2 }),
      409,
      'ILLEGAL_TRANSITION',
    );
  });
});

describe('proportionality reviews', () => {
  async function planWithIntervention(caseId: string): Promise<string> {
    const director_ = await actorFor(t.deps, 'regisseur@delft.demo');
    return withTx(t.deps.db, { regionId: director_.regionId }, async (tx) => {
      const item =
        (await tx.selectFrom('toolbox_items').select('id').executeTakeFirst()) ??
        (await tx
          .insertInto('toolbox_items')
          .values({
            region_id: director_.regionId,
            code: 'test_mentor',
            name_nl: 'Mentor',
            name_en: 'Mentor',
            category: 'influencing',
          })
          .returning('id')
          .executeTakeFirstOrThrow());
      const plan = await tx
        .insertInto('plans')
        .values({ region_id: director_.regionId, case_id: caseId, goals: '[]' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const pi = await tx
        .insertInto('plan_interventions')
        .values({
          region_id: director_.regionId,
          plan_id: plan.id,
          toolbox_item_id: item.id,
          responsible_organisation_id: director_.organisationId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return pi.id;
    });
  }

  it('records a review per measure, sets the next review date and lists them newest first', async () => {
    const c = await seedCase(t.deps, { members: ['politie@politie.demo'] });
    const measure = await planWithIntervention(c.caseId);
    const reviewedOn = addDays(today(), -10);
    const res = await director.post(url(c.caseId, '/proportionality-reviews'), {
      reviewedOn,
      reasoning: 'Meldplicht is nog nodig; contactverbod kan lichter.',
      measures: [
        { planInterventionId: measure, necessary: true, proportionate: true, leastIntrusive: false, note: 'Lichter?' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      reviewedOn,
      nextReviewOn: addDays(reviewedOn, 91),
      reviewer: { name: 'Pieter de Regisseur' },
      measures: [
        { planInterventionId: measure, necessary: true, proportionate: true, leastIntrusive: false, note: 'Lichter?' },
      ],
    });
    const page = await police.get(url(c.caseId));
    expect(page.body.nextReviewOn).toBe(addDays(reviewedOn, 91));
    expect(page.body.version).toBe(2);

    // An older review entered afterwards does not move the date back.
    await coordinator.post(url(c.caseId, '/proportionality-reviews'), {
      reviewedOn: addDays(today(), -40),
      reasoning: 'Eerdere toets, later ingevoerd.',
      nextReviewOn: addDays(today(), -5),
    });
    expect((await police.get(url(c.caseId))).body.nextReviewOn).toBe(addDays(reviewedOn, 91));

    const list = await police.get(url(c.caseId, '/proportionality-reviews?limit=1'));
    expect(list.status).toBe(200);
    expect(list.body.items[0].reviewedOn).toBe(reviewedOn);
    const next = await police.get(url(c.caseId, `/proportionality-reviews?limit=1&cursor=${list.body.nextCursor}`));
    expect(next.body.items[0].reviewedOn).toBe(addDays(today(), -40));
    expect(next.body.nextCursor).toBeNull();
  });

  it('follows the region’s interval, set by the administrator', async () => {
    const settings = await admin.get('/api/v1/region-settings');
    expect(settings.body).toEqual({ proportionalityIntervalDays: 91, twbmtEnabled: true, version: 1 });
    expectProblem(
      await director.put('/api/v1/region-settings', {
        proportionalityIntervalDays: 30,
        twbmtEnabled: true,
        version: 1,
      }),
      403,
    );
    const bad = await admin.put('/api/v1/region-settings', { proportionalityIntervalDays: 3, twbmtEnabled: 'yes' });
    expectProblem(bad, 400);
    expect(pointersOf(bad).sort()).toEqual(['/proportionalityIntervalDays', '/twbmtEnabled', '/version']);
    const put = await admin.put('/api/v1/region-settings', {
      proportionalityIntervalDays: 60,
      twbmtEnabled: false,
      version: 1,
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ proportionalityIntervalDays: 60, twbmtEnabled: false, version: 2 });
    expectProblem(
      await admin.put('/api/v1/region-settings', { proportionalityIntervalDays: 61, twbmtEnabled: false, version: 1 }),
      409,
      'STALE_VERSION',
    );
    expect((await director.get('/api/v1/region-settings')).body.proportionalityIntervalDays).toBe(60);

    const c = await seedCase(t.deps, {});
    const res = await director.post(url(c.caseId, '/proportionality-reviews'), {
      reviewedOn: today(),
      reasoning: 'Geen maatregelen actief.',
    });
    expect(res.body.nextReviewOn).toBe(addDays(today(), 60));
    await admin.put('/api/v1/region-settings', { proportionalityIntervalDays: 91, twbmtEnabled: true, version: 2 });
  });

  it('names every bad field: future date, next review before it, measures not of this plan, duplicates', async () => {
    const c = await seedCase(t.deps, {});
    const other = await seedCase(t.deps, {});
    const mine = await planWithIntervention(c.caseId);
    const theirs = await planWithIntervention(other.caseId);
    const before = await stateOf(c.caseId);
    const res = await director.post(url(c.caseId, '/proportionality-reviews'), {
      reviewedOn: addDays(today(), 1),
      reasoning: 'x',
      nextReviewOn: today(),
      measures: [
        { planInterventionId: mine, necessary: true, proportionate: true, leastIntrusive: true },
        { planInterventionId: theirs, necessary: true, proportionate: true, leastIntrusive: true },
        { planInterventionId: mine, necessary: false, proportionate: true, leastIntrusive: true },
      ],
    });
    expectProblem(res, 422);
    expect(pointersOf(res)).toEqual([
      '/reviewedOn',
      '/nextReviewOn',
      '/measures/1/planInterventionId',
      '/measures/2/planInterventionId',
    ]);
    expect(await stateOf(c.caseId)).toEqual(before);
    const bad = await director.post(url(c.caseId, '/proportionality-reviews'), {
      reviewedOn: 'gisteren',
      reasoning: '',
      measures: [{ planInterventionId: mine, necessary: 'ja' }],
    });
    expectProblem(bad, 400);
    expect(pointersOf(bad).sort()).toEqual([
      '/measures/0/leastIntrusive',
      '/measures/0/necessary',
      '/measures/0/proportionate',
      '/reasoning',
      '/reviewedOn',
    ]);
  });

  it('is recorded by the process director or coordinator only; members may read', async () => {
    const c = await seedCase(t.deps, { members: ['politie@politie.demo'] });
    expectProblem(
      await police.post(url(c.caseId, '/proportionality-reviews'), { reviewedOn: today(), reasoning: 'x' }),
      403,
    );
    expect((await police.get(url(c.caseId, '/proportionality-reviews'))).status).toBe(200);
    expectProblem(await rijswijk.get(url(c.caseId, '/proportionality-reviews')), 404);
  });
});
