import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { ensurePrivateDir } from './data-dir.js';

/**
 * The key for secrets at rest. On a PostgreSQL server it must come from SCHAKEL_SECRET_KEY; the
 * embedded database keeps a generated key next to its data (file mode 0600).
 */
export function resolveSecretKey(config: Config): Buffer {
  if (config.secretKey) return config.secretKey;
  if (config.database.kind !== 'embedded') throw new Error('SCHAKEL_SECRET_KEY is required');
  const dir = config.database.dataDir;
  if (dir.startsWith('memory://')) return randomBytes(32);
  ensurePrivateDir(dir);
  const file = join(dir, 'secret.key');
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  } catch {
    const key = randomBytes(32);
    writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
    return key;
  }
}
