import { sql } from 'kysely';
import { verifyAccessLog } from '../../modules/access-log/verify.js';
import type { SecretBox } from '../crypto.js';
import { type Db, type RawQuery, withTx } from '../db/database.js';

/** Table names of schema public are plain identifiers; anything else is refused (they go into SQL text). */
export const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** What a backup records about its database, read on one connection in one snapshot. */
export async function describeDatabase(q: RawQuery) {
  const tables = (
    await q(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
    )
  ).map((r) => String(r.name));
  const counts: Record<string, number> = {};
  for (const name of tables) {
    if (!TABLE_NAME.test(name)) throw new Error(`unexpected table name in schema public: ${JSON.stringify(name)}`);
    counts[name] = Number((await q(`select count(*) as n from public."${name}"`))[0]?.n ?? 0);
  }
  const migrations = counts.schema_migrations
    ? (await q('select name from schema_migrations order by name')).map((r) => String(r.name))
    : [];
  const keyCheckValue =
    counts.secret_key_check !== undefined
      ? ((await q('select check_value from secret_key_check'))[0]?.check_value as string | undefined)
      : undefined;
  return { tables: counts, migrations, keyCheckValue: keyCheckValue ?? null };
}

/** Tables whose row count differs from the manifest's, as "name: restored n, backup m". */
export function countDifferences(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...names]
    .filter((n) => expected[n] !== actual[n])
    .map((n) => `${n}: restored ${actual[n] ?? 'absent'}, backup ${expected[n] ?? 'absent'}`);
}

export interface RestoredCheck {
  regions: number;
  accessLogEntries: number;
  brokenChains: string[];
  attachments: number;
  attachmentsUnreadable: number;
}

/**
 * After a restore: the access log's hash chain of every region, and every attachment opened with the
 * key (as the application role, region by region, so row-level security applies as in production).
 */
export async function checkRestored(db: Db, secrets: SecretBox): Promise<RestoredCheck> {
  const chains = await verifyAccessLog(db);
  const regions = await withTx(db, { regionId: null }, (tx) => tx.selectFrom('regions').select('id').execute());
  let attachments = 0;
  let unreadable = 0;
  for (const region of regions) {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await withTx(db, { regionId: region.id }, (tx) =>
        tx
          .selectFrom('attachments')
          .select(['id', 'content_sealed'])
          .where('id', '>', after)
          .orderBy('id')
          .limit(200)
          .execute(),
      );
      for (const row of rows) {
        attachments += 1;
        try {
          secrets.openBuffer(row.content_sealed);
        } catch {
          unreadable += 1;
        }
      }
      const last = rows.at(-1);
      if (!last) break;
      after = last.id;
    }
  }
  return {
    regions: regions.length,
    accessLogEntries: chains.reduce((n, r) => n + r.entries, 0),
    brokenChains: chains.filter((r) => r.firstBreak).map((r) => r.regionCode),
    attachments,
    attachmentsUnreadable: unreadable,
  };
}

/** Row counts read through Kysely on the owner connection (the embedded database bypasses RLS as superuser). */
export async function ownerQuery(db: Db): Promise<RawQuery> {
  return async (text) => (await sql.raw<Record<string, unknown>>(text).execute(db.owner)).rows;
}
