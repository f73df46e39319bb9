/**
 * The background jobs of Schakel, on the job queue (src/platform/queue): which jobs there are and when
 * they run. Every instance works every queue; pg-boss gives each job to one instance and fires each cron
 * slot once for the whole cluster.
 *
 * - `notifications`: reminders and due-date notifications, and their e-mail — every hour;
 * - `retention`: the day's destruction (from RETENTION_HOUR on) — every RETENTION_INTERVAL_MINUTES;
 * - `export`: one asynchronous export, queued when a user starts it — of kind `access-log-csv` (the
 *   access-log search, in chunks) or `annual-report-pdf` (the yearly report as PDF);
 * - `newsletter-send`: the e-mail of one newsletter issue, queued when a user sends it;
 * - `export-cleanup`: expired exports lose their file — every hour;
 * - `maintenance`: VACUUM and ANALYZE of the embedded database (no autovacuum in PGlite) — nightly, and at start.
 */

import { exportCleanupJob, exportJob } from './modules/exports/service.js';
import { notificationJob } from './modules/monitoring/notifications.js';
import { newsletterSendJob } from './modules/newsletter/service.js';
import { retentionJob } from './modules/privacy/destruction.js';
import { maintenanceJob } from './platform/db/maintenance.js';
import type { Deps } from './platform/deps.js';
import type { JobLog } from './platform/jobs.js';
import { JobQueue } from './platform/queue/queue.js';

/** A cron expression for "every `minutes` minutes" (whole hours from 60 on; at most daily). */
export function everyMinutesCron(minutes: number): string {
  if (minutes < 60) return `*/${Math.max(1, Math.floor(minutes))} * * * *`;
  const hours = Math.min(24, Math.floor(minutes / 60));
  return hours >= 24 ? '0 0 * * *' : `0 */${hours} * * *`;
}

/** Starts the queue, registers every job and (unless `schedule: false`) their schedules; sets deps.jobs. */
export async function startJobs(
  deps: Deps,
  log: JobLog,
  options: { schedule?: boolean; pollingIntervalSeconds?: number } = {},
): Promise<JobQueue> {
  const queue = await JobQueue.start(deps.db, {
    log,
    schedule: options.schedule ?? true,
    ...(options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {}),
  });
  const notifications = notificationJob(deps);
  const retention = retentionJob(deps, { hour: deps.config.retention.hour });
  const exports = exportJob(deps);
  const cleanup = exportCleanupJob(deps);
  const maintenance = maintenanceJob(deps.db);
  await queue.register(notifications);
  await queue.register(retention);
  await queue.register(exports);
  await queue.register(cleanup);
  await queue.register(newsletterSendJob(deps));
  await queue.register(maintenance);
  if (options.schedule ?? true) {
    await queue.schedule(notifications, '0 * * * *', {});
    await queue.schedule(cleanup, '17 * * * *', {});
    await queue.schedule(maintenance, '30 3 * * *', {});
    if (deps.config.retention.intervalMinutes > 0) {
      await queue.schedule(retention, everyMinutesCron(deps.config.retention.intervalMinutes), {});
    } else {
      await queue.unschedule(retention);
    }
    // And once at start, as soon as a worker is free (a restart after the hour still runs the day;
    // the claim of the period and the notifications' dedupe keys make a second instance's run a no-op).
    await queue.send(notifications, {}, { singletonKey: 'start' });
    if (deps.config.retention.intervalMinutes > 0) await queue.send(retention, {}, { singletonKey: 'start' });
    if (deps.db.kind === 'embedded') await queue.send(maintenance, {}, { singletonKey: 'start' });
  }
  deps.jobs = queue;
  return queue;
}
