/**
 * The lifecycle of a case conference (casusoverleg, PRODUCT.md §2 step 5) as a pure state machine,
 * and what may be done to a meeting in each status.
 *
 *   scheduled ─► in_progress ─► held ─► minutes_approved (final: the minutes are immutable)
 *       │
 *       └─► cancelled (final)
 *
 * Before the meeting the agenda is built and partners prepare their contributions (beeldvorming);
 * during it the picture is completed, the shared judgement (oordeelsvorming) and decisions
 * (besluitvorming) are recorded and the minutes drafted; after it the minutes are finished and the
 * chair approves them. Nothing here computes anything about a person.
 */
import { DomainError } from './errors.js';

export const MEETING_STATUSES = ['scheduled', 'in_progress', 'held', 'minutes_approved', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

const NEXT: Record<MeetingStatus, readonly MeetingStatus[]> = {
  scheduled: ['in_progress', 'cancelled'],
  in_progress: ['held'],
  held: ['minutes_approved'],
  minutes_approved: [],
  cancelled: [],
};

export function isMeetingStatus(value: string): value is MeetingStatus {
  return (MEETING_STATUSES as readonly string[]).includes(value);
}

/** The statuses reachable in one step from `from`. */
export function allowedMeetingTransitions(from: MeetingStatus): readonly MeetingStatus[] {
  return NEXT[from];
}

/** `to` if the meeting may move there from `from`; otherwise ILLEGAL_TRANSITION (409). */
export function nextMeetingStatus(from: MeetingStatus, to: MeetingStatus): MeetingStatus {
  if (!NEXT[from].includes(to)) {
    const options = NEXT[from];
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      options.length === 0
        ? `A meeting with status "${from}" cannot change status any more.`
        : `A meeting with status "${from}" cannot become "${to}"; it can become: ${options.join(', ')}.`,
    );
  }
  return to;
}

/** Things done to a meeting, each allowed in some statuses only. */
export type MeetingActivity =
  | 'edit_details'
  | 'add_agenda_item'
  | 'change_agenda_item'
  | 'remove_agenda_item'
  | 'record_attendance'
  | 'contribute'
  | 'judge'
  | 'decide'
  | 'draft_minutes';

const ALLOWED: Record<MeetingActivity, readonly MeetingStatus[]> = {
  edit_details: ['scheduled', 'in_progress', 'held'],
  add_agenda_item: ['scheduled', 'in_progress'],
  change_agenda_item: ['scheduled', 'in_progress', 'held'],
  remove_agenda_item: ['scheduled'],
  record_attendance: ['scheduled', 'in_progress', 'held'],
  contribute: ['scheduled', 'in_progress'],
  judge: ['in_progress', 'held'],
  decide: ['in_progress', 'held'],
  draft_minutes: ['in_progress', 'held'],
};

const DESCRIPTION: Record<MeetingActivity, string> = {
  edit_details: 'change the meeting details',
  add_agenda_item: 'put a case on the agenda',
  change_agenda_item: 'change an agenda item',
  remove_agenda_item: 'take a case off the agenda',
  record_attendance: 'record attendance',
  contribute: 'add a contribution to the picture',
  judge: 'record the judgement',
  decide: 'record a decision',
  draft_minutes: 'draft the minutes',
};

export function meetingAllows(status: MeetingStatus, activity: MeetingActivity): boolean {
  return ALLOWED[activity].includes(status);
}

/** Refuses (409) an activity the meeting's status does not allow, naming when it is allowed. */
export function assertMeetingAllows(status: MeetingStatus, activity: MeetingActivity): void {
  if (meetingAllows(status, activity)) return;
  const why =
    status === 'minutes_approved'
      ? 'the minutes are approved and can no longer change'
      : status === 'cancelled'
        ? 'the meeting is cancelled'
        : `the meeting is "${status}" (allowed when: ${ALLOWED[activity].join(', ')})`;
  throw new DomainError('CONFLICT', `You cannot ${DESCRIPTION[activity]}: ${why}.`);
}
