import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { DomainError, notFound } from '../../core/errors.js';
import { isMeetingStatus, type MeetingStatus } from '../../core/meeting-lifecycle.js';
import type { Tx } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/http/context.js';
import { caseVisibleTo } from '../cases/visibility.js';

/**
 * A meeting is visible to its chair and to whoever can see at least one case on its agenda. Its
 * agenda items are visible only for the cases the actor can see (need-to-know in the SQL).
 */
export function meetingVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'meetings'>): Expression<SqlBool> =>
    eb.or([
      eb('meetings.chair_id', '=', actor.userId),
      eb.exists(
        eb
          .selectFrom('meeting_agenda_items as mv_ai')
          .innerJoin('cases', 'cases.id', 'mv_ai.case_id')
          .select(sql`1`.as('one'))
          .whereRef('mv_ai.meeting_id', '=', 'meetings.id')
          .where(caseVisibleTo(actor)),
      ),
    ]);
}

export interface MeetingRow {
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  location: string | null;
  status: MeetingStatus;
  chair_id: string;
  chair_name: string;
  minutes_notes: string | null;
  minutes_approved_at: Date | null;
  minutes_approved_by: string | null;
  approver_name: string | null;
  created_at: Date;
  version: number;
}

export function meetingsQuery(tx: Tx) {
  return tx
    .selectFrom('meetings')
    .innerJoin('users as chair', 'chair.id', 'meetings.chair_id')
    .leftJoin('users as approver', 'approver.id', 'meetings.minutes_approved_by')
    .select([
      'meetings.id',
      'meetings.title',
      'meetings.starts_at',
      'meetings.ends_at',
      'meetings.location',
      'meetings.status',
      'meetings.chair_id',
      'chair.name as chair_name',
      'meetings.minutes_notes',
      'meetings.minutes_approved_at',
      'meetings.minutes_approved_by',
      'approver.name as approver_name',
      'meetings.created_at',
      'meetings.version',
    ]);
}

function asMeetingRow<T extends { status: string }>(row: T): T & { status: MeetingStatus } {
  if (!isMeetingStatus(row.status)) throw new Error(`unknown meeting status ${row.status}`);
  return row as T & { status: MeetingStatus };
}

/**
 * The meeting if the actor may see it, else NOT_FOUND. `lock: 'share'` keeps its status stable
 * while a change to one of its parts commits; `lock: 'update'` is for changes to the meeting itself.
 */
export async function requireVisibleMeeting(
  tx: Tx,
  actor: Actor,
  id: string,
  lock: 'none' | 'share' | 'update' = 'none',
): Promise<MeetingRow> {
  let q = meetingsQuery(tx).where('meetings.id', '=', id).where(meetingVisibleTo(actor));
  if (lock === 'share') q = q.forShare('meetings');
  if (lock === 'update') q = q.forUpdate('meetings');
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('The meeting');
  return asMeetingRow(row);
}

/** Meeting management is the chair's: others who can see the meeting get 403. */
export function requireChair(meeting: MeetingRow, actor: Actor, what: string): void {
  if (meeting.chair_id !== actor.userId) {
    throw new DomainError('FORBIDDEN', `Only the chair of the meeting can ${what}.`);
  }
}

export interface AgendaItemRow {
  id: string;
  meeting_id: string;
  case_id: string;
  position: number;
  status: string;
  judgement: string | null;
  version: number;
  reference: string;
  phase: string;
  subject_person_id: string;
  first_name: string;
  name_prefix: string | null;
  last_name: string;
  region_id: string;
}

/** Agenda items of a meeting joined with their case and subject, for the cases the actor can see. */
export function visibleAgendaItems(tx: Tx, actor: Actor, meetingId: string) {
  return tx
    .selectFrom('meeting_agenda_items as ai')
    .innerJoin('cases', 'cases.id', 'ai.case_id')
    .innerJoin('persons as p', 'p.id', 'cases.subject_person_id')
    .select([
      'ai.id',
      'ai.meeting_id',
      'ai.case_id',
      'ai.position',
      'ai.status',
      'ai.judgement',
      'ai.version',
      'cases.reference',
      'cases.phase',
      'cases.subject_person_id',
      'p.first_name',
      'p.name_prefix',
      'p.last_name',
      'ai.region_id',
    ])
    .where('ai.meeting_id', '=', meetingId)
    .where(caseVisibleTo(actor))
    .orderBy('ai.position')
    .orderBy('ai.id');
}

/** One agenda item of a visible meeting whose case the actor can see; otherwise NOT_FOUND. */
export async function requireVisibleAgendaItem(
  tx: Tx,
  actor: Actor,
  meetingId: string,
  itemId: string,
  lock = false,
): Promise<AgendaItemRow> {
  let q = visibleAgendaItems(tx, actor, meetingId).where('ai.id', '=', itemId);
  if (lock) q = q.forUpdate('ai');
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('The agenda item');
  return row;
}

/**
 * The place of an item among the agenda items the actor can see (1 = first). Items of other cases
 * leave no gap in the numbering, so their existence does not show.
 */
export async function visibleRankOf(tx: Tx, actor: Actor, meetingId: string, itemId: string): Promise<number> {
  const rows = await tx
    .selectFrom('meeting_agenda_items as ai')
    .innerJoin('cases', 'cases.id', 'ai.case_id')
    .select('ai.id')
    .where('ai.meeting_id', '=', meetingId)
    .where(caseVisibleTo(actor))
    .orderBy('ai.position')
    .orderBy('ai.id')
    .execute();
  return rows.findIndex((r) => r.id === itemId) + 1;
}

export function fullName(p: { first_name: string; name_prefix: string | null; last_name: string }): string {
  return [p.first_name, p.name_prefix, p.last_name].filter((s) => s && s.length > 0).join(' ');
}
