/** Cases (casussen): list, case page, membership, contributions, lifecycle, reviews and evaluations. */
import { api } from './client.js';
import type { List } from './types.js';

export const PHASES = ['preparation', 'analysis', 'execution', 'monitoring', 'closed_provisional', 'closed'] as const;
export type Phase = (typeof PHASES)[number];
export const OPEN_PHASES: readonly Phase[] = ['preparation', 'analysis', 'execution', 'monitoring'];

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

export const IDEOLOGIES = ['jihadist', 'right_wing', 'left_wing', 'anti_government', 'other_unclear'] as const;
export type Ideology = (typeof IDEOLOGIES)[number];

export const PRIORITIES = ['normal', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const ESCALATION_LEVELS = ['local', 'regional', 'national'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/** Amsterdam's five risk groups (seed 003), a second dimension next to the target group. */
export const RISK_GROUPS = [1, 2, 3, 4, 5] as const;

export const CONCERN_LEVELS = ['low', 'medium', 'high', 'acute'] as const;
export type ConcernLevel = (typeof CONCERN_LEVELS)[number];
export type ConcernTrend = 'up' | 'down' | 'same';

import type { LegalRegime } from '../../core/source-attribution.js';

// The regimes and their defaults are pure rules shared with the server (src/core/source-attribution.ts).
export { LEGAL_REGIMES, type LegalRegime } from '../../core/source-attribution.js';

export const SCOPES = ['conference', 'process_director'] as const;
export type Scope = (typeof SCOPES)[number];

export const RELATIONS = ['parent', 'sibling', 'partner', 'child', 'network', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

export const TRANSITION_KINDS = [
  'discuss',
  'adopt_plan',
  'monitor',
  'resume',
  'close_provisionally',
  'close_definitively',
  'reopen',
] as const;
export type TransitionKind = (typeof TRANSITION_KINDS)[number];

export const CASE_EVALUATION_KINDS = ['process', 'cooperation'] as const;
export type CaseEvaluationKind = (typeof CASE_EVALUATION_KINDS)[number];

export interface NamedRef {
  id: string;
  name: string;
}

export interface CaseListItem {
  id: string;
  reference: string;
  subject: NamedRef;
  targetGroup: TargetGroup;
  ideology: Ideology;
  priority: Priority;
  phase: Phase;
  escalationLevel: EscalationLevel;
  directingMunicipality: NamedRef;
  nextReviewOn: string | null;
  revisitOn: string | null;
  openedAt: string;
  version: number;
}

export interface PersonRef {
  id: string;
  firstName: string;
  namePrefix: string | null;
  lastName: string;
  name: string;
  dateOfBirth: string | null;
}

export interface RelatedPerson {
  person: PersonRef;
  relation: Relation;
  note: string | null;
  addedAt: string;
}

export interface CaseMember {
  userId: string;
  name: string;
  role: string;
  organisationId: string;
  purpose: 'partner' | 'expert';
  addedAt: string;
}

export interface CaseOrganisation {
  organisationId: string;
  name: string;
  type: string;
  isPoliceOrProsecution: boolean;
  isDirecting: boolean;
  addedAt: string;
  members: CaseMember[];
}

export interface Contribution {
  id: string;
  caseId: string;
  meetingId: string | null;
  organisation: { id: string; name: string; type: string };
  isPoliceOrProsecution: boolean;
  author: NamedRef;
  body: string;
  legalRegime: LegalRegime;
  legalRegimeReason: string | null;
  scope: Scope;
  createdAt: string;
}

export interface TimelineEvent {
  id: string;
  occurredAt: string;
  actor: NamedRef | null;
  kind: string;
  /** The Dutch text of record; shown when the line has no params (written before they were kept). */
  summary: string;
  /** The parameters of `kind`: codes, names, dates (YYYY-MM-DD), counts. */
  params: Record<string, string | number> | null;
  reason: string | null;
}

export interface CaseDetail {
  id: string;
  reference: string;
  targetGroup: TargetGroup;
  riskGroup: number | null;
  ideology: Ideology;
  priority: Priority;
  phase: Phase;
  escalationLevel: EscalationLevel;
  openedAt: string;
  closedAt: string | null;
  closingKind: 'provisional' | 'definitive' | null;
  closingReason: string | null;
  revisitOn: string | null;
  nextReviewOn: string | null;
  lastConferenceOn: string | null;
  updatedAt: string;
  version: number;
  subject: PersonRef;
  relatedPersons: RelatedPerson[];
  directingMunicipality: NamedRef;
  processDirector: NamedRef | null;
  caseCoordinator: NamedRef | null;
  organisations: CaseOrganisation[];
  concern: {
    level: ConcernLevel | null;
    trend: ConcernTrend | null;
    history: { assessedOn: string; concernLevel: ConcernLevel }[];
  };
  contributions: Contribution[];
  timeline: TimelineEvent[];
  /** The lifecycle steps this user can take now (from the state machine on the server). */
  allowedTransitions: TransitionKind[];
  /** Escalation steps possible now (one level up and/or down). */
  allowedEscalations: ('up' | 'down')[];
  permissions: { manage: boolean; isDirector: boolean };
}

/** What the case routes that change its phase or level answer: the case record without its page. */
export interface CaseRecord {
  id: string;
  reference: string;
  phase: Phase;
  escalationLevel: EscalationLevel;
  revisitOn: string | null;
  nextReviewOn: string | null;
  version: number;
}

export interface ProportionalityMeasure {
  planInterventionId: string;
  necessary: boolean;
  proportionate: boolean;
  leastIntrusive: boolean;
  note: string | null;
}

export interface ProportionalityReview {
  id: string;
  caseId: string;
  reviewedOn: string;
  reviewer: NamedRef;
  reasoning: string;
  measures: ProportionalityMeasure[];
  nextReviewOn: string;
  createdAt: string;
}

export interface CaseEvaluation {
  id: string;
  caseId: string;
  kind: CaseEvaluationKind;
  findings: string;
  followUp: string | null;
  author: NamedRef;
  createdAt: string;
}

const c = (id: string) => `/cases/${encodeURIComponent(id)}`;

export interface CaseListQuery {
  limit?: number;
  cursor?: string | null;
  phase?: Phase;
  municipalityId?: string;
  targetGroup?: TargetGroup;
}

export const listCases = (query: CaseListQuery) => api.get<List<CaseListItem>>('/cases', { query });
export const getCase = (id: string) => api.get<CaseDetail>(c(id));

export interface CaseUpdate {
  targetGroup?: TargetGroup;
  riskGroup?: number | null;
  ideology?: Ideology;
  priority?: Priority;
  caseCoordinatorId?: string | null;
  version: number;
}
export const updateCase = (id: string, body: CaseUpdate) => api.patch<CaseRecord>(c(id), body);

export const addCaseOrganisation = (id: string, organisationId: string) =>
  api.post<CaseOrganisation>(`${c(id)}/organisations`, { organisationId });
export const removeCaseOrganisation = (id: string, organisationId: string, reason: string) =>
  api.post<void>(`${c(id)}/organisations/${encodeURIComponent(organisationId)}/removal`, reason ? { reason } : {});
/** A user who can be added as a member, or (for the case's process directors) chosen as coordinator. */
export interface MemberCandidate {
  userId: string;
  name: string;
  role: string;
  organisation: NamedRef;
  eligibleAs: ('member' | 'coordinator')[];
}

/** Every candidate (all pages; the list is small: the staff of the case's organisations). */
export async function listMemberCandidates(id: string, eligibleAs?: 'member' | 'coordinator') {
  const items: MemberCandidate[] = [];
  let cursor: string | null = null;
  do {
    const result: List<MemberCandidate> = await api.get<List<MemberCandidate>>(`${c(id)}/member-candidates`, {
      query: { limit: 200, cursor, ...(eligibleAs ? { eligibleAs } : {}) },
    });
    items.push(...result.items);
    cursor = result.nextCursor;
  } while (cursor);
  return items;
}

export const addCaseMember = (id: string, userId: string) => api.post<CaseMember>(`${c(id)}/members`, { userId });
export const removeCaseMember = (id: string, userId: string, reason: string) =>
  api.post<void>(`${c(id)}/members/${encodeURIComponent(userId)}/removal`, reason ? { reason } : {});

export interface RelatedPersonInput {
  personId?: string;
  newPerson?: { firstName: string; namePrefix?: string; lastName: string; dateOfBirth?: string };
  relation: Relation;
  note?: string;
}
export const addRelatedPerson = (id: string, body: RelatedPersonInput) =>
  api.post<RelatedPerson>(`${c(id)}/related-persons`, body);
export const removeRelatedPerson = (id: string, personId: string, reason: string) =>
  api.post<void>(`${c(id)}/related-persons/${encodeURIComponent(personId)}/removal`, reason ? { reason } : {});

export interface ContributionInput {
  body: string;
  legalRegime: LegalRegime;
  /** Required when the regime is weaker than the organisation's default. */
  legalRegimeReason?: string;
  scope: Scope;
  meetingId?: string;
}
export const addContribution = (id: string, body: ContributionInput) =>
  api.post<Contribution>(`${c(id)}/contributions`, body);

export interface TransitionInput {
  kind: TransitionKind;
  reason?: string;
  revisitOn?: string;
  to?: 'execution' | 'monitoring';
  retentionDecision?: RetentionDecision;
  retentionReasons?: string;
  retentionMonths?: number;
  version: number;
}
export const transitionCase = (id: string, body: TransitionInput) => api.post<CaseRecord>(`${c(id)}/transitions`, body);
export const escalateCase = (id: string, body: { direction: 'up' | 'down'; reason: string; version: number }) =>
  api.post<CaseRecord>(`${c(id)}/escalations`, body);

export const listReviews = (id: string) =>
  api.get<List<ProportionalityReview>>(`${c(id)}/proportionality-reviews`, { query: { limit: 50 } });
export interface ReviewInput {
  reviewedOn: string;
  reasoning: string;
  measures: (Omit<ProportionalityMeasure, 'note'> & { note?: string })[];
  nextReviewOn?: string;
}
export const addReview = (id: string, body: ReviewInput) =>
  api.post<ProportionalityReview>(`${c(id)}/proportionality-reviews`, body);

export const listCaseEvaluations = (id: string) =>
  api.get<List<CaseEvaluation>>(`${c(id)}/evaluations`, { query: { limit: 50 } });
export const addCaseEvaluation = (
  id: string,
  body: { kind: CaseEvaluationKind; findings: string; followUp?: string },
) => api.post<CaseEvaluation>(`${c(id)}/evaluations`, body);

export interface PersonMatch {
  personId: string;
  firstName: string;
  namePrefix: string | null;
  lastName: string;
  dateOfBirth: string | null;
  reasons: { code: string; detail: string }[];
  knownIn: { signals: number; cases: number };
}
/** Possible matches for a name: a POST, so that no name ever appears in an address. */
export const matchPersons = (body: {
  firstName: string;
  namePrefix?: string;
  lastName: string;
  dateOfBirth?: string;
}) => api.post<{ items: PersonMatch[] }>('/persons/matches', body);

// --- Wgpa safeguards (issue 12) ----------------------------------------------------------------------

type Ref = { id: string; name: string };

export const INFORMING_METHODS = ['conversation', 'letter', 'phone', 'via_representative'] as const;
export type InformingMethod = (typeof INFORMING_METHODS)[number];
export const INFORMING_GROUNDS = [
  'investigation_interest',
  'safety_of_others',
  'safety_of_person',
  'rights_of_others',
  'approach_would_be_frustrated',
] as const;
export type InformingGround = (typeof INFORMING_GROUNDS)[number];
export const INCLUSION_REVIEW_OUTCOMES = ['stays', 'de_escalate', 'close'] as const;
export type InclusionReviewOutcome = (typeof INCLUSION_REVIEW_OUTCOMES)[number];
export const RETENTION_DECISIONS = ['keep', 'shorten'] as const;
export type RetentionDecision = (typeof RETENTION_DECISIONS)[number];

export interface InformingRecord {
  id: string;
  outcome: 'informed' | 'deferred';
  informedOn: string | null;
  method: InformingMethod | null;
  informedBy: string | null;
  legalGround: InformingGround | null;
  reasons: string | null;
  reconsiderOn: string | null;
  recordedBy: Ref;
  recordedAt: string;
}
export interface InclusionReview {
  id: string;
  reviewedOn: string;
  outcome: InclusionReviewOutcome;
  reasons: string;
  reviewedBy: Ref;
  recordedAt: string;
}
export interface CaseInclusion {
  id: string;
  decidedOn: string;
  criteria: { criterion: { id: string; code: string; labelNl: string; labelEn: string }; reasons: string }[];
  participants: (Ref & { type: string })[];
  recordedBy: Ref;
  recordedAt: string;
}
export interface CaseSafeguards {
  caseId: string;
  inclusion: CaseInclusion | null;
  informing: InformingRecord | null;
  informingHistory: InformingRecord[];
  informingDue: boolean;
  inclusionReviews: InclusionReview[];
  nextInclusionReviewOn: string | null;
  inclusionReviewDue: boolean;
  retention: { decision: RetentionDecision; reasons: string; months: number | null } | null;
  canRecord: boolean;
}
export type InformingInput =
  | { outcome: 'informed'; informedOn: string; method: InformingMethod; informedBy: string }
  | { outcome: 'deferred'; legalGround: InformingGround; reasons: string; reconsiderOn: string };

export const getSafeguards = (id: string) => api.get<CaseSafeguards>(`${c(id)}/safeguards`);
export const addInformingRecord = (id: string, body: InformingInput) =>
  api.post<InformingRecord>(`${c(id)}/informing-records`, body);
export const addInclusionReview = (
  id: string,
  body: { reviewedOn: string; outcome: InclusionReviewOutcome; reasons: string },
) => api.post<InclusionReview>(`${c(id)}/inclusion-reviews`, body);
