/** The embedded database's maintenance job: every table vacuumed and analysed (PGlite has no autovacuum). */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onServer, startTestApp, type TestApp } from '../../../test/harness.js';
import { vacuumAnalyse } from './maintenance.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('vacuumAnalyse', () => {
  it.skipIf(onServer)('refreshes the planner statistics of every table of the embedded database', async () => {
    const reltuples = async () =>
      Number(
        (await sql<{ n: number }>`select reltuples as n from pg_class where relname = 'access_log'`.execute(t.db.owner))
          .rows[0]?.n,
      );
    const count = Number(
      (await sql<{ n: string }>`select count(*)::text as n from access_log`.execute(t.db.owner)).rows[0]?.n,
    );
    const tables = await vacuumAnalyse(t.db);
    expect(tables).toBeGreaterThan(50);
    expect(await reltuples()).toBe(count);
  });

  it.runIf(onServer)('does nothing on a PostgreSQL server (autovacuum does it there)', async () => {
    expect(await vacuumAnalyse(t.db)).toBe(0);
  });
});
