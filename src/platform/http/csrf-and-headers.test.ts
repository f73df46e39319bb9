import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, snapshot } from '../../../test/fixtures.js';
import { type Client, type Response, startTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn('beheer@delft.demo');
});
afterAll(async () => {
  await t?.close();
});

describe('CSRF protection of cookie sessions', () => {
  const attempts = (): Array<[string, string, unknown]> => [
    ['POST', '/api/v1/organisations', { name: 'Vervalst', type: 'other' }],
    ['POST', '/api/v1/municipalities', { name: 'Vervalst' }],
    ['POST', '/api/v1/me/api-tokens', { name: 'vervalst', expiresInDays: 1 }],
    ['POST', '/api/v1/auth/logout', {}],
  ];

  for (const [label, header] of [
    ['no X-CSRF-Token', null],
    ['an empty X-CSRF-Token', ''],
    ['a wrong X-CSRF-Token', 'wrong-token'],
  ] as const) {
    it(`refuses a mutating request with ${label}: 403 CSRF_TOKEN_INVALID, nothing changed`, async () => {
      const before = await snapshot(t);
      for (const [method, path, body] of attempts()) {
        const h: Record<string, string> = { cookie: admin.cookie as string, 'content-type': 'application/json' };
        if (header !== null) h['x-csrf-token'] = header;
        const res = await fetch(t.baseUrl + path, { method, headers: h, body: JSON.stringify(body) });
        const parsed: Response = { status: res.status, body: await res.json(), headers: res.headers };
        expectProblem(parsed, 403, 'CSRF_TOKEN_INVALID');
      }
      expect(await snapshot(t)).toEqual(before);
      // The session survived the refused logout.
      expect((await admin.get('/api/v1/me')).status).toBe(200);
    });
  }

  it('refuses the CSRF token of another session', async () => {
    const other = await t.signIn('beheer@delft.demo');
    expect(other.csrfToken).not.toBe(admin.csrfToken);
    const before = await snapshot(t);
    const res = await admin.request(
      'POST',
      '/api/v1/organisations',
      { name: 'Vervalst', type: 'other' },
      { 'x-csrf-token': other.csrfToken as string },
    );
    expectProblem(res, 403, 'CSRF_TOKEN_INVALID');
    expect(await snapshot(t)).toEqual(before);
  });

  it('refuses PUT, PATCH and DELETE without the token too', async () => {
    const users = await admin.get('/api/v1/users?limit=1');
    const u = users.body.items[0];
    const token = (await admin.post('/api/v1/me/api-tokens', { name: 'blijft', expiresInDays: 1 })).body;
    const before = await snapshot(t);
    const plain = t.client();
    plain.cookie = admin.cookie;
    for (const res of [
      await plain.put(`/api/v1/users/${u.id}`, { ...u, disabled: true }),
      await plain.patch(`/api/v1/organisations/${u.organisationId}`, { name: 'X', type: 'other', version: 1 }),
      await plain.delete(`/api/v1/me/api-tokens/${token.id}`),
    ]) {
      expectProblem(res, 403, 'CSRF_TOKEN_INVALID');
    }
    expect(await snapshot(t)).toEqual(before);
  });

  it('accepts the right token, and needs none for reads', async () => {
    const plain = t.client();
    plain.cookie = admin.cookie;
    expect((await plain.get('/api/v1/organisations')).status).toBe(200);
    const res = await admin.post('/api/v1/organisations', { name: 'Met token', type: 'other' });
    expect(res.status).toBe(201);
  });
});

describe('security headers', () => {
  function expectSecurityHeaders(res: Response, what: string) {
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp, what).toMatch(/frame-ancestors 'none'/);
    expect(csp, what).toMatch(/default-src 'self'/);
    expect(csp, what).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
    expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
    expect(res.headers.get('x-frame-options'), what).toBe('DENY');
  }
  function expectApiHeaders(res: Response, what: string) {
    expectSecurityHeaders(res, what);
    expect(res.headers.get('cache-control'), what).toBe('no-store');
    expect(res.headers.get('api-version'), what).toBe('1.0.0');
  }

  it('are on every API answer: success, 4xx of every kind', async () => {
    const anonymous = t.client();
    const answers: Array<[string, Response]> = [
      ['200 list', await admin.get('/api/v1/organisations')],
      ['200 me', await admin.get('/api/v1/me')],
      ['201 create', await admin.post('/api/v1/organisations', { name: 'Kop', type: 'other' })],
      ['200 public', await anonymous.get('/api/v1/instance')],
      ['400 invalid', await admin.post('/api/v1/organisations', { name: 1 })],
      ['400 malformed', await admin.request('POST', '/api/v1/organisations', '{')],
      ['401', await anonymous.get('/api/v1/me')],
      ['401 login', await anonymous.post('/api/v1/auth/login', { email: 'a@b.nl', password: 'x' })],
      ['403', await (await t.signIn('politie@politie.demo')).get('/api/v1/users')],
      ['404 route', await admin.get('/api/v1/does-not-exist')],
      ['409', await admin.post('/api/v1/organisations', { name: 'Kop', type: 'other' })],
      ['413', await admin.request('POST', '/api/v1/organisations', JSON.stringify({ name: 'x'.repeat(300_000) }))],
    ];
    for (const [what, res] of answers) expectApiHeaders(res, what);
  });

  it('are on the answer to a URL that cannot be decoded, which is problem+json too', async () => {
    const res = await t.client().get('/api/v1/users/%zz');
    expectProblem(res, 400);
    expectApiHeaders(res, 'bad URL');
    const outside = await t.client().get('/%E0%A4%A');
    expectProblem(outside, 400);
    expectSecurityHeaders(outside, 'bad URL outside the API');
  });

  it('sign-in answers are not cached either', async () => {
    const c = t.client();
    const res = await c.post('/api/v1/auth/login', { email: 'x@y.nl', password: 'nope' });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('are on answers outside the API', async () => {
    for (const path of ['/healthz', '/readyz', '/not-an-api-path']) {
      const res = await t.client().get(path);
      expectSecurityHeaders(res, path);
    }
  });
});

describe('health, version and OpenAPI', () => {
  it('/healthz and /readyz answer 200', async () => {
    const health = await t.client().get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    const ready = await t.client().get('/readyz');
    expect(ready.status).toBe(200);
    // The components are in src/platform/observability/metrics.test.ts.
    expect(ready.body).toMatchObject({ status: 'ok', checks: { database: { ok: true }, migrations: { ok: true } } });
  });

  it('GET /api/v1/openapi.json is public with Access-Control-Allow-Origin: *', async () => {
    const res = await t.client().get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('api-version')).toBe('1.0.0');
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.info.version).toBe('1.0.0');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/users', '/organisations', '/access-log']));
  });

  it('other API answers carry no CORS permission', async () => {
    const res = await admin.get('/api/v1/users');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
