/**
 * The restore drill (docs/operations.md, "Backup and restore"): builds, on a database of its own on
 * the PostgreSQL server of DATABASE_URL, the demo region with DRILL_ACCESS_LOG synthetic chained
 * access-log entries (200000 by default; the bench's generator, src/demo/access-log-generator.ts), then
 * times `npm run backup` (as the backup role) and `npm run restore`
 * into an empty database, with the real CLI, and prints sizes and times. Drops both databases at the end.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/restore-drill.ts
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { generateAccessLog } from '../src/demo/access-log-generator.js';
import { DEMO_REGION_CODE, insertDemoRegion } from '../src/demo/seed.js';
import { migrate } from '../src/platform/db/migrate.js';
import { BENCH_SEED, openBenchDeps } from './setup.js';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const entries = Number(process.env.DRILL_ACCESS_LOG ?? 200_000);
const suffix = randomBytes(4).toString('hex');
const source = `schakel_drill_src_${suffix}`;
const target = `schakel_drill_dst_${suffix}`;
const urlOf = (db: string, user?: string) => {
  const u = new URL(adminUrl);
  u.pathname = `/${db}`;
  if (user) {
    u.username = user;
    u.password = '';
  }
  return u.toString();
};
const log = (line: string) => console.log(`[drill] ${line}`);

async function admin(...statements: string[]) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    for (const s of statements) await c.query(s);
  } finally {
    await c.end();
  }
}

function timedCli(args: string[], env: Record<string, string>): number {
  const t0 = performance.now();
  const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/platform/backup/cli.ts', ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  const ms = performance.now() - t0;
  log(`${args[0]}: exit ${r.status} in ${(ms / 1000).toFixed(1)} s — ${(r.stdout + r.stderr).trim()}`);
  if (r.status !== 0) throw new Error(`${args[0]} failed`);
  return ms;
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'schakel-drill-'));
  const key = randomBytes(32);
  try {
    await admin(
      `CREATE DATABASE ${source}`,
      `DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'schakel_app') THEN CREATE ROLE schakel_app NOLOGIN; END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'schakel_app_login') THEN
          CREATE ROLE schakel_app_login LOGIN NOSUPERUSER NOBYPASSRLS; GRANT schakel_app TO schakel_app_login;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'schakel_backup') THEN
          CREATE ROLE schakel_backup LOGIN BYPASSRLS NOSUPERUSER NOCREATEDB NOCREATEROLE;
        END IF;
      END $$`,
      'GRANT pg_read_all_data TO schakel_backup',
      'ALTER ROLE schakel_backup SET default_transaction_read_only = on',
    );
    const urls = { adminUrl, ownerUrl: urlOf(source), appUrl: urlOf(source, 'schakel_app_login') };
    const deps = await openBenchDeps(urls, { poolSize: 2, secretKey: key });
    const t0 = performance.now();
    await migrate(deps.db);
    await insertDemoRegion(deps);
    const region = await deps.db.owner
      .selectFrom('regions')
      .select('id')
      .where('code', '=', DEMO_REGION_CODE)
      .executeTakeFirstOrThrow();
    await generateAccessLog(deps.db.owner, {
      regionId: region.id,
      seed: BENCH_SEED,
      entries,
      batchSize: 10_000,
      mode: 'bulk',
    });
    await deps.db.close();
    log(`demo region with ${entries} access-log entries built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const file = join(work, 'drill.skb');
    const backupMs = timedCli(['backup', file], { DATABASE_BACKUP_URL: urlOf(source, 'schakel_backup') });
    log(`backup file: ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB`);
    await admin(`CREATE DATABASE ${target}`);
    const restoreMs = timedCli(['restore', file], {
      DATABASE_MIGRATION_URL: urlOf(target),
      DATABASE_URL: urlOf(target, 'schakel_app_login'),
      SCHAKEL_SECRET_KEY: key.toString('hex'),
    });
    log(`RESULT backup ${(backupMs / 1000).toFixed(1)} s, restore (with checks) ${(restoreMs / 1000).toFixed(1)} s`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    await admin(`DROP DATABASE IF EXISTS ${source} WITH (FORCE)`, `DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
