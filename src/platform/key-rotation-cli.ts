/**
 * `npm run key:rotate` (docs/operations.md, "Key rotation"): seals every secret at rest again with a new
 * key, offline. The current key comes from SCHAKEL_SECRET_KEY or the data directory's secret.key; the new
 * one from SCHAKEL_NEW_SECRET_KEY — or, for an embedded data directory whose key is its secret.key file,
 * is generated and written there. Exit code 0 on success, 1 when refused or failed (nothing changed).
 *
 * The embedded key file is replaced in two steps that survive a crash between them: the new key is
 * written to secret.key.next before the database commits, and renamed over secret.key after. A next run
 * finds a left-over secret.key.next and finishes (or discards) it by the database's key check value.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { z } from 'zod';
import { openDatabase } from './db/database.js';
import { rotateSecretKey } from './key-rotation.js';
import { keyCheckValue, SecretKeyError } from './secret-key.js';

const HexKey = z.string().regex(/^[0-9a-f]{64}$/i, 'must be 64 hexadecimal characters (32 bytes)');

const Env = z.object({
  SCHAKEL_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_MIGRATION_URL: z.string().url().optional(),
  SCHAKEL_SECRET_KEY: HexKey.optional(),
  SCHAKEL_NEW_SECRET_KEY: HexKey.optional(),
});

const readKeyFile = (file: string): Buffer => {
  const text = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(text)) throw new SecretKeyError(`${file} does not hold a secret key.`);
  return Buffer.from(text, 'hex');
};

async function rotate(env: z.infer<typeof Env>): Promise<string> {
  const serverUrl = env.DATABASE_MIGRATION_URL ?? env.DATABASE_URL;
  const keyFile = join(env.SCHAKEL_DATA_DIR, 'secret.key');
  const nextFile = `${keyFile}.next`;
  const fileKey = !serverUrl && !env.SCHAKEL_SECRET_KEY;
  if (!fileKey && !env.SCHAKEL_NEW_SECRET_KEY) {
    throw new SecretKeyError(
      'Set SCHAKEL_NEW_SECRET_KEY to the new key (64 hexadecimal characters, e.g. from `openssl rand -hex 32`).',
    );
  }
  if (!fileKey && !env.SCHAKEL_SECRET_KEY) throw new SecretKeyError('Set SCHAKEL_SECRET_KEY to the current key.');
  if (fileKey && !existsSync(keyFile)) throw new SecretKeyError(`${keyFile} is missing: there is no key to rotate.`);

  // The embedded database is opened here, which takes the data directory's lock: a running server
  // holds it, and the rotation stops with that message.
  const db = serverUrl
    ? await openDatabase({ kind: 'server', url: serverUrl, migrationUrl: serverUrl, poolSize: 1 })
    : await openDatabase({ kind: 'embedded', dataDir: join(env.SCHAKEL_DATA_DIR, 'pg') });
  try {
    if (fileKey && existsSync(nextFile)) {
      // An earlier run stopped between the commit and the rename: the check value says which key is right.
      const stored = (await sql<{ check_value: string }>`select check_value from secret_key_check`.execute(db.owner))
        .rows[0]?.check_value;
      if (stored === keyCheckValue(readKeyFile(nextFile))) {
        renameSync(nextFile, keyFile);
        return `An earlier rotation had committed: ${keyFile} now holds its new key. Nothing else was changed.`;
      }
      rmSync(nextFile);
    }
    const oldKey = fileKey ? readKeyFile(keyFile) : Buffer.from(env.SCHAKEL_SECRET_KEY as string, 'hex');
    const newKey = env.SCHAKEL_NEW_SECRET_KEY ? Buffer.from(env.SCHAKEL_NEW_SECRET_KEY, 'hex') : randomBytes(32);
    if (fileKey) writeFileSync(nextFile, newKey.toString('hex'), { mode: 0o600, flag: 'wx' });
    let result: Awaited<ReturnType<typeof rotateSecretKey>>;
    try {
      result = await rotateSecretKey(db, oldKey, newKey);
    } catch (error) {
      if (fileKey) rmSync(nextFile, { force: true });
      throw error;
    }
    if (fileKey) renameSync(nextFile, keyFile);
    if (result.alreadyRotated) return 'The database holds the new key already: nothing to do.';
    const r = result.resealed;
    const d = result.dropped;
    return [
      `Rotated: sealed again with the new key — ${r.secondFactors} second-factor secrets, ${r.attachments} attachments, ` +
        `${r.identityProviders} identity-provider client secrets; dropped ${d.signInsUnderWay} sign-ins under way, ` +
        `${d.sessionIdTokens} sessions' identity-provider tokens, ${d.exports} finished exports (start them again).`,
      fileKey
        ? `The new key is in ${keyFile}; put a copy in your secret store with the date, and keep the old key as long as backups made with it are kept.`
        : 'Give every instance the new key as SCHAKEL_SECRET_KEY before starting it; keep the old key as long as backups made with it are kept.',
    ].join('\n');
  } finally {
    await db.close();
  }
}

async function main(): Promise<number> {
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    console.error(
      `Invalid configuration:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
    return 1;
  }
  console.log(await rotate(parsed.data));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`Key rotation failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
