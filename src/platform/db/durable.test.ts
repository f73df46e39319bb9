/**
 * The embedded database on disk runs with fsync on, and its fsync reaches the operating system: one
 * fsync(2) of the WAL per commit, so an acknowledged write survives an operating-system crash.
 * (PGlite's defaults: fsync off, and its Node file system ignores fsync and fdatasync.)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { fsyncCount } from './durable-fs.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('the embedded database on disk', { timeout: 120_000 }, () => {
  it('runs with fsync on and syncs the WAL to disk at every commit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'schakel-fsync-'));
    dirs.push(dir);
    let db = await openDatabase({ kind: 'embedded', dataDir: join(dir, 'pg') });
    try {
      const show = async (name: string) =>
        Object.values((await sql.raw(`show ${name}`).execute(db.owner)).rows[0] as Record<string, string>)[0];
      expect(await show('fsync')).toBe('on');
      expect(await show('wal_sync_method')).toBe('fsync');
      expect(await show('synchronous_commit')).toBe('on');
      await sql`create table durable_probe (n int not null)`.execute(db.owner);
      const before = fsyncCount.calls;
      for (let i = 0; i < 10; i++) await sql`insert into durable_probe values (${i})`.execute(db.owner);
      expect(fsyncCount.calls - before).toBeGreaterThanOrEqual(10);
      // A read-only transaction writes no WAL and needs no fsync.
      const idle = fsyncCount.calls;
      await sql`select count(*) from durable_probe`.execute(db.owner);
      expect(fsyncCount.calls).toBe(idle);
    } finally {
      await db.close();
    }
    db = await openDatabase({ kind: 'embedded', dataDir: join(dir, 'pg') });
    try {
      const rows = await sql<{ n: number }>`select count(*)::int as n from durable_probe`.execute(db.owner);
      expect(rows.rows[0]?.n).toBe(10);
    } finally {
      await db.close();
    }
  });

  it('the in-memory database of the tests stays as it was (fsync off, nothing to sync)', async () => {
    const db = await openDatabase({ kind: 'embedded', dataDir: 'memory://' });
    try {
      expect((await sql<{ fsync: string }>`show fsync`.execute(db.owner)).rows[0]?.fsync).toBe('off');
    } finally {
      await db.close();
    }
  });
});
