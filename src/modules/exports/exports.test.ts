/**
 * Asynchronous exports on the job queue (issue 9 point 3): started, built in chunks off the request
 * path, downloaded by the user who started it only, logged, expiring; a failed job shows in the admin's
 * dead-letter view of its region.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRegion } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { InvalidJobPayload } from '../../platform/queue/queue.js';
import { seedCase } from '../cases/testing.js';
import { buildExport, expireExports, exportJob } from './service.js';
import { waitForExport } from './test-support.js';

let t: TestApp;
let fg: Client;
let director: Client;

const roleOf = (userEmail: string, role: string) =>
  t.db.owner
    .updateTable('role_grants')
    .set({ role })
    .where('user_id', 'in', (eb) => eb.selectFrom('users').select('id').where('email', '=', userEmail))
    .where('status', '=', 'active')
    .execute();

const regionOf = async (exportId: string) =>
  (await t.db.owner.selectFrom('exports').select('region_id').where('id', '=', exportId).executeTakeFirstOrThrow())
    .region_id;

beforeAll(async () => {
  t = await startTestApp({ jobs: true });
  [fg, director] = await Promise.all([t.signIn('fg@delft.demo'), t.signIn('regisseur@delft.demo')]);
});
afterAll(async () => {
  await t?.close();
});

describe('an access-log export', () => {
  it('is started (202), built in chunks with progress, downloaded by its user and logged', async () => {
    const c = await seedCase(t.deps);
    expect((await director.get(`/api/v1/cases/${c.caseId}`)).status).toBe(200);
    const started = await fg.post('/api/v1/exports', { kind: 'access-log-csv', filters: { caseId: c.caseId } });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ kind: 'access-log-csv', status: 'queued', rowsDone: 0 });
    const done = await waitForExport(fg, started.body.id);
    expect(done).toMatchObject({ status: 'done' });
    expect(done.rowsDone).toBe(done.rowsTotal);
    expect(done.rowsTotal).toBeGreaterThan(0);
    expect(done.bytes).toBeGreaterThan(100);

    const file = await fg.get(`/api/v1/exports/${started.body.id}/content`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(file.headers.get('cache-control')).toBe('no-store');
    const text = String(file.body);
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe(
      'seq,occurredAt,actorUserId,actorName,actorOrganisationId,actorRole,action,recordType,recordId,subjectType,subjectId,purposeType,purposeId,result,traceId',
    );
    expect(lines.length - 1).toBe(done.rowsTotal);
    expect(text).toContain(c.personId);
    // The file is sealed at rest, in parts.
    const stored = await t.db.owner
      .selectFrom('exports')
      .select(['content', 'parts'])
      .where('id', '=', started.body.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ content: null, parts: 1 });
    const parts = await t.db.owner
      .selectFrom('export_parts')
      .select('content')
      .where('export_id', '=', started.body.id)
      .execute();
    expect(parts).toHaveLength(1);
    expect(parts[0]?.content).toMatch(/^v1:/);
    expect(parts[0]?.content).not.toContain(c.personId);

    const logged = await fg.get('/api/v1/access-log?action=export');
    const kinds = logged.body.items.map(
      (e: { recordType: string; recordId: string }) => `${e.recordType}:${e.recordId}`,
    );
    expect(kinds).toContain(`access_log:${started.body.id}`);
    expect(kinds).toContain(`export:${started.body.id}`);

    const list = await fg.get('/api/v1/exports');
    expect(list.body.items.map((e: { id: string }) => e.id)).toContain(started.body.id);
  });

  it('keeps the whole log in order across chunks (no entry twice, none missing)', async () => {
    // Built by the job with chunks of 3 rows, to cross many chunk boundaries on a small log.
    const started = await fg.post('/api/v1/exports', { kind: 'access-log-csv', filters: {} });
    await waitForExport(fg, started.body.id);
    await t.db.owner
      .updateTable('exports')
      .set({ status: 'failed', content: null, parts: null })
      .where('id', '=', started.body.id)
      .execute();
    // And stored in parts of 512 bytes: many parts, read back in order.
    await buildExport(t.deps, await regionOf(started.body.id), started.body.id, 3, 512);
    const parts = await t.db.owner
      .selectFrom('export_parts')
      .select('part')
      .where('export_id', '=', started.body.id)
      .orderBy('part')
      .execute();
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => p.part)).toEqual(parts.map((_, i) => i));
    const file = await fg.get(`/api/v1/exports/${started.body.id}/content`);
    const text = String(file.body);
    expect(text.split('\n')[0]).toMatch(/^seq,/);
    expect(text.match(/^seq,/gm)).toHaveLength(1);
    const seqs = text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[0]));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    // Everything up to the export's start is in it (newer entries — the export itself — may not be).
    const max = seqs[0] as number;
    expect(seqs.length).toBe(max - (seqs.at(-1) as number) + 1);
  });

  it('is 404 for another user of the region and for a user of another region', async () => {
    const started = await fg.post('/api/v1/exports', { kind: 'access-log-csv', filters: {} });
    await waitForExport(fg, started.body.id);
    // A second privacy officer in the same region.
    await roleOf('beheer2@delft.demo', 'privacy_officer');
    const colleague = await t.signIn('beheer2@delft.demo');
    expect((await colleague.get(`/api/v1/exports/${started.body.id}`)).status).toBe(404);
    expect((await colleague.get(`/api/v1/exports/${started.body.id}/content`)).status).toBe(404);
    expect((await colleague.get('/api/v1/exports')).body.items).toEqual([]);
    // A privacy officer of another region.
    const other = await addRegion(t, 'exp-other');
    await roleOf(other.email, 'privacy_officer');
    const stranger = await t.signIn(other.email);
    expect((await stranger.get(`/api/v1/exports/${started.body.id}`)).status).toBe(404);
    expect((await stranger.get(`/api/v1/exports/${started.body.id}/content`)).status).toBe(404);
    // Roles without the access log may not start one.
    expect((await director.post('/api/v1/exports', { kind: 'access-log-csv', filters: {} })).status).toBe(403);
    await roleOf('beheer2@delft.demo', 'admin');
  });

  it('stops at once for a user whose role is revoked, and after expiry', async () => {
    const started = await fg.post('/api/v1/exports', { kind: 'access-log-csv', filters: {} });
    await waitForExport(fg, started.body.id);
    expect((await fg.get(`/api/v1/exports/${started.body.id}/content`)).status).toBe(200);
    await roleOf('fg@delft.demo', 'admin');
    try {
      expect((await fg.get(`/api/v1/exports/${started.body.id}/content`)).status).toBe(403);
    } finally {
      await roleOf('fg@delft.demo', 'privacy_officer');
    }
    expect((await fg.get(`/api/v1/exports/${started.body.id}/content`)).status).toBe(200);
    // Its 24 hours are over.
    await t.db.owner
      .updateTable('exports')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', started.body.id)
      .execute();
    expect((await fg.get(`/api/v1/exports/${started.body.id}`)).body.status).toBe('expired');
    expect((await fg.get(`/api/v1/exports/${started.body.id}/content`)).status).toBe(404);
    expect(await expireExports(t.deps)).toBeGreaterThan(0);
    const row = await t.db.owner
      .selectFrom('exports')
      .select(['status', 'content', 'parts'])
      .where('id', '=', started.body.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'expired', content: null, parts: null });
    const left = await t.db.owner
      .selectFrom('export_parts')
      .select('part')
      .where('export_id', '=', started.body.id)
      .execute();
    expect(left).toEqual([]);
  });

  it('refuses bad input naming the field', async () => {
    const res = await fg.post('/api/v1/exports', { kind: 'access-log-csv', filters: { from: '0000-01-01' } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('/filters/from');
    expect((await fg.post('/api/v1/exports', { kind: 'report-pdf' })).status).toBe(400);
  });
});

describe('the job queue', () => {
  it('refuses a payload that does not fit the job, before anything is queued', async () => {
    const queue = t.deps.jobs;
    if (!queue) throw new Error('no queue');
    await expect(queue.send(exportJob(t.deps), { exportId: 'nope', regionId: 'x' } as never)).rejects.toThrow(
      InvalidJobPayload,
    );
    await expect(queue.send(exportJob(t.deps), { exportId: 'nope', regionId: 'x' } as never)).rejects.toThrow(
      /\/exportId/,
    );
  });

  it('a job that keeps failing ends in the admin dead-letter view of its region only', async () => {
    const admin = await t.signIn('beheer@delft.demo');
    const before = (await admin.get('/api/v1/jobs/failed')).body.items.length;
    // An export whose row is broken: the job fails on every attempt.
    const started = await fg.post('/api/v1/exports', { kind: 'access-log-csv', filters: {} });
    await t.db.owner
      .updateTable('exports')
      .set({ params: JSON.stringify({ from: 'not a date' }) })
      .where('id', '=', started.body.id)
      .execute();
    // The first run may already have built it; queue a second one on the broken row.
    await t.db.owner
      .updateTable('exports')
      .set({ status: 'failed', content: null, parts: null })
      .where('id', '=', started.body.id)
      .execute();
    const regionId = (
      await t.db.owner
        .selectFrom('exports')
        .select('region_id')
        .where('id', '=', started.body.id)
        .executeTakeFirstOrThrow()
    ).region_id;
    await t.deps.jobs?.send(exportJob(t.deps), { exportId: started.body.id, regionId });
    let items: Array<{ job: string; installationWide: boolean; attempts: number; error: string }> = [];
    for (let i = 0; i < 160 && items.length <= before; i++) {
      await new Promise((r) => setTimeout(r, 250));
      items = (await admin.get('/api/v1/jobs/failed')).body.items;
    }
    expect(items.length).toBe(before + 1);
    expect(items[0]).toMatchObject({ job: 'export', installationWide: false, attempts: 3 });
    expect(items[0]?.error).not.toContain(started.body.id);
    expect((await fg.get(`/api/v1/exports/${started.body.id}`)).body.status).toBe('failed');
    // Not for the admin of another region; not for a role that is not admin.
    const other = await addRegion(t, 'exp-dead');
    const stranger = await t.signIn(other.email);
    expect((await stranger.get('/api/v1/jobs/failed')).body.items).toEqual([]);
    expect((await director.get('/api/v1/jobs/failed')).status).toBe(403);

    // Retried: never by another region's admin nor by a role that is not admin (404 / 403), nor for an
    // id that is no failed job; by the region's admin once the cause is mended, and then it runs.
    const failedId = (items[0] as unknown as { id: string }).id;
    expect((await stranger.post(`/api/v1/jobs/failed/${failedId}/retry`)).status).toBe(404);
    expect((await director.post(`/api/v1/jobs/failed/${failedId}/retry`)).status).toBe(403);
    expect((await admin.post(`/api/v1/jobs/failed/${started.body.id}/retry`)).status).toBe(404);
    await t.db.owner
      .updateTable('exports')
      .set({ params: JSON.stringify({}), status: 'running' })
      .where('id', '=', started.body.id)
      .execute();
    expect((await admin.post(`/api/v1/jobs/failed/${failedId}/retry`)).status).toBe(204);
    expect(await waitForExport(fg, started.body.id)).toMatchObject({ status: 'done' });
    expect((await admin.get('/api/v1/jobs/failed')).body.items.map((f: { id: string }) => f.id)).not.toContain(
      failedId,
    );
    // A job that ran once more is no failed job any more: a second retry is a 404.
    expect((await admin.post(`/api/v1/jobs/failed/${failedId}/retry`)).status).toBe(404);
  }, 90_000);
});
