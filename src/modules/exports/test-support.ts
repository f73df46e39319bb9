/** Test support: exports (the access-log CSV, the yearly report PDF) through the real routes, waited for until built. */
import type { Client, TestApp } from '../../../test/harness.js';
import { exportJob } from './service.js';

export async function waitForExport(c: Client, id: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await c.get(`/api/v1/exports/${id}`);
    if (res.status !== 200) throw new Error(`export ${id}: ${res.status}`);
    if (res.body.status !== 'queued' && res.body.status !== 'running') return res.body;
    if (Date.now() > until) throw new Error(`export ${id} still ${res.body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts an access-log export with these filters, waits for it and downloads it; returns the CSV text. */
export async function exportAccessLog(c: Client, filters: Record<string, string> = {}): Promise<string> {
  const started = await c.post('/api/v1/exports', { kind: 'access-log-csv', filters });
  if (started.status !== 202) throw new Error(`export not started: ${started.status} ${JSON.stringify(started.body)}`);
  const done = await waitForExport(c, started.body.id);
  if (done.status !== 'done') throw new Error(`export ended ${done.status}`);
  const file = await c.get(`/api/v1/exports/${started.body.id}/content`);
  if (file.status !== 200) throw new Error(`download: ${file.status}`);
  return String(file.body);
}

/** Starts the yearly report's PDF export, waits for it and downloads it; returns the export id and the file. */
export async function exportAnnualReportPdf(c: Client, year: number) {
  const started = await c.post('/api/v1/exports', { kind: 'annual-report-pdf', year });
  if (started.status !== 202) throw new Error(`export not started: ${started.status} ${JSON.stringify(started.body)}`);
  const done = await waitForExport(c, started.body.id);
  if (done.status !== 'done') throw new Error(`export ended ${done.status}`);
  const file = await c.download(`/api/v1/exports/${started.body.id}/content`);
  return { id: started.body.id as string, ...file };
}

/**
 * Queues an access-log export of `email`'s whose filters are broken: every attempt of the job fails, so
 * it ends as a failed job (the dead-letter view, the queue's failed gauge). Returns the export's id and
 * region; mend it by setting its params back to `{}`.
 */
export async function queueFailingExport(t: TestApp, email: string, traceId: string) {
  const user = await t.db.owner
    .selectFrom('users')
    .innerJoin('role_grants as g', 'g.user_id', 'users.id')
    .select(['users.id', 'g.region_id'])
    .where('users.email', '=', email)
    .where('g.status', '=', 'active')
    .executeTakeFirstOrThrow();
  const broken = await t.db.owner
    .insertInto('exports')
    .values({
      region_id: user.region_id,
      user_id: user.id,
      kind: 'access-log-csv',
      params: JSON.stringify({ from: 'not a date' }),
      trace_id: traceId,
      expires_at: new Date(Date.now() + 3600_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.deps.jobs?.send(exportJob(t.deps), { exportId: broken.id, regionId: user.region_id });
  return { id: broken.id, regionId: user.region_id };
}
