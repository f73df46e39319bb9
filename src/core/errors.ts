/**
 * Domain errors carry a stable code; the HTTP edge maps codes to status and problem+json
 * (src/platform/http/problem.ts). Domain code never throws HTTP errors.
 */
export const ERROR_CODES = {
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  SECOND_FACTOR_REQUIRED: 401,
  FORBIDDEN: 403,
  CSRF_TOKEN_INVALID: 403,
  ENROLMENT_REQUIRED: 403,
  /** An admin-set or reset password must be changed before anything else. */
  PASSWORD_CHANGE_REQUIRED: 403,
  /** The API token's scope (read-only, or its list of resources) does not reach this route. */
  TOKEN_SCOPE: 403,
  /** Four eyes: the approver of a request may not be the person who recorded it. */
  FOUR_EYES_REQUIRED: 403,
  STALE_VERSION: 409,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  BUSINESS_RULE: 422,
  /** Signed in correctly, but the account holds no role in effect in any region (yet). */
  NO_ROLE: 422,
  RATE_LIMITED: 429,
  INVALID_INPUT: 400,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldIssue {
  /** JSON pointer into the request part, e.g. "/email". */
  pointer: string;
  in: 'body' | 'query' | 'path' | 'header';
  code: string;
  detail: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: {
      fields?: FieldIssue[];
      retryAfterSeconds?: number;
      /** Write a security event for this refusal (every 403, and 404 by id, are written anyway). */
      securityEvent?: boolean;
    } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what = 'The resource') =>
  new DomainError('NOT_FOUND', `${what} does not exist or is not visible to you.`);
export const staleVersion = () =>
  new DomainError('STALE_VERSION', 'The record was changed by someone else since you loaded it. Reload and try again.');
export const forbidden = (message = 'Your role may not do this.') => new DomainError('FORBIDDEN', message);

/** A 422 naming every field a business rule refused (none when `issues` is empty: returns null). */
export function ruleViolation(
  message: string,
  issues: ReadonlyArray<{ pointer: string; code: string; detail: string }>,
): DomainError | null {
  if (issues.length === 0) return null;
  return new DomainError('BUSINESS_RULE', message, { fields: issues.map((i) => ({ in: 'body' as const, ...i })) });
}
