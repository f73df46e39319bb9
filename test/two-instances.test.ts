/**
 * The production shape without containers (issue 9 point 4): two real Schakel server processes on ONE
 * fresh database of the PostgreSQL server of DATABASE_URL, behind a small round-robin proxy
 * (test/proxy.ts), as compose.yaml runs them behind nginx. Shows that
 *  (a) a session made through one instance works on the other (sessions live in the database);
 *  (b) the retention run runs once per period for the cluster (claimJobRun, table job_runs), also when
 *      each instance restarts and tries again, and that the notification job — which has no cluster
 *      claim but a dedupe key — creates each notification once although both instances run it;
 *  (c) a rolling restart under continuous write traffic (SIGTERM to one instance, start it again, then
 *      the other) loses no acknowledged request: every 201 with an id is in the database. The numbers
 *      of acknowledged and failed requests are printed (docs/operations.md quotes them).
 * The servers run from source (scripts/start.mjs with SCHAKEL_START_ENTRY, as test/shutdown.test.ts).
 * Runs only with DATABASE_URL: the embedded database is one process per data directory by design.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { DEMO_PASSWORD, insertDemoRegion } from '../src/demo/seed.js';
import { RETENTION_JOB } from '../src/modules/privacy/destruction.js';
import { dailyPeriod } from '../src/modules/privacy/retention.js';
import { SecretBox } from '../src/platform/crypto.js';
import { openDatabase } from '../src/platform/db/database.js';
import { municipalityId } from './fixtures.js';
import { Client, onServer, totpNow } from './harness.js';
import { type LoadBalancer, startProxy } from './proxy.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
// Ports of this test (the range 18300-18399 was free on the development machine).
const PROXY_PORT = 18300;
const PORTS = [18301, 18302] as const;

if (!onServer) {
  console.log(
    '[two-instances] skipped: needs a PostgreSQL server (DATABASE_URL); the embedded database allows one process per data directory.',
  );
}

const cleanups: Array<() => Promise<void>> = [];
const children: ChildProcess[] = [];
/** Every instance process this file started, stopped ones included (their logs are checked). */
const everStarted: Instance[] = [];
afterAll(async () => {
  // Each instance runs in its own process group (start.mjs and the server it starts): after a failed
  // test none may be left holding a port.
  for (const child of children) {
    if (child.pid === undefined) continue;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query<T>(text, values);
  } finally {
    await client.end();
  }
}

interface Instance {
  port: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  logs: () => Array<Record<string, unknown>>;
}

function startInstance(port: number, env: Record<string, string>): Promise<Instance> {
  const base: Record<string, string | undefined> = { ...process.env };
  for (const k of ['DATABASE_URL', 'DATABASE_MIGRATION_URL', 'SCHAKEL_SECRET_KEY']) delete base[k];
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: {
      ...base,
      ...env,
      SCHAKEL_START_ENTRY: 'src/main.ts',
      SCHAKEL_DEMO: '0',
      PORT: String(port),
      HOST: '127.0.0.1',
      TRUST_PROXY: '1',
      LOG_LEVEL: 'info',
      LOGIN_RATE_PER_MINUTE: '10000',
      // Both instances check at start and every minute; the day's run is due from 00:00.
      RETENTION_INTERVAL_MINUTES: '1',
      RETENTION_HOUR: '0',
      SHUTDOWN_GRACE_SECONDS: '10',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let output = '';
  let listening = false;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const logs = () =>
    output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return new Promise<Instance>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Server listening') && !listening) {
        listening = true;
        const instance = { port, child, exited, logs };
        everStarted.push(instance);
        resolve(instance);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`instance on ${port} exited (${code}) before listening:\n${output}`)));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function signalBody(municipality: string, n: number) {
  return {
    municipalityId: municipality,
    reporterName: 'Wijkagent B.',
    reporterContact: 'wijkagent@politie.example',
    receivedOn: '2026-01-05',
    subjectUnknown: true,
    subjects: [],
    indicators: ['hostile_view_of_society'],
    ideology: 'jihadist',
    urgency: 'normal',
    description: `Rolling-restart schrijfverkeer ${n}.`,
  };
}

describe.skipIf(!onServer)(
  'two instances on one PostgreSQL database behind a load balancer',
  { timeout: 150_000 },
  () => {
    let ownerUrl = '';
    let appUrl = '';
    let proxy: LoadBalancer;
    const instances: Instance[] = [];
    const secretKey = randomBytes(32).toString('hex');

    const env = () => ({ DATABASE_URL: appUrl, DATABASE_MIGRATION_URL: ownerUrl, SCHAKEL_SECRET_KEY: secretKey });

    async function setUp() {
      const adminUrl = process.env.DATABASE_URL as string;
      const name = `schakel_two_${randomBytes(6).toString('hex')}`;
      await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
      cleanups.push(() => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => {}));
      const owner = new URL(adminUrl);
      owner.pathname = `/${name}`;
      const app = new URL(owner);
      app.username = 'schakel_app_login';
      app.password = '';
      ownerUrl = owner.toString();
      appUrl = app.toString();
      // Migrated by the one-shot migration command (the `migrate` service of compose.yaml), twice:
      // the second run finds the schema current. Then seeded with the demo region, as the harness
      // does on the server.
      const migrateOnce = () =>
        spawnSync(process.execPath, ['--import', 'tsx', 'src/platform/db/migrate-cli.ts'], {
          cwd: ROOT,
          env: { ...process.env, ...env(), LOG_LEVEL: 'silent' },
          encoding: 'utf8',
        });
      const first = migrateOnce();
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/^migrations: \d+ applied \(0001_/);
      const second = migrateOnce();
      expect(second.status).toBe(0);
      expect(second.stdout).toContain('migrations: 0 applied, schema current');
      const db = await openDatabase({ kind: 'server', url: appUrl, migrationUrl: ownerUrl, poolSize: 2 });
      try {
        const config = loadConfig({ SCHAKEL_DEMO: '1', LOG_LEVEL: 'silent' });
        await insertDemoRegion({
          db,
          config,
          secrets: new SecretBox(Buffer.from(secretKey, 'hex')),
          now: () => new Date(),
        });
      } finally {
        await db.close();
      }
    }

    // Two different users: a TOTP code is accepted once per account.
    async function signIn(baseUrl: string, email: string) {
      const c = new Client(baseUrl);
      const res = await c.post('/api/v1/auth/login', {
        email,
        password: DEMO_PASSWORD,
        totp: await totpNow(),
      });
      expect(res.status).toBe(200);
      return c;
    }

    it('sessions, once-per-period jobs and a rolling restart without a lost acknowledged write', async () => {
      const testStarted = new Date();
      await setUp();
      // Started together, on the same database and the same key.
      instances.push(...(await Promise.all(PORTS.map((port) => startInstance(port, env())))));
      proxy = await startProxy([...PORTS], PROXY_PORT);
      cleanups.push(() => proxy.close());

      // (a) Sessions live in the database: signed in on A, the same cookie and CSRF token work on B.
      const onA = await signIn(`http://127.0.0.1:${PORTS[0]}`, 'ggz@ggz.demo');
      const onB = new Client(`http://127.0.0.1:${PORTS[1]}`);
      onB.cookie = onA.cookie;
      onB.csrfToken = onA.csrfToken;
      expect((await onB.get('/api/v1/me')).status).toBe(200);
      // Through the load balancer: one sign-in, then requests land on both instances.
      const c = await signIn(proxy.url, 'politie@politie.demo');
      const before = [...proxy.stats.served];
      for (let i = 0; i < 6; i += 1) expect((await c.get('/api/v1/me')).status).toBe(200);
      expect(proxy.stats.served[0] as number).toBeGreaterThan(before[0] as number);
      expect(proxy.stats.served[1] as number).toBeGreaterThan(before[1] as number);
      const delft = await municipalityId(c, 'Delft');
      const created = await c.post('/api/v1/signals', signalBody(delft, 0));
      expect(created.status).toBe(201);

      // (c) Rolling restart under continuous writes through the load balancer.
      const acknowledged: string[] = [];
      const failures: Record<string, number> = {};
      let stop = false;
      let sent = 0;
      const writer = async () => {
        while (!stop) {
          sent += 1;
          try {
            const res = await c.post('/api/v1/signals', signalBody(delft, sent));
            if (res.status === 201 && typeof res.body?.id === 'string') acknowledged.push(res.body.id);
            else failures[String(res.status)] = (failures[String(res.status)] ?? 0) + 1;
          } catch (error) {
            const code = (error as { cause?: { code?: string } }).cause?.code ?? 'network';
            failures[code] = (failures[code] ?? 0) + 1;
          }
        }
      };
      const writers = Array.from({ length: 4 }, () => writer());
      const started = Date.now();
      await sleep(2000);
      for (const index of [0, 1] as const) {
        const old = instances[index] as Instance;
        old.child.kill('SIGTERM');
        expect(await old.exited).toBe(0);
        await sleep(1000); // traffic on one instance only
        instances[index] = await startInstance(PORTS[index], env());
        await sleep(2000);
      }
      stop = true;
      await Promise.all(writers);
      const seconds = (Date.now() - started) / 1000;

      const failed = Object.values(failures).reduce((a, b) => a + b, 0);
      const rows = await adminQuery<{ id: string }>(ownerUrl, 'SELECT id FROM signals WHERE id = ANY($1::uuid[])', [
        acknowledged,
      ]);
      // Written although the client got no 201 (a reset after the commit would do that): allowed, counted.
      const traffic = await adminQuery<{ n: number }>(
        ownerUrl,
        `SELECT count(*)::int AS n FROM signals WHERE description LIKE 'Rolling-restart schrijfverkeer %' AND description <> 'Rolling-restart schrijfverkeer 0.'`,
      );
      const writtenUnacknowledged = (traffic.rows[0]?.n ?? 0) - acknowledged.length;
      console.log(
        `[two-instances] rolling restart: ${acknowledged.length + failed} writes in ${seconds.toFixed(1)} s, ` +
          `${acknowledged.length} acknowledged (201), ${failed} failed ${JSON.stringify(failures)}, ` +
          `${rows.rowCount} of the acknowledged in the database, ${writtenUnacknowledged} written without a 201; proxy retried ${proxy.stats.retried} refused ` +
          `connections on the other instance, served ${JSON.stringify(proxy.stats.served)}, 502s ${proxy.stats.badGateway}`,
      );
      expect(acknowledged.length).toBeGreaterThan(50);
      expect(rows.rowCount).toBe(acknowledged.length);
      expect(new Set(acknowledged).size).toBe(acknowledged.length);
      // The load balancer moved refused connections to the other instance.
      expect(proxy.stats.retried).toBeGreaterThan(0);
      // The session made at the start on A still works on the restarted instance B.
      expect((await onB.get('/api/v1/me')).status).toBe(200);

      // (b) Four starts of an instance, each queueing the retention job at start (and every minute by cron):
      // one run per day for the cluster — one row, unless the test crossed midnight in Amsterdam.
      const days = new Set([dailyPeriod(testStarted), dailyPeriod(new Date())]);
      const runs = await adminQuery<{ period: string; instance: string; finished_at: Date | null }>(
        ownerUrl,
        'SELECT period, instance, finished_at FROM job_runs WHERE job = $1 ORDER BY period',
        [RETENTION_JOB],
      );
      expect(runs.rowCount).toBeGreaterThanOrEqual(1);
      expect(runs.rowCount).toBeLessThanOrEqual(days.size);
      for (const run of runs.rows) {
        expect(days.has(run.period)).toBe(true);
        expect(run.finished_at).not.toBeNull();
      }
      // Each run leaves one record per region in the access log; a second run would leave more.
      const retentionLogs = await adminQuery<{ n: number }>(
        ownerUrl,
        `SELECT count(*)::int AS n FROM access_log WHERE record_type = 'retention_run'`,
      );
      const regions = await adminQuery<{ n: number }>(ownerUrl, 'SELECT count(*)::int AS n FROM regions');
      expect(retentionLogs.rows[0]?.n).toBe((regions.rows[0]?.n ?? 0) * (runs.rowCount ?? 0));
      // Notifications: no cluster claim, but each is created once — the "created" counts that the four
      // instance processes logged add up to the rows in the table.
      const logs = everStarted.flatMap((i) => i.logs());
      const notificationRuns = logs.filter((l) => l.msg === 'notifications generated');
      expect(notificationRuns.length).toBeGreaterThanOrEqual(2);
      expect(logs.filter((l) => l.msg === 'job failed')).toEqual([]);
      const createdLogged = notificationRuns.reduce((sum, l) => sum + Number(l.created), 0);
      const notifications = await adminQuery<{ n: number }>(ownerUrl, 'SELECT count(*)::int AS n FROM notifications');
      expect(createdLogged).toBe(notifications.rows[0]?.n);
      console.log(
        `[two-instances] retention: ${runs.rowCount} run(s) for ${[...days].join(', ')} (${runs.rows.map((r) => `${r.period} by ${r.instance}`).join('; ')}); ` +
          `notifications: ${notificationRuns.length} runs logged, ${createdLogged} created, ${notifications.rows[0]?.n} in the table`,
      );

      for (const instance of instances) {
        instance.child.kill('SIGTERM');
        expect(await instance.exited).toBe(0);
      }
    });
  },
);
