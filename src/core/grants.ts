/**
 * Role grants: what a user may do is a role granted per region (user × region × role), never a global
 * role. The rules of granting, as pure functions: which roles need a second admin (four eyes), who
 * may decide a request, and which transitions a grant can make. No HTTP, no SQL.
 */
import type { Role } from './roles.js';

export const GRANT_STATUSES = ['requested', 'active', 'refused', 'withdrawn', 'revoked', 'superseded'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/**
 * Roles that can see personal data (case content, staff accounts, key figures, the access log) take
 * two different admins to grant: one requests, another approves. The admin role is among them: it can
 * request grants and administer accounts. Policy officers and executives see aggregates only.
 */
const SINGLE_ADMIN_ROLES: ReadonlySet<Role> = new Set(['policy_officer', 'executive']);

export function requiresFourEyes(role: Role): boolean {
  return !SINGLE_ADMIN_ROLES.has(role);
}

export type GrantDecision = 'approve' | 'refuse' | 'withdraw' | 'revoke';

export interface GrantFacts {
  status: GrantStatus;
  role: Role;
  userId: string;
  requestedBy: string | null;
}

/** Why a decision is not allowed, or null when it is. */
export type GrantRefusal =
  | { kind: 'illegal_transition'; from: GrantStatus }
  | { kind: 'four_eyes'; detail: string }
  | { kind: 'self'; detail: string };

const NEXT: Record<GrantDecision, { from: GrantStatus; to: GrantStatus }> = {
  approve: { from: 'requested', to: 'active' },
  refuse: { from: 'requested', to: 'refused' },
  withdraw: { from: 'requested', to: 'withdrawn' },
  revoke: { from: 'active', to: 'revoked' },
};

/** The status a decision leads to. */
export function statusAfter(decision: GrantDecision): GrantStatus {
  return NEXT[decision].to;
}

/**
 * May admin `by` take `decision` on this grant? Four eyes: nobody approves a request of their own or a
 * grant for themselves. Only the requester withdraws a request; any other admin refuses it. Revoking is
 * immediate and needs one admin, but never one's own admin grant (that would lock the region out by
 * accident; another admin does it).
 */
export function checkGrantDecision(grant: GrantFacts, decision: GrantDecision, by: string): GrantRefusal | null {
  if (grant.status !== NEXT[decision].from) return { kind: 'illegal_transition', from: grant.status };
  switch (decision) {
    case 'approve':
      if (grant.requestedBy === by) {
        return { kind: 'four_eyes', detail: 'A second admin approves this request, not the admin who made it.' };
      }
      if (grant.userId === by) return { kind: 'four_eyes', detail: 'Nobody approves a grant for themselves.' };
      return null;
    case 'refuse':
      if (grant.requestedBy === by)
        return { kind: 'self', detail: 'Withdraw your own request instead of refusing it.' };
      return null;
    case 'withdraw':
      if (grant.requestedBy !== by)
        return { kind: 'self', detail: 'Only the admin who made the request withdraws it.' };
      return null;
    case 'revoke':
      if (grant.userId === by && grant.role === 'admin') {
        return { kind: 'self', detail: 'Another admin revokes your own admin grant.' };
      }
      return null;
  }
}

/** Does a new request take effect at once (one admin suffices), or wait for a second admin? */
export function statusOnRequest(role: Role): GrantStatus {
  return requiresFourEyes(role) ? 'requested' : 'active';
}

/**
 * Who administers a user's account (create, disable, reset second factor or password): the admins of
 * the home region of the user's organisation, and nobody else.
 */
export function administersAccount(adminRegionId: string, organisationHomeRegionId: string | null): boolean {
  return organisationHomeRegionId !== null && organisationHomeRegionId === adminRegionId;
}
