import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  fstatSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * One backup file (`npm run backup -- FILE`):
 *
 *   SCHAKEL-BACKUP 1\n
 *   <manifest, one line of JSON>\n
 *   <payload: PGlite's data-directory tar (embedded) or a pg_dump custom-format archive (server)>
 *   \nSCHAKEL-BACKUP-END sha256=<64 hex>\n
 *
 * The trailer's sha256 covers every byte before it, so a damaged or truncated file is refused before
 * anything is restored. The encryption key is never in it; the manifest holds only its key check value.
 */
export const MAGIC = 'SCHAKEL-BACKUP 1\n';
const TRAILER_PREFIX = '\nSCHAKEL-BACKUP-END sha256=';
export const TRAILER_BYTES = TRAILER_PREFIX.length + 64 + 1;

export interface Manifest {
  format: 1;
  kind: 'embedded' | 'server';
  createdAt: string;
  /** Applied migrations (names), so a restore can tell which code version the data needs. */
  migrations: string[];
  /** HMAC of a fixed label under the secret key (migration 0055); null when the database had none yet. */
  keyCheckValue: string | null;
  /** Rows per table of schema public, counted in the same snapshot as the payload. */
  tables: Record<string, number>;
  payload: { format: 'pglite-datadir-tar' | 'pg_dump-custom'; bytes: number };
  /** pg_dump's and the server's version (server backups). */
  versions?: Record<string, string>;
}

/** A backup file that cannot be read back: damaged, truncated or not a Schakel backup. */
export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFileError';
  }
}

/**
 * Opens FILE's temporary neighbour FILE.partial for writing (exclusively), before any work is done:
 * an unwritable path or an existing FILE stops here. Returns the descriptor and the paths.
 */
export function openBackupTarget(file: string): { fd: number; partial: string; file: string } {
  const partial = join(dirname(file), `.${basename(file)}.partial`);
  try {
    closeSync(openSync(file, 'r'));
    throw new BackupFileError(`${file} already exists; a backup never overwrites a file. Choose another name.`);
  } catch (error) {
    if (error instanceof BackupFileError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new BackupFileError(`Cannot write the backup to ${file}: ${(error as Error).message}`);
    }
  }
  try {
    return { fd: openSync(partial, 'wx', 0o600), partial, file };
  } catch (error) {
    throw new BackupFileError(`Cannot write the backup to ${file}: ${(error as Error).message}`);
  }
}

/** The header (magic and manifest line) of a backup file. */
export function headerBytes(manifest: Manifest): Buffer {
  return Buffer.from(`${MAGIC}${JSON.stringify(manifest)}\n`, 'utf8');
}

export function trailerBytes(sha256hex: string): Buffer {
  return Buffer.from(`${TRAILER_PREFIX}${sha256hex}\n`, 'utf8');
}

/** Writes header, payload chunks and trailer to `fd`; returns the trailer's hash. */
export async function writeBackup(
  fd: number,
  manifest: Manifest,
  payload: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<string> {
  const hash = createHash('sha256');
  const put = (chunk: Uint8Array) => {
    hash.update(chunk);
    let off = 0;
    while (off < chunk.length) off += writeSync(fd, chunk, off);
  };
  put(headerBytes(manifest));
  let bytes = 0;
  for await (const chunk of payload) {
    bytes += chunk.length;
    put(chunk);
  }
  if (bytes !== manifest.payload.bytes) {
    throw new BackupFileError(`payload was ${bytes} bytes, the manifest says ${manifest.payload.bytes}`);
  }
  const digest = hash.digest('hex');
  const trailer = trailerBytes(digest);
  let off = 0;
  while (off < trailer.length) off += writeSync(fd, trailer, off);
  return digest;
}

/** fsync, close and rename FILE.partial to FILE (after {@link verifyBackupFile} said it reads back). */
export function finishBackupTarget(target: { fd: number; partial: string; file: string }): void {
  fsyncSync(target.fd);
  closeSync(target.fd);
  renameSync(target.partial, target.file);
  try {
    const dir = openSync(dirname(target.file), 'r');
    fsyncSync(dir);
    closeSync(dir);
  } catch {
    // a directory fsync is not possible everywhere
  }
}

export function abandonBackupTarget(target: { fd: number; partial: string }): void {
  try {
    closeSync(target.fd);
  } catch {
    // already closed
  }
  rmSync(target.partial, { force: true });
}

export interface VerifiedBackup {
  manifest: Manifest;
  /** Byte range of the payload in the file. */
  payloadStart: number;
  payloadEnd: number;
}

/** Checks magic, manifest and the sha256 of the whole file; refuses a damaged or truncated file. */
export async function verifyBackupFile(path: string): Promise<VerifiedBackup> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new BackupFileError(`Cannot read the backup ${path}: ${(error as Error).message}`);
  }
  try {
    const size = fstatSync(fd).size;
    const damaged = (why: string) =>
      new BackupFileError(`The backup ${path} is damaged or incomplete (${why}); nothing was restored.`);
    if (size < MAGIC.length + TRAILER_BYTES + 2) throw damaged('too short');
    const head = Buffer.alloc(Math.min(size, 4 * 1024 * 1024));
    readSync(fd, head, 0, head.length, 0);
    if (head.subarray(0, MAGIC.length).toString('utf8') !== MAGIC) {
      throw new BackupFileError(`${path} is not a Schakel backup (no SCHAKEL-BACKUP header); nothing was restored.`);
    }
    const end = head.indexOf(0x0a, MAGIC.length);
    if (end < 0) throw damaged('no manifest');
    let manifest: Manifest;
    try {
      manifest = JSON.parse(head.subarray(MAGIC.length, end).toString('utf8')) as Manifest;
    } catch {
      throw damaged('the manifest is not readable');
    }
    const tail = Buffer.alloc(TRAILER_BYTES);
    readSync(fd, tail, 0, TRAILER_BYTES, size - TRAILER_BYTES);
    const text = tail.toString('utf8');
    const match = /^\nSCHAKEL-BACKUP-END sha256=([0-9a-f]{64})\n$/.exec(text);
    if (!match) throw damaged('no end marker: the file was cut off');
    const payloadStart = end + 1;
    const payloadEnd = size - TRAILER_BYTES;
    if (manifest.format !== 1 || payloadEnd - payloadStart !== manifest.payload?.bytes) {
      throw damaged('its size does not match the manifest');
    }
    const hash = createHash('sha256');
    if (payloadEnd > 0) {
      for await (const chunk of createReadStream(path, { start: 0, end: payloadEnd - 1 })) hash.update(chunk);
    }
    if (hash.digest('hex') !== match[1]) throw damaged('checksum mismatch');
    return { manifest, payloadStart, payloadEnd };
  } finally {
    closeSync(fd);
  }
}

/** Reads the payload of a verified backup into memory. */
export async function readPayload(path: string, v: VerifiedBackup): Promise<Buffer> {
  const chunks: Buffer[] = [];
  if (v.payloadEnd > v.payloadStart) {
    for await (const chunk of createReadStream(path, { start: v.payloadStart, end: v.payloadEnd - 1 })) {
      chunks.push(chunk as Buffer);
    }
  }
  return Buffer.concat(chunks);
}
