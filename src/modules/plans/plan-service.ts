import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { nextPhase, type Phase } from '../../core/case-lifecycle.js';
import { DomainError, type FieldIssue, forbidden, notFound, staleVersion } from '../../core/errors.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordCaseEvent } from '../cases/core.js';
import {
  bodyField,
  type CaseRow,
  cursorTime,
  loadCase,
  logCaseAccess,
  refused,
  requireLead,
  requireNotClosed,
  takesPart,
  worksOnCase,
} from './case-access.js';
import { TWBMT_CATEGORY } from './catalogue.js';
import { hasEnded, type InterventionStatus, nextInterventionStatus } from './intervention-lifecycle.js';
import type {
  EvaluationCreate,
  InterventionCreate,
  InterventionEvaluation,
  InterventionUpdate,
  PageQuery,
  Plan,
  PlanCreate,
  PlanIntervention,
  PlanUpdate,
} from './schemas.js';
import { twbmtEnabled } from './toolbox-service.js';

type PlanJson = z.infer<typeof Plan>;
type InterventionJson = z.infer<typeof PlanIntervention>;
type Goal = { id: string; text: string };

const scope = (actor: Actor) => ({ regionId: actor.regionId });

const INTERVENTION_STATUS_NL: Record<InterventionStatus, string> = {
  planned: 'gepland',
  active: 'lopend',
  completed: 'afgerond',
  stopped: 'gestopt',
};

// Reading ------------------------------------------------------------------------------------------------

function interventionsQuery(tx: Tx) {
  return tx
    .selectFrom('plan_interventions as pi')
    .innerJoin('plans as p', 'p.id', 'pi.plan_id')
    .innerJoin('toolbox_items as ti', 'ti.id', 'pi.toolbox_item_id')
    .innerJoin('organisations as ro', 'ro.id', 'pi.responsible_organisation_id')
    .leftJoin('users as ru', 'ru.id', 'pi.responsible_user_id')
    .select([
      'pi.id',
      'pi.plan_id',
      'p.case_id',
      'ti.id as toolbox_item_id',
      'ti.code as toolbox_code',
      'ti.name_nl as toolbox_name_nl',
      'ti.name_en as toolbox_name_en',
      'ti.category as toolbox_category',
      'pi.goal',
      'pi.responsible_organisation_id',
      'ro.name as responsible_organisation_name',
      'pi.responsible_user_id',
      'ru.name as responsible_user_name',
      'pi.status',
      'pi.starts_on',
      'pi.ends_on',
      'pi.created_at',
      'pi.version',
    ]);
}

type InterventionRow = Awaited<ReturnType<ReturnType<typeof interventionsQuery>['executeTakeFirstOrThrow']>>;

function presentIntervention(r: InterventionRow): InterventionJson {
  return {
    id: r.id,
    planId: r.plan_id,
    caseId: r.case_id,
    toolboxItem: {
      id: r.toolbox_item_id,
      code: r.toolbox_code,
      nameNl: r.toolbox_name_nl,
      nameEn: r.toolbox_name_en,
      category: r.toolbox_category as InterventionJson['toolboxItem']['category'],
    },
    goal: r.goal,
    responsibleOrganisationId: r.responsible_organisation_id,
    responsibleOrganisationName: r.responsible_organisation_name,
    responsibleUserId: r.responsible_user_id,
    responsibleUserName: r.responsible_user_name,
    status: r.status as InterventionStatus,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    createdAt: r.created_at.toISOString(),
    version: r.version,
  };
}

async function planRowOf(tx: Tx, caseId: string) {
  return tx.selectFrom('plans').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

/** The plan of a visible case with its interventions, as JSON. */
export async function loadPlanJson(tx: Tx, c: CaseRow): Promise<PlanJson | null> {
  const plan = await planRowOf(tx, c.id);
  if (!plan) return null;
  const interventions = await interventionsQuery(tx)
    .where('pi.plan_id', '=', plan.id)
    .orderBy('pi.created_at')
    .orderBy('pi.id')
    .execute();
  return {
    id: plan.id,
    caseId: c.id,
    caseReference: c.reference,
    targetGroup: c.target_group as PlanJson['targetGroup'],
    status: plan.status as PlanJson['status'],
    problemAnalysis: plan.problem_analysis,
    goals: (plan.goals as Goal[]).map((g) => ({ id: g.id, text: g.text })),
    nextReviewOn: plan.next_review_on,
    adoptedAt: plan.adopted_at?.toISOString() ?? null,
    interventions: interventions.map(presentIntervention),
    createdAt: plan.created_at.toISOString(),
    updatedAt: plan.updated_at.toISOString(),
    version: plan.version,
  };
}

export async function getPlan(deps: Deps, actor: Actor, traceId: string, caseId: string) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const c = await loadCase(tx, actor, caseId);
    const plan = await loadPlanJson(tx, c);
    if (!plan) throw new DomainError('NOT_FOUND', 'The case has no plan of approach yet.');
    await logCaseAccess(tx, actor, traceId, c, 'read', 'plan', plan.id);
    return plan;
  });
}

// Writing the plan ------------------------------------------------------------------------------------------

/** Goals keep their id across edits (interventions and minutes refer to them); new ones get one. */
function mergeGoals(existing: Goal[], input: Array<{ id?: string | undefined; text: string }>): Goal[] {
  const known = new Set(existing.map((g) => g.id));
  const issues: FieldIssue[] = [];
  const goals = input.map((g, i) => {
    if (g.id && !known.has(g.id)) {
      issues.push(
        bodyField(`/goals/${i}/id`, 'unknown_reference', 'Not a goal of this plan; leave out the id for a new goal.'),
      );
    }
    return { id: g.id ?? randomUUID(), text: g.text };
  });
  if (issues.length > 0) throw refused(issues);
  return goals;
}

export async function createPlan(
  deps: Deps,
  actor: Actor,
  traceId: string,
  caseId: string,
  input: z.infer<typeof PlanCreate>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const c = await loadCase(tx, actor, caseId);
    requireLead(c);
    requireNotClosed(c);
    if (await planRowOf(tx, c.id)) {
      throw new DomainError('CONFLICT', 'The case has a plan of approach already; change it with PUT.');
    }
    const now = deps.now();
    const plan = await tx
      .insertInto('plans')
      .values({
        region_id: actor.regionId,
        case_id: c.id,
        problem_analysis: input.problemAnalysis ?? null,
        goals: JSON.stringify(mergeGoals([], input.goals ?? [])),
        next_review_on: input.nextReviewOn ?? null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('case_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!plan) throw new DomainError('CONFLICT', 'The case has a plan of approach already; change it with PUT.');
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId: c.id,
      actorId: actor.userId,
      kind: 'plan_created',
      summary: 'Plan van aanpak aangemaakt',
      params: {},
      at: now,
    });
    await logCaseAccess(tx, actor, traceId, c, 'create', 'plan', plan.id);
    return (await loadPlanJson(tx, c)) as PlanJson;
  });
}

export async function updatePlan(
  deps: Deps,
  actor: Actor,
  traceId: string,
  caseId: string,
  input: z.infer<typeof PlanUpdate>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const c = await loadCase(tx, actor, caseId);
    const plan = await planRowOf(tx, c.id);
    if (!plan) throw new DomainError('NOT_FOUND', 'The case has no plan of approach yet.');
    requireLead(c);
    requireNotClosed(c);
    if (plan.version !== input.version) throw staleVersion();
    const goals = mergeGoals(plan.goals as Goal[], input.goals);
    const now = deps.now();
    const updated = await tx
      .updateTable('plans')
      .set((eb) => ({
        problem_analysis: input.problemAnalysis,
        goals: JSON.stringify(goals),
        next_review_on: input.nextReviewOn,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', plan.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw staleVersion();
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId: c.id,
      actorId: actor.userId,
      kind: 'plan_updated',
      summary: 'Plan van aanpak gewijzigd',
      params: {},
      at: now,
    });
    await logCaseAccess(tx, actor, traceId, c, 'update', 'plan', plan.id);
    return (await loadPlanJson(tx, c)) as PlanJson;
  });
}

/**
 * Adopts the plan (vaststellen). It needs a problem analysis and at least one goal. A case still in
 * preparation or analysis moves on to execution (the "adopt_plan" transition of the case lifecycle).
 */
export async function adoptPlan(deps: Deps, actor: Actor, traceId: string, caseId: string, version: number) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const c = await loadCase(tx, actor, caseId);
    const plan = await planRowOf(tx, c.id);
    if (!plan) throw new DomainError('NOT_FOUND', 'The case has no plan of approach yet.');
    requireLead(c, 'adopt the plan of approach');
    if (c.phase === 'closed' || c.phase === 'closed_provisional') {
      throw new DomainError('ILLEGAL_TRANSITION', 'The case is closed; reopen it before adopting a plan.');
    }
    if (plan.status === 'adopted') {
      throw new DomainError('ILLEGAL_TRANSITION', 'The plan of approach is adopted already.');
    }
    if (plan.version !== version) throw staleVersion();
    const issues: FieldIssue[] = [];
    if (!plan.problem_analysis?.trim()) {
      issues.push(bodyField('/problemAnalysis', 'required', 'Write the problem analysis before adopting the plan.'));
    }
    if ((plan.goals as Goal[]).length === 0) {
      issues.push(bodyField('/goals', 'required', 'Set at least one goal before adopting the plan.'));
    }
    if (issues.length > 0) throw refused(issues, 'A plan is adopted with a problem analysis and at least one goal.');

    const now = deps.now();
    const updated = await tx
      .updateTable('plans')
      .set((eb) => ({ status: 'adopted', adopted_at: now, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', plan.id)
      .where('version', '=', version)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw staleVersion();
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId: c.id,
      actorId: actor.userId,
      kind: 'plan_adopted',
      summary: 'Plan van aanpak vastgesteld',
      params: {},
      at: now,
    });
    if (c.phase === 'preparation' || c.phase === 'analysis') {
      const to = nextPhase(c.phase as Phase, { kind: 'adopt_plan' });
      await tx
        .updateTable('cases')
        .set((eb) => ({ phase: to, updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', c.id)
        .execute();
      await recordCaseEvent(tx, {
        regionId: actor.regionId,
        caseId: c.id,
        actorId: actor.userId,
        kind: 'phase_changed',
        summary: `Fase gewijzigd: ${PHASE_NL[c.phase as Phase]} → ${PHASE_NL[to]}`,
        params: { fromPhase: c.phase, toPhase: to },
        at: now,
      });
    }
    await logCaseAccess(tx, actor, traceId, c, 'update', 'plan', plan.id);
    return (await loadPlanJson(tx, c)) as PlanJson;
  });
}

const PHASE_NL: Record<Phase, string> = {
  preparation: 'voorbereiding',
  analysis: 'analyse',
  execution: 'uitvoering',
  monitoring: 'monitoring',
  closed_provisional: 'voorlopig afgesloten',
  closed: 'afgesloten',
};

// Interventions ---------------------------------------------------------------------------------------------

/** The plan (by id) and its case, if the actor may see the case; otherwise NOT_FOUND. */
async function loadPlanById(tx: Tx, actor: Actor, planId: string) {
  const plan = await tx.selectFrom('plans').select(['id', 'case_id']).where('id', '=', planId).executeTakeFirst();
  if (!plan) throw notFound('The plan');
  return { plan, c: await loadCase(tx, actor, plan.case_id, 'The plan') };
}

/** The intervention and its case, if the actor may see the case; otherwise NOT_FOUND. */
async function loadIntervention(tx: Tx, actor: Actor, id: string) {
  const row = await interventionsQuery(tx).where('pi.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('The intervention');
  return { row, c: await loadCase(tx, actor, row.case_id, 'The intervention') };
}

async function checkResponsible(
  tx: Tx,
  c: CaseRow,
  organisationId: string,
  userId: string | null | undefined,
  issues: FieldIssue[],
) {
  if (!(await takesPart(tx, c.id, organisationId))) {
    issues.push(
      bodyField('/responsibleOrganisationId', 'not_in_case', 'Choose an organisation that takes part in the case.'),
    );
  } else if (userId && !(await worksOnCase(tx, c, userId, organisationId))) {
    issues.push(
      bodyField('/responsibleUserId', 'not_in_case', 'Choose a person of that organisation who works on the case.'),
    );
  }
}

function checkDates(startsOn: string | null, endsOn: string | null, issues: FieldIssue[]) {
  if (startsOn && endsOn && endsOn < startsOn) {
    issues.push(bodyField('/endsOn', 'before_start', 'The end date lies before the start date.'));
  }
}

export async function addIntervention(
  deps: Deps,
  actor: Actor,
  traceId: string,
  planId: string,
  input: z.infer<typeof InterventionCreate>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const { plan, c } = await loadPlanById(tx, actor, planId);
    requireLead(c);
    requireNotClosed(c);
    const issues: FieldIssue[] = [];
    const item = await tx
      .selectFrom('toolbox_items')
      .select(['id', 'category', 'name_nl', 'active'])
      .where('id', '=', input.toolboxItemId)
      .executeTakeFirst();
    if (!item?.active) {
      issues.push(bodyField('/toolboxItemId', 'unknown_reference', 'Choose an active item of the toolbox.'));
    } else if (item.category === TWBMT_CATEGORY && !(await twbmtEnabled(tx, actor.regionId))) {
      issues.push(
        bodyField(
          '/toolboxItemId',
          'twbmt_disabled',
          'Measures of the Tijdelijke wet bestuurlijke maatregelen terrorismebestrijding are switched off in this region.',
        ),
      );
    }
    await checkResponsible(tx, c, input.responsibleOrganisationId, input.responsibleUserId, issues);
    checkDates(input.startsOn ?? null, input.endsOn ?? null, issues);
    if (issues.length > 0) throw refused(issues);

    const now = deps.now();
    const created = await tx
      .insertInto('plan_interventions')
      .values({
        region_id: actor.regionId,
        plan_id: plan.id,
        toolbox_item_id: input.toolboxItemId,
        goal: input.goal ?? null,
        responsible_organisation_id: input.responsibleOrganisationId,
        responsible_user_id: input.responsibleUserId ?? null,
        starts_on: input.startsOn ?? null,
        ends_on: input.endsOn ?? null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await interventionsQuery(tx).where('pi.id', '=', created.id).executeTakeFirstOrThrow();
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId: c.id,
      actorId: actor.userId,
      kind: 'intervention_added',
      summary: `Interventie toegevoegd: ${row.toolbox_name_nl} (${row.responsible_organisation_name})`,
      params: {
        intervention: row.toolbox_name_nl,
        interventionEn: row.toolbox_name_en,
        organisation: row.responsible_organisation_name,
      },
      at: now,
    });
    await logCaseAccess(tx, actor, traceId, c, 'create', 'plan_intervention', created.id);
    return presentIntervention(row);
  });
}

export async function getIntervention(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const { row, c } = await loadIntervention(tx, actor, id);
    await logCaseAccess(tx, actor, traceId, c, 'read', 'plan_intervention', id);
    return presentIntervention(row);
  });
}

/** The lead, or the responsible organisation itself, changes an intervention. */
function requireInterventionWriter(actor: Actor, c: CaseRow, row: InterventionRow, what: string) {
  if (!c.actor_leads && actor.organisationId !== row.responsible_organisation_id) {
    throw forbidden(`Only the process director, the case coordinator or the responsible organisation may ${what}.`);
  }
}

export async function updateIntervention(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof InterventionUpdate>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const { row, c } = await loadIntervention(tx, actor, id);
    requireInterventionWriter(actor, c, row, 'change this intervention');
    requireNotClosed(c);
    const reassigning =
      (input.responsibleOrganisationId !== undefined &&
        input.responsibleOrganisationId !== row.responsible_organisation_id) ||
      input.responsibleUserId !== undefined;
    // Handing an intervention to another organisation is a change of the plan: the lead decides.
    if (
      input.responsibleOrganisationId !== undefined &&
      input.responsibleOrganisationId !== row.responsible_organisation_id
    ) {
      requireLead(c, 'hand an intervention to another organisation');
    }
    if (row.version !== input.version) throw staleVersion();
    const from = row.status as InterventionStatus;
    const status = input.status ? nextInterventionStatus(from, input.status) : from;
    const issues: FieldIssue[] = [];
    const organisationId = input.responsibleOrganisationId ?? row.responsible_organisation_id;
    const userId = input.responsibleUserId !== undefined ? input.responsibleUserId : row.responsible_user_id;
    if (reassigning) await checkResponsible(tx, c, organisationId, userId, issues);
    const startsOn = input.startsOn !== undefined ? input.startsOn : row.starts_on;
    const endsOn = input.endsOn !== undefined ? input.endsOn : row.ends_on;
    checkDates(startsOn, endsOn, issues);
    if (issues.length > 0) throw refused(issues);

    const now = deps.now();
    const updated = await tx
      .updateTable('plan_interventions')
      .set((eb) => ({
        status,
        goal: input.goal !== undefined ? input.goal : row.goal,
        responsible_organisation_id: organisationId,
        responsible_user_id: userId,
        starts_on: startsOn,
        ends_on: endsOn,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw staleVersion();
    const after = await interventionsQuery(tx).where('pi.id', '=', id).executeTakeFirstOrThrow();
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId: c.id,
      actorId: actor.userId,
      kind: status !== from ? 'intervention_status_changed' : 'intervention_updated',
      summary:
        status !== from
          ? `Interventie ${after.toolbox_name_nl}: ${INTERVENTION_STATUS_NL[from]} → ${INTERVENTION_STATUS_NL[status]}`
          : `Interventie ${after.toolbox_name_nl} gewijzigd`,
      params:
        status !== from
          ? {
              intervention: after.toolbox_name_nl,
              interventionEn: after.toolbox_name_en,
              fromInterventionStatus: from,
              toInterventionStatus: status,
            }
          : { intervention: after.toolbox_name_nl, interventionEn: after.toolbox_name_en },
      at: now,
    });
    await logCaseAccess(tx, actor, traceId, c, 'update', 'plan_intervention', id);
    return presentIntervention(after);
  });
}

// Intervention evaluations (plan, process, effect — seed 001) --------------------------------------------

function evaluationsQuery(tx: Tx) {
  return tx
    .selectFrom('intervention_evaluations as e')
    .innerJoin('users as u', 'u.id', 'e.author_id')
    .select([
      'e.id',
      'e.plan_intervention_id',
      'e.kind',
      'e.findings',
      'e.author_id',
      'u.name as author_name',
      'e.created_at',
    ]);
}

type EvaluationRow = Awaited<ReturnType<ReturnType<typeof evaluationsQuery>['executeTakeFirstOrThrow']>>;

function presentEvaluation(e: EvaluationRow): z.infer<typeof InterventionEvaluation> {
  return {
    id: e.id,
    planInterventionId: e.plan_intervention_id,
    kind: e.kind as 'plan' | 'process' | 'effect',
    findings: e.findings,
    authorId: e.author_id,
    authorName: e.author_name,
    createdAt: e.created_at.toISOString(),
  };
}

const EVALUATION_NL = { plan: 'Planevaluatie', process: 'Procesevaluatie', effect: 'Effectevaluatie' } as const;

export async function addEvaluation(
  deps: Deps,
  actor: Actor,
  traceId: string,
  interventionId: string,
  input: z.infer<typeof EvaluationCreate>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const { row, c } = await loadIntervention(tx, actor, interventionId);
    requireInterventionWriter(actor, c, row, 'evaluate this intervention');
    // An effect can only be judged once the intervention has run (or was stopped).
    if (input.kind === 'effect' && !hasEnded(row.status as InterventionStatus) && row.status !== 'active') {
      throw refused(
        [bodyField('/kind', 'not_started', 'An effect evaluation needs an intervention that has started.')],
        'An effect evaluation needs an intervention that has started.',
      );
    }
    const now = deps.now();
    const created = await tx
      .insertInto('intervention_evaluations')
      .values({
        region_id: actor.regionId,
        plan_intervention_id: interventionId,
        kind: input.kind,
        findings: input.findings,
        author_id: actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId: c.id,
      actorId: actor.userId,
      kind: 'intervention_evaluated',
      summary: `${EVALUATION_NL[input.kind]} vastgelegd: ${row.toolbox_name_nl}`,
      params: {
        interventionEvaluationKind: input.kind,
        intervention: row.toolbox_name_nl,
        interventionEn: row.toolbox_name_en,
      },
      at: now,
    });
    await logCaseAccess(tx, actor, traceId, c, 'create', 'intervention_evaluation', created.id);
    return presentEvaluation(await evaluationsQuery(tx).where('e.id', '=', created.id).executeTakeFirstOrThrow());
  });
}

export async function listEvaluations(
  deps: Deps,
  actor: Actor,
  traceId: string,
  interventionId: string,
  q: z.infer<typeof PageQuery>,
) {
  const after = decodeCursor(q.cursor, ['timestamp', 'uuid']) as [string, string] | null;
  return withTx(deps.db, scope(actor), async (tx) => {
    const { c } = await loadIntervention(tx, actor, interventionId);
    let query = evaluationsQuery(tx)
      .where('e.plan_intervention_id', '=', interventionId)
      .orderBy('e.created_at')
      .orderBy('e.id')
      .limit(q.limit + 1);
    if (after) {
      const at = cursorTime(after[0]);
      query = query.where((eb) =>
        eb.or([eb('e.created_at', '>', at), eb.and([eb('e.created_at', '=', at), eb('e.id', '>', after[1])])]),
      );
    }
    const result = page(await query.execute(), q.limit, (e) => [e.created_at.toISOString(), e.id]);
    await logCaseAccess(tx, actor, traceId, c, 'read', 'plan_intervention', interventionId);
    return { items: result.items.map(presentEvaluation), nextCursor: result.nextCursor };
  });
}
