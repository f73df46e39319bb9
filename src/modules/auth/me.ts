import { z } from 'zod';
import { DomainError } from '../../core/errors.js';
import { permissionsOf, ROLES, requiresSecondFactor } from '../../core/roles.js';
import type { SignInMethod } from '../../core/sign-in.js';
import { withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { passkeyCountOf } from './passkeys.js';
import { activeGrantsOf } from './queries.js';
import { passkeysRequiredIn } from './sign-in-policy.js';

const RegionRef = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  isDemo: z.boolean(),
  /** The role the user holds in this region (a grant in effect). */
  role: z.enum(ROLES),
});

export const MeSchema = z
  .object({
    user: z.object({
      id: z.uuid(),
      email: z.string(),
      name: z.string(),
      role: z.enum(ROLES),
      locale: z.enum(['nl', 'en']),
      organisation: z.object({ id: z.uuid(), name: z.string(), type: z.string() }),
    }),
    region: RegionRef,
    regions: z.array(RegionRef),
    permissions: z.array(z.string()),
    secondFactorEnrolled: z.boolean(),
    /** Whether this role must use a second factor (every role that can see personal data). */
    secondFactorRequired: z.boolean(),
    /** The password was set by an admin: nothing else is possible until the user has changed it. */
    mustChangePassword: z.boolean(),
    /** This session must enrol a second factor (or, under the region's policy, a passkey) first. */
    secondFactorPending: z.boolean(),
    /** The region requires a passkey of this role (a TOTP code is then not enough). */
    passkeyRequired: z.boolean(),
    passkeyCount: z.number().int(),
    /** The second step of this session's sign-in (null for an API token; `enrolment`: none yet). */
    signedInWith: z.enum(['authenticator_app', 'passkey', 'identity_provider', 'enrolment']).nullable(),
    csrfToken: z.string().nullable(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

const SIGNED_IN_WITH = {
  password: 'enrolment',
  password_totp: 'authenticator_app',
  password_passkey: 'passkey',
  oidc: 'identity_provider',
} as const satisfies Record<SignInMethod, string>;

export async function describeMe(deps: Deps, actor: Actor): Promise<Me> {
  return withTx(deps.db, { regionId: actor.regionId, organisationId: actor.organisationId }, async (tx) => {
    const org = await tx
      .selectFrom('organisations')
      .select(['id', 'name', 'type'])
      .where('id', '=', actor.organisationId)
      .executeTakeFirstOrThrow();
    const user = await tx
      .selectFrom('users')
      .select(['totp_enrolled_at'])
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    const passkeyCount = await passkeyCountOf(tx, actor.userId);
    const passkeyRequired = await passkeysRequiredIn(tx, actor.regionId, actor.role);
    const regions = (await activeGrantsOf(tx, actor.userId)).map((g) => ({
      id: g.regionId,
      code: g.code,
      name: g.name,
      isDemo: g.isDemo,
      role: g.role,
    }));
    const region = regions.find((r) => r.id === actor.regionId) ?? regions[0];
    // The grant was revoked between resolving the session and now: the session has ended.
    if (!region) throw new DomainError('UNAUTHENTICATED', 'You are not signed in.');
    return {
      user: {
        id: actor.userId,
        email: actor.email,
        name: actor.name,
        role: actor.role,
        locale: actor.locale,
        organisation: org,
      },
      region,
      regions,
      permissions: [...permissionsOf(actor.role)],
      secondFactorEnrolled: user.totp_enrolled_at !== null || passkeyCount > 0,
      secondFactorRequired: requiresSecondFactor(actor.role),
      mustChangePassword: actor.mustChangePassword,
      secondFactorPending: !actor.secondFactorOk,
      passkeyRequired,
      passkeyCount,
      signedInWith: actor.signIn ? SIGNED_IN_WITH[actor.signIn.method] : null,
      csrfToken: actor.csrfToken,
    };
  });
}
