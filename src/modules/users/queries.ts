import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import type { Actor } from '../../platform/http/context.js';

/**
 * The accounts an admin (or privacy officer) of the actor's region may see: users of the organisations
 * the region administers (their home region), and users who hold or were asked a grant in this region.
 * Nothing else — an admin of one region never sees the accounts of another's organisations.
 */
export function usersInRegion(tx: Tx, actor: Actor) {
  return tx
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select([
      'u.id',
      'u.email',
      'u.name',
      'u.organisation_id',
      'o.name as organisation_name',
      'o.home_region_id',
      'u.locale',
      'u.totp_enrolled_at',
      'u.disabled_at',
      'u.password_must_change',
      'u.created_at',
      'u.version',
      sql<string | null>`(select g.role from role_grants g where g.user_id = u.id
        and g.region_id = ${actor.regionId} and g.status = 'active')`.as('role'),
      sql<string | null>`(select g.role from role_grants g where g.user_id = u.id
        and g.region_id = ${actor.regionId} and g.status = 'requested')`.as('requested_role'),
    ])
    .where((eb) =>
      eb.or([
        eb('o.home_region_id', '=', actor.regionId),
        eb.exists(
          eb
            .selectFrom('role_grants as vg')
            .select(sql`1`.as('one'))
            .whereRef('vg.user_id', '=', 'u.id')
            .where('vg.region_id', '=', actor.regionId),
        ),
      ]),
    );
}

export type UserRow = Awaited<ReturnType<ReturnType<typeof usersInRegion>['executeTakeFirstOrThrow']>>;
