/**
 * Production has an owner role that is not a superuser, so row-level security (FORCE) applies to the
 * SECURITY DEFINER destruction functions too; the other tests' owner is the server's superuser. This
 * test migrates a database owned by a plain role and runs the job and the access-log destruction there.
 * Only with DATABASE_URL (a PostgreSQL server; PGlite has one superuser).
 */
import { randomBytes } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { expect, it } from 'vitest';
import { onServer } from '../../../test/harness.js';
import { loadConfig } from '../../config.js';
import { insertDemoRegion } from '../../demo/seed.js';
import { SecretBox } from '../../platform/crypto.js';
import { openDatabase } from '../../platform/db/database.js';
import { migrate } from '../../platform/db/migrate.js';
import type { Database } from '../../platform/db/schema.js';
import { verifyAccessLog } from '../access-log/verify.js';
import { demoRegionId, seedCase } from '../cases/testing.js';
import { runRetention } from './destruction.js';

async function admin(query: string) {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

it.skipIf(!onServer)(
  'destroys and verifies with an owner role that is not a superuser',
  async () => {
    const name = `schakel_o_${randomBytes(5).toString('hex')}`;
    await admin(`DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'schakel_owner_test') THEN
      CREATE ROLE schakel_owner_test LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    END IF; END $$`);
    await admin(`CREATE DATABASE ${name} OWNER schakel_owner_test`);
    const ownerUrl = new URL(process.env.DATABASE_URL as string);
    ownerUrl.pathname = `/${name}`;
    ownerUrl.username = 'schakel_owner_test';
    ownerUrl.password = '';
    const appUrl = new URL(ownerUrl);
    appUrl.username = 'schakel_app_login';
    const db = await openDatabase({
      kind: 'server',
      url: appUrl.toString(),
      migrationUrl: ownerUrl.toString(),
      poolSize: 3,
    });
    const deps = {
      db,
      config: loadConfig({ SCHAKEL_DEMO: '1', LOG_LEVEL: 'silent' }),
      secrets: new SecretBox(randomBytes(32)),
      now: () => new Date(),
    };
    try {
      await migrate(db);
      const owner = (
        await sql<{ s: boolean }>`select rolsuper as s from pg_roles where rolname = current_user`.execute(db.owner)
      ).rows[0];
      expect(owner?.s).toBe(false);
      await insertDemoRegion(deps);
      const regionId = await demoRegionId(deps);
      // The owner, too, sees a region's rows only with the tenant set (FORCE ROW LEVEL SECURITY).
      const asOwner = <T>(fn: (tx: Transaction<Database>) => Promise<T>) =>
        (db.owner as Kysely<Database>).transaction().execute(async (tx) => {
          await sql`select set_config('schakel.region_id', ${regionId}, true)`.execute(tx);
          return fn(tx);
        });
      const s = await seedCase(deps);
      await asOwner((tx) =>
        tx
          .updateTable('cases')
          .set({
            phase: 'closed',
            closing_kind: 'definitive',
            closed_at: new Date('2015-01-01'),
            closing_reason: 'Klaar',
          })
          .where('id', '=', s.caseId)
          .execute(),
      );
      const run = await runRetention(deps, { period: 'owner-1' });
      expect(run?.regions[regionId]).toMatchObject({ failed: 0, refused: 0 });
      expect(run?.regions[regionId]?.cases).toBe(1);
      expect(await asOwner((tx) => tx.selectFrom('cases').select('id').where('id', '=', s.caseId).execute())).toEqual(
        [],
      );
      expect(
        await asOwner((tx) => tx.selectFrom('persons').select('id').where('id', '=', s.personId).execute()),
      ).toEqual([]);
      await asOwner((tx) =>
        tx
          .updateTable('destroyed_subjects')
          .set({ destroyed_at: new Date('2015-01-01') })
          .execute(),
      );
      const logged = () =>
        asOwner((tx) => tx.selectFrom('access_log').select('seq').where('subject_id', '=', s.personId).execute());
      expect((await logged()).length).toBeGreaterThan(0);
      const run2 = await runRetention(deps, { period: 'owner-2' });
      expect(run2?.regions[regionId]?.accessLogEntries).toBeGreaterThan(0);
      expect(await logged()).toEqual([]);
      expect((await verifyAccessLog(db)).every((v) => v.firstBreak === null)).toBe(true);
    } finally {
      await db.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  },
  180_000,
);
