/**
 * The scope of a personal API token, chosen when it is created: read-only or read-write, and the API
 * resources (the first path segment under /api/v1, such as `cases` or `signals`) it may reach. Pure.
 */
export const TOKEN_ACCESS = ['read', 'read_write'] as const;
export type TokenAccess = (typeof TOKEN_ACCESS)[number];

export interface TokenScope {
  access: TokenAccess;
  /** null: every resource the user's role may reach. */
  resources: readonly string[] | null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Resources every token may read whatever its list: who am I, which installation. */
const ALWAYS_READABLE = new Set(['me', 'instance']);

/** The resource of a route template: '/api/v1/cases/:id/actions' → 'cases'. */
export function resourceOfRoute(route: string, prefix = '/api/v1'): string | null {
  const rest = route.startsWith(prefix) ? route.slice(prefix.length) : route;
  const segment = rest.split('/').find((s) => s.length > 0);
  return segment && !segment.startsWith(':') ? segment : null;
}

export type ScopeVerdict = 'allowed' | 'read_only' | 'outside_resources';

export function tokenAllows(scope: TokenScope, method: string, resource: string | null): ScopeVerdict {
  const reading = SAFE_METHODS.has(method.toUpperCase());
  if (!reading && scope.access === 'read') return 'read_only';
  if (scope.resources === null) return 'allowed';
  if (resource !== null && reading && ALWAYS_READABLE.has(resource)) return 'allowed';
  return resource !== null && scope.resources.includes(resource) ? 'allowed' : 'outside_resources';
}
