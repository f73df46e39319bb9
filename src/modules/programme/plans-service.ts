import { sql } from 'kysely';
import type { z } from 'zod';
import { DomainError, forbidden, notFound } from '../../core/errors.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import { rethrowConstraint } from '../../platform/db/errors.js';
import { sentColumns, updateVersioned } from '../../platform/db/versioned.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { assertInterventionInRegion } from './interventions-service.js';
import { type MunicipalityScope, municipalityScope } from './municipality-scope.js';
import type {
  ComparisonQuery,
  DistrictComparison,
  ImplementationPlan,
  ImplementationPlanLine,
  ImplementationPlanSummary,
  LINE_STATUSES,
  PLAN_STATUSES,
  PlanCreate,
  PlanLineCreate,
  PlanLineUpdate,
  PlanQuery,
  PlanUpdate,
} from './schemas.js';

type PlanStatus = (typeof PLAN_STATUSES)[number];
type LineStatus = (typeof LINE_STATUSES)[number];

const cannotEdit = () => forbidden('Only your own municipality’s implementation plans can be changed.');

/** The plans the actor may see: the visibility rule is part of every query that loads a plan. */
function plans(tx: Tx, actor: Actor, scope: MunicipalityScope) {
  return tx
    .selectFrom('implementation_plans as p')
    .innerJoin('municipalities as m', 'm.id', 'p.municipality_id')
    .where('p.region_id', '=', actor.regionId)
    .where((eb) =>
      scope.visibleIds.length > 0 ? eb('p.municipality_id', 'in', scope.visibleIds) : sql<boolean>`false`,
    )
    .select((eb) => [
      'p.id',
      'p.municipality_id',
      'm.name as municipality_name',
      'p.year',
      'p.status',
      'p.budget_total_cents',
      'p.note',
      'p.created_at',
      'p.updated_at',
      'p.version',
      eb
        .selectFrom('implementation_plan_lines as l')
        .select(sql<string>`coalesce(sum(l.budget_cents) filter (where l.status <> 'cancelled'), 0)`.as('s'))
        .whereRef('l.plan_id', '=', 'p.id')
        .as('lines_budget_cents'),
      eb
        .selectFrom('implementation_plan_lines as l')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('l.plan_id', '=', 'p.id')
        .as('line_count'),
    ]);
}

type PlanRow = Awaited<ReturnType<ReturnType<typeof plans>['executeTakeFirstOrThrow']>>;

function presentSummary(r: PlanRow, scope: MunicipalityScope): z.infer<typeof ImplementationPlanSummary> {
  return {
    id: r.id,
    municipality: { id: r.municipality_id, name: r.municipality_name },
    year: r.year,
    status: r.status as PlanStatus,
    budgetTotalCents: r.budget_total_cents === null ? null : Number(r.budget_total_cents),
    linesBudgetCents: Number(r.lines_budget_cents ?? 0),
    lineCount: Number(r.line_count ?? 0),
    canEdit: scope.editableIds.includes(r.municipality_id),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

function lines(tx: Tx, actor: Actor) {
  return tx
    .selectFrom('implementation_plan_lines as l')
    .innerJoin('interventions as i', 'i.id', 'l.intervention_id')
    .innerJoin('action_lines as a', 'a.id', 'i.action_line_id')
    .where('l.region_id', '=', actor.regionId)
    .select([
      'l.id',
      'l.plan_id',
      'l.intervention_id',
      'i.name as intervention_name',
      'a.number as action_line',
      'l.planned_count',
      'l.actual_count',
      'l.budget_cents',
      'l.status',
      'l.note',
      'l.created_at',
      'l.updated_at',
      'l.version',
    ]);
}

type LineRow = Awaited<ReturnType<ReturnType<typeof lines>['executeTakeFirstOrThrow']>>;

function presentLine(r: LineRow): z.infer<typeof ImplementationPlanLine> {
  return {
    id: r.id,
    planId: r.plan_id,
    intervention: { id: r.intervention_id, name: r.intervention_name, actionLine: r.action_line },
    plannedCount: r.planned_count,
    actualCount: r.actual_count,
    budgetCents: Number(r.budget_cents),
    status: r.status as LineStatus,
    note: r.note,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

async function loadPlan(tx: Tx, actor: Actor, scope: MunicipalityScope, id: string) {
  const row = await plans(tx, actor, scope).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('The implementation plan');
  const planLines = await lines(tx, actor)
    .where('l.plan_id', '=', id)
    .orderBy('a.number')
    .orderBy('i.name')
    .orderBy('l.id')
    .execute();
  return { row, lines: planLines };
}

function presentPlan(
  loaded: Awaited<ReturnType<typeof loadPlan>>,
  scope: MunicipalityScope,
): z.infer<typeof ImplementationPlan> {
  return {
    ...presentSummary(loaded.row, scope),
    note: loaded.row.note,
    lines: loaded.lines.map(presentLine),
    createdAt: loaded.row.created_at.toISOString(),
  };
}

export async function listPlans(deps: Deps, actor: Actor, q: z.infer<typeof PlanQuery>) {
  const after = decodeCursor(q.cursor, ['integer', 'string', 'uuid']) as [number, string, string] | null;
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const scope = await municipalityScope(tx, actor);
    let query = plans(tx, actor, scope)
      .orderBy('p.year', 'desc')
      .orderBy('m.name')
      .orderBy('p.id')
      .limit(q.limit + 1);
    if (q.year !== undefined) query = query.where('p.year', '=', q.year);
    if (q.municipalityId !== undefined) query = query.where('p.municipality_id', '=', q.municipalityId);
    if (after) {
      const [year, name, id] = after;
      query = query.where((eb) =>
        eb.or([
          eb('p.year', '<', year),
          eb.and([eb('p.year', '=', year), eb('m.name', '>', name)]),
          eb.and([eb('p.year', '=', year), eb('m.name', '=', name), eb('p.id', '>', id)]),
        ]),
      );
    }
    const rows = await query.execute();
    const result = page(rows, q.limit, (r) => [r.year, r.municipality_name, r.id]);
    return { items: result.items.map((r) => presentSummary(r, scope)), nextCursor: result.nextCursor };
  });
}

export async function getPlan(deps: Deps, actor: Actor, id: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const scope = await municipalityScope(tx, actor);
    return presentPlan(await loadPlan(tx, actor, scope, id), scope);
  });
}

const PLAN_CONSTRAINTS = {
  implementation_plans_municipality_year_key: {
    pointer: '/year',
    detail: 'This municipality has an implementation plan for this year.',
  },
};

export async function createPlan(deps: Deps, actor: Actor, input: z.infer<typeof PlanCreate>) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const municipality = await tx
      .selectFrom('municipalities')
      .select('id')
      .where('region_id', '=', actor.regionId)
      .where('id', '=', input.municipalityId)
      .executeTakeFirst();
    if (!municipality) {
      throw new DomainError('BUSINESS_RULE', 'The municipality does not exist.', {
        fields: [
          {
            in: 'body',
            pointer: '/municipalityId',
            code: 'unknown_reference',
            detail: 'The municipality does not exist.',
          },
        ],
      });
    }
    const scope = await municipalityScope(tx, actor);
    if (!scope.editableIds.includes(input.municipalityId)) throw cannotEdit();
    const { id } = await tx
      .insertInto('implementation_plans')
      .values({
        region_id: actor.regionId,
        municipality_id: input.municipalityId,
        year: input.year,
        budget_total_cents: input.budgetTotalCents ?? null,
        note: input.note ?? null,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e) => rethrowConstraint(e, PLAN_CONSTRAINTS));
    return presentPlan(await loadPlan(tx, actor, scope, id), scope);
  });
}

/** The plan, visible (else 404) and editable (else 403) for the actor. */
async function editablePlan(tx: Tx, actor: Actor, scope: MunicipalityScope, planId: string) {
  const plan = await plans(tx, actor, scope).where('p.id', '=', planId).executeTakeFirst();
  if (!plan) throw notFound('The implementation plan');
  if (!scope.editableIds.includes(plan.municipality_id)) throw cannotEdit();
  return plan;
}

export async function updatePlan(deps: Deps, actor: Actor, id: string, input: z.infer<typeof PlanUpdate>) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const scope = await municipalityScope(tx, actor);
    await editablePlan(tx, actor, scope, id);
    await updateVersioned(
      tx,
      'implementation_plans',
      id,
      input.version,
      sentColumns(input, { status: 'status', budgetTotalCents: 'budget_total_cents', note: 'note' }),
      { now: deps.now(), regionId: actor.regionId },
    );
    return presentPlan(await loadPlan(tx, actor, scope, id), scope);
  });
}

const LINE_CONSTRAINTS = {
  implementation_plan_lines_intervention_key: {
    pointer: '/interventionId',
    detail: 'The plan already has this intervention; change that line instead.',
  },
};

export async function addLine(deps: Deps, actor: Actor, planId: string, input: z.infer<typeof PlanLineCreate>) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const scope = await municipalityScope(tx, actor);
    await editablePlan(tx, actor, scope, planId);
    await assertInterventionInRegion(tx, actor, input.interventionId, '/interventionId');
    const { id } = await tx
      .insertInto('implementation_plan_lines')
      .values({
        region_id: actor.regionId,
        plan_id: planId,
        intervention_id: input.interventionId,
        planned_count: input.plannedCount,
        actual_count: input.actualCount ?? null,
        budget_cents: input.budgetCents,
        status: input.status,
        note: input.note ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e) => rethrowConstraint(e, LINE_CONSTRAINTS));
    await touchPlan(tx, deps, planId);
    return presentLine(await lines(tx, actor).where('l.id', '=', id).executeTakeFirstOrThrow());
  });
}

export async function updateLine(deps: Deps, actor: Actor, lineId: string, input: z.infer<typeof PlanLineUpdate>) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const scope = await municipalityScope(tx, actor);
    const line = await lines(tx, actor).where('l.id', '=', lineId).executeTakeFirst();
    if (!line) throw notFound('The plan line');
    // A line of a plan the user may not see does not exist for them.
    const plan = await plans(tx, actor, scope).where('p.id', '=', line.plan_id).executeTakeFirst();
    if (!plan) throw notFound('The plan line');
    if (!scope.editableIds.includes(plan.municipality_id)) throw cannotEdit();
    await updateVersioned(
      tx,
      'implementation_plan_lines',
      lineId,
      input.version,
      sentColumns(input, {
        plannedCount: 'planned_count',
        actualCount: 'actual_count',
        budgetCents: 'budget_cents',
        status: 'status',
        note: 'note',
      }),
      { now: deps.now(), regionId: actor.regionId },
    );
    await touchPlan(tx, deps, line.plan_id);
    return presentLine(await lines(tx, actor).where('l.id', '=', lineId).executeTakeFirstOrThrow());
  });
}

/** A changed line changes the plan's figures: its updatedAt moves (its version does not). */
async function touchPlan(tx: Tx, deps: Deps, planId: string) {
  await tx.updateTable('implementation_plans').set({ updated_at: deps.now() }).where('id', '=', planId).execute();
}

type Figures = { plannedCount: number; actualCount: number; budgetCents: number };
const zero = (): Figures => ({ plannedCount: 0, actualCount: 0, budgetCents: 0 });
function add(f: Figures, l: { planned_count: number; actual_count: number | null; budget_cents: string }) {
  f.plannedCount += l.planned_count;
  f.actualCount += l.actual_count ?? 0;
  f.budgetCents += Number(l.budget_cents);
}

/**
 * The district overview of the coordinating municipality: per municipality and intervention the
 * planned and actual numbers and budgets, with totals per action line.
 *
 * These are counts of activities (performances, trainings, meetings held) and amounts of money, not
 * counts of persons: no figure here is about an individual, so the small-cell guard does not apply.
 * (Participants and cases are counted in reports, which do go through src/core/small-cells.ts.)
 */
export async function districtComparison(
  deps: Deps,
  actor: Actor,
  q: z.infer<typeof ComparisonQuery>,
): Promise<z.infer<typeof DistrictComparison>> {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const scope = await municipalityScope(tx, actor);
    if (!scope.own?.isCoordinating || scope.own.district === null) {
      throw forbidden('Only the coordinating municipality of a district compares the district’s plans.');
    }
    const municipalities = await tx
      .selectFrom('municipalities as m')
      .leftJoin('implementation_plans as p', (j) =>
        j.onRef('p.municipality_id', '=', 'm.id').on('p.year', '=', q.year).on('p.region_id', '=', actor.regionId),
      )
      .select([
        'm.id',
        'm.name',
        'm.is_coordinating',
        'p.id as plan_id',
        'p.status as plan_status',
        'p.budget_total_cents',
      ])
      .where('m.region_id', '=', actor.regionId)
      .where('m.id', 'in', scope.visibleIds)
      .orderBy('m.is_coordinating', 'desc')
      .orderBy('m.name')
      .execute();
    const planIds = municipalities.flatMap((m) => (m.plan_id ? [m.plan_id] : []));
    const rows =
      planIds.length === 0
        ? []
        : await tx
            .selectFrom('implementation_plan_lines as l')
            .innerJoin('implementation_plans as p', 'p.id', 'l.plan_id')
            .innerJoin('interventions as i', 'i.id', 'l.intervention_id')
            .innerJoin('action_lines as a', 'a.id', 'i.action_line_id')
            .select([
              'p.municipality_id',
              'l.intervention_id',
              'i.name as intervention_name',
              'a.number as action_line',
              'a.title as action_line_title',
              'l.planned_count',
              'l.actual_count',
              'l.budget_cents',
              'l.status',
            ])
            .where('l.region_id', '=', actor.regionId)
            .where('l.plan_id', 'in', planIds)
            .orderBy('a.number')
            .orderBy('i.name')
            .execute();
    const allLines = await tx
      .selectFrom('action_lines')
      .select(['number', 'title'])
      .where('region_id', '=', actor.regionId)
      .orderBy('number')
      .execute();

    const perMunicipality = new Map(municipalities.map((m) => [m.id, zero()]));
    const position = (id: string) => municipalities.findIndex((m) => m.id === id);
    const interventions = new Map<
      string,
      {
        ref: { id: string; name: string; actionLine: number };
        cells: z.infer<typeof DistrictComparison>['interventions'][number]['cells'];
        totals: Figures;
      }
    >();
    const lineTotals = new Map(
      allLines.map((l) => [
        l.number,
        { number: l.number, title: l.title, cells: new Map(municipalities.map((m) => [m.id, zero()])), totals: zero() },
      ]),
    );
    const totals = zero();
    for (const r of rows) {
      let entry = interventions.get(r.intervention_id);
      if (!entry) {
        entry = {
          ref: { id: r.intervention_id, name: r.intervention_name, actionLine: r.action_line },
          cells: [],
          totals: zero(),
        };
        interventions.set(r.intervention_id, entry);
      }
      entry.cells.push({
        municipalityId: r.municipality_id,
        plannedCount: r.planned_count,
        actualCount: r.actual_count,
        budgetCents: Number(r.budget_cents),
        status: r.status as LineStatus,
      });
      if (r.status === 'cancelled') continue;
      add(entry.totals, r);
      add(perMunicipality.get(r.municipality_id) ?? zero(), r);
      const line = lineTotals.get(r.action_line);
      if (line) {
        add(line.cells.get(r.municipality_id) ?? zero(), r);
        add(line.totals, r);
      }
      add(totals, r);
    }
    return {
      year: q.year,
      district: scope.own.district,
      municipalities: municipalities.map((m) => ({
        id: m.id,
        name: m.name,
        isCoordinating: m.is_coordinating,
        plan: m.plan_id
          ? {
              id: m.plan_id,
              status: m.plan_status as PlanStatus,
              budgetTotalCents: m.budget_total_cents === null ? null : Number(m.budget_total_cents),
            }
          : null,
        totals: perMunicipality.get(m.id) ?? zero(),
      })),
      interventions: [...interventions.values()].map((e) => ({
        intervention: e.ref,
        // Cells in the order of the municipalities above.
        cells: e.cells.sort((a, b) => position(a.municipalityId) - position(b.municipalityId)),
        totals: e.totals,
      })),
      actionLines: [...lineTotals.values()].map((l) => ({
        number: l.number,
        title: l.title,
        cells: [...l.cells.entries()].map(([municipalityId, f]) => ({ municipalityId, ...f })),
        totals: l.totals,
      })),
      totals,
    };
  });
}
