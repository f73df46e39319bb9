import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Config } from '../config.js';
import type { SecretBox } from './crypto.js';
import { ensurePrivateDir } from './data-dir.js';
import type { Db } from './db/database.js';

/** A wrong, missing or changed secret key: the server must not start with it. */
export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyError';
  }
}

/**
 * The key for secrets at rest. On a PostgreSQL server it must come from SCHAKEL_SECRET_KEY; the
 * embedded database keeps a generated key next to its data (file mode 0600). A key is generated only
 * for a new data directory: a database without its secret.key (a copy of pg/ alone) is refused, since
 * a new key could open none of the secrets sealed with the old one.
 */
export function resolveSecretKey(config: Config): Buffer {
  if (config.secretKey) return config.secretKey;
  if (config.database.kind !== 'embedded') throw new SecretKeyError('SCHAKEL_SECRET_KEY is required');
  const dir = config.database.dataDir;
  if (dir.startsWith('memory://')) return randomBytes(32);
  ensurePrivateDir(dir);
  const file = join(dir, 'secret.key');
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    // absent: a new key for a new data directory, below
  }
  if (text !== null) {
    if (!/^[0-9a-f]{64}$/i.test(text)) {
      throw new SecretKeyError(
        `${file} does not hold a secret key (64 hexadecimal characters); restore it from your key backup.`,
      );
    }
    return Buffer.from(text, 'hex');
  }
  if (existsSync(join(dir, 'pg', 'PG_VERSION'))) {
    throw new SecretKeyError(
      `The data directory ${dir} holds a database but no secret.key: the secrets in it (second factors, ` +
        `attachments) were sealed with that key. Put the key back in ${file} (or set SCHAKEL_SECRET_KEY); ` +
        'a new key cannot open them.',
    );
  }
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  return key;
}

const KEY_CHECK_LABEL = 'schakel secret key check v1';

/** The key check value: HMAC-SHA256 of a fixed label under the key (reveals nothing about the key). */
export function keyCheckValue(key: Buffer): string {
  return createHmac('sha256', key).update(KEY_CHECK_LABEL).digest('hex');
}

/**
 * Compares the key with the key check value stored with the data (after the migrations). The first
 * start stores it; on a database from before the check value existed, a sealed second-factor secret
 * must open with the key first. Refuses with {@link SecretKeyError} on a mismatch.
 */
export async function checkSecretKey(db: Db, key: Buffer, secrets: SecretBox): Promise<'stored' | 'matched'> {
  const expected = keyCheckValue(key);
  const stored = async () =>
    (await sql<{ check_value: string }>`select check_value from secret_key_check`.execute(db.owner)).rows[0]
      ?.check_value;
  let value = await stored();
  let outcome: 'stored' | 'matched' = 'matched';
  if (value === undefined) {
    const sealed = (
      await sql<{ totp_secret: string }>`select totp_secret from users where totp_secret is not null limit 1`.execute(
        db.owner,
      )
    ).rows[0]?.totp_secret;
    if (sealed !== undefined) {
      try {
        secrets.open(sealed);
      } catch {
        throw mismatch();
      }
    }
    // Instances that start together: the first insert wins, the others compare with it.
    await sql`insert into secret_key_check (check_value) values (${expected}) on conflict (singleton) do nothing`.execute(
      db.owner,
    );
    value = await stored();
    outcome = 'stored';
  }
  if (value === undefined || !timingSafeEqual(Buffer.from(value), Buffer.from(expected))) throw mismatch();
  return outcome;
}

function mismatch(): SecretKeyError {
  return new SecretKeyError(
    'The secret key does not belong to this database: SCHAKEL_SECRET_KEY (or secret.key in the data ' +
      'directory) is wrong, missing or has changed since the data was written. The server does not start, ' +
      'because sign-in and attachments would fail. Use the key this database was created with (from your ' +
      'key backup); see docs/operations.md.',
  );
}
