/**
 * Test harness: a real Schakel server on a random loopback port, over a real database — an in-memory
 * PGlite, or a fresh database on the PostgreSQL server of DATABASE_URL — with the demo region seeded.
 * Tests talk to it over HTTP with `Client`, which keeps the session cookie and CSRF token.
 */
import { randomBytes } from 'node:crypto';
import { createGuardrails, generate } from 'otplib';
import pg from 'pg';
import { type App, buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, insertDemoRegion } from '../src/demo/seed.js';
import { SecretBox } from '../src/platform/crypto.js';
import { type Db, openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
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

async function createServerDatabase(adminUrl: string) {
  const name = `schakel_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const ownerUrl = new URL(adminUrl);
  ownerUrl.pathname = `/${name}`;
  const appUrl = new URL(ownerUrl);
  appUrl.username = 'schakel_app_login';
  appUrl.password = '';
  return {
    ownerUrl: ownerUrl.toString(),
    appUrl: appUrl.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function startTestApp(
  options: {
    demo?: boolean;
    config?: Partial<Config>;
    /** Serve the built web app from dist/web (the browser tests in e2e/). */
    serveWeb?: boolean;
  } = {},
): Promise<TestApp> {
  const clock = new TestClock();
  let dropDatabase = async () => {};
  let db: Db;
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    const created = await createServerDatabase(adminUrl);
    dropDatabase = created.drop;
    db = await openDatabase({ kind: 'server', url: created.appUrl, migrationUrl: created.ownerUrl, poolSize: 5 });
  } else {
    db = await openDatabase({ kind: 'embedded', dataDir: 'memory://' });
  }
  const config: Config = {
    // Every test client signs in from 127.0.0.1: the per-address rate is raised except where tested.
    ...loadConfig({ SCHAKEL_DEMO: '1', LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '10000' }),
    ...options.config,
  };
  const deps: Deps = { db, config, secrets: new SecretBox(randomBytes(32)), now: clock.now };
  await migrate(db);
  if (options.demo !== false) await insertDemoRegion(deps);
  const app = await buildApp(deps, { logger: false, serveWeb: options.serveWeb ?? false });
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
