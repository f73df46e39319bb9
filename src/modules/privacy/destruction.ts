/**
 * Destruction (issue 4 part 4, and the execution of an approved erasure request, part 3).
 *
 * The destruction itself happens in the database, in the SECURITY DEFINER functions of migration 0010
 * (schakel_destroy_case, _signal, _person, _contact): they check for themselves that a record is due or
 * covered by an approved four-eyes erasure request, and not on legal hold, count it in the anonymous
 * statistics (retention_statistics), delete it with everything hanging off it and redact the names of
 * destroyed persons from the free text that stays (the general minutes of the meetings that discussed
 * the case; for an erasure also the cases and signals the person was only related to).
 *
 * This module decides what to offer them (the same selection as the dry-run preview), writes a
 * destruction record per destroyed record to the access log (record type, id and the term or the
 * request — no personal data), destroys the access log of destroyed subjects after its own term (with
 * a checkpoint that keeps the chain verifiable), and runs all of it once per period for every region.
 */

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'kysely';
import { z } from 'zod';
import {
  appendLedger,
  destructionLedgerPath,
  existing,
  isLedgerRecordType,
  type LedgerRecordType,
  readLedger,
} from '../../platform/backup/ledger.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import type { JobLog } from '../../platform/jobs.js';
import { defineJob } from '../../platform/queue/queue.js';
import { type AccessEvent, type AuditActor, recordAccess } from '../access-log/record.js';
import { claimJobRun, DEFAULT_TERMS, dailyPeriod, dueForDestruction, requireRole, type TermKey } from './retention.js';

export const RETENTION_JOB = 'retention';

/** Why a record is destroyed: its retention term (id "<term key>:<months>m") or an erasure request. */
export type DestructionPurpose = { type: 'retention'; id: string } | { type: 'erasure-request'; id: string };

/** What one destruction call removed (ids only). */
export interface Destroyed {
  cases: string[];
  signals: string[];
  persons: string[];
}

/** A record the database refused to destroy, and why. */
export class NotDestroyed extends Error {
  constructor(readonly reason: 'legal_hold' | 'not_due' | 'not_found') {
    super(`not destroyed: ${reason}`);
    this.name = 'NotDestroyed';
  }
}

const REFUSALS: Record<string, NotDestroyed['reason']> = { SK001: 'legal_hold', SK002: 'not_due', SK003: 'not_found' };

function refused(error: unknown): never {
  const reason = REFUSALS[(error as { code?: string }).code ?? ''];
  if (reason) throw new NotDestroyed(reason);
  throw error;
}

/** The access-log actor of the scheduled job: nobody, in the region. */
export const systemActor = (regionId: string, traceId: string): AuditActor => ({
  userId: null,
  organisationId: null,
  role: null,
  regionId,
  traceId,
});

export const termPurpose = (key: TermKey, months: number): DestructionPurpose => ({
  type: 'retention',
  id: `${key}:${months}m`,
});

/**
 * One destruction record per destroyed record: no subject, no personal data. The same goes into the
 * destruction ledger outside the database (src/platform/backup/ledger.ts), flushed before the commit.
 */
async function logDestroyed(tx: Tx, audit: AuditActor, recordType: string, ids: string[], purpose: DestructionPurpose) {
  for (const id of ids) {
    const event: AccessEvent = { action: 'destroy', recordType, recordId: id, subjects: [], purpose };
    await recordAccess(tx, audit, event);
  }
  if (isLedgerRecordType(recordType)) {
    const at = new Date().toISOString();
    appendLedger(ids.map((recordId) => ({ at, regionId: audit.regionId, recordType, recordId, purpose })));
  }
}

const CONTACT_KIND: Partial<Record<LedgerRecordType, ContactKind>> = {
  key_figure: 'key_figure',
  training_participant: 'participant',
  newsletter_subscriber: 'subscriber',
};

/** What re-applying the destruction ledger did in one region. */
export interface LedgerReapplied {
  destroyed: number;
  keptOnLegalHold: number;
  failed: number;
}

/**
 * Destroys again, in one region, every record the destruction ledger names that exists in the
 * database — after a restore of a backup made before it was destroyed (docs/operations.md). Each in
 * its own transaction, with the same destruction record in the access log (its original purpose). A
 * record on legal hold in the restored data is kept and counted (a person decides). Cheap when there
 * is nothing to do: one existence query per record type.
 */
export async function reapplyLedger(
  deps: Deps,
  regionId: string,
  traceId: string,
  log?: JobLog,
): Promise<LedgerReapplied> {
  const result: LedgerReapplied = { destroyed: 0, keptOnLegalHold: 0, failed: 0 };
  const entries = readLedger(destructionLedgerPath()).filter((e) => e.regionId === regionId);
  if (entries.length === 0) return result;
  const present = await withTx(deps.db, { regionId }, async (tx) => {
    const found = new Set<string>();
    for (const type of new Set(entries.map((e) => e.recordType))) {
      const ids = [...new Set(entries.filter((e) => e.recordType === type).map((e) => e.recordId))];
      for (const id of await existing(tx, type, ids)) found.add(`${type}:${id}`);
    }
    return found;
  });
  const audit = systemActor(regionId, traceId);
  for (const entry of entries) {
    const key = `${entry.recordType}:${entry.recordId}`;
    if (!present.has(key)) continue;
    present.delete(key);
    const purpose = entry.purpose as DestructionPurpose;
    try {
      await withTx(deps.db, { regionId }, async (tx) => {
        const kind = CONTACT_KIND[entry.recordType];
        const call = kind
          ? sql<{
              r: FnResult;
            }>`select schakel_reapply_destroy_contact(${kind}, ${entry.recordId}::uuid), null::jsonb as r`
          : sql<{
              r: FnResult;
            }>`select ${sql.raw(`schakel_reapply_destroy_${entry.recordType}`)}(${entry.recordId}::uuid) as r`;
        const r = await callDestroy(tx, call);
        const d: Destroyed = {
          cases: entry.recordType === 'case' ? [entry.recordId] : [],
          signals: r.signals,
          persons: r.persons,
        };
        if (kind) await logDestroyed(tx, audit, entry.recordType, [entry.recordId], purpose);
        else await logAll(tx, audit, d, purpose);
        for (const id of [...d.signals, ...d.persons]) {
          present.delete(`signal:${id}`);
          present.delete(`person:${id}`);
        }
      });
      result.destroyed += 1;
    } catch (error) {
      if (error instanceof NotDestroyed) {
        if (error.reason === 'legal_hold') result.keptOnLegalHold += 1;
        else if (error.reason !== 'not_found') result.failed += 1;
        continue;
      }
      result.failed += 1;
      const err = error as Error;
      log?.error(
        { err: { type: err.name, message: err.message }, regionId },
        'destroying a ledger record again failed',
      );
    }
  }
  if (result.destroyed + result.keptOnLegalHold + result.failed > 0) {
    log?.info({ regionId, ...result }, 'destruction ledger re-applied (data restored from a backup)');
  }
  return result;
}

async function logAll(tx: Tx, audit: AuditActor, d: Destroyed, purpose: DestructionPurpose): Promise<Destroyed> {
  await logDestroyed(tx, audit, 'case', d.cases, purpose);
  await logDestroyed(tx, audit, 'signal', d.signals, purpose);
  await logDestroyed(tx, audit, 'person', d.persons, purpose);
  return d;
}

type FnResult = { signals: string[]; persons: string[] };

async function callDestroy(tx: Tx, query: ReturnType<typeof sql<{ r: FnResult }>>): Promise<FnResult> {
  // A savepoint, so that a refusal leaves the caller's transaction usable.
  await sql`savepoint schakel_destroy`.execute(tx);
  try {
    const result = await query.execute(tx);
    await sql`release savepoint schakel_destroy`.execute(tx);
    const r = result.rows[0]?.r ?? { signals: [], persons: [] };
    return { signals: r.signals ?? [], persons: r.persons ?? [] };
  } catch (error) {
    await sql`rollback to savepoint schakel_destroy`.execute(tx);
    return refused(error);
  }
}

/** Destroys one case with everything hanging off it (see schakel_destroy_case). */
export async function destroyCase(
  tx: Tx,
  audit: AuditActor,
  caseId: string,
  purpose: DestructionPurpose,
): Promise<Destroyed> {
  const request = purpose.type === 'erasure-request' ? purpose.id : null;
  const r = await callDestroy(
    tx,
    sql<{ r: FnResult }>`select schakel_destroy_case(${caseId}::uuid, ${request}::uuid) as r`,
  );
  return logAll(tx, audit, { cases: [caseId], signals: r.signals, persons: r.persons }, purpose);
}

/** Destroys one signal without a case (see schakel_destroy_signal). */
export async function destroySignal(
  tx: Tx,
  audit: AuditActor,
  signalId: string,
  purpose: DestructionPurpose,
): Promise<Destroyed> {
  const request = purpose.type === 'erasure-request' ? purpose.id : null;
  const r = await callDestroy(
    tx,
    sql<{ r: FnResult }>`select schakel_destroy_signal(${signalId}::uuid, ${request}::uuid) as r`,
  );
  return logAll(tx, audit, { cases: [], signals: r.signals, persons: r.persons }, purpose);
}

/** Destroys one person (see schakel_destroy_person). */
export async function destroyPerson(
  tx: Tx,
  audit: AuditActor,
  personId: string,
  purpose: DestructionPurpose,
): Promise<Destroyed> {
  const request = purpose.type === 'erasure-request' ? purpose.id : null;
  const r = await callDestroy(
    tx,
    sql<{ r: FnResult }>`select schakel_destroy_person(${personId}::uuid, ${request}::uuid) as r`,
  );
  return logAll(tx, audit, { cases: [], signals: [], persons: r.persons }, purpose);
}

export type ContactKind = 'key_figure' | 'participant' | 'subscriber';
const CONTACT_RECORD: Record<ContactKind, string> = {
  key_figure: 'key_figure',
  participant: 'training_participant',
  subscriber: 'newsletter_subscriber',
};

/** Destroys a key figure, training participant or newsletter subscriber whose term ended. */
export async function destroyContact(
  tx: Tx,
  audit: AuditActor,
  kind: ContactKind,
  id: string,
  purpose: DestructionPurpose,
): Promise<void> {
  await callDestroy(tx, sql<{ r: FnResult }>`select schakel_destroy_contact(${kind}, ${id}::uuid), null::jsonb as r`);
  await logDestroyed(tx, audit, CONTACT_RECORD[kind], [id], purpose);
}

/**
 * Executes an approved erasure request in the caller's transaction: the case, the signal, or the
 * person with their own cases and signals (a signal about several persons stays; the person's link to
 * it and their names in it go), with the same database functions as the retention job.
 */
export async function executeErasure(
  tx: Tx,
  audit: AuditActor,
  request: {
    id: string;
    scope: string | null;
    person_id: string | null;
    case_id: string | null;
    signal_id: string | null;
  },
): Promise<Destroyed> {
  const purpose: DestructionPurpose = { type: 'erasure-request', id: request.id };
  const total: Destroyed = { cases: [], signals: [], persons: [] };
  const add = (d: Destroyed) => {
    total.cases.push(...d.cases);
    total.signals.push(...d.signals);
    total.persons.push(...d.persons);
  };
  if (request.scope === 'case' && request.case_id) add(await destroyCase(tx, audit, request.case_id, purpose));
  if (request.scope === 'signal' && request.signal_id) add(await destroySignal(tx, audit, request.signal_id, purpose));
  if (request.scope === 'person' && request.person_id) {
    const personId = request.person_id;
    const cases = await tx
      .selectFrom('cases')
      .select('id')
      .where('subject_person_id', '=', personId)
      .orderBy('id')
      .execute();
    for (const c of cases) add(await destroyCase(tx, audit, c.id, purpose));
    const signals = await tx
      .selectFrom('signal_subjects as s')
      .select('s.signal_id')
      .distinct()
      .where('s.person_id', '=', personId)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('signal_subjects as o')
              .select('o.signal_id')
              .whereRef('o.signal_id', '=', 's.signal_id')
              .where('o.person_id', '<>', personId),
          ),
        ),
      )
      .execute();
    for (const s of signals) {
      if (total.signals.includes(s.signal_id)) continue;
      add(await destroySignal(tx, audit, s.signal_id, purpose));
    }
    if (!total.persons.includes(personId)) add(await destroyPerson(tx, audit, personId, purpose));
  }
  return total;
}

/**
 * Destroys the access log of subjects destroyed longer ago than the access-log term, in one
 * transaction of the region: a checkpoint entry naming the count and the digest of the entries to
 * delete is appended first, then access_log_redact deletes exactly those entries and keeps their seq
 * and hash, so `npm run audit:verify` still verifies the whole chain. Returns how many were deleted.
 */
export async function purgeAccessLog(deps: Deps, regionId: string, traceId: string): Promise<number> {
  return withTx(deps.db, { regionId }, async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`access_log:${regionId}`}, 0))`.execute(tx);
    const plan = (
      await sql<{ n: string; digest: string }>`select n, digest from access_log_redaction_plan()`.execute(tx)
    ).rows[0];
    const n = Number(plan?.n ?? 0);
    if (!plan || n === 0) return 0;
    const months = (
      await sql<{ m: number }>`select schakel_retention_months('access_log', 'subject_destroyed') as m`.execute(tx)
    ).rows[0]?.m;
    await recordAccess(tx, systemActor(regionId, traceId), {
      action: 'destroy',
      recordType: 'access_log',
      recordId: `redaction:${n}:${plan.digest}`,
      subjects: [],
      purpose: termPurpose(
        'access-log-destroyed-subject',
        months ?? DEFAULT_TERMS['access-log-destroyed-subject'].termMonths,
      ),
    });
    const head = await tx
      .selectFrom('access_log_heads')
      .select('seq')
      .where('region_id', '=', regionId)
      .executeTakeFirstOrThrow();
    const deleted = await sql<{ n: string }>`select access_log_redact(${head.seq}::bigint) as n`.execute(tx);
    return Number(deleted.rows[0]?.n ?? 0);
  });
}

export interface RegionRunSummary {
  cases: number;
  signals: number;
  persons: number;
  keyFigures: number;
  trainingParticipants: number;
  newsletterSubscribers: number;
  accessLogEntries: number;
  /** Records due but kept: on legal hold (found at destruction time), or refused otherwise. */
  keptOnLegalHold: number;
  refused: number;
  failed: number;
}

const emptySummary = (): RegionRunSummary => ({
  cases: 0,
  signals: 0,
  persons: 0,
  keyFigures: 0,
  trainingParticipants: 0,
  newsletterSubscribers: 0,
  accessLogEntries: 0,
  keptOnLegalHold: 0,
  refused: 0,
  failed: 0,
});

/** Destroys what is due in one region; every record in its own transaction. */
export async function runRegion(
  deps: Deps,
  regionId: string,
  traceId: string,
  log?: JobLog,
): Promise<RegionRunSummary> {
  const summary = emptySummary();
  const audit = systemActor(regionId, traceId);
  const due = await withTx(deps.db, { regionId }, (tx) => dueForDestruction(tx, deps.now()));
  const purpose = (key: TermKey) => termPurpose(key, due.terms[key]);
  const done = new Set<string>();

  const attempt = async (
    fn: (tx: Tx) => Promise<Destroyed | undefined>,
    onDone: (d: Destroyed | undefined) => void,
  ) => {
    try {
      onDone(await withTx(deps.db, { regionId }, fn));
    } catch (error) {
      if (error instanceof NotDestroyed) {
        if (error.reason === 'legal_hold') summary.keptOnLegalHold += 1;
        else if (error.reason === 'not_due') summary.refused += 1;
        return;
      }
      summary.failed += 1;
      const err = error as Error;
      log?.error({ err: { type: err.name, message: err.message }, regionId }, 'destroying a record failed');
    }
  };
  const count = (d: Destroyed | undefined) => {
    if (!d) return;
    for (const id of [...d.cases, ...d.signals, ...d.persons]) done.add(id);
    summary.cases += d.cases.length;
    summary.signals += d.signals.length;
    summary.persons += d.persons.length;
  };

  for (const c of due.cases) {
    await attempt((tx) => destroyCase(tx, audit, c.id, purpose('case-definitive')), count);
  }
  for (const s of due.signals) {
    if (done.has(s.id)) continue;
    await attempt((tx) => destroySignal(tx, audit, s.id, purpose('signal-no-case')), count);
  }
  for (const p of due.persons) {
    if (done.has(p)) continue;
    await attempt((tx) => destroyPerson(tx, audit, p, purpose('signal-no-case')), count);
  }
  const contacts: Array<[ContactKind, string[], TermKey, keyof RegionRunSummary]> = [
    ['key_figure', due.keyFigures, 'key-figure-inactive', 'keyFigures'],
    ['participant', due.trainingParticipants, 'participant-after-session', 'trainingParticipants'],
    ['subscriber', due.newsletterSubscribers, 'subscriber-unsubscribed', 'newsletterSubscribers'],
  ];
  for (const [kind, ids, key, field] of contacts) {
    for (const id of ids) {
      await attempt(
        async (tx) => {
          await destroyContact(tx, audit, kind, id, purpose(key));
          return undefined;
        },
        () => {
          summary[field] += 1;
        },
      );
    }
  }
  try {
    summary.accessLogEntries = await purgeAccessLog(deps, regionId, traceId);
  } catch (error) {
    summary.failed += 1;
    const err = error as Error;
    log?.error({ err: { type: err.name, message: err.message }, regionId }, 'destroying access-log entries failed');
  }
  return summary;
}

export interface RetentionRun {
  period: string;
  instance: string;
  regions: Record<string, RegionRunSummary>;
}

/** "cases=1,signals=2,…": the counts of a run, for its access-log record. */
export function countsText(s: RegionRunSummary): string {
  return Object.entries(s)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/**
 * The retention job: claims the period (the day in Europe/Amsterdam unless given) — exactly one
 * instance wins, however many run it — and destroys what is due in every region. Returns null when
 * another instance has this period. A run that dies half-way leaves its period claimed; what it did not
 * destroy is still due and goes in the next period.
 */
export async function runRetention(
  deps: Deps,
  options: { period?: string; instance?: string; log?: JobLog } = {},
): Promise<RetentionRun | null> {
  const period = options.period ?? dailyPeriod(deps.now());
  const instance = options.instance ?? instanceId();
  // After a restore: destroy again what was destroyed after the backup was made (every instance, every
  // run, before the claim: idempotent, and a no-op when the ledger's records are all gone).
  if (destructionLedgerPath()) {
    const all = await withTx(deps.db, { regionId: null }, (tx) => tx.selectFrom('regions').select('id').execute());
    for (const region of all) await reapplyLedger(deps, region.id, randomUUID(), options.log);
  }
  if (!(await claimJobRun(deps, RETENTION_JOB, period, instance))) return null;
  const regions = await withTx(deps.db, { regionId: null }, (tx) =>
    tx.selectFrom('regions').select('id').orderBy('code').execute(),
  );
  const result: RetentionRun = { period, instance, regions: {} };
  for (const region of regions) {
    const traceId = randomUUID();
    const summary = await runRegion(deps, region.id, traceId, options.log);
    result.regions[region.id] = summary;
    await withTx(deps.db, { regionId: region.id }, (tx) =>
      recordAccess(tx, systemActor(region.id, traceId), {
        action: 'destroy',
        recordType: 'retention_run',
        recordId: `${period}:${countsText(summary)}`,
        subjects: [],
        purpose: { type: 'retention', id: period },
      }),
    );
  }
  await withTx(deps.db, { regionId: null }, (tx) =>
    tx
      .updateTable('job_runs')
      .set({ finished_at: deps.now(), summary: JSON.stringify(result.regions) })
      .where('job', '=', RETENTION_JOB)
      .where('period', '=', period)
      .execute(),
  );
  options.log?.info({ period, regions: Object.keys(result.regions).length }, 'retention run done');
  return result;
}

export function instanceId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** The hour of the day in Europe/Amsterdam (0–23). */
export function amsterdamHour(now: Date): number {
  return Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hourCycle: 'h23' }).format(now),
  );
}

/**
 * The retention job on the queue (src/jobs.ts schedules it every RETENTION_INTERVAL_MINUTES): from
 * `hour` o'clock (Europe/Amsterdam) on it runs the day's destruction — once per day for the whole
 * cluster (pg-boss fires a schedule once, and the claim of the period decides should two runs meet).
 */
export function retentionJob(deps: Deps, options: { hour: number }) {
  return defineJob({
    name: RETENTION_JOB,
    payload: z.strictObject({}),
    retryLimit: 2,
    expireInSeconds: 6 * 3600,
    regionOf: () => null,
    run: async (_payload, { log }) => {
      if (amsterdamHour(deps.now()) < options.hour) return;
      await runRetention(deps, { log });
    },
  });
}

// --- Runs, for the privacy officer and the admin ---------------------------------------------------

export const RetentionRunsQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(30),
});

const RunCounts = z.object({
  cases: z.number().int(),
  signals: z.number().int(),
  persons: z.number().int(),
  keyFigures: z.number().int(),
  trainingParticipants: z.number().int(),
  newsletterSubscribers: z.number().int(),
  accessLogEntries: z.number().int(),
  keptOnLegalHold: z.number().int().describe('Due but kept: a legal hold was found at destruction time'),
  refused: z.number().int().describe('Due in the preview but no longer due when the database checked'),
  failed: z.number().int().describe('Failed with an error (see the server log); still due next run'),
});

export const RetentionRunItem = z
  .object({
    period: z.string().describe('The day (Europe/Amsterdam) the run belongs to'),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable().describe('null while running, or when the run died half-way'),
    counts: RunCounts.nullable().describe("What the run destroyed in the caller's region"),
  })
  .meta({ id: 'RetentionRun' });

/** The retention job's runs, newest first, with the counts of the caller's region (admin, privacy officer). */
export async function listRuns(deps: Deps, actor: Actor, q: z.infer<typeof RetentionRunsQuery>) {
  requireRole(actor, ['admin', 'privacy_officer']);
  const after = decodeCursor(q.cursor, ['string']) as [string] | null;
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    let query = tx
      .selectFrom('job_runs')
      .selectAll()
      .where('job', '=', RETENTION_JOB)
      .orderBy('period', 'desc')
      .limit(q.limit + 1);
    if (after) query = query.where('period', '<', after[0]);
    const rows = await query.execute();
    const result = page(rows, q.limit, (r) => [r.period]);
    return {
      nextCursor: result.nextCursor,
      items: result.items.map((r) => {
        const summary = (r.summary ?? null) as Record<string, RegionRunSummary> | null;
        return {
          period: r.period,
          startedAt: r.started_at.toISOString(),
          finishedAt: r.finished_at?.toISOString() ?? null,
          counts: summary?.[actor.regionId] ?? null,
        };
      }),
    };
  });
}
