/**
 * The benchmark database: a fresh `schakel_bench` on the PostgreSQL server, migrated, with the demo
 * region (its users sign in) and on top of it a synthetic region of the volume of issue 3.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { generateAccessLog } from '../src/demo/access-log-generator.js';
import { BENCH_SCALE, type GeneratedRegion, generateRegionData } from '../src/demo/generator.js';
import { DEMO_REGION_CODE, insertDemoRegion } from '../src/demo/seed.js';
import { SecretBox } from '../src/platform/crypto.js';
import { type Db, openDatabase, type Tx } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import type { Deps } from '../src/platform/deps.js';

export const BENCH_DATABASE = 'schakel_bench';
export const BENCH_SEED = 424_242;

export interface BenchUrls {
  adminUrl: string;
  ownerUrl: string;
  appUrl: string;
}

export function benchUrls(adminUrl: string): BenchUrls {
  const owner = new URL(adminUrl);
  owner.pathname = `/${BENCH_DATABASE}`;
  const app = new URL(owner);
  app.username = 'schakel_app_login';
  app.password = '';
  return { adminUrl, ownerUrl: owner.toString(), appUrl: app.toString() };
}

/**
 * Dependencies over the bench database. The secret key seals the demo users' TOTP secrets, so the
 * server must use the key the seeding used.
 */
export async function openBenchDeps(
  urls: BenchUrls,
  options: { poolSize?: number; secretKey?: Buffer } = {},
): Promise<Deps> {
  const db = await openDatabase({
    kind: 'server',
    url: urls.appUrl,
    migrationUrl: urls.ownerUrl,
    poolSize: options.poolSize ?? 10,
  });
  return {
    db,
    // Demo settings: the demo users' shared TOTP secret may sign in several sessions in one 30 s step.
    config: loadConfig({ SCHAKEL_DEMO: '1', LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '10000' }),
    secrets: new SecretBox(options.secretKey ?? randomBytes(32)),
    now: () => new Date(),
  };
}

/** Drops and creates the database; creates the application roles as the test setup does. */
export async function recreateDatabase(urls: BenchUrls): Promise<void> {
  const admin = new pg.Client({ connectionString: urls.adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DATABASE}`);
    await admin.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'schakel_app') THEN
        CREATE ROLE schakel_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
      END IF;
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'schakel_app_login') THEN
        CREATE ROLE schakel_app_login LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      END IF;
    END $$`);
    await admin.query('GRANT schakel_app TO schakel_app_login');
  } finally {
    await admin.end();
  }
}

/**
 * Extra staff so that memberships look like a real region: process directors for Westland and
 * Midden-Delfland (directing needs one), more coordinators and partner staff. Bench database only;
 * they cannot sign in (no password).
 */
const BENCH_STAFF: Array<{ org: string; role: string; count: number }> = [
  { org: 'Gemeente Westland', role: 'process_director', count: 1 },
  { org: 'Gemeente Midden-Delfland', role: 'process_director', count: 1 },
  { org: 'Gemeente Delft', role: 'case_coordinator', count: 4 },
  { org: 'Gemeente Rijswijk', role: 'case_coordinator', count: 2 },
  { org: 'Gemeente Westland', role: 'case_coordinator', count: 2 },
  { org: 'Gemeente Midden-Delfland', role: 'case_coordinator', count: 1 },
  { org: 'Politie', role: 'partner', count: 12 },
  { org: 'Openbaar Ministerie', role: 'partner', count: 3 },
  { org: 'GGZ Delfland', role: 'partner', count: 6 },
  { org: 'Jeugdbescherming', role: 'partner', count: 4 },
  { org: 'Reclassering', role: 'partner', count: 4 },
  { org: 'Raad voor de Kinderbescherming', role: 'partner', count: 3 },
  { org: 'Zorg- en Veiligheidshuis Haaglanden', role: 'partner', count: 3 },
  { org: 'Expertisepool', role: 'expert', count: 4 },
];

async function addBenchStaff(db: Db, regionId: string): Promise<number> {
  const orgs = await db.owner
    .selectFrom('organisations')
    .innerJoin('region_organisations as ro', 'ro.organisation_id', 'organisations.id')
    .select(['organisations.id', 'organisations.name'])
    .where('ro.region_id', '=', regionId)
    .execute();
  const idOf = new Map(orgs.map((o) => [o.name, o.id]));
  const rows = BENCH_STAFF.flatMap((s, i) =>
    Array.from({ length: s.count }, (_, k) => ({
      email: `staff-${i}-${k}@bench.invalid`,
      name: `Medewerker ${k + 1} (${s.org})`,
      role: s.role,
      organisation_id: idOf.get(s.org) as string,
      password_hash: '!bench-no-sign-in',
    })),
  ).filter((r) => r.organisation_id);
  await db.owner.transaction().execute(async (tx) => {
    await sql`select set_config('schakel.region_id', ${regionId}, true)`.execute(tx);
    const users = await tx
      .insertInto('users')
      .values(rows.map(({ role: _role, ...u }) => u))
      .returning(['id', 'email'])
      .execute();
    const roleOf = new Map(rows.map((r) => [r.email, r.role]));
    await tx
      .insertInto('role_grants')
      .values(
        users.map((u) => ({
          region_id: regionId,
          user_id: u.id,
          role: roleOf.get(u.email) as string,
          status: 'active' as const,
          reason: 'Benchmark',
          decided_at: new Date(),
        })),
      )
      .execute();
  });
  return rows.length;
}

export interface PreparedBench {
  regionId: string;
  generated: GeneratedRegion;
  timings: Array<{ step: string; ms: number }>;
}

export async function prepareBenchDatabase(
  deps: Deps,
  options: { accessLogEntries: number; accessLogMode?: 'trigger' | 'bulk'; log: (line: string) => void },
): Promise<PreparedBench> {
  const timings: Array<{ step: string; ms: number }> = [];
  const timed = async <T>(step: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    options.log(`  ${step}…`);
    const result = await fn();
    const ms = performance.now() - t0;
    timings.push({ step, ms });
    options.log(`  ${step}: ${(ms / 1000).toFixed(1)} s`);
    return result;
  };
  await timed('migrate', () => migrate(deps.db));
  await timed('demo region (users, catalogues, 40 demo cases)', () => insertDemoRegion(deps));
  const region = await deps.db.owner
    .selectFrom('regions')
    .select('id')
    .where('code', '=', DEMO_REGION_CODE)
    .executeTakeFirstOrThrow();
  await timed('bench staff', () => addBenchStaff(deps.db, region.id));
  // A bulk load, as pg_restore does it: one owner transaction with triggers (and so foreign-key checks)
  // off. The rows are consistent by construction; the same generator runs with every check on, as the
  // application role, for the demo region in the test suite (src/demo/generator.test.ts).
  const generated = await timed('synthetic region (generator, bench scale)', () =>
    deps.db.owner.transaction().execute(async (tx) => {
      await sql`select set_config('schakel.region_id', ${region.id}, true)`.execute(tx);
      await sql`set local session_replication_role = replica`.execute(tx);
      return generateRegionData(tx as unknown as Tx, {
        regionId: region.id,
        seed: BENCH_SEED,
        scale: BENCH_SCALE,
        onProgress: (step) => options.log(`    ${step}`),
      });
    }),
  );
  if (options.accessLogEntries > 0) {
    let lastReport = 0;
    const mode = options.accessLogMode ?? 'trigger';
    await timed(`access log (${options.accessLogEntries.toLocaleString('en')} chained entries, ${mode})`, () =>
      generateAccessLog(deps.db.owner, {
        regionId: region.id,
        seed: BENCH_SEED,
        entries: options.accessLogEntries,
        // Through the chain trigger, small transactions: each row rewrites the head row, and a long
        // transaction makes every lookup walk all the head's versions it created.
        batchSize: mode === 'trigger' ? 1_000 : 10_000,
        mode,
        onProgress: (n) => {
          if (n - lastReport >= 250_000 || n === options.accessLogEntries) {
            lastReport = n;
            options.log(`    ${n.toLocaleString('en')} entries`);
          }
        },
      }),
    );
  }
  await timed('vacuum analyze', async () => {
    await sql`vacuum analyze`.execute(deps.db.owner);
  });
  return { regionId: region.id, generated, timings };
}
