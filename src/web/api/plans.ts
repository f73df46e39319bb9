/** Plans of approach, the toolbox, interventions and actions. */
import type { NamedRef, TargetGroup } from './cases.js';
import { API_BASE, api } from './client.js';
import type { List, OrganisationType } from './types.js';

export const TOOLBOX_CATEGORIES = [
  'limiting_criminal',
  'limiting_administrative',
  'twbmt',
  'passport',
  'influencing',
  'duiding',
] as const;
export type ToolboxCategory = (typeof TOOLBOX_CATEGORIES)[number];

export const INTERVENTION_STATUSES = ['planned', 'active', 'completed', 'stopped'] as const;
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number];

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const INTERVENTION_EVALUATION_KINDS = ['plan', 'process', 'effect'] as const;
export type InterventionEvaluationKind = (typeof INTERVENTION_EVALUATION_KINDS)[number];

export interface ToolboxItem {
  id: string;
  code: string;
  nameNl: string;
  nameEn: string;
  description: string | null;
  category: ToolboxCategory;
  targetGroups: TargetGroup[];
  organisationTypes: OrganisationType[];
  legalBasis: string | null;
  active: boolean;
  version: number;
}

export interface PlanIntervention {
  id: string;
  planId: string;
  caseId: string;
  toolboxItem: { id: string; code: string; nameNl: string; nameEn: string; category: ToolboxCategory };
  goal: string | null;
  responsibleOrganisationId: string;
  responsibleOrganisationName: string;
  responsibleUserId: string | null;
  responsibleUserName: string | null;
  status: InterventionStatus;
  startsOn: string | null;
  endsOn: string | null;
  createdAt: string;
  version: number;
}

export interface Goal {
  id: string;
  text: string;
}

export interface Plan {
  id: string;
  caseId: string;
  caseReference: string;
  targetGroup: TargetGroup;
  status: 'draft' | 'adopted';
  problemAnalysis: string | null;
  goals: Goal[];
  nextReviewOn: string | null;
  adoptedAt: string | null;
  interventions: PlanIntervention[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Action {
  id: string;
  caseId: string;
  planInterventionId: string | null;
  agendaItemId: string | null;
  title: string;
  description: string | null;
  ownerOrganisationId: string;
  ownerOrganisationName: string;
  ownerUserId: string | null;
  ownerUserName: string | null;
  dueOn: string;
  status: ActionStatus;
  overdue: boolean;
  completedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ActionNote {
  id: string;
  actionId: string;
  authorId: string;
  authorName: string;
  authorOrganisationName: string;
  body: string;
  createdAt: string;
}

export interface InterventionEvaluation {
  id: string;
  planInterventionId: string;
  kind: InterventionEvaluationKind;
  findings: string;
  authorId: string;
  authorName: string;
  createdAt: string;
}

const c = (id: string) => `/cases/${encodeURIComponent(id)}`;
const enc = encodeURIComponent;

export const listToolbox = (query: { targetGroup?: TargetGroup; category?: ToolboxCategory }) =>
  api.get<List<ToolboxItem>>('/toolbox', { query: { ...query, limit: 200 } });

export const getPlan = (caseId: string) => api.get<Plan>(`${c(caseId)}/plan`);
export interface PlanInput {
  problemAnalysis: string | null;
  goals: { id?: string; text: string }[];
  nextReviewOn: string | null;
}
export const createPlan = (caseId: string, body: PlanInput) => api.post<Plan>(`${c(caseId)}/plan`, body);
export const updatePlan = (caseId: string, body: PlanInput & { version: number }) =>
  api.put<Plan>(`${c(caseId)}/plan`, body);
export const adoptPlan = (caseId: string, version: number) => api.post<Plan>(`${c(caseId)}/plan/adoption`, { version });
export const planPdfUrl = (caseId: string) => `${API_BASE}${c(caseId)}/plan.pdf`;

export interface InterventionInput {
  toolboxItemId: string;
  goal?: string | null;
  responsibleOrganisationId: string;
  responsibleUserId?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
}
export const addIntervention = (planId: string, body: InterventionInput) =>
  api.post<PlanIntervention>(`/plans/${enc(planId)}/interventions`, body);
export const updateIntervention = (
  id: string,
  body: Partial<Omit<InterventionInput, 'toolboxItemId'>> & { status?: InterventionStatus; version: number },
) => api.patch<PlanIntervention>(`/plan-interventions/${enc(id)}`, body);
export const listInterventionEvaluations = (id: string) =>
  api.get<List<InterventionEvaluation>>(`/plan-interventions/${enc(id)}/evaluations`, { query: { limit: 100 } });
export const addInterventionEvaluation = (id: string, body: { kind: InterventionEvaluationKind; findings: string }) =>
  api.post<InterventionEvaluation>(`/plan-interventions/${enc(id)}/evaluations`, body);

export const listActions = (caseId: string) => api.get<List<Action>>(`${c(caseId)}/actions`, { query: { limit: 200 } });
export interface ActionInput {
  title: string;
  description?: string | null;
  ownerOrganisationId: string;
  ownerUserId?: string | null;
  dueOn: string;
  planInterventionId?: string | null;
}
export const addAction = (caseId: string, body: ActionInput) => api.post<Action>(`${c(caseId)}/actions`, body);
export const updateAction = (
  id: string,
  body: { status?: ActionStatus; dueOn?: string; ownerUserId?: string | null; version: number },
) => api.patch<Action>(`/actions/${enc(id)}`, body);
export const listActionNotes = (id: string) =>
  api.get<List<ActionNote>>(`/actions/${enc(id)}/notes`, { query: { limit: 200 } });
export const addActionNote = (id: string, body: string) => api.post<ActionNote>(`/actions/${enc(id)}/notes`, { body });

export type { NamedRef };
