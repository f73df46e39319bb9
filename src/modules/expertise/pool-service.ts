/**
 * The expertise pool (001, action line 4): its meetings, planned as a schedule (every three weeks,
 * every third one thematic — src/core/pool-schedule.ts), its members (users with role expert), and
 * matching a member to a case. A match makes the expert a member of the case with purpose "expert":
 * the pool's organisation takes part, the expert is added, the timeline says so and the access log
 * records it with the case as purpose. From then on the expert sees the case (need-to-know).
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import { isOpen, type Phase } from '../../core/case-lifecycle.js';
import { DomainError, notFound, staleVersion } from '../../core/errors.js';
import { generatePoolSchedule } from '../../core/pool-schedule.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordAccess } from '../access-log/record.js';
import { recordCaseEvent } from '../cases/core.js';
import { caseVisibleTo, requireVisibleCase } from '../cases/visibility.js';
import { invalidCursor, isoDay, refuse, scopeOf, todayInNl } from '../networks/common.js';
import { hasSignedCovenant } from '../privacy/covenants.js';
import type {
  PoolMatch,
  PoolMatchCreate,
  PoolMatchListQuery,
  PoolMeeting,
  PoolMeetingListQuery,
  PoolMeetingUpdate,
  PoolMember,
  PoolScheduleRequest,
} from './schemas.js';

type Out<T extends z.ZodType> = z.infer<T>;

const POOL_PURPOSE = { type: 'expertise-pool' } as const;

// --- Meetings --------------------------------------------------------------------------------------

function presentMeeting(m: {
  id: string;
  sequence: number;
  held_on: string;
  thematic: boolean;
  theme: string | null;
  notes: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}): Out<typeof PoolMeeting> {
  return {
    id: m.id,
    sequence: m.sequence,
    heldOn: isoDay(m.held_on),
    thematic: m.thematic,
    theme: m.theme,
    notes: m.notes,
    createdAt: m.created_at.toISOString(),
    updatedAt: m.updated_at.toISOString(),
    version: m.version,
  };
}

/**
 * Plans `count` meetings from `firstOn`, continuing the region's series: the numbering carries on,
 * so every third meeting stays thematic, and the new meetings come after the last planned one.
 */
export async function scheduleMeetings(deps: Deps, actor: Actor, input: z.infer<typeof PoolScheduleRequest>) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`pool_schedule:${actor.regionId}`}, 0))`.execute(tx);
    const last = await tx
      .selectFrom('expertise_pool_meetings')
      .select(['sequence', 'held_on'])
      .orderBy('sequence', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (last && input.firstOn <= isoDay(last.held_on)) {
      throw refuse(
        '/firstOn',
        'before_last_meeting',
        `The schedule continues after the last planned meeting (${isoDay(last.held_on)}); choose a later first date.`,
      );
    }
    const slots = generatePoolSchedule(input.firstOn, input.count, { firstSequence: (last?.sequence ?? 0) + 1 });
    const rows = await tx
      .insertInto('expertise_pool_meetings')
      .values(
        slots.map((s) => ({
          region_id: actor.regionId,
          sequence: s.sequence,
          held_on: s.heldOn,
          thematic: s.thematic,
          created_by: actor.userId,
        })),
      )
      .returningAll()
      .execute();
    rows.sort((a, b) => a.sequence - b.sequence);
    return { items: rows.map(presentMeeting), nextCursor: null };
  });
}

export async function listMeetings(deps: Deps, actor: Actor, q: z.infer<typeof PoolMeetingListQuery>) {
  const after = decodeCursor(q.cursor, ['integer']) as [number] | null;
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    let query = tx
      .selectFrom('expertise_pool_meetings')
      .selectAll()
      .orderBy('sequence')
      .limit(q.limit + 1);
    if (q.upcoming === 'true') query = query.where('held_on', '>=', todayInNl(deps.now()));
    if (q.upcoming === 'false') query = query.where('held_on', '<', todayInNl(deps.now()));
    if (after) query = query.where('sequence', '>', after[0]);
    const result = page(await query.execute(), q.limit, (m) => [m.sequence]);
    return { items: result.items.map(presentMeeting), nextCursor: result.nextCursor };
  });
}

export async function updateMeeting(deps: Deps, actor: Actor, id: string, input: z.infer<typeof PoolMeetingUpdate>) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const existing = await tx
      .selectFrom('expertise_pool_meetings')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!existing) throw notFound('The pool meeting');
    const row = await tx
      .updateTable('expertise_pool_meetings')
      .set((eb) => ({
        ...(input.theme !== undefined ? { theme: input.theme } : {}),
        ...(input.notes !== undefined ? { notes: input.notes } : {}),
        updated_at: deps.now(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw staleVersion();
    return presentMeeting(row);
  });
}

// --- Members ---------------------------------------------------------------------------------------

function experts(tx: Tx, actor: Actor) {
  return tx
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .innerJoin('region_organisations as ro', (j) =>
      j.onRef('ro.organisation_id', '=', 'u.organisation_id').on('ro.region_id', '=', actor.regionId),
    )
    .innerJoin('region_roles as rr', (j) => j.onRef('rr.user_id', '=', 'u.id').on('rr.region_id', '=', actor.regionId))
    .select(['u.id', 'u.name', 'u.email', 'u.organisation_id', 'o.name as organisation_name'])
    .where('rr.role', '=', 'expert')
    .where('u.disabled_at', 'is', null);
}

/**
 * The pool's members, for matching: only process directors match, so only they see the list (other
 * roles with case work — coordinators, partners, the experts themselves — have no need to know: 403).
 */
export async function listMembers(deps: Deps, actor: Actor, traceId: string) {
  if (actor.role !== 'process_director') {
    throw new DomainError('FORBIDDEN', 'Only process directors see the members of the expertise pool, to match them.');
  }
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const rows = await experts(tx, actor).orderBy('u.name').orderBy('u.id').execute();
    if (rows.length > 0) {
      await recordAccess(tx, auditActor(actor, traceId), {
        action: 'read',
        recordType: 'user',
        recordId: null,
        subjects: rows.map((u) => ({ type: 'user' as const, id: u.id })),
        purpose: POOL_PURPOSE,
      });
    }
    const items: Array<Out<typeof PoolMember>> = rows.map((u) => ({
      userId: u.id,
      name: u.name,
      email: u.email,
      organisationId: u.organisation_id,
      organisationName: u.organisation_name,
    }));
    return { items, nextCursor: null };
  });
}

// --- Matching a pool member to a case --------------------------------------------------------------

function matches(tx: Tx) {
  return tx
    .selectFrom('expertise_pool_matches as pm')
    .innerJoin('cases', 'cases.id', 'pm.case_id')
    .innerJoin('users as e', 'e.id', 'pm.expert_user_id')
    .innerJoin('users as by', 'by.id', 'pm.matched_by')
    .select([
      'pm.id',
      'pm.case_id',
      'cases.reference',
      'pm.expert_user_id',
      'e.name as expert_name',
      'e.organisation_id',
      'pm.purpose',
      'pm.matched_at',
      'by.name as matched_by_name',
    ]);
}

type MatchRow = Awaited<ReturnType<ReturnType<typeof matches>['executeTakeFirstOrThrow']>>;

function presentMatch(m: MatchRow): Out<typeof PoolMatch> {
  return {
    id: m.id,
    caseId: m.case_id,
    caseReference: m.reference,
    expertUserId: m.expert_user_id,
    expertName: m.expert_name,
    organisationId: m.organisation_id,
    purpose: m.purpose,
    matchedAt: m.matched_at.toISOString(),
    matchedByName: m.matched_by_name,
  };
}

/**
 * Asks a pool member into a case. Only the process director of the case's directing municipality
 * may (404 when the case is not visible to the actor, 403 when visible but not theirs to direct).
 */
export async function matchExpert(deps: Deps, actor: Actor, traceId: string, input: z.infer<typeof PoolMatchCreate>) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const c = await requireVisibleCase(tx, actor, input.caseId);
    if (!c.actor_is_director) {
      throw new DomainError(
        'FORBIDDEN',
        'Only the process director of the directing municipality matches a pool member to this case.',
      );
    }
    if (!isOpen(c.phase as Phase)) {
      throw refuse('/caseId', 'case_closed', 'The case is closed; reopen it before asking an expert in.');
    }
    const expert = await experts(tx, actor).where('u.id', '=', input.expertUserId).executeTakeFirst();
    if (!expert) {
      throw refuse(
        '/expertUserId',
        'not_a_pool_member',
        'Choose an active member of the expertise pool of this region.',
      );
    }
    const now = deps.now();
    const membership = await tx
      .selectFrom('case_members')
      .select('removed_at')
      .where('case_id', '=', input.caseId)
      .where('user_id', '=', expert.id)
      .executeTakeFirst();
    if (membership && membership.removed_at === null) {
      throw new DomainError('CONFLICT', `${expert.name} is already a member of this case.`, {
        fields: [{ in: 'body', pointer: '/expertUserId', code: 'duplicate', detail: 'Already a member of the case.' }],
      });
    }

    // The pool takes part in the case (again), then the expert is added with purpose "expert".
    const participation = await tx
      .selectFrom('case_organisations')
      .select('removed_at')
      .where('case_id', '=', input.caseId)
      .where('organisation_id', '=', expert.organisation_id)
      .executeTakeFirst();
    if (!participation || participation.removed_at !== null) {
      // As for any organisation joining a case (cases/membership.ts): only under a signed covenant.
      if (!(await hasSignedCovenant(tx, expert.organisation_id))) {
        throw refuse(
          '/expertUserId',
          'no_covenant',
          `${expert.organisation_name} has not signed a covenant of this region; it cannot take part in cases.`,
        );
      }
    }
    if (!participation) {
      await tx
        .insertInto('case_organisations')
        .values({
          region_id: actor.regionId,
          case_id: input.caseId,
          organisation_id: expert.organisation_id,
          added_by: actor.userId,
          added_at: now,
        })
        .execute();
    } else if (participation.removed_at !== null) {
      await tx
        .updateTable('case_organisations')
        .set({ removed_at: null, added_by: actor.userId })
        .where('case_id', '=', input.caseId)
        .where('organisation_id', '=', expert.organisation_id)
        .execute();
    }
    const values = {
      organisation_id: expert.organisation_id,
      purpose: 'expert',
      added_by: actor.userId,
      added_at: now,
      removed_at: null,
    };
    if (membership) {
      await tx
        .updateTable('case_members')
        .set(values)
        .where('case_id', '=', input.caseId)
        .where('user_id', '=', expert.id)
        .execute();
    } else {
      await tx
        .insertInto('case_members')
        .values({ ...values, region_id: actor.regionId, case_id: input.caseId, user_id: expert.id })
        .execute();
    }
    const { id } = await tx
      .insertInto('expertise_pool_matches')
      .values({
        region_id: actor.regionId,
        case_id: input.caseId,
        expert_user_id: expert.id,
        purpose: input.purpose,
        matched_by: actor.userId,
        matched_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId: input.caseId,
      actorId: actor.userId,
      kind: 'expert_matched',
      summary: `${expert.name} (${expert.organisation_name}) via de expertisepool aan de casus gekoppeld`,
      reason: input.purpose,
      at: now,
    });
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'expertise_pool_match',
      recordId: id,
      subjects: [
        { type: 'person', id: c.subject_person_id },
        { type: 'user', id: expert.id },
      ],
      purpose: { type: 'case', id: input.caseId },
    });
    return presentMatch(await matches(tx).where('pm.id', '=', id).executeTakeFirstOrThrow());
  });
}

/** The matches of one case the actor sees (404 otherwise). */
export async function listMatches(deps: Deps, actor: Actor, traceId: string, q: z.infer<typeof PoolMatchListQuery>) {
  const after = decodeCursor(q.cursor, ['timestamp', 'uuid']) as [string, string] | null;
  if (after && Number.isNaN(Date.parse(after[0]))) throw invalidCursor();
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await requireVisibleCase(tx, actor, q.caseId);
    let query = matches(tx)
      .where('pm.case_id', '=', q.caseId)
      .where(caseVisibleTo(actor))
      .orderBy('pm.matched_at')
      .orderBy('pm.id')
      .limit(q.limit + 1);
    if (after) {
      query = query.where(sql<boolean>`(pm.matched_at, pm.id) > (${after[0]}::timestamptz, ${after[1]}::uuid)`);
    }
    const result = page(await query.execute(), q.limit, (m) => [m.matched_at.toISOString(), m.id]);
    if (result.items.length > 0) {
      await recordAccess(tx, auditActor(actor, traceId), {
        action: 'read',
        recordType: 'expertise_pool_match',
        recordId: null,
        subjects: result.items.map((m) => ({ type: 'user' as const, id: m.expert_user_id })),
        purpose: { type: 'case', id: q.caseId },
      });
    }
    return { items: result.items.map(presentMatch), nextCursor: result.nextCursor };
  });
}
