/** Addresses of the case work. Only ids ever go into an address, never a name. */
export const CASE_SECTIONS = [
  'overview',
  'participants',
  'information',
  'timeline',
  'plan',
  'actions',
  'reviews',
  'safeguards',
  'lifecycle',
  'evaluation',
] as const;
export type CaseSection = (typeof CASE_SECTIONS)[number];

export const casesPath = '/cases';
export const meetingsPath = '/meetings';
export const newMeetingPath = '/meetings/new';

export function casePath(id: string, section: CaseSection = 'overview'): string {
  const base = `${casesPath}/${encodeURIComponent(id)}`;
  return section === 'overview' ? base : `${base}/${section}`;
}

export function meetingPath(id: string): string {
  return `${meetingsPath}/${encodeURIComponent(id)}`;
}

export function agendaItemPath(meetingId: string, itemId: string): string {
  return `${meetingPath(meetingId)}/items/${encodeURIComponent(itemId)}`;
}

/** The other engineer's assessment form, opened for this case's subject. */
export function newAssessmentPath(personId: string, caseId: string): string {
  const query = new URLSearchParams({ personId, caseId });
  return `/assessments/new?${query.toString()}`;
}
