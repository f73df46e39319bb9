import { createHash } from 'node:crypto';
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { type ChainBreak, ChainVerifier } from '../../core/audit-chain.js';
import { type Db, withTx } from '../../platform/db/database.js';

/**
 * A deletion of entries (the access log of destroyed subjects, migration 0010) that its checkpoint
 * entry does not account for: the checkpoint names other entries, or a kept hash points to no
 * checkpoint. `seq` is the checkpoint's.
 */
export type RedactionBreak = { kind: 'redaction'; regionId: string; seq: number; id: string | null };

export interface RegionVerification {
  regionId: string;
  regionCode: string;
  entries: number;
  firstBreak:
    | ChainBreak
    | { kind: 'truncated'; regionId: string; headSeq: number; lastSeq: number }
    | RedactionBreak
    | null;
}

/** "redaction:<count>:<sha256 of 'seq:hash,…' of the deleted entries in seq order>" */
export function redactionRecordId(entries: Array<{ seq: number | string; hash: string }>): string {
  const text = [...entries]
    .sort((a, b) => Number(a.seq) - Number(b.seq))
    .map((e) => `${e.seq}:${e.hash}`)
    .join(',');
  return `redaction:${entries.length}:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/**
 * Entries per batch, each read in its own transaction. The embedded PGlite runs every query of the
 * process one after the other, so there the batches are small and the verifier yields between them:
 * other requests get the database between two batches.
 */
const batchSize = (db: Db) => (db.kind === 'embedded' ? 250 : 5_000);

/**
 * Verifies the hash chain of every region, as the application role (row-level security applies, so
 * each region is read inside its own tenant scope). Returns per region the number of entries checked
 * and the first break, if any.
 */
export async function verifyAccessLog(db: Db, options: { regionId?: string } = {}): Promise<RegionVerification[]> {
  // options.regionId (issue 4): only that region, for its privacy officer.
  const regions = await withTx(db, { regionId: null }, (tx) =>
    tx
      .selectFrom('regions')
      .select(['id', 'code'])
      .$if(options.regionId !== undefined, (q) => q.where('id', '=', options.regionId as string))
      .orderBy('code')
      .execute(),
  );
  const results: RegionVerification[] = [];
  for (const region of regions) {
    const verifier = new ChainVerifier(region.id);
    let after = 0;
    let entries = 0;
    let firstBreak: RegionVerification['firstBreak'] = null;
    // Checkpoints that kept hashes point to and that have not been checked yet.
    const pending = new Set<number>();
    for (;;) {
      const rows = await withTx(db, { regionId: region.id }, (tx) =>
        tx
          .selectFrom('access_log')
          .selectAll()
          .where('seq', '>', String(after))
          .orderBy('seq')
          .limit(batchSize(db))
          .execute(),
      );
      const last = rows.at(-1);
      // Entries deleted with their hash kept, up to this batch's last entry.
      const kept = new Map(
        (
          await withTx(db, { regionId: region.id }, (tx) =>
            tx
              .selectFrom('access_log_redactions')
              .select(['seq', 'hash', 'checkpoint_seq'])
              .where('seq', '>', String(after))
              .$if(last !== undefined, (q) => q.where('seq', '<', String(last?.seq)))
              .execute(),
          )
        ).map((k) => [Number(k.seq), k]),
      );
      for (const r of rows) {
        for (
          let k = kept.get(verifier.nextSeq);
          k && verifier.nextSeq < Number(r.seq);
          k = kept.get(verifier.nextSeq)
        ) {
          verifier.redacted(Number(k.seq), k.hash);
          pending.add(Number(k.checkpoint_seq));
        }
        firstBreak = verifier.next({
          id: r.id,
          hash: r.hash,
          regionId: r.region_id,
          seq: Number(r.seq),
          occurredAt: r.occurred_at.toISOString(),
          actorUserId: r.actor_user_id,
          actorOrganisationId: r.actor_organisation_id,
          actorRole: r.actor_role,
          action: r.action,
          recordType: r.record_type,
          recordId: r.record_id,
          subjectType: r.subject_type,
          subjectId: r.subject_id,
          purposeType: r.purpose_type,
          purposeId: r.purpose_id,
          result: r.result,
          traceId: r.trace_id,
          prevHash: r.prev_hash,
        });
        if (firstBreak) break;
        if (r.action === 'destroy' && r.record_type === 'access_log' && r.record_id?.startsWith('redaction:')) {
          const named = await withTx(db, { regionId: region.id }, (tx) =>
            tx
              .selectFrom('access_log_redactions')
              .select(['seq', 'hash'])
              .where('checkpoint_seq', '=', String(r.seq))
              .execute(),
          );
          if (redactionRecordId(named) !== r.record_id) {
            firstBreak = { kind: 'redaction', regionId: region.id, seq: Number(r.seq), id: String(r.id) };
            break;
          }
          pending.delete(Number(r.seq));
        }
        entries += 1;
        after = Number(r.seq);
      }
      if (firstBreak || rows.length < batchSize(db)) break;
      await yieldToOthers();
    }
    if (!firstBreak && pending.size > 0) {
      firstBreak = { kind: 'redaction', regionId: region.id, seq: Math.min(...pending), id: null };
    }
    if (!firstBreak) {
      const head = await withTx(db, { regionId: region.id }, (tx) =>
        tx.selectFrom('access_log_heads').select('seq').where('region_id', '=', region.id).executeTakeFirst(),
      );
      const headSeq = head ? Number(head.seq) : 0;
      if (headSeq !== after) {
        firstBreak = { kind: 'truncated', regionId: region.id, headSeq, lastSeq: after };
      }
    }
    results.push({ regionId: region.id, regionCode: region.code, entries, firstBreak });
  }
  return results;
}

export function describeBreak(b: NonNullable<RegionVerification['firstBreak']>): string {
  switch (b.kind) {
    case 'gap':
      return `entry seq ${b.expectedSeq} is missing (next found: seq ${b.foundSeq}) — deleted`;
    case 'link':
      return `entry seq ${b.seq} (id ${b.id}) does not link to its predecessor`;
    case 'hash':
      return `entry seq ${b.seq} (id ${b.id}) was changed: its content does not match its hash`;
    case 'truncated':
      return `entries after seq ${b.lastSeq} up to the head seq ${b.headSeq} are missing — deleted`;
    case 'redaction':
      return `the destruction checkpoint at seq ${b.seq} does not account for the entries deleted with it`;
  }
}
