import { describe, expect, it } from 'vitest';
import {
  can,
  isRole,
  PERMISSIONS,
  type Permission,
  permissionsOf,
  ROLES,
  type Role,
  requiresSecondFactor,
} from './roles.js';

/** The grants of PRODUCT.md §1, written out independently of roles.ts so that a changed grant shows. */
const EXPECTED: Record<Role, Permission[]> = {
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

describe('roles.can', () => {
  it('knows the nine roles of PRODUCT.md and the privacy contact of issue 12', () => {
    expect([...ROLES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const role of ROLES) {
    it(`grants ${role} exactly its permissions`, () => {
      for (const permission of PERMISSIONS) {
        expect(can(role, permission), `${role} × ${permission}`).toBe(EXPECTED[role].includes(permission));
      }
      expect([...permissionsOf(role)].sort()).toEqual([...EXPECTED[role]].sort());
    });
  }

  it('keeps staff administration and the access log away from case workers', () => {
    for (const role of ['process_director', 'case_coordinator', 'partner', 'expert'] as const) {
      expect(can(role, 'users:manage')).toBe(false);
      expect(can(role, 'users:read')).toBe(false);
      expect(can(role, 'access-log:read')).toBe(false);
    }
  });

  it('gives only the privacy officer the access log and no-one but the admin user management', () => {
    expect(ROLES.filter((r) => can(r, 'access-log:read'))).toEqual(['privacy_officer']);
    expect(ROLES.filter((r) => can(r, 'users:manage'))).toEqual(['admin']);
    expect(ROLES.filter((r) => can(r, 'organisations:manage'))).toEqual(['admin']);
  });

  it('gives aggregate-only roles no case work', () => {
    expect(can('policy_officer', 'cases:work')).toBe(false);
    expect(can('executive', 'cases:work')).toBe(false);
    expect(can('admin', 'cases:work')).toBe(false);
    expect(can('privacy_officer', 'cases:work')).toBe(false);
  });

  it("gives the personal data of the programme's contacts only to the network director (who has a second factor)", () => {
    expect(ROLES.filter((r) => can(r, 'programme:contacts'))).toEqual(['network_director']);
    for (const role of ROLES) if (can(role, 'programme:contacts')) expect(requiresSecondFactor(role)).toBe(true);
  });

  it('recognises roles', () => {
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    for (const other of ['', 'Admin', 'root', 'superuser', 'admin ', 'toString', '__proto__']) {
      expect(isRole(other)).toBe(false);
    }
  });
});

describe('requiresSecondFactor', () => {
  it('is required for every role that can see personal data', () => {
    for (const role of ROLES) {
      if (role === 'policy_officer' || role === 'executive') continue;
      expect(requiresSecondFactor(role), role).toBe(true);
    }
  });

  it('is never required of the policy officer and the executive (aggregates only)', () => {
    expect(requiresSecondFactor('policy_officer')).toBe(false);
    expect(requiresSecondFactor('executive')).toBe(false);
  });

  it('is required of every role that may read users or the access log', () => {
    for (const role of ROLES) {
      if (can(role, 'users:read') || can(role, 'access-log:read') || can(role, 'cases:work')) {
        expect(requiresSecondFactor(role), role).toBe(true);
      }
    }
  });
});
