/**
 * The privacy officer's API (issue 4): covenants, break-the-glass and its review queue, the
 * access-log review (CSV, chain verification, anomalies), subject access requests and retention.
 */
import { API_BASE, api } from './client.js';
import { startExport } from './exports.js';
import type { AccessAction, AccessLogEntry as BaseEntry, List } from './types.js';

const enc = encodeURIComponent;

/** An address under /api/v1 with a query string (empty values left out), for links and downloads. */
export function apiHref(path: string, query: object = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

/** An access-log entry as the API gives it (with the actor's name as recorded). */
export interface AccessLogEntry extends BaseEntry {
  actorName: string | null;
}

// --- Covenants ------------------------------------------------------------------------------------

export const DATA_CATEGORIES = [
  'identifying',
  'signals',
  'assessments',
  'plans_and_actions',
  'police_data',
  'judicial_data',
  'health',
  'youth_care',
  'social_domain',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const COVENANT_STATUSES = ['draft', 'signed', 'ended'] as const;
export type CovenantStatus = (typeof COVENANT_STATUSES)[number];

export interface CovenantParty {
  organisationId: string;
  organisationName: string;
  signedOn: string | null;
  mayShare: string[];
  mayReceive: string[];
}

export interface Covenant {
  id: string;
  title: string;
  signedOn: string | null;
  legalBasis: string;
  documentReference: string | null;
  status: CovenantStatus;
  parties: CovenantParty[];
  version: number;
}

export interface CovenantInput {
  title: string;
  signedOn: string | null;
  legalBasis: string;
  documentReference: string | null;
  status: CovenantStatus;
  parties: Array<{ organisationId: string; signedOn: string | null; mayShare: string[]; mayReceive: string[] }>;
}

export const listCovenants = (query: { cursor?: string | null; limit?: number } = {}) =>
  api.get<List<Covenant>>('/covenants', { query: { limit: 200, ...query } });
export const getCovenant = (id: string) => api.get<Covenant>(`/covenants/${enc(id)}`);
export const createCovenant = (body: CovenantInput) => api.post<Covenant>('/covenants', body);
export const updateCovenant = (id: string, body: CovenantInput & { version: number }) =>
  api.put<Covenant>(`/covenants/${enc(id)}`, body);
export const deleteCovenant = (id: string) => api.delete(`/covenants/${enc(id)}`);

// --- Break-the-glass ------------------------------------------------------------------------------

export interface BreakGlassGrant {
  id: string;
  caseId: string;
  userId: string;
  userName: string | null;
  organisationId: string | null;
  reason: string;
  grantedAt: string;
  expiresAt: string;
  active: boolean;
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewNote: string | null;
  version: number;
}

export const breakGlass = (body: { caseId: string; reason: string }) => api.post<BreakGlassGrant>('/break-glass', body);
export const listBreakGlass = (query: { status: 'unreviewed' | 'all'; cursor?: string | null; limit?: number }) =>
  api.get<List<BreakGlassGrant>>('/break-glass', { query });
export const reviewBreakGlass = (id: string, body: { note: string; version: number }) =>
  api.post<BreakGlassGrant>(`/break-glass/${enc(id)}/review`, body);

// --- Access-log review ----------------------------------------------------------------------------

export interface AccessLogFilters {
  subjectId?: string;
  actorUserId?: string;
  organisationId?: string;
  caseId?: string;
  action?: AccessAction;
  from?: string;
  to?: string;
}

export const listAccessLogEntries = (query: AccessLogFilters & { cursor?: string | null; limit?: number }) =>
  api.get<List<AccessLogEntry>>('/access-log', { query });

/** The search result as CSV, an asynchronous export (src/web/api/exports.ts). */
export const startAccessLogExport = (filters: AccessLogFilters) => startExport({ kind: 'access-log-csv', filters });

export interface Verification {
  verifiedAt: string;
  entries: number;
  intact: boolean;
  firstBreak: string | null;
  firstBreakSeq: number | null;
}
export interface StoredVerification {
  verifiedAt: string;
  verifiedByName: string | null;
  entries: number;
  intact: boolean;
  firstBreakSeq: number | null;
}
export const verifyAccessLog = () => api.get<Verification>('/access-log/verification');
export const listVerifications = () => api.get<List<StoredVerification>>('/access-log/verifications');

export const ANOMALY_KINDS = ['outside-office-hours', 'many-persons', 'break-glass', 'refusals'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];
export interface Anomaly {
  kind: AnomalyKind;
  actorUserId: string | null;
  actorName: string | null;
  activeOn: string | null;
  distinctPersons: number | null;
  /** refusals: refused requests of the user that day, and the routes they went to. */
  refusals: number | null;
  refusedRoutes: string[] | null;
  entry: AccessLogEntry | null;
}
export const listAnomalies = (query: {
  kind: AnomalyKind;
  from?: string;
  to?: string;
  threshold?: number;
  cursor?: string | null;
  limit?: number;
}) => api.get<List<Anomaly>>('/access-log/anomalies', { query });

// --- Subject access requests ----------------------------------------------------------------------

export const SAR_STATUSES = ['received', 'in_progress', 'awaiting_source_consent', 'decided', 'delivered'] as const;
export type SarStatus = (typeof SAR_STATUSES)[number];
export const DISPOSITIONS = ['pending', 'release', 'redact', 'withhold'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
export type ConsentStatus = 'pending' | 'granted' | 'refused';
export type LegalRegime = 'avg' | 'wpg' | 'wjsg' | 'professional_secrecy';

export interface Sar {
  id: string;
  personId: string;
  personName: string;
  receivedOn: string;
  deadlineOn: string;
  status: SarStatus;
  decision: string | null;
  compiledAt: string | null;
  version: number;
}
export interface SarItem {
  id: string;
  recordType: string;
  recordId: string;
  caseId: string | null;
  sourceOrganisationId: string | null;
  sourceOrganisationName: string | null;
  legalRegime: LegalRegime;
  recordedAt: string | null;
  title: string;
  content: string;
  disposition: Disposition;
  ground: string | null;
  consentStatus: ConsentStatus | null;
  consentRequestId: string | null;
  consentNeeded: boolean;
  version: number;
}
export interface SarDetail extends Sar {
  items: SarItem[];
}
export interface SarPersonMatch {
  personId: string;
  name: string;
  dateOfBirth: string | null;
  birthMatches: boolean | null;
}

export const matchSarPersons = (body: {
  firstName: string;
  namePrefix: string | null;
  lastName: string;
  dateOfBirth: string | null;
}) => api.post<{ items: SarPersonMatch[] }>('/subject-access-requests/person-matches', body);
export const listSars = (query: { cursor?: string | null; limit?: number } = {}) =>
  api.get<List<Sar>>('/subject-access-requests', { query: { limit: 100, ...query } });
export const createSar = (body: { personId: string; receivedOn: string }) =>
  api.post<Sar>('/subject-access-requests', body);
export const getSar = (id: string) => api.get<SarDetail>(`/subject-access-requests/${enc(id)}`);
export const updateSar = (id: string, body: { status: SarStatus; decision: string | null; version: number }) =>
  api.patch<Sar>(`/subject-access-requests/${enc(id)}`, body);
export const compileSar = (id: string) => api.post<SarDetail>(`/subject-access-requests/${enc(id)}/compilation`, {});
export const updateSarItem = (
  id: string,
  itemId: string,
  body: { disposition: Disposition; ground?: string | null; version: number },
) => api.patch<SarItem>(`/subject-access-requests/${enc(id)}/items/${enc(itemId)}`, body);
export const sarPdfHref = (id: string) => apiHref(`/subject-access-requests/${enc(id)}/export.pdf`);
export const sarDocxHref = (id: string) => apiHref(`/subject-access-requests/${enc(id)}/export.docx`);

/** Consent asked of the source (issue 12). */
export interface ConsentRequest {
  id: string;
  status: 'pending' | 'granted' | 'refused';
  dueOn: string;
  message: string | null;
  sourceOrganisation: { id: string; name: string };
  requestedBy: { id: string; name: string };
  requestedAt: string;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  reason: string | null;
  item: { recordType: string; title: string; content: string; legalRegime: LegalRegime; recordedAt: string | null };
  canDecide: boolean;
  version: number;
}
export const askConsent = (id: string, itemId: string, body: { dueOn: string; message?: string }) =>
  api.post<ConsentRequest>(`/subject-access-requests/${enc(id)}/items/${enc(itemId)}/consent-requests`, body);
export const listConsentRequests = () => api.get<{ items: ConsentRequest[] }>('/consent-requests');
export const getConsentRequest = (id: string) => api.get<ConsentRequest>(`/consent-requests/${enc(id)}`);
export const decideConsent = (id: string, body: { decision: 'granted' | 'refused'; reason: string; version: number }) =>
  api.post<ConsentRequest>(`/consent-requests/${enc(id)}/decision`, body);
export const sarJsonHref = (id: string) => apiHref(`/subject-access-requests/${enc(id)}/export.json`);

// --- Retention ------------------------------------------------------------------------------------

export type TermKey =
  | 'case-definitive'
  | 'signal-no-case'
  | 'key-figure-inactive'
  | 'participant-after-session'
  | 'subscriber-unsubscribed'
  | 'access-log-destroyed-subject';
export interface RetentionTerm {
  key: TermKey;
  recordType: string;
  closingType: string;
  termMonths: number;
  source: string;
  isDefault: boolean;
  defaultTermMonths: number;
  defaultSource: string;
  version: number;
}
export interface DueRecord {
  id: string;
  reference: string;
  closedAt: string;
}
export interface RetentionPreview {
  previewedAt: string;
  cases: DueRecord[];
  signals: DueRecord[];
  casesOnLegalHold: number;
  signalsOnLegalHold: number;
  persons: number;
  personsOnLegalHold: number;
  keyFigures: number;
  trainingParticipants: number;
  newsletterSubscribers: number;
  accessLogEntries: number;
}
export interface RetentionRunCounts {
  cases: number;
  signals: number;
  persons: number;
  keyFigures: number;
  trainingParticipants: number;
  newsletterSubscribers: number;
  accessLogEntries: number;
  keptOnLegalHold: number;
  refused: number;
  failed: number;
}
export interface RetentionRun {
  period: string;
  startedAt: string;
  finishedAt: string | null;
  counts: RetentionRunCounts | null;
}
export const listRetentionTerms = () => api.get<List<RetentionTerm>>('/retention-terms');
export const updateRetentionTerm = (key: TermKey, body: { termMonths: number; source: string; version: number }) =>
  api.put<RetentionTerm>(`/retention-terms/${enc(key)}`, body);
export const retentionPreview = () => api.get<RetentionPreview>('/retention/preview');
export const listRetentionRuns = (query: { cursor?: string | null; limit?: number } = {}) =>
  api.get<List<RetentionRun>>('/retention/runs', { query });

// --- Legal holds ----------------------------------------------------------------------------------

export interface UserRef {
  id: string;
  name: string;
}
export interface LegalHold {
  id: string;
  target: 'case' | 'person';
  caseId: string | null;
  caseReference: string | null;
  personId: string | null;
  personName: string | null;
  reason: string;
  setBy: UserRef;
  setAt: string;
  active: boolean;
  liftedBy: UserRef | null;
  liftedAt: string | null;
  liftReason: string | null;
  version: number;
}
export const listLegalHolds = (query: { active?: 'true' | 'false'; cursor?: string | null; limit?: number } = {}) =>
  api.get<List<LegalHold>>('/legal-holds', { query: { limit: 200, ...query } });
export const createLegalHold = (body: { caseId?: string; personId?: string; reason: string }) =>
  api.post<LegalHold>('/legal-holds', body);
export const liftLegalHold = (id: string, body: { reason: string; version: number }) =>
  api.post<LegalHold>(`/legal-holds/${enc(id)}/lifting`, body);

// --- Erasure and rectification requests -----------------------------------------------------------

export const REQUEST_STATUSES = ['requested', 'approved', 'rejected', 'executed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export type RequestKind = 'erasure' | 'rectification';
export const ERASURE_SCOPES = ['person', 'case', 'signal'] as const;
export type ErasureScope = (typeof ERASURE_SCOPES)[number];
export const GENDERS = ['female', 'male', 'other', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];

export interface PersonChange {
  firstName?: string;
  namePrefix?: string | null;
  lastName?: string;
  dateOfBirth?: string | null;
  gender?: Gender | null;
}
interface RequestBase {
  id: string;
  personId: string | null;
  personName: string | null;
  receivedOn: string;
  reason: string | null;
  status: RequestStatus;
  requestedBy: UserRef;
  requestedAt: string;
  decidedBy: UserRef | null;
  decidedAt: string | null;
  decisionNote: string | null;
  executedAt: string | null;
  scrubbedAt: string | null;
  version: number;
}
export interface ErasureRequest extends RequestBase {
  scope: ErasureScope;
  caseId: string | null;
  signalId: string | null;
  result: { cases: number; signals: number; persons: number } | null;
}
export interface RectificationRequest extends RequestBase {
  change: PersonChange | null;
}
export type DataSubjectRequest =
  | ({ kind: 'erasure' } & ErasureRequest)
  | ({ kind: 'rectification' } & RectificationRequest);

const requestBase = (kind: RequestKind) => `/${kind}-requests`;
export const listErasureRequests = (query: { status?: RequestStatus; limit?: number; cursor?: string | null } = {}) =>
  api.get<List<ErasureRequest>>(requestBase('erasure'), { query: { limit: 200, ...query } });
export const listRectificationRequests = (
  query: { status?: RequestStatus; limit?: number; cursor?: string | null } = {},
) => api.get<List<RectificationRequest>>(requestBase('rectification'), { query: { limit: 200, ...query } });
export const getErasureRequest = (id: string) => api.get<ErasureRequest>(`${requestBase('erasure')}/${enc(id)}`);
export const getRectificationRequest = (id: string) =>
  api.get<RectificationRequest>(`${requestBase('rectification')}/${enc(id)}`);
export const createErasureRequest = (body: {
  personId: string;
  scope: ErasureScope;
  caseId?: string;
  signalId?: string;
  reason: string;
  receivedOn: string;
}) => api.post<ErasureRequest>(requestBase('erasure'), body);
export const createRectificationRequest = (body: {
  personId: string;
  change: PersonChange;
  reason: string;
  receivedOn: string;
}) => api.post<RectificationRequest>(requestBase('rectification'), body);
export const decideRequest = (
  kind: RequestKind,
  id: string,
  decision: 'approval' | 'rejection',
  body: { note?: string; version: number },
) => api.post<ErasureRequest | RectificationRequest>(`${requestBase(kind)}/${enc(id)}/${decision}`, body);
