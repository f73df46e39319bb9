/**
 * The job queue (issue 9 point 3): long and periodic work off the request path, on pg-boss 10.
 *
 * One implementation for both databases: pg-boss keeps its queue in the schema `pgboss` of the
 * application's own database and reaches it through the owner connection (src/platform/db/database.ts),
 * so on a PostgreSQL server the queue is shared by every app instance (a job runs on exactly one of them,
 * a cron schedule fires once for the cluster), and on the embedded PGlite the very same job definitions
 * run in the one process, durably (a queued export survives a restart).
 *
 * A job carries ids only, never personal data: its payload is checked against the job's zod schema when it
 * is sent (a bad payload is refused at once) and again when it runs (an invalid one fails with the path of
 * the field, is retried as any failure and then kept as failed). Failed jobs — retries used up — stay in
 * the queue for {@link FAILED_KEPT_DAYS} days: the admin's dead-letter view lists those of their region.
 */
import { CompiledQuery, sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Db } from '../db/database.js';
import type { JobLog } from '../jobs.js';
import { observeJobRun, trackJob } from '../observability/jobs.js';
import { registerGauge } from '../observability/metrics.js';
import { registerReadinessCheck } from '../observability/readiness.js';

export const QUEUE_SCHEMA = 'pgboss';
export const FAILED_KEPT_DAYS = 30;

export interface JobContext {
  jobId: string;
  log: JobLog;
}

/** A kind of job: its name (also the queue's), the shape of its payload, its retries and its work. */
export interface JobDefinition<P extends object = object> {
  name: string;
  payload: z.ZodType<P>;
  /** Attempts after the first (default 3), with exponential backoff from `retryDelaySeconds` (default 5). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A run that takes longer is failed (and retried): default 15 minutes. */
  expireInSeconds?: number;
  /** The region a payload belongs to, for the dead-letter view (null: the whole installation). */
  regionOf: (payload: P) => string | null;
  run(payload: P, context: JobContext): Promise<void>;
}

export function defineJob<P extends object>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

export class InvalidJobPayload extends Error {
  constructor(
    readonly job: string,
    readonly path: string,
    detail: string,
  ) {
    super(`Invalid payload for job ${job} at ${path}: ${detail}`);
    this.name = 'InvalidJobPayload';
  }
}

function checkPayload<P extends object>(definition: JobDefinition<P>, data: unknown): P {
  const parsed = definition.payload.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new InvalidJobPayload(
    definition.name,
    `/${(issue?.path ?? []).map(String).join('/')}`,
    issue?.message ?? 'invalid',
  );
}

export interface FailedJob {
  id: string;
  name: string;
  regionId: string | null;
  attempts: number;
  failedAt: Date;
  /** The error's class and message (jobs never put personal data in their errors). */
  error: string;
}

export interface QueueStats {
  /** Jobs waiting or being retried, per job name. */
  queued: Record<string, number>;
  active: Record<string, number>;
  failed: Record<string, number>;
}

export interface QueueOptions {
  log: JobLog;
  /** Workers poll every this many seconds (pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  /** Run the cron schedules on this instance (every instance may; pg-boss fires each once). */
  schedule?: boolean;
}

/**
 * pg-boss over the database's owner connection: the same adapter for the server's pool and for the
 * embedded PGlite (whose single connection the application shares).
 */
function ownerAdapter(db: Db): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      // pg-boss installs and migrates with one text of "BEGIN; …; COMMIT;". When a statement in it fails,
      // the connection is left inside the failed transaction: roll it back on that same connection before
      // it goes back to the pool, or the next query there fails ("current transaction is aborted").
      return db.owner.connection().execute(async (connection) => {
        try {
          const result = await connection.executeQuery(CompiledQuery.raw(text, values));
          return { rows: result.rows as unknown[] as never[] };
        } catch (error) {
          if (/^\s*BEGIN\s*;/i.test(text)) await connection.executeQuery(CompiledQuery.raw('ROLLBACK')).catch(() => {});
          throw error;
        }
      });
    },
  };
}

/**
 * Two instances that start at the same moment on a new database both install the queue's schema and
 * create its queues. pg-boss serialises the install with an advisory lock, yet after waiting for it the
 * second one's catalog view can still miss the first one's schema (its `CREATE SCHEMA IF NOT EXISTS`
 * fails on the unique index of pg_namespace), and two `create_queue` calls for one queue can deadlock
 * (both seen in test/two-instances.test.ts, in the PostgreSQL log). The loser's transaction is rolled
 * back, and the same step done again finds what the winner made.
 */
function isSetupRace(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (
    code === '40P01' ||
    code === '23505' ||
    /deadlock detected|already exists|duplicate key value violates unique constraint/.test(error.message)
  );
}

async function againOnSetupRace<T>(what: string, log: JobLog, step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= 5 || !isSetupRace(error)) throw error;
      log.info({ attempt, step: what }, 'job queue set up by another instance at the same time; trying again');
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.floor(Math.random() * 150) * attempt));
    }
  }
}

async function startBoss(db: Db, options: QueueOptions): Promise<PgBoss> {
  // A new pg-boss for every attempt: one whose start failed cannot start again.
  return againOnSetupRace('install', options.log, async () => {
    const boss = new PgBoss({
      db: ownerAdapter(db),
      schema: QUEUE_SCHEMA,
      schedule: options.schedule ?? true,
      supervise: true,
      archiveFailedAfterSeconds: FAILED_KEPT_DAYS * 24 * 3600,
    });
    boss.on('error', (error: Error) => {
      // pg-boss's own errors (a lost connection while polling): name and message only.
      options.log.error({ err: { type: error.name, message: error.message } }, 'job queue error');
    });
    await boss.start();
    return boss;
  });
}

let observedQueue: JobQueue | null = null;

export class JobQueue {
  private readonly definitions = new Map<string, JobDefinition<never>>();
  private stopping = false;
  /** What to undo at stop: the readiness check, the gauges, the job statuses. */
  private readonly unregister: Array<() => void> = [];

  private constructor(
    private readonly boss: PgBoss,
    private readonly db: Db,
    private readonly log: JobLog,
    private readonly pollingIntervalSeconds: number,
  ) {}

  /** Installs or upgrades the queue's schema (under pg-boss's own advisory lock) and starts it. */
  static async start(db: Db, options: QueueOptions): Promise<JobQueue> {
    const boss = await startBoss(db, options);
    const queue = new JobQueue(boss, db, options.log, options.pollingIntervalSeconds ?? 2);
    // One queue per process is observed; a second one in the same process (tests of two instances) is not.
    if (!observedQueue) {
      queue.observe();
      observedQueue = queue;
    }
    return queue;
  }

  /** /readyz reports the queue (reachable, not stopping); /metrics its depth and failed jobs per job. */
  private observe(): void {
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    this.unregister.push(
      registerReadinessCheck({
        name: 'jobQueue',
        check: async () => {
          const stats = await this.stats();
          return this.stopping
            ? { ok: false, detail: 'stopping' }
            : { ok: true, queued: sum(stats.queued), active: sum(stats.active), failed: sum(stats.failed) };
        },
      }),
      registerGauge({
        name: 'schakel_job_queue_depth',
        help: 'Jobs waiting (or waiting for a retry) per job',
        labelNames: ['job'] as const,
        read: async () =>
          Object.entries((await this.scrapeStats()).queued).map(([job, value]) => ({ labels: { job }, value })),
      }),
      registerGauge({
        name: 'schakel_job_queue_failed',
        help: 'Jobs that failed after their retries, kept for the dead-letter view, per job',
        labelNames: ['job'] as const,
        read: async () =>
          Object.entries((await this.scrapeStats()).failed).map(([job, value]) => ({ labels: { job }, value })),
      }),
    );
  }

  /** Creates the job's queue (idempotent) and starts working it on this instance. */
  async register<P extends object>(definition: JobDefinition<P>): Promise<void> {
    const retryLimit = definition.retryLimit ?? 3;
    const options = {
      name: definition.name,
      retryLimit,
      retryDelay: definition.retryDelaySeconds ?? 5,
      retryBackoff: true,
      expireInSeconds: definition.expireInSeconds ?? 15 * 60,
      retentionDays: FAILED_KEPT_DAYS,
    };
    await againOnSetupRace(`queue ${definition.name}`, this.log, async () => {
      if (await this.boss.getQueue(definition.name)) await this.boss.updateQueue(definition.name, options);
      else await this.boss.createQueue(definition.name, options);
    });
    this.definitions.set(definition.name, definition as unknown as JobDefinition<never>);
    this.unregister.push(trackJob(definition.name, 0));
    await this.boss.work<object>(
      definition.name,
      { batchSize: 1, pollingIntervalSeconds: this.pollingIntervalSeconds },
      async ([job]) => {
        if (!job) return;
        const started = Date.now();
        try {
          const payload = checkPayload(definition, job.data);
          // A span, the job metrics, and the last run for /readyz.
          await observeJobRun(definition.name, () => definition.run(payload, { jobId: job.id, log: this.log }));
          this.log.info({ job: definition.name, jobId: job.id, ms: Date.now() - started }, 'job done');
        } catch (e) {
          const err = e as Error;
          this.log.error(
            { job: definition.name, jobId: job.id, err: { type: err.name, message: err.message } },
            'job failed',
          );
          // pg-boss stores what the handler throws as the job's output: only the class and message.
          throw new Error(`${err.name}: ${err.message}`);
        }
      },
    );
  }

  /** Queues a job; a payload that does not fit the job's schema is refused here, before anything is stored. */
  async send<P extends object>(definition: JobDefinition<P>, payload: P, options: { singletonKey?: string } = {}) {
    if (this.stopping) throw new Error('The job queue is stopping');
    const data = checkPayload(definition, payload);
    const id = await this.boss.send(
      definition.name,
      data,
      options.singletonKey ? { singletonKey: options.singletonKey } : {},
    );
    return id;
  }

  /** Runs the job on a cron schedule (Europe/Amsterdam); pg-boss fires it once per slot for the cluster. */
  async schedule<P extends object>(definition: JobDefinition<P>, cron: string, payload: P): Promise<void> {
    const data = checkPayload(definition, payload);
    await againOnSetupRace(`schedule ${definition.name}`, this.log, () =>
      this.boss.schedule(definition.name, cron, data, { tz: 'Europe/Amsterdam' }),
    );
  }

  async unschedule(definition: { name: string }): Promise<void> {
    await this.boss.unschedule(definition.name);
  }

  /** Jobs per state for the registered queues (for /readyz and /metrics). */
  private lastStats: { at: number; stats: Promise<QueueStats> } | null = null;

  /** The stats for one metrics scrape: its two gauges share one query (reused for a second). */
  private scrapeStats(): Promise<QueueStats> {
    const now = Date.now();
    if (!this.lastStats || now - this.lastStats.at > 1000) {
      const stats = this.stats();
      stats.catch(() => {
        this.lastStats = null;
      });
      this.lastStats = { at: now, stats };
    }
    return this.lastStats.stats;
  }

  async stats(): Promise<QueueStats> {
    const names = [...this.definitions.keys()];
    const stats: QueueStats = { queued: {}, active: {}, failed: {} };
    for (const name of names) {
      stats.queued[name] = 0;
      stats.active[name] = 0;
      stats.failed[name] = 0;
    }
    if (names.length === 0) return stats;
    const rows = await sql<{ name: string; state: string; n: string }>`
      select name, state, count(*)::text as n from ${sql.table(`${QUEUE_SCHEMA}.job`)}
      where name in (${sql.join(names)}) group by name, state`.execute(this.db.owner);
    for (const r of rows.rows) {
      const n = Number(r.n);
      if (r.state === 'created' || r.state === 'retry') stats.queued[r.name] = (stats.queued[r.name] ?? 0) + n;
      else if (r.state === 'active') stats.active[r.name] = n;
      else if (r.state === 'failed') stats.failed[r.name] = n;
    }
    return stats;
  }

  /**
   * Failed jobs (retries used up) of one region, and of the installation as a whole (regionId null),
   * newest first. Filtered in SQL on the payload's region; only registered jobs are listed.
   */
  async failed(regionId: string, limit = 50): Promise<FailedJob[]> {
    const names = [...this.definitions.keys()];
    if (names.length === 0) return [];
    const rows = await sql<{
      id: string;
      name: string;
      data: Record<string, unknown>;
      retry_count: number;
      completed_on: Date | null;
      output: { message?: string } | null;
    }>`
      select id, name, data, retry_count, completed_on, output from (
        select id, name, data, retry_count, completed_on, output, state from ${sql.table(`${QUEUE_SCHEMA}.job`)}
        union all
        select id, name, data, retry_count, completed_on, output, state from ${sql.table(`${QUEUE_SCHEMA}.archive`)}
      ) j
      where state = 'failed' and name in (${sql.join(names)})
        and (data->>'regionId' = ${regionId} or data->>'regionId' is null)
      order by completed_on desc nulls last, id
      limit ${limit}`.execute(this.db.owner);
    return rows.rows.map((r) => ({
      id: r.id,
      name: r.name,
      regionId: typeof r.data?.regionId === 'string' ? r.data.regionId : null,
      attempts: r.retry_count + 1,
      failedAt: r.completed_on ?? new Date(0),
      error: typeof r.output?.message === 'string' ? r.output.message.slice(0, 500) : '',
    }));
  }

  /**
   * Runs a failed job of the region again; false when `id` is not a failed job of this region. Jobs for
   * the whole installation (regionOf → null) are listed to every region's admin but retried by nobody
   * through here: they run again at their next scheduled time, and one region's admin must not start
   * work in the others.
   */
  async retry(regionId: string, id: string): Promise<boolean> {
    const names = [...this.definitions.keys()];
    if (names.length === 0) return false;
    const found = await sql<{ name: string }>`
      select name from ${sql.table(`${QUEUE_SCHEMA}.job`)}
      where id = ${id}::uuid and state = 'failed' and name in (${sql.join(names)})
        and data->>'regionId' = ${regionId}`.execute(this.db.owner);
    const name = found.rows[0]?.name;
    if (!name) return false;
    await this.boss.retry(name, id);
    return true;
  }

  /** Stops fetching new jobs, waits for running ones (up to `timeoutSeconds`), then stops pg-boss. */
  async stop(timeoutSeconds = 20): Promise<void> {
    this.stopping = true;
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutSeconds * 1000 });
    for (const undo of this.unregister.splice(0)) undo();
    if (observedQueue === this) observedQueue = null;
  }
}
