/**
 * The programme (issue 5): action lines and the intervention catalogue, implementation plans per
 * municipality per year with the district comparison, evaluations of interventions, and quick scans.
 * Amounts are integer euro cents, as the API keeps them.
 */
import { api } from './client.js';
import type { List } from './types.js';

const enc = encodeURIComponent;

export const ASPECTS = ['signalling', 'preventing', 'intervening'] as const;
export type Aspect = (typeof ASPECTS)[number];

export const EVALUATION_KINDS = ['plan', 'process', 'effect'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];

export const PLAN_STATUSES = ['draft', 'adopted', 'reported'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const LINE_STATUSES = ['planned', 'running', 'done', 'cancelled'] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

export const QUICK_SCAN_STATUSES = ['planned', 'running', 'completed'] as const;
export type QuickScanStatus = (typeof QUICK_SCAN_STATUSES)[number];

export const RECOMMENDATION_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

// Action lines and interventions ------------------------------------------------------------------

export interface ProtectiveFactor {
  code: number;
  label: string;
}

export interface ActionLine {
  id: string;
  number: number;
  title: string;
  description: string | null;
  aspects: Aspect[];
  interventionCount: number;
}

export interface Intervention {
  id: string;
  code: string | null;
  actionLine: { id: string; number: number; title: string };
  theme: string | null;
  name: string;
  goal: string;
  targetGroupDirect: string;
  targetGroupIndirect: string | null;
  execution: string;
  provider: string;
  protectiveFactors: ProtectiveFactor[];
  aspects: Aspect[];
  evaluationTypes: EvaluationKind[];
  evaluationNote: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface InterventionQuery {
  actionLine?: number | undefined;
  q?: string | undefined;
  aspect?: Aspect | undefined;
  targetGroup?: string | undefined;
  protectiveFactor?: number | undefined;
  includeInactive?: 'true' | undefined;
  limit?: number;
  cursor?: string | null;
}

export interface InterventionInput {
  actionLine: number;
  theme: string | null;
  name: string;
  goal: string;
  targetGroupDirect: string;
  targetGroupIndirect: string | null;
  execution: string;
  provider: string;
  protectiveFactors: number[];
  aspects: Aspect[];
  evaluationTypes: EvaluationKind[];
  evaluationNote: string | null;
}

export const listActionLines = () => api.get<List<ActionLine>>('/action-lines');
export const listProtectiveFactors = () => api.get<List<ProtectiveFactor>>('/protective-factors');
export const listInterventions = (query: InterventionQuery = {}) =>
  api.get<List<Intervention>>('/interventions', { query });
export const getIntervention = (id: string) => api.get<Intervention>(`/interventions/${enc(id)}`);
export const createIntervention = (body: InterventionInput) => api.post<Intervention>('/interventions', body);
export const updateIntervention = (
  id: string,
  body: Partial<InterventionInput> & { active?: boolean; version: number },
) => api.patch<Intervention>(`/interventions/${enc(id)}`, body);

/** Every page of a list (the catalogue is small: a few dozen interventions). */
export async function allPages<T>(load: (cursor: string | null) => Promise<List<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: List<T> = await load(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export const allInterventions = (query: Omit<InterventionQuery, 'cursor' | 'limit'> = {}) =>
  allPages((cursor) => listInterventions({ ...query, limit: 200, cursor }));

// Implementation plans ----------------------------------------------------------------------------

export interface InterventionRef {
  id: string;
  name: string;
  actionLine: number;
}

export interface ImplementationPlanLine {
  id: string;
  planId: string;
  intervention: InterventionRef;
  plannedCount: number;
  actualCount: number | null;
  budgetCents: number;
  status: LineStatus;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ImplementationPlanSummary {
  id: string;
  municipality: { id: string; name: string };
  year: number;
  status: PlanStatus;
  budgetTotalCents: number | null;
  linesBudgetCents: number;
  lineCount: number;
  canEdit: boolean;
  updatedAt: string;
  version: number;
}

export interface ImplementationPlan extends ImplementationPlanSummary {
  note: string | null;
  lines: ImplementationPlanLine[];
  createdAt: string;
}

export interface PlanLineInput {
  plannedCount: number;
  actualCount: number | null;
  budgetCents: number;
  status: LineStatus;
  note: string | null;
}

export interface Figures {
  plannedCount: number;
  actualCount: number;
  budgetCents: number;
}

export interface DistrictComparison {
  year: number;
  district: string;
  municipalities: {
    id: string;
    name: string;
    isCoordinating: boolean;
    plan: { id: string; status: PlanStatus; budgetTotalCents: number | null } | null;
    totals: Figures;
  }[];
  interventions: {
    intervention: InterventionRef;
    cells: {
      municipalityId: string;
      plannedCount: number;
      actualCount: number | null;
      budgetCents: number;
      status: LineStatus;
    }[];
    totals: Figures;
  }[];
  actionLines: {
    number: number;
    title: string;
    cells: (Figures & { municipalityId: string })[];
    totals: Figures;
  }[];
  totals: Figures;
}

export const listPlans = (query: { year?: number; municipalityId?: string; limit?: number; cursor?: string | null }) =>
  api.get<List<ImplementationPlanSummary>>('/implementation-plans', { query });
export const getPlan = (id: string) => api.get<ImplementationPlan>(`/implementation-plans/${enc(id)}`);
export const createPlan = (body: {
  municipalityId: string;
  year: number;
  budgetTotalCents: number | null;
  note: string | null;
}) => api.post<ImplementationPlan>('/implementation-plans', body);
export const updatePlan = (
  id: string,
  body: { status?: PlanStatus; budgetTotalCents?: number | null; note?: string | null; version: number },
) => api.patch<ImplementationPlan>(`/implementation-plans/${enc(id)}`, body);
export const addPlanLine = (planId: string, body: PlanLineInput & { interventionId: string }) =>
  api.post<ImplementationPlanLine>(`/implementation-plans/${enc(planId)}/lines`, body);
export const updatePlanLine = (id: string, body: Partial<PlanLineInput> & { version: number }) =>
  api.patch<ImplementationPlanLine>(`/implementation-plan-lines/${enc(id)}`, body);
export const getDistrictComparison = (year: number) =>
  api.get<DistrictComparison>('/implementation-plans/district-comparison', { query: { year } });

// Evaluations -------------------------------------------------------------------------------------

export interface FollowUpAction {
  text: string;
  owner: string | null;
  dueOn: string | null;
  done: boolean;
}

export interface Evaluation {
  id: string;
  intervention: InterventionRef;
  kind: EvaluationKind;
  title: string;
  conductedOn: string;
  findings: string;
  followUpActions: FollowUpAction[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface EvaluationInput {
  kind: EvaluationKind;
  title: string;
  conductedOn: string;
  findings: string;
  followUpActions: FollowUpAction[];
}

export const listEvaluations = (query: {
  interventionId?: string | undefined;
  kind?: EvaluationKind | undefined;
  limit?: number;
  cursor?: string | null;
}) => api.get<List<Evaluation>>('/evaluations', { query });
export const getEvaluation = (id: string) => api.get<Evaluation>(`/evaluations/${enc(id)}`);
export const createEvaluation = (body: EvaluationInput & { interventionId: string }) =>
  api.post<Evaluation>('/evaluations', body);
export const updateEvaluation = (id: string, body: Partial<EvaluationInput> & { version: number }) =>
  api.patch<Evaluation>(`/evaluations/${enc(id)}`, body);

// Quick scans -------------------------------------------------------------------------------------

export interface RecommendedAction {
  text: string;
  status: RecommendationStatus;
}

export interface QuickScan {
  id: string;
  title: string;
  theme: string;
  area: string;
  commissioner: string;
  researcher: string;
  status: QuickScanStatus;
  startedOn: string | null;
  completedOn: string | null;
  findings: string | null;
  recommendedActions: RecommendedAction[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface QuickScanInput {
  title: string;
  theme: string;
  area: string;
  commissioner: string;
  researcher: string;
  status: QuickScanStatus;
  startedOn: string | null;
  completedOn: string | null;
  findings: string | null;
  recommendedActions: RecommendedAction[];
}

export const listQuickScans = (query: {
  status?: QuickScanStatus | undefined;
  q?: string | undefined;
  limit?: number;
  cursor?: string | null;
}) => api.get<List<QuickScan>>('/quick-scans', { query });
export const getQuickScan = (id: string) => api.get<QuickScan>(`/quick-scans/${enc(id)}`);
export const createQuickScan = (body: QuickScanInput) => api.post<QuickScan>('/quick-scans', body);
export const updateQuickScan = (id: string, body: Partial<QuickScanInput> & { version: number }) =>
  api.patch<QuickScan>(`/quick-scans/${enc(id)}`, body);
