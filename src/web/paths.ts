/** The app's addresses (Dutch, like the interface). */
export const paths = {
  home: '/',
  signIn: '/inloggen',
  enrolment: '/tweestapsverificatie',
  password: '/wachtwoord',
  passkeys: '/passkeys',
  signInAdmin: '/beheer/inloggen',
  regions: '/beheer/regios',
  organisations: '/beheer/organisaties',
  municipalities: '/beheer/gemeenten',
  users: '/beheer/gebruikers',
  roleGrants: '/beheer/rollen',
  failedJobs: '/beheer/achtergrondtaken',
  accessLog: '/toegangslog',
  apiTokens: '/api-tokens',
  newItem: 'nieuw',
  // The case approach (issue 3) lives under the addresses agreed between its web pages.
  signals: '/signals',
  triage: '/triage',
  linkRequests: '/link-requests',
  assessments: '/assessments',
  persons: '/persons',
  cases: '/cases',
  meetings: '/meetings',
  monitoring: '/monitoring',
  notifications: '/notifications',
  // The programme (issue 5): catalogue, implementation plans, evaluations, quick scans.
  interventions: '/programme/interventions',
  implementationPlans: '/programme/implementation-plans',
  districtComparison: '/programme/district',
  evaluations: '/programme/evaluations',
  quickScans: '/programme/quick-scans',
  // Contact circles, networks and key figures.
  contactCircles: '/contact-circles',
  networks: '/networks',
  keyFigures: '/key-figures',
  // Expertise and the newsletter.
  trainings: '/expertise/trainings',
  attentionOfficers: '/expertise/attention-officers',
  expertisePool: '/expertise/pool',
  newsletter: '/newsletter',
  // Reports and the executive dashboard.
  reports: '/reports',
  dashboard: '/dashboard',
  // The privacy officer's work (issue 4) beyond the access log.
  covenants: '/privacy/covenants',
  subjectAccess: '/privacy/subject-access',
  rectification: '/privacy/requests',
  retention: '/privacy/retention',
  breakGlassReview: '/privacy/break-glass',
  // Consent asked of the source (issue 12): the source organisation's privacy contact decides.
  consentRequests: '/privacy/consent-requests',
} as const;

/** "New" pages of the case approach: /signals/new, /assessments/new?personId=…&caseId=… */
export const newCasePath = (base: string) => `${base}/new`;

export const itemPath = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;
export const newPath = (base: string) => `${base}/${paths.newItem}`;
