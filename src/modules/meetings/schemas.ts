import { z } from 'zod';
import { calendarDate, INT4_MAX } from '../../core/input.js';
import { MEETING_STATUSES } from '../../core/meeting-lifecycle.js';
import { LEGAL_REGIMES } from '../../core/source-attribution.js';
import { ContributionRegimeInput } from '../cases/schemas.js';

export const SCOPES = ['conference', 'process_director'] as const;
export const AGENDA_ITEM_STATUSES = ['pending', 'discussed', 'deferred'] as const;

const Timestamp = z.iso.datetime({ offset: true });
const Version = z.number().int().min(1).max(INT4_MAX);
const Text = (max: number) => z.string().trim().min(1).max(max);

// Requests -------------------------------------------------------------------------------------------

export const MeetingCreate = z.strictObject({
  title: Text(200),
  startsAt: Timestamp,
  endsAt: Timestamp,
  location: z.string().trim().max(200).nullable().optional(),
});

export const MeetingUpdate = z.strictObject({
  title: Text(200).optional(),
  startsAt: Timestamp.optional(),
  endsAt: Timestamp.optional(),
  location: z.string().trim().max(200).nullable().optional(),
  version: Version,
});

export const MeetingListQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  when: z.enum(['upcoming', 'past']).default('upcoming'),
  status: z.enum(MEETING_STATUSES).optional(),
});

export const MeetingTransition = z.strictObject({
  to: z.enum(MEETING_STATUSES),
  version: Version,
});

export const AgendaItemCreate = z.strictObject({ caseId: z.uuid() });

export const AgendaItemUpdate = z.strictObject({
  position: z.number().int().min(1).max(1000).optional(),
  status: z.enum(AGENDA_ITEM_STATUSES).optional(),
  version: Version,
});

export const AgendaItemParams = z.strictObject({ id: z.uuid(), itemId: z.uuid() });

export const AttendanceEntry = z.strictObject({
  organisationId: z.uuid(),
  present: z.boolean(),
  attendees: z.string().trim().max(1000).nullable().optional(),
});
export const AttendanceUpdate = z.array(AttendanceEntry).max(100);

export const ContributionCreate = z.strictObject({
  body: Text(20000),
  ...ContributionRegimeInput,
  scope: z.enum(SCOPES),
});

export const JudgementUpdate = z.strictObject({
  judgement: z.string().trim().max(20000),
  version: Version,
});

export const DecisionCreate = z.strictObject({
  title: Text(300),
  description: z.string().trim().max(10000).nullable().optional(),
  ownerOrganisationId: z.uuid(),
  ownerUserId: z.uuid().nullable().optional(),
  dueOn: calendarDate(),
});

export const MinutesUpdate = z.strictObject({
  notes: z.string().trim().max(50000),
  version: Version,
});

export const MinutesApproval = z.strictObject({ version: Version });

// Responses ------------------------------------------------------------------------------------------

const UserRef = z.object({ id: z.uuid(), name: z.string() });

export const Meeting = z
  .object({
    id: z.uuid(),
    title: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    location: z.string().nullable(),
    status: z.enum(MEETING_STATUSES),
    chair: UserRef,
    isChair: z.boolean(),
    allowedTransitions: z.array(z.enum(MEETING_STATUSES)),
    minutesApprovedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'Meeting' });

export const Attendance = z
  .object({
    organisationId: z.uuid(),
    organisationName: z.string(),
    present: z.boolean(),
    attendees: z.string().nullable(),
  })
  .meta({ id: 'MeetingAttendance' });

export const AgendaItem = z
  .object({
    id: z.uuid(),
    meetingId: z.uuid(),
    position: z.number().int(),
    status: z.enum(AGENDA_ITEM_STATUSES),
    case: z.object({
      id: z.uuid(),
      reference: z.string(),
      phase: z.string(),
      subjectName: z.string(),
    }),
    version: z.number().int(),
  })
  .meta({ id: 'AgendaItem' });

export const MeetingDetail = Meeting.extend({
  attendance: z.array(Attendance),
  agendaItems: z.array(AgendaItem),
}).meta({ id: 'MeetingDetail' });

export const Contribution = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    meetingId: z.uuid().nullable(),
    body: z.string(),
    legalRegime: z.enum(LEGAL_REGIMES),
    legalRegimeReason: z.string().nullable().describe('Why a weaker regime than the organisation’s default'),
    scope: z.enum(SCOPES),
    sourceOrganisation: z.object({ id: z.uuid(), name: z.string(), type: z.string() }),
    policeOrProsecution: z.boolean(),
    author: UserRef,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Contribution' });

export const Decision = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    agendaItemId: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    ownerOrganisation: z.object({ id: z.uuid(), name: z.string() }),
    ownerUser: UserRef.nullable(),
    dueOn: calendarDate(),
    status: z.string(),
    createdAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'Decision' });

export const AgendaItemDetail = AgendaItem.extend({
  judgement: z.string().nullable(),
  contributions: z.array(Contribution),
  decisions: z.array(Decision),
}).meta({ id: 'AgendaItemDetail' });

export const Minutes = z
  .object({
    meetingId: z.uuid(),
    status: z.enum(MEETING_STATUSES),
    notes: z.string().nullable(),
    approved: z.boolean(),
    approvedAt: z.iso.datetime().nullable(),
    approvedBy: UserRef.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'MeetingMinutes' });
