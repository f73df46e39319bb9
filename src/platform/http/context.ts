import type { Role } from '../../core/roles.js';
import type { SignInMethod } from '../../core/sign-in.js';
import type { TokenScope } from '../../core/token-scope.js';
import type { AuditActor } from '../../modules/access-log/record.js';

/** The signed-in user as every use case sees it. */
export interface Actor {
  userId: string;
  organisationId: string;
  role: Role;
  regionId: string;
  email: string;
  name: string;
  locale: 'nl' | 'en';
  via: 'session' | 'token';
  /** False while a new account still has to enrol its second factor. */
  secondFactorOk: boolean;
  /** True while the session may do nothing but change its admin-set password. */
  mustChangePassword: boolean;
  csrfToken: string | null;
  /** The scope of the API token the request came with (null for a session). */
  tokenScope: TokenScope | null;
  /**
   * The request's time from deps.now (set by the auth hook). SQL conditions that compare with "now"
   * (e.g. break-the-glass expiry in caseVisibleTo) use it, so tests can move the clock.
   */
  now?: Date;
  /** How the session was made (absent for API tokens); `passkeyDue`: the region's policy still asks for a passkey. */
  signIn?: { method: SignInMethod; acr: string | null; passkeyVerified: boolean; passkeyDue: boolean };
}

export function auditActor(actor: Actor, traceId: string): AuditActor {
  return {
    userId: actor.userId,
    organisationId: actor.organisationId,
    role: actor.role,
    regionId: actor.regionId,
    traceId,
  };
}
