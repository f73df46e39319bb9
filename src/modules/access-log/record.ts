import { sql } from 'kysely';
import { type ChainedEntry, entryHash, GENESIS_HASH } from '../../core/audit-chain.js';
import type { Tx } from '../../platform/db/database.js';

/** Kinds of data subject: subjects of cases, staff, and the people the programme works with. */
export type AccessSubjectType = 'person' | 'user' | 'key_figure' | 'participant' | 'attention_officer' | 'subscriber';

export type AccessAction = 'read' | 'create' | 'update' | 'delete' | 'export' | 'destroy' | 'break_glass';

/** Who is processing: the signed-in user acting in one region, and the request's trace id. */
export interface AuditActor {
  userId: string | null;
  organisationId: string | null;
  role: string | null;
  regionId: string;
  traceId: string;
}

export interface AccessEvent {
  action: AccessAction;
  recordType: string;
  recordId: string | null;
  /** The data subjects whose personal data is processed; one log entry is written per subject. */
  subjects: Array<{ type: AccessSubjectType; id: string }>;
  /** Why: the case, or a processing activity from docs/privacy.md (e.g. "user-administration"). */
  purpose: { type: string; id?: string | null };
  result?: 'ok' | 'denied' | 'error';
}

/**
 * The one path through which every read and change of personal data is logged. Call it inside the
 * transaction that reads or changes the data, so the entry and the processing commit together.
 * Entries of a region are serialised by an advisory lock and chained by hash.
 */
export async function recordAccess(tx: Tx, actor: AuditActor, event: AccessEvent): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`access_log:${actor.regionId}`}, 0))`.execute(tx);
  const head = await tx
    .selectFrom('access_log_heads')
    .select(['seq', 'hash'])
    .where('region_id', '=', actor.regionId)
    .executeTakeFirst();
  let seq = head ? Number(head.seq) : 0;
  let prevHash = head ? head.hash : GENESIS_HASH;
  const occurredAt = new Date().toISOString();
  const subjects = event.subjects.length > 0 ? event.subjects : [null];
  const rows = subjects.map((subject) => {
    seq += 1;
    const entry: ChainedEntry = {
      regionId: actor.regionId,
      seq,
      occurredAt,
      actorUserId: actor.userId,
      actorOrganisationId: actor.organisationId,
      actorRole: actor.role,
      action: event.action,
      recordType: event.recordType,
      recordId: event.recordId,
      subjectType: subject?.type ?? null,
      subjectId: subject?.id ?? null,
      purposeType: event.purpose.type,
      purposeId: event.purpose.id ?? null,
      result: event.result ?? 'ok',
      traceId: actor.traceId,
      prevHash,
    };
    const hash = entryHash(entry);
    prevHash = hash;
    return {
      region_id: entry.regionId,
      seq: entry.seq,
      occurred_at: entry.occurredAt,
      actor_user_id: entry.actorUserId,
      actor_organisation_id: entry.actorOrganisationId,
      actor_role: entry.actorRole,
      action: entry.action,
      record_type: entry.recordType,
      record_id: entry.recordId,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      purpose_type: entry.purposeType,
      purpose_id: entry.purposeId,
      result: entry.result,
      trace_id: entry.traceId,
      prev_hash: entry.prevHash,
      hash,
    };
  });
  await tx.insertInto('access_log').values(rows).execute();
}
