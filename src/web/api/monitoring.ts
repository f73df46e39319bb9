/** Monitoring: the priority list (sorted and filtered by the user's choice only) and in-app notifications. */
import type { ConcernLevel } from './assessments.js';
import { api } from './client.js';
import type { Ref } from './signals.js';
import type { Priority, TargetGroup } from './triage.js';

export const LIST_PHASES = ['preparation', 'analysis', 'execution', 'monitoring', 'closed_provisional'] as const;
export type ListPhase = (typeof LIST_PHASES)[number];
export const ESCALATION_LEVELS = ['local', 'regional', 'national'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export const SORTS = ['reference', 'nextReviewOn', 'lastConferenceOn', 'phase', 'priority'] as const;
export type Sort = (typeof SORTS)[number];
export type Direction = 'asc' | 'desc';

export interface PriorityListQuery {
  limit?: number;
  cursor?: string | null;
  phase?: ListPhase;
  municipalityId?: string;
  concernLevel?: ConcernLevel;
  overdueOnly?: boolean;
  reviewOverdue?: boolean;
  safeguardsDue?: boolean;
  sort?: Sort;
  direction?: Direction;
}

export interface PriorityListItem {
  caseId: string;
  reference: string;
  subject: Ref;
  directingMunicipality: Ref;
  phase: ListPhase;
  escalationLevel: EscalationLevel;
  priority: Priority;
  targetGroup: TargetGroup;
  concernLevel: ConcernLevel | null;
  concernTrend: 'up' | 'down' | 'same' | null;
  nextReviewOn: string | null;
  isReviewOverdue: boolean;
  overdueActions: number;
  lastConferenceOn: string | null;
  daysSinceLastConference: number | null;
  revisitOn: string | null;
  isBackOnList: boolean;
  nextInclusionReviewOn: string | null;
  isInclusionReviewDue: boolean;
  informing: 'informed' | 'deferred' | null;
  informingReconsiderOn: string | null;
  isInformingDue: boolean;
  version: number;
}

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
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a notification says, as a code ("overdue" told apart from "due soon"). */
export type NotificationCode = NotificationKind | 'proportionality_overdue';

export interface Notification {
  id: string;
  kind: NotificationKind;
  code: NotificationCode;
  caseId: string | null;
  caseReference: string | null;
  actionId: string | null;
  dueOn: string | null;
  message: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  items: Notification[];
  nextCursor: string | null;
  unreadCount: number;
}

export const getPriorityList = (query: PriorityListQuery) =>
  api.get<{ items: PriorityListItem[]; nextCursor: string | null }>('/priority-list', {
    query: {
      ...query,
      overdueOnly: query.overdueOnly ? 'true' : undefined,
      reviewOverdue: query.reviewOverdue ? 'true' : undefined,
      safeguardsDue: query.safeguardsDue ? 'true' : undefined,
    },
  });

export const listNotifications = (query: { limit?: number; cursor?: string | null; unreadOnly?: boolean } = {}) =>
  api.get<NotificationList>('/notifications', {
    query: { ...query, unreadOnly: query.unreadOnly ? 'true' : undefined },
  });
export const markNotificationRead = (id: string) =>
  api.post<Notification>(`/notifications/${encodeURIComponent(id)}/read`, {});
