/** Shapes of the Schakel REST API (/api/v1) as the web app uses them. */

export const ROLES = [
  'admin',
  'process_director',
  'case_coordinator',
  'partner',
  'expert',
  'network_director',
  'policy_officer',
  'executive',
  'privacy_officer',
] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | 'organisations:read'
  | 'organisations:manage'
  | 'users:read'
  | 'users:manage'
  | 'access-log:read'
  | 'cases:work'
  | 'programme:work'
  | 'programme:contacts'
  | 'reports:read'
  | 'tokens:own';

export const ORGANISATION_TYPES = [
  'municipality',
  'police',
  'public_prosecutor',
  'mental_health',
  'youth_protection',
  'probation',
  'child_protection_board',
  'safety_house',
  'education',
  'welfare',
  'expertise_pool',
  'other',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export type Locale = 'nl' | 'en';

export interface Instance {
  demo: boolean;
  name: string;
}

export interface RegionRef {
  id: string;
  code: string;
  name: string;
  isDemo: boolean;
}

export interface Me {
  user: {
    id: string;
    email: string;
    name: string;
    role: Role;
    locale: Locale;
    organisation: { id: string; name: string; type: string };
  };
  region: RegionRef;
  regions: RegionRef[];
  permissions: Permission[];
  secondFactorEnrolled: boolean;
  csrfToken: string | null;
}

export interface List<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Region extends RegionRef {
  version: number;
}

export interface Organisation {
  id: string;
  name: string;
  type: OrganisationType;
  version: number;
}

export interface Municipality {
  id: string;
  name: string;
  cbsCode: string | null;
  district: string | null;
  isCoordinating: boolean;
  organisationId: string | null;
  version: number;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string;
  organisationName: string;
  locale: Locale;
  secondFactorEnrolled: boolean;
  disabled: boolean;
  createdAt: string;
  version: number;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

export const ACCESS_ACTIONS = ['read', 'create', 'update', 'delete', 'export', 'destroy', 'break_glass'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

export interface AccessLogEntry {
  id: string;
  seq: number;
  occurredAt: string;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  actorRole: string | null;
  action: string;
  recordType: string;
  recordId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  purposeType: string;
  purposeId: string | null;
  result: string;
  traceId: string;
}

/** RFC 9457 problem details as the API sends them. */
export interface FieldProblem {
  in: 'body' | 'query' | 'path' | 'header';
  location: { pointer: string };
  code: string;
  detail: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldProblem[];
}
