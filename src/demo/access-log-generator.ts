/**
 * Synthetic access-log history for the benchmark: valid hash-chained entries (src/core/audit-chain.ts)
 * that continue the region's chain from its current head, in sequence order, so the chain trigger
 * accepts them and `npm run audit:verify` passes. Each synthetic request reads or changes one record of
 * a case and logs one entry per data subject (the subject and the related persons shown), as the
 * application does. Never used for the demo region: the demo starts with an empty log.
 */
import { type Kysely, sql } from 'kysely';
import { type ChainedEntry, entryHash, GENESIS_HASH } from '../core/audit-chain.js';
import type { Database } from '../platform/db/schema.js';
import { BulkTable } from './bulk-insert.js';
import { Random } from './random.js';

export interface AccessLogOptions {
  regionId: string;
  seed: number;
  entries: number;
  /** Entries are spread evenly over the `days` before `now`, oldest first. */
  now?: Date;
  days?: number;
  /** Rows per INSERT statement and per transaction. */
  batchSize?: number;
  /**
   * 'trigger' (default): every row passes the chain trigger, which checks it extends the head.
   * 'bulk': for a superuser loading an empty or quiescent log — the rows go in with triggers off
   * (session_replication_role = replica) and the head is set once at the end. The rows are the same
   * valid chain either way; `npm run audit:verify` checks it.
   */
  mode?: 'trigger' | 'bulk';
  onProgress?: (written: number) => void;
}

const RECORD_TYPES = {
  case: 40,
  person: 15,
  case_contribution: 10,
  assessment: 10,
  plan: 8,
  action: 10,
  signal: 7,
} as const;

/** Appends `entries` chained entries to the region's access log; returns the new head sequence number. */
export async function generateAccessLog(db: Kysely<Database>, options: AccessLogOptions): Promise<number> {
  const { regionId } = options;
  const rng = new Random(`schakel-synthetic-log:${options.seed}`);
  const ids = new Random(`schakel-synthetic-log-ids:${options.seed}:${regionId}`);
  const batchSize = options.batchSize ?? 5_000;
  const now = (options.now ?? new Date()).getTime();
  const span = (options.days ?? 730) * 86_400_000;

  const bulk = options.mode === 'bulk';
  const inRegion = <T>(fn: (tx: Kysely<Database>) => Promise<T>, triggersOff = false) =>
    db.transaction().execute(async (tx) => {
      await sql`select set_config('schakel.region_id', ${regionId}, true)`.execute(tx);
      if (triggersOff) await sql`set local session_replication_role = replica`.execute(tx);
      return fn(tx);
    });
  const { actors, cases, related, head } = await inRegion(async (tx) => ({
    actors: await tx
      .selectFrom('users')
      .innerJoin('region_roles as rr', 'rr.user_id', 'users.id')
      .select(['users.id', 'users.organisation_id', 'rr.role'])
      .where('rr.region_id', '=', regionId)
      .where('rr.role', 'in', ['process_director', 'case_coordinator', 'partner', 'expert'])
      .orderBy('users.email')
      .execute(),
    cases: await tx
      .selectFrom('cases')
      .select(['id', 'subject_person_id'])
      .where('region_id', '=', regionId)
      .orderBy('reference')
      .execute(),
    related: await tx
      .selectFrom('case_related_persons')
      .select(['case_id', 'person_id'])
      .where('region_id', '=', regionId)
      .where('removed_at', 'is', null)
      .execute(),
    head: await tx
      .selectFrom('access_log_heads')
      .select(['seq', 'hash'])
      .where('region_id', '=', regionId)
      .executeTakeFirst(),
  }));
  if (actors.length === 0 || cases.length === 0) throw new Error('The region has no case workers or no cases to log.');
  const relatedOf = new Map<string, string[]>();
  for (const r of related) relatedOf.set(r.case_id, [...(relatedOf.get(r.case_id) ?? []), r.person_id]);

  let seq = head ? Number(head.seq) : 0;
  let prevHash = head ? head.hash : GENESIS_HASH;
  const start = now - span;
  const step = span / Math.max(1, options.entries);
  const log = new BulkTable('access_log', {
    region_id: 'uuid',
    seq: 'bigint',
    occurred_at: 'timestamptz',
    actor_user_id: 'uuid',
    actor_organisation_id: 'uuid',
    actor_role: 'text',
    action: 'text',
    record_type: 'text',
    record_id: 'text',
    subject_type: 'text',
    subject_id: 'text',
    purpose_type: 'text',
    purpose_id: 'text',
    result: 'text',
    trace_id: 'text',
    prev_hash: 'text',
    hash: 'text',
  });
  let written = 0;
  while (written < options.entries) {
    // One synthetic request: an actor processes one record of a case; one entry per data subject.
    const actor = rng.pick(actors);
    const c = rng.pick(cases);
    const recordType = rng.weighted(RECORD_TYPES);
    const action = rng.weighted({ read: 80, update: 12, create: 8 });
    const subjects = [c.subject_person_id];
    if (recordType === 'case' && action === 'read') subjects.push(...(relatedOf.get(c.id) ?? []));
    const recordId = recordType === 'case' ? c.id : recordType === 'person' ? c.subject_person_id : ids.uuid();
    const traceId = ids.uuid();
    const occurredAt = new Date(Math.floor(start + written * step)).toISOString();
    for (const subjectId of subjects) {
      if (written >= options.entries) break;
      seq += 1;
      const entry: ChainedEntry = {
        regionId,
        seq,
        occurredAt,
        actorUserId: actor.id,
        actorOrganisationId: actor.organisation_id,
        actorRole: actor.role,
        action,
        recordType,
        recordId,
        subjectType: 'person',
        subjectId,
        purposeType: 'case',
        purposeId: c.id,
        result: 'ok',
        traceId,
        prevHash,
      };
      const hash = entryHash(entry);
      log.push({
        region_id: regionId,
        seq,
        occurred_at: occurredAt,
        actor_user_id: entry.actorUserId,
        actor_organisation_id: entry.actorOrganisationId,
        actor_role: entry.actorRole,
        action,
        record_type: recordType,
        record_id: recordId,
        subject_type: 'person',
        subject_id: subjectId,
        purpose_type: 'case',
        purpose_id: c.id,
        result: 'ok',
        trace_id: traceId,
        prev_hash: prevHash,
        hash,
      });
      prevHash = hash;
      written += 1;
    }
    if (log.size >= batchSize || written >= options.entries) {
      // The chain trigger checks each row against the head, so rows go in sequence order, a batch at a time.
      await inRegion((tx) => log.flush(tx, batchSize), bulk);
      options.onProgress?.(written);
    }
  }
  if (bulk) {
    await inRegion(async (tx) => {
      await sql`insert into access_log_heads (region_id, seq, hash) values (${regionId}, ${seq}, ${prevHash})
        on conflict (region_id) do update set seq = excluded.seq, hash = excluded.hash`.execute(tx);
    });
  }
  return seq;
}
