/** Background jobs of one app instance: a run now and then every interval, never two at once. */

import { observeJobRun, trackJob } from './observability/jobs.js';

export interface JobLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Runs `run` now and then every `intervalMs` — skipping a tick while a run is still going, after
 * `stop`, or while `due()` says no. A failed run is logged (name and message only, never data) and the
 * next tick tries again. Returns a stop function that cancels the timer and waits for a run in
 * progress, so the caller can close the database afterwards.
 */
export function startPeriodicJob(job: {
  name: string;
  intervalMs: number;
  log: JobLog;
  run: () => Promise<void>;
  due?: () => boolean;
}): () => Promise<void> {
  let running: Promise<void> | null = null;
  let stopped = false;
  // Each run: a span, the job metrics, and its last run and outcome for /readyz.
  const untrack = trackJob(job.name, job.intervalMs);
  const tick = () => {
    if (running || stopped) return;
    if (job.due && !job.due()) return;
    running = (async () => {
      try {
        await observeJobRun(job.name, job.run);
      } catch (e) {
        const err = e as Error;
        job.log.error({ err: { type: err.name, message: err.message } }, `${job.name} job failed`);
      } finally {
        running = null;
      }
    })();
  };
  tick();
  const timer = setInterval(tick, job.intervalMs);
  timer.unref();
  return async function stop(): Promise<void> {
    stopped = true;
    clearInterval(timer);
    await running;
    untrack();
  };
}
