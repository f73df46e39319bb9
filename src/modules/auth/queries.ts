import type { Tx } from '../../platform/db/database.js';

export function findUserByEmail(tx: Tx, email: string) {
  return tx.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

/** The regions the user's organisation takes part in, oldest first (the first is the default). */
export async function regionsOfOrganisation(tx: Tx, organisationId: string) {
  // Needs a transaction scoped to this organisation (withTx organisationId): region_organisations
  // is tenant-scoped and a region has not been chosen yet.
  return tx
    .selectFrom('region_organisations as m')
    .innerJoin('regions as r', 'r.id', 'm.region_id')
    .select(['r.id', 'r.code', 'r.name', 'r.is_demo'])
    .where('m.organisation_id', '=', organisationId)
    .orderBy('m.joined_at')
    .orderBy('r.code')
    .execute();
}

export interface SessionRow {
  id_hash: string;
  user_id: string;
  region_id: string;
  csrf_token: string;
  second_factor_ok: boolean;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  organisation_id: string;
  email: string;
  name: string;
  role: string;
  locale: string;
}

/** A live session of an enabled user; a disabled user's sessions match nothing. */
export async function findLiveSession(tx: Tx, idHash: string): Promise<SessionRow | undefined> {
  return tx
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id_hash',
      's.user_id',
      's.region_id',
      's.csrf_token',
      's.second_factor_ok',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      'u.organisation_id',
      'u.email',
      'u.name',
      'u.role',
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
      'u.organisation_id',
      'u.email',
      'u.name',
      'u.role',
      'u.locale',
      'u.totp_enrolled_at',
    ])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where('t.expires_at', '>', now)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}
