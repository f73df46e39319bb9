/** Triage (afstemmingsoverleg): meetings with open signals on their agenda, and a decision per signal. */
import { api } from './client.js';
import type { Decision, Ideology, Ref, Referral, SignalSummary } from './signals.js';
import type { List } from './types.js';

export const TARGET_GROUPS = [
  'radicalised',
  'recruiter',
  'intending_traveller',
  'stay_at_home',
  'departed',
  'returnee',
  'detainee',
  'family_member',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];
export const RISK_GROUPS = [1, 2, 3, 4, 5] as const;
export const PRIORITIES = ['normal', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface TriageMeetingSummary {
  id: string;
  municipality: Ref;
  heldOn: string;
  status: 'planned' | 'held';
  chair: Ref;
  agendaSize: number;
  createdAt: string;
  version: number;
}

export interface TriageDecisionSummary {
  id: string;
  decision: Decision;
  referredTo: Referral | null;
  caseId: string | null;
  /** Only when the user can see the case. */
  caseReference: string | null;
  decidedAt: string;
}

export interface TriageAgendaItem {
  position: number;
  signal: SignalSummary;
  decision: TriageDecisionSummary | null;
}

export interface TriageMeeting extends TriageMeetingSummary {
  agenda: TriageAgendaItem[];
}

export interface CaseToOpen {
  subjectPersonId: string;
  targetGroup: TargetGroup;
  riskGroup?: number | null;
  ideology?: Ideology;
  directingMunicipalityId?: string;
  caseCoordinatorId?: string | null;
  priority: Priority;
}

export interface TriageDecisionInput {
  signalId: string;
  triageMeetingId?: string | null;
  decision: Decision;
  referredTo?: Referral | null;
  rationale: string;
  case?: CaseToOpen;
  inclusion?: InclusionInput;
}

/** A criterion persons are included in the approach by (Wgpa weging), worded by the region. */
export interface InclusionCriterion {
  id: string;
  code: string;
  labelNl: string;
  labelEn: string;
  sort: number;
  active: boolean;
  version: number;
}
export interface InclusionInput {
  criteria: { criterionId: string; reasons: string }[];
  participantOrganisationIds: string[];
}
export const listInclusionCriteria = (includeInactive = false) =>
  api.get<{ items: InclusionCriterion[] }>('/inclusion-criteria', {
    query: { includeInactive: includeInactive ? 'true' : undefined },
  });
export const createInclusionCriterion = (body: { code: string; labelNl: string; labelEn: string }) =>
  api.post<InclusionCriterion>('/inclusion-criteria', body);
export const updateInclusionCriterion = (
  id: string,
  body: { labelNl?: string; labelEn?: string; active?: boolean; version: number },
) => api.patch<InclusionCriterion>(`/inclusion-criteria/${seg(id)}`, body);

export interface TriageDecision {
  id: string;
  signalId: string;
  signalReference: string;
  triageMeetingId: string | null;
  decision: Decision;
  referredTo: Referral | null;
  rationale: string;
  caseId: string | null;
  caseReference: string | null;
  decidedBy: Ref;
  decidedAt: string;
}

const seg = encodeURIComponent;

export const listTriageMeetings = (query: { limit?: number; cursor?: string | null; municipalityId?: string }) =>
  api.get<List<TriageMeetingSummary>>('/triage-meetings', { query });
export const getTriageMeeting = (id: string) => api.get<TriageMeeting>(`/triage-meetings/${seg(id)}`);
export const createTriageMeeting = (body: { municipalityId: string; heldOn: string }) =>
  api.post<TriageMeeting>('/triage-meetings', body);
export const updateTriageMeeting = (
  id: string,
  body: { heldOn?: string; status?: 'planned' | 'held'; version: number },
) => api.patch<TriageMeeting>(`/triage-meetings/${seg(id)}`, body);
export const addToTriageAgenda = (id: string, signalId: string) =>
  api.post<TriageMeeting>(`/triage-meetings/${seg(id)}/agenda`, { signalId });
export const decideOnSignal = (body: TriageDecisionInput) => api.post<TriageDecision>('/triage-decisions', body);
export const listTriageDecisions = (query: { signalId?: string; limit?: number; cursor?: string | null }) =>
  api.get<List<TriageDecision>>('/triage-decisions', { query });
