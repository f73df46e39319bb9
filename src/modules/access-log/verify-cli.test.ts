/**
 * `npm run audit:verify` end to end: the CLI is started as its own process against a database that
 * an earlier process wrote and closed, exactly as an operator would run it.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { onServer } from '../../../test/harness.js';
import { loadConfig } from '../../config.js';
import { DEMO_REGION_CODE, insertDemoRegion } from '../../demo/seed.js';
import { SecretBox } from '../../platform/crypto.js';
import { type DatabaseOptions, type Db, openDatabase, withTx } from '../../platform/db/database.js';
import { migrate } from '../../platform/db/migrate.js';
import { recordAccess } from './record.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = 'src/modules/access-log/verify-cli.ts';

function runCli(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = { ...process.env };
  for (const key of [
    'DATABASE_URL',
    'DATABASE_MIGRATION_URL',
    'SCHAKEL_DEMO',
    'SCHAKEL_DATA_DIR',
    'SCHAKEL_SECRET_KEY',
  ]) {
    delete base[key];
  }
  return new Promise((resolve) => {
    execFile(TSX, [CLI], { cwd: ROOT, env: { ...base, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Demo region plus `n` access-log entries, written the product's way; returns the entries' ids. */
async function writeLog(db: Db, n: number) {
  await migrate(db);
  const deps = {
    db,
    config: loadConfig({ SCHAKEL_DEMO: '1', LOG_LEVEL: 'silent' }),
    secrets: new SecretBox(randomBytes(32)),
    now: () => new Date(),
  };
  await insertDemoRegion(deps);
  const region = await withTx(db, { regionId: null }, (tx) =>
    tx.selectFrom('regions').select('id').where('code', '=', DEMO_REGION_CODE).executeTakeFirstOrThrow(),
  );
  for (let i = 0; i < n; i++) {
    await withTx(db, { regionId: region.id }, (tx) =>
      recordAccess(
        tx,
        { userId: null, organisationId: null, role: 'admin', regionId: region.id, traceId: randomUUID() },
        {
          action: 'read',
          recordType: 'user',
          recordId: null,
          subjects: [{ type: 'user', id: `subject-${i}` }],
          purpose: { type: 'user-administration' },
        },
      ),
    );
  }
  const rows = await db.owner.selectFrom('access_log').select(['id', 'seq']).orderBy('seq').execute();
  return rows.map((r) => r.id);
}

async function tamper(db: Db, id: string) {
  await sql`alter table access_log disable trigger access_log_append_only`.execute(db.owner);
  await sql`update access_log set purpose_type = 'nieuwsgierigheid' where id = ${id}`.execute(db.owner);
  await sql`alter table access_log enable trigger access_log_append_only`.execute(db.owner);
}

async function expectCliVerdicts(open: () => Promise<Db>, env: Record<string, string>): Promise<void> {
  let db = await open();
  const ids = await writeLog(db, 4);
  await db.close();
  expect(ids).toHaveLength(4);

  const intact = await runCli(env);
  expect(intact.code, intact.stderr).toBe(0);
  expect(intact.stdout).toMatch(new RegExp(`^OK\\s+region ${DEMO_REGION_CODE}: 4 entries, chain intact`, 'm'));
  expect(intact.stdout).not.toContain('BROKEN');

  db = await open();
  await tamper(db, ids[2] as string);
  await db.close();

  const broken = await runCli(env);
  expect(broken.code, broken.stderr).toBe(1);
  expect(broken.stdout).toMatch(new RegExp(`^BROKEN\\s+region ${DEMO_REGION_CODE}: `, 'm'));
  expect(broken.stdout).toContain(`entry seq 3 (id ${ids[2]}) was changed`);
  expect(broken.stdout).toContain('after 2 good entries');
}

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe('npm run audit:verify', () => {
  if (onServer) {
    console.log('[verify-cli.test] DATABASE_URL set: the CLI is run against a fresh database on the server.');
  } else {
    console.log('[verify-cli.test] No DATABASE_URL: the CLI is run against an embedded database in a temp dir.');
  }

  it.runIf(!onServer)(
    'on the embedded database: exit 0 and OK when intact, exit 1 naming the changed entry',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'schakel-verify-'));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      // Where the server keeps the embedded database inside SCHAKEL_DATA_DIR (databaseOptionsFrom).
      const options: DatabaseOptions = { kind: 'embedded', dataDir: join(dir, 'pg') };
      await expectCliVerdicts(() => openDatabase(options), { SCHAKEL_DATA_DIR: dir });
    },
    180_000,
  );

  it.runIf(onServer)(
    'on a PostgreSQL server: exit 0 and OK when intact, exit 1 naming the changed entry',
    async () => {
      const adminUrl = process.env.DATABASE_URL as string;
      const name = `schakel_cli_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      cleanups.push(async () => {
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      });
      const ownerUrl = new URL(adminUrl);
      ownerUrl.pathname = `/${name}`;
      const appUrl = new URL(ownerUrl);
      appUrl.username = 'schakel_app_login';
      appUrl.password = '';
      const options: DatabaseOptions = {
        kind: 'server',
        url: appUrl.toString(),
        migrationUrl: ownerUrl.toString(),
        poolSize: 2,
      };
      await expectCliVerdicts(() => openDatabase(options), {
        DATABASE_URL: appUrl.toString(),
        DATABASE_MIGRATION_URL: ownerUrl.toString(),
        SCHAKEL_SECRET_KEY: randomBytes(32).toString('hex'),
      });
    },
    180_000,
  );
});
