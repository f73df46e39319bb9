import { z } from 'zod';
import { permissionsOf, ROLES, requiresSecondFactor } from '../../core/roles.js';
import { withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { regionsOfOrganisation } from './queries.js';

const RegionRef = z.object({ id: z.uuid(), code: z.string(), name: z.string(), isDemo: z.boolean() });

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
    csrfToken: z.string().nullable(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

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
    const regions = (await regionsOfOrganisation(tx, actor.organisationId)).map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      isDemo: r.is_demo,
    }));
    const region = regions.find((r) => r.id === actor.regionId) ?? regions[0];
    if (!region) throw new Error('session region vanished');
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
      secondFactorEnrolled: user.totp_enrolled_at !== null,
      secondFactorRequired: requiresSecondFactor(actor.role),
      csrfToken: actor.csrfToken,
    };
  });
}
