import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { sha256 } from '../../platform/crypto.js';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn('beheer@delft.demo');
});
afterAll(async () => {
  await t?.close();
});

function bearer(token: string): Client {
  const c = t.client();
  c.bearer = token;
  return c;
}

describe('personal API tokens', () => {
  let token: string;
  let tokenId: string;

  it('are created from a session and shown once', async () => {
    const res = await admin.post('/api/v1/me/api-tokens', {
      name: 'koppeling',
      expiresInDays: 30,
      access: 'read_write',
      resources: null,
    });
    expect(res.status).toBe(201);
    token = res.body.token;
    tokenId = res.body.id;
    expect(token).toMatch(/^skl_[A-Za-z0-9_-]{40,}$/);
    expect(res.body.prefix).toBe(token.slice(0, 8));
    const days = (Date.parse(res.body.expiresAt) - Date.parse(res.body.createdAt)) / 86_400_000;
    expect(days).toBe(30);
  });

  it('are stored only as a SHA-256 hash', async () => {
    const row = await t.db.owner
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', tokenId)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256(token));
    expect(row.prefix).toBe(token.slice(0, 8));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token.slice(8));
    const anywhere = await sql<{ n: number }>`select count(*)::int as n from api_tokens t
      where position(${token.slice(8, 30)} in t::text) > 0`.execute(t.db.owner);
    expect(anywhere.rows[0]?.n).toBe(0);
  });

  it('work with Authorization: Bearer, for reads and for writes without a CSRF token', async () => {
    const c = bearer(token);
    const me = await c.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('beheer@delft.demo');
    expect(me.body.csrfToken).toBeNull();
    expect((await c.get('/api/v1/users')).status).toBe(200);
    const created = await c.post('/api/v1/organisations', { name: 'Via de API', type: 'welfare' });
    expect(created.status).toBe(201);
    const row = await t.db.owner
      .selectFrom('api_tokens')
      .select('last_used_at')
      .where('id', '=', tokenId)
      .executeTakeFirst();
    expect(row?.last_used_at).not.toBeNull();
  });

  it('are listed by prefix, never by secret', async () => {
    const res = await admin.get('/api/v1/me/api-tokens');
    expect(res.status).toBe(200);
    const item = res.body.items.find((i: { id: string }) => i.id === tokenId);
    expect(item).toMatchObject({ name: 'koppeling', prefix: token.slice(0, 8), revokedAt: null });
    expect(item).not.toHaveProperty('token');
    expect(JSON.stringify(res.body)).not.toContain(token);
    expect(JSON.stringify(res.body)).not.toContain(sha256(token));
  });

  it('only list and revoke the own tokens', async () => {
    const other = await t.signIn('regisseur@delft.demo');
    const list = await other.get('/api/v1/me/api-tokens');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(tokenId);
    expectProblem(await other.delete(`/api/v1/me/api-tokens/${tokenId}`), 404, 'NOT_FOUND');
    expect((await bearer(token).get('/api/v1/me')).status).toBe(200);
  });

  it('cannot create tokens (403) — a token cannot extend itself', async () => {
    const before = await t.db.owner.selectFrom('api_tokens').select('id').execute();
    const res = await bearer(token).post('/api/v1/me/api-tokens', {
      name: 'kind',
      expiresInDays: 365,
      access: 'read_write',
      resources: null,
    });
    expectProblem(res, 403, 'FORBIDDEN');
    const after = await t.db.owner.selectFrom('api_tokens').select('id').execute();
    expect(after).toHaveLength(before.length);
  });

  it('are refused with 401 once revoked', async () => {
    const res = await admin.delete(`/api/v1/me/api-tokens/${tokenId}`);
    expect(res.status).toBe(204);
    expectProblem(await bearer(token).get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    expectProblem(await bearer(token).post('/api/v1/organisations', { name: 'Na intrekking', type: 'other' }), 401);
    // Revoking twice: the token is no longer there to revoke.
    expectProblem(await admin.delete(`/api/v1/me/api-tokens/${tokenId}`), 404, 'NOT_FOUND');
    const list = await admin.get('/api/v1/me/api-tokens');
    const item = list.body.items.find((i: { id: string }) => i.id === tokenId);
    expect(item.revokedAt).toEqual(expect.any(String));
  });

  it('refuse a made-up or malformed bearer token with 401', async () => {
    for (const value of ['skl_made-up', '', 'x'.repeat(500), `${token}x`]) {
      expectProblem(await bearer(value).get('/api/v1/me'), 401);
    }
  });

  it('cannot live longer than a year', async () => {
    const res = await admin.post('/api/v1/me/api-tokens', {
      name: 'eeuwig',
      expiresInDays: 366,
      access: 'read_write',
      resources: null,
    });
    expectProblem(res, 400, 'INVALID_INPUT');
    expect(res.body.errors.map((e: { location: { pointer: string } }) => e.location.pointer)).toEqual([
      '/expiresInDays',
    ]);
  });

  it('are refused with 401 once expired (server clock)', async () => {
    const res = await admin.post('/api/v1/me/api-tokens', {
      name: 'kortstondig',
      expiresInDays: 1,
      access: 'read_write',
      resources: null,
    });
    expect(res.status).toBe(201);
    const short = res.body.token as string;
    expect((await bearer(short).get('/api/v1/me')).status).toBe(200);
    t.clock.advance(23 * 3_600_000);
    expect((await bearer(short).get('/api/v1/me')).status).toBe(200);
    t.clock.advance(2 * 3_600_000);
    expectProblem(await bearer(short).get('/api/v1/me'), 401, 'UNAUTHENTICATED');
  });
});
