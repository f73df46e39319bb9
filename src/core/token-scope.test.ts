import { describe, expect, it } from 'vitest';
import { resourceOfRoute, tokenAllows } from './token-scope.js';

describe('token scope', () => {
  it('names the resource of a route template', () => {
    expect(resourceOfRoute('/api/v1/cases/:id/actions')).toBe('cases');
    expect(resourceOfRoute('/api/v1/me')).toBe('me');
    expect(resourceOfRoute('/api/v1/:id')).toBeNull();
    expect(resourceOfRoute('')).toBeNull();
  });

  it('a read-only token reads and never writes', () => {
    const scope = { access: 'read' as const, resources: null };
    for (const m of ['GET', 'HEAD', 'OPTIONS']) expect(tokenAllows(scope, m, 'cases')).toBe('allowed');
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(tokenAllows(scope, m, 'cases')).toBe('read_only');
  });

  it('a token with a resource list reaches those resources only (and may always ask who it is)', () => {
    const scope = { access: 'read_write' as const, resources: ['signals'] };
    expect(tokenAllows(scope, 'POST', 'signals')).toBe('allowed');
    expect(tokenAllows(scope, 'GET', 'cases')).toBe('outside_resources');
    expect(tokenAllows(scope, 'GET', 'me')).toBe('allowed');
    expect(tokenAllows(scope, 'DELETE', 'me')).toBe('outside_resources');
    expect(tokenAllows(scope, 'GET', null)).toBe('outside_resources');
  });
});
