/**
 * How a user signs in (issue 15), as rules without HTTP or SQL: the methods, the passkey policy of a
 * region, and the reasons a single sign-on attempt is refused.
 */
import { type Role, requiresSecondFactor } from './roles.js';

/** How a session was made. `password` alone only opens a session that must enrol a second factor. */
export const SIGN_IN_METHODS = ['password', 'password_totp', 'password_passkey', 'oidc'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/**
 * Does this session still have to register (or sign in with) a passkey before it may do anything?
 * Only where the region requires passkeys, only for roles that see personal data, and never for a
 * session from the organisation's identity provider (its own multi-factor policy applies there; the
 * `acr` it reported is recorded with the session).
 */
export function passkeyPending(input: {
  policyRequiresPasskeys: boolean;
  role: Role;
  method: SignInMethod;
  passkeyVerified: boolean;
}): boolean {
  if (!input.policyRequiresPasskeys || !requiresSecondFactor(input.role)) return false;
  if (input.method === 'oidc') return false;
  return !input.passkeyVerified;
}

/**
 * Why a single sign-on attempt failed. Each is a label in the catalogue (`signInRefusals`), shown on
 * the sign-in page in the user's language, and the code of the security event.
 */
export const OIDC_REFUSALS = [
  'oidc_unavailable',
  'oidc_no_transaction',
  'oidc_state',
  'oidc_response',
  'oidc_unknown_account',
  'oidc_no_role',
  'oidc_provider_error',
] as const;
export type OidcRefusal = (typeof OIDC_REFUSALS)[number];

export function isOidcRefusal(value: string): value is OidcRefusal {
  return (OIDC_REFUSALS as readonly string[]).includes(value);
}

/** A sign-in at the provider must come back within this time. */
export const OIDC_SIGN_IN_TTL_MS = 10 * 60_000;
/** A passkey challenge handed out after the password is valid this long. */
export const PASSKEY_CHALLENGE_TTL_MS = 5 * 60_000;
