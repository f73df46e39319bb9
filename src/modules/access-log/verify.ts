import { type ChainBreak, ChainVerifier } from '../../core/audit-chain.js';
import { type Db, withTx } from '../../platform/db/database.js';

export interface RegionVerification {
  regionId: string;
  regionCode: string;
  entries: number;
  firstBreak: ChainBreak | { kind: 'truncated'; regionId: string; headSeq: number; lastSeq: number } | null;
}

const BATCH = 5_000;

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
    for (;;) {
      const rows = await withTx(db, { regionId: region.id }, (tx) =>
        tx.selectFrom('access_log').selectAll().where('seq', '>', String(after)).orderBy('seq').limit(BATCH).execute(),
      );
      for (const r of rows) {
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
        entries += 1;
        after = Number(r.seq);
      }
      if (firstBreak || rows.length < BATCH) break;
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
  }
}
