/**
 * /metrics: off without configuration (404), on the main port behind METRICS_TOKEN (401 problem+json
 * without or with a wrong token, the server keeps serving), or on METRICS_PORT. Labels are route
 * templates and codes, never ids or e-mail addresses. And /readyz: its components and the check hook.
 */

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { loadConfig } from '../../config.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { queueFailingExport } from '../../modules/exports/test-support.js';
import { startMetricsServer } from './http.js';
import { observeJobRun, trackJob } from './jobs.js';
import { registerGauge } from './metrics.js';
import { registerReadinessCheck } from './readiness.js';
import type { ObservabilitySettings } from './settings.js';

const TOKEN = 'metrics-token-0123456789abcdef0123456789';
const off: ObservabilitySettings = { metricsPort: null, metricsHost: '127.0.0.1', metricsToken: null, tracing: null };

describe('/metrics on the main port behind METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { observability: { ...off, metricsToken: TOKEN } } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const scrape = (authorization?: string) =>
    fetch(`${t.baseUrl}/metrics`, authorization ? { headers: { authorization } } : {});

  it('without the token, or with a wrong one: 401 problem+json naming the header; the server keeps serving', async () => {
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN, 'Bearer ']) {
      const res = await scrape(authorization);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      const body = await res.json();
      expect(body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
      expect(body.errors[0]).toMatchObject({ in: 'header', location: { pointer: '/authorization' } });
      expect(JSON.stringify(body)).not.toContain(TOKEN);
    }
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(200);
  });

  it('requests by route template and status class, sign-in failures by reason, pools — no ids or e-mail', async () => {
    const director = await t.signIn('regisseur@delft.demo');
    const list = await director.get('/api/v1/cases?limit=1');
    const caseId = list.body.items[0].id as string;
    expect((await director.get(`/api/v1/cases/${caseId}`)).status).toBe(200);
    expect((await director.get('/api/v1/cases/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const wrong = await t.client().post('/api/v1/auth/login', {
      email: 'coordinator@delft.demo',
      password: `${DEMO_PASSWORD}-wrong`,
      totp: '000000',
    });
    expect(wrong.status).toBe(401);
    // A return from an identity provider without a sign-in in progress: to the sign-in page with the code.
    const back = await fetch(`${t.baseUrl}/api/v1/auth/oidc/callback?code=x&state=y`, { redirect: 'manual' });
    expect(back.status).toBe(303);
    const refusal = new URL(back.headers.get('location') ?? '', t.baseUrl).searchParams.get('fout');

    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(
      /schakel_http_requests_total\{method="GET",route="\/api\/v1\/cases\/:id",status_class="2xx"\} 1\n/,
    );
    expect(text).toMatch(
      /schakel_http_requests_total\{method="GET",route="\/api\/v1\/cases\/:id",status_class="4xx"\} 1\n/,
    );
    expect(text).toMatch(
      /schakel_http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/api\/v1\/cases\/:id",status_class="2xx"\} 1\n/,
    );
    expect(text).toMatch(/schakel_sign_in_failures_total\{reason="INVALID_CREDENTIALS"\} 1\n/);
    expect(text).toContain(`schakel_sign_in_failures_total{reason="${refusal?.toUpperCase()}"} 1\n`);
    expect(text).toMatch(/schakel_db_pool_connections\{pool="app"\} \d+/);
    expect(text).toMatch(/schakel_db_pool_waiting_requests\{pool="app"\} \d+/);
    expect(text).toContain('schakel_process_cpu_seconds_total');
    // Never personal data or ids in labels.
    expect(text).not.toContain(caseId);
    expect(text).not.toContain('00000000-0000-4000-8000-000000000000');
    expect(text).not.toContain('@delft.demo');
  });

  it('job runs, failures and duration per job name; a gauge registered by another module', async () => {
    // What the job queue does around every run (src/platform/queue/queue.ts): tracked, observed.
    const untrack = [trackJob('metrics-ok', 60_000), trackJob('metrics-fail', 60_000)];
    await observeJobRun('metrics-ok', async () => {});
    await expect(
      observeJobRun('metrics-fail', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    for (const u of untrack) u();
    const unregister = registerGauge({
      name: 'schakel_test_queue_depth',
      help: 'A test queue.',
      labelNames: ['queue'],
      read: async () => [{ labels: { queue: 'exports' }, value: 3 }],
    });
    try {
      expect(() =>
        registerGauge({ name: 'schakel_test_queue_depth', help: 'Twice.', read: () => [{ value: 1 }] }),
      ).toThrow();
      const text = await (await scrape(`Bearer ${TOKEN}`)).text();
      expect(text).toMatch(/schakel_job_runs_total\{job="metrics-ok",outcome="ok"\} 1\n/);
      expect(text).toMatch(/schakel_job_runs_total\{job="metrics-fail",outcome="failed"\} 1\n/);
      expect(text).toMatch(/schakel_job_duration_seconds_count\{job="metrics-fail"\} 1\n/);
      expect(text).toMatch(/schakel_job_last_success_timestamp_seconds\{job="metrics-ok"\} \d+/);
      expect(text).toMatch(/schakel_test_queue_depth\{queue="exports"\} 3\n/);
    } finally {
      unregister();
    }
    expect(await (await scrape(`Bearer ${TOKEN}`)).text()).not.toContain('schakel_test_queue_depth');
  });
});

describe('/metrics without configuration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is off: 404, with or without a token', async () => {
    expect(t.deps.config.observability).toEqual({ ...off, metricsHost: '0.0.0.0' });
    expect((await fetch(`${t.baseUrl}/metrics`)).status).toBe(404);
    const res = await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('/readyz: database, migrations (applied = known), schedulers; a registered check; 503 naming the failure', async () => {
    const stop = trackJob('readyz-job', 60_000);
    await observeJobRun('readyz-job', async () => {});
    try {
      const ok = await fetch(`${t.baseUrl}/readyz`);
      expect(ok.status).toBe(200);
      const body = await ok.json();
      const known = Number(
        (await sql<{ n: string }>`select count(*) as n from schema_migrations`.execute(t.db.owner)).rows[0]?.n,
      );
      expect(body.status).toBe('ok');
      expect(body.checks.database).toMatchObject({ ok: true, required: true });
      expect(body.checks.migrations).toMatchObject({ ok: true, required: true, applied: known, known });
      expect(body.checks.schedulers.ok).toBe(true);
      expect(body.checks.schedulers.required).toBe(false);
      const job = body.checks.schedulers.jobs.find((j: { name: string }) => j.name === 'readyz-job');
      expect(job).toMatchObject({ lastOk: true, running: false, intervalSeconds: 60 });
      expect(Date.parse(job.lastRunAt)).not.toBeNaN();
    } finally {
      stop();
    }

    let queueOk = false;
    const unregister = registerReadinessCheck({
      name: 'job-queue',
      check: async () => (queueOk ? { ok: true, depth: 0 } : { ok: false, detail: 'queue unreachable' }),
    });
    const advisory = registerReadinessCheck({
      name: 'sealer',
      required: false,
      check: async () => ({ ok: false, detail: 'lag 20 minutes' }),
    });
    const hanging = registerReadinessCheck({ name: 'slow', timeoutMs: 100, check: () => new Promise(() => {}) });
    try {
      expect(() => registerReadinessCheck({ name: 'database', check: async () => ({ ok: true }) })).toThrow();
      const down = await fetch(`${t.baseUrl}/readyz`);
      expect(down.status).toBe(503);
      const body = await down.json();
      expect(body).toMatchObject({ status: 'unavailable', detail: 'job-queue, slow' });
      expect(body.checks['job-queue']).toMatchObject({ ok: false, detail: 'queue unreachable', required: true });
      expect(body.checks.sealer).toMatchObject({ ok: false, required: false });
      expect(body.checks.slow.detail).toContain('100 ms');
      hanging();
      queueOk = true;
      const up = await fetch(`${t.baseUrl}/readyz`);
      expect(up.status).toBe(200);
      expect((await up.json()).checks['job-queue']).toMatchObject({ ok: true, depth: 0 });
    } finally {
      unregister();
      advisory();
      hanging();
    }
    // /healthz stays cheap: no component checks.
    expect(await (await fetch(`${t.baseUrl}/healthz`)).json()).toEqual({ status: 'ok' });
  });
});

describe('/metrics on METRICS_PORT', () => {
  it('serves only /metrics there; with METRICS_TOKEN as well it asks for the token', async () => {
    const open = await startMetricsServer({ ...off, metricsPort: 18241 });
    try {
      expect((await fetch('http://127.0.0.1:18241/metrics')).status).toBe(200);
      const other = await fetch('http://127.0.0.1:18241/readyz');
      expect(other.status).toBe(404);
      expect(other.headers.get('content-type')).toContain('application/problem+json');
    } finally {
      await open?.close();
    }
    const guarded = await startMetricsServer({ ...off, metricsPort: 18242, metricsToken: TOKEN });
    try {
      const res = await fetch('http://127.0.0.1:18242/metrics');
      expect(res.status).toBe(401);
      expect((await res.json()).code).toBe('UNAUTHENTICATED');
      const ok = await fetch('http://127.0.0.1:18242/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('# TYPE schakel_http_requests_total counter');
    } finally {
      await guarded?.close();
    }
  });

  it('the main port has no /metrics when METRICS_PORT is set', async () => {
    const t = await startTestApp({ config: { observability: { ...off, metricsPort: 18243, metricsToken: TOKEN } } });
    try {
      const res = await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(404);
    } finally {
      await t.close();
    }
  });
});

describe('configuration', () => {
  it('reads METRICS_* and OTEL_*, refusing a short token and an unsupported protocol', () => {
    const c = loadConfig({
      METRICS_TOKEN: TOKEN,
      METRICS_PORT: '9464',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
    }).observability;
    expect(c).toEqual({
      metricsPort: 9464,
      metricsHost: '0.0.0.0',
      metricsToken: TOKEN,
      tracing: { endpoint: 'http://collector:4318', protocol: 'http/protobuf', serviceName: 'schakel' },
    });
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() =>
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }),
    ).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL/);
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: '' }).observability.tracing).toBeNull();
  });
});

describe('the job queue on /metrics and /readyz', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ jobs: true, config: { observability: { ...off, metricsToken: TOKEN } } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const metrics = async () =>
    (await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();

  it('depth and failed jobs per job name, and the queue in /readyz; a job that keeps failing is counted', async () => {
    const first = await metrics();
    for (const job of ['export', 'newsletter-send', 'notifications', 'retention']) {
      expect(first).toMatch(new RegExp(`schakel_job_queue_depth\\{job="${job}"\\} \\d+\\n`));
      expect(first).toMatch(new RegExp(`schakel_job_queue_failed\\{job="${job}"\\} \\d+\\n`));
    }
    const failedBefore = Number(/schakel_job_queue_failed\{job="export"\} (\d+)/.exec(first)?.[1]);
    const ready = await (await fetch(`${t.baseUrl}/readyz`)).json();
    expect(ready.checks.jobQueue).toMatchObject({ ok: true, failed: expect.any(Number) });

    // An export whose filters are broken: every attempt fails, then it is a failed job.
    const broken = await queueFailingExport(t, 'fg@delft.demo', 'metrics-test');
    let failed = failedBefore;
    for (let i = 0; i < 120 && failed === failedBefore; i++) {
      await new Promise((r) => setTimeout(r, 250));
      failed = Number(/schakel_job_queue_failed\{job="export"\} (\d+)/.exec(await metrics())?.[1]);
    }
    expect(failed).toBe(failedBefore + 1);
    expect((await (await fetch(`${t.baseUrl}/readyz`)).json()).checks.jobQueue.failed).toBeGreaterThanOrEqual(1);
    // No ids in the labels.
    expect(await metrics()).not.toContain(broken.id);
  }, 60_000);
});
