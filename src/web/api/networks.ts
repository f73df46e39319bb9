/**
 * Contact circles (contactcirkels), key figures (sleutelfiguren) and networks such as the SNRP:
 * the types and calls of /contact-circles, /key-figures and /networks.
 */
import { api } from './client.js';
import type { List } from './types.js';

const enc = encodeURIComponent;

// --- Key figures -------------------------------------------------------------------------------------

export interface KeyFigure {
  id: string;
  name: string;
  organisation: string;
  role: string;
  phone: string | null;
  email: string | null;
  municipalityId: string | null;
  municipalityName: string | null;
  consentGivenOn: string | null;
  consentScope: string | null;
  hasConsent: boolean;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface KeyFigureInput {
  name: string;
  organisation: string;
  role: string;
  phone: string | null;
  email: string | null;
  municipalityId: string | null;
  consentGivenOn: string | null;
  consentScope: string | null;
  active: boolean;
}

export interface KeyFigureQuery {
  limit?: number;
  cursor?: string | null;
  active?: 'true' | 'false';
  withConsent?: 'true' | 'false';
  municipalityId?: string;
  q?: string;
}

export const listKeyFigures = (query: KeyFigureQuery = {}) => api.get<List<KeyFigure>>('/key-figures', { query });
export const getKeyFigure = (id: string) => api.get<KeyFigure>(`/key-figures/${enc(id)}`);
export const createKeyFigure = (body: KeyFigureInput) => api.post<KeyFigure>('/key-figures', body);
export const updateKeyFigure = (id: string, body: Partial<KeyFigureInput> & { version: number }) =>
  api.patch<KeyFigure>(`/key-figures/${enc(id)}`, body);
export const deleteKeyFigure = (id: string) => api.delete(`/key-figures/${enc(id)}`);

/** Every key figure the query finds (pages of 200, at most 1000). */
export async function allKeyFigures(query: Omit<KeyFigureQuery, 'limit' | 'cursor'> = {}): Promise<KeyFigure[]> {
  const all: KeyFigure[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 5; page++) {
    const result: List<KeyFigure> = await listKeyFigures({ ...query, limit: 200, cursor });
    all.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return all;
}

// --- Contact circles ---------------------------------------------------------------------------------

export const CONTACT_CIRCLE_STATUSES = ['in_progress', 'report_due', 'evaluation_due', 'closed'] as const;
export type ContactCircleStatus = (typeof CONTACT_CIRCLE_STATUSES)[number];
export type ContactCirclePhase =
  | 'step_1'
  | 'step_2'
  | 'step_3'
  | 'step_4'
  | 'step_5'
  | 'report'
  | 'evaluation'
  | 'closed';
export const OBSERVATION_KINDS = ['hard', 'soft', 'need'] as const;
export type ObservationKind = (typeof OBSERVATION_KINDS)[number];
export const CIRCLE_ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type CircleActionStatus = (typeof CIRCLE_ACTION_STATUSES)[number];

export interface ContactCircleSummary {
  id: string;
  incidentTitle: string;
  incidentOn: string;
  status: ContactCircleStatus;
  phase: ContactCirclePhase;
  currentStep: number | null;
  completedSteps: number;
  inviteeCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ContactCircleStep {
  step: number;
  key: string;
  titleNl: string;
  titleEn: string;
  completed: boolean;
  completedAt: string | null;
  completedByName: string | null;
  notes: string | null;
}

export interface ContactCircleInvitee {
  id: string;
  keyFigureId: string;
  name: string;
  organisation: string;
  role: string;
  phone: string | null;
  email: string | null;
  invitedAt: string;
}

export interface ContactCircleObservation {
  id: string;
  kind: ObservationKind;
  description: string;
  createdAt: string;
}

export interface ContactCircleAction {
  id: string;
  title: string;
  owner: string;
  dueOn: string | null;
  status: CircleActionStatus;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ContactCircle {
  id: string;
  incidentTitle: string;
  incidentOn: string;
  description: string | null;
  status: ContactCircleStatus;
  phase: ContactCirclePhase;
  currentStep: number | null;
  completedSteps: number;
  steps: ContactCircleStep[];
  meeting: { heldAt: string | null; location: string | null };
  invitees: ContactCircleInvitee[];
  signalsAndNeeds: ContactCircleObservation[];
  actions: ContactCircleAction[];
  report: { text: string; writtenAt: string; writtenByName: string | null } | null;
  evaluation: {
    findings: string;
    whatWentWell: string | null;
    improvements: string | null;
    evaluatedAt: string;
    evaluatedByName: string | null;
  } | null;
  allowed: {
    editDetails: boolean;
    arrangeMeeting: boolean;
    invite: boolean;
    recordSignalOrNeed: boolean;
    addAction: boolean;
    updateAction: boolean;
    writeReport: boolean;
    writeEvaluation: boolean;
  };
  createdAt: string;
  updatedAt: string;
  version: number;
}

const circle = (id: string, rest = '') => `/contact-circles/${enc(id)}${rest}`;

export const listContactCircles = (query: { limit?: number; cursor?: string | null; status?: ContactCircleStatus }) =>
  api.get<List<ContactCircleSummary>>('/contact-circles', { query });
export const getContactCircle = (id: string) => api.get<ContactCircle>(circle(id));
export const createContactCircle = (body: { incidentTitle: string; incidentOn: string; description: string | null }) =>
  api.post<ContactCircle>('/contact-circles', body);
export const updateContactCircle = (
  id: string,
  body: { incidentTitle?: string; incidentOn?: string; description?: string | null; version: number },
) => api.patch<ContactCircle>(circle(id), body);
export const completeContactCircleStep = (id: string, step: number, body: { notes: string | null; version: number }) =>
  api.post<ContactCircle>(circle(id, `/steps/${step}/completion`), body);
export const setContactCircleMeeting = (id: string, body: { heldAt: string; location: string; version: number }) =>
  api.put<ContactCircle>(circle(id, '/meeting'), body);
export const inviteKeyFigure = (id: string, keyFigureId: string) =>
  api.post<ContactCircleInvitee>(circle(id, '/invitees'), { keyFigureId });
export const withdrawInvitation = (id: string, inviteeId: string) =>
  api.post<void>(circle(id, `/invitees/${enc(inviteeId)}/removal`), {});
export const addObservation = (id: string, body: { kind: ObservationKind; description: string }) =>
  api.post<ContactCircleObservation>(circle(id, '/signals-and-needs'), body);
export const addCircleAction = (
  id: string,
  body: { title: string; owner: string; dueOn: string | null; status?: CircleActionStatus },
) => api.post<ContactCircleAction>(circle(id, '/actions'), body);
export const updateCircleAction = (
  id: string,
  actionId: string,
  body: { title?: string; owner?: string; dueOn?: string | null; status?: CircleActionStatus; version: number },
) => api.patch<ContactCircleAction>(circle(id, `/actions/${enc(actionId)}`), body);
export const writeCircleReport = (id: string, body: { text: string; version: number }) =>
  api.put<ContactCircle>(circle(id, '/report'), body);
export const writeCircleEvaluation = (
  id: string,
  body: { findings: string; whatWentWell: string | null; improvements: string | null; version: number },
) => api.put<ContactCircle>(circle(id, '/evaluation'), body);

// --- Networks ----------------------------------------------------------------------------------------

export const NETWORK_KINDS = ['strategic', 'operational', 'community', 'other'] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

export interface Network {
  id: string;
  name: string;
  description: string | null;
  kind: NetworkKind;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface NetworkMember {
  id: string;
  networkId: string;
  kind: 'key_figure' | 'user';
  keyFigureId: string | null;
  userId: string | null;
  name: string;
  organisation: string;
  role: string;
  addedAt: string;
}

export interface NetworkMeeting {
  id: string;
  networkId: string;
  heldOn: string;
  notes: string | null;
  createdAt: string;
}

export interface NetworkSignal {
  id: string;
  networkId: string;
  observedOn: string;
  theme: string;
  description: string;
  createdAt: string;
}

export interface NetworkActivity {
  id: string;
  networkId: string;
  title: string;
  heldOn: string;
  description: string | null;
  createdAt: string;
}

const network = (id: string, rest = '') => `/networks/${enc(id)}${rest}`;
type Page = { limit?: number; cursor?: string | null };

export const listNetworks = (query: Page = {}) => api.get<List<Network>>('/networks', { query });
export const getNetwork = (id: string) => api.get<Network>(network(id));
export const createNetwork = (body: { name: string; kind: NetworkKind; description: string | null }) =>
  api.post<Network>('/networks', body);
export const updateNetwork = (
  id: string,
  body: { name?: string; kind?: NetworkKind; description?: string | null; version: number },
) => api.patch<Network>(network(id), body);
export const listNetworkMembers = (id: string, query: Page = {}) =>
  api.get<List<NetworkMember>>(network(id, '/members'), { query });
export const addNetworkMember = (id: string, body: { keyFigureId: string } | { userId: string }) =>
  api.post<NetworkMember>(network(id, '/members'), body);
export const removeNetworkMember = (id: string, memberId: string) =>
  api.post<void>(network(id, `/members/${enc(memberId)}/removal`), {});
export const listNetworkMeetings = (id: string, query: Page = {}) =>
  api.get<List<NetworkMeeting>>(network(id, '/meetings'), { query });
export const addNetworkMeeting = (id: string, body: { heldOn: string; notes: string | null }) =>
  api.post<NetworkMeeting>(network(id, '/meetings'), body);
export const listNetworkSignals = (id: string, query: Page = {}) =>
  api.get<List<NetworkSignal>>(network(id, '/signals'), { query });
export const addNetworkSignal = (id: string, body: { observedOn: string; theme: string; description: string }) =>
  api.post<NetworkSignal>(network(id, '/signals'), body);
export const listNetworkActivities = (id: string, query: Page = {}) =>
  api.get<List<NetworkActivity>>(network(id, '/activities'), { query });
export const addNetworkActivity = (id: string, body: { title: string; heldOn: string; description: string | null }) =>
  api.post<NetworkActivity>(network(id, '/activities'), body);
