/**
 * Expertise and the newsletter over the API: the trainings catalogue, sessions, participants and their
 * attendance, attention officers, the expertise pool (schedule, members, matching to a case) and the
 * newsletter (subscribers with consent, issues, sending and export).
 */
import { API_BASE, api } from './client.js';
import type { List } from './types.js';

const enc = encodeURIComponent;

// --- Trainings -------------------------------------------------------------------------------------

export const TRAINING_KINDS = ['basic', 'extremism', 'youth', 'lone_actor', 'multi_day', 'refresher', 'other'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

export interface Training {
  id: string;
  code: string;
  name: string;
  kind: TrainingKind;
  provider: string;
  goal: string | null;
  targetAudience: string | null;
  durationDays: number | null;
  evaluation: string | null;
  active: boolean;
  sessionCount: number;
  version: number;
}

export interface TrainingSession {
  id: string;
  trainingId: string;
  trainingName: string;
  heldOn: string;
  location: string | null;
  trainer: string | null;
  participantCount: number;
  attendedCount: number;
  version: number;
}

export interface Participant {
  id: string;
  sessionId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  email: string | null;
  attended: boolean;
  version: number;
}

export const listTrainings = () => api.get<List<Training>>('/trainings', { query: { limit: 200 } });
export const getTraining = (id: string) => api.get<Training>(`/trainings/${enc(id)}`);
export const listSessions = (query: { trainingId?: string; limit?: number; cursor?: string | null }) =>
  api.get<List<TrainingSession>>('/training-sessions', { query: { limit: 200, ...query } });
export const getSession = (id: string) => api.get<TrainingSession>(`/training-sessions/${enc(id)}`);
export const createSession = (body: {
  trainingId: string;
  heldOn: string;
  location?: string | null;
  trainer?: string | null;
}) => api.post<TrainingSession>('/training-sessions', body);
export const updateSession = (
  id: string,
  body: { heldOn?: string; location?: string | null; trainer?: string | null; version: number },
) => api.patch<TrainingSession>(`/training-sessions/${enc(id)}`, body);

const participantsPath = (sessionId: string) => `/training-sessions/${enc(sessionId)}/participants`;
export const listParticipants = (sessionId: string) =>
  api.get<List<Participant>>(participantsPath(sessionId), { query: { limit: 200 } });
export const addParticipant = (
  sessionId: string,
  body: { name: string; organisationId: string; email?: string | null; attended?: boolean },
) => api.post<Participant>(participantsPath(sessionId), body);
export const updateParticipant = (
  sessionId: string,
  id: string,
  body: { attended?: boolean; name?: string; organisationId?: string; email?: string | null; version: number },
) => api.patch<Participant>(`${participantsPath(sessionId)}/${enc(id)}`, body);
export const removeParticipant = (sessionId: string, id: string) =>
  api.delete(`${participantsPath(sessionId)}/${enc(id)}`);

// --- Attention officers ------------------------------------------------------------------------------

export interface AttentionOfficer {
  id: string;
  userId: string | null;
  name: string;
  email: string | null;
  organisationId: string;
  organisationName: string;
  trainedOn: string | null;
  version: number;
}

export interface OperationalNetworkOrganisation {
  organisationId: string;
  organisationName: string;
  organisationType: string;
  attentionOfficers: AttentionOfficer[];
  trainedParticipants: number;
}

export const operationalNetwork = () => api.get<List<OperationalNetworkOrganisation>>('/operational-network');
export const getOfficer = (id: string) => api.get<AttentionOfficer>(`/attention-officers/${enc(id)}`);
export const createOfficer = (body: { name: string; organisationId: string; trainedOn?: string | null }) =>
  api.post<AttentionOfficer>('/attention-officers', body);
export const updateOfficer = (
  id: string,
  body: { name?: string; organisationId?: string; trainedOn?: string | null; version: number },
) => api.patch<AttentionOfficer>(`/attention-officers/${enc(id)}`, body);
export const deleteOfficer = (id: string) => api.delete(`/attention-officers/${enc(id)}`);

// --- Expertise pool -------------------------------------------------------------------------------

export interface PoolMeeting {
  id: string;
  sequence: number;
  heldOn: string;
  thematic: boolean;
  theme: string | null;
  notes: string | null;
  version: number;
}

export interface PoolMember {
  userId: string;
  name: string;
  email: string;
  organisationId: string;
  organisationName: string;
}

export interface PoolMatch {
  id: string;
  caseId: string;
  caseReference: string;
  expertUserId: string;
  expertName: string;
  organisationId: string;
  purpose: string;
  matchedAt: string;
  matchedByName: string;
}

export const listPoolMeetings = () => api.get<List<PoolMeeting>>('/expertise-pool/meetings', { query: { limit: 200 } });
export const schedulePoolMeetings = (body: { firstOn: string; count: number }) =>
  api.post<List<PoolMeeting>>('/expertise-pool/schedule', body);
export const updatePoolMeeting = (
  id: string,
  body: { theme?: string | null; notes?: string | null; version: number },
) => api.patch<PoolMeeting>(`/expertise-pool/meetings/${enc(id)}`, body);
export const listPoolMembers = () => api.get<List<PoolMember>>('/expertise-pool/members');
export const matchPoolMember = (body: { caseId: string; expertUserId: string; purpose: string }) =>
  api.post<PoolMatch>('/expertise-pool/matches', body);
export const listPoolMatches = (caseId: string) =>
  api.get<List<PoolMatch>>('/expertise-pool/matches', { query: { caseId, limit: 200 } });

// --- Newsletter -------------------------------------------------------------------------------------

export const SUBSCRIBER_KINDS = ['partner', 'professional'] as const;
export type SubscriberKind = (typeof SUBSCRIBER_KINDS)[number];

export interface Subscriber {
  id: string;
  name: string;
  email: string;
  organisation: string | null;
  kind: SubscriberKind;
  subscribedOn: string;
  unsubscribed: boolean;
  unsubscribedOn: string | null;
  consentGivenOn: string | null;
  consentSource: string | null;
  hasConsent: boolean;
  version: number;
}

export type IssueStatus = 'draft' | 'sending' | 'sent';

export interface NewsletterIssue {
  id: string;
  title: string;
  period: string;
  body: string;
  status: IssueStatus;
  sentAt: string | null;
  sentByName: string | null;
  deliveries: { sent: number; failed: number };
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The send is accepted (202): the messages go out in the background; the issue shows the progress. */
export interface SendingResult {
  issue: NewsletterIssue;
  recipients: number;
}

export interface Delivery {
  id: string;
  subscriberId: string | null;
  subscriberName: string | null;
  email: string | null;
  status: 'sent' | 'failed';
  error: string | null;
  attemptedAt: string;
}

export interface SubscriberInput {
  name: string;
  email: string;
  organisation: string | null;
  kind: SubscriberKind;
  consentGivenOn: string;
  consentSource: string;
}

export const listSubscribers = () => api.get<List<Subscriber>>('/newsletter-subscribers', { query: { limit: 200 } });
export const getSubscriber = (id: string) => api.get<Subscriber>(`/newsletter-subscribers/${enc(id)}`);
export const createSubscriber = (body: SubscriberInput) => api.post<Subscriber>('/newsletter-subscribers', body);
export const updateSubscriber = (
  id: string,
  body: Partial<SubscriberInput> & { unsubscribed?: boolean; version: number },
) => api.patch<Subscriber>(`/newsletter-subscribers/${enc(id)}`, body);
export const deleteSubscriber = (id: string) => api.delete(`/newsletter-subscribers/${enc(id)}`);

export const listIssues = () => api.get<List<NewsletterIssue>>('/newsletter-issues', { query: { limit: 200 } });
export const getIssue = (id: string) => api.get<NewsletterIssue>(`/newsletter-issues/${enc(id)}`);
export const createIssue = (body: { title: string; period: string; body: string }) =>
  api.post<NewsletterIssue>('/newsletter-issues', body);
export const updateIssue = (id: string, body: { title?: string; period?: string; body?: string; version: number }) =>
  api.patch<NewsletterIssue>(`/newsletter-issues/${enc(id)}`, body);
export const sendIssue = (id: string, version: number) =>
  api.post<SendingResult>(`/newsletter-issues/${enc(id)}/sending`, { version });
export const listDeliveries = (id: string) =>
  api.get<List<Delivery>>(`/newsletter-issues/${enc(id)}/deliveries`, { query: { limit: 200 } });
/** A download link (same-origin GET with the session cookie). */
export const issueExportUrl = (id: string, format: 'html' | 'eml') =>
  `${API_BASE}/newsletter-issues/${enc(id)}/export?format=${format}`;
