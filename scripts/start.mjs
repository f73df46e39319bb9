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

const serverEntry = join(root, 'dist', 'server', 'main.js');
const stamp = join(root, 'dist', 'web', 'index.html');
const stale =
  !existsSync(serverEntry) ||
  !existsSync(stamp) ||
  newest(join(root, 'src')) > Math.min(statSync(serverEntry).mtimeMs, statSync(stamp).mtimeMs);
if (stale) {
  console.log('Building Schakel (web app and server)…');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const env = { ...process.env };
if (!env.DATABASE_URL) env.SCHAKEL_DEMO ??= '1';
const child = spawn(process.execPath, [serverEntry], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
