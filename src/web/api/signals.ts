/**
 * Signals (meldingen), their subjects, attachments and the indicator catalogue; person matching on
 * intake, and link requests for persons known to another municipality.
 */
import type { ReporterKind } from '../../core/source-attribution.js';
import type { LegalRegime } from './cases.js';
import { api, request } from './client.js';
import type { List } from './types.js';

export const IDEOLOGIES = ['jihadist', 'right_wing', 'left_wing', 'anti_government', 'other_unclear'] as const;
export type Ideology = (typeof IDEOLOGIES)[number];
export const URGENCIES = ['normal', 'high', 'acute'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const SIGNAL_STATUSES = ['received', 'triage', 'decided', 'closed'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];
export const DECISIONS = ['open_case', 'handle_locally', 'refer', 'no_action'] as const;
export type Decision = (typeof DECISIONS)[number];
export const REFERRALS = ['care', 'top_x', 'youth', 'other'] as const;
export type Referral = (typeof REFERRALS)[number];

export interface Ref {
  id: string;
  name: string;
}

export interface PersonName {
  firstName: string;
  namePrefix: string | null;
  lastName: string;
}

export interface Indicator {
  id: string;
  code: string;
  labelNl: string;
  labelEn: string;
  sort: number;
  active: boolean;
  version: number;
}

export interface SignalSubject extends PersonName {
  subjectId: string;
  personId: string;
  dateOfBirth: string | null;
  linkKind: 'new_person' | 'matched_existing';
  matchReason: string | null;
  linkedAt: string;
  linkedBy: Ref;
}

export interface SubjectHistoryEntry {
  subjectId: string;
  personId: string;
  linkKind: 'new_person' | 'matched_existing';
  matchReason: string | null;
  linkedAt: string;
  linkedBy: Ref;
  unlinkedAt: string | null;
  unlinkedBy: Ref | null;
  unlinkReason: string | null;
}

export interface SignalDecisionSummary {
  id: string;
  decision: Decision;
  referredTo: Referral | null;
  caseId: string | null;
  decidedAt: string;
}

export interface SignalSummary {
  id: string;
  reference: string;
  status: SignalStatus;
  municipality: Ref;
  receivedOn: string;
  ideology: Ideology;
  urgency: Urgency;
  subjectUnknown: boolean;
  subjects: (PersonName & { personId: string })[];
  createdAt: string;
  version: number;
}

export interface Signal {
  id: string;
  reference: string;
  status: SignalStatus;
  municipality: Ref;
  /** null: an outside reporter without an organisation (reporterKind says who). */
  sourceOrganisation: (Ref & { type: string }) | null;
  reporterKind: ReporterKind | null;
  reporterName: string | null;
  reporterContact: string | null;
  receivedOn: string;
  subjectUnknown: boolean;
  subjects: SignalSubject[];
  subjectHistory: SubjectHistoryEntry[];
  indicators: { code: string; labelNl: string; labelEn: string }[];
  ideology: Ideology;
  urgency: Urgency;
  description: string;
  legalRegime: LegalRegime;
  legalRegimeReason: string | null;
  decision: SignalDecisionSummary | null;
  /** The registrant, and the organisation they registered it for. */
  createdBy: Ref;
  registrantOrganisation: Ref;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  canEdit: boolean;
  canDecide: boolean;
  version: number;
}

export interface NewPersonInput {
  firstName: string;
  namePrefix?: string | null;
  lastName: string;
  dateOfBirth?: string | null;
}

export type SubjectInput = { personId: string; matchReason?: string } | { newPerson: NewPersonInput };

export interface SignalCreateInput {
  municipalityId: string;
  sourceOrganisationId: string | null;
  reporterKind: ReporterKind | null;
  reporterName: string | null;
  reporterContact: string | null;
  receivedOn: string;
  subjectUnknown: boolean;
  subjects: SubjectInput[];
  indicators: string[];
  ideology: Ideology;
  urgency: Urgency;
  legalRegime: LegalRegime;
  legalRegimeReason: string | null;
  description: string;
}

export interface SignalListQuery {
  limit?: number;
  cursor?: string | null;
  status?: SignalStatus | '';
  municipalityId?: string;
}

export const MATCH_REASONS = [
  'name_similar',
  'same_date_of_birth',
  'different_date_of_birth',
  'date_of_birth_unknown',
] as const;
export type MatchReasonCode = (typeof MATCH_REASONS)[number];

export interface PersonMatch extends PersonName {
  personId: string;
  dateOfBirth: string | null;
  nameSimilarity: number;
  reasons: { code: MatchReasonCode; detail: string }[];
  knownIn: { signals: number; cases: number };
}

export interface Contact {
  name: string;
  email: string;
}

export interface KnownTo {
  municipality: Ref;
  contacts: Contact[];
}

/** A match on a person you may not see: only the municipalities that know the person, and whom to contact. */
export interface PersonMatchHit {
  hitId: string;
  knownTo: KnownTo[];
  expiresAt: string;
}

export interface PersonMatchList {
  items: PersonMatch[];
  hits: PersonMatchHit[];
}

export const LINK_REQUEST_STATUSES = ['pending', 'accepted', 'refused'] as const;
export type LinkRequestStatus = (typeof LINK_REQUEST_STATUSES)[number];

export interface LinkRequest {
  id: string;
  status: LinkRequestStatus;
  signal: { id: string; reference: string };
  requesterMunicipality: Ref;
  requestedBy: Ref;
  requesterOrganisation: Ref;
  requestedAt: string;
  reason: string;
  searchedFor: PersonName & { dateOfBirth: string | null };
  knownTo: KnownTo[];
  /** Only for whoever may decide. */
  person: (PersonName & { id: string; dateOfBirth: string | null }) | null;
  decidedBy: Ref | null;
  decidedAt: string | null;
  decisionReason: string | null;
  canDecide: boolean;
  version: number;
}

export interface Person extends PersonName {
  id: string;
  dateOfBirth: string | null;
  gender: string | null;
  residenceMunicipalityId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Attachment {
  id: string;
  signalId: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  uploadedAt: string;
  uploadedBy: Ref;
}

/** The limits the API enforces on attachments (checked here too, so the user hears it before uploading). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_EXTENSIONS = ['pdf', 'png', 'jpg', 'jpeg', 'docx', 'txt', 'eml'] as const;

const seg = encodeURIComponent;

export const listIndicators = () => api.get<List<Indicator>>('/indicators', { query: { limit: 200 } });

export const listSignals = (query: SignalListQuery) => api.get<List<SignalSummary>>('/signals', { query });
export const getSignal = (id: string) => api.get<Signal>(`/signals/${seg(id)}`);
export const createSignal = (body: SignalCreateInput) => api.post<Signal>('/signals', body);
/** Corrects the intake data of an open signal; a stale version gets 409 STALE_VERSION. */
export type SignalUpdateInput = Partial<Omit<SignalCreateInput, 'subjects'>> & { version: number };
export const updateSignal = (id: string, body: SignalUpdateInput) => api.patch<Signal>(`/signals/${seg(id)}`, body);
/** Link an existing person (with the reason for the choice) or a new one, created in the same step. */
export type SubjectLinkInput = { personId: string; reason?: string } | { newPerson: NewPersonInput };
export const linkSubject = (signalId: string, body: SubjectLinkInput) =>
  api.post<Signal>(`/signals/${seg(signalId)}/subjects`, body);
export const unlinkSubject = (signalId: string, subjectId: string, reason: string) =>
  api.post<Signal>(`/signals/${seg(signalId)}/subjects/${seg(subjectId)}/unlink`, { reason });

/** Names go in a POST body, never in a URL. */
export const matchPersons = (body: NewPersonInput & { signalId?: string }) =>
  api.post<PersonMatchList>('/persons/matches', body);

export const createLinkRequest = (body: { hitId: string; signalId: string; reason: string }) =>
  api.post<LinkRequest>('/person-link-requests', body);
export const listLinkRequests = (query: {
  direction: 'incoming' | 'outgoing';
  status?: LinkRequestStatus | '';
  signalId?: string;
  limit?: number;
  cursor?: string | null;
}) => api.get<List<LinkRequest>>('/person-link-requests', { query });
export const acceptLinkRequest = (id: string, body: { version: number; reason?: string }) =>
  api.post<LinkRequest>(`/person-link-requests/${seg(id)}/acceptance`, body);
export const refuseLinkRequest = (id: string, body: { version: number; reason: string }) =>
  api.post<LinkRequest>(`/person-link-requests/${seg(id)}/refusal`, body);
export const getPerson = (id: string) => api.get<Person>(`/persons/${seg(id)}`);
export const createPerson = (body: NewPersonInput) => api.post<Person>('/persons', body);

export const listAttachments = (signalId: string) => api.get<List<Attachment>>(`/signals/${seg(signalId)}/attachments`);
export const attachmentUrl = (signalId: string, attachmentId: string) =>
  `/api/v1/signals/${seg(signalId)}/attachments/${seg(attachmentId)}`;
export function uploadAttachment(signalId: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<Attachment>('POST', `/signals/${seg(signalId)}/attachments`, { body: form });
}
