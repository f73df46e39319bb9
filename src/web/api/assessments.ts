/**
 * Duiding en inschatting (assessments) along a configurable framework. No score, total, weight or
 * colour exists in these shapes: the concern level is the one the assessor chose.
 */
import { api } from './client.js';
import type { List } from './types.js';

export const FRAMEWORK_DOMAINS = ['security_risk', 'ideological_content', 'vulnerability', 'protective'] as const;
export type FrameworkDomain = (typeof FRAMEWORK_DOMAINS)[number];
export const RATINGS = ['not_observed', 'present', 'strongly_present', 'unknown'] as const;
export type Rating = (typeof RATINGS)[number];
export const CONCERN_LEVELS = ['low', 'medium', 'high', 'acute'] as const;
export type ConcernLevel = (typeof CONCERN_LEVELS)[number];

export interface FrameworkFactor {
  id: string;
  domain: FrameworkDomain;
  code: string;
  labelNl: string;
  labelEn: string;
  guidance: string | null;
}

export interface AssessmentFramework {
  id: string;
  name: string;
  description: string | null;
  active: boolean;
  factors: FrameworkFactor[];
  createdAt: string;
  version: number;
}

export interface AssessmentRating {
  factorId: string;
  domain: FrameworkDomain;
  code: string;
  labelNl: string;
  labelEn: string;
  rating: Rating;
  evidence: string | null;
  sourceOrganisationId: string | null;
  sourceOrganisationName: string | null;
  observedOn: string | null;
}

export interface Assessor {
  userId: string;
  name: string;
  organisationId: string;
  organisationName: string;
}

export interface Assessment {
  id: string;
  personId: string;
  caseId: string | null;
  signalId: string | null;
  frameworkId: string;
  frameworkName: string;
  sequence: number;
  status: 'draft' | 'final';
  concernLevel: ConcernLevel | null;
  rationale: string | null;
  assessedOn: string;
  assessor: Assessor;
  ratings: AssessmentRating[];
  finalisedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type AssessmentSummary = Omit<
  Assessment,
  'ratings' | 'rationale' | 'frameworkId' | 'createdAt' | 'updatedAt' | 'version'
>;

export interface RatingInput {
  factorId: string;
  rating: Rating;
  evidence?: string | null;
  sourceOrganisationId?: string | null;
  observedOn?: string | null;
}

export interface AssessmentUpdateInput {
  ratings: RatingInput[];
  concernLevel?: ConcernLevel | null;
  rationale?: string | null;
  assessedOn?: string;
  version: number;
}

const seg = encodeURIComponent;

export const listFrameworks = () =>
  api.get<List<AssessmentFramework>>('/assessment-frameworks', { query: { limit: 200 } });
export const createAssessment = (body: {
  personId: string;
  caseId?: string;
  signalId?: string;
  frameworkId: string;
  assessedOn: string;
}) => api.post<Assessment>('/assessments', body);
export const getAssessment = (id: string) => api.get<Assessment>(`/assessments/${seg(id)}`);
export const updateAssessment = (id: string, body: AssessmentUpdateInput) =>
  api.put<Assessment>(`/assessments/${seg(id)}`, body);
export const finaliseAssessment = (id: string, version: number) =>
  api.post<Assessment>(`/assessments/${seg(id)}/finalisation`, { version });
export const listPersonAssessments = (personId: string, query: { limit?: number; cursor?: string | null } = {}) =>
  api.get<List<AssessmentSummary>>(`/persons/${seg(personId)}/assessments`, { query: { limit: 200, ...query } });
