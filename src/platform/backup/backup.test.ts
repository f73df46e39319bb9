/**
 * Backup and restore (issue 9 point 1), with the real CLI (`tsx src/platform/backup/cli.ts`, what
 * `npm run backup` / `npm run restore` run) as a second process:
 * - embedded: an online backup from a running server (this process holds schakel.lock and answers on
 *   the control socket) while requests keep coming; then the database is destroyed, restored into the
 *   emptied data directory, `npm run audit:verify` passes, the signal and its attachment are the same;
 * - a record destroyed after the backup comes back with the restore and the next retention run
 *   destroys it again from the destruction ledger, with a destruction record in the access log;
 * - bad input: an unwritable backup path, a damaged and a truncated file, a wrong and a missing key,
 *   a non-empty target — each a clear message, exit code 1 and nothing changed;
 * - with DATABASE_URL: the same on a fresh database of that server, through a backup role with
 *   BYPASSRLS (created here, idempotently: roles are cluster-wide).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../../../test/cli.js';
import { Client, totpNow } from '../../../test/harness.js';
import { buildApp } from '../../app.js';
import { type Config, loadConfig } from '../../config.js';
import { DEMO_PASSWORD, seedDemo } from '../../demo/seed.js';
import { verifyAccessLog } from '../../modules/access-log/verify.js';
import { destroySignal, runRetention, systemActor, termPurpose } from '../../modules/privacy/destruction.js';
import { SecretBox } from '../crypto.js';
import { type Db, databaseOptionsFrom, openDatabase, withTx } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import type { Deps } from '../deps.js';
import { checkSecretKey, resolveSecretKey } from '../secret-key.js';
import { startBackupControl } from './control.js';
import { readLedger, setDestructionLedger } from './ledger.js';

const CLI = join(ROOT, 'src/platform/backup/cli.ts');
const silent = { info() {}, error() {} };
const work = mkdtempSync(join(tmpdir(), 'schakel-backup-test-'));

afterAll(() => {
  setDestructionLedger(null);
  rmSync(work, { recursive: true, force: true });
});

const PDF = Buffer.from(`%PDF-1.7\nBACKUP-KENMERK-${randomBytes(6).toString('hex')}\n%%EOF\n`);

interface Running {
  app: FastifyInstance;
  db: Db;
  deps: Deps;
  baseUrl: string;
  stop: () => Promise<void>;
}

async function start(config: Config, key: Buffer, options: { seed: boolean }): Promise<Running> {
  const db = await openDatabase(databaseOptionsFrom(config));
  const deps: Deps = { db, config, secrets: new SecretBox(key), now: () => new Date() };
  await migrate(db);
  await checkSecretKey(db, key, deps.secrets);
  if (options.seed) await seedDemo(deps);
  // A restored copy holds the second factor's last used step from the time of its backup; the test signs
  // the same users in again within seconds, so that code would be refused as a replay.
  await sql`update users set totp_last_step = null`.execute(db.owner);
  const app = await buildApp(deps, { logger: false, serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const stopControl = await startBackupControl(db, config, silent);
  return {
    app,
    db,
    deps,
    baseUrl,
    async stop() {
      await stopControl();
      await app.close();
      await db.close();
    },
  };
}

async function signIn(baseUrl: string, email: string): Promise<Client> {
  const c = new Client(baseUrl);
  const res = await c.post('/api/v1/auth/login', { email, password: DEMO_PASSWORD, totp: await totpNow() });
  if (res.status !== 200) throw new Error(`sign-in of ${email}: ${res.status}`);
  return c;
}

async function newSignal(c: Client, description: string): Promise<string> {
  const municipalities = (await c.get('/api/v1/municipalities')).body.items as Array<{ id: string; name: string }>;
  const organisations = (await c.get('/api/v1/organisations')).body.items as Array<{ id: string; name: string }>;
  const res = await c.post('/api/v1/signals', {
    municipalityId: municipalities.find((m) => m.name === 'Delft')?.id,
    sourceOrganisationId: organisations.find((o) => o.name === 'Politie')?.id,
    receivedOn: '2026-01-12',
    subjects: [{ newPerson: { firstName: 'Bart', lastName: `Back${randomBytes(3).toString('hex')}` } }],
    ideology: 'left_wing',
    urgency: 'normal',
    description,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function upload(baseUrl: string, c: Client, signalId: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/octet-stream' }), 'verslag.pdf');
  const res = await fetch(`${baseUrl}/api/v1/signals/${signalId}/attachments`, {
    method: 'POST',
    headers: { cookie: c.cookie ?? '', 'x-csrf-token': c.csrfToken ?? '' },
    body: form,
  });
  const body = (await res.json()) as { id: string };
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body.id;
}

async function download(baseUrl: string, c: Client, signalId: string, attachmentId: string): Promise<Buffer> {
  const res = await fetch(`${baseUrl}/api/v1/signals/${signalId}/attachments/${attachmentId}`, {
    headers: { cookie: c.cookie ?? '' },
  });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** What must be the same after the restore: the signal as the API shows it (without the read-time fields). */
async function signalView(c: Client, id: string) {
  const res = await c.get(`/api/v1/signals/${id}`);
  return { status: res.status, description: res.body?.description, subjects: res.body?.subjects?.length };
}

/** Makes a signal due for destruction (closed, without a case, ten years ago) as the owner. */
async function ageSignal(db: Db, id: string) {
  const then = new Date(Date.now() - 10 * 365.25 * 24 * 3600_000);
  await sql`update signals set status = 'closed', closed_at = ${then} where id = ${id}`.execute(db.owner);
}

async function regionOf(db: Db, signalId: string): Promise<string> {
  const r = await sql<{ region_id: string }>`select region_id from signals where id = ${signalId}`.execute(db.owner);
  return r.rows[0]?.region_id ?? '';
}

async function destroyNow(r: Running, signalId: string) {
  const regionId = await regionOf(r.db, signalId);
  await withTx(r.db, { regionId }, (tx) =>
    destroySignal(tx, systemActor(regionId, randomUUID()), signalId, termPurpose('signal-no-case', 60)),
  );
}

async function count(db: Db, table: string, id: string): Promise<number> {
  const r = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where id = ${id}`.execute(db.owner);
  return Number(r.rows[0]?.n ?? 0);
}

describe('backup and restore of the embedded data directory', () => {
  const dataDir = join(work, 'data');
  const file = join(work, 'online.skb');
  const env = { SCHAKEL_DATA_DIR: dataDir };
  const config = loadConfig({
    SCHAKEL_DATA_DIR: dataDir,
    SCHAKEL_DEMO: '1',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_PER_MINUTE: '10000',
    RETENTION_INTERVAL_MINUTES: '0',
  });
  let key: Buffer;
  let kept: { signalId: string; attachmentId: string; view: Awaited<ReturnType<typeof signalView>> };
  let destroyedLater: string;
  let notInBackup: string;

  it('backs up online while the server runs and keeps serving; refuses an unwritable path and an existing file', async () => {
    key = resolveSecretKey(config);
    setDestructionLedger(config.destructionLedger);
    const r = await start(config, key, { seed: true });
    try {
      const police = await signIn(r.baseUrl, 'politie@politie.demo');
      const director = await signIn(r.baseUrl, 'regisseur@delft.demo');
      const signalId = await newSignal(police, 'Melding die de back-up overleeft.');
      const attachmentId = await upload(r.baseUrl, police, signalId);
      expect(await download(r.baseUrl, director, signalId, attachmentId)).toEqual(PDF);
      kept = { signalId, attachmentId, view: await signalView(director, signalId) };
      destroyedLater = await newSignal(police, 'Melding die na de back-up wordt vernietigd.');

      // The backup runs in a second process while requests keep coming to this server.
      const backup = runCli([CLI, 'backup', file], env);
      let served = 0;
      const traffic = (async () => {
        for (let i = 0; i < 8; i++) {
          const res = await director.get(`/api/v1/signals/${signalId}`);
          if (res.status === 200) served += 1;
        }
      })();
      const [result] = await Promise.all([backup, traffic]);
      expect(result.code, result.out).toBe(0);
      expect(result.out).toContain('online, from the running server');
      expect(served).toBe(8);
      expect(readdirSync(work).filter((n) => n.endsWith('.partial'))).toEqual([]);

      // Not in the backup: a later signal (lost by the restore: the recovery point), and a destruction.
      notInBackup = await newSignal(police, 'Melding na de back-up.');
      await ageSignal(r.db, destroyedLater);
      await destroyNow(r, destroyedLater);
      expect(await count(r.db, 'signals', destroyedLater)).toBe(0);
      expect(readLedger(config.destructionLedger).map((e) => e.recordId)).toContain(destroyedLater);

      const again = await runCli([CLI, 'backup', file], env);
      expect(again.code).toBe(1);
      expect(again.out).toContain('already exists');
      const blocker = join(work, 'a-file');
      writeFileSync(blocker, 'x');
      const unwritable = await runCli([CLI, 'backup', join(blocker, 'backup.skb')], env);
      expect(unwritable.code).toBe(1);
      expect(unwritable.out).toContain('Cannot write the backup');
      expect(existsSync(join(blocker, 'backup.skb'))).toBe(false);
    } finally {
      await r.stop();
    }
  }, 240_000);

  it('refuses a damaged or truncated file, a wrong or missing key and a non-empty directory, changing nothing', async () => {
    // The disaster: the database is gone; the key and the ledger were kept (docs/operations.md).
    rmSync(join(dataDir, 'pg'), { recursive: true, force: true });
    const listing = () => readdirSync(dataDir).sort();
    const before = listing();
    expect(before).toEqual(['destruction-ledger.jsonl', 'secret.key']);

    const bytes = readFileSync(file);
    const damaged = Buffer.from(bytes);
    const middle = Math.floor(damaged.length / 2);
    damaged[middle] = (damaged[middle] ?? 0) ^ 0xff;
    writeFileSync(join(work, 'damaged.skb'), damaged);
    writeFileSync(join(work, 'truncated.skb'), bytes.subarray(0, bytes.length - 1000));
    for (const [name, message] of [
      ['damaged.skb', 'checksum mismatch'],
      ['truncated.skb', 'cut off'],
    ] as const) {
      const res = await runCli([CLI, 'restore', join(work, name)], env);
      expect(res.code, res.out).toBe(1);
      expect(res.out).toContain(message);
      expect(res.out).toContain('nothing was restored');
      expect(listing()).toEqual(before);
    }
    const wrong = await runCli([CLI, 'restore', file], { ...env, SCHAKEL_SECRET_KEY: randomBytes(32).toString('hex') });
    expect(wrong.code, wrong.out).toBe(1);
    expect(wrong.out).toContain('does not belong to this backup');
    expect(listing()).toEqual(before);

    const keyless = join(work, 'keyless');
    mkdirSync(keyless);
    const missing = await runCli([CLI, 'restore', file], { SCHAKEL_DATA_DIR: keyless });
    expect(missing.code, missing.out).toBe(1);
    expect(missing.out).toContain('No secret key');
    expect(readdirSync(keyless)).toEqual([]);

    const busy = join(work, 'busy');
    mkdirSync(busy);
    copyFileSync(join(dataDir, 'secret.key'), join(busy, 'secret.key'));
    writeFileSync(join(busy, 'notes.txt'), 'iets');
    const nonEmpty = await runCli([CLI, 'restore', file], { SCHAKEL_DATA_DIR: busy });
    expect(nonEmpty.code, nonEmpty.out).toBe(1);
    expect(nonEmpty.out).toContain('is not empty');
    expect(readdirSync(busy).sort()).toEqual(['notes.txt', 'secret.key']);
  }, 120_000);

  it('restores: audit:verify passes, the same records, the attachment opens; the retention run destroys again what the ledger names', async () => {
    const res = await runCli([CLI, 'restore', file], env);
    expect(res.code, res.out).toBe(0);
    expect(res.out).toContain('attachments open with the key');
    const verify = await runCli([join(ROOT, 'src/modules/access-log/verify-cli.ts')], env);
    expect(verify.code, verify.out).toBe(0);
    expect(verify.out).toContain('chain intact');

    const r = await start(config, key, { seed: false });
    try {
      const director = await signIn(r.baseUrl, 'regisseur@delft.demo');
      expect(await signalView(director, kept.signalId)).toEqual(kept.view);
      expect(await download(r.baseUrl, director, kept.signalId, kept.attachmentId)).toEqual(PDF);
      expect(await count(r.db, 'signals', notInBackup)).toBe(0);
      // The destroyed signal came back with the backup, and is not due in it (it was aged afterwards).
      expect(await count(r.db, 'signals', destroyedLater)).toBe(1);

      await runRetention(r.deps, { period: '2099-12-31' });
      expect(await count(r.db, 'signals', destroyedLater)).toBe(0);
      const logged = await sql<{ n: string }>`select count(*) as n from access_log
        where action = 'destroy' and record_type = 'signal' and record_id = ${destroyedLater}`.execute(r.db.owner);
      expect(Number(logged.rows[0]?.n)).toBe(1);
      expect((await verifyAccessLog(r.db)).every((v) => v.firstBreak === null)).toBe(true);
    } finally {
      await r.stop();
    }
  }, 240_000);
});

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  console.info('[backup.test] server backup and restore skipped: set DATABASE_URL to run them on a PostgreSQL server');
}

describe.skipIf(!adminUrl)('backup and restore of a PostgreSQL server database', () => {
  const admin = adminUrl ?? '';
  const suffix = randomBytes(5).toString('hex');
  const source = `schakel_bk_src_${suffix}`;
  const target = `schakel_bk_dst_${suffix}`;
  const urlOf = (db: string, user?: string) => {
    const u = new URL(admin);
    u.pathname = `/${db}`;
    if (user) {
      u.username = user;
      u.password = '';
    }
    return u.toString();
  };
  const adminQuery = async (...statements: string[]) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      for (const s of statements) await c.query(s);
    } finally {
      await c.end();
    }
  };
  const file = join(work, 'server.skb');
  const key = randomBytes(32);
  const ledger = join(work, 'server-ledger.jsonl');

  afterAll(async () => {
    await adminQuery(
      `DROP DATABASE IF EXISTS ${source} WITH (FORCE)`,
      `DROP DATABASE IF EXISTS ${target} WITH (FORCE)`,
    );
  });

  it('backs up as the backup role, refuses one without BYPASSRLS, restores into an empty database only and re-applies the ledger', async () => {
    // The documented backup role (docs/operations.md); roles are cluster-wide: created once, reused.
    await adminQuery(
      `DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'schakel_backup_test') THEN
          CREATE ROLE schakel_backup_test LOGIN BYPASSRLS NOSUPERUSER NOCREATEDB NOCREATEROLE;
        END IF;
      END $$`,
      'GRANT pg_read_all_data TO schakel_backup_test',
      'ALTER ROLE schakel_backup_test SET default_transaction_read_only = on',
      `CREATE DATABASE ${source}`,
    );
    const config = loadConfig({
      DATABASE_URL: urlOf(source, 'schakel_app_login'),
      DATABASE_MIGRATION_URL: urlOf(source),
      SCHAKEL_SECRET_KEY: key.toString('hex'),
      SCHAKEL_DESTRUCTION_LEDGER: ledger,
      LOG_LEVEL: 'silent',
      LOGIN_RATE_PER_MINUTE: '10000',
    });
    setDestructionLedger(config.destructionLedger);
    let r = await start(config, key, { seed: false });
    let signalId: string;
    let attachmentId: string;
    let later: string;
    let view: Awaited<ReturnType<typeof signalView>>;
    try {
      // The demo region (insertDemoRegion is what the test harness uses on a server).
      const { insertDemoRegion } = await import('../../demo/seed.js');
      await insertDemoRegion(r.deps);
      const police = await signIn(r.baseUrl, 'politie@politie.demo');
      const director = await signIn(r.baseUrl, 'regisseur@delft.demo');
      signalId = await newSignal(police, 'Melding op de server.');
      attachmentId = await upload(r.baseUrl, police, signalId);
      view = await signalView(director, signalId);
      later = await newSignal(police, 'Vernietigd na de back-up.');

      const noBypass = await runCli([CLI, 'backup', join(work, 'nobypass.skb')], {
        DATABASE_BACKUP_URL: urlOf(source, 'schakel_app_login'),
      });
      expect(noBypass.code, noBypass.out).toBe(1);
      expect(noBypass.out).toContain('lacks BYPASSRLS');
      expect(existsSync(join(work, 'nobypass.skb'))).toBe(false);

      const backup = await runCli([CLI, 'backup', file], { DATABASE_BACKUP_URL: urlOf(source, 'schakel_backup_test') });
      expect(backup.code, backup.out).toBe(0);
      expect(backup.out).toContain('pg_dump');

      await ageSignal(r.db, later);
      await destroyNow(r, later);
      expect(await count(r.db, 'signals', later)).toBe(0);

      // A non-empty target (the source itself) is refused.
      const busy = await runCli([CLI, 'restore', file], {
        DATABASE_MIGRATION_URL: urlOf(source),
        SCHAKEL_SECRET_KEY: key.toString('hex'),
      });
      expect(busy.code, busy.out).toBe(1);
      expect(busy.out).toContain('not empty');
    } finally {
      await r.stop();
    }
    // The disaster: the database is gone.
    await adminQuery(`DROP DATABASE ${source} WITH (FORCE)`, `CREATE DATABASE ${target}`);
    const restoreEnv = {
      DATABASE_MIGRATION_URL: urlOf(target),
      DATABASE_URL: urlOf(target, 'schakel_app_login'),
      SCHAKEL_SECRET_KEY: key.toString('hex'),
    };
    const wrong = await runCli([CLI, 'restore', file], {
      ...restoreEnv,
      SCHAKEL_SECRET_KEY: randomBytes(32).toString('hex'),
    });
    expect(wrong.code, wrong.out).toBe(1);
    expect(wrong.out).toContain('does not belong to this backup');
    const damaged = Buffer.from(readFileSync(file));
    const middle = Math.floor(damaged.length / 2);
    damaged[middle] = (damaged[middle] ?? 0) ^ 0xff;
    writeFileSync(join(work, 'server-damaged.skb'), damaged);
    const bad = await runCli([CLI, 'restore', join(work, 'server-damaged.skb')], restoreEnv);
    expect(bad.code, bad.out).toBe(1);
    expect(bad.out).toContain('checksum mismatch');

    const restored = await runCli([CLI, 'restore', file], restoreEnv);
    expect(restored.code, restored.out).toBe(0);
    const verify = await runCli([join(ROOT, 'src/modules/access-log/verify-cli.ts')], restoreEnv);
    expect(verify.code, verify.out).toBe(0);

    const config2 = loadConfig({
      ...restoreEnv,
      SCHAKEL_DESTRUCTION_LEDGER: ledger,
      LOG_LEVEL: 'silent',
      LOGIN_RATE_PER_MINUTE: '10000',
    });
    r = await start(config2, key, { seed: false });
    try {
      const director = await signIn(r.baseUrl, 'regisseur@delft.demo');
      expect(await signalView(director, signalId)).toEqual(view);
      expect(await download(r.baseUrl, director, signalId, attachmentId)).toEqual(PDF);
      expect(await count(r.db, 'signals', later)).toBe(1);
      await runRetention(r.deps, { period: '2099-12-31' });
      expect(await count(r.db, 'signals', later)).toBe(0);
    } finally {
      await r.stop();
    }
  }, 300_000);
});
