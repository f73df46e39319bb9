import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import { DomainError, forbidden, notFound, staleVersion } from '../../core/errors.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordAccess } from '../access-log/record.js';
import { linkSignalAssessmentsToCase } from '../assessments/service.js';
import { recordCaseEvent, todayInNl } from '../cases/core.js';
import { openCase } from '../cases/open-case.js';
import { caseVisibleTo } from '../cases/visibility.js';
import {
  activeSubjectIds,
  isOpenSignal,
  logSignalAccess,
  logSignalReads,
  presentSummaries,
  requireVisibleSignal,
  summaryQuery,
} from '../signals/service.js';
import { signalVisibleTo } from '../signals/visibility.js';
import { checkInclusionInput, recordInclusion } from './inclusion.js';
import type {
  TriageDecision,
  TriageDecisionCreate,
  TriageDecisionListQuery,
  TriageMeeting,
  TriageMeetingCreate,
  TriageMeetingListQuery,
  TriageMeetingSummary,
  TriageMeetingUpdate,
} from './schemas.js';

const field = (pointer: string, code: string, detail: string) =>
  new DomainError('BUSINESS_RULE', detail, { fields: [{ in: 'body', pointer, code, detail }] });

/**
 * A triage meeting is the process directors' own meeting: visible to the process directors of its
 * municipality and to its chair. (Partners bring their information in the meeting itself.)
 */
export function triageMeetingVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'triage_meetings'>): Expression<SqlBool> => {
    if (actor.role !== 'process_director') return eb('triage_meetings.chair_id', '=', actor.userId);
    return eb.or([
      eb('triage_meetings.chair_id', '=', actor.userId),
      eb.exists(
        eb
          .selectFrom('municipalities as tv_mu')
          .select(sql`1`.as('one'))
          .whereRef('tv_mu.id', '=', 'triage_meetings.municipality_id')
          .where('tv_mu.organisation_id', '=', actor.organisationId),
      ),
    ]);
  };
}

function meetingQuery(tx: Tx, actor: Actor) {
  return tx
    .selectFrom('triage_meetings')
    .innerJoin('municipalities as mu', 'mu.id', 'triage_meetings.municipality_id')
    .innerJoin('users as ch', 'ch.id', 'triage_meetings.chair_id')
    .select((eb) => [
      'triage_meetings.id',
      'triage_meetings.municipality_id',
      'mu.name as municipality_name',
      'triage_meetings.held_on',
      'triage_meetings.status',
      'triage_meetings.chair_id',
      'ch.name as chair_name',
      'triage_meetings.created_at',
      'triage_meetings.version',
      eb
        .selectFrom('triage_agenda as ta')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('ta.triage_meeting_id', '=', 'triage_meetings.id')
        .as('agenda_size'),
    ])
    .where(triageMeetingVisibleTo(actor));
}

type MeetingRow = Awaited<ReturnType<ReturnType<typeof meetingQuery>['executeTakeFirstOrThrow']>>;

const presentMeetingSummary = (m: MeetingRow): z.infer<typeof TriageMeetingSummary> => ({
  id: m.id,
  municipality: { id: m.municipality_id, name: m.municipality_name },
  heldOn: m.held_on,
  status: m.status as 'planned' | 'held',
  chair: { id: m.chair_id, name: m.chair_name },
  agendaSize: Number(m.agenda_size ?? 0),
  createdAt: m.created_at.toISOString(),
  version: m.version,
});

async function requireVisibleMeeting(tx: Tx, actor: Actor, id: string) {
  const row = await meetingQuery(tx, actor).where('triage_meetings.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('The triage meeting');
  return row;
}

/** The meeting with its agenda of (visible) signals; each signal shown is logged as read. */
async function meetingDetail(tx: Tx, actor: Actor, traceId: string, m: MeetingRow) {
  const rows = await summaryQuery(tx)
    .innerJoin('triage_agenda as ta', 'ta.signal_id', 'signals.id')
    .leftJoin('triage_decisions as td', 'td.signal_id', 'signals.id')
    .select(['ta.position', 'td.id as decision_id', 'td.decision', 'td.referred_to', 'td.case_id', 'td.decided_at'])
    .select((eb) =>
      eb
        .selectFrom('cases')
        .select('cases.reference')
        .whereRef('cases.id', '=', 'td.case_id')
        .where((e) => caseVisibleTo(actor)(e as unknown as ExpressionBuilder<Database, 'cases'>))
        .as('case_reference'),
    )
    .where('ta.triage_meeting_id', '=', m.id)
    .where(signalVisibleTo(actor))
    .orderBy('ta.position')
    .execute();
  const summaries = await presentSummaries(tx, rows);
  await logSignalReads(
    tx,
    actor,
    traceId,
    summaries.map((s) => s.id),
  );
  const agenda = rows.map((r, i) => ({
    position: r.position,
    signal: summaries[i] as (typeof summaries)[number],
    decision:
      r.decision_id && r.decided_at
        ? {
            id: r.decision_id,
            decision: r.decision as z.infer<typeof TriageDecision>['decision'],
            referredTo: r.referred_to as z.infer<typeof TriageDecision>['referredTo'],
            caseId: r.case_id,
            caseReference: r.case_reference ?? null,
            decidedAt: r.decided_at.toISOString(),
          }
        : null,
  }));
  return { ...presentMeetingSummary(m), agenda } satisfies z.infer<typeof TriageMeeting>;
}

// --- Meetings -------------------------------------------------------------------------------------

export async function createTriageMeeting(
  deps: Deps,
  actor: Actor,
  traceId: string,
  input: z.infer<typeof TriageMeetingCreate>,
) {
  if (actor.role !== 'process_director') throw forbidden('Only a process director plans a triage meeting.');
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const municipality = await tx
      .selectFrom('municipalities')
      .select(['id', 'organisation_id'])
      .where('id', '=', input.municipalityId)
      .executeTakeFirst();
    if (!municipality) throw field('/municipalityId', 'unknown_reference', 'Choose a municipality of this region.');
    if (municipality.organisation_id !== actor.organisationId) {
      throw field('/municipalityId', 'not_yours', 'You plan triage meetings for your own municipality only.');
    }
    const { id } = await tx
      .insertInto('triage_meetings')
      .values({
        region_id: actor.regionId,
        municipality_id: input.municipalityId,
        held_on: input.heldOn,
        chair_id: actor.userId,
        created_at: deps.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return meetingDetail(tx, actor, traceId, await requireVisibleMeeting(tx, actor, id));
  });
}

export async function listTriageMeetings(deps: Deps, actor: Actor, q: z.infer<typeof TriageMeetingListQuery>) {
  const after = decodeCursor(q.cursor, ['date', 'uuid']) as [string, string] | null;
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    let query = meetingQuery(tx, actor)
      .orderBy('triage_meetings.held_on', 'desc')
      .orderBy('triage_meetings.id', 'desc')
      .limit(q.limit + 1);
    if (q.municipalityId) query = query.where('triage_meetings.municipality_id', '=', q.municipalityId);
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('triage_meetings.held_on', '<', after[0]),
          eb.and([eb('triage_meetings.held_on', '=', after[0]), eb('triage_meetings.id', '<', after[1])]),
        ]),
      );
    }
    const result = page(await query.execute(), q.limit, (m) => [m.held_on, m.id]);
    return { items: result.items.map(presentMeetingSummary), nextCursor: result.nextCursor };
  });
}

export async function getTriageMeeting(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) =>
    meetingDetail(tx, actor, traceId, await requireVisibleMeeting(tx, actor, id)),
  );
}

export async function updateTriageMeeting(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof TriageMeetingUpdate>,
) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    await requireVisibleMeeting(tx, actor, id);
    const row = await tx
      .updateTable('triage_meetings')
      .set((eb) => ({
        ...(input.heldOn !== undefined ? { held_on: input.heldOn } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw staleVersion();
    return meetingDetail(tx, actor, traceId, await requireVisibleMeeting(tx, actor, id));
  });
}

/** POST /triage-meetings/{id}/agenda — puts an open signal on the agenda; the signal is then in triage. */
export async function addToAgenda(deps: Deps, actor: Actor, traceId: string, meetingId: string, signalId: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    await requireVisibleMeeting(tx, actor, meetingId);
    const signal = await tx
      .selectFrom('signals')
      .select(['signals.id', 'signals.status'])
      .where('signals.id', '=', signalId)
      .where(signalVisibleTo(actor))
      .forUpdate()
      .executeTakeFirst();
    if (!signal) throw notFound('The signal');
    if (!isOpenSignal(signal.status)) {
      throw new DomainError('ILLEGAL_TRANSITION', `A signal with status "${signal.status}" cannot go to triage.`);
    }
    const onAgenda = await tx
      .selectFrom('triage_agenda')
      .select('signal_id')
      .where('triage_meeting_id', '=', meetingId)
      .where('signal_id', '=', signalId)
      .executeTakeFirst();
    if (onAgenda) {
      throw new DomainError('CONFLICT', 'The signal is already on this agenda.', {
        fields: [{ in: 'body', pointer: '/signalId', code: 'duplicate', detail: 'Already on the agenda.' }],
      });
    }
    const last = await tx
      .selectFrom('triage_agenda')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('triage_meeting_id', '=', meetingId)
      .executeTakeFirst();
    await tx
      .insertInto('triage_agenda')
      .values({
        region_id: actor.regionId,
        triage_meeting_id: meetingId,
        signal_id: signalId,
        position: Number(last?.max ?? 0) + 1,
      })
      .execute();
    await tx
      .updateTable('signals')
      .set((eb) => ({ status: 'triage', version: eb('version', '+', 1), updated_at: deps.now() }))
      .where('id', '=', signalId)
      .execute();
    await logSignalAccess(tx, actor, traceId, { action: 'update', signalId });
    return meetingDetail(tx, actor, traceId, await requireVisibleMeeting(tx, actor, meetingId));
  });
}

// --- Decisions ------------------------------------------------------------------------------------

function decisionQuery(tx: Tx, actor: Actor) {
  return tx
    .selectFrom('triage_decisions as td')
    .innerJoin('signals', 'signals.id', 'td.signal_id')
    .innerJoin('users as du', 'du.id', 'td.decided_by')
    .select((eb) => [
      'td.id',
      'td.signal_id',
      'signals.reference as signal_reference',
      'td.triage_meeting_id',
      'td.decision',
      'td.referred_to',
      'td.rationale',
      'td.case_id',
      'td.decided_by',
      'du.name as decided_by_name',
      'td.decided_at',
      eb
        .selectFrom('cases')
        .select('cases.reference')
        .whereRef('cases.id', '=', 'td.case_id')
        .where((e) => caseVisibleTo(actor)(e as unknown as ExpressionBuilder<Database, 'cases'>))
        .as('case_reference'),
    ])
    .where(signalVisibleTo(actor));
}

type DecisionRow = Awaited<ReturnType<ReturnType<typeof decisionQuery>['executeTakeFirstOrThrow']>>;

const presentDecision = (d: DecisionRow): z.infer<typeof TriageDecision> => ({
  id: d.id,
  signalId: d.signal_id,
  signalReference: d.signal_reference,
  triageMeetingId: d.triage_meeting_id,
  decision: d.decision as z.infer<typeof TriageDecision>['decision'],
  referredTo: d.referred_to as z.infer<typeof TriageDecision>['referredTo'],
  rationale: d.rationale,
  caseId: d.case_id,
  caseReference: d.case_reference ?? null,
  decidedBy: { id: d.decided_by, name: d.decided_by_name },
  decidedAt: d.decided_at.toISOString(),
});

/** openCase names fields of its own input; in this body they live under /case. */
function underCase(error: unknown): never {
  if (error instanceof DomainError && error.extra.fields) {
    throw new DomainError(error.code, error.message, {
      ...error.extra,
      fields: error.extra.fields.map((f) => ({ ...f, pointer: `/case${f.pointer}` })),
    });
  }
  throw error;
}

/**
 * POST /triage-decisions — the triage decision on one signal, by a process director of the
 * signal's municipality, always with a rationale. "open_case" opens the case in the same
 * transaction; a referral or local handling marks the signal decided; "no action" closes it.
 * A signal is decided once (409 after that). Nothing is written unless everything is.
 */
export async function decide(deps: Deps, actor: Actor, traceId: string, input: z.infer<typeof TriageDecisionCreate>) {
  if (actor.role !== 'process_director') throw forbidden('Only a process director decides on a signal.');
  const now = deps.now();
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const signal = await requireVisibleSignal(tx, actor, input.signalId, { forUpdate: true });
    if (!signal.actor_is_director) {
      throw forbidden('Only a process director of the signal’s municipality decides on it.');
    }
    const earlier = await tx
      .selectFrom('triage_decisions')
      .select('id')
      .where('signal_id', '=', signal.id)
      .executeTakeFirst();
    if (earlier) throw new DomainError('CONFLICT', 'This signal has already been decided.');
    if (!isOpenSignal(signal.status)) {
      throw new DomainError('ILLEGAL_TRANSITION', `A signal with status "${signal.status}" cannot be decided.`);
    }
    if (input.triageMeetingId) {
      const onAgenda = await tx
        .selectFrom('triage_agenda')
        .innerJoin('triage_meetings', 'triage_meetings.id', 'triage_agenda.triage_meeting_id')
        .select('triage_agenda.signal_id')
        .where('triage_agenda.triage_meeting_id', '=', input.triageMeetingId)
        .where('triage_agenda.signal_id', '=', signal.id)
        .where(triageMeetingVisibleTo(actor))
        .executeTakeFirst();
      if (!onAgenda) {
        throw field('/triageMeetingId', 'not_on_agenda', 'The signal is not on the agenda of this triage meeting.');
      }
    }
    const subjects = await activeSubjectIds(tx, signal.id);
    if (input.decision === 'open_case' && input.case && !subjects.includes(input.case.subjectPersonId)) {
      throw field('/case/subjectPersonId', 'not_a_subject', 'Choose a person the signal is about.');
    }
    if (input.decision === 'open_case' && input.inclusion) await checkInclusionInput(tx, input.inclusion);

    // The signal first, then the case: if opening the case fails, the transaction undoes both.
    const closes = input.decision === 'no_action';
    await tx
      .updateTable('signals')
      .set((eb) => ({
        status: closes ? 'closed' : 'decided',
        ...(closes ? { closed_at: now } : {}),
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', signal.id)
      .execute();
    let caseId: string | null = null;
    if (input.decision === 'open_case' && input.case) {
      const c = input.case;
      const opened = await openCase(tx, actor, traceId, now, {
        subjectPersonId: c.subjectPersonId,
        signalIds: [signal.id],
        targetGroup: c.targetGroup,
        riskGroup: c.riskGroup ?? null,
        ideology: c.ideology ?? signal.ideology,
        directingMunicipalityId: c.directingMunicipalityId ?? signal.municipality_id,
        caseCoordinatorId: c.caseCoordinatorId ?? null,
        priority: c.priority,
      }).catch(underCase);
      caseId = opened.id;
      // Assessments made at intake follow the signal into the case, and from now on its need-to-know.
      const joined = await linkSignalAssessmentsToCase(tx, signal.id, caseId);
      if (joined > 0) {
        await recordCaseEvent(tx, {
          regionId: actor.regionId,
          caseId,
          actorId: actor.userId,
          kind: 'signal_assessments_linked',
          summary: `${joined} duiding(en) en inschatting(en) van melding ${signal.reference} toegevoegd aan de casus`,
          params: { count: joined, reference: signal.reference },
          at: now,
        });
      }
    }
    const { id } = await tx
      .insertInto('triage_decisions')
      .values({
        region_id: actor.regionId,
        triage_meeting_id: input.triageMeetingId ?? null,
        signal_id: signal.id,
        decision: input.decision,
        referred_to: input.decision === 'refer' ? (input.referredTo ?? null) : null,
        rationale: input.rationale,
        case_id: caseId,
        decided_by: actor.userId,
        decided_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e: { code?: string }) => {
        if (e.code === '23505') throw new DomainError('CONFLICT', 'This signal has already been decided.');
        throw e;
      });
    if (caseId && input.inclusion) {
      await recordInclusion(tx, actor, { caseId, triageDecisionId: id, today: todayInNl(now), now }, input.inclusion);
    }
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'create',
      recordType: 'triage_decision',
      recordId: id,
      subjects: subjects.map((p) => ({ type: 'person' as const, id: p })),
      purpose: { type: 'signal-intake', id: signal.id },
    });
    return presentDecision(await decisionQuery(tx, actor).where('td.id', '=', id).executeTakeFirstOrThrow());
  });
}

/** GET /triage-decisions — decisions on signals the actor can see, newest first (filter: signalId). */
export async function listDecisions(
  deps: Deps,
  actor: Actor,
  traceId: string,
  q: z.infer<typeof TriageDecisionListQuery>,
) {
  const after = decodeCursor(q.cursor, ['timestamp', 'uuid']) as [string, string] | null;
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    let query = decisionQuery(tx, actor)
      .orderBy('td.decided_at', 'desc')
      .orderBy('td.id', 'desc')
      .limit(q.limit + 1);
    if (q.signalId) query = query.where('td.signal_id', '=', q.signalId);
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('td.decided_at', '<', new Date(after[0])),
          eb.and([eb('td.decided_at', '=', new Date(after[0])), eb('td.id', '<', after[1])]),
        ]),
      );
    }
    const result = page(await query.execute(), q.limit, (d) => [d.decided_at.toISOString(), d.id]);
    for (const d of result.items) {
      await logSignalAccess(tx, actor, traceId, {
        action: 'read',
        signalId: d.signal_id,
        recordType: 'triage_decision',
        recordId: d.id,
      });
    }
    return { items: result.items.map(presentDecision), nextCursor: result.nextCursor };
  });
}
