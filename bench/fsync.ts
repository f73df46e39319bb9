/**
 * `npx tsx bench/fsync.ts` — the write-throughput cost of fsync on the embedded database: single-row
 * commits (one transaction each, as one API write is) on a data directory on disk, once with the
 * options Schakel opens it with (durablePgliteOptions: fsync on over DurableNodeFS) and once with
 * PGlite's default start parameters (-F: fsync off), both through PGlite directly. Then 50
 * transactions of 20 rows each, to show that the cost is per commit. Takes well under two minutes;
 * results in docs/benchmarks.md ("Durability of the embedded database").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { durablePgliteOptions, EMBEDDED_EXTENSIONS } from '../src/platform/db/database.js';
import { fsyncCount } from '../src/platform/db/durable-fs.js';

const COMMITS = Number(process.env.FSYNC_BENCH_COMMITS ?? 1000);
// On the disk of the checkout (.tmp/ is ignored by git), not on a tmpfs where fsync is free.
const BASE = fileURLToPath(new URL('../.tmp/', import.meta.url));

async function measure(mode: string, open: (dataDir: string) => Promise<PGlite>) {
  const dir = mkdtempSync(join(BASE, 'fsync-bench-'));
  const pg = await open(join(dir, 'pg'));
  try {
    await pg.query('create table bench_writes (id serial primary key, n int not null, note text not null)');
    const fsyncsBefore = fsyncCount.calls;
    let started = performance.now();
    for (let i = 0; i < COMMITS; i++) await pg.query('insert into bench_writes (n, note) values ($1, $2)', [i, 'x']);
    const single = performance.now() - started;
    const fsyncs = fsyncCount.calls - fsyncsBefore;
    started = performance.now();
    for (let t = 0; t < 50; t++) {
      await pg.transaction(async (tx) => {
        for (let i = 0; i < 20; i++) await tx.query('insert into bench_writes (n, note) values ($1, $2)', [i, 'y']);
      });
    }
    const batched = performance.now() - started;
    const row = {
      mode,
      fsync: (await pg.query<{ fsync: string }>('show fsync')).rows[0]?.fsync,
      commitsPerSecond: Math.round((COMMITS / single) * 1000),
      msPerCommit: Number((single / COMMITS).toFixed(2)),
      osFsyncCallsForTheseCommits: fsyncs,
      rowsPerSecondIn20RowTransactions: Math.round((1000 / batched) * 1000),
    };
    console.log(JSON.stringify(row));
    return row;
  } finally {
    await pg.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const off = await measure('PGlite default (-F, fsync off)', (dataDir) =>
  PGlite.create(dataDir, { extensions: EMBEDDED_EXTENSIONS }),
);
const on = await measure('Schakel (fsync on, DurableNodeFS)', (dataDir) =>
  PGlite.create(durablePgliteOptions(dataDir)),
);
console.log(
  `single-row commits: ${off.commitsPerSecond}/s with fsync off, ${on.commitsPerSecond}/s with fsync on ` +
    `(${Math.round((1 - on.commitsPerSecond / off.commitsPerSecond) * 100)} % fewer)`,
);
