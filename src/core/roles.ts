/**
 * Roles (PRODUCT.md §1) and what each may do, as data. Pure: no HTTP, no SQL.
 */
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
  /** A chain partner's privacy contact: decides whether its organisation's items may be disclosed. */
  'privacy_contact',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'organisations:read',
  'organisations:manage',
  'users:read',
  'users:manage',
  'access-log:read',
  'cases:work',
  'programme:work',
  /**
   * The personal data of the programme's contacts: key figures, network members, contact circles,
   * training participants, attention officers, newsletter subscribers. Only for roles that use a
   * second factor (the policy officer works with aggregates and has none).
   */
  'programme:contacts',
  'reports:read',
  'tokens:own',
  /** Decide consent requests about the own organisation's items (subject access). */
  'consent:decide',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ['organisations:read', 'organisations:manage', 'users:read', 'users:manage', 'tokens:own'],
  process_director: ['organisations:read', 'cases:work', 'reports:read', 'tokens:own'],
  case_coordinator: ['organisations:read', 'cases:work', 'tokens:own'],
  partner: ['organisations:read', 'cases:work', 'tokens:own'],
  expert: ['organisations:read', 'cases:work', 'tokens:own'],
  network_director: ['organisations:read', 'programme:work', 'programme:contacts', 'reports:read', 'tokens:own'],
  policy_officer: ['organisations:read', 'programme:work', 'reports:read', 'tokens:own'],
  executive: ['reports:read'],
  privacy_officer: ['organisations:read', 'users:read', 'access-log:read', 'tokens:own'],
  privacy_contact: ['organisations:read', 'consent:decide'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}

/**
 * Roles that see personal data (of subjects, of staff, or of who looked at whom) must use a second
 * factor. Policy officers and executives only ever see aggregates.
 */
export function requiresSecondFactor(role: Role): boolean {
  return role !== 'policy_officer' && role !== 'executive';
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
