import { describe, expect, it } from 'vitest';
import {
  administersAccount,
  checkGrantDecision,
  type GrantFacts,
  requiresFourEyes,
  statusOnRequest,
} from './grants.js';
import { ROLES } from './roles.js';

const request = (over: Partial<GrantFacts> = {}): GrantFacts => ({
  status: 'requested',
  role: 'process_director',
  userId: 'user',
  requestedBy: 'admin-a',
  ...over,
});

describe('four eyes', () => {
  it('every role that can see personal data needs a second admin; aggregates-only roles one', () => {
    const single = ROLES.filter((r) => !requiresFourEyes(r));
    expect(single.sort()).toEqual(['executive', 'policy_officer']);
    for (const r of ROLES) expect(statusOnRequest(r)).toBe(requiresFourEyes(r) ? 'requested' : 'active');
  });

  it('the requester never approves their own request, nor anyone a grant for themselves', () => {
    expect(checkGrantDecision(request(), 'approve', 'admin-a')).toMatchObject({ kind: 'four_eyes' });
    expect(checkGrantDecision(request({ userId: 'admin-b' }), 'approve', 'admin-b')).toMatchObject({
      kind: 'four_eyes',
    });
    expect(checkGrantDecision(request(), 'approve', 'admin-b')).toBeNull();
  });

  it('only the requester withdraws; another admin refuses', () => {
    expect(checkGrantDecision(request(), 'withdraw', 'admin-a')).toBeNull();
    expect(checkGrantDecision(request(), 'withdraw', 'admin-b')).toMatchObject({ kind: 'self' });
    expect(checkGrantDecision(request(), 'refuse', 'admin-b')).toBeNull();
    expect(checkGrantDecision(request(), 'refuse', 'admin-a')).toMatchObject({ kind: 'self' });
  });

  it('revoking takes one admin, but never one’s own admin grant', () => {
    const active = request({ status: 'active' });
    expect(checkGrantDecision(active, 'revoke', 'admin-a')).toBeNull();
    expect(
      checkGrantDecision(request({ status: 'active', role: 'admin', userId: 'admin-a' }), 'revoke', 'admin-a'),
    ).toMatchObject({
      kind: 'self',
    });
  });

  it('refuses every decision from a status it does not start from', () => {
    for (const status of ['active', 'refused', 'withdrawn', 'revoked', 'superseded'] as const) {
      for (const d of ['approve', 'refuse', 'withdraw'] as const) {
        expect(checkGrantDecision(request({ status }), d, 'admin-b')).toEqual({
          kind: 'illegal_transition',
          from: status,
        });
      }
    }
    for (const status of ['requested', 'refused', 'withdrawn', 'revoked', 'superseded'] as const) {
      expect(checkGrantDecision(request({ status }), 'revoke', 'admin-b')).toEqual({
        kind: 'illegal_transition',
        from: status,
      });
    }
  });
});

describe('who administers an account', () => {
  it('only the home region of the user’s organisation', () => {
    expect(administersAccount('r1', 'r1')).toBe(true);
    expect(administersAccount('r2', 'r1')).toBe(false);
    expect(administersAccount('r1', null)).toBe(false);
  });
});
