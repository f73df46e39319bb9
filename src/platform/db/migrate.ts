import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Db } from './database.js';

// Next to this module, in src/ and (copied by npm run build) in dist/server/.
const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
/** Any fixed number; serialises migration runs of app instances that start together. */
const MIGRATION_LOCK = 424242;

export interface MigrationResult {
  applied: string[];
}

async function loadMigrations(): Promise<Array<{ name: string; text: string; checksum: string }>> {
  const names = (await readdir(MIGRATIONS_DIR)).filter((n) => n.endsWith('.sql')).sort();
  return Promise.all(
    names.map(async (name) => {
      const text = await readFile(new URL(name, MIGRATIONS_DIR), 'utf8');
      return { name, text, checksum: createHash('sha256').update(text).digest('hex') };
    }),
  );
}

/**
 * Applies the forward-only SQL migrations in src/platform/db/migrations in name order, each in its
 * own transaction, as the owner role. A changed migration that was already applied is an error.
 */
export async function migrate(db: Db): Promise<MigrationResult> {
  const migrations = await loadMigrations();
  const applied: string[] = [];
  await db.owner.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (
        name text primary key, checksum text not null, applied_at timestamptz not null default now())`.execute(conn);
      const done = new Map(
        (await conn.selectFrom('schema_migrations').select(['name', 'checksum']).execute()).map((r) => [
          r.name,
          r.checksum,
        ]),
      );
      for (const m of migrations) {
        const previous = done.get(m.name);
        if (previous !== undefined) {
          if (previous !== m.checksum) {
            throw new Error(`Migration ${m.name} was changed after it was applied`);
          }
          continue;
        }
        await conn.transaction().execute(async (tx) => {
          await sql.raw(m.text).execute(tx);
          await tx.insertInto('schema_migrations').values({ name: m.name, checksum: m.checksum }).execute();
        });
        applied.push(m.name);
      }
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
  return { applied };
}

/** True when every migration in the repository has been applied (used by /readyz). */
export async function migrationsApplied(db: Db): Promise<boolean> {
  return (await migrationStatus(db)).pending.length === 0;
}

/** How many migrations the database has applied, how many the code knows, and which are pending. */
export async function migrationStatus(db: Db): Promise<{ applied: number; known: number; pending: string[] }> {
  const migrations = await loadMigrations();
  const rows = await sql<{ name: string }>`select name from schema_migrations`.execute(db.owner);
  const names = new Set(rows.rows.map((r) => r.name));
  return {
    applied: names.size,
    known: migrations.length,
    pending: migrations.filter((m) => !names.has(m.name)).map((m) => m.name),
  };
}
