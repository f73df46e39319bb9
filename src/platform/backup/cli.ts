/**
 * `npm run backup -- FILE` and `npm run restore -- FILE` (docs/operations.md, "Backup and restore").
 *
 * Backup: DATABASE_BACKUP_URL set → pg_dump of the server database as the backup role; otherwise the
 * embedded data directory of SCHAKEL_DATA_DIR — from the running server through its control socket
 * when a live process holds schakel.lock, or opened directly when none runs.
 * Restore: DATABASE_MIGRATION_URL (or DATABASE_URL) set → into that empty database; otherwise into the
 * empty SCHAKEL_DATA_DIR. Exit code 0 on success, 1 when refused or failed (nothing changed).
 */

import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { LOCK_FILE } from '../data-dir.js';
import { openDatabase } from '../db/database.js';
import { requestLiveBackup } from './control.js';
import { embeddedSnapshot, restoreEmbedded } from './embedded.js';
import { abandonBackupTarget, finishBackupTarget, openBackupTarget, verifyBackupFile, writeBackup } from './format.js';
import { serverBackup, serverRestore } from './server.js';

const Env = z.object({
  SCHAKEL_DATA_DIR: z.string().default('./data'),
  DATABASE_BACKUP_URL: z.string().url().optional(),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_MIGRATION_URL: z.string().url().optional(),
  SCHAKEL_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hexadecimal characters (32 bytes)')
    .optional(),
  SCHAKEL_DESTRUCTION_LEDGER: z.string().min(1).optional(),
});

/** Whether a living process on this host holds the data directory's lock. */
function liveHolder(dataDir: string): number | null {
  try {
    const lock = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as { pid?: number; host?: string };
    if (!lock.pid || lock.pid === process.pid || (lock.host && lock.host !== hostname())) return null;
    process.kill(lock.pid, 0);
    return lock.pid;
  } catch {
    return null;
  }
}

async function backup(file: string, env: z.infer<typeof Env>): Promise<string> {
  const target = openBackupTarget(file);
  try {
    let how: string;
    if (env.DATABASE_BACKUP_URL) {
      await serverBackup(env.DATABASE_BACKUP_URL, target);
      how = 'pg_dump of the server database';
    } else {
      const dataDir = env.SCHAKEL_DATA_DIR;
      const pid = liveHolder(dataDir);
      if (pid !== null) {
        await requestLiveBackup(dataDir, target.fd);
        how = `online, from the running server (pid ${pid})`;
      } else {
        const db = await openDatabase({ kind: 'embedded', dataDir: join(dataDir, 'pg') });
        try {
          const { manifest, payload } = await embeddedSnapshot(db);
          await writeBackup(target.fd, manifest, [payload]);
        } finally {
          await db.close();
        }
        how = 'offline (no server was running)';
      }
    }
    // Read back what was written: a backup is kept only when its checksum and manifest check out.
    const verified = await verifyBackupFile(target.partial);
    finishBackupTarget(target);
    const m = verified.manifest;
    const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
    return `Backup written to ${file} (${how}): ${Object.keys(m.tables).length} tables, ${rows} rows, ${m.payload.bytes} bytes of data. The secret key is not in it: keep the key in your secret store.`;
  } catch (error) {
    abandonBackupTarget(target);
    throw error;
  }
}

async function restore(file: string, env: z.infer<typeof Env>): Promise<string> {
  const key = env.SCHAKEL_SECRET_KEY ? Buffer.from(env.SCHAKEL_SECRET_KEY, 'hex') : null;
  const serverUrl = env.DATABASE_MIGRATION_URL ?? env.DATABASE_URL;
  const summary = serverUrl
    ? await serverRestore({ file, url: serverUrl, appUrl: env.DATABASE_URL ?? null, key })
    : await restoreEmbedded({
        file,
        dataDir: env.SCHAKEL_DATA_DIR,
        key,
        ledgerPath: env.SCHAKEL_DESTRUCTION_LEDGER ?? join(env.SCHAKEL_DATA_DIR, 'destruction-ledger.jsonl'),
      });
  const c = summary.check;
  return (
    `Restored the backup of ${summary.manifest.createdAt}: ${summary.tables} tables, ${summary.rows} rows (as in its manifest); ` +
    `access log intact in ${c.regions} regions (${c.accessLogEntries} entries); ${c.attachments} attachments open with the key. ` +
    'Start the server: its first retention run destroys again what the destruction ledger says was destroyed after this backup.'
  );
}

async function main(): Promise<number> {
  const [command, file, ...rest] = process.argv.slice(2);
  if ((command !== 'backup' && command !== 'restore') || !file || rest.length > 0) {
    console.error('usage: npm run backup -- FILE   |   npm run restore -- FILE');
    return 1;
  }
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    console.error(
      `Invalid configuration:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
    return 1;
  }
  console.log(command === 'backup' ? await backup(file, parsed.data) : await restore(file, parsed.data));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(
      `${process.argv[2] === 'restore' ? 'Restore' : 'Backup'} failed: ${error instanceof Error ? error.message : error}`,
    );
    process.exit(1);
  },
);
