/**
 * Test support: the actor of a user as the auth hook builds it for a session in a region — the role
 * comes from the user's grant in effect there. Not part of the build (tsconfig.build.json).
 */
import { isRole } from '../../core/roles.js';
import { type Db, withTx } from '../../platform/db/database.js';
import type { Actor } from '../../platform/http/context.js';

export async function actorInRegion(db: Db, email: string, regionId: string): Promise<Actor> {
  const u = await withTx(db, { regionId }, (tx) =>
    tx
      .selectFrom('users as u')
      .innerJoin('region_roles as rr', (j) => j.onRef('rr.user_id', '=', 'u.id').on('rr.region_id', '=', regionId))
      .select(['u.id', 'u.organisation_id', 'u.email', 'u.name', 'rr.role'])
      .where('u.email', '=', email)
      .executeTakeFirstOrThrow(),
  );
  if (!isRole(u.role)) throw new Error(`unknown role ${u.role}`);
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

/** A grant in effect written directly, as the demo seed does (no admin asked for it). */
export async function grantRoleDirectly(
  db: Db,
  grant: { userId: string; regionId: string; role: Actor['role'] },
): Promise<void> {
  await withTx(db, { regionId: grant.regionId }, (tx) =>
    tx
      .insertInto('role_grants')
      .values({
        region_id: grant.regionId,
        user_id: grant.userId,
        role: grant.role,
        status: 'active',
        reason: 'Testaccount',
        decided_at: new Date(),
      })
      .execute(),
  );
}
