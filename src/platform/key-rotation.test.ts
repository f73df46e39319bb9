/**
 * Key rotation (`npm run key:rotate`, issue 9 point 4): on an embedded data directory and (with
 * DATABASE_URL) on a server database, through the real command in a second process. After a rotation
 * the server starts with the new key only, the demo users sign in with their second factor, an
 * attachment uploaded before decrypts to the same bytes; a running server, a wrong current key and a
 * server database with open connections are refused with nothing changed; a rotation interrupted
 * between its commit and the key file's rename is finished by the next run.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../../test/cli.js';
import { Client, totpNow } from '../../test/harness.js';
import { buildApp } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import { DEMO_PASSWORD, insertDemoRegion, seedDemo } from '../demo/seed.js';
import { SecretBox } from './crypto.js';
import { type Db, databaseOptionsFrom, openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import type { Deps } from './deps.js';
import { checkSecretKey, resolveSecretKey } from './secret-key.js';

const CLI = join(ROOT, 'src/platform/key-rotation-cli.ts');
const work = mkdtempSync(join(tmpdir(), 'schakel-key-rotation-'));
const PDF = Buffer.from(`%PDF-1.7\nSLEUTEL-${randomBytes(6).toString('hex')}\n%%EOF\n`);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const rotateCli = (env: Record<string, string>) => runCli([CLI], env);

interface Running {
  app: FastifyInstance;
  db: Db;
  deps: Deps;
  baseUrl: string;
  stop(): Promise<void>;
}

async function start(config: Config, key: Buffer, seed?: (deps: Deps) => Promise<unknown>): Promise<Running> {
  const db = await openDatabase(databaseOptionsFrom(config));
  const deps: Deps = { db, config, secrets: new SecretBox(key), now: () => new Date() };
  try {
    await migrate(db);
    await checkSecretKey(db, key, deps.secrets);
  } catch (error) {
    await db.close();
    throw error;
  }
  if (seed) await seed(deps);
  const app = await buildApp(deps, { logger: false, serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    app,
    db,
    deps,
    baseUrl,
    async stop() {
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

/** A signal with an attachment, as the police; returns where to download it. */
async function signalWithAttachment(r: Running): Promise<{ signalId: string; attachmentId: string }> {
  const police = await signIn(r.baseUrl, 'politie@politie.demo');
  const municipalities = (await police.get('/api/v1/municipalities')).body.items as Array<{ id: string; name: string }>;
  const organisations = (await police.get('/api/v1/organisations')).body.items as Array<{ id: string; name: string }>;
  const signal = await police.post('/api/v1/signals', {
    municipalityId: municipalities.find((m) => m.name === 'Delft')?.id,
    sourceOrganisationId: organisations.find((o) => o.name === 'Politie')?.id,
    receivedOn: '2026-01-12',
    subjects: [{ newPerson: { firstName: 'Sanne', lastName: `Sleutel${randomBytes(3).toString('hex')}` } }],
    ideology: 'left_wing',
    urgency: 'normal',
    description: 'Melding met bijlage, van voor de sleutelwissel.',
  });
  expect(signal.status, JSON.stringify(signal.body)).toBe(201);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/octet-stream' }), 'verslag.pdf');
  const res = await fetch(`${r.baseUrl}/api/v1/signals/${signal.body.id}/attachments`, {
    method: 'POST',
    headers: { cookie: police.cookie ?? '', 'x-csrf-token': police.csrfToken ?? '' },
    body: form,
  });
  const body = (await res.json()) as { id: string };
  expect(res.status, JSON.stringify(body)).toBe(201);
  return { signalId: signal.body.id, attachmentId: body.id };
}

/** Signs in with the second factor (sealed with the key) and downloads the attachment (sealed too). */
async function expectSecretsOpen(r: Running, at: { signalId: string; attachmentId: string }) {
  // The second factor's code of this 30-second step was used already (replay protection): forget it.
  await r.db.owner.updateTable('users').set({ totp_last_step: null }).execute();
  const police = await signIn(r.baseUrl, 'politie@politie.demo');
  const res = await fetch(`${r.baseUrl}/api/v1/signals/${at.signalId}/attachments/${at.attachmentId}`, {
    headers: { cookie: police.cookie ?? '' },
  });
  expect(res.status).toBe(200);
  expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
}

describe('key rotation of the embedded data directory', () => {
  const dataDir = join(work, 'data');
  const keyFile = join(dataDir, 'secret.key');
  const config = loadConfig({
    SCHAKEL_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    LOGIN_RATE_PER_MINUTE: '10000',
    RETENTION_INTERVAL_MINUTES: '0',
  });

  it('seals every secret again with a new key in secret.key; the old key opens nothing any more', async () => {
    const oldKey = resolveSecretKey(config);
    let r = await start(config, oldKey, seedDemo);
    const at = await signalWithAttachment(r);

    // While the server runs, the data directory's lock refuses the rotation; nothing changes.
    const busy = await rotateCli({ SCHAKEL_DATA_DIR: dataDir });
    expect(busy.code, busy.out).toBe(1);
    expect(busy.out).toMatch(/Key rotation failed: .*(lock|in use|another process)/i);
    await r.stop();
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(oldKey.toString('hex'));

    // A current key that is not the database's: refused before anything is written.
    const wrong = await rotateCli({
      SCHAKEL_DATA_DIR: dataDir,
      SCHAKEL_SECRET_KEY: randomBytes(32).toString('hex'),
      SCHAKEL_NEW_SECRET_KEY: randomBytes(32).toString('hex'),
    });
    expect(wrong.code, wrong.out).toBe(1);
    expect(wrong.out).toContain('is not the key of this database');

    const rotated = await rotateCli({ SCHAKEL_DATA_DIR: dataDir });
    expect(rotated.code, rotated.out).toBe(0);
    expect(rotated.out).toMatch(/sealed again with the new key — \d+ second-factor secrets, 1 attachments/);
    const newKey = resolveSecretKey(config);
    expect(newKey.equals(oldKey)).toBe(false);
    expect(existsSync(`${keyFile}.next`)).toBe(false);

    // The old key: refused at start. The new one: sign-in with the second factor and the attachment work.
    await expect(start(config, oldKey)).rejects.toThrow(/key/i);
    r = await start(config, newKey);
    try {
      await expectSecretsOpen(r, at);
    } finally {
      await r.stop();
    }

    // Interrupted after the commit, before the rename: the next run finishes it and changes nothing else.
    const third = randomBytes(32);
    const done = await rotateCli({
      SCHAKEL_DATA_DIR: dataDir,
      SCHAKEL_NEW_SECRET_KEY: third.toString('hex'),
    });
    expect(done.code, done.out).toBe(0);
    writeFileSync(keyFile, newKey.toString('hex'));
    writeFileSync(`${keyFile}.next`, third.toString('hex'));
    const resumed = await rotateCli({ SCHAKEL_DATA_DIR: dataDir });
    expect(resumed.code, resumed.out).toBe(0);
    expect(resumed.out).toContain('An earlier rotation had committed');
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(third.toString('hex'));
    r = await start(config, third);
    try {
      await expectSecretsOpen(r, at);
    } finally {
      await r.stop();
    }
  }, 120_000);
});

describe.runIf(process.env.DATABASE_URL)('key rotation of a server database', () => {
  const admin = process.env.DATABASE_URL as string;
  const name = `schakel_keyrot_${randomBytes(5).toString('hex')}`;
  const urlOf = (user?: string) => {
    const u = new URL(admin);
    u.pathname = `/${name}`;
    if (user) {
      u.username = user;
      u.password = '';
    }
    return u.toString();
  };
  const adminQuery = async (statement: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  afterAll(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it('rotates offline only, with SCHAKEL_SECRET_KEY and SCHAKEL_NEW_SECRET_KEY', async () => {
    await adminQuery(`CREATE DATABASE ${name}`);
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const configWith = (key: Buffer) =>
      loadConfig({
        DATABASE_URL: urlOf('schakel_app_login'),
        DATABASE_MIGRATION_URL: urlOf(),
        SCHAKEL_SECRET_KEY: key.toString('hex'),
        LOG_LEVEL: 'silent',
        LOGIN_RATE_PER_MINUTE: '10000',
      });
    const env = {
      DATABASE_MIGRATION_URL: urlOf(),
      SCHAKEL_SECRET_KEY: oldKey.toString('hex'),
      SCHAKEL_NEW_SECRET_KEY: newKey.toString('hex'),
    };
    let r = await start(configWith(oldKey), oldKey, insertDemoRegion);
    const at = await signalWithAttachment(r);
    // An instance is connected: refused, nothing changed.
    const busy = await rotateCli(env);
    expect(busy.code, busy.out).toBe(1);
    expect(busy.out).toContain('stop every Schakel instance');
    await r.stop();

    const missing = await rotateCli({ DATABASE_MIGRATION_URL: urlOf(), SCHAKEL_SECRET_KEY: oldKey.toString('hex') });
    expect(missing.code, missing.out).toBe(1);
    expect(missing.out).toContain('SCHAKEL_NEW_SECRET_KEY');

    const rotated = await rotateCli(env);
    expect(rotated.code, rotated.out).toBe(0);
    expect(rotated.out).toContain('1 attachments');
    expect(rotated.out).toContain('Give every instance the new key as SCHAKEL_SECRET_KEY');
    await expect(start(configWith(oldKey), oldKey)).rejects.toThrow(/key/i);
    r = await start(configWith(newKey), newKey);
    try {
      await expectSecretsOpen(r, at);
    } finally {
      await r.stop();
    }
    // Run again with the same keys: the database holds the new key already.
    const again = await rotateCli(env);
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain('already');
  }, 120_000);
});
