import { sql } from 'kysely';
import { isRole, type Role } from '../../core/roles.js';
import type { SignInMethod } from '../../core/sign-in.js';
import { scopeToUser, type Tx } from '../../platform/db/database.js';

export function findUserByEmail(tx: Tx, email: string) {
  return tx.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export interface RegionGrant {
  regionId: string;
  code: string;
  name: string;
  isDemo: boolean;
  role: Role;
  /** The region administers the user's organisation (its home region). */
  home: boolean;
}

/**
 * The regions in which the user holds a grant in effect, with the role there: the home region of the
 * user's organisation first, then by name. Makes the user's own grants readable for the rest of the
 * transaction (scopeToUser).
 */
export async function activeGrantsOf(tx: Tx, userId: string): Promise<RegionGrant[]> {
  await scopeToUser(tx, userId);
  const rows = await tx
    .selectFrom('role_grants as g')
    .innerJoin('regions as r', 'r.id', 'g.region_id')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['r.id', 'r.code', 'r.name', 'r.is_demo', 'g.role', sql<boolean>`o.home_region_id = r.id`.as('home')])
    .where('g.user_id', '=', userId)
    .where('g.status', '=', 'active')
    .orderBy(sql`o.home_region_id = r.id`, 'desc')
    .orderBy('r.name')
    .execute();
  return rows
    .filter((r) => isRole(r.role))
    .map((r) => ({
      regionId: r.id,
      code: r.code,
      name: r.name,
      isDemo: r.is_demo,
      role: r.role as Role,
      home: r.home === true,
    }));
}

/** The role the user holds in effect in one region, or null. */
export async function activeRoleIn(tx: Tx, userId: string, regionId: string): Promise<Role | null> {
  await scopeToUser(tx, userId);
  const row = await tx
    .selectFrom('role_grants')
    .select('role')
    .where('user_id', '=', userId)
    .where('region_id', '=', regionId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row && isRole(row.role) ? row.role : null;
}

export interface SessionRow {
  id_hash: string;
  user_id: string;
  region_id: string;
  csrf_token: string;
  second_factor_ok: boolean;
  password_change_required: boolean;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  organisation_id: string;
  email: string;
  name: string;
  locale: string;
  auth_method: SignInMethod;
  acr: string | null;
  passkey_verified: boolean;
  /** The sign-in policy of the session's region. */
  passkeys_required: boolean | null;
}

/** A live session of an enabled user; a disabled user's sessions match nothing. */
export async function findLiveSession(tx: Tx, idHash: string): Promise<SessionRow | undefined> {
  return tx
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('sign_in_policies as p', 'p.region_id', 's.region_id')
    .select([
      's.auth_method',
      's.acr',
      's.passkey_verified',
      'p.passkeys_required',
      's.id_hash',
      's.user_id',
      's.region_id',
      's.csrf_token',
      's.second_factor_ok',
      's.password_change_required',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      'u.organisation_id',
      'u.email',
      'u.name',
      'u.locale',
    ])
    .where('s.id_hash', '=', idHash)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}

/** A live token: not revoked, not expired at `now` (the server clock, which tests move), of an enabled user. */
export async function findLiveToken(tx: Tx, tokenHash: string, now: Date) {
  return tx
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.user_id',
      't.region_id',
      't.last_used_at',
      't.access',
      't.resources',
      'u.organisation_id',
      'u.email',
      'u.name',
      'u.locale',
      'u.totp_enrolled_at',
      'u.password_must_change',
    ])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where('t.expires_at', '>', now)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}

export type RevocationReason =
  | 'disabled'
  | 'second_factor_reset'
  | 'password_changed'
  | 'password_reset'
  | 'grant_changed';

/**
 * Revocation that bites: ends every session and revokes every API token of the user at once, in the
 * caller's transaction. With `inRegion` only those acting in that region: a changed grant changes
 * nothing of what the user may do elsewhere.
 */
export async function endSessionsAndTokens(
  tx: Tx,
  userId: string,
  reason: RevocationReason,
  now: Date,
  inRegion?: string,
): Promise<void> {
  let sessions = tx.deleteFrom('sessions').where('user_id', '=', userId);
  if (inRegion) sessions = sessions.where('region_id', '=', inRegion);
  await sessions.execute();
  let tokens = tx
    .updateTable('api_tokens')
    .set({ revoked_at: now, revoke_reason: reason })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (inRegion) tokens = tokens.where('region_id', '=', inRegion);
  await tokens.execute();
}
