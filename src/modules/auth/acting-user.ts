import { isRole } from '../../core/roles.js';
import type { Tx } from '../../platform/db/database.js';
import type { Actor } from '../../platform/http/context.js';

/**
 * The user on whose behalf a background job runs (an export, a newsletter send), as an actor with the
 * role in effect now in the job's region: the job does only what that user may do at the moment it
 * runs, and logs under their name. Null when the account is disabled or holds no role in the region
 * any more — a right revoked after the job was queued stops it.
 */
export async function actingUser(tx: Tx, regionId: string, userId: string): Promise<Actor | null> {
  const u = await tx
    .selectFrom('users as u')
    .innerJoin('region_roles as rr', (j) => j.onRef('rr.user_id', '=', 'u.id').on('rr.region_id', '=', regionId))
    .select(['u.id', 'u.organisation_id', 'u.email', 'u.name', 'rr.role'])
    .where('u.id', '=', userId)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!u || !isRole(u.role)) return null;
  return {
    userId: u.id,
    organisationId: u.organisation_id,
    role: u.role,
    regionId,
    email: u.email,
    name: u.name,
    locale: 'nl',
    via: 'session',
    secondFactorOk: true,
    mustChangePassword: false,
    csrfToken: null,
    tokenScope: null,
  };
}
