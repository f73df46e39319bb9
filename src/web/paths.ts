/** The app's addresses (Dutch, like the interface). */
export const paths = {
  home: '/',
  signIn: '/inloggen',
  enrolment: '/tweestapsverificatie',
  regions: '/beheer/regios',
  organisations: '/beheer/organisaties',
  municipalities: '/beheer/gemeenten',
  users: '/beheer/gebruikers',
  accessLog: '/toegangslog',
  apiTokens: '/api-tokens',
  newItem: 'nieuw',
  // The case approach (issue 3) lives under the addresses agreed between its web pages.
  signals: '/signals',
  triage: '/triage',
  assessments: '/assessments',
  persons: '/persons',
  cases: '/cases',
  meetings: '/meetings',
  monitoring: '/monitoring',
  notifications: '/notifications',
} as const;

/** "New" pages of the case approach: /signals/new, /assessments/new?personId=…&caseId=… */
export const newCasePath = (base: string) => `${base}/new`;

export const itemPath = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;
export const newPath = (base: string) => `${base}/${paths.newItem}`;
