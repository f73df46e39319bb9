/**
 * Traces over a real OTLP/HTTP receiver in the test: the trace id of a request is the access log's
 * trace id and the one in its JSON log line; database queries and job runs are spans; an incoming
 * `traceparent` is continued. Runs on PGlite and (with DATABASE_URL) on the PostgreSQL server.
 */

import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { observeJobRun } from './jobs.js';
import { flushTraces, startTracing, traceIdFromHeader } from './tracing.js';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Array<{ key: string; value: { stringValue?: string; intValue?: string | number } }>;
}

/** A tiny OTLP/HTTP (JSON) receiver: keeps every span posted to /v1/traces. */
async function otlpReceiver(port: number) {
  const spans: ExportedSpan[] = [];
  const contentTypes: string[] = [];
  const bodies: Buffer[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      contentTypes.push(String(req.headers['content-type']));
      bodies.push(Buffer.concat(chunks));
      if (req.url === '/v1/traces' && String(req.headers['content-type']).includes('json')) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        for (const rs of body.resourceSpans ?? []) {
          for (const ss of rs.scopeSpans ?? []) spans.push(...(ss.spans ?? []));
        }
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    spans,
    contentTypes,
    bodies,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const attr = (s: ExportedSpan, key: string) => {
  const v = s.attributes.find((a) => a.key === key)?.value;
  return v?.stringValue ?? (v?.intValue !== undefined ? String(v.intValue) : undefined);
};

describe('traces (OTLP over HTTP/JSON)', () => {
  let receiver: Awaited<ReturnType<typeof otlpReceiver>>;
  let stopTracing: () => Promise<void>;
  let t: TestApp;
  const lines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    receiver = await otlpReceiver(18231);
    stopTracing = await startTracing({ endpoint: receiver.url, protocol: 'http/json', serviceName: 'schakel-test' });
    t = await startTestApp({
      config: { logLevel: 'info' },
      logStream: { write: (line: string) => lines.push(JSON.parse(line)) },
    });
  });
  afterAll(async () => {
    await t?.close();
    await stopTracing?.();
    await receiver?.close();
  });

  async function spansOf(traceId: string) {
    await flushTraces();
    return receiver.spans.filter((s) => s.traceId === traceId);
  }

  it('a request: the access log, the JSON log line and the exported spans share one trace id', async () => {
    const director = await t.signIn('regisseur@delft.demo');
    const list = await director.get('/api/v1/cases?limit=1');
    expect(list.status).toBe(200);
    const caseId = list.body.items[0].id as string;
    const res = await director.get(`/api/v1/cases/${caseId}`);
    expect(res.status).toBe(200);

    // The access log's entry of that read.
    const entry = await t.db.owner
      .selectFrom('access_log')
      .select(['trace_id', 'record_id'])
      .where('record_id', '=', caseId)
      .where('action', '=', 'read')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const traceId = entry.trace_id;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    // The JSON log line of that request (pino, Fastify's "request completed").
    const done = lines.find((l) => l.traceId === traceId && l.msg === 'request completed');
    expect(done).toBeDefined();
    expect(JSON.stringify(lines.filter((l) => l.traceId === traceId))).not.toContain(caseId);

    // The spans: the server span named after the route template, database spans beneath it.
    const spans = await spansOf(traceId);
    const server = spans.find((s) => s.name === 'GET /api/v1/cases/:id');
    expect(server, JSON.stringify(spans.map((s) => s.name))).toBeDefined();
    expect(attr(server as ExportedSpan, 'http.route')).toBe('/api/v1/cases/:id');
    expect(attr(server as ExportedSpan, 'http.response.status_code')).toBe('200');
    const dbSpans = spans.filter((s) => attr(s, 'db.system.name') === 'postgresql');
    expect(dbSpans.length).toBeGreaterThan(2);
    expect(dbSpans.map((s) => s.name)).toEqual(expect.arrayContaining(['BEGIN', 'COMMIT', 'SELECT cases']));
    for (const s of dbSpans) expect(s.parentSpanId).toBe(server?.spanId);
    // Names and attributes: operations and tables only, never an id or a parameter.
    expect(JSON.stringify(spans)).not.toContain(caseId);
  });

  it('continues an incoming W3C traceparent', async () => {
    const traceId = randomBytes(16).toString('hex');
    const parent = randomBytes(8).toString('hex');
    const res = await fetch(`${t.baseUrl}/api/v1/cases`, { headers: { traceparent: `00-${traceId}-${parent}-01` } });
    expect(res.status).toBe(401);
    const spans = await spansOf(traceId);
    const server = spans.find((s) => s.name === 'GET /api/v1/cases');
    expect(server?.parentSpanId).toBe(parent);
    expect(lines.some((l) => l.traceId === traceId)).toBe(true);
  });

  it('a job run is a span of its own, its queries beneath it, its log lines with its trace id', async () => {
    let runs = 0;
    // As the job queue runs every job (src/platform/queue/queue.ts).
    await observeJobRun('test-traced', async () => {
      runs++;
      await sql`select 1`.execute(t.db.kysely);
      t.app.log.info('traced job ran');
    });
    expect(runs).toBe(1);
    await flushTraces();
    const job = receiver.spans.find((s) => s.name === 'job test-traced');
    expect(job).toBeDefined();
    expect(job?.parentSpanId ?? '').toBe('');
    const children = receiver.spans.filter((s) => s.parentSpanId === job?.spanId);
    expect(children.map((s) => s.name)).toContain('SELECT');
    expect(lines.find((l) => l.msg === 'traced job ran')?.traceId).toBe(job?.traceId);
  });
});

describe('traces (OTLP over HTTP/protobuf, the default protocol)', () => {
  it('exports the request span in protobuf, its trace id inside', async () => {
    const receiver = await otlpReceiver(18232);
    const stop = await startTracing({ endpoint: receiver.url, protocol: 'http/protobuf', serviceName: 'schakel-test' });
    const t = await startTestApp({ demo: false });
    try {
      const traceId = randomBytes(16).toString('hex');
      const res = await fetch(`${t.baseUrl}/healthz`, {
        headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
      });
      expect(res.status).toBe(200);
      await flushTraces();
      expect(receiver.contentTypes).toContain('application/x-protobuf');
      expect(receiver.bodies.some((b) => b.includes(Buffer.from(traceId, 'hex')))).toBe(true);
      expect(receiver.bodies.some((b) => b.includes(Buffer.from('GET /healthz')))).toBe(true);
    } finally {
      await t.close();
      await stop();
      await receiver.close();
    }
  });
});

describe('traceparent parsing', () => {
  it('takes the trace id of a valid header only', () => {
    const id = 'a'.repeat(32);
    expect(traceIdFromHeader(`00-${id}-${'b'.repeat(16)}-01`)).toBe(id);
    expect(traceIdFromHeader(`00-${'0'.repeat(32)}-${'b'.repeat(16)}-01`)).toBeNull();
    expect(traceIdFromHeader(`00-${id}-${'0'.repeat(16)}-01`)).toBeNull();
    expect(traceIdFromHeader(`ff-${id}-${'b'.repeat(16)}-01`)).toBeNull();
    expect(traceIdFromHeader(`00-${id.toUpperCase()}-${'b'.repeat(16)}-01`)).toBeNull();
    expect(traceIdFromHeader('garbage')).toBeNull();
    expect(traceIdFromHeader(undefined)).toBeNull();
  });
});
