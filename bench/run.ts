/**
 * npm run bench — issue 3's benchmark. Builds a fresh database `schakel_bench` on the PostgreSQL server
 * of DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), seeds the demo region and a
 * synthetic region of 100,000 persons, 20,000 cases (4,000 open), 200,000 signals and 2,000,000
 * hash-chained access-log entries, starts the real server and measures five operations with
 * concurrent clients over HTTP, next to the same question asked as raw SQL. See docs/benchmarks.md.
 *
 * Environment: BENCH_REQUESTS (300 per operation), BENCH_CONCURRENCY (8), BENCH_WARMUP (30),
 * BENCH_ACCESS_LOG (2000000), BENCH_REUSE=1 (measure the existing schakel_bench again, no rebuild),
 * BENCH_POOL_SIZE (10, the server's pool), BENCH_RESULTS (file for the JSON results),
 * BENCH_ACCESS_LOG_MODE (trigger, the default: every entry passes the chain trigger; bulk: triggers off,
 * the head set at the end, ~2.5x faster on a busy machine), BENCH_VERIFY=1 (verify the whole hash chain after loading, as npm run audit:verify does),
 * BENCH_SERIAL (100: requests per operation measured again one at a time; 0 to skip).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import pg from 'pg';
import { fictionalName } from '../src/demo/names.js';
import { Random } from '../src/demo/random.js';
import { DEMO_PASSWORD, DEMO_REGION_CODE, DEMO_TOTP_SECRET, DEMO_USERS } from '../src/demo/seed.js';
import { verifyAccessLog } from '../src/modules/access-log/verify.js';
import { todayInNl } from '../src/modules/cases/core.js';
import { priorityListQuery } from '../src/modules/monitoring/priority-list.js';
import { PriorityListQuery } from '../src/modules/monitoring/schemas.js';
import { migrate } from '../src/platform/db/migrate.js';
import type { Actor } from '../src/platform/http/context.js';
import { Client, totpNow } from '../test/harness.js';
import { runConcurrent, type Summary, summarise } from './measure.js';
import { type BenchContext, diagnostics, operations, PERSON_MATCH_SQL, RawPool } from './operations.js';
import {
  BENCH_DATABASE,
  benchUrls,
  openBenchDeps,
  type PreparedBench,
  prepareBenchDatabase,
  recreateDatabase,
} from './setup.js';

const env = process.env;
const REQUESTS = Number(env.BENCH_REQUESTS ?? 300);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 8);
const WARMUP = Number(env.BENCH_WARMUP ?? 30);
const ACCESS_LOG = Number(env.BENCH_ACCESS_LOG ?? 2_000_000);
const POOL_SIZE = Number(env.BENCH_POOL_SIZE ?? 10);
const REUSE = env.BENCH_REUSE === '1';
const ACCESS_LOG_MODE = env.BENCH_ACCESS_LOG_MODE === 'bulk' ? 'bulk' : 'trigger';
const VERIFY = env.BENCH_VERIFY === '1';
const SERIAL = Number(env.BENCH_SERIAL ?? 100);
const RESULTS = env.BENCH_RESULTS ?? '.tmp/bench-results.json';
const TARGET = { read: 50, write: 30, ratio: 3 } as const;

const started = performance.now();
const log = (line: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1) : '—');

async function main() {
  const adminUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const urls = benchUrls(adminUrl);
  const machine = {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
  log(`machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}`);
  log(`load average at start: ${machine.loadAverageAtStart.join(' ')}`);

  const secretKey = randomBytes(32);
  let prepared: PreparedBench | null = null;
  if (!REUSE) {
    log(`creating database ${BENCH_DATABASE} on ${new URL(adminUrl).host}`);
    await recreateDatabase(urls);
  }
  const deps = await openBenchDeps(urls, { poolSize: 2, secretKey });
  const owner = deps.db.owner;
  if (!REUSE) {
    prepared = await prepareBenchDatabase(deps, { accessLogEntries: ACCESS_LOG, accessLogMode: ACCESS_LOG_MODE, log });
  } else {
    log('BENCH_REUSE=1: measuring the existing database again');
    await migrate(deps.db);
    // The TOTP secrets were sealed with the previous run's key: seal them again with this one.
    for (const u of DEMO_USERS) {
      await owner
        .updateTable('users')
        .set({ totp_secret: deps.secrets.seal(DEMO_TOTP_SECRET) })
        .where('email', '=', u.email)
        .execute();
    }
    await sql`analyze`.execute(owner);
  }
  let verification: { ms: number; entries: number; intact: boolean } | null = null;
  if (VERIFY) {
    log('verifying the access-log chain');
    const t0 = performance.now();
    const regions = await verifyAccessLog(deps.db);
    verification = {
      ms: performance.now() - t0,
      entries: regions.reduce((s, r) => s + r.entries, 0),
      intact: regions.every((r) => r.firstBreak === null),
    };
    log(
      `chain ${verification.intact ? 'intact' : 'BROKEN'}: ${verification.entries} entries in ${(verification.ms / 1000).toFixed(1)} s`,
    );
  }
  const pgVersion = (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(owner)).rows[0]?.v;
  const settings = (
    await sql<{ name: string; setting: string; unit: string | null }>`
      select name, setting, unit from pg_settings
      where name in ('shared_buffers', 'work_mem', 'effective_cache_size', 'synchronous_commit', 'max_connections')`.execute(
      owner,
    )
  ).rows;
  log(`PostgreSQL ${pgVersion}; ${settings.map((s) => `${s.name}=${s.setting}${s.unit ?? ''}`).join(', ')}`);

  // --- What is in the database -----------------------------------------------------------------------
  const region = await owner
    .selectFrom('regions')
    .select('id')
    .where('code', '=', DEMO_REGION_CODE)
    .executeTakeFirstOrThrow();
  const regionId = region.id;
  const director = await owner
    .selectFrom('users')
    .select(['id', 'organisation_id', 'email', 'name'])
    .where('email', '=', 'regisseur@delft.demo')
    .executeTakeFirstOrThrow();
  const politie = await owner
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'politie@politie.demo')
    .executeTakeFirstOrThrow();
  const sizes = (
    await sql<Record<string, string>>`select
      (select count(*) from persons) as persons,
      (select count(*) from cases) as cases,
      (select count(*) from cases where phase in ('preparation','analysis','execution','monitoring')) as open_cases,
      (select count(*) from cases where phase = 'closed_provisional') as provisional_cases,
      (select count(*) from signals) as signals,
      (select count(*) from access_log) as access_log,
      (select count(*) from assessments) as assessments,
      (select count(*) from actions) as actions,
      (select count(*) from case_events) as case_events,
      (select count(*) from cases c join municipalities m on m.id = c.directing_municipality_id
        where m.organisation_id = ${director.organisation_id}
          and c.phase in ('preparation','analysis','execution','monitoring')) as director_open_cases,
      (select count(*) from cases c where c.phase in ('preparation','analysis','execution','monitoring')
        and exists (select 1 from case_members m where m.case_id = c.id and m.user_id = ${politie.id})) as politie_open_cases,
      pg_size_pretty(pg_database_size(current_database())) as database_size`.execute(owner)
  ).rows[0] as Record<string, string>;
  log(
    `data: ${Object.entries(sizes)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
  );

  // --- Inputs for the operations ------------------------------------------------------------------------
  const today = todayInNl(new Date());
  const actor: Actor = {
    userId: director.id,
    organisationId: director.organisation_id,
    role: 'process_director',
    regionId,
    email: director.email,
    name: director.name,
    locale: 'nl',
    via: 'session',
    secondFactorOk: true,
    mustChangePassword: false,
    csrfToken: null,
    tokenScope: null,
  };
  const caseIds = (
    await sql<{ id: string }>`select c.id from cases c join municipalities m on m.id = c.directing_municipality_id
      where m.organisation_id = ${director.organisation_id}
        and c.phase in ('preparation','analysis','execution','monitoring')
      order by md5(c.id::text) limit 400`.execute(owner)
  ).rows.map((r) => r.id);
  const rng = new Random('bench-inputs');
  const matchQueries = (
    await sql<{ first_name: string; name_prefix: string | null; last_name: string; date_of_birth: string | null }>`
      select first_name, name_prefix, last_name, date_of_birth from persons where region_id = ${regionId}
      order by md5(id::text) limit 400`.execute(owner)
  ).rows.map((p) => {
    // Half of the searches carry a typing error in the family name.
    let lastName = p.last_name;
    if (rng.chance(0.5)) {
      const at = rng.int(1, lastName.length - 1);
      lastName = lastName.slice(0, at) + rng.pick(['e', 'a', 'o', 'i', 'k', 'd']) + lastName.slice(at + 1);
    }
    return { firstName: p.first_name, namePrefix: p.name_prefix, lastName, dateOfBirth: p.date_of_birth };
  });
  const newPersons = Array.from({ length: 400 }, () => {
    const n = fictionalName(rng);
    return {
      firstName: n.firstName,
      lastName: n.lastName,
      dateOfBirth: `19${rng.int(70, 99)}-0${rng.int(1, 9)}-1${rng.int(1, 9)}`,
    };
  });
  const delft = await owner
    .selectFrom('municipalities')
    .select('id')
    .where('organisation_id', '=', director.organisation_id)
    .executeTakeFirstOrThrow();
  const police = await owner
    .selectFrom('organisations')
    .select('id')
    .where('type', '=', 'police')
    .executeTakeFirstOrThrow();
  const indicators = (
    await owner
      .selectFrom('indicators')
      .select('code')
      .where('region_id', '=', regionId)
      .orderBy('sort')
      .limit(2)
      .execute()
  ).map((r) => r.code);
  const ctx: BenchContext = {
    regionId,
    today,
    director: actor,
    caseIds,
    actionOwnerOrganisationId: director.organisation_id,
    matchQueries,
    newPersons,
    municipalityId: delft.id,
    sourceOrganisationId: police.id,
    indicators,
  };

  // --- The server, in a worker thread, and signed-in clients -----------------------------------------------
  const workerUrl = new URL('./server-worker.ts', import.meta.url).href;
  const worker = new Worker(
    `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(workerUrl)}); })`,
    { eval: true, workerData: { urls, secretKeyHex: secretKey.toString('hex'), poolSize: POOL_SIZE } },
  );
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { port: number }) => resolve(m.port));
    worker.once('error', reject);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  log(`server listening on ${baseUrl} (pool size ${POOL_SIZE})`);
  // One session per concurrent client, as separate users' browsers would have.
  const clients: Client[] = [];
  for (let k = 0; k < CONCURRENCY; k += 1) {
    const c = new Client(baseUrl);
    const res = await c.post('/api/v1/auth/login', {
      email: 'regisseur@delft.demo',
      password: DEMO_PASSWORD,
      totp: await totpNow(),
    });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
    clients.push(c);
  }
  const rawPool = new RawPool(new pg.Pool({ connectionString: urls.appUrl, max: CONCURRENCY }), regionId);

  // --- Measure ---------------------------------------------------------------------------------------------------
  interface Result {
    name: string;
    kind: 'read' | 'write';
    http: string;
    raw: string;
    available: boolean;
    note?: string;
    httpSummary?: Summary;
    rawSummary?: Summary;
    httpSerial?: Summary;
    rawSerial?: Summary;
  }
  const results: Result[] = [];
  for (const op of operations(ctx, deps.db.kysely)) {
    const result: Result = { name: op.name, kind: op.kind, http: op.http, raw: op.raw, available: true };
    results.push(result);
    const probe = await op.callHttp(clients[0] as Client, 10_000);
    const detail = (probe.body as { detail?: string } | null)?.detail ?? '';
    if (probe.status === 501 || probe.status === 405 || (probe.status === 404 && detail.startsWith('No route'))) {
      result.available = false;
      result.note = 'route not available';
      log(`${op.name}: route not available (${probe.status})`);
      continue;
    }
    if (!probe.ok) {
      result.available = false;
      result.note = `probe answered ${probe.status}: ${detail}`;
      log(`${op.name}: probe answered ${probe.status} ${JSON.stringify(probe.body).slice(0, 300)}`);
      continue;
    }
    log(`${op.name}: warm-up`);
    await runConcurrent(WARMUP, CONCURRENCY, (i, w) => op.callHttp(clients[w] as Client, 5_000 + i));
    const http = await runConcurrent(REQUESTS, CONCURRENCY, (i, w) => op.callHttp(clients[w] as Client, i));
    result.httpSummary = summarise(http.samples, http.wallMs);
    await runConcurrent(WARMUP, CONCURRENCY, (i) => op.callRaw(rawPool, 5_000 + i));
    const raw = await runConcurrent(REQUESTS, CONCURRENCY, (i) => op.callRaw(rawPool, i));
    result.rawSummary = summarise(raw.samples, raw.wallMs);
    log(
      `${op.name}: HTTP p50 ${fmt(result.httpSummary.p50)} p95 ${fmt(result.httpSummary.p95)} ms` +
        ` (${result.httpSummary.errors} errors) | raw SQL p50 ${fmt(result.rawSummary.p50)} p95 ${fmt(result.rawSummary.p95)} ms`,
    );
    if (SERIAL > 0 && CONCURRENCY > 1) {
      // The same, one request at a time: the latency without queueing behind other requests.
      const h1 = await runConcurrent(SERIAL, 1, (i) => op.callHttp(clients[0] as Client, 20_000 + i));
      result.httpSerial = summarise(h1.samples, h1.wallMs);
      const r1 = await runConcurrent(SERIAL, 1, (i) => op.callRaw(rawPool, 20_000 + i));
      result.rawSerial = summarise(r1.samples, r1.wallMs);
      log(
        `${op.name}, one at a time: HTTP p50 ${fmt(result.httpSerial.p50)} p95 ${fmt(result.httpSerial.p95)} ms | ` +
          `raw SQL p50 ${fmt(result.rawSerial.p50)} p95 ${fmt(result.rawSerial.p95)} ms`,
      );
    }
  }

  // --- Diagnostics: the fixed cost of every request, at this concurrency and one at a time -----------------
  interface Diagnostic {
    name: string;
    http: string;
    raw: string;
    concurrency: number;
    httpSummary: Summary | null;
    rawSummary: Summary;
  }
  const diagnosticResults: Diagnostic[] = [];
  for (const op of diagnostics(ctx)) {
    for (const concurrency of [...new Set([CONCURRENCY, 1])]) {
      const count = Math.min(REQUESTS, 150);
      let httpSummary: Summary | null = null;
      if (op.http !== '(none)') {
        await runConcurrent(WARMUP, concurrency, (i, w) => op.callHttp(clients[w] as Client, 5_000 + i));
        const h = await runConcurrent(count, concurrency, (i, w) => op.callHttp(clients[w] as Client, i));
        httpSummary = summarise(h.samples, h.wallMs);
      }
      await runConcurrent(WARMUP, concurrency, (i) => op.callRaw(rawPool, 5_000 + i));
      const r = await runConcurrent(count, concurrency, (i) => op.callRaw(rawPool, i));
      const rawSummary = summarise(r.samples, r.wallMs);
      diagnosticResults.push({ name: op.name, http: op.http, raw: op.raw, concurrency, httpSummary, rawSummary });
      log(
        `${op.name}, ${concurrency} concurrent: ` +
          (httpSummary ? `HTTP p50 ${fmt(httpSummary.p50)} p95 ${fmt(httpSummary.p95)} ms | ` : '') +
          `raw p50 ${fmt(rawSummary.p50)} p95 ${fmt(rawSummary.p95)} ms, ${rawSummary.throughput.toFixed(0)}/s`,
      );
    }
  }

  // --- Query plans -------------------------------------------------------------------------------------------
  const listSql = priorityListQuery(deps.db.kysely, actor, PriorityListQuery.parse({ limit: '50' }), today).compile();
  const sample = matchQueries[0] as BenchContext['matchQueries'][number];
  const sampleName = [sample.firstName, sample.namePrefix ?? '', sample.lastName]
    .join(' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  const explain = async (text: string, params: readonly unknown[]) =>
    rawPool.withClient(async (c) =>
      (await c.query(`explain (analyze, buffers) ${text}`, params as unknown[])).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n'),
    );
  const plans = {
    priorityList: await explain(listSql.sql, listSql.parameters),
    personMatch: await explain(PERSON_MATCH_SQL, [sampleName, sample.dateOfBirth, regionId]),
  };
  const loadAverageAtEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);

  // --- Report ------------------------------------------------------------------------------------------------
  const verdict = (r: Result) => {
    if (!r.httpSummary || !r.rawSummary) return r.note ?? 'not measured';
    const target = r.kind === 'read' ? TARGET.read : TARGET.write;
    const ratio = r.httpSummary.p95 / r.rawSummary.p95;
    const misses = [
      r.httpSummary.p95 > target ? `p95 > ${target} ms` : null,
      ratio > TARGET.ratio ? `> ${TARGET.ratio}× raw` : null,
      r.httpSummary.errors > 0 ? `${r.httpSummary.errors} errors` : null,
    ].filter(Boolean);
    return misses.length === 0 ? 'meets target' : `misses: ${misses.join(', ')}`;
  };
  const lines = [
    '| operation | HTTP p50 | HTTP p95 | raw SQL p50 | raw SQL p95 | p95 ratio | target | result |',
    '|---|---:|---:|---:|---:|---:|---|---|',
    ...results.map((r) => {
      const h = r.httpSummary;
      const q = r.rawSummary;
      const target = r.kind === 'read' ? `≤ ${TARGET.read} ms` : `≤ ${TARGET.write} ms`;
      if (!h || !q) return `| ${r.name} | — | — | — | — | — | ${target} | ${r.note ?? ''} |`;
      return `| ${r.name} | ${fmt(h.p50)} | ${fmt(h.p95)} | ${fmt(q.p50)} | ${fmt(q.p95)} | ${(h.p95 / q.p95).toFixed(1)}× | ${target}, ≤ ${TARGET.ratio}× | ${verdict(r)} |`;
    }),
  ];
  console.log(
    `\nResults (ms; ${REQUESTS} requests per operation after ${WARMUP} warm-up, ${CONCURRENCY} concurrent):\n`,
  );
  console.log(lines.join('\n'));
  const serialLines = [
    '| operation (one at a time) | HTTP p50 | HTTP p95 | raw SQL p50 | raw SQL p95 |',
    '|---|---:|---:|---:|---:|',
    ...results
      .filter((r) => r.httpSerial && r.rawSerial)
      .map(
        (r) =>
          `| ${r.name} | ${fmt(r.httpSerial?.p50 ?? Number.NaN)} | ${fmt(r.httpSerial?.p95 ?? Number.NaN)} | ${fmt(r.rawSerial?.p50 ?? Number.NaN)} | ${fmt(r.rawSerial?.p95 ?? Number.NaN)} |`,
      ),
  ];
  console.log(`\n${serialLines.join('\n')}`);
  const diagnosticLines = [
    '| diagnostic | concurrent | HTTP p50 | HTTP p95 | raw SQL p50 | raw SQL p95 | raw SQL per second |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...diagnosticResults.map(
      (d) =>
        `| ${d.name} | ${d.concurrency} | ${d.httpSummary ? fmt(d.httpSummary.p50) : '—'} | ${d.httpSummary ? fmt(d.httpSummary.p95) : '—'} | ${fmt(d.rawSummary.p50)} | ${fmt(d.rawSummary.p95)} | ${d.rawSummary.throughput.toFixed(0)} |`,
    ),
  ];
  console.log(`\n${diagnosticLines.join('\n')}`);
  console.log(`\nload average at end: ${loadAverageAtEnd.join(' ')}`);
  console.log('\nEXPLAIN (ANALYZE, BUFFERS) priority list:\n');
  console.log(plans.priorityList);
  console.log('\nEXPLAIN (ANALYZE, BUFFERS) person match:\n');
  console.log(plans.personMatch);

  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(
    RESULTS,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        machine: { ...machine, loadAverageAtEnd },
        postgres: { version: pgVersion, settings },
        config: { REQUESTS, CONCURRENCY, WARMUP, ACCESS_LOG, ACCESS_LOG_MODE, POOL_SIZE, REUSE },
        verification,
        sizes,
        generation: prepared ? { timings: prepared.timings, rows: prepared.generated.rows } : null,
        results,
        diagnostics: diagnosticResults,
        table: lines.join('\n'),
        serialTable: serialLines.join('\n'),
        diagnosticTable: diagnosticLines.join('\n'),
        plans,
      },
      null,
      2,
    ),
  );
  log(`results written to ${RESULTS}`);

  await new Promise<void>((resolve) => {
    worker.once('message', () => resolve());
    worker.postMessage('close');
  });
  await worker.terminate();
  await rawPool.pool.end();
  await deps.db.close();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
