#!/usr/bin/env node
/**
 * `npm start` — builds Schakel when the build is missing or older than the sources, then runs the
 * server. Defaults to the embedded database with the fictional demo region (SCHAKEL_DEMO=1) unless
 * DATABASE_URL points at a PostgreSQL server.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

// SCHAKEL_START_ENTRY: run a TypeScript entry through tsx instead of the build (development and the
// shutdown test of the npm start chain, test/shutdown.test.ts); no build is made then.
const sourceEntry = process.env.SCHAKEL_START_ENTRY ? resolve(root, process.env.SCHAKEL_START_ENTRY) : null;
const serverEntry = join(root, 'dist', 'server', 'main.js');
const stamp = join(root, 'dist', 'web', 'index.html');
const stale =
  !sourceEntry &&
  (!existsSync(serverEntry) ||
    !existsSync(stamp) ||
    newest(join(root, 'src')) > Math.min(statSync(serverEntry).mtimeMs, statSync(stamp).mtimeMs));
if (stale) {
  console.log('Building Schakel (web app and server)…');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const env = { ...process.env };
if (!env.DATABASE_URL) env.SCHAKEL_DEMO ??= '1';
const args = sourceEntry ? ['--import', 'tsx', sourceEntry] : [serverEntry];
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env });
// The server shuts down gracefully on SIGTERM/SIGINT (stops accepting, finishes the requests in
// flight within SHUTDOWN_GRACE_SECONDS, closes the pools); this process passes the signal on and
// exits with the server's exit code.
let forwarded = false;
const stop = (signal) => {
  if (forwarded) return;
  forwarded = true;
  child.kill(signal);
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
// `npm start` runs this script under `sh -c`, and a shell that receives npm's SIGTERM may die without
// passing it on (dash does): when the parent process is gone, that is the signal to stop.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop('SIGTERM');
}, 500).unref();
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
