/**
 * Property-based fuzzing of the write routes with random (and nearly valid) JSON bodies: the server
 * never answers 500, every 4xx is problem+json without a stack trace, and a table grows only on 201.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../src/core/roles.js';
import { DEMO_PASSWORD } from '../src/demo/seed.js';
import { ORGANISATION_TYPES } from '../src/modules/organisations/schemas.js';
import { expectNoStackTrace } from './fixtures.js';
import { type Client, type Response, startTestApp, type TestApp } from './harness.js';

const NUM_RUNS = 60;

let t: TestApp;
let admin: Client;
let delftOrg: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn('beheer@delft.demo');
  delftOrg = (await admin.get('/api/v1/me')).body.user.organisation.id;
});
afterAll(async () => {
  await t?.close();
});

async function count(table: 'users' | 'organisations' | 'sessions'): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.db.owner);
  return r.rows[0]?.n ?? -1;
}

/** Any text, including NUL, control characters, lone surrogates and astral characters. */
const anyText = (maxLength = 40) =>
  fc.oneof(fc.string({ maxLength }), fc.string({ unit: 'binary', maxLength }), fc.constantFrom('', ' ', '\u0000'));
const anyJson = fc.jsonValue({ maxDepth: 3 });
const anyValue = fc.oneof(anyJson, anyText());
/** A schema-valid value most of the time, anything else now and then. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 9, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: anyValue });
const extraFields = fc.dictionary(fc.string({ maxLength: 10 }), anyJson, { maxKeys: 2 });

/** Bodies near the schema (some valid), arbitrary JSON, or text that is not JSON at all. */
function bodies(near: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: near },
    {
      weight: 2,
      arbitrary: fc.tuple(near, extraFields).map(([a, b]) => ({ ...b, ...a })),
    },
    { weight: 2, arbitrary: anyJson },
    { weight: 1, arbitrary: anyText(60).map((text) => ({ raw: text })) },
  );
}

async function send(c: Client, path: string, body: unknown): Promise<Response> {
  if (body && typeof body === 'object' && 'raw' in body && Object.keys(body).length === 1) {
    return c.request('POST', path, (body as { raw: string }).raw);
  }
  // A JSON `null`/number/string body is sent as JSON text.
  return c.request('POST', path, JSON.stringify(body === undefined ? null : body));
}

function expectSaneAnswer(res: Response) {
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: res.status });
    expectNoStackTrace(res.body);
  }
}

describe('fuzzing', { timeout: 120_000 }, () => {
  it('POST /api/v1/users', async () => {
    const email = fc.oneof(
      fc
        .tuple(
          fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,10}[a-z0-9]$/).filter((l) => !l.includes('..')),
          fc.constantFrom('delft.demo', 'Politie.NL'),
        )
        .map(([local, domain]) => `${local}@${domain}`),
      fc.emailAddress(),
    );
    const near = fc.record({
      email: mostly(email),
      name: mostly(fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), anyText(210))),
      role: mostly(fc.constantFrom(...ROLES)),
      organisationId: mostly(fc.constantFrom(delftOrg, randomUUID())),
      locale: mostly(fc.constantFrom('nl', 'en')),
      initialPassword: mostly(
        fc.oneof(
          fc.string({ minLength: 12, maxLength: 40 }),
          fc.string({ unit: 'binary', minLength: 12, maxLength: 300 }),
        ),
      ),
    });
    let created = 0;
    await fc.assert(
      fc.asyncProperty(bodies(near), async (body) => {
        const before = await count('users');
        const res = await send(admin, '/api/v1/users', body);
        expectSaneAnswer(res);
        if (res.status === 201) created += 1;
        expect(await count('users')).toBe(before + (res.status === 201 ? 1 : 0));
      }),
      { numRuns: NUM_RUNS },
    );
    console.log(`[fuzz] POST /users: ${created} of ${NUM_RUNS} random bodies were valid`);
  });

  it('POST /api/v1/organisations', async () => {
    const near = fc.record({
      name: mostly(fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), anyText(210))),
      type: mostly(fc.constantFrom(...ORGANISATION_TYPES)),
    });
    let created = 0;
    await fc.assert(
      fc.asyncProperty(bodies(near), async (body) => {
        const before = await count('organisations');
        const res = await send(admin, '/api/v1/organisations', body);
        expectSaneAnswer(res);
        if (res.status === 201) created += 1;
        expect(await count('organisations')).toBe(before + (res.status === 201 ? 1 : 0));
      }),
      { numRuns: NUM_RUNS },
    );
    console.log(`[fuzz] POST /organisations: ${created} of ${NUM_RUNS} random bodies were valid`);
  });

  it('POST /api/v1/auth/login', async () => {
    const near = fc.record({
      email: mostly(fc.oneof(fc.constantFrom('regisseur@delft.demo', 'BEHEER@delft.demo'), fc.emailAddress())),
      password: mostly(fc.oneof(fc.constant(DEMO_PASSWORD), anyText(300))),
      totp: mostly(fc.stringMatching(/^\d{6}$/)),
    });
    await fc.assert(
      fc.asyncProperty(bodies(near), async (body) => {
        const before = { users: await count('users'), sessions: await count('sessions') };
        const res = await send(t.client(), '/api/v1/auth/login', body);
        expectSaneAnswer(res);
        expect(res.status).not.toBe(200);
        expect(res.headers.get('set-cookie')).toBeNull();
        expect({ users: await count('users'), sessions: await count('sessions') }).toEqual(before);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
