/**
 * Every list route answers a forged cursor with a 400 naming /cursor, or — when the forged key is a
 * well-formed value of the right type — with a page; never a 500 from a value that reached SQL. The routes are taken from the OpenAPI document, so a new list route is covered at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
const clients = new Map<string, Client>();
let listRoutes: string[] = [];

const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
const FORGED = [
  'not-base64-json',
  forged(['x']),
  forged(['not-a-date', 'not-a-uuid']),
  forged([{ a: 1 }, [2]]),
  forged(['2026-13-45', '00000000-0000-0000-0000-00000000000z']),
  forged([1e308, 'x', 'y']),
  // Well-typed for some shape, but out of the column's range: year 0000, an impossible day, beyond
  // int4, a NUL, a timestamp of year 0000 — each would be a 500 once it reached SQL.
  forged(['0000-01-01', '00000000-0000-4000-8000-000000000000']),
  forged(['2026-02-30', '00000000-0000-4000-8000-000000000000']),
  forged(['0000-01-01T00:00:00Z', '00000000-0000-4000-8000-000000000000']),
  forged(['2026-01-01T24:00:00Z', '00000000-0000-4000-8000-000000000000']),
  forged(['a\u0000b', '00000000-0000-4000-8000-000000000000']),
  forged([3000000000, 'x', '00000000-0000-4000-8000-000000000000']),
  forged([3000000000, 'x']),
  forged([3000000000]),
  forged([-3000000000]),
  forged(['0000-01-01', 'x']),
  forged([3000000000, '\u0000']),
  forged(['\u0000']),
];

beforeAll(async () => {
  t = await startTestApp();
  for (const email of [
    'regisseur@delft.demo',
    'beheer@delft.demo',
    'fg@delft.demo',
    'netwerk@delft.demo',
    'beleid@delft.demo',
  ]) {
    clients.set(email, await t.signIn(email));
  }
  const doc = (await t.client().get('/api/v1/openapi.json')).body as {
    paths: Record<string, { get?: { parameters?: Array<{ name: string; in: string }> } }>;
  };
  listRoutes = Object.entries(doc.paths)
    .filter(
      ([path, item]) =>
        !path.includes('{') && item.get?.parameters?.some((p) => p.in === 'query' && p.name === 'cursor'),
    )
    .map(([path]) => path);
});
afterAll(async () => {
  await t?.close();
});

describe('forged cursors', () => {
  it('never cause a server error on any list route without path parameters', async () => {
    expect(listRoutes.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const path of listRoutes) {
      for (const client of clients.values()) {
        const probe = await client.get(`/api/v1${path}`);
        if (probe.status !== 200) continue; // this role may not use the route
        for (const cursor of FORGED) {
          const res = await client.get(`/api/v1${path}?cursor=${encodeURIComponent(cursor)}`);
          const refused = res.status === 400 && res.body?.errors?.[0]?.location?.pointer === '/cursor';
          if (!refused && res.status !== 200) {
            failures.push(`${path} ${cursor} → ${res.status}`);
          }
        }
        break;
      }
    }
    expect(failures).toEqual([]);
    // The clearly malformed ones are refused everywhere.
    for (const path of listRoutes) {
      for (const client of clients.values()) {
        if ((await client.get(`/api/v1${path}`)).status !== 200) continue;
        expect((await client.get(`/api/v1${path}?cursor=not-base64-json`)).status, path).toBe(400);
        break;
      }
    }
  });
});
