/**
 * The embedded data directory is opened by one process at a time: a second Schakel process on the
 * same SCHAKEL_DATA_DIR refuses with a clear message, a lock left by a process that is gone is taken
 * over, and closing the database releases the lock.
 */
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, LOCK_FILE } from '../data-dir.js';
import { openDatabase } from './database.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'schakel-lock-'));
  dirs.push(dir);
  return dir;
}

/** `npm start`'s server (src/main.ts) on data directory `dir`, as a separate process. */
function startServer(dir: string): Promise<{ code: number; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of ['DATABASE_URL', 'DATABASE_MIGRATION_URL', 'SCHAKEL_SECRET_KEY', 'SCHAKEL_DEMO']) delete env[key];
  return new Promise((resolve) => {
    execFile(
      TSX,
      ['src/main.ts'],
      { cwd: ROOT, env: { ...env, SCHAKEL_DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1' }, timeout: 60_000 },
      (error, _stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stderr });
      },
    );
  });
}

describe('the lock on the embedded data directory', { timeout: 120_000 }, () => {
  it('a second process on the same data directory refuses with a clear message; close releases it', async () => {
    const dir = await tempDir();
    const db = await openDatabase({ kind: 'embedded', dataDir: join(dir, 'pg') });
    // As a running server has it: its generated key next to the database.
    writeFileSync(join(dir, 'secret.key'), randomBytes(32).toString('hex'), { mode: 0o600 });
    const lockPath = join(dir, LOCK_FILE);
    try {
      expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(process.pid);
      const second = await startServer(dir);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`is in use by another Schakel process (pid ${process.pid}`);
      expect(second.stderr).toContain('SCHAKEL_DATA_DIR');
      // The refused process did not take or remove the lock.
      expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(process.pid);
      // A second open in the same process is refused as well.
      await expect(openDatabase({ kind: 'embedded', dataDir: join(dir, 'pg') })).rejects.toBeInstanceOf(
        DataDirLockedError,
      );
    } finally {
      await db.close();
    }
    expect(existsSync(lockPath)).toBe(false);
  });

  it('a lock of a process that is gone is taken over', async () => {
    const dir = await tempDir();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout);
    expect(deadPid).toBeGreaterThan(0);
    const lockPath = join(dir, LOCK_FILE);
    writeFileSync(lockPath, JSON.stringify({ pid: deadPid, since: '2026-01-01T00:00:00.000Z' }));
    const db = await openDatabase({ kind: 'embedded', dataDir: join(dir, 'pg') });
    try {
      expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(process.pid);
    } finally {
      await db.close();
    }
    expect(existsSync(lockPath)).toBe(false);
  });

  it('a half-written lock file counts as stale', async () => {
    const dir = await tempDir();
    writeFileSync(join(dir, LOCK_FILE), '{"pi');
    const db = await openDatabase({ kind: 'embedded', dataDir: join(dir, 'pg') });
    await db.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});
