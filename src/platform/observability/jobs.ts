/**
 * What every run of a periodic job (src/platform/jobs.ts) leaves behind: a span of its own (a new
 * trace), the run counters and duration histogram, the last run and outcome for /readyz, and — even
 * without tracing — a trace id on the log lines written during the run (see {@link jobLogMixin}).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { jobDuration, jobLastSuccess, jobRuns } from './metrics.js';
import { activeTraceId, inSpan } from './tracing.js';

export interface JobStatus {
  name: string;
  intervalMs: number;
  running: boolean;
  lastRunAt: Date | null;
  lastOk: boolean | null;
  lastDurationMs: number | null;
}

const jobs = new Map<string, JobStatus>();
const jobTrace = new AsyncLocalStorage<string>();

/** A scheduler has started this job; returns the function that forgets it (the scheduler stopped). */
export function trackJob(name: string, intervalMs: number): () => void {
  const status: JobStatus = { name, intervalMs, running: false, lastRunAt: null, lastOk: null, lastDurationMs: null };
  jobs.set(name, status);
  return () => {
    if (jobs.get(name) === status) jobs.delete(name);
  };
}

/** The jobs scheduled in this process, with their last run. */
export function jobStatuses(): JobStatus[] {
  return [...jobs.values()].map((s) => ({ ...s }));
}

/** Runs one job run `fn` observed: span, metrics, status. Rethrows its error. */
export async function observeJobRun(name: string, fn: () => Promise<void>): Promise<void> {
  const status = jobs.get(name);
  const started = performance.now();
  if (status) {
    status.running = true;
    status.lastRunAt = new Date();
  }
  let ok = false;
  try {
    await inSpan(`job ${name}`, { 'schakel.job.name': name }, () =>
      jobTrace.run(activeTraceId() ?? randomBytes(16).toString('hex'), fn),
    );
    ok = true;
  } finally {
    const seconds = (performance.now() - started) / 1000;
    jobRuns.inc({ job: name, outcome: ok ? 'ok' : 'failed' });
    jobDuration.observe({ job: name }, seconds);
    if (ok) jobLastSuccess.set({ job: name }, Date.now() / 1000);
    if (status) {
      status.running = false;
      status.lastOk = ok;
      status.lastDurationMs = Math.round(seconds * 1000);
    }
  }
}

/**
 * pino `mixin`: a log line written during a job run carries that run's trace id. (Lines of a request
 * carry the request's trace id through Fastify's request logger, under the same key.)
 */
export function jobLogMixin(): { traceId?: string } {
  const traceId = jobTrace.getStore();
  return traceId ? { traceId } : {};
}
