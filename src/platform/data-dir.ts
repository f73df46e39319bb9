import { chmodSync, mkdirSync, statSync } from 'node:fs';

/**
 * The embedded data directory holds personal data and the secret key: it is created with mode 0700
 * (only the account that runs Schakel may enter it), and an existing one with looser rights is
 * tightened to 0700.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}
