/**
 * The aggregate queries behind the reports. Every query groups and counts in SQL and returns counts
 * per category only — never a row about a person — and runs in the actor's region (withTx sets the
 * tenant; row-level security and the explicit region filter both hold).
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import type { Period } from './build.js';

const NL = 'Europe/Amsterdam';

export interface QuarterRow {
  quarter: number;
  category: string;
  n: number;
}

/** Calendar date in the Netherlands of a timestamp column. */
const localDate = (column: string) => sql`(${sql.ref(column)} at time zone ${sql.lit(NL)})::date`;

type Fragment = ReturnType<typeof sql>;

/**
 * What the retention job counted of the destroyed records before it deleted them (migration 0010,
 * `retention_statistics`: per region, record type, year, quarter and one dimension at a time). The
 * record type's quarter is the same date as the live query's (receipt, decision, opening, session).
 */
interface Destroyed {
  recordType: 'signal' | 'triage_decision' | 'case' | 'training_participant';
  dimension: string;
}

/** The destroyed records of the period, per quarter and category, as rows to add to the live ones. */
const destroyedRows = (regionId: string, period: Period, d: Destroyed) => sql`
  select quarter::int as quarter, category, count::int as n
  from retention_statistics
  where region_id = ${regionId} and record_type = ${d.recordType} and dimension = ${d.dimension}
    and year = ${period.year} and quarter between 1 and ${period.quarters}`;

/**
 * Counts per quarter of the period and category. `from` is a fixed table expression of this file
 * (never user input); `region` names the column that carries the tenant of the counted rows. With
 * `destroyed`, the records the retention job destroyed (and counted) are added, in SQL, so that a report
 * over a period counts the same before and after destruction; the guard gets the sums.
 */
async function perQuarter(
  tx: Tx,
  regionId: string,
  period: Period,
  q: { from: string; region: string; day: Fragment; category: Fragment; where?: Fragment; destroyed?: Destroyed },
): Promise<QuarterRow[]> {
  const result = await sql<QuarterRow>`
    select quarter, category, sum(n)::int as n
    from (
      select extract(quarter from d)::int as quarter, category, count(*)::int as n
      from (
        select ${q.day} as d, ${q.category} as category
        from ${sql.raw(q.from)}
        where ${sql.ref(q.region)} = ${regionId} and ${q.where ?? sql`true`}
      ) facts
      where d between ${period.fromOn}::date and ${period.toOn}::date
      group by 1, 2
      ${q.destroyed ? sql`union all ${destroyedRows(regionId, period, q.destroyed)}` : sql``}
    ) counted
    group by 1, 2`.execute(tx);
  return result.rows;
}

export function signalsByQuarterAndIdeology(tx: Tx, regionId: string, period: Period) {
  return perQuarter(tx, regionId, period, {
    from: 'signals',
    region: 'region_id',
    day: sql`received_on`,
    category: sql`ideology`,
    destroyed: { recordType: 'signal', dimension: 'ideology' },
  });
}

export async function signalsByMonth(tx: Tx, regionId: string, period: Period): Promise<number[]> {
  const result = await sql<{ month: number; n: number }>`
    select extract(month from received_on)::int as month, count(*)::int as n
    from signals
    where region_id = ${regionId} and received_on between ${period.fromOn}::date and ${period.toOn}::date
    group by 1`.execute(tx);
  const months = Array.from({ length: period.quarters * 3 }, () => 0);
  for (const r of result.rows) if (r.month <= months.length) months[r.month - 1] = r.n;
  return months;
}

/**
 * Destroyed signals per quarter of receipt (their month is not kept: the statistics hold quarters only).
 * Zero for a quarter without destroyed signals.
 */
export async function destroyedSignalsByQuarter(tx: Tx, regionId: string, period: Period): Promise<number[]> {
  const result =
    await sql<QuarterRow>`${destroyedRows(regionId, period, { recordType: 'signal', dimension: 'total' })}`.execute(tx);
  const quarters = Array.from({ length: period.quarters }, () => 0);
  for (const r of result.rows) if (r.category === 'all') quarters[r.quarter - 1] = (quarters[r.quarter - 1] ?? 0) + r.n;
  return quarters;
}

export function triageDecisionsByQuarter(tx: Tx, regionId: string, period: Period) {
  return perQuarter(tx, regionId, period, {
    from: 'triage_decisions',
    region: 'region_id',
    day: localDate('decided_at'),
    category: sql`decision`,
    destroyed: { recordType: 'triage_decision', dimension: 'decision' },
  });
}

/**
 * Inclusion decisions (Wgpa weging) per quarter and criterion: one count per criterion that applied, so
 * a decision on two criteria counts under both. Decisions go with their case when it is destroyed.
 */
export function inclusionsByQuarterAndCriterion(tx: Tx, regionId: string, period: Period) {
  return perQuarter(tx, regionId, period, {
    from: 'inclusion_decision_criteria dc join inclusion_decisions d on d.id = dc.inclusion_decision_id join inclusion_criteria c on c.id = dc.criterion_id',
    region: 'd.region_id',
    day: sql`d.decided_on`,
    category: sql`c.code`,
  });
}

/** The region's inclusion criteria, as report categories (the wording the region uses). */
export async function inclusionCriteriaOf(tx: Tx, regionId: string) {
  return tx
    .selectFrom('inclusion_criteria')
    .select(['code as key', 'label_nl as label'])
    .where('region_id', '=', regionId)
    .orderBy('sort')
    .orderBy('code')
    .execute();
}

export function casesOpenedByQuarter(tx: Tx, regionId: string, period: Period, by: 'target_group' | 'ideology') {
  return perQuarter(tx, regionId, period, {
    from: 'cases',
    region: 'region_id',
    day: localDate('opened_at'),
    category: sql.ref(by),
    destroyed: { recordType: 'case', dimension: by },
  });
}

/**
 * Cases open at some moment of the period, by their phase or escalation level today. A state, not a
 * count of the period: see the section description.
 */
export async function casesActiveByState(
  tx: Tx,
  regionId: string,
  period: Period,
  by: 'phase' | 'escalation_level',
): Promise<Map<string, number>> {
  const result = await sql<{ category: string; n: number }>`
    select ${sql.ref(by)} as category, count(*)::int as n
    from cases
    where region_id = ${regionId}
      and ${localDate('opened_at')} <= ${period.toOn}::date
      and (closed_at is null or ${localDate('closed_at')} >= ${period.fromOn}::date)
    group by 1`.execute(tx);
  return new Map(result.rows.map((r) => [r.category, r.n]));
}

export function evaluationsByQuarter(tx: Tx, regionId: string, period: Period) {
  return perQuarter(tx, regionId, period, {
    from: 'programme_evaluations',
    region: 'region_id',
    day: sql`conducted_on`,
    category: sql`kind`,
  });
}

/** Planned and actual activities per municipality and action line, from the year's implementation plans. */
export async function activitiesOfYear(tx: Tx, regionId: string, year: number) {
  const result = await sql<{
    municipality_id: string;
    action_line: number;
    planned: number;
    actual: number;
    budget_cents: string;
  }>`
    select p.municipality_id, a.number as action_line,
      sum(l.planned_count)::int as planned, sum(coalesce(l.actual_count, 0))::int as actual,
      sum(l.budget_cents)::text as budget_cents
    from implementation_plan_lines l
      join implementation_plans p on p.id = l.plan_id and p.region_id = l.region_id
      join interventions i on i.id = l.intervention_id and i.region_id = l.region_id
      join action_lines a on a.id = i.action_line_id and a.region_id = i.region_id
    where l.region_id = ${regionId} and p.year = ${year} and l.status <> 'cancelled'
    group by 1, 2`.execute(tx);
  // Cents are summed in SQL as numeric and handed over as text: exact, also beyond 2^31.
  return result.rows.map((r) => ({ ...r, budget_cents: Number(r.budget_cents) }));
}

/**
 * The training tables come from the expertise module (migration 0005); a report on an installation
 * without them says the section is not available rather than failing.
 */
export async function trainingTablesExist(tx: Tx): Promise<boolean> {
  const result = await sql<{ ok: boolean }>`
    select to_regclass('public.training_sessions') is not null
      and to_regclass('public.training_participants') is not null
      and to_regclass('public.trainings') is not null as ok`.execute(tx);
  return result.rows[0]?.ok === true;
}

export function trainingSessionsByQuarter(tx: Tx, regionId: string, period: Period) {
  return perQuarter(tx, regionId, period, {
    from: 'training_sessions s join trainings t on t.id = s.training_id and t.region_id = s.region_id',
    region: 's.region_id',
    day: sql`s.held_on`,
    category: sql`t.kind`,
  });
}

/** Participants who attended, by the quarter of their session. */
export function trainingParticipantsByQuarter(tx: Tx, regionId: string, period: Period) {
  return perQuarter(tx, regionId, period, {
    from:
      'training_participants p join training_sessions s on s.id = p.session_id and s.region_id = p.region_id ' +
      'join trainings t on t.id = s.training_id and t.region_id = s.region_id',
    region: 'p.region_id',
    day: sql`s.held_on`,
    category: sql`t.kind`,
    where: sql`p.attended`,
    destroyed: { recordType: 'training_participant', dimension: 'attended_training_kind' },
  });
}
