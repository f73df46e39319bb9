/**
 * Trainings (catalogue), their sessions and participants with attendance. The catalogue and the
 * sessions hold no personal data; participants do: every read and change of them is logged with the
 * processing activity "training-administration".
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import { notFound } from '../../core/errors.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import { rethrowConstraint } from '../../platform/db/errors.js';
import { afterKeyset } from '../../platform/db/keyset.js';
import { sentColumns, updateVersioned } from '../../platform/db/versioned.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordAccess } from '../access-log/record.js';
import { beforeDateKey, decodeDateCursor, isoDay, refuse, scopeOf } from '../networks/common.js';
import type {
  Participant,
  ParticipantCreate,
  ParticipantUpdate,
  Training,
  TrainingCreate,
  TrainingListQuery,
  TrainingSession,
  TrainingSessionCreate,
  TrainingSessionListQuery,
  TrainingSessionUpdate,
  TrainingUpdate,
} from './schemas.js';

type Out<T extends z.ZodType> = z.infer<T>;

export const TRAINING_PURPOSE = { type: 'training-administration' } as const;

// --- Trainings -------------------------------------------------------------------------------------

function trainings(tx: Tx) {
  return tx
    .selectFrom('trainings as t')
    .selectAll('t')
    .select((eb) =>
      eb
        .selectFrom('training_sessions as s')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('s.training_id', '=', 't.id')
        .as('session_count'),
    );
}

type TrainingRow = Awaited<ReturnType<ReturnType<typeof trainings>['executeTakeFirstOrThrow']>>;

function presentTraining(t: TrainingRow): Out<typeof Training> {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    kind: t.kind as Out<typeof Training>['kind'],
    provider: t.provider,
    goal: t.goal,
    targetAudience: t.target_audience,
    durationDays: t.duration_days,
    evaluation: t.evaluation,
    active: t.active,
    sessionCount: Number(t.session_count ?? 0),
    createdAt: t.created_at.toISOString(),
    updatedAt: t.updated_at.toISOString(),
    version: t.version,
  };
}

const TRAINING_CONSTRAINTS = {
  trainings_region_id_code_key: { pointer: '/code', detail: 'A training with this code exists.' },
};

export async function listTrainings(deps: Deps, actor: Actor, q: z.infer<typeof TrainingListQuery>) {
  const after = decodeCursor(q.cursor, ['string', 'uuid']) as [string, string] | null;
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    let query = trainings(tx)
      .orderBy('t.name')
      .orderBy('t.id')
      .limit(q.limit + 1);
    if (q.includeInactive !== 'true') query = query.where('t.active', '=', true);
    if (q.kind) query = query.where('t.kind', '=', q.kind);
    if (after) {
      query = query.where((eb) => afterKeyset(eb, 't.name', 't.id', after));
    }
    const result = page(await query.execute(), q.limit, (t) => [t.name, t.id]);
    return { items: result.items.map(presentTraining), nextCursor: result.nextCursor };
  });
}

export async function getTraining(deps: Deps, actor: Actor, id: string) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const t = await trainings(tx).where('t.id', '=', id).executeTakeFirst();
    if (!t) throw notFound('The training');
    return presentTraining(t);
  });
}

export async function createTraining(deps: Deps, actor: Actor, input: z.infer<typeof TrainingCreate>) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const { id } = await tx
      .insertInto('trainings')
      .values({
        region_id: actor.regionId,
        code: input.code,
        name: input.name,
        kind: input.kind,
        provider: input.provider,
        goal: input.goal ?? null,
        target_audience: input.targetAudience ?? null,
        duration_days: input.durationDays ?? null,
        evaluation: input.evaluation ?? null,
        active: input.active,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e) => rethrowConstraint(e, TRAINING_CONSTRAINTS));
    return presentTraining(await trainings(tx).where('t.id', '=', id).executeTakeFirstOrThrow());
  });
}

export async function updateTraining(deps: Deps, actor: Actor, id: string, input: z.infer<typeof TrainingUpdate>) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const existing = await tx.selectFrom('trainings').select('id').where('id', '=', id).executeTakeFirst();
    if (!existing) throw notFound('The training');
    await updateVersioned(
      tx,
      'trainings',
      id,
      input.version,
      sentColumns(input, {
        name: 'name',
        kind: 'kind',
        provider: 'provider',
        goal: 'goal',
        targetAudience: 'target_audience',
        durationDays: 'duration_days',
        evaluation: 'evaluation',
        active: 'active',
      }),
      { now: deps.now() },
    );
    return presentTraining(await trainings(tx).where('t.id', '=', id).executeTakeFirstOrThrow());
  });
}

// --- Sessions --------------------------------------------------------------------------------------

function sessions(tx: Tx) {
  return tx
    .selectFrom('training_sessions as s')
    .innerJoin('trainings as t', 't.id', 's.training_id')
    .selectAll('s')
    .select([
      't.name as training_name',
      (eb) =>
        eb
          .selectFrom('training_participants as p')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('p.session_id', '=', 's.id')
          .as('participant_count'),
      (eb) =>
        eb
          .selectFrom('training_participants as p')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('p.session_id', '=', 's.id')
          .where('p.attended', '=', true)
          .as('attended_count'),
    ]);
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessions>['executeTakeFirstOrThrow']>>;

function presentSession(s: SessionRow): Out<typeof TrainingSession> {
  return {
    id: s.id,
    trainingId: s.training_id,
    trainingName: s.training_name,
    heldOn: isoDay(s.held_on),
    location: s.location,
    trainer: s.trainer,
    participantCount: Number(s.participant_count ?? 0),
    attendedCount: Number(s.attended_count ?? 0),
    createdAt: s.created_at.toISOString(),
    updatedAt: s.updated_at.toISOString(),
    version: s.version,
  };
}

async function requireSession(tx: Tx, id: string) {
  const s = await tx.selectFrom('training_sessions').select('id').where('id', '=', id).executeTakeFirst();
  if (!s) throw notFound('The training session');
}

export async function listSessions(deps: Deps, actor: Actor, q: z.infer<typeof TrainingSessionListQuery>) {
  const after = decodeDateCursor(q.cursor);
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    let query = sessions(tx)
      .orderBy('s.held_on', 'desc')
      .orderBy('s.id', 'desc')
      .limit(q.limit + 1);
    if (q.trainingId) query = query.where('s.training_id', '=', q.trainingId);
    if (after) query = query.where(beforeDateKey(after, 's.held_on', 's.id'));
    const result = page(await query.execute(), q.limit, (s) => [isoDay(s.held_on), s.id]);
    return { items: result.items.map(presentSession), nextCursor: result.nextCursor };
  });
}

export async function getSession(deps: Deps, actor: Actor, id: string) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const s = await sessions(tx).where('s.id', '=', id).executeTakeFirst();
    if (!s) throw notFound('The training session');
    return presentSession(s);
  });
}

export async function createSession(deps: Deps, actor: Actor, input: z.infer<typeof TrainingSessionCreate>) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const training = await tx
      .selectFrom('trainings')
      .select(['id', 'active'])
      .where('id', '=', input.trainingId)
      .executeTakeFirst();
    if (!training) throw refuse('/trainingId', 'invalid_reference', 'Choose a training of this region.');
    if (!training.active) throw refuse('/trainingId', 'inactive', 'This training is no longer offered.');
    const { id } = await tx
      .insertInto('training_sessions')
      .values({
        region_id: actor.regionId,
        training_id: input.trainingId,
        held_on: input.heldOn,
        location: input.location ?? null,
        trainer: input.trainer ?? null,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return presentSession(await sessions(tx).where('s.id', '=', id).executeTakeFirstOrThrow());
  });
}

export async function updateSession(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof TrainingSessionUpdate>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await requireSession(tx, id);
    await updateVersioned(
      tx,
      'training_sessions',
      id,
      input.version,
      sentColumns(input, { heldOn: 'held_on', location: 'location', trainer: 'trainer' }),
      { now: deps.now() },
    );
    return presentSession(await sessions(tx).where('s.id', '=', id).executeTakeFirstOrThrow());
  });
}

// --- Participants (personal data) ------------------------------------------------------------------

function participants(tx: Tx) {
  return tx
    .selectFrom('training_participants as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .selectAll('p')
    .select('o.name as organisation_name');
}

type ParticipantRow = Awaited<ReturnType<ReturnType<typeof participants>['executeTakeFirstOrThrow']>>;

function presentParticipant(p: ParticipantRow): Out<typeof Participant> {
  return {
    id: p.id,
    sessionId: p.session_id,
    name: p.name,
    organisationId: p.organisation_id,
    organisationName: p.organisation_name,
    email: p.email,
    attended: p.attended,
    createdAt: p.created_at.toISOString(),
    updatedAt: p.updated_at.toISOString(),
    version: p.version,
  };
}

/** An organisation that takes part in the actor's region, else 422 on `pointer`. */
export async function assertRegionOrganisation(tx: Tx, actor: Actor, organisationId: string, pointer: string) {
  const o = await tx
    .selectFrom('region_organisations')
    .select('organisation_id')
    .where('region_id', '=', actor.regionId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!o) throw refuse(pointer, 'invalid_reference', 'Choose an organisation that takes part in this region.');
}

export async function listParticipants(
  deps: Deps,
  actor: Actor,
  traceId: string,
  sessionId: string,
  q: { cursor?: string | undefined; limit: number },
) {
  const after = decodeCursor(q.cursor, ['string', 'uuid']) as [string, string] | null;
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await requireSession(tx, sessionId);
    let query = participants(tx)
      .where('p.session_id', '=', sessionId)
      .orderBy('p.name')
      .orderBy('p.id')
      .limit(q.limit + 1);
    if (after) {
      query = query.where((eb) => afterKeyset(eb, 'p.name', 'p.id', after));
    }
    const result = page(await query.execute(), q.limit, (p) => [p.name, p.id]);
    if (result.items.length > 0) {
      await recordAccess(tx, auditActor(actor, traceId), {
        action: 'read',
        recordType: 'training_participant',
        recordId: null,
        subjects: result.items.map((p) => ({ type: 'participant' as const, id: p.id })),
        purpose: TRAINING_PURPOSE,
      });
    }
    return { items: result.items.map(presentParticipant), nextCursor: result.nextCursor };
  });
}

export async function addParticipant(
  deps: Deps,
  actor: Actor,
  traceId: string,
  sessionId: string,
  input: z.infer<typeof ParticipantCreate>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await requireSession(tx, sessionId);
    await assertRegionOrganisation(tx, actor, input.organisationId, '/organisationId');
    const { id } = await tx
      .insertInto('training_participants')
      .values({
        region_id: actor.regionId,
        session_id: sessionId,
        name: input.name,
        organisation_id: input.organisationId,
        email: input.email?.toLowerCase() ?? null,
        attended: input.attended,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'create',
      recordType: 'training_participant',
      recordId: id,
      subjects: [{ type: 'participant', id }],
      purpose: TRAINING_PURPOSE,
    });
    return presentParticipant(await participants(tx).where('p.id', '=', id).executeTakeFirstOrThrow());
  });
}

export async function updateParticipant(
  deps: Deps,
  actor: Actor,
  traceId: string,
  sessionId: string,
  participantId: string,
  input: z.infer<typeof ParticipantUpdate>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const existing = await tx
      .selectFrom('training_participants')
      .select('id')
      .where('id', '=', participantId)
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    if (!existing) throw notFound('The participant');
    if (input.organisationId) await assertRegionOrganisation(tx, actor, input.organisationId, '/organisationId');
    await updateVersioned(
      tx,
      'training_participants',
      participantId,
      input.version,
      {
        ...sentColumns(input, { name: 'name', organisationId: 'organisation_id', attended: 'attended' }),
        ...(input.email !== undefined ? { email: input.email?.toLowerCase() ?? null } : {}),
      },
      { now: deps.now() },
    );
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'training_participant',
      recordId: participantId,
      subjects: [{ type: 'participant', id: participantId }],
      purpose: TRAINING_PURPOSE,
    });
    return presentParticipant(await participants(tx).where('p.id', '=', participantId).executeTakeFirstOrThrow());
  });
}

export async function removeParticipant(
  deps: Deps,
  actor: Actor,
  traceId: string,
  sessionId: string,
  participantId: string,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const removed = await tx
      .deleteFrom('training_participants')
      .where('id', '=', participantId)
      .where('session_id', '=', sessionId)
      .returning('id')
      .executeTakeFirst();
    if (!removed) throw notFound('The participant');
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'delete',
      recordType: 'training_participant',
      recordId: participantId,
      subjects: [{ type: 'participant', id: participantId }],
      purpose: TRAINING_PURPOSE,
    });
  });
}
