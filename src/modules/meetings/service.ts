/**
 * Case conferences (casusoverleg): scheduling, the meeting's status, attendance and minutes.
 * The agenda and the BOB steps per case are in agenda.ts; the PDF and ICS documents in documents.ts.
 */
import type { z } from 'zod';
import { DomainError, type FieldIssue, forbidden, staleVersion } from '../../core/errors.js';
import { assertMeetingAllows, nextMeetingStatus } from '../../core/meeting-lifecycle.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import {
  type MeetingRow,
  meetingsQuery,
  meetingVisibleTo,
  requireChair,
  requireVisibleMeeting,
  visibleAgendaItems,
} from './access.js';
import { logPerCase, presentAgendaItem, presentAttendance, presentMeeting, presentMinutes } from './presenters.js';
import type {
  AttendanceUpdate,
  MeetingCreate,
  MeetingListQuery,
  MeetingTransition,
  MeetingUpdate,
  MinutesApproval,
  MinutesUpdate,
} from './schemas.js';

const scope = (actor: Actor) => ({ regionId: actor.regionId });

function invalid(fields: FieldIssue[]): DomainError {
  return new DomainError('INVALID_INPUT', `The request has ${fields.length} invalid field(s).`, { fields });
}

function assertTimes(startsAt: Date, endsAt: Date): void {
  if (!(endsAt.getTime() > startsAt.getTime())) {
    throw invalid([{ in: 'body', pointer: '/endsAt', code: 'too_small', detail: 'The end must lie after the start.' }]);
  }
}

async function reload(tx: Tx, actor: Actor, id: string): Promise<MeetingRow> {
  return requireVisibleMeeting(tx, actor, id);
}

/** A process director schedules a case conference and chairs it. */
export async function createMeeting(deps: Deps, actor: Actor, _traceId: string, input: z.infer<typeof MeetingCreate>) {
  if (actor.role !== 'process_director') throw forbidden('Only a process director schedules a case conference.');
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  assertTimes(startsAt, endsAt);
  return withTx(deps.db, scope(actor), async (tx) => {
    const { id } = await tx
      .insertInto('meetings')
      .values({
        region_id: actor.regionId,
        title: input.title,
        starts_at: startsAt,
        ends_at: endsAt,
        location: input.location || null,
        chair_id: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return presentMeeting(await reload(tx, actor, id), actor);
  });
}

/** Upcoming (not yet ended, soonest first) or past (latest first) meetings the actor may see. */
export async function listMeetings(deps: Deps, actor: Actor, q: z.infer<typeof MeetingListQuery>) {
  const after = decodeCursor(q.cursor, ['timestamp', 'uuid']) as [string, string] | null;
  if (after && (typeof after[0] !== 'string' || Number.isNaN(Date.parse(after[0])) || typeof after[1] !== 'string')) {
    throw invalid([
      { in: 'query', pointer: '/cursor', code: 'invalid_cursor', detail: 'Use the nextCursor of a previous page.' },
    ]);
  }
  const now = deps.now();
  const upcoming = q.when === 'upcoming';
  return withTx(deps.db, scope(actor), async (tx) => {
    let query = meetingsQuery(tx)
      .where(meetingVisibleTo(actor))
      .where('meetings.ends_at', upcoming ? '>=' : '<', now)
      .orderBy('meetings.starts_at', upcoming ? 'asc' : 'desc')
      .orderBy('meetings.id', upcoming ? 'asc' : 'desc')
      .limit(q.limit + 1);
    if (q.status) query = query.where('meetings.status', '=', q.status);
    if (after) {
      const at = new Date(after[0]);
      const cmp = upcoming ? '>' : '<';
      query = query.where((eb) =>
        eb.or([
          eb('meetings.starts_at', cmp, at),
          eb.and([eb('meetings.starts_at', '=', at), eb('meetings.id', cmp, after[1])]),
        ]),
      );
    }
    const rows = (await query.execute()) as MeetingRow[];
    const result = page(rows, q.limit, (m) => [m.starts_at.toISOString(), m.id]);
    return { items: result.items.map((m) => presentMeeting(m, actor)), nextCursor: result.nextCursor };
  });
}

async function attendanceOf(tx: Tx, meetingId: string) {
  const rows = await tx
    .selectFrom('meeting_attendance as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.organisation_id', 'o.name as organisation_name', 'a.present', 'a.attendees'])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('o.name')
    .execute();
  return rows.map(presentAttendance);
}

/** The meeting with attendance and the agenda items of the cases the actor can see (logged per case). */
export async function getMeeting(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const meeting = await requireVisibleMeeting(tx, actor, id);
    const items = await visibleAgendaItems(tx, actor, id).execute();
    await logPerCase(tx, actor, traceId, { action: 'read', recordType: 'meeting', recordId: id }, items);
    return {
      ...presentMeeting(meeting, actor),
      attendance: await attendanceOf(tx, id),
      agendaItems: items.map((item, i) => presentAgendaItem(item, i + 1)),
    };
  });
}

export async function updateMeeting(
  deps: Deps,
  actor: Actor,
  _traceId: string,
  id: string,
  input: z.infer<typeof MeetingUpdate>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const meeting = await requireVisibleMeeting(tx, actor, id, 'update');
    requireChair(meeting, actor, 'change it');
    if (meeting.version !== input.version) throw staleVersion();
    assertMeetingAllows(meeting.status, 'edit_details');
    const startsAt = input.startsAt ? new Date(input.startsAt) : meeting.starts_at;
    const endsAt = input.endsAt ? new Date(input.endsAt) : meeting.ends_at;
    assertTimes(startsAt, endsAt);
    await tx
      .updateTable('meetings')
      .set((eb) => ({
        title: input.title ?? meeting.title,
        starts_at: startsAt,
        ends_at: endsAt,
        location: input.location === undefined ? meeting.location : input.location || null,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
    return presentMeeting(await reload(tx, actor, id), actor);
  });
}

async function setStatus(tx: Tx, actor: Actor, meeting: MeetingRow, to: MeetingRow['status'], now: Date) {
  await tx
    .updateTable('meetings')
    .set((eb) => ({
      status: to,
      version: eb('version', '+', 1),
      ...(to === 'minutes_approved' ? { minutes_approved_by: actor.userId, minutes_approved_at: now } : {}),
    }))
    .where('id', '=', meeting.id)
    .execute();
}

/** Moves the meeting along its lifecycle (chair only); an illegal step is 409 and changes nothing. */
export async function transitionMeeting(
  deps: Deps,
  actor: Actor,
  _traceId: string,
  id: string,
  input: z.infer<typeof MeetingTransition>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const meeting = await requireVisibleMeeting(tx, actor, id, 'update');
    requireChair(meeting, actor, 'change its status');
    if (meeting.version !== input.version) throw staleVersion();
    const to = nextMeetingStatus(meeting.status, input.to);
    await setStatus(tx, actor, meeting, to, deps.now());
    return presentMeeting(await reload(tx, actor, id), actor);
  });
}

/** Replaces the attendance list: per organisation present or not, and who attended (staff, free text). */
export async function putAttendance(
  deps: Deps,
  actor: Actor,
  _traceId: string,
  id: string,
  input: z.infer<typeof AttendanceUpdate>,
) {
  const fields: FieldIssue[] = [];
  const seen = new Set<string>();
  input.forEach((e, i) => {
    if (seen.has(e.organisationId)) {
      fields.push({
        in: 'body',
        pointer: `/${i}/organisationId`,
        code: 'duplicate',
        detail: 'Each organisation appears once.',
      });
    }
    seen.add(e.organisationId);
  });
  if (fields.length > 0) throw invalid(fields);
  return withTx(deps.db, scope(actor), async (tx) => {
    const meeting = await requireVisibleMeeting(tx, actor, id, 'update');
    requireChair(meeting, actor, 'record attendance');
    assertMeetingAllows(meeting.status, 'record_attendance');
    const ids = [...seen];
    const known = new Set(
      ids.length === 0
        ? []
        : (
            await tx
              .selectFrom('region_organisations')
              .select('organisation_id')
              .where('region_id', '=', actor.regionId)
              .where('organisation_id', 'in', ids)
              .execute()
          ).map((r) => r.organisation_id),
    );
    const unknown = input
      .map((e, i) => ({ e, i }))
      .filter(({ e }) => !known.has(e.organisationId))
      .map(({ i }) => ({
        in: 'body' as const,
        pointer: `/${i}/organisationId`,
        code: 'unknown_reference',
        detail: 'Choose an organisation of this region.',
      }));
    if (unknown.length > 0) {
      throw new DomainError('BUSINESS_RULE', 'Some organisations do not take part in this region.', {
        fields: unknown,
      });
    }
    await tx.deleteFrom('meeting_attendance').where('meeting_id', '=', id).execute();
    if (input.length > 0) {
      await tx
        .insertInto('meeting_attendance')
        .values(
          input.map((e) => ({
            region_id: actor.regionId,
            meeting_id: id,
            organisation_id: e.organisationId,
            present: e.present,
            attendees: e.attendees || null,
          })),
        )
        .execute();
    }
    return attendanceOf(tx, id);
  });
}

/** The minutes (general notes and approval); logged per visible case on the agenda. */
export async function getMinutes(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const meeting = await requireVisibleMeeting(tx, actor, id);
    const items = await visibleAgendaItems(tx, actor, id).execute();
    await logPerCase(tx, actor, traceId, { action: 'read', recordType: 'meeting_minutes', recordId: id }, items);
    return presentMinutes(meeting);
  });
}

/** The chair drafts the minutes while the meeting is in progress or held. */
export async function putMinutes(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof MinutesUpdate>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const meeting = await requireVisibleMeeting(tx, actor, id, 'update');
    requireChair(meeting, actor, 'draft the minutes');
    if (meeting.version !== input.version) throw staleVersion();
    assertMeetingAllows(meeting.status, 'draft_minutes');
    await tx
      .updateTable('meetings')
      .set((eb) => ({ minutes_notes: input.notes.length > 0 ? input.notes : null, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
    const items = await visibleAgendaItems(tx, actor, id).execute();
    await logPerCase(tx, actor, traceId, { action: 'update', recordType: 'meeting_minutes', recordId: id }, items);
    return presentMinutes(await reload(tx, actor, id));
  });
}

/** The chair approves the minutes of a held meeting; afterwards nothing of the meeting changes. */
export async function approveMinutes(
  deps: Deps,
  actor: Actor,
  _traceId: string,
  id: string,
  input: z.infer<typeof MinutesApproval>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const meeting = await requireVisibleMeeting(tx, actor, id, 'update');
    requireChair(meeting, actor, 'approve the minutes');
    if (meeting.version !== input.version) throw staleVersion();
    const to = nextMeetingStatus(meeting.status, 'minutes_approved');
    await setStatus(tx, actor, meeting, to, deps.now());
    return presentMinutes(await reload(tx, actor, id));
  });
}
