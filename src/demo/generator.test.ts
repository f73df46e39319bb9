import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { PHASES } from '../core/case-lifecycle.js';
import { actorInRegion } from '../modules/auth/test-support.js';
import { nextReference, todayInNl } from '../modules/cases/core.js';
import { caseVisibleTo } from '../modules/cases/visibility.js';
import { type Tx, withTx } from '../platform/db/database.js';
import type { Actor } from '../platform/http/context.js';
import { DEMO_CASES_SEED } from './cases-seed.js';
import { generateRegionData } from './generator.js';
import { DEMO_REGION_CODE, DEMO_USERS } from './seed.js';

let t: TestApp;
let regionId: string;
const inRegion = <T>(fn: (tx: Tx) => Promise<T>) => withTx(t.db, { regionId }, fn);

beforeAll(async () => {
  t = await startTestApp();
  const region = await withTx(t.db, { regionId: null }, (tx) =>
    tx.selectFrom('regions').select('id').where('code', '=', DEMO_REGION_CODE).executeTakeFirstOrThrow(),
  );
  regionId = region.id;
});
afterAll(async () => {
  await t?.close();
});

async function actorOf(email: string): Promise<Actor> {
  return actorInRegion(t.db, email, regionId);
}

const visibleCases = async (email: string) => {
  const actor = await actorOf(email);
  const rows = await inRegion((tx) =>
    tx.selectFrom('cases').select('cases.reference').where(caseVisibleTo(actor)).orderBy('cases.reference').execute(),
  );
  return rows.map((r) => r.reference);
};

describe('demo cases (issue 3, "9. Demo")', () => {
  it('seeds about forty cases, in every phase', async () => {
    const rows = await inRegion((tx) =>
      tx.selectFrom('cases').select(['phase', 'revisit_on', 'escalation_level']).execute(),
    );
    expect(rows.length).toBeGreaterThanOrEqual(35);
    expect(rows.length).toBeLessThanOrEqual(45);
    for (const phase of PHASES) expect(rows.filter((r) => r.phase === phase).length, phase).toBeGreaterThan(0);
    const today = todayInNl(new Date());
    const revisits = rows.filter((r) => r.phase === 'closed_provisional').map((r) => r.revisit_on as string);
    expect(
      revisits.some((d) => d <= today),
      'a revisit date that has come',
    ).toBe(true);
    expect(
      revisits.some((d) => d > today),
      'a revisit date still ahead',
    ).toBe(true);
    expect(new Set(rows.map((r) => r.escalation_level)).size).toBe(3);
  });

  it('gives every case several partner organisations', async () => {
    const rows = await inRegion((tx) =>
      tx
        .selectFrom('case_organisations as co')
        .innerJoin('organisations as o', 'o.id', 'co.organisation_id')
        .select(['co.case_id', 'o.type'])
        .where('co.removed_at', 'is', null)
        .execute(),
    );
    const perCase = new Map<string, string[]>();
    for (const r of rows) perCase.set(r.case_id, [...(perCase.get(r.case_id) ?? []), r.type]);
    expect(perCase.size).toBeGreaterThanOrEqual(35);
    for (const types of perCase.values()) {
      expect(types.filter((type) => type !== 'municipality').length).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(rows.map((r) => r.type)).size).toBeGreaterThanOrEqual(6);
  });

  it('gives each of the six case-working demo users a different, non-empty slice', async () => {
    const expected: Record<string, [number, number]> = {
      'regisseur@delft.demo': [28, 36],
      'regisseur@rijswijk.demo': [6, 10],
      'coordinator@delft.demo': [8, 12],
      'politie@politie.demo': [10, 14],
      'ggz@ggz.demo': [6, 10],
      'expert@pool.demo': [2, 2],
    };
    const slices = new Map<string, string>();
    for (const [email, [min, max]] of Object.entries(expected)) {
      const refs = await visibleCases(email);
      expect(refs.length, email).toBeGreaterThanOrEqual(min);
      expect(refs.length, email).toBeLessThanOrEqual(max);
      slices.set(email, refs.join(','));
    }
    expect(new Set(slices.values()).size).toBe(6);
    // politie and ggz overlap partly: some shared cases, neither contains the other.
    const politie = new Set(slices.get('politie@politie.demo')?.split(','));
    const ggz = slices.get('ggz@ggz.demo')?.split(',') ?? [];
    const shared = ggz.filter((r) => politie.has(r)).length;
    expect(shared).toBeGreaterThan(0);
    expect(shared).toBeLessThan(ggz.length);
    // Roles without case work see nothing.
    for (const u of DEMO_USERS.filter((d) => !(d.email in expected))) {
      expect(await visibleCases(u.email), u.email).toEqual([]);
    }
  });

  it('directs cases only by a municipality whose process director is the case’s process director', async () => {
    const wrong = await inRegion((tx) =>
      tx
        .selectFrom('cases')
        .innerJoin('municipalities as mu', 'mu.id', 'cases.directing_municipality_id')
        .innerJoin('users as pd', 'pd.id', 'cases.process_director_id')
        .leftJoin('region_roles as rr', (j) =>
          j.onRef('rr.user_id', '=', 'pd.id').onRef('rr.region_id', '=', 'cases.region_id'),
        )
        .select('cases.reference')
        .where((eb) =>
          eb.or([
            eb('rr.role', 'is', null),
            eb('rr.role', '!=', 'process_director'),
            eb('pd.organisation_id', '!=', eb.ref('mu.organisation_id')),
          ]),
        )
        .execute(),
    );
    expect(wrong).toEqual([]);
  });

  it('has what the monitoring view needs: due, overdue and done actions, overdue reviews, trends, scopes', async () => {
    const today = todayInNl(new Date());
    const facts = await inRegion(
      async (tx) =>
        (
          await sql<Record<string, string>>`select
          (select count(*) from actions where status in ('open','in_progress') and due_on < ${today}) as overdue,
          (select count(*) from actions where status in ('open','in_progress') and due_on between ${today}::date and ${today}::date + 7) as due_soon,
          (select count(*) from actions where status = 'done') as done,
          (select count(*) from cases where phase in ('preparation','analysis','execution','monitoring') and next_review_on < ${today}) as review_overdue,
          (select count(*) from (select person_id from assessments where status = 'final' group by person_id having count(*) > 1) x) as trends,
          (select count(distinct scope) from case_contributions) as scopes,
          (select count(distinct legal_regime) from case_contributions) as regimes,
          (select count(*) from case_related_persons) as related,
          (select count(*) from meetings) as meetings,
          (select count(*) from meeting_agenda_items) as agenda_items,
          (select count(*) from proportionality_reviews) as reviews,
          (select count(*) from case_events) as events,
          (select count(*) from signals where status in ('received', 'triage')) as open_signals,
          (select count(*) from triage_decisions where decision <> 'open_case') as other_decisions,
          (select count(*) from access_log) as access_log`.execute(tx)
        ).rows[0] as Record<string, string>,
    );
    const n = (k: string) => Number(facts[k]);
    for (const k of [
      'overdue',
      'due_soon',
      'done',
      'review_overdue',
      'trends',
      'related',
      'agenda_items',
      'reviews',
      'open_signals',
    ]) {
      expect(n(k), k).toBeGreaterThan(0);
    }
    expect(n('scopes')).toBe(2);
    expect(n('regimes')).toBeGreaterThanOrEqual(3);
    expect(n('meetings')).toBeGreaterThanOrEqual(2);
    expect(n('events')).toBeGreaterThan(40);
    // The demo starts with an empty access log.
    expect(n('access_log')).toBe(0);
  });

  it('continues the reference counters, so the next case and signal get the next number', async () => {
    const today = todayInNl(new Date());
    const year = today.slice(0, 4);
    const highest = await inRegion(async (tx) => {
      const rows = await sql<{ kind: string; n: number }>`
        select left(reference, 1) as kind, max(split_part(reference, '-', 3)::int) as n from (
          select reference from cases union all select reference from signals) r
        where split_part(reference, '-', 2) = ${year} group by 1`.execute(tx);
      return new Map(rows.rows.map((r) => [r.kind, Number(r.n)]));
    });
    expect(highest.get('C')).toBeGreaterThan(0);
    const next = await withTx(t.db, { regionId }, async (tx) => {
      const ref = await nextReference(tx, regionId, 'C', today);
      throw Object.assign(new Error('rollback'), { ref });
    }).catch((e: { ref?: string }) => e.ref);
    expect(next).toBe(`C-${year}-${String((highest.get('C') ?? 0) + 1).padStart(4, '0')}`);
  });

  // Every record the generator writes must be readable through the real API: a shape the presenters
  // do not expect would be a 500 on the demo. Each case-working user walks what they can see.
  it.each([
    'regisseur@delft.demo',
    'regisseur@rijswijk.demo',
    'coordinator@delft.demo',
    'politie@politie.demo',
    'ggz@ggz.demo',
    'expert@pool.demo',
  ])('can be read through the API by %s without a server error', { timeout: 180_000 }, async (email) => {
    const client = await t.signIn(email);
    const failures: string[] = [];
    const get = async (path: string) => {
      const res = await client.get(`/api/v1${path}`);
      if (res.status >= 500) failures.push(`${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      return res;
    };
    const items = (res: { status: number; body: unknown }): Array<Record<string, unknown>> =>
      res.status === 200 ? (((res.body as { items?: unknown[] }).items ?? []) as Array<Record<string, unknown>>) : [];
    const listed = await get('/priority-list?limit=200');
    expect(listed.status).toBe(200);
    expect(items(listed).length).toBeGreaterThan(0);
    const cases = items(await get('/cases?limit=200'));
    expect(cases.length).toBeGreaterThan(0);
    for (const path of [
      '/signals?limit=200',
      '/meetings?limit=200',
      '/triage-meetings',
      '/triage-decisions',
      '/notifications',
    ]) {
      await get(path);
    }
    const meetings = items(await get('/meetings?limit=200'));
    for (const m of meetings.slice(0, 5)) await get(`/meetings/${m.id}`);
    for (const s of items(await get('/signals?limit=200')).slice(0, 10)) await get(`/signals/${s.id}`);
    let plans = 0;
    for (const c of cases) {
      const detail = await get(`/cases/${c.id}`);
      expect(detail.status, `/cases/${c.id}`).toBe(200);
      const subjectId = (c.subject as { id: string }).id;
      await get(`/persons/${subjectId}`);
      for (const a of items(await get(`/persons/${subjectId}/assessments`)).slice(0, 3))
        await get(`/assessments/${a.id}`);
      for (const a of items(await get(`/cases/${c.id}/actions`)).slice(0, 2)) await get(`/actions/${a.id}/notes`);
      for (const sub of ['contributions', 'evaluations', 'proportionality-reviews']) await get(`/cases/${c.id}/${sub}`);
      const plan = await get(`/cases/${c.id}/plan`);
      if (plan.status === 200) plans += 1;
      for (const i of ((plan.status === 200 ? (plan.body as { interventions?: unknown[] }).interventions : []) ??
        []) as Array<{ id: string }>) {
        await get(`/plan-interventions/${i.id}/evaluations`);
      }
    }
    expect(failures).toEqual([]);
    if (email === 'regisseur@delft.demo') expect(plans).toBeGreaterThan(10);
  });

  it('is deterministic: the same seed gives the same region', async () => {
    const fingerprint = async (seed: number) =>
      withTx(t.db, { regionId }, async (tx) => {
        await generateRegionData(tx, { regionId, seed, scale: 'demo' });
        const rows = await sql<{ f: string }>`select md5(string_agg(x, '|' order by x)) as f from (
            select first_name || ' ' || last_name || ' ' || coalesce(date_of_birth::text, '') as x from persons
            union all select reference || phase || target_group || priority from cases) r`.execute(tx);
        // Roll back: the fingerprint is all we keep.
        throw Object.assign(new Error('rollback'), { f: rows.rows[0]?.f });
      }).catch((e: { f?: string }) => e.f);
    const a = await fingerprint(DEMO_CASES_SEED + 1);
    const b = await fingerprint(DEMO_CASES_SEED + 1);
    const c = await fingerprint(DEMO_CASES_SEED + 2);
    expect(a).toBeTruthy();
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });
});
