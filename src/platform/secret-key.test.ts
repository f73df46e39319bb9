/**
 * The key check value: a wrong, missing or changed secret key stops the server at start-up with a
 * clear message, instead of a 500 at the first sign-in.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onServer, startTestApp, type TestApp } from '../../test/harness.js';
import { SecretBox } from './crypto.js';
import { checkSecretKey, keyCheckValue, SecretKeyError } from './secret-key.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function storedValue(): Promise<string | undefined> {
  return (await sql<{ check_value: string }>`select check_value from secret_key_check`.execute(t.db.owner)).rows[0]
    ?.check_value;
}

describe('the key check value', () => {
  it('is stored at the first start and compared at every later one; a wrong key is refused', async () => {
    const other = randomBytes(32);
    // A database from before the check value: the demo users' sealed second factors decide.
    await expect(checkSecretKey(t.db, other, new SecretBox(other))).rejects.toBeInstanceOf(SecretKeyError);
    expect(await storedValue()).toBeUndefined();

    const key = (t.deps.secrets as unknown as { key: Buffer }).key;
    expect(await checkSecretKey(t.db, key, t.deps.secrets)).toBe('stored');
    expect(await storedValue()).toBe(keyCheckValue(key));
    expect(await checkSecretKey(t.db, key, t.deps.secrets)).toBe('matched');

    const refused = checkSecretKey(t.db, other, new SecretBox(other));
    await expect(refused).rejects.toBeInstanceOf(SecretKeyError);
    await expect(refused).rejects.toThrow(/does not belong to this database/);
    expect(await storedValue()).toBe(keyCheckValue(key));
    // The check value tells nothing about the key itself.
    expect(keyCheckValue(key)).not.toContain(key.toString('hex').slice(0, 16));
  });
});

/** src/main.ts on `dir` as a separate process; resolves when it listens or when it exits. */
function startServer(dir: string, env: Record<string, string> = {}) {
  const base: Record<string, string | undefined> = { ...process.env };
  for (const k of ['DATABASE_URL', 'DATABASE_MIGRATION_URL', 'SCHAKEL_SECRET_KEY', 'SCHAKEL_DEMO']) delete base[k];
  const child: ChildProcess = spawn(TSX, ['src/main.ts'], {
    cwd: ROOT,
    env: { ...base, SCHAKEL_DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', RETENTION_INTERVAL_MINUTES: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise<{ listening: boolean; code: number | null; output: string; child: ChildProcess }>((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Server listening')) resolve({ listening: true, code: null, output, child });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => resolve({ listening: false, code, output, child }));
  });
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

// Each block needs its own kind of database: say which one runs here, and so why the other is skipped.
console.log(
  onServer
    ? '[secret-key.test] DATABASE_URL set: the key check runs on a fresh database of the server (the embedded one is skipped).'
    : '[secret-key.test] No DATABASE_URL: the key check runs on an embedded data directory (the server one is skipped).',
);

describe.runIf(!onServer)('a server started with the wrong key', { timeout: 360_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'schakel-key-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stops at start-up with a clear message when the key is wrong, missing or changed', async () => {
    const key = randomBytes(32).toString('hex');
    const first = await startServer(dir, { SCHAKEL_SECRET_KEY: key });
    expect(first.listening, first.output).toBe(true);
    await stop(first.child);

    const wrong = await startServer(dir, { SCHAKEL_SECRET_KEY: randomBytes(32).toString('hex') });
    expect(wrong.code, wrong.output).toBe(1);
    expect(wrong.output).toContain('The secret key does not belong to this database');

    // Without SCHAKEL_SECRET_KEY and without secret.key: no new key is made for an existing database.
    const missing = await startServer(dir);
    expect(missing.code, missing.output).toBe(1);
    expect(missing.output).toContain('holds a database but no secret.key');
    expect(existsSync(join(dir, 'secret.key'))).toBe(false);

    // A changed secret.key file.
    writeFileSync(join(dir, 'secret.key'), randomBytes(32).toString('hex'), { mode: 0o600 });
    const changed = await startServer(dir);
    expect(changed.code, changed.output).toBe(1);
    expect(changed.output).toContain('The secret key does not belong to this database');

    // The right key in secret.key starts again.
    writeFileSync(join(dir, 'secret.key'), key, { mode: 0o600 });
    const right = await startServer(dir);
    expect(right.listening, right.output).toBe(true);
    await stop(right.child);
  });
});

describe.runIf(onServer)('a server on PostgreSQL started with another key', { timeout: 180_000 }, () => {
  const adminUrl = process.env.DATABASE_URL as string;
  const name = `schakel_key_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
  });
  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('stops at start-up with a clear message', async () => {
    const ownerUrl = new URL(adminUrl);
    ownerUrl.pathname = `/${name}`;
    const appUrl = new URL(ownerUrl);
    appUrl.username = 'schakel_app_login';
    appUrl.password = '';
    const env = { DATABASE_URL: appUrl.toString(), DATABASE_MIGRATION_URL: ownerUrl.toString() };
    const dir = await mkdtemp(join(tmpdir(), 'schakel-key-server-'));
    try {
      const key = randomBytes(32).toString('hex');
      const first = await startServer(dir, { ...env, SCHAKEL_SECRET_KEY: key });
      expect(first.listening, first.output).toBe(true);
      await stop(first.child);
      const wrong = await startServer(dir, { ...env, SCHAKEL_SECRET_KEY: randomBytes(32).toString('hex') });
      expect(wrong.code, wrong.output).toBe(1);
      expect(wrong.output).toContain('The secret key does not belong to this database');
      const right = await startServer(dir, { ...env, SCHAKEL_SECRET_KEY: key });
      expect(right.listening, right.output).toBe(true);
      await stop(right.child);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
