/**
 * Test harness: a real Schakel server on a random loopback port, over a real database — an in-memory
 * PGlite, or a fresh database on the PostgreSQL server of DATABASE_URL — with the demo region seeded.
 * Tests talk to it over HTTP with `Client`, which keeps the session cookie and CSRF token.
 *
 * Speed: the global setup of a Vitest run (test/global-setup.ts, e2e/global-setup.ts) calls
 * {@link prepareTestDatabases} once; it migrates and seeds one database and keeps it — as a PGlite
 * data-dir dump in .tmp/test-db/, or as a template database on the server. Each startTestApp then
 * starts from that copy instead of initdb + migrations + seed, and still runs the migrations (no-ops,
 * unless a migration is newer than the copy). SCHAKEL_TEST_FRESH=1 skips the copy: every test app
 * then builds its database from scratch, as production does on first start.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import { createGuardrails, generate } from 'otplib';
import pg from 'pg';
import { type App, buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, insertDemoRegion } from '../src/demo/seed.js';
import { startJobs } from '../src/jobs.js';
import { todayInNl } from '../src/modules/cases/core.js';
import { SecretBox } from '../src/platform/crypto.js';
import { type Db, EMBEDDED_EXTENSIONS, openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import type { Database } from '../src/platform/db/schema.js';
import type { Deps } from '../src/platform/deps.js';

export const onServer = Boolean(process.env.DATABASE_URL);

/** A clock the test can move forward (idle timeouts, expiry). */
export class TestClock {
  offsetMs = 0;
  now = () => new Date(Date.now() + this.offsetMs);
  advance(ms: number) {
    this.offsetMs += ms;
  }
}

export interface TestApp {
  baseUrl: string;
  app: App;
  deps: Deps;
  db: Db;
  clock: TestClock;
  close(): Promise<void>;
  /** A client signed in as a demo user (password + TOTP through the real login route). */
  signIn(email: string): Promise<Client>;
  client(): Client;
}

export async function totpNow(secret = DEMO_TOTP_SECRET): Promise<string> {
  return generate({ secret, guardrails: createGuardrails({ MIN_SECRET_BYTES: 10 }) });
}

/** The owner's and the app role's URLs of database `name` on the server of `adminUrl`. */
function serverUrls(adminUrl: string, name: string) {
  const ownerUrl = new URL(adminUrl);
  ownerUrl.pathname = `/${name}`;
  const appUrl = new URL(ownerUrl);
  appUrl.username = 'schakel_app_login';
  appUrl.password = '';
  return { ownerUrl: ownerUrl.toString(), appUrl: appUrl.toString() };
}

async function adminQuery(adminUrl: string, ...statements: string[]) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** A new database on the server, empty or (with `template`) a copy of the prepared template. */
async function createServerDatabase(adminUrl: string, template?: string) {
  const name = `schakel_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  return {
    ...serverUrls(adminUrl, name),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** The base configuration of every test app. */
function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    // Every test client signs in from 127.0.0.1: the per-address rate is raised except where tested.
    ...loadConfig({ SCHAKEL_DEMO: '1', LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '10000' }),
    ...overrides,
  };
}

// --- The prepared database of a test run -------------------------------------------------------------

/** Path of the run's snapshot description (meta.json), set by {@link prepareTestDatabases}. */
const SNAPSHOT_ENV = 'SCHAKEL_TEST_SNAPSHOT';
const SNAPSHOT_ROOT = fileURLToPath(new URL('../.tmp/test-db/', import.meta.url));
const MIGRATIONS_DIR = fileURLToPath(new URL('../src/platform/db/migrations/', import.meta.url));
/** Left-overs of runs that were killed before their teardown are removed after this long. */
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

/** What the global setup prepared (meta.json next to the PGlite dumps). */
interface Snapshot {
  /** SecretBox key (hex) the seed sealed the demo users' TOTP secrets with. Test-only. */
  secretKey: string;
  /** The day (Europe/Amsterdam) the demo data was generated on: its dates are relative to it. */
  day: string;
  /** sha256 of every migration file the copy was migrated with. */
  migrations: Record<string, string>;
  /** PGlite data-dir dumps (tar files), migrated, with and without the demo region. */
  pglite?: { demo: string; empty: string };
  /** Template databases on the server of DATABASE_URL, migrated, with and without the demo region. */
  server?: { demo: string; empty: string };
}

function freshRequested(): boolean {
  return process.env.SCHAKEL_TEST_FRESH === '1';
}

function migrationChecksums(): Record<string, string> {
  const sums: Record<string, string> = {};
  for (const name of readdirSync(MIGRATIONS_DIR)
    .filter((n) => n.endsWith('.sql'))
    .sort()) {
    sums[name] = createHash('sha256')
      .update(readFileSync(join(MIGRATIONS_DIR, name), 'utf8'))
      .digest('hex');
  }
  return sums;
}

const warned = new Set<string>();
function staleCopy(reason: string): null {
  if (!warned.has(reason)) console.warn(`[schakel] ${reason}: this test file builds its databases from scratch.`);
  warned.add(reason);
  return null;
}

/** The prepared copy for this test app, or null when there is none or it no longer fits. */
function preparedSnapshot(now: Date): Snapshot | null {
  const path = process.env[SNAPSHOT_ENV];
  if (!path || freshRequested()) return null;
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
  } catch {
    return staleCopy(`the run's prepared database is gone (${path})`);
  }
  if (!(process.env.DATABASE_URL ? snapshot.server : snapshot.pglite)) return null;
  // The demo data's dates are relative to its day; past midnight the copy would be a day old.
  if (snapshot.day !== todayInNl(now)) return staleCopy('the prepared database is from yesterday');
  // A migration edited during the run (or in watch mode): the copy holds its old version. New
  // migrations are fine: startTestApp applies them on top.
  const current = migrationChecksums();
  for (const [name, sum] of Object.entries(snapshot.migrations)) {
    if (current[name] !== sum) return staleCopy(`migration ${name} changed after the run's database was prepared`);
  }
  return snapshot;
}

/** A Db over an in-memory PGlite we hold on to (openDatabase does not hand out the instance). */
async function openDumpableDatabase(): Promise<{ db: Db; pglite: PGlite }> {
  const pglite = await PGlite.create('memory://', { extensions: EMBEDDED_EXTENSIONS });
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const db: Db = {
    kind: 'embedded',
    kysely,
    owner: kysely,
    async close() {
      await kysely.destroy();
      await pglite.close();
    },
  };
  return { db, pglite };
}

async function writeDump(pglite: PGlite, path: string) {
  const dump = await pglite.dumpDataDir('none');
  // Written next to its place and renamed: a test app never reads half a file.
  writeFileSync(`${path}.new`, new Uint8Array(await dump.arrayBuffer()));
  renameSync(`${path}.new`, path);
}

function removeStaleSnapshotDirs() {
  let entries: string[] = [];
  try {
    entries = readdirSync(SNAPSHOT_ROOT);
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(SNAPSHOT_ROOT, entry);
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_AFTER_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // removed by another run at the same moment
    }
  }
}

async function dropTemplate(adminUrl: string, name: string) {
  await adminQuery(
    adminUrl,
    `DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_database WHERE datname = '${name}') THEN
        ALTER DATABASE ${name} WITH IS_TEMPLATE false;
      END IF;
    END $$`,
    `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`,
  );
}

async function dropStaleTemplates(adminUrl: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  let stale: string[];
  try {
    const rows = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname ~ '^schakel_tmpl_[0-9]+_'`,
    );
    stale = rows.rows
      .map((r) => r.datname)
      .filter((name) => Date.now() - Number(name.split('_')[2]) * 1000 > STALE_AFTER_MS);
  } finally {
    await client.end();
  }
  for (const name of stale) await dropTemplate(adminUrl, name);
}

export interface PreparedDatabases {
  /** Builds the copy again from the code as it is now (Vitest watch mode, before each rerun). */
  refresh(): Promise<void>;
  /** Removes the copy (end of the run). */
  teardown(): Promise<void>;
}

/**
 * Builds the run's prepared databases (see the top of this file) and tells the test workers where
 * they are (process.env, inherited by the workers). For the global setups.
 */
export async function prepareTestDatabases(): Promise<PreparedDatabases> {
  if (freshRequested()) {
    console.log('[schakel] SCHAKEL_TEST_FRESH=1: every test app builds its database from scratch.');
    return { refresh: async () => {}, teardown: async () => {} };
  }
  removeStaleSnapshotDirs();
  const dir = join(SNAPSHOT_ROOT, `${Date.now()}-${process.pid}-${randomBytes(3).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  const metaPath = join(dir, 'meta.json');
  const key = randomBytes(32);
  const adminUrl = process.env.DATABASE_URL;
  const base = `schakel_tmpl_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  const templates = { empty: `${base}_empty`, demo: `${base}_demo` };
  const files = { empty: join(dir, 'empty.tar'), demo: join(dir, 'demo.tar') };

  const dropTemplates = async () => {
    if (!adminUrl) return;
    for (const name of Object.values(templates)) await dropTemplate(adminUrl, name).catch(() => {});
  };

  async function build() {
    const started = performance.now();
    // One instant for the whole seed, so that the demo data belongs to exactly one day.
    const now = new Date();
    const migrations = migrationChecksums();
    const seedDeps = (db: Db): Deps => ({ db, config: testConfig(), secrets: new SecretBox(key), now: () => now });
    const snapshot: Snapshot = { secretKey: key.toString('hex'), day: todayInNl(now), migrations };
    if (adminUrl) {
      const open = (name: string) => {
        const urls = serverUrls(adminUrl, name);
        return openDatabase({ kind: 'server', url: urls.appUrl, migrationUrl: urls.ownerUrl, poolSize: 2 });
      };
      await dropTemplates();
      // Created, migrated and seeded exactly as startTestApp does it without a copy: same roles, owner.
      await adminQuery(adminUrl, `CREATE DATABASE ${templates.empty}`);
      let db = await open(templates.empty);
      await migrate(db);
      await db.close();
      await adminQuery(adminUrl, `CREATE DATABASE ${templates.demo} TEMPLATE ${templates.empty}`);
      db = await open(templates.demo);
      await insertDemoRegion(seedDeps(db));
      await db.close();
      // Nobody may connect to a template: a connection would make CREATE DATABASE … TEMPLATE fail.
      for (const name of Object.values(templates)) {
        await adminQuery(adminUrl, `ALTER DATABASE ${name} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
      }
      snapshot.server = templates;
    } else {
      const { db, pglite } = await openDumpableDatabase();
      try {
        await migrate(db);
        await writeDump(pglite, files.empty);
        await insertDemoRegion(seedDeps(db));
        await writeDump(pglite, files.demo);
      } finally {
        await db.close();
      }
      snapshot.pglite = files;
    }
    writeFileSync(`${metaPath}.new`, JSON.stringify(snapshot));
    renameSync(`${metaPath}.new`, metaPath);
    const where = adminUrl ? 'template databases on the server' : 'PGlite snapshot';
    console.log(`[schakel] test databases prepared (${where}) in ${Math.round(performance.now() - started)} ms.`);
  }

  const teardown = async () => {
    if (process.env[SNAPSHOT_ENV] === metaPath) delete process.env[SNAPSHOT_ENV];
    await dropTemplates();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (adminUrl) await dropStaleTemplates(adminUrl);
    await build();
  } catch (error) {
    await teardown();
    throw error;
  }
  process.env[SNAPSHOT_ENV] = metaPath;
  return {
    async refresh() {
      // While rebuilding, test apps see no meta.json and build from scratch.
      rmSync(metaPath, { force: true });
      await build();
    },
    teardown,
  };
}

export async function startTestApp(
  options: {
    demo?: boolean;
    config?: Partial<Config>;
    /** Serve the built web app from dist/web (the browser tests in e2e/). */
    serveWeb?: boolean;
    /** Start the job queue (src/jobs.ts) on this database: exports are built, failed jobs listed. Default: with serveWeb. */
    jobs?: boolean;
    /** Log with the app's own logger settings into this stream (default: no logging). */
    logStream?: { write(line: string): void };
  } = {},
): Promise<TestApp> {
  const clock = new TestClock();
  const demo = options.demo !== false;
  const snapshot = preparedSnapshot(clock.now());
  let dropDatabase = async () => {};
  let db: Db;
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    const created = await createServerDatabase(adminUrl, snapshot?.server?.[demo ? 'demo' : 'empty']);
    dropDatabase = created.drop;
    db = await openDatabase({ kind: 'server', url: created.appUrl, migrationUrl: created.ownerUrl, poolSize: 5 });
  } else {
    const dump = snapshot?.pglite?.[demo ? 'demo' : 'empty'];
    db = await openDatabase({
      kind: 'embedded',
      dataDir: 'memory://',
      ...(dump ? { loadDataDir: new Blob([await readFile(dump)]) } : {}),
    });
  }
  const config = testConfig(options.config);
  // The prepared copy's TOTP secrets were sealed with the run's key; a fresh database gets its own.
  const secrets = new SecretBox(snapshot ? Buffer.from(snapshot.secretKey, 'hex') : randomBytes(32));
  const deps: Deps = { db, config, secrets, now: clock.now };
  // Always: new migrations reach a prepared copy too (on the copy the others are no-ops).
  await migrate(db);
  if (demo && !snapshot) await insertDemoRegion(deps);
  const app = await buildApp(deps, {
    ...(options.logStream ? { logStream: options.logStream } : { logger: false }),
    serveWeb: options.serveWeb ?? false,
  });
  const jobs =
    (options.jobs ?? options.serveWeb)
      ? await startJobs(deps, { info: () => {}, error: () => {} }, { schedule: false, pollingIntervalSeconds: 0.5 })
      : null;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const testApp: TestApp = {
    baseUrl,
    app,
    deps,
    db,
    clock,
    async close() {
      await app.close();
      await jobs?.stop(5);
      await db.close();
      await dropDatabase();
    },
    client: () => new Client(baseUrl),
    async signIn(email: string) {
      const c = new Client(baseUrl);
      const res = await c.post('/api/v1/auth/login', { email, password: DEMO_PASSWORD, totp: await totpNow() });
      if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return c;
    },
  };
  return testApp;
}

export interface Response<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A minimal browser: keeps the session cookie, sends the CSRF token on mutating requests. */
export class Client {
  cookie: string | null = null;
  csrfToken: string | null = null;
  bearer: string | null = null;
  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined && typeof body !== 'string') h['content-type'] = 'application/json';
    if (typeof body === 'string') h['content-type'] ??= 'application/json';
    if (this.cookie) h.cookie = this.cookie;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    if (this.csrfToken && !['GET', 'HEAD'].includes(method) && !('x-csrf-token' in h))
      h['x-csrf-token'] = this.csrfToken;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = pair && !pair.endsWith('=') ? pair : null;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON
    }
    if (parsed && typeof parsed === 'object' && 'csrfToken' in parsed) {
      this.csrfToken = (parsed as { csrfToken: string | null }).csrfToken;
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  /** A GET whose body is a file (PDF, Word, CSV): its bytes as they came. */
  async download(path: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
    const h: Record<string, string> = {};
    if (this.cookie) h.cookie = this.cookie;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(this.baseUrl + path, { headers: h });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
  put<T = any>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }
  patch<T = any>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }
}
