import { createHash } from 'node:crypto';

/** The fields of an access-log entry that the hash covers, in a fixed order. */
export interface ChainedEntry {
  regionId: string;
  seq: number;
  occurredAt: string;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  actorRole: string | null;
  action: string;
  recordType: string;
  recordId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  purposeType: string;
  purposeId: string | null;
  result: string;
  traceId: string;
  prevHash: string;
}

/** prev_hash of the first entry of every region. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 over a canonical serialisation (a JSON array in fixed field order). */
export function entryHash(e: ChainedEntry): string {
  const canonical = JSON.stringify([
    e.regionId,
    e.seq,
    e.occurredAt,
    e.actorUserId,
    e.actorOrganisationId,
    e.actorRole,
    e.action,
    e.recordType,
    e.recordId,
    e.subjectType,
    e.subjectId,
    e.purposeType,
    e.purposeId,
    e.result,
    e.traceId,
    e.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export type ChainBreak =
  | { kind: 'gap'; regionId: string; expectedSeq: number; foundSeq: number }
  | { kind: 'link'; regionId: string; seq: number; id: string }
  | { kind: 'hash'; regionId: string; seq: number; id: string };

/**
 * Walks one region's entries in seq order and returns the first break: a missing sequence number
 * (a deleted entry), a prev_hash that does not match its predecessor, or a hash that does not match
 * the entry's own content (a changed entry). Stateful so that it can verify in batches.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  constructor(private readonly regionId: string) {}

  next(entry: ChainedEntry & { id: string; hash: string }): ChainBreak | null {
    if (entry.seq !== this.expectedSeq) {
      return { kind: 'gap', regionId: this.regionId, expectedSeq: this.expectedSeq, foundSeq: entry.seq };
    }
    if (entry.prevHash !== this.prevHash) {
      return { kind: 'link', regionId: this.regionId, seq: entry.seq, id: entry.id };
    }
    if (entryHash(entry) !== entry.hash) {
      return { kind: 'hash', regionId: this.regionId, seq: entry.seq, id: entry.id };
    }
    this.expectedSeq += 1;
    this.prevHash = entry.hash;
    return null;
  }

  /** The seq the next entry must have. */
  get nextSeq(): number {
    return this.expectedSeq;
  }

  /**
   * Steps over an entry that was deleted by the destruction of the access log of a destroyed subject
   * (migration 0010): its seq and hash were kept, so the next entry still links to it. The caller
   * checks the checkpoint entry that names the deletion. False when `seq` is not the next one.
   */
  redacted(seq: number, hash: string): boolean {
    if (seq !== this.expectedSeq) return false;
    this.expectedSeq += 1;
    this.prevHash = hash;
    return true;
  }
}
