/**
 * Prometheus metrics (prom-client) in one registry of their own. Labels are route templates, status
 * classes, job names, pool names and reason codes — never a URL, an id, an e-mail address or any other
 * personal data. The list is in docs/operations.md ("Monitoring").
 *
 * Other parts of Schakel add their own (the job queue's depth, the sealer's lag) with
 * {@link registerMetric} or {@link registerGauge}; both refuse a name that is already taken.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, type Metric, Registry } from 'prom-client';

export const metricsRegistry = new Registry();

let defaultsCollected = false;
/** Process metrics (CPU, memory, event-loop lag, handles) — once per process, when metrics are served. */
export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ register: metricsRegistry, prefix: 'schakel_' });
}

export const httpRequests = new Counter({
  name: 'schakel_http_requests_total',
  help: 'HTTP requests answered, by method, route template and status class (2xx, 4xx, …).',
  labelNames: ['method', 'route', 'status_class'] as const,
  registers: [metricsRegistry],
});

export const httpDuration = new Histogram({
  name: 'schakel_http_request_duration_seconds',
  help: 'Time from receiving a request to the end of its response, by method, route template and status class.',
  labelNames: ['method', 'route', 'status_class'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

export const jobRuns = new Counter({
  name: 'schakel_job_runs_total',
  help: 'Runs of the periodic jobs, by job name and outcome (ok, failed).',
  labelNames: ['job', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const jobDuration = new Histogram({
  name: 'schakel_job_duration_seconds',
  help: 'Duration of the periodic job runs, by job name.',
  labelNames: ['job'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900],
  registers: [metricsRegistry],
});

export const jobLastSuccess = new Gauge({
  name: 'schakel_job_last_success_timestamp_seconds',
  help: 'When a periodic job last finished without error (Unix time), by job name.',
  labelNames: ['job'] as const,
  registers: [metricsRegistry],
});

export const signInFailures = new Counter({
  name: 'schakel_sign_in_failures_total',
  help: 'Refused sign-ins, by reason code (e.g. INVALID_CREDENTIALS, TOO_MANY_ATTEMPTS).',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});

/** A connection pool as node-postgres counts it. */
export interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

const pools = new Map<string, PoolCounts>();

function poolGauge(name: string, help: string, read: (p: PoolCounts) => number) {
  return new Gauge({
    name,
    help,
    labelNames: ['pool'] as const,
    registers: [metricsRegistry],
    collect() {
      this.reset();
      for (const [pool, counts] of pools) this.set({ pool }, read(counts));
    },
  });
}

poolGauge('schakel_db_pool_connections', 'Open connections of a database pool (app, owner).', (p) => p.totalCount);
poolGauge('schakel_db_pool_idle_connections', 'Idle connections of a database pool.', (p) => p.idleCount);
poolGauge(
  'schakel_db_pool_waiting_requests',
  'Queries waiting for a connection of a database pool; on the embedded database (one connection) the queue depth.',
  (p) => p.waitingCount,
);

/** Makes a pool's counts visible in the pool gauges until the returned function is called. */
export function watchPool(name: string, pool: PoolCounts): () => void {
  pools.set(name, pool);
  return () => {
    if (pools.get(name) === pool) pools.delete(name);
  };
}

/**
 * Adds a metric made elsewhere (e.g. `new Counter({ …, registers: [] })`) to the /metrics registry.
 * Throws when its name is taken. Returns the function that removes it again.
 */
export function registerMetric(metric: Metric): () => void {
  metricsRegistry.registerMetric(metric);
  const name = (metric as unknown as { name: string }).name;
  return () => metricsRegistry.removeSingleMetric(name);
}

/**
 * A gauge read when Prometheus scrapes, e.g. the job queue's depth per queue:
 * `registerGauge({ name: 'schakel_job_queue_depth', help: '…', labelNames: ['queue'], read: async () =>
 * [{ labels: { queue: 'exports' }, value: 3 }] })`. Label values must never be personal data.
 */
export function registerGauge<L extends string>(spec: {
  name: string;
  help: string;
  labelNames?: readonly L[];
  read: () =>
    | Promise<Array<{ labels?: Partial<Record<L, string>>; value: number }>>
    | Array<{
        labels?: Partial<Record<L, string>>;
        value: number;
      }>;
}): () => void {
  const gauge = new Gauge<L>({
    name: spec.name,
    help: spec.help,
    labelNames: spec.labelNames ?? [],
    registers: [],
    async collect() {
      this.reset();
      for (const sample of await spec.read()) {
        if (sample.labels) this.set(sample.labels, sample.value);
        else this.set(sample.value);
      }
    },
  });
  return registerMetric(gauge);
}
