import { chmodSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * The embedded data directory holds personal data and the secret key: it is created with mode 0700
 * (only the account that runs Schakel may enter it), and an existing one with looser rights is
 * tightened to 0700.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/** Name of the lock file in the data directory (SCHAKEL_DATA_DIR/schakel.lock). */
export const LOCK_FILE = 'schakel.lock';

/** Another living process holds the data directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: { pid: number; host?: string; since?: string },
  ) {
    super(
      `The data directory ${dir} is in use by another Schakel process (pid ${holder.pid}` +
        `${holder.host ? ` on ${holder.host}` : ''}${holder.since ? `, since ${holder.since}` : ''}). ` +
        'The embedded database can be opened by one process only: stop that process first, or give this ' +
        `one its own SCHAKEL_DATA_DIR. If no such process runs, remove ${join(dir, LOCK_FILE)}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

interface LockContent {
  pid: number;
  host?: string;
  since?: string;
}

/** Locks held by this process (a second open in the same process is refused as well). */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockContent | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as LockContent;
    return Number.isInteger(parsed.pid) && parsed.pid > 0 ? parsed : { pid: 0 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return { pid: 0 }; // unreadable or half written: treated as stale
  }
}

/**
 * Takes the lock of the embedded data directory `dir`: a file with this process's pid, created
 * exclusively. A lock of a process that no longer runs (killed, machine restarted) is taken over; a
 * lock of a living process refuses with {@link DataDirLockedError}. Returns the release function
 * (removes the file only while it is still ours). The pid check believes a living process of
 * the same pid on the same host to be the holder; pid reuse after a restart can then make a stale
 * lock look held (the message says which file to remove).
 */
export function lockDataDir(dir: string): () => void {
  ensurePrivateDir(dir);
  const path = join(dir, LOCK_FILE);
  if (heldHere.has(path)) throw new DataDirLockedError(dir, { pid: process.pid, host: hostname() });
  const mine: LockContent = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, `${JSON.stringify(mine)}\n`, { flag: 'wx', mode: 0o600 });
      heldHere.add(path);
      return () => {
        heldHere.delete(path);
        if (readLock(path)?.pid === process.pid) {
          try {
            unlinkSync(path);
          } catch {
            // already gone
          }
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readLock(path);
    if (holder === null) continue; // released meanwhile
    const otherHost = holder.host !== undefined && holder.host !== hostname();
    // Our own pid in a file we do not hold is a left-over of an earlier run (a container's pid 1).
    if (holder.pid !== 0 && holder.pid !== process.pid && (otherHost || isAlive(holder.pid))) {
      throw new DataDirLockedError(dir, holder);
    }
    try {
      unlinkSync(path); // stale: its process is gone
    } catch {
      // removed by a competitor; the exclusive create decides
    }
  }
  throw new DataDirLockedError(dir, readLock(path) ?? { pid: 0 });
}
