import type { z } from 'zod';
import { allowedMeetingTransitions } from '../../core/meeting-lifecycle.js';
import type { Tx } from '../../platform/db/database.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { type AccessAction, recordAccess } from '../access-log/record.js';
import { type AgendaItemRow, fullName, type MeetingRow } from './access.js';
import type { AgendaItem, Attendance, Contribution, Decision, Meeting, Minutes } from './schemas.js';

export function presentMeeting(m: MeetingRow, actor: Actor): z.infer<typeof Meeting> {
  const isChair = m.chair_id === actor.userId;
  return {
    id: m.id,
    title: m.title,
    startsAt: m.starts_at.toISOString(),
    endsAt: m.ends_at.toISOString(),
    location: m.location,
    status: m.status,
    chair: { id: m.chair_id, name: m.chair_name },
    isChair,
    allowedTransitions: isChair ? [...allowedMeetingTransitions(m.status)] : [],
    minutesApprovedAt: m.minutes_approved_at?.toISOString() ?? null,
    createdAt: m.created_at.toISOString(),
    version: m.version,
  };
}

export function presentMinutes(m: MeetingRow): z.infer<typeof Minutes> {
  return {
    meetingId: m.id,
    status: m.status,
    notes: m.minutes_notes,
    approved: m.status === 'minutes_approved',
    approvedAt: m.minutes_approved_at?.toISOString() ?? null,
    approvedBy: m.minutes_approved_by && m.approver_name ? { id: m.minutes_approved_by, name: m.approver_name } : null,
    version: m.version,
  };
}

/** `rank`: the item's place among the items the actor can see (see visibleRankOf). */
export function presentAgendaItem(i: AgendaItemRow, rank: number): z.infer<typeof AgendaItem> {
  return {
    id: i.id,
    meetingId: i.meeting_id,
    position: rank,
    status: i.status as z.infer<typeof AgendaItem>['status'],
    case: { id: i.case_id, reference: i.reference, phase: i.phase, subjectName: fullName(i) },
    version: i.version,
  };
}

export function presentAttendance(a: {
  organisation_id: string;
  organisation_name: string;
  present: boolean;
  attendees: string | null;
}): z.infer<typeof Attendance> {
  return {
    organisationId: a.organisation_id,
    organisationName: a.organisation_name,
    present: a.present,
    attendees: a.attendees,
  };
}

export interface ContributionRow {
  id: string;
  case_id: string;
  meeting_id: string | null;
  body: string;
  legal_regime: string;
  legal_regime_reason: string | null;
  scope: string;
  organisation_id: string;
  organisation_name: string;
  organisation_type: string;
  author_id: string;
  author_name: string;
  created_at: Date;
}

/** Police and public-prosecution information is marked as such (PRODUCT.md §4). */
export const isPoliceOrProsecution = (organisationType: string) =>
  organisationType === 'police' || organisationType === 'public_prosecutor';

export function presentContribution(c: ContributionRow): z.infer<typeof Contribution> {
  return {
    id: c.id,
    caseId: c.case_id,
    meetingId: c.meeting_id,
    body: c.body,
    legalRegime: c.legal_regime as z.infer<typeof Contribution>['legalRegime'],
    legalRegimeReason: c.legal_regime_reason,
    scope: c.scope as z.infer<typeof Contribution>['scope'],
    sourceOrganisation: { id: c.organisation_id, name: c.organisation_name, type: c.organisation_type },
    policeOrProsecution: isPoliceOrProsecution(c.organisation_type),
    author: { id: c.author_id, name: c.author_name },
    createdAt: c.created_at.toISOString(),
  };
}

export interface DecisionRow {
  id: string;
  case_id: string;
  agenda_item_id: string | null;
  title: string;
  description: string | null;
  owner_organisation_id: string;
  owner_organisation_name: string;
  owner_user_id: string | null;
  owner_user_name: string | null;
  due_on: string;
  status: string;
  created_at: Date;
  version: number;
}

export function presentDecision(d: DecisionRow): z.infer<typeof Decision> {
  return {
    id: d.id,
    caseId: d.case_id,
    agendaItemId: d.agenda_item_id ?? '',
    title: d.title,
    description: d.description,
    ownerOrganisation: { id: d.owner_organisation_id, name: d.owner_organisation_name },
    ownerUser: d.owner_user_id && d.owner_user_name ? { id: d.owner_user_id, name: d.owner_user_name } : null,
    dueOn: d.due_on,
    status: d.status,
    createdAt: d.created_at.toISOString(),
    version: d.version,
  };
}

/**
 * One access-log entry per case subject whose data the meeting shows, with that case as the purpose.
 * Items of cases the actor cannot see are never passed in, so they leave no trace either.
 */
export async function logPerCase(
  tx: Tx,
  actor: Actor,
  traceId: string,
  event: { action: AccessAction; recordType: string; recordId: string | null },
  items: ReadonlyArray<{ case_id: string; subject_person_id: string }>,
): Promise<void> {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.case_id)) continue;
    seen.add(item.case_id);
    await recordAccess(tx, auditActor(actor, traceId), {
      ...event,
      subjects: [{ type: 'person', id: item.subject_person_id }],
      purpose: { type: 'case', id: item.case_id },
    });
  }
}
