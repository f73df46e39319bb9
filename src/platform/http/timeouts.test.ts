/**
 * Limits (issue 9 point 5): a route that does not answer in time gets a problem+json 503, a route may
 * allow more; on a PostgreSQL server a statement that runs too long is cancelled and answered 503
 * DATABASE_TIMEOUT with its transaction rolled back.
 */
import Fastify from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onServer, startTestApp, type TestApp } from '../../../test/harness.js';
import { openDatabase, withTx } from '../db/database.js';
import { errorHandler } from './problem.js';
import { registerRouteTimeouts } from './timeouts.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('per-route timeouts', () => {
  const app = Fastify();
  let base = '';
  beforeAll(async () => {
    app.setErrorHandler(errorHandler);
    registerRouteTimeouts(app, 200);
    app.get('/slow', async () => {
      await sleep(1_000);
      return { late: true };
    });
    app.get('/slow-allowed', { config: { timeoutSeconds: 3 } }, async () => {
      await sleep(400);
      return { ok: true };
    });
    app.get('/fast', async () => ({ ok: true }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  it('answers a route that takes too long with a 503 problem, and lets the others answer', async () => {
    const slow = await fetch(`${base}/slow`);
    expect(slow.status).toBe(503);
    expect(slow.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(slow.headers.get('retry-after')).toBe('30');
    expect(await slow.json()).toMatchObject({ status: 503, code: 'REQUEST_TIMEOUT' });
    expect((await fetch(`${base}/fast`)).status).toBe(200);
    const allowed = await fetch(`${base}/slow-allowed`);
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ ok: true });
  });
});

describe.skipIf(!onServer)('the statement timeout on a PostgreSQL server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ demo: false });
  });
  afterAll(() => t?.close());

  it('cancels a statement that runs too long; the transaction is rolled back; the answer is a 503 problem', async () => {
    const dbName = (await sql<{ d: string }>`select current_database() as d`.execute(t.db.owner)).rows[0]?.d as string;
    const url = new URL(process.env.DATABASE_URL as string);
    url.pathname = `/${dbName}`;
    const appUrl = new URL(url);
    appUrl.username = 'schakel_app_login';
    const db = await openDatabase({ kind: 'server', url: appUrl.toString(), statementTimeoutMs: 300 });
    const app = Fastify();
    app.setErrorHandler(errorHandler);
    app.get('/sleep', async () => {
      await withTx(db, { regionId: null }, async (tx) => {
        await sql`select pg_sleep(2)`.execute(tx);
      });
      return { done: true };
    });
    try {
      const started = Date.now();
      const res = await app.inject({ method: 'GET', url: '/sleep' });
      expect(Date.now() - started).toBeLessThan(1_900);
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'DATABASE_TIMEOUT' });
      // The pool still works afterwards.
      const ok = await withTx(db, { regionId: null }, (tx) => sql<{ one: number }>`select 1 as one`.execute(tx));
      expect(ok.rows[0]?.one).toBe(1);
    } finally {
      await app.close();
      await db.close();
    }
  });
});

if (!onServer) {
  console.log(
    '[timeouts.test] the statement-timeout block runs only with DATABASE_URL (PGlite has no statement timeout)',
  );
}
