/**
 * Graceful shutdown through the real `npm start` chain (npm → sh → scripts/start.mjs → server): SIGTERM
 * to the npm process stops accepting connections, lets a request in flight finish with its real answer,
 * answers a request that arrives meanwhile with a problem+json 503, closes the database (the data
 * directory's lock is released; on a PostgreSQL server no connection is left) and every process of the
 * chain exits with code 0. The server runs from source (SCHAKEL_START_ENTRY) on an embedded database in
 * a temp dir, or — with DATABASE_URL — on a fresh database on that server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { onServer } from './harness.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const dirs: string[] = [];
const children: ChildProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const cleanup of cleanups) await cleanup();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function adminQuery(statement: string) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
}

/** On the PostgreSQL server: a fresh database for the server under test, and its connection settings. */
async function serverDatabase(): Promise<{ name: string; env: Record<string, string> }> {
  const name = `schakel_stop_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  cleanups.push(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => {}));
  const ownerUrl = new URL(process.env.DATABASE_URL as string);
  ownerUrl.pathname = `/${name}`;
  const appUrl = new URL(ownerUrl);
  appUrl.username = 'schakel_app_login';
  appUrl.password = '';
  return {
    name,
    env: {
      DATABASE_URL: appUrl.toString(),
      DATABASE_MIGRATION_URL: ownerUrl.toString(),
      SCHAKEL_SECRET_KEY: randomBytes(32).toString('hex'),
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startNpm(env: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'schakel-shutdown-'));
  dirs.push(dir);
  const port = await freePort();
  const base: Record<string, string | undefined> = { ...process.env };
  for (const k of ['DATABASE_URL', 'DATABASE_MIGRATION_URL', 'SCHAKEL_SECRET_KEY']) delete base[k];
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: {
      ...base,
      SCHAKEL_START_ENTRY: 'src/main.ts',
      SCHAKEL_DATA_DIR: dir,
      SCHAKEL_DEMO: '0',
      PORT: String(port),
      HOST: '127.0.0.1',
      RETENTION_INTERVAL_MINUTES: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Server listening')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`npm start exited (${code}) before listening:\n${output}`)));
  });
  // pino writes the server's pid on every line.
  const serverPid = Number(/"pid":(\d+)/.exec(output)?.[1]);
  return { child, dir, port, exited, serverPid, output: () => output };
}

/** A raw connection, to control exactly when each byte of a request arrives. */
function rawConnection(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk.toString();
  });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => {});
  return {
    socket,
    ready: new Promise<void>((resolve) => socket.on('connect', () => resolve())),
    closed,
    received: () => received,
  };
}

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('graceful shutdown of npm start', { timeout: 180_000 }, () => {
  it('SIGTERM to npm: in-flight request finishes, a new one gets a problem+json 503, pools closed, exit 0', async () => {
    const database = onServer ? await serverDatabase() : null;
    const server = await startNpm({ SHUTDOWN_GRACE_SECONDS: '10', ...(database?.env ?? {}) });
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);

    // In flight: headers and half the body of a sign-in are in when the signal comes.
    const body = JSON.stringify({ email: 'niemand@example.org', password: 'x'.repeat(20), totp: '123456' });
    const inFlight = rawConnection(server.port);
    await inFlight.ready;
    inFlight.socket.write(
      `POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
    );
    // Arrives meanwhile: a connection made before the signal whose request is completed after it.
    const late = rawConnection(server.port);
    await late.ready;
    late.socket.write('GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\n');
    await sleep(300);

    server.child.kill('SIGTERM'); // the npm process, as a supervisor would
    await sleep(1000);
    expect(await connectionRefused(server.port)).toBe(true); // no longer accepting

    late.socket.write('\r\n');
    await late.closed;
    expect(late.received()).toMatch(/^HTTP\/1\.1 503 /);
    expect(late.received()).toMatch(/content-type: application\/problem\+json/i);
    expect(late.received()).toMatch(/connection: close/i);
    expect(late.received()).toContain('"code":"SHUTTING_DOWN"');

    inFlight.socket.write(body.slice(10));
    await inFlight.closed;
    // Its real answer (wrong credentials), not a reset and not a 503.
    expect(inFlight.received()).toMatch(/^HTTP\/1\.1 401 /);
    expect(inFlight.received()).toMatch(/connection: close/i);

    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"exitCode":0');
    expect(server.output()).toContain('shutdown complete');
    // The database was closed — the embedded one's lock is released, the server's connections are
    // gone — and no process of the chain is left.
    if (database) {
      const left = await adminQuery(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = '${database.name}'`,
      );
      expect(left.rows[0]?.n).toBe(0);
    } else {
      expect(existsSync(join(server.dir, 'schakel.lock'))).toBe(false);
    }
    expect(server.serverPid).toBeGreaterThan(0);
    expect(isAlive(server.serverPid)).toBe(false);
  });

  it('a request that does not finish within SHUTDOWN_GRACE_SECONDS is cut, and the exit code says so', async () => {
    const server = await startNpm({ SHUTDOWN_GRACE_SECONDS: '1' });
    const stuck = rawConnection(server.port);
    await stuck.ready;
    stuck.socket.write(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"em',
    );
    await sleep(300);
    const started = Date.now();
    server.child.kill('SIGTERM');
    await stuck.closed;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('grace period over');
    expect(existsSync(join(server.dir, 'schakel.lock'))).toBe(false);
    expect(isAlive(server.serverPid)).toBe(false);
  });
});
