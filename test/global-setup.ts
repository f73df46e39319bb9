import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { prepareTestDatabases } from './harness.js';

/**
 * Once per Vitest run (also the browser tests' run, see e2e/global-setup.ts): the server's roles when
 * DATABASE_URL is set, then the migrated and seeded database every test app starts from (a PGlite
 * snapshot or a template database; see test/harness.ts). Returns the teardown that removes it.
 */
export default async function setup(project?: TestProject): Promise<() => Promise<void>> {
  await createServerRoles();
  const prepared = await prepareTestDatabases();
  // Watch mode: every rerun starts from the migrations and the seed as they are now.
  project?.onTestsRerun(() => prepared.refresh());
  return prepared.teardown;
}

/**
 * With DATABASE_URL set, the database tests also run against that PostgreSQL server. Roles are
 * cluster-wide, so they are created once here rather than concurrently by each test file.
 */
async function createServerRoles() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log('[schakel] DATABASE_URL not set: database tests run on embedded PGlite only.');
    return;
  }
  console.log('[schakel] DATABASE_URL set: database tests run on the PostgreSQL server.');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'schakel_app') THEN
        CREATE ROLE schakel_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
      END IF;
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'schakel_app_login') THEN
        CREATE ROLE schakel_app_login LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      END IF;
    END $$`);
    await client.query('GRANT schakel_app TO schakel_app_login');
  } finally {
    await client.end();
  }
}
