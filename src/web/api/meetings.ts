/** Case conferences (casusoverleggen): agenda, attendance, the BOB steps per case and the minutes. */
import type { ContributionInput, LegalRegime, NamedRef, Scope } from './cases.js';
import { API_BASE, api } from './client.js';
import type { List } from './types.js';

export const MEETING_STATUSES = ['scheduled', 'in_progress', 'held', 'minutes_approved', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const AGENDA_ITEM_STATUSES = ['pending', 'discussed', 'deferred'] as const;
export type AgendaItemStatus = (typeof AGENDA_ITEM_STATUSES)[number];

export interface Meeting {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  status: MeetingStatus;
  chair: NamedRef;
  isChair: boolean;
  allowedTransitions: MeetingStatus[];
  minutesApprovedAt: string | null;
  createdAt: string;
  version: number;
}

export interface Attendance {
  organisationId: string;
  organisationName: string;
  present: boolean;
  attendees: string | null;
}

export interface AgendaItem {
  id: string;
  meetingId: string;
  position: number;
  status: AgendaItemStatus;
  case: { id: string; reference: string; phase: string; subjectName: string };
  version: number;
}

export interface MeetingDetail extends Meeting {
  attendance: Attendance[];
  agendaItems: AgendaItem[];
}

export interface PictureContribution {
  id: string;
  caseId: string;
  meetingId: string | null;
  body: string;
  legalRegime: LegalRegime;
  legalRegimeReason: string | null;
  scope: Scope;
  sourceOrganisation: { id: string; name: string; type: string };
  policeOrProsecution: boolean;
  author: NamedRef;
  createdAt: string;
}

export interface Decision {
  id: string;
  caseId: string;
  agendaItemId: string;
  title: string;
  description: string | null;
  ownerOrganisation: NamedRef;
  ownerUser: NamedRef | null;
  dueOn: string;
  status: string;
  createdAt: string;
  version: number;
}

export interface AgendaItemDetail extends AgendaItem {
  judgement: string | null;
  contributions: PictureContribution[];
  decisions: Decision[];
}

export interface Minutes {
  meetingId: string;
  status: MeetingStatus;
  notes: string | null;
  approved: boolean;
  approvedAt: string | null;
  approvedBy: NamedRef | null;
  version: number;
}

const m = (id: string) => `/meetings/${encodeURIComponent(id)}`;
const item = (id: string, itemId: string) => `${m(id)}/agenda-items/${encodeURIComponent(itemId)}`;

export const listMeetings = (query: { when: 'upcoming' | 'past'; cursor?: string | null; limit?: number }) =>
  api.get<List<Meeting>>('/meetings', { query });
export interface MeetingInput {
  title: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
}
export const createMeeting = (body: MeetingInput) => api.post<Meeting>('/meetings', body);
export const getMeeting = (id: string) => api.get<MeetingDetail>(m(id));
export const updateMeeting = (id: string, body: Partial<MeetingInput> & { version: number }) =>
  api.patch<Meeting>(m(id), body);
export const transitionMeeting = (id: string, to: MeetingStatus, version: number) =>
  api.post<Meeting>(`${m(id)}/transitions`, { to, version });
export const saveAttendance = (
  id: string,
  body: { organisationId: string; present: boolean; attendees?: string | null }[],
) => api.put<{ items: Attendance[] }>(`${m(id)}/attendance`, body);

export const addAgendaItem = (id: string, caseId: string) => api.post<AgendaItem>(`${m(id)}/agenda-items`, { caseId });
export const getAgendaItem = (id: string, itemId: string) => api.get<AgendaItemDetail>(item(id, itemId));
export const updateAgendaItem = (
  id: string,
  itemId: string,
  body: { position?: number; status?: AgendaItemStatus; version: number },
) => api.patch<AgendaItem>(item(id, itemId), body);
export const removeAgendaItem = (id: string, itemId: string) => api.delete(item(id, itemId));

export const addPictureContribution = (id: string, itemId: string, body: Omit<ContributionInput, 'meetingId'>) =>
  api.post<PictureContribution>(`${item(id, itemId)}/contributions`, body);
export const saveJudgement = (id: string, itemId: string, body: { judgement: string; version: number }) =>
  api.put<AgendaItemDetail>(`${item(id, itemId)}/judgement`, body);
export interface DecisionInput {
  title: string;
  description?: string | null;
  ownerOrganisationId: string;
  ownerUserId?: string | null;
  dueOn: string;
}
export const addDecision = (id: string, itemId: string, body: DecisionInput) =>
  api.post<Decision>(`${item(id, itemId)}/decisions`, body);

export const getMinutes = (id: string) => api.get<Minutes>(`${m(id)}/minutes`);
export const saveMinutes = (id: string, body: { notes: string; version: number }) =>
  api.put<Minutes>(`${m(id)}/minutes`, body);
export const approveMinutes = (id: string, version: number) =>
  api.post<Minutes>(`${m(id)}/minutes/approval`, { version });
export const minutesPdfUrl = (id: string) => `${API_BASE}${m(id)}/minutes.pdf`;
export const invitationIcsUrl = (id: string) => `${API_BASE}${m(id)}/invitation.ics`;
