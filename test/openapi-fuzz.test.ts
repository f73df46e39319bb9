/**
 * Property-based fuzzing of every operation of the served OpenAPI document: fast-check generates
 * parameters and bodies from each operation's own schema — mostly valid-looking values, with edge
 * values mixed in (year 0001/9999 and 0000 dates, int4 bounds and one beyond, empty and NUL strings,
 * nulls, ids of records that exist) — and sends them over HTTP as the first of ten signed-in demo
 * users (one per role) whose role may use the operation. The one
 * property: no answer is a 5xx. A new route is covered as soon as it is in the document.
 * FUZZ_RUNS (default 8) sets the requests per operation. The seed is fixed by default so that the
 * suite gives the same answer on every run (CI); FUZZ_SEED=random explores (`FUZZ_SEED=random
 * FUZZ_RUNS=50 npx vitest run test/openapi-fuzz.test.ts`), and FUZZ_SEED=<n> repeats a run it printed.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from './harness.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const SEED =
  process.env.FUZZ_SEED === 'random' ? Date.now() % 2_147_483_647 : Number(process.env.FUZZ_SEED ?? 20_261_207);
const USERS = [
  'beheer@delft.demo',
  'regisseur@delft.demo',
  'coordinator@delft.demo',
  'fg@delft.demo',
  'beleid@delft.demo',
  'netwerk@delft.demo',
  'politie@politie.demo',
  'privacy@politie.demo',
  'expert@pool.demo',
  'burgemeester@delft.demo',
];
/** Operations that would end the fuzzing users' own sessions or second factor. */
const SKIPPED = [/^\/auth\/(logout|totp-enrolment)/, /^\/me\/password$/, /\/password-reset$/];

interface Schema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
type Document = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

let t: TestApp;
let doc: Document;
const clients: Client[] = [];
/** Ids of records that exist, found on the list pages: path parameters reach the handlers' checks. */
const knownIds = new Set<string>();

beforeAll(async () => {
  t = await startTestApp();
  for (const email of USERS) clients.push(await t.signIn(email));
  doc = (await t.client().get('/api/v1/openapi.json')).body as Document;
  for (const [path, item] of Object.entries(doc.paths)) {
    if (path.includes('{') || !item.get) continue;
    for (const client of clients.slice(0, 3)) {
      const res = await client.get(`/api/v1${path}`);
      for (const row of (res.body?.items ?? []) as Array<{ id?: unknown }>) {
        if (typeof row?.id === 'string') knownIds.add(row.id);
      }
    }
  }
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const INT4 = 2_147_483_647;
const edgeStrings = fc.constantFrom('', ' ', '\u0000', 'x'.repeat(300), 'é🙂', '0', '-1', 'null');
const uuid = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...(knownIds.size ? [...knownIds] : [randomUUID()])) },
    { weight: 1, arbitrary: fc.uuid() },
  );
const isoDate = fc.oneof(
  fc
    .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('0001-01-01', '9999-12-31', '0000-01-01', '2000-02-29', '2026-01-01'),
);

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.split('/').pop() as string;
  return doc.components?.schemas?.[name] ?? {};
}

/** Values for `schema`: mostly valid-looking, with edge values mixed in. */
function arbitraryFor(input: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!input || depth > 6) return fc.jsonValue({ maxDepth: 1 });
  const schema = resolve(input);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const nullable = schema.nullable === true || types.includes('null');
  const base = valueFor(schema, types.filter((x) => x !== 'null')[0], depth);
  return nullable ? fc.oneof({ weight: 4, arbitrary: base }, { weight: 1, arbitrary: fc.constant(null) }) : base;
}

function valueFor(schema: Schema, type: string | undefined, depth: number): fc.Arbitrary<unknown> {
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants?.length) return fc.oneof(...variants.map((s) => arbitraryFor(s, depth + 1)));
  if (schema.allOf?.length) return arbitraryFor(schema.allOf[0], depth + 1);
  if (schema.enum?.length) {
    return fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: edgeStrings });
  }
  switch (type ?? (schema.properties ? 'object' : undefined)) {
    case 'string':
      return stringFor(schema);
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -INT4 - 1;
      const max = typeof schema.maximum === 'number' ? schema.maximum : INT4 + 1;
      const edges = [min, max, min - 1, max + 1, 0, -1, 1, INT4, INT4 + 1, -INT4 - 2].filter(Number.isSafeInteger);
      const inRange =
        type === 'integer'
          ? fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) })
          : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
      return fc.oneof({ weight: 3, arbitrary: inRange }, { weight: 2, arbitrary: fc.constantFrom(...edges) });
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(arbitraryFor(schema.items, depth + 1), {
        minLength: Math.min(schema.minItems ?? 0, 3),
        maxLength: Math.min(Math.max(schema.maxItems ?? 3, schema.minItems ?? 0), 3),
      });
    case 'object': {
      const properties = schema.properties ?? {};
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(properties)) record[key] = arbitraryFor(value, depth + 1);
      const required = (schema.required ?? []).filter((k) => k in record);
      return fc.oneof(
        { weight: 8, arbitrary: fc.record(record, { requiredKeys: required }) },
        { weight: 1, arbitrary: fc.record(record, { requiredKeys: [] }) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(schema: Schema): fc.Arbitrary<unknown> {
  const maxLength = Math.min(schema.maxLength ?? 40, 60);
  const minLength = Math.min(schema.minLength ?? 0, maxLength);
  let valid: fc.Arbitrary<string>;
  if (schema.format === 'uuid') valid = uuid();
  else if (schema.format === 'date') valid = isoDate;
  else if (schema.format === 'date-time') {
    valid = fc
      .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
      .map((d) => d.toISOString());
  } else if (schema.format === 'email') valid = fc.emailAddress();
  else if (schema.pattern) {
    try {
      valid = fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 10_000));
    } catch {
      valid = fc.string({ minLength, maxLength });
    }
  } else valid = fc.string({ minLength, maxLength });
  return fc.oneof({ weight: 8, arbitrary: valid }, { weight: 2, arbitrary: edgeStrings });
}

/** Every operation's requests: path, query string, and body. */
function requestsFor(path: string, op: Operation): fc.Arbitrary<{ url: string; body: unknown }> {
  const params = op.parameters ?? [];
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const p of params) {
    if (p.in === 'path')
      record[`path:${p.name}`] = fc.oneof(
        { weight: 9, arbitrary: uuid() },
        { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
      );
    if (p.in === 'query') record[`query:${p.name}`] = arbitraryFor(p.schema);
  }
  const body = op.requestBody?.content?.['application/json']?.schema;
  return fc
    .tuple(
      fc.record(record, { requiredKeys: params.filter((p) => p.in === 'path').map((p) => `path:${p.name}`) }),
      body ? arbitraryFor(body) : fc.constant(undefined),
    )
    .map(([values, bodyValue]) => {
      let url = path;
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(values)) {
        const [part, name] = key.split(':') as [string, string];
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        if (part === 'path') url = url.replace(`{${name}}`, encodeURIComponent(text));
        else if (value !== null && value !== undefined) {
          for (const v of Array.isArray(value) ? value : [value])
            query.append(name, typeof v === 'string' ? v : JSON.stringify(v));
        }
      }
      const qs = query.toString();
      return { url: `/api/v1${url}${qs ? `?${qs}` : ''}`, body: bodyValue };
    });
}

const METHOD_ORDER = ['get', 'post', 'put', 'patch', 'delete'];

describe('fuzzing every operation of the OpenAPI document', () => {
  it('never answers with a 5xx', { timeout: 240_000 }, async () => {
    const operations = Object.entries(doc.paths)
      .flatMap(([path, item]) =>
        Object.entries(item)
          .filter(([method]) => METHOD_ORDER.includes(method))
          .map(([method, op]) => ({ path, method, op })),
      )
      .filter(({ path }) => !SKIPPED.some((re) => re.test(path)))
      .sort((a, b) => METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method));
    expect(operations.length).toBeGreaterThan(200);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    for (const [index, { path, method, op }] of operations.entries()) {
      // The users whose role may use this operation: a first probe per user until one is not refused.
      const allowed: number[] = [];
      const probeUrl = `/api/v1${path.replace(/\{[^}]+\}/g, () => [...knownIds][0] ?? randomUUID())}`;
      for (const [i, client] of clients.entries()) {
        const probe = await client.request(method.toUpperCase(), probeUrl, method === 'get' ? undefined : '{}');
        if (probe.status >= 500) failures.push(`${method.toUpperCase()} ${probeUrl} {} → ${probe.status}`);
        if (probe.status !== 403) {
          allowed.push(i);
          break;
        }
      }
      if (allowed.length === 0) allowed.push(0);
      await fc.assert(
        fc.asyncProperty(requestsFor(path, op), async (request) => {
          const who = allowed[0] as number;
          const client = clients[who] as Client;
          const res = await client.request(
            method.toUpperCase(),
            request.url,
            request.body === undefined ? undefined : JSON.stringify(request.body),
          );
          sent += 1;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500) {
            failures.push(
              `${method.toUpperCase()} ${request.url} ${JSON.stringify(request.body)?.slice(0, 300)} → ${res.status}`,
            );
          }
          // An expired or ended session would make the rest of the run a string of 401s: sign in again.
          if (res.status === 401 && method === 'get') {
            clients[who] = await t.signIn(USERS[who] as string).catch(() => client);
          }
        }),
        { numRuns: RUNS, seed: SEED + index, endOnFailure: true },
      );
    }
    console.log(
      `[openapi-fuzz] seed ${SEED}: ${sent} requests over ${operations.length} operations; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    expect(failures).toEqual([]);
  });
});
