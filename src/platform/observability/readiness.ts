/**
 * The components /readyz reports. Built in: the database, the migrations, the schedulers of this
 * process. Others (the job queue, the access-log sealer) add theirs with {@link registerReadinessCheck}.
 * A failing *required* check makes /readyz answer 503 naming it; an advisory one is reported only
 * (a failed retention run should alert, not take the instance out of the load balancer).
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { migrationStatus } from '../db/migrate.js';
import { jobStatuses } from './jobs.js';

export interface CheckResult {
  ok: boolean;
  /** Why not, in a few words (no personal data). */
  detail?: string;
  /** Further facts shown as they are (counts, times). */
  [fact: string]: unknown;
}

export interface ReadinessCheck {
  name: string;
  /** Required (default): failing makes the instance not ready (503). */
  required?: boolean;
  /** Longest wait for the answer; slower counts as failed (default 2000 ms). */
  timeoutMs?: number;
  check: () => Promise<CheckResult>;
}

const extraChecks = new Map<string, ReadinessCheck>();

/** Adds a check to /readyz until the returned function is called. Names are unique. */
export function registerReadinessCheck(check: ReadinessCheck): () => void {
  if (extraChecks.has(check.name) || BUILT_IN.includes(check.name)) {
    throw new Error(`readiness check ${check.name} exists already`);
  }
  extraChecks.set(check.name, check);
  return () => {
    if (extraChecks.get(check.name) === check) extraChecks.delete(check.name);
  };
}

const BUILT_IN = ['database', 'migrations', 'schedulers'];

export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  /** The failing required components, comma-separated. */
  detail?: string;
  checks: Record<string, CheckResult & { required: boolean }>;
}

async function withTimeout(check: ReadinessCheck): Promise<CheckResult> {
  const ms = check.timeoutMs ?? 2000;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      check.check(),
      new Promise<CheckResult>((resolve) => {
        timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${ms} ms` }), ms);
      }),
    ]);
  } catch (error) {
    return { ok: false, detail: `failed: ${(error as Error).name}` };
  } finally {
    clearTimeout(timer);
  }
}

function schedulersCheck(): CheckResult {
  const jobs = jobStatuses().map((j) => ({
    name: j.name,
    intervalSeconds: Math.round(j.intervalMs / 1000),
    running: j.running,
    lastRunAt: j.lastRunAt?.toISOString() ?? null,
    lastOk: j.lastOk,
    lastDurationMs: j.lastDurationMs,
  }));
  const failed = jobs.filter((j) => j.lastOk === false).map((j) => j.name);
  return failed.length ? { ok: false, detail: `last run failed: ${failed.join(', ')}`, jobs } : { ok: true, jobs };
}

export async function readiness(db: Db): Promise<ReadinessReport> {
  const checks: ReadinessCheck[] = [
    {
      name: 'database',
      check: async () => {
        await sql`select 1`.execute(db.kysely);
        return { ok: true, kind: db.kind };
      },
    },
    {
      name: 'migrations',
      check: async () => {
        const { applied, known, pending } = await migrationStatus(db);
        return pending.length
          ? { ok: false, detail: `${pending.length} pending`, applied, known }
          : { ok: true, applied, known };
      },
    },
    { name: 'schedulers', required: false, check: async () => schedulersCheck() },
    ...extraChecks.values(),
  ];
  const results = await Promise.all(checks.map(withTimeout));
  const report: ReadinessReport = { status: 'ok', checks: {} };
  const failing: string[] = [];
  checks.forEach((c, i) => {
    const required = c.required !== false;
    const result = results[i] as CheckResult;
    report.checks[c.name] = { ...result, required };
    if (required && !result.ok) failing.push(c.name);
  });
  if (failing.length) {
    report.status = 'unavailable';
    report.detail = failing.join(', ');
  }
  return report;
}
