import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { SecretBox } from '../crypto.js';
import { ensurePrivateDir, lockDataDir } from '../data-dir.js';
import { type Db, openDatabase } from '../db/database.js';
import { keyCheckValue } from '../secret-key.js';
import { BackupFileError, type Manifest, readPayload, verifyBackupFile } from './format.js';
import { checkRestored, countDifferences, describeDatabase, ownerQuery, type RestoredCheck } from './inspect.js';

/**
 * The image of a running embedded database: while the one connection is held (no transaction in
 * flight), a CHECKPOINT, the row counts and PGlite's dump of the data directory — one consistent state.
 */
export async function embeddedSnapshot(db: Db): Promise<{ manifest: Manifest; payload: Uint8Array }> {
  if (!db.quiesce) throw new Error('not an embedded database');
  const { described, image } = await db.quiesce(async (q, dump) => {
    const described = await describeDatabase(q);
    const image = new Uint8Array(await (await dump()).arrayBuffer());
    return { described, image };
  });
  return {
    manifest: {
      format: 1,
      kind: 'embedded',
      createdAt: new Date().toISOString(),
      migrations: described.migrations,
      keyCheckValue: described.keyCheckValue,
      tables: described.tables,
      payload: { format: 'pglite-datadir-tar', bytes: image.length },
    },
    payload: image,
  };
}

/** A restore that was refused before anything was written. */
export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

/** Files an "empty" data directory may hold: the key put there for the restore, and the ledger. */
function allowedInEmptyDir(ledgerPath: string | null, dataDir: string): Set<string> {
  const allowed = new Set(['secret.key', 'lost+found']);
  if (ledgerPath && resolve(dirname(ledgerPath)) === resolve(dataDir)) allowed.add(basename(ledgerPath));
  return allowed;
}

/** The key that will open the restored data: SCHAKEL_SECRET_KEY, or secret.key in the target directory. */
export function restoreKey(explicit: Buffer | null, dataDir: string | null): Buffer {
  if (explicit) return explicit;
  if (dataDir) {
    const file = join(dataDir, 'secret.key');
    let text: string;
    try {
      text = readFileSync(file, 'utf8').trim();
    } catch {
      throw new RestoreRefused(
        `No secret key: the backup does not contain it. Put the key of the backed-up data directory in ${file} ` +
          '(mode 0600) or set SCHAKEL_SECRET_KEY, then run the restore again. Nothing was restored.',
      );
    }
    if (!/^[0-9a-f]{64}$/i.test(text)) {
      throw new RestoreRefused(`${file} does not hold a secret key (64 hexadecimal characters). Nothing was restored.`);
    }
    return Buffer.from(text, 'hex');
  }
  throw new RestoreRefused(
    'No secret key: set SCHAKEL_SECRET_KEY to the key of the backed-up database. Nothing was restored.',
  );
}

/** Refuses a key whose check value differs from the manifest's (before anything is written). */
export function checkKeyAgainst(manifest: Manifest, key: Buffer): void {
  if (manifest.keyCheckValue === null) return;
  if (keyCheckValue(key) !== manifest.keyCheckValue) {
    throw new RestoreRefused(
      'The secret key does not belong to this backup (its key check value differs): the restored data ' +
        'could not be read with it. Use the key the backed-up database was written with. Nothing was restored.',
    );
  }
}

export interface RestoreSummary {
  manifest: Manifest;
  tables: number;
  rows: number;
  check: RestoredCheck;
}

/**
 * Restores an embedded backup into the empty data directory `dataDir`: checks the file (sha256) and
 * the key first, then unpacks into a temporary directory next to pg/, checks it there (row counts as
 * in the manifest, key check value, access-log chains, attachments open with the key) and only then
 * renames it to `dataDir/pg`. A failure at any step leaves `dataDir` as it was.
 */
export async function restoreEmbedded(options: {
  file: string;
  dataDir: string;
  key: Buffer | null;
  ledgerPath: string | null;
}): Promise<RestoreSummary> {
  const { dataDir } = options;
  const verified = await verifyBackupFile(options.file);
  const { manifest } = verified;
  if (manifest.kind !== 'embedded') {
    throw new RestoreRefused(
      'This is a backup of a PostgreSQL server database; restore it with DATABASE_MIGRATION_URL set.',
    );
  }
  let entries: string[] = [];
  try {
    entries = readdirSync(dataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const allowed = allowedInEmptyDir(options.ledgerPath, dataDir);
  const present = entries.filter((e) => !allowed.has(e));
  if (present.length > 0) {
    throw new RestoreRefused(
      `The data directory ${dataDir} is not empty (${present.slice(0, 5).join(', ')}${present.length > 5 ? ', …' : ''}); ` +
        'a restore goes only into an empty directory (secret.key and the destruction ledger may be there). Nothing was restored.',
    );
  }
  const key = restoreKey(options.key, dataDir);
  checkKeyAgainst(manifest, key);

  ensurePrivateDir(dataDir);
  const release = lockDataDir(dataDir);
  const tmp = join(dataDir, `.restore-${randomBytes(6).toString('hex')}`);
  try {
    ensurePrivateDir(tmp);
    const payload = await readPayload(options.file, verified);
    const db = await openDatabase({
      kind: 'embedded',
      dataDir: join(tmp, 'pg'),
      loadDataDir: new Blob([new Uint8Array(payload)]),
    });
    let summary: RestoreSummary;
    try {
      const described = await describeDatabase(await ownerQuery(db));
      const diff = countDifferences(manifest.tables, described.tables);
      if (diff.length > 0) {
        throw new BackupFileError(`The restored database differs from the backup's manifest: ${diff.join('; ')}`);
      }
      if (described.keyCheckValue !== manifest.keyCheckValue) {
        throw new BackupFileError('The restored key check value differs from the manifest');
      }
      const check = await checkRestored(db, new SecretBox(key));
      if (check.brokenChains.length > 0 || check.attachmentsUnreadable > 0) {
        throw new BackupFileError(
          `The restored data does not check out: broken access-log chain in ${check.brokenChains.join(', ') || 'no region'}, ` +
            `${check.attachmentsUnreadable} attachments that do not open with the key`,
        );
      }
      summary = {
        manifest,
        tables: Object.keys(described.tables).length,
        rows: Object.values(described.tables).reduce((a, b) => a + b, 0),
        check,
      };
    } finally {
      await db.close();
    }
    renameSync(join(tmp, 'pg'), join(dataDir, 'pg'));
    return summary;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    release();
  }
}
