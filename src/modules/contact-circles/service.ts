/**
 * Contact circles (contactcirkel): after an incident the network director walks the five steps of
 * 001 in order (src/core/contact-circle.ts decides what is allowed), then writes the report and the
 * process evaluation. Every change locks the circle's row, so that a step is never completed while
 * its work is being changed. The invitees are key figures: each read of their data is logged with the
 * purpose {type: 'contact-circle', id}.
 */
import { sql, type Updateable } from 'kysely';
import type { z } from 'zod';
import {
  assertContactCircleAllows,
  CONTACT_CIRCLE_STEPS,
  type ContactCircleActivity,
  type ContactCirclePhase,
  type ContactCircleState,
  completeStep as completeStepRule,
  contactCircleAllows,
  currentStep,
  phaseOf,
  writeEvaluation as writeEvaluationRule,
  writeReport as writeReportRule,
} from '../../core/contact-circle.js';
import { DomainError, notFound, staleVersion } from '../../core/errors.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { page } from '../../platform/http/pagination.js';
import { type AuditActor, recordAccess } from '../access-log/record.js';
import { beforeDateKey, decodeDateCursor, isoDay, scopeOf } from '../networks/common.js';
import { requireInvitableKeyFigure } from '../networks/key-figures-service.js';
import type {
  ActionAdd,
  ActionUpdate,
  ContactCircle,
  ContactCircleAction,
  ContactCircleCreate,
  ContactCircleInvitee,
  ContactCircleListQuery,
  ContactCircleObservation,
  ContactCircleSummary,
  ContactCircleUpdate,
  EvaluationWrite,
  MeetingDetails,
  ObservationAdd,
  ReportWrite,
  StepCompletion,
} from './schemas.js';

type Out<T extends z.ZodType> = z.infer<T>;

const purposeOf = (id: string) => ({ type: 'contact-circle', id });

type CircleRow = Awaited<ReturnType<typeof lockCircle>>;

const stateOf = (c: {
  completed_steps: number;
  report: string | null;
  evaluated_at: Date | null;
}): ContactCircleState => ({
  completedSteps: c.completed_steps,
  reported: c.report !== null,
  evaluated: c.evaluated_at !== null,
});

const STATUS_OF: Record<ContactCirclePhase, Out<typeof ContactCircle>['status']> = {
  step_1: 'in_progress',
  step_2: 'in_progress',
  step_3: 'in_progress',
  step_4: 'in_progress',
  step_5: 'in_progress',
  report: 'report_due',
  evaluation: 'evaluation_due',
  closed: 'closed',
};

/** The circle's row, locked for this transaction; 404 when it is not in the actor's region. */
async function lockCircle(tx: Tx, id: string) {
  const c = await tx.selectFrom('contact_circles').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!c) throw notFound('The contact circle');
  return c;
}

async function allow(tx: Tx, id: string, activity: ContactCircleActivity): Promise<CircleRow> {
  const c = await lockCircle(tx, id);
  assertContactCircleAllows(stateOf(c), activity);
  return c;
}

/** Bumps the version when it matches; otherwise 409. */
async function bump(
  tx: Tx,
  deps: Deps,
  id: string,
  expected: number,
  set: Updateable<Database['contact_circles']> = {},
) {
  const r = await tx
    .updateTable('contact_circles')
    .set((eb) => ({ ...set, updated_at: deps.now(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  if (r.numUpdatedRows === 0n) throw staleVersion();
}

// --- Presenters ------------------------------------------------------------------------------------

function presentAction(a: {
  id: string;
  title: string;
  owner: string;
  due_on: string | null;
  status: string;
  created_at: Date;
  updated_at: Date;
  version: number;
}): Out<typeof ContactCircleAction> {
  return {
    id: a.id,
    title: a.title,
    owner: a.owner,
    dueOn: a.due_on === null ? null : isoDay(a.due_on),
    status: a.status as Out<typeof ContactCircleAction>['status'],
    createdAt: a.created_at.toISOString(),
    updatedAt: a.updated_at.toISOString(),
    version: a.version,
  };
}

function presentObservation(o: {
  id: string;
  kind: string;
  description: string;
  created_at: Date;
}): Out<typeof ContactCircleObservation> {
  return {
    id: o.id,
    kind: o.kind as Out<typeof ContactCircleObservation>['kind'],
    description: o.description,
    createdAt: o.created_at.toISOString(),
  };
}

function invitees(tx: Tx) {
  return tx
    .selectFrom('contact_circle_invitees as i')
    .innerJoin('key_figures as k', 'k.id', 'i.key_figure_id')
    .select(['i.id', 'i.key_figure_id', 'i.invited_at', 'k.name', 'k.organisation', 'k.role', 'k.phone', 'k.email']);
}

function presentInvitee(i: {
  id: string;
  key_figure_id: string;
  invited_at: Date;
  name: string;
  organisation: string;
  role: string;
  phone: string | null;
  email: string | null;
}): Out<typeof ContactCircleInvitee> {
  return {
    id: i.id,
    keyFigureId: i.key_figure_id,
    name: i.name,
    organisation: i.organisation,
    role: i.role,
    phone: i.phone,
    email: i.email,
    invitedAt: i.invited_at.toISOString(),
  };
}

async function userNames(tx: Tx, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await tx.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The whole circle as the network director sees it. Showing the invitees is a read of key figures'
 * personal data, so it is logged (once per invitee) with the circle as purpose.
 */
async function detail(tx: Tx, audit: AuditActor, id: string): Promise<Out<typeof ContactCircle>> {
  const c = await tx.selectFrom('contact_circles').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw notFound('The contact circle');
  const [steps, invited, observations, actions] = await Promise.all([
    tx.selectFrom('contact_circle_steps').selectAll().where('contact_circle_id', '=', id).orderBy('step').execute(),
    invitees(tx).where('i.contact_circle_id', '=', id).orderBy('k.name').orderBy('i.id').execute(),
    tx
      .selectFrom('contact_circle_observations')
      .selectAll()
      .where('contact_circle_id', '=', id)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    tx
      .selectFrom('contact_circle_actions')
      .selectAll()
      .where('contact_circle_id', '=', id)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  ]);
  const names = await userNames(tx, [...steps.map((s) => s.completed_by), c.reported_by, c.evaluated_by]);
  if (invited.length > 0) {
    await recordAccess(tx, audit, {
      action: 'read',
      recordType: 'contact_circle',
      recordId: id,
      subjects: invited.map((i) => ({ type: 'key_figure' as const, id: i.key_figure_id })),
      purpose: purposeOf(id),
    });
  }
  const state = stateOf(c);
  const phase = phaseOf(state);
  const can = (a: ContactCircleActivity) => contactCircleAllows(state, a);
  return {
    id: c.id,
    incidentTitle: c.incident_title,
    incidentOn: isoDay(c.incident_on),
    description: c.description,
    status: STATUS_OF[phase],
    phase,
    currentStep: currentStep(state),
    completedSteps: c.completed_steps,
    steps: CONTACT_CIRCLE_STEPS.map((def) => {
      const done = steps.find((s) => s.step === def.step);
      return {
        step: def.step,
        key: def.key,
        titleNl: def.titleNl,
        titleEn: def.titleEn,
        completed: done !== undefined,
        completedAt: done ? done.completed_at.toISOString() : null,
        completedByName: done ? (names.get(done.completed_by) ?? null) : null,
        notes: done?.notes ?? null,
      };
    }),
    meeting: { heldAt: c.meeting_held_at?.toISOString() ?? null, location: c.meeting_location },
    invitees: invited.map(presentInvitee),
    signalsAndNeeds: observations.map(presentObservation),
    actions: actions.map(presentAction),
    report:
      c.report !== null && c.reported_at !== null
        ? {
            text: c.report,
            writtenAt: c.reported_at.toISOString(),
            writtenByName: c.reported_by ? (names.get(c.reported_by) ?? null) : null,
          }
        : null,
    evaluation:
      c.evaluated_at !== null && c.evaluation_findings !== null
        ? {
            findings: c.evaluation_findings,
            whatWentWell: c.evaluation_went_well,
            improvements: c.evaluation_improvements,
            evaluatedAt: c.evaluated_at.toISOString(),
            evaluatedByName: c.evaluated_by ? (names.get(c.evaluated_by) ?? null) : null,
          }
        : null,
    allowed: {
      editDetails: can('edit_details'),
      arrangeMeeting: can('arrange_meeting'),
      invite: can('invite'),
      recordSignalOrNeed: can('record_observation'),
      addAction: can('add_action'),
      updateAction: can('update_action'),
      writeReport: phase === 'report' || phase === 'evaluation',
      writeEvaluation: phase === 'evaluation',
    },
    createdAt: c.created_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
    version: c.version,
  };
}

// --- Use cases -------------------------------------------------------------------------------------

export async function listContactCircles(deps: Deps, actor: Actor, q: z.infer<typeof ContactCircleListQuery>) {
  const after = decodeDateCursor(q.cursor);
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    let query = tx
      .selectFrom('contact_circles as c')
      .select([
        'c.id',
        'c.incident_title',
        'c.incident_on',
        'c.completed_steps',
        'c.report',
        'c.evaluated_at',
        'c.created_at',
        'c.updated_at',
        'c.version',
        (eb) =>
          eb
            .selectFrom('contact_circle_invitees as i')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('i.contact_circle_id', '=', 'c.id')
            .as('invitee_count'),
      ])
      .orderBy('c.incident_on', 'desc')
      .orderBy('c.id', 'desc')
      .limit(q.limit + 1);
    if (q.status === 'in_progress') query = query.where('c.completed_steps', '<', 5);
    if (q.status === 'report_due') query = query.where('c.completed_steps', '=', 5).where('c.report', 'is', null);
    if (q.status === 'evaluation_due')
      query = query.where('c.report', 'is not', null).where('c.evaluated_at', 'is', null);
    if (q.status === 'closed') query = query.where('c.evaluated_at', 'is not', null);
    if (after) query = query.where(beforeDateKey(after, 'c.incident_on', 'c.id'));
    const result = page(await query.execute(), q.limit, (c) => [isoDay(c.incident_on), c.id]);
    return {
      items: result.items.map((c): Out<typeof ContactCircleSummary> => {
        const state = stateOf(c);
        const phase = phaseOf(state);
        return {
          id: c.id,
          incidentTitle: c.incident_title,
          incidentOn: isoDay(c.incident_on),
          status: STATUS_OF[phase],
          phase,
          currentStep: currentStep(state),
          completedSteps: c.completed_steps,
          inviteeCount: Number(c.invitee_count ?? 0),
          createdAt: c.created_at.toISOString(),
          updatedAt: c.updated_at.toISOString(),
          version: c.version,
        };
      }),
      nextCursor: result.nextCursor,
    };
  });
}

export async function getContactCircle(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, scopeOf(actor), (tx) => detail(tx, auditActor(actor, traceId), id));
}

export async function createContactCircle(
  deps: Deps,
  actor: Actor,
  traceId: string,
  input: z.infer<typeof ContactCircleCreate>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const { id } = await tx
      .insertInto('contact_circles')
      .values({
        region_id: actor.regionId,
        incident_title: input.incidentTitle,
        incident_on: input.incidentOn,
        description: input.description ?? null,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return detail(tx, auditActor(actor, traceId), id);
  });
}

export async function updateContactCircle(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof ContactCircleUpdate>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await allow(tx, id, 'edit_details');
    await bump(tx, deps, id, input.version, {
      ...(input.incidentTitle !== undefined ? { incident_title: input.incidentTitle } : {}),
      ...(input.incidentOn !== undefined ? { incident_on: input.incidentOn } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
    });
    return detail(tx, auditActor(actor, traceId), id);
  });
}

/** Completes the next step; 409 out of order or stale, 422 when the step's work is missing. */
export async function completeStep(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  step: number,
  input: z.infer<typeof StepCompletion>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const c = await lockCircle(tx, id);
    const counts = await sql<{ invitees: number; observations: number }>`select
        (select count(*)::int from contact_circle_invitees where contact_circle_id = ${id}) as invitees,
        (select count(*)::int from contact_circle_observations where contact_circle_id = ${id}) as observations`.execute(
      tx,
    );
    const next = completeStepRule(stateOf(c), step, {
      invitees: counts.rows[0]?.invitees ?? 0,
      observations: counts.rows[0]?.observations ?? 0,
      meetingArranged: c.meeting_held_at !== null && c.meeting_location !== null,
    });
    await bump(tx, deps, id, input.version, { completed_steps: next.completedSteps });
    await tx
      .insertInto('contact_circle_steps')
      .values({
        region_id: actor.regionId,
        contact_circle_id: id,
        step,
        notes: input.notes ?? null,
        completed_at: deps.now(),
        completed_by: actor.userId,
      })
      .execute();
    return detail(tx, auditActor(actor, traceId), id);
  });
}

export async function setMeeting(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof MeetingDetails>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await allow(tx, id, 'arrange_meeting');
    await bump(tx, deps, id, input.version, { meeting_held_at: input.heldAt, meeting_location: input.location });
    return detail(tx, auditActor(actor, traceId), id);
  });
}

/** Invites a key figure from the standing list: active, with consent recorded (else 422). */
export async function addInvitee(deps: Deps, actor: Actor, traceId: string, id: string, keyFigureId: string) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await allow(tx, id, 'invite');
    const k = await requireInvitableKeyFigure(tx, keyFigureId);
    const existing = await tx
      .selectFrom('contact_circle_invitees')
      .select('id')
      .where('contact_circle_id', '=', id)
      .where('key_figure_id', '=', keyFigureId)
      .executeTakeFirst();
    if (existing) {
      throw new DomainError('CONFLICT', `${k.name} is already invited.`, {
        fields: [{ in: 'body', pointer: '/keyFigureId', code: 'duplicate', detail: 'Already invited.' }],
      });
    }
    const { id: inviteeId } = await tx
      .insertInto('contact_circle_invitees')
      .values({
        region_id: actor.regionId,
        contact_circle_id: id,
        key_figure_id: keyFigureId,
        invited_by: actor.userId,
        invited_at: deps.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'create',
      recordType: 'contact_circle_invitee',
      recordId: inviteeId,
      subjects: [{ type: 'key_figure', id: keyFigureId }],
      purpose: purposeOf(id),
    });
    return presentInvitee(await invitees(tx).where('i.id', '=', inviteeId).executeTakeFirstOrThrow());
  });
}

export async function removeInvitee(deps: Deps, actor: Actor, traceId: string, id: string, inviteeId: string) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await allow(tx, id, 'invite');
    const removed = await tx
      .deleteFrom('contact_circle_invitees')
      .where('id', '=', inviteeId)
      .where('contact_circle_id', '=', id)
      .returning('key_figure_id')
      .executeTakeFirst();
    if (!removed) throw notFound('The invitee');
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'delete',
      recordType: 'contact_circle_invitee',
      recordId: inviteeId,
      subjects: [{ type: 'key_figure', id: removed.key_figure_id }],
      purpose: purposeOf(id),
    });
  });
}

export async function addObservation(deps: Deps, actor: Actor, id: string, input: z.infer<typeof ObservationAdd>) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await allow(tx, id, 'record_observation');
    const row = await tx
      .insertInto('contact_circle_observations')
      .values({
        region_id: actor.regionId,
        contact_circle_id: id,
        kind: input.kind,
        description: input.description,
        created_by: actor.userId,
        created_at: deps.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return presentObservation(row);
  });
}

export async function addAction(deps: Deps, actor: Actor, id: string, input: z.infer<typeof ActionAdd>) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await allow(tx, id, 'add_action');
    const now = deps.now();
    const row = await tx
      .insertInto('contact_circle_actions')
      .values({
        region_id: actor.regionId,
        contact_circle_id: id,
        title: input.title,
        owner: input.owner,
        due_on: input.dueOn ?? null,
        status: input.status,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return presentAction(row);
  });
}

export async function updateAction(
  deps: Deps,
  actor: Actor,
  id: string,
  actionId: string,
  input: z.infer<typeof ActionUpdate>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await allow(tx, id, 'update_action');
    const exists = await tx
      .selectFrom('contact_circle_actions')
      .select('id')
      .where('id', '=', actionId)
      .where('contact_circle_id', '=', id)
      .executeTakeFirst();
    if (!exists) throw notFound('The action');
    const row = await tx
      .updateTable('contact_circle_actions')
      .set((eb) => ({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.owner !== undefined ? { owner: input.owner } : {}),
        ...(input.dueOn !== undefined ? { due_on: input.dueOn } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        updated_at: deps.now(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', actionId)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw staleVersion();
    return presentAction(row);
  });
}

/** The report (verslag), after step 5; it may be revised until the evaluation closes the circle. */
export async function writeReport(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof ReportWrite>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const c = await lockCircle(tx, id);
    writeReportRule(stateOf(c));
    await bump(tx, deps, id, input.version, { report: input.text, reported_at: deps.now(), reported_by: actor.userId });
    return detail(tx, auditActor(actor, traceId), id);
  });
}

/** The process evaluation with the network director, after the report; it closes the circle. */
export async function writeEvaluation(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof EvaluationWrite>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const c = await lockCircle(tx, id);
    writeEvaluationRule(stateOf(c));
    await bump(tx, deps, id, input.version, {
      evaluation_findings: input.findings,
      evaluation_went_well: input.whatWentWell ?? null,
      evaluation_improvements: input.improvements ?? null,
      evaluated_at: deps.now(),
      evaluated_by: actor.userId,
    });
    return detail(tx, auditActor(actor, traceId), id);
  });
}
