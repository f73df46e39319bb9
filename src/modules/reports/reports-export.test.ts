/**
 * The yearly report as PDF is an asynchronous export (issue 9 point 3): started with POST /exports
 * (reports:read; 422 at once for a year without an ended quarter), built by the job queue under the user
 * who started it, downloaded by that user only while the role still reads reports, and logged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRegion, expectProblem } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { AGGREGATE_MARKING } from '../../platform/pdf.js';
import { pdfText } from '../../platform/test-support.js';
import { todayInNl } from '../cases/core.js';
import { buildExport } from '../exports/service.js';
import { exportAnnualReportPdf, waitForExport } from '../exports/test-support.js';

let t: TestApp;
let policy: Client;
let executive: Client;
let partner: Client;
let fg: Client;

const roleOf = (userEmail: string, role: string) =>
  t.db.owner
    .updateTable('role_grants')
    .set({ role })
    .where('user_id', 'in', (eb) => eb.selectFrom('users').select('id').where('email', '=', userEmail))
    .where('status', '=', 'active')
    .execute();

const logOf = (recordIds: string[]) =>
  t.db.owner
    .selectFrom('access_log')
    .select(['action', 'record_type', 'record_id', 'actor_user_id', 'purpose_type', 'trace_id'])
    .where('record_id', 'in', recordIds)
    .orderBy('seq')
    .execute();

beforeAll(async () => {
  t = await startTestApp({ jobs: true });
  [policy, executive, partner, fg] = await Promise.all([
    t.signIn('beleid@delft.demo'),
    t.signIn('burgemeester@delft.demo'),
    t.signIn('politie@politie.demo'),
    t.signIn('fg@delft.demo'),
  ]);
});
afterAll(async () => {
  await t?.close();
});

describe('the yearly report as PDF export', () => {
  it('is started (202), built by the job, downloaded as PDF by its user, and logged', async () => {
    const started = await policy.post('/api/v1/exports', { kind: 'annual-report-pdf', year: 2019 });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body).toMatchObject({ kind: 'annual-report-pdf', status: 'queued' });
    const done = await waitForExport(policy, started.body.id);
    expect(done).toMatchObject({ kind: 'annual-report-pdf', status: 'done' });
    expect(done.bytes).toBeGreaterThan(2000);

    const file = await policy.download(`/api/v1/exports/${started.body.id}/content`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="jaarrapportage-2019.pdf"');
    expect(file.headers.get('cache-control')).toBe('no-store');
    expect(file.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(file.bytes.length).toBe(done.bytes);
    const text = pdfText(file.bytes);
    expect(text).toContain('Jaarrapportage aanpak radicalisering 2019');
    expect(text).toContain(AGGREGATE_MARKING);

    // Listed among the user's own exports.
    const list = await policy.get('/api/v1/exports');
    expect(list.body.items.map((e: { id: string }) => e.id)).toContain(started.body.id);

    // The start, the report's generation (as the synchronous PDF logged it, under the user and the
    // trace id of the starting request) and the download are in the access log.
    const row = await t.db.owner
      .selectFrom('exports')
      .select(['trace_id', 'user_id', 'parts'])
      .where('id', '=', started.body.id)
      .executeTakeFirstOrThrow();
    expect(row.parts).toBe(1);
    const part = await t.db.owner
      .selectFrom('export_parts')
      .select('content')
      .where('export_id', '=', started.body.id)
      .executeTakeFirstOrThrow();
    expect(part.content).toMatch(/^v1:/);
    const entries = await logOf([started.body.id, 'annual-2019.pdf']);
    const mine = entries.filter((e) => e.trace_id === row.trace_id || e.record_id === started.body.id);
    expect(
      mine.map((e) => `${e.action}:${e.record_type}:${e.record_id === started.body.id ? 'id' : e.record_id}`),
    ).toEqual(['export:report:id', 'export:report:annual-2019.pdf', 'export:export:id']);
    for (const e of mine) expect(e).toMatchObject({ actor_user_id: row.user_id, purpose_type: 'reporting' });
    expect(mine[1]?.trace_id).toBe(row.trace_id);
  });

  it('is 404 for another user of the region and for a user of another region', async () => {
    const { id } = await exportAnnualReportPdf(policy, 2019);
    // The executive may read reports too, but not another user's export.
    expect((await executive.get(`/api/v1/exports/${id}`)).status).toBe(404);
    expect((await executive.download(`/api/v1/exports/${id}/content`)).status).toBe(404);
    expect((await executive.get('/api/v1/exports')).body.items).toEqual([]);
    const other = await addRegion(t, 'rep-export');
    await roleOf(other.email, 'policy_officer');
    const stranger = await t.signIn(other.email);
    expect((await stranger.get(`/api/v1/exports/${id}`)).status).toBe(404);
    expect((await stranger.download(`/api/v1/exports/${id}/content`)).status).toBe(404);
  });

  it('needs reports:read to start it; the access-log export needs access-log:read', async () => {
    expectProblem(await partner.post('/api/v1/exports', { kind: 'annual-report-pdf', year: 2019 }), 403);
    expectProblem(await fg.post('/api/v1/exports', { kind: 'annual-report-pdf', year: 2019 }), 403);
    expectProblem(await policy.post('/api/v1/exports', { kind: 'access-log-csv', filters: {} }), 403);
    // A privacy officer sees none of the report exports (other users' and of a kind the role may not use).
    expect((await fg.get('/api/v1/exports')).status).toBe(200);
  });

  it('stops at once when the right to read reports is revoked', async () => {
    const director = await t.signIn('regisseur@delft.demo');
    const { id, status } = await exportAnnualReportPdf(director, 2019);
    expect(status).toBe(200);
    await roleOf('regisseur@delft.demo', 'case_coordinator');
    try {
      expect([403, 404]).toContain((await director.download(`/api/v1/exports/${id}/content`)).status);
      expect([403, 404]).toContain((await director.get(`/api/v1/exports/${id}`)).status);
    } finally {
      await roleOf('regisseur@delft.demo', 'process_director');
    }
    expect((await director.download(`/api/v1/exports/${id}/content`)).status).toBe(200);
  });

  it('lists and shows only the kinds the role may still use', async () => {
    const csv = await fg.post('/api/v1/exports', { kind: 'access-log-csv', filters: {} });
    expect(csv.status).toBe(202);
    await waitForExport(fg, csv.body.id);
    // The privacy officer becomes a policy officer: reports, no access log.
    await roleOf('fg@delft.demo', 'policy_officer');
    try {
      expect((await fg.get('/api/v1/exports')).body.items).toEqual([]);
      expect((await fg.get(`/api/v1/exports/${csv.body.id}`)).status).toBe(404);
      expectProblem(await fg.get(`/api/v1/exports/${csv.body.id}/content`), 403);
    } finally {
      await roleOf('fg@delft.demo', 'privacy_officer');
    }
    expect((await fg.get(`/api/v1/exports/${csv.body.id}`)).status).toBe(200);
  });

  it('is not built for a user who lost the right before the job ran (failed, not retried)', async () => {
    const director = await t.signIn('regisseur@delft.demo');
    const { id } = await exportAnnualReportPdf(director, 2019);
    const row = await t.db.owner
      .updateTable('exports')
      .set({ status: 'running', content: null, parts: null, file_name: null, media_type: null })
      .where('id', '=', id)
      .returning('region_id')
      .executeTakeFirstOrThrow();
    await roleOf('regisseur@delft.demo', 'case_coordinator');
    try {
      await buildExport(t.deps, row.region_id, id);
    } finally {
      await roleOf('regisseur@delft.demo', 'process_director');
    }
    expect((await director.get(`/api/v1/exports/${id}`)).body.status).toBe('failed');
  });

  it('refuses a year without an ended quarter at the start (422 naming /year), and bad years (400)', async () => {
    const thisYear = Number(todayInNl(new Date()).slice(0, 4));
    const before = await t.db.owner
      .selectFrom('exports')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .execute();
    const future = await policy.post('/api/v1/exports', { kind: 'annual-report-pdf', year: thisYear + 1 });
    expectProblem(future, 422);
    expect(future.body.errors[0].location.pointer).toBe('/year');
    const after = await t.db.owner
      .selectFrom('exports')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .execute();
    expect(after[0]?.n).toBe(before[0]?.n);
    const tooOld = await policy.post('/api/v1/exports', { kind: 'annual-report-pdf', year: 1999 });
    expectProblem(tooOld, 400);
    expect(JSON.stringify(tooOld.body)).toContain('/year');
    expectProblem(await policy.post('/api/v1/exports', { kind: 'annual-report-pdf' }), 400);
    expectProblem(await policy.post('/api/v1/exports', { kind: 'annual-report-pdf', year: 2019, filters: {} }), 400);
  });

  it('the synchronous PDF route is gone', async () => {
    expect((await policy.get('/api/v1/reports/annual.pdf?year=2019')).status).toBe(404);
  });
});
