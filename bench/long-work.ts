/**
 * npx tsx bench/long-work.ts — issue 9 point 6: does long work block other requests on the embedded
 * database? Builds an in-memory PGlite with the demo region and BENCH_LONG_ENTRIES (100,000) synthetic
 * chained access-log entries, starts the real app with its job queue on a loopback port, and measures the
 * latency of a database read (GET /api/v1/me as the process director, one request at a time) while
 * nothing else runs, during an asynchronous access-log export of the whole log, and during a verification
 * of the chain. Prints p50, p95 and max of the reads in each phase. See docs/benchmarks.md.
 */
import { randomBytes } from 'node:crypto';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { generateAccessLog } from '../src/demo/access-log-generator.js';
import { DEMO_PASSWORD, DEMO_REGION_CODE, insertDemoRegion } from '../src/demo/seed.js';
import { startJobs } from '../src/jobs.js';
import { SecretBox } from '../src/platform/crypto.js';
import { openDatabase } from '../src/platform/db/database.js';
import { vacuumAnalyse } from '../src/platform/db/maintenance.js';
import { migrate } from '../src/platform/db/migrate.js';
import type { Deps } from '../src/platform/deps.js';
import { Client, totpNow } from '../test/harness.js';
import { percentile } from './measure.js';

const ENTRIES = Number(process.env.BENCH_LONG_ENTRIES ?? 100_000);

async function signIn(base: string, email: string) {
  const c = new Client(base);
  const res = await c.post('/api/v1/auth/login', { email, password: DEMO_PASSWORD, totp: await totpNow() });
  if (res.status !== 200) throw new Error(`sign-in ${email}: ${res.status}`);
  return c;
}

/** Reads one at a time until `done()`; returns their latencies in ms. */
async function readWhile(c: Client, done: () => boolean, minReads = 20): Promise<number[]> {
  const ms: number[] = [];
  while (!done() || ms.length < minReads) {
    const t0 = performance.now();
    const res = await c.get('/api/v1/me');
    if (res.status !== 200) throw new Error(`read: ${res.status}`);
    ms.push(performance.now() - t0);
  }
  return ms;
}

function row(phase: string, ms: number[], extra = '') {
  const sorted = [...ms].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1);
  console.log(
    `| ${phase} | ${ms.length} | ${f(percentile(sorted, 50))} | ${f(percentile(sorted, 95))} | ${f(sorted.at(-1) ?? 0)} | ${extra} |`,
  );
}

const db = await openDatabase({ kind: 'embedded', dataDir: 'memory://' });
const config = loadConfig({ SCHAKEL_DEMO: '1', RETENTION_INTERVAL_MINUTES: '0', LOG_LEVEL: 'warn' });
const deps: Deps = { db, config, secrets: new SecretBox(randomBytes(32)), now: () => new Date() };
await migrate(db);
await insertDemoRegion(deps);
const region = await db.owner
  .selectFrom('regions')
  .select('id as regionId')
  .where('code', '=', DEMO_REGION_CODE)
  .executeTakeFirstOrThrow();
const t0 = performance.now();
await generateAccessLog(db.owner, {
  regionId: region.regionId,
  seed: 7,
  entries: ENTRIES,
  batchSize: 10_000,
  mode: 'bulk',
});
console.log(`access log: ${ENTRIES.toLocaleString('en')} entries in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
// What the maintenance job does at every start of an embedded server (PGlite has no autovacuum).
const ta = performance.now();
const tables = await vacuumAnalyse(db);
console.log(`vacuum and analyse of ${tables} tables: ${((performance.now() - ta) / 1000).toFixed(1)} s`);
const app = await buildApp(deps, { logger: false });
const jobs = await startJobs(
  deps,
  { info: () => {}, error: (o, m) => console.error(m, o) },
  { schedule: false, pollingIntervalSeconds: 0.5 },
);
const base = await app.listen({ port: 0, host: '127.0.0.1' });
const reader = await signIn(base, 'regisseur@delft.demo');
const fg = await signIn(base, 'fg@delft.demo');

console.log(
  `\n| phase (${ENTRIES.toLocaleString('en')} entries, embedded PGlite) | reads | p50 ms | p95 ms | max ms | |`,
);
console.log('|---|---:|---:|---:|---:|---|');
let until = performance.now() + 3_000;
row('idle', await readWhile(reader, () => performance.now() > until));

// An export of the whole log (at most 100,000 rows), built by the job in chunks.
const started = await fg.post('/api/v1/exports', { kind: 'access-log-csv', filters: {} });
let exportDone = false;
const exportStarted = performance.now();
const poll = (async () => {
  for (;;) {
    const s = await fg.get(`/api/v1/exports/${started.body.id}`);
    if (s.body.status !== 'queued' && s.body.status !== 'running') return s.body;
    await new Promise((r) => setTimeout(r, 250));
  }
})().then((body) => {
  exportDone = true;
  return body;
});
const duringExport = await readWhile(reader, () => exportDone);
const finished = await poll;
row(
  'during the export',
  duringExport,
  `export of ${finished.rowsDone.toLocaleString('en')} rows (${(finished.bytes / 1e6).toFixed(1)} MB) ${finished.status} in ${((performance.now() - exportStarted) / 1000).toFixed(1)} s`,
);

// A verification of the whole chain (the privacy officer's button), in the request.
let verified = false;
const verifyStarted = performance.now();
const verification = fg.get('/api/v1/access-log/verification').then((r) => {
  verified = true;
  return r;
});
const duringVerification = await readWhile(reader, () => verified);
const v = await verification;
row(
  'during the verification',
  duringVerification,
  `verification of ${v.body.entries?.toLocaleString('en')} entries (${v.body.intact ? 'intact' : 'broken'}) in ${((performance.now() - verifyStarted) / 1000).toFixed(1)} s`,
);
until = performance.now() + 3_000;
row('idle again', await readWhile(reader, () => performance.now() > until));

await app.close();
await jobs.stop(5);
await db.close();
