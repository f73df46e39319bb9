/**
 * The priority list over HTTP: need-to-know, the facts per case (concern level and trend, overdue
 * actions, review overdue, days since the last conference), filters and user-chosen sorting with
 * keyset paging, the access log, and provisionally closed cases returning when the clock passes
 * their revisit date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { addDays } from '../../core/case-lifecycle.js';
import { withTx } from '../../platform/db/database.js';
import { todayInNl } from '../cases/core.js';
import { addAction, addFinalAssessment, demoRegionId, type SeededCase, seedCase } from '../cases/testing.js';

let t: TestApp;
let director: Client;
let ggz: Client;
let policy: Client;
let a: SeededCase;
let b: SeededCase;
let c: SeededCase;
let mine: string[];

const DAY = 24 * 60 * 60 * 1000;
const today = () => todayInNl(t.deps.now());

type Item = Record<string, any> & { caseId: string; reference: string };

async function list(client: Client, query = ''): Promise<Item[]> {
  const res = await client.get(`/api/v1/priority-list?limit=200${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
}
const ours = (items: Item[]) => items.filter((i) => mine.includes(i.caseId));

async function setCase(caseId: string, values: { next_review_on?: string | null; last_conference_on?: string }) {
  const regionId = await demoRegionId(t.deps);
  await withTx(t.deps.db, { regionId }, (tx) => tx.updateTable('cases').set(values).where('id', '=', caseId).execute());
}

beforeAll(async () => {
  t = await startTestApp();
  [director, ggz, policy] = await Promise.all([
    t.signIn('regisseur@delft.demo'),
    t.signIn('ggz@ggz.demo'),
    t.signIn('beleid@delft.demo'),
  ]);
  a = await seedCase(t.deps, { priority: 'high', firstName: 'Anna', lastName: 'Aalbers' });
  b = await seedCase(t.deps, { firstName: 'Bob', lastName: 'Bakker', members: ['ggz@ggz.demo'] });
  c = await seedCase(t.deps, { firstName: 'Cas', lastName: 'Claes' });
  mine = [a.caseId, b.caseId, c.caseId];
  await addFinalAssessment(t.deps, a.personId, 'low', '2026-01-01');
  await addFinalAssessment(t.deps, a.personId, 'high', '2026-03-01');
  await addFinalAssessment(t.deps, b.personId, 'medium', '2026-02-01');
  await addAction(t.deps, a.caseId, { dueOn: addDays(today(), -3) });
  await addAction(t.deps, a.caseId, { dueOn: addDays(today(), -1), status: 'in_progress' });
  await addAction(t.deps, a.caseId, { dueOn: addDays(today(), -9), status: 'done' });
  await addAction(t.deps, a.caseId, { dueOn: today() });
  await setCase(a.caseId, { last_conference_on: addDays(today(), -10) });
  await setCase(b.caseId, { next_review_on: addDays(today(), -1) });
  await setCase(c.caseId, { next_review_on: null });
  const res = await director.post(`/api/v1/cases/${c.caseId}/transitions`, { kind: 'adopt_plan', version: 1 });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

describe('the priority list', () => {
  it('shows each visible open case with the facts people sort on — no score, no rank', async () => {
    const items = ours(await list(director));
    expect(items.map((i) => i.reference)).toEqual([a.reference, b.reference, c.reference]);
    const [ia, ib, ic] = items;
    expect(ia).toMatchObject({
      subject: { name: 'Anna Aalbers' },
      directingMunicipality: { name: 'Delft' },
      phase: 'preparation',
      escalationLevel: 'regional',
      priority: 'high',
      targetGroup: 'radicalised',
      concernLevel: 'high',
      concernTrend: 'up',
      isReviewOverdue: false,
      overdueActions: 2,
      lastConferenceOn: addDays(today(), -10),
      daysSinceLastConference: 10,
      revisitOn: null,
      isBackOnList: false,
    });
    expect(ib).toMatchObject({
      concernLevel: 'medium',
      concernTrend: null,
      nextReviewOn: addDays(today(), -1),
      isReviewOverdue: true,
      overdueActions: 0,
      lastConferenceOn: null,
      daysSinceLastConference: null,
    });
    expect(ic).toMatchObject({ phase: 'execution', concernLevel: null, nextReviewOn: null, isReviewOverdue: false });
    expect(JSON.stringify(items)).not.toMatch(/"(score|rank|riskScore|total|colou?r)"/i);
  });

  it('is need-to-know: a member sees only their case; roles without case work get 403', async () => {
    expect(ours(await list(ggz)).map((i) => i.caseId)).toEqual([b.caseId]);
    expectProblem(await policy.get('/api/v1/priority-list'), 403, 'FORBIDDEN');
  });

  it('filters on phase, municipality, concern level, overdue actions and overdue review', async () => {
    const ids = async (q: string) => ours(await list(director, q)).map((i) => i.caseId);
    expect(await ids('&phase=execution')).toEqual([c.caseId]);
    expect(await ids('&concernLevel=high')).toEqual([a.caseId]);
    expect(await ids('&overdueOnly=true')).toEqual([a.caseId]);
    expect(await ids('&overdueOnly=false')).toEqual([a.caseId, b.caseId, c.caseId]);
    expect(await ids('&reviewOverdue=true')).toEqual([b.caseId]);
    const municipalityId = (await list(director))[0]?.directingMunicipality.id;
    expect(await ids(`&municipalityId=${municipalityId}`)).toEqual([a.caseId, b.caseId, c.caseId]);
    expect(await ids('&municipalityId=00000000-0000-4000-8000-000000000000')).toEqual([]);
  });

  it('sorts on the column the user chooses, missing dates as "never"', async () => {
    const refs = async (q: string) => ours(await list(director, q)).map((i) => i.caseId);
    expect(await refs('&sort=priority&direction=desc')).toEqual([a.caseId, c.caseId, b.caseId]);
    expect(await refs('&sort=reference&direction=desc')).toEqual([c.caseId, b.caseId, a.caseId]);
    expect(await refs('&sort=phase&direction=desc')).toEqual([c.caseId, b.caseId, a.caseId]);
    // No review planned sorts last; the overdue one first.
    expect((await refs('&sort=nextReviewOn'))[0]).toBe(b.caseId);
    expect((await refs('&sort=nextReviewOn')).at(-1)).toBe(c.caseId);
    // Never discussed counts as longest ago.
    expect((await refs('&sort=lastConferenceOn')).at(-1)).toBe(a.caseId);
  });

  it('pages with a keyset cursor in every sort, without gaps or doubles', async () => {
    for (const sort of ['reference', 'nextReviewOn', 'lastConferenceOn', 'phase', 'priority']) {
      for (const direction of ['asc', 'desc']) {
        const whole = (await list(director, `&sort=${sort}&direction=${direction}`)).map((i) => i.caseId);
        // About three pages, however many (demo) cases the region holds.
        const limit = Math.max(1, Math.ceil(whole.length / 3));
        const paged: string[] = [];
        let cursor: string | null = null;
        do {
          const res: { status: number; body: { items: Item[]; nextCursor: string | null } } = await director.get(
            `/api/v1/priority-list?limit=${limit}&sort=${sort}&direction=${direction}${cursor ? `&cursor=${cursor}` : ''}`,
          );
          expect(res.status).toBe(200);
          paged.push(...res.body.items.map((i) => i.caseId));
          cursor = res.body.nextCursor;
        } while (cursor);
        expect(paged, `${sort} ${direction}`).toEqual(whole);
      }
    }
  });

  it('refuses bad parameters naming each, and a forged cursor', async () => {
    const res = await director.get('/api/v1/priority-list?sort=risk&direction=up&overdueOnly=yes&concernLevel=9');
    expectProblem(res, 400, 'INVALID_INPUT');
    expect(pointersOf(res).sort()).toEqual(['/concernLevel', '/direction', '/overdueOnly', '/sort']);
    const forged = Buffer.from(JSON.stringify(['not-a-date', 'C'])).toString('base64url');
    expectProblem(await director.get(`/api/v1/priority-list?sort=nextReviewOn&cursor=${forged}`), 400);
    expectProblem(await director.get('/api/v1/priority-list?cursor=%%%'), 400);
  });

  it('logs one access entry per subject shown', async () => {
    const since = await t.db.owner
      .selectFrom('access_log')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    const items = await list(ggz);
    const entries = await t.db.owner
      .selectFrom('access_log')
      .select(['subject_id', 'purpose_type', 'action'])
      .where('id', '>', String(since?.id ?? 0))
      .execute();
    expect(entries.map((e) => e.subject_id).sort()).toEqual(items.map((i) => i.subject.id as string).sort());
    expect(entries.every((e) => e.purpose_type === 'priority-list' && e.action === 'read')).toBe(true);
  });
});

describe('provisional closing and the clock', () => {
  it('takes a provisionally closed case off the list and brings it back on its revisit date', async () => {
    const d = await seedCase(t.deps, {});
    const e = await seedCase(t.deps, {});
    mine.push(d.caseId, e.caseId);
    const revisitOn = addDays(today(), 30);
    const closed = await director.post(`/api/v1/cases/${d.caseId}/transitions`, {
      kind: 'close_provisionally',
      reason: 'Rustig; school houdt contact.',
      revisitOn,
      version: 1,
    });
    expect(closed.status).toBe(200);
    await director.post(`/api/v1/cases/${e.caseId}/transitions`, {
      kind: 'close_definitively',
      retentionDecision: 'keep',
      retentionReasons: 'De gewone termijn past.',
      reason: 'Verhuisd naar het buitenland.',
      version: 1,
    });
    let ids = (await list(director)).map((i) => i.caseId);
    expect(ids).not.toContain(d.caseId);
    expect(ids).not.toContain(e.caseId);

    t.clock.advance(29 * DAY);
    director = await t.signIn('regisseur@delft.demo');
    expect((await list(director)).map((i) => i.caseId)).not.toContain(d.caseId);

    t.clock.advance(1 * DAY + 60_000);
    director = await t.signIn('regisseur@delft.demo');
    expect(today() >= revisitOn).toBe(true);
    const items = await list(director);
    ids = items.map((i) => i.caseId);
    expect(ids).toContain(d.caseId);
    expect(ids).not.toContain(e.caseId);
    expect(items.find((i) => i.caseId === d.caseId)).toMatchObject({
      phase: 'closed_provisional',
      revisitOn,
      isBackOnList: true,
      isReviewOverdue: false,
    });
    const back = (await list(director, '&phase=closed_provisional')).map((i) => i.caseId);
    expect(back).toContain(d.caseId);
  });

  it('shows the proportionality review as overdue once its date has passed', async () => {
    const f = await seedCase(t.deps, {});
    const item = (await list(director)).find((i) => i.caseId === f.caseId);
    expect(item?.isReviewOverdue).toBe(false);
    t.clock.advance(92 * DAY);
    director = await t.signIn('regisseur@delft.demo');
    const later = (await list(director)).find((i) => i.caseId === f.caseId);
    expect(later).toMatchObject({ isReviewOverdue: true, nextReviewOn: item?.nextReviewOn });
    expect((await list(director, '&reviewOverdue=true')).map((i) => i.caseId)).toContain(f.caseId);
  });
});
