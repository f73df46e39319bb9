import { z } from 'zod';
import { CONCERN_LEVELS, ESCALATION_LEVELS } from '../../core/case-lifecycle.js';
import { calendarDate, INT4_MAX } from '../../core/input.js';
import { PRIORITIES, TARGET_GROUPS } from '../cases/schemas.js';

/** Phases a case on the priority list can be in. */
export const LIST_PHASES = ['preparation', 'analysis', 'execution', 'monitoring', 'closed_provisional'] as const;
export const SORTS = ['reference', 'nextReviewOn', 'lastConferenceOn', 'phase', 'priority'] as const;
export type Sort = (typeof SORTS)[number];

const Flag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');

export const PriorityListQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  phase: z.enum(LIST_PHASES).optional(),
  municipalityId: z.uuid().optional(),
  concernLevel: z.enum(CONCERN_LEVELS).optional(),
  /** Only cases with at least one overdue action. */
  overdueOnly: Flag,
  /** Only open cases whose proportionality review date has passed. */
  reviewOverdue: Flag,
  /** Only open cases with a Wgpa safeguard due: an inclusion review, or a deferred informing to reconsider. */
  safeguardsDue: Flag,
  /** The column chosen by the user; never a computed rank. */
  sort: z.enum(SORTS).default('reference'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});
export type PriorityListOptions = z.infer<typeof PriorityListQuery>;

export const PriorityListItem = z
  .object({
    caseId: z.uuid(),
    reference: z.string(),
    subject: z.object({ id: z.uuid(), name: z.string() }),
    directingMunicipality: z.object({ id: z.uuid(), name: z.string() }),
    phase: z.enum(LIST_PHASES),
    escalationLevel: z.enum(ESCALATION_LEVELS),
    priority: z.enum(PRIORITIES),
    targetGroup: z.enum(TARGET_GROUPS),
    /** Latest final assessment's level, as chosen by the assessor. */
    concernLevel: z.enum(CONCERN_LEVELS).nullable(),
    /** Latest chosen level compared with the one before it. */
    concernTrend: z.enum(['up', 'down', 'same']).nullable(),
    nextReviewOn: calendarDate().nullable(),
    isReviewOverdue: z.boolean(),
    /** Actions open or in progress whose due date has passed. */
    overdueActions: z.number().int(),
    lastConferenceOn: calendarDate().nullable(),
    /** Null when the case was never discussed in a case conference. */
    daysSinceLastConference: z.number().int().nullable(),
    revisitOn: calendarDate().nullable(),
    /** A provisionally closed case back on the list because its revisit date has come. */
    isBackOnList: z.boolean(),
    /** Wgpa: when the case is next reviewed on whether the person still belongs in the approach. */
    nextInclusionReviewOn: calendarDate().nullable(),
    isInclusionReviewDue: z.boolean(),
    /** The newest informing record's outcome; null when none is recorded yet. */
    informing: z.enum(['informed', 'deferred']).nullable(),
    informingReconsiderOn: calendarDate().nullable(),
    /** A deferral whose date to reconsider has come. */
    isInformingDue: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'PriorityListItem' });

export const NOTIFICATION_KINDS = [
  'action_due',
  'action_overdue',
  'review_due',
  'revisit_due',
  'proportionality_due',
  'inclusion_review_due',
  'informing_due',
  'consent_requested',
] as const;

/** What a notification says, as a code: its kind, with "overdue" told apart from "due soon". */
export const NOTIFICATION_CODES = [
  'action_due',
  'action_overdue',
  'review_due',
  'revisit_due',
  'proportionality_due',
  'proportionality_overdue',
  'inclusion_review_due',
  'informing_due',
  'consent_requested',
] as const;

export const Notification = z
  .object({
    id: z.uuid(),
    kind: z.enum(NOTIFICATION_KINDS),
    /** The text as a code; with caseReference and dueOn the interface says it in its own language. */
    code: z.enum(NOTIFICATION_CODES),
    caseId: z.uuid().nullable(),
    caseReference: z.string().nullable(),
    actionId: z.uuid().nullable(),
    dueOn: calendarDate().nullable(),
    /** The Dutch text of record. Never personal data: only a case reference and a date. */
    message: z.string(),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Notification' });

export const NotificationList = z
  .object({ items: z.array(Notification), nextCursor: z.string().nullable(), unreadCount: z.number().int() })
  .meta({ id: 'NotificationList' });

export const NotificationQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  unreadOnly: Flag,
});

export const RegionSettings = z
  .object({
    proportionalityIntervalDays: z.number().int(),
    twbmtEnabled: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'RegionSettings' });

export const RegionSettingsUpdate = z.strictObject({
  proportionalityIntervalDays: z.number().int().min(7).max(730),
  twbmtEnabled: z.boolean(),
  version: z.number().int().min(1).max(INT4_MAX),
});
