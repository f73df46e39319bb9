import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { SecretBox } from '../crypto.js';
import { openDatabase, type RawQuery } from '../db/database.js';
import { checkKeyAgainst, RestoreRefused, type RestoreSummary } from './embedded.js';
import { BackupFileError, type Manifest, verifyBackupFile, writeBackup } from './format.js';
import { checkRestored, describeDatabase, TABLE_NAME } from './inspect.js';

/** Runs a PostgreSQL client program; rejects with the end of its stderr. */
function run(
  program: string,
  args: string[],
  options: { stdin?: (stdin: NodeJS.WritableStream) => Promise<void>; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    let out = '';
    let err = '';
    child.stdout?.on('data', (c) => {
      out += c;
    });
    child.stderr?.on('data', (c) => {
      err += c;
      if (err.length > 20_000) err = err.slice(-10_000);
    });
    child.on('error', (error) => reject(new Error(`${program} could not be started: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${program} failed (exit ${code}): ${err.trim().split('\n').slice(-5).join(' | ')}`));
    });
    if (options.stdin && child.stdin) {
      options.stdin(child.stdin).then(
        () => child.stdin?.end(),
        (error) => {
          child.kill();
          reject(error);
        },
      );
    }
  });
}

/**
 * A backup of a PostgreSQL server database, as the backup role of DATABASE_BACKUP_URL (BYPASSRLS,
 * read-only; docs/operations.md). One REPEATABLE READ transaction exports its snapshot; the row counts
 * are taken in it and `pg_dump --snapshot` dumps exactly that state, so the manifest's counts describe
 * the archive. A role without BYPASSRLS is refused: FORCE ROW LEVEL SECURITY would hide the tenant rows.
 */
export async function serverBackup(backupUrl: string, target: { fd: number; partial: string }): Promise<Manifest> {
  const client = new pg.Client({ connectionString: backupUrl });
  await client.connect();
  const work = mkdtempSync(join(tmpdir(), 'schakel-backup-'));
  try {
    const role = (
      await client.query<{ rolbypassrls: boolean; rolsuper: boolean; rolname: string }>(
        'select rolname, rolbypassrls, rolsuper from pg_roles where rolname = current_user',
      )
    ).rows[0];
    if (!role?.rolbypassrls && !role?.rolsuper) {
      throw new Error(
        `The backup role ${role?.rolname ?? ''} of DATABASE_BACKUP_URL lacks BYPASSRLS: row-level security would hide the ` +
          'tenant rows and the dump would be incomplete. Create the backup role as in docs/operations.md.',
      );
    }
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]?.s ?? '';
    const q: RawQuery = async (text, values) => (await client.query(text, values as unknown[])).rows;
    const described = await describeDatabase(q);
    const serverVersion = String((await q('show server_version'))[0]?.server_version ?? '');
    const dumpFile = join(work, 'db.dump');
    await run('pg_dump', [
      '--format=custom',
      `--snapshot=${snapshot}`,
      '--no-password',
      `--file=${dumpFile}`,
      `--dbname=${backupUrl}`,
    ]);
    const pgDumpVersion = (await run('pg_dump', ['--version'])).trim();
    await client.query('commit');
    const manifest: Manifest = {
      format: 1,
      kind: 'server',
      createdAt: new Date().toISOString(),
      migrations: described.migrations,
      keyCheckValue: described.keyCheckValue,
      tables: described.tables,
      payload: { format: 'pg_dump-custom', bytes: statSync(dumpFile).size },
      versions: { pg_dump: pgDumpVersion, server: serverVersion },
    };
    await writeBackup(target.fd, manifest, createReadStream(dumpFile));
    return manifest;
  } finally {
    rmSync(work, { recursive: true, force: true });
    await client.end().catch(() => {});
  }
}

/** A DO block that aborts the restore's transaction unless every table holds the manifest's row count. */
export function countCheckSql(tables: Record<string, number>): string {
  const names = Object.keys(tables).sort();
  const lines = names.map((name) => {
    if (!TABLE_NAME.test(name))
      throw new BackupFileError(`unexpected table name in the manifest: ${JSON.stringify(name)}`);
    const n = tables[name];
    if (!Number.isSafeInteger(n) || (n as number) < 0)
      throw new BackupFileError(`bad row count for ${name} in the manifest`);
    return `  SELECT count(*) INTO n FROM public."${name}"; IF n <> ${n} THEN RAISE EXCEPTION 'restore incomplete: table ${name} has % rows, the backup %', n, ${n}; END IF;`;
  });
  return [
    '',
    'DO $schakel_restore_check$ DECLARE n bigint; BEGIN',
    ...lines,
    `  SELECT count(*) INTO n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public' AND c.relkind IN ('r', 'p');`,
    `  IF n <> ${names.length} THEN RAISE EXCEPTION 'restore incomplete: % tables, the backup ${names.length}', n; END IF;`,
    'END $schakel_restore_check$;',
    '',
  ].join('\n');
}

/**
 * Restores a server backup into the empty database of `url` (DATABASE_MIGRATION_URL: the owner role;
 * the roles schakel_app and the owner must exist on the target cluster). The file and the key are
 * checked first; then pg_restore's script runs through psql in ONE transaction — schema and data,
 * a check that every table holds the manifest's row count (before row-level security is switched on
 * by the post-data section, so the owner sees every row), then indexes, constraints, policies and
 * triggers. Any failure rolls all of it back. Afterwards the access-log chains are verified and every
 * attachment is opened with the key, as the application role of `appUrl` when given.
 */
export async function serverRestore(options: {
  file: string;
  url: string;
  appUrl: string | null;
  key: Buffer | null;
}): Promise<RestoreSummary> {
  const verified = await verifyBackupFile(options.file);
  const { manifest } = verified;
  if (manifest.kind !== 'server') {
    throw new RestoreRefused(
      'This is a backup of an embedded data directory; restore it with SCHAKEL_DATA_DIR (and without DATABASE_MIGRATION_URL).',
    );
  }
  if (!options.key) {
    throw new RestoreRefused(
      'No secret key: set SCHAKEL_SECRET_KEY to the key of the backed-up database (it is not in the backup). Nothing was restored.',
    );
  }
  checkKeyAgainst(manifest, options.key);
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  try {
    const objects = Number(
      (
        await client.query<{ n: string }>(
          `select count(*) as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
           where s.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`,
        )
      ).rows[0]?.n ?? 0,
    );
    if (objects > 0) {
      throw new RestoreRefused(
        `The target database is not empty (${objects} tables, views or sequences in schema public); a restore goes ` +
          'only into an empty database (CREATE DATABASE … OWNER the owner role). Nothing was restored.',
      );
    }
  } finally {
    await client.end().catch(() => {});
  }

  const work = mkdtempSync(join(tmpdir(), 'schakel-restore-'));
  try {
    const dumpFile = join(work, 'db.dump');
    await extractPayload(options.file, verified.payloadStart, verified.payloadEnd, dumpFile);
    const pipe = (args: string[]) => async (stdin: NodeJS.WritableStream) => {
      await new Promise<void>((resolve, reject) => {
        const child = spawn('pg_restore', [...args, '--file=-', dumpFile], { stdio: ['ignore', 'pipe', 'pipe'] });
        let err = '';
        child.stderr.on('data', (c) => {
          err += c;
        });
        child.stdout.pipe(stdin, { end: false });
        child.on('error', reject);
        child.on('close', (code) =>
          code === 0 ? resolve() : reject(new Error(`pg_restore failed (exit ${code}): ${err.trim()}`)),
        );
      });
    };
    await run(
      'psql',
      ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', `--dbname=${options.url}`, '-f', '-'],
      {
        stdin: async (stdin) => {
          await pipe(['--section=pre-data', '--section=data'])(stdin);
          stdin.write(countCheckSql(manifest.tables));
          await pipe(['--section=post-data'])(stdin);
        },
      },
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  // pg_restore leaves the planner without statistics: without them the checks below (and the first
  // hours of production) walk the access log with bad plans.
  const analyze = new pg.Client({ connectionString: options.url });
  await analyze.connect();
  try {
    await analyze.query('analyze');
  } finally {
    await analyze.end().catch(() => {});
  }
  const db = await openDatabase({
    kind: 'server',
    url: options.appUrl ?? options.url,
    migrationUrl: options.url,
    poolSize: 2,
  });
  try {
    const check = await checkRestored(db, new SecretBox(options.key));
    if (check.brokenChains.length > 0 || check.attachmentsUnreadable > 0) {
      throw new BackupFileError(
        `The restored database does not check out: broken access-log chain in ${check.brokenChains.join(', ') || 'no region'}, ` +
          `${check.attachmentsUnreadable} attachments that do not open with the key`,
      );
    }
    return {
      manifest,
      tables: Object.keys(manifest.tables).length,
      rows: Object.values(manifest.tables).reduce((a, b) => a + b, 0),
      check,
    };
  } finally {
    await db.close();
  }
}

async function extractPayload(file: string, start: number, end: number, to: string): Promise<void> {
  await pipeline(createReadStream(file, { start, end: end - 1 }), createWriteStream(to, { mode: 0o600 }));
}
