/**
 * Rotation of the secret key (SCHAKEL_SECRET_KEY or the embedded data directory's secret.key):
 * every value sealed with the current key is opened and sealed again with the new one, in one
 * transaction, and the key check value is replaced — all or nothing. Run offline (`npm run key:rotate`,
 * docs/operations.md "Key rotation"): on the embedded database the data directory's lock keeps a
 * running server out; on a server the rotation refuses while any other connection to the database is
 * open.
 *
 * What is sealed, and what the rotation does with it:
 * - `users.totp_secret`, `attachments.content_sealed`, `identity_providers.client_secret_sealed`:
 *   sealed again with the new key;
 * - `oidc_sign_ins` (sign-ins under way, minutes long): deleted — who was signing in starts again;
 * - `sessions.id_token_sealed` (kept only to end the session at the identity provider): cleared;
 * - `exports.content` and `export_parts` (asynchronous exports, at most a day old): the exports expire —
 *   start them again.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { SecretBox } from './crypto.js';
import type { Db } from './db/database.js';
import type { Database } from './db/schema.js';
import { keyCheckValue, SecretKeyError } from './secret-key.js';

export interface RotationResult {
  /** Values sealed again with the new key, per kind. */
  resealed: { secondFactors: number; attachments: number; identityProviders: number };
  /** Short-lived values that were dropped rather than sealed again. */
  dropped: { signInsUnderWay: number; sessionIdTokens: number; exports: number };
  /** True when the database already held the new key's check value (an earlier run finished). */
  alreadyRotated: boolean;
}

/** Connections to this database other than our own (a server instance, a console, a backup). */
async function otherConnections(db: Kysely<Database>): Promise<number> {
  const row = (
    await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`.execute(db)
  ).rows[0];
  return row?.n ?? 0;
}

async function storedCheckValue(db: Kysely<Database> | Transaction<Database>): Promise<string | undefined> {
  return (await sql<{ check_value: string }>`select check_value from secret_key_check`.execute(db)).rows[0]
    ?.check_value;
}

/** Opens with the old key and seals with the new; a value that does not open stops the rotation. */
function resealer(oldKey: Buffer, newKey: Buffer) {
  const from = new SecretBox(oldKey);
  const to = new SecretBox(newKey);
  return (sealed: string, what: string, id: string): string => {
    let plain: Buffer;
    try {
      plain = from.openBuffer(sealed);
    } catch {
      throw new SecretKeyError(
        `${what} ${id} does not open with the current key; nothing was changed. Restore that record from a ` +
          'backup made with this key, or remove it, and run the rotation again.',
      );
    }
    return to.seal(plain);
  };
}

/**
 * Seals every secret at rest again with `newKey`. Refuses (SecretKeyError, nothing changed) when
 * `oldKey` is not the database's key, when the two keys are the same, or when other connections are
 * open on a server database.
 */
export async function rotateSecretKey(db: Db, oldKey: Buffer, newKey: Buffer): Promise<RotationResult> {
  if (oldKey.equals(newKey)) throw new SecretKeyError('The new key is the current key: choose a new one.');
  const owner = db.owner;
  if (db.kind === 'server') {
    const others = await otherConnections(owner);
    if (others > 0) {
      throw new SecretKeyError(
        `${others} other connection(s) to the database are open: stop every Schakel instance (and other ` +
          'clients) first; the rotation runs offline. Nothing was changed.',
      );
    }
  }
  const stored = await storedCheckValue(owner);
  const none = { secondFactors: 0, attachments: 0, identityProviders: 0 };
  const nothingDropped = { signInsUnderWay: 0, sessionIdTokens: 0, exports: 0 };
  if (stored === keyCheckValue(newKey)) return { resealed: none, dropped: nothingDropped, alreadyRotated: true };
  if (stored !== undefined && stored !== keyCheckValue(oldKey)) {
    throw new SecretKeyError(
      'The current key (SCHAKEL_SECRET_KEY or secret.key) is not the key of this database. Nothing was changed.',
    );
  }
  const reseal = resealer(oldKey, newKey);
  return owner.transaction().execute(async (tx) => {
    const resealed = { ...none };
    const dropped = { ...nothingDropped };
    // Accounts: not a region's data (no row-level security).
    const users = await tx
      .selectFrom('users')
      .select(['id', 'totp_secret'])
      .where('totp_secret', 'is not', null)
      .execute();
    for (const u of users) {
      await tx
        .updateTable('users')
        .set({ totp_secret: reseal(u.totp_secret as string, 'The second factor of user', u.id) })
        .where('id', '=', u.id)
        .execute();
      resealed.secondFactors++;
    }
    dropped.signInsUnderWay = Number((await tx.deleteFrom('oidc_sign_ins').executeTakeFirst()).numDeletedRows);
    dropped.sessionIdTokens = Number(
      (
        await tx
          .updateTable('sessions')
          .set({ id_token_sealed: null })
          .where('id_token_sealed', 'is not', null)
          .executeTakeFirst()
      ).numUpdatedRows,
    );
    // Region data: row-level security (forced, also for the owner) shows one region at a time.
    const regions = await tx.selectFrom('regions').select('id').execute();
    for (const region of regions) {
      await sql`select set_config('schakel.region_id', ${region.id}, true)`.execute(tx);
      const attachments = await tx.selectFrom('attachments').select(['id', 'content_sealed']).execute();
      for (const a of attachments) {
        await tx
          .updateTable('attachments')
          .set({ content_sealed: reseal(a.content_sealed, 'Attachment', a.id) })
          .where('id', '=', a.id)
          .execute();
        resealed.attachments++;
      }
      const providers = await tx
        .selectFrom('identity_providers')
        .select(['id', 'client_secret_sealed'])
        .where('region_id', '=', region.id)
        .where('client_secret_sealed', 'is not', null)
        .execute();
      for (const p of providers) {
        await tx
          .updateTable('identity_providers')
          .set({ client_secret_sealed: reseal(p.client_secret_sealed as string, 'Identity provider', p.id) })
          .where('id', '=', p.id)
          .execute();
        resealed.identityProviders++;
      }
      await tx.deleteFrom('export_parts').execute();
      dropped.exports += Number(
        (
          await tx
            .updateTable('exports')
            .set({ status: 'expired', content: null, parts: null })
            .where((eb) => eb.or([eb('content', 'is not', null), eb('parts', 'is not', null)]))
            .executeTakeFirst()
        ).numUpdatedRows,
      );
    }
    await sql`select set_config('schakel.region_id', '', true)`.execute(tx);
    await sql`delete from secret_key_check`.execute(tx);
    await sql`insert into secret_key_check (check_value) values (${keyCheckValue(newKey)})`.execute(tx);
    return { resealed, dropped, alreadyRotated: false };
  });
}
