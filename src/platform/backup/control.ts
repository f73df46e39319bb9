import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { join } from 'node:path';
import type { Config } from '../../config.js';
import { safeEqual } from '../crypto.js';
import type { Db } from '../db/database.js';
import type { JobLog } from '../jobs.js';
import { embeddedSnapshot } from './embedded.js';
import { headerBytes, trailerBytes } from './format.js';

/**
 * The local control endpoint of a running embedded server, for `npm run backup` while it runs: a
 * second process cannot open the data directory (PGlite is single-process; schakel.lock), so the backup
 * is made by the server itself and streamed to the CLI. It listens on a unix socket in the data
 * directory (mode 0700, so only the account that runs Schakel reaches it) and answers only a request
 * that carries the token of backup.token (mode 0600, new at every start). Nothing listens on the network.
 */
export const CONTROL_SOCKET = 'backup.sock';
export const CONTROL_TOKEN = 'backup.token';

export async function startBackupControl(db: Db, config: Config, log: JobLog): Promise<() => Promise<void>> {
  if (config.database.kind !== 'embedded' || config.database.dataDir.startsWith('memory://') || !db.quiesce) {
    return async () => {};
  }
  const dir = config.database.dataDir;
  const socket = join(dir, CONTROL_SOCKET);
  const tokenFile = join(dir, CONTROL_TOKEN);
  const token = randomBytes(32).toString('hex');
  writeFileSync(`${tokenFile}.new`, token, { mode: 0o600 });
  renameSync(`${tokenFile}.new`, tokenFile);
  // We hold schakel.lock: a socket file left here is from an earlier run of this directory.
  rmSync(socket, { force: true });
  let busy = false;
  const server = createServer((req, res) => {
    const auth = req.headers.authorization ?? '';
    if (req.method !== 'POST' || req.url !== '/backup') {
      res.writeHead(404).end();
      return;
    }
    if (!safeEqual(auth, `Bearer ${token}`)) {
      res.writeHead(401, { 'content-type': 'text/plain' }).end('wrong or missing control token');
      return;
    }
    if (busy) {
      res.writeHead(409, { 'content-type': 'text/plain' }).end('a backup is already being made');
      return;
    }
    busy = true;
    const started = Date.now();
    embeddedSnapshot(db)
      .then(({ manifest, payload }) => {
        const header = headerBytes(manifest);
        // The CLI checks the trailer's sha256 over what it received before it keeps the file.
        const hash = createHash('sha256');
        hash.update(header);
        hash.update(payload);
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.write(header);
        res.write(payload);
        res.end(trailerBytes(hash.digest('hex')));
        log.info({ bytes: payload.length, ms: Date.now() - started }, 'online backup made');
      })
      .catch((error: Error) => {
        log.error({ err: { type: error.name, message: error.message } }, 'online backup failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
        else res.destroy();
      })
      .finally(() => {
        busy = false;
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => resolve());
  });
  server.unref();
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(socket, { force: true });
    rmSync(tokenFile, { force: true });
  };
}

/** Asks the server running on `dataDir` for a backup and writes what it sends to `fd`. */
export function requestLiveBackup(dataDir: string, fd: number): Promise<void> {
  let token: string;
  try {
    token = readFileSync(join(dataDir, CONTROL_TOKEN), 'utf8').trim();
  } catch (error) {
    return Promise.reject(
      new Error(
        `The server on ${dataDir} runs, but its backup endpoint token (${CONTROL_TOKEN}) cannot be read: ` +
          `${(error as Error).message}. Run the backup as the account that runs Schakel.`,
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath: join(dataDir, CONTROL_SOCKET),
        path: '/backup',
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      },
      (res) => {
        if (res.statusCode !== 200) {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c) => {
            text += c;
          });
          res.on('end', () =>
            reject(new Error(`The running server could not make the backup: ${text || res.statusCode}`)),
          );
          return;
        }
        res.on('data', (chunk: Buffer) => {
          let off = 0;
          while (off < chunk.length) off += writeSync(fd, chunk, off);
        });
        res.on('end', () => resolve());
        res.on('error', reject);
      },
    );
    req.on('error', (error) =>
      reject(
        new Error(
          `The running server's backup endpoint did not answer (${join(dataDir, CONTROL_SOCKET)}): ${error.message}`,
        ),
      ),
    );
    req.end();
  });
}
