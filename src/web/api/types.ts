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
  'privacy_contact',
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
  | 'tokens:own'
  | 'consent:decide';

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
  /** The role the user holds in this region. */
  role: Role;
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
  /** The password was set by an admin: it must be changed before anything else. */
  mustChangePassword: boolean;
  /** This session must enrol a second factor (or, under the region's policy, a passkey) first. */
  secondFactorPending: boolean;
  /** The region requires a passkey of this role. */
  passkeyRequired: boolean;
  passkeyCount: number;
  signedInWith: 'authenticator_app' | 'passkey' | 'identity_provider' | 'enrolment' | null;
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
  /** The current region is its home region and administers its users. */
  administered: boolean;
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
  /** The role in effect in the current region, or null. */
  role: Role | null;
  /** A role requested in the current region that awaits a second admin, or null. */
  requestedRole: Role | null;
  organisationId: string;
  organisationName: string;
  /** The current region administers the account (its organisation's home region). */
  administered: boolean;
  locale: Locale;
  secondFactorEnrolled: boolean;
  passwordMustChange: boolean;
  disabled: boolean;
  createdAt: string;
  version: number;
}

export const GRANT_STATUSES = ['requested', 'active', 'refused', 'withdrawn', 'revoked', 'superseded'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];
export type GrantDecision = 'approval' | 'refusal' | 'withdrawal' | 'revocation';

export interface RoleGrant {
  id: string;
  user: { id: string; name: string; email: string; organisationName: string };
  role: Role;
  status: GrantStatus;
  reason: string;
  requestedBy: { id: string; name: string } | null;
  requestedAt: string;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  decisionReason: string | null;
  endedBy: { id: string; name: string } | null;
  endedAt: string | null;
  endReason: string | null;
  fourEyes: boolean;
  version: number;
}

export type TokenAccess = 'read' | 'read_write';

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  access: TokenAccess;
  /** The resources it may reach; null = all. */
  resources: string[] | null;
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
