import { describe, expect, it } from 'vitest';
import { type ChainedEntry, ChainVerifier, entryHash, GENESIS_HASH } from './audit-chain.js';

const REGION = '00000000-0000-4000-8000-000000000001';

type Stored = ChainedEntry & { id: string; hash: string };

function chain(n: number, regionId = REGION): Stored[] {
  const out: Stored[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const entry: ChainedEntry = {
      regionId,
      seq,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 12, 0, seq)).toISOString(),
      actorUserId: '00000000-0000-4000-8000-0000000000aa',
      actorOrganisationId: '00000000-0000-4000-8000-0000000000bb',
      actorRole: 'admin',
      action: 'read',
      recordType: 'user',
      recordId: `r${seq}`,
      subjectType: 'user',
      subjectId: `s${seq}`,
      purposeType: 'user-administration',
      purposeId: null,
      result: 'ok',
      traceId: `trace-${seq}`,
      prevHash,
    };
    const hash = entryHash(entry);
    out.push({ ...entry, id: String(100 + seq), hash });
    prevHash = hash;
  }
  return out;
}

function verify(entries: Stored[], regionId = REGION) {
  const v = new ChainVerifier(regionId);
  for (const e of entries) {
    const b = v.next(e);
    if (b) return b;
  }
  return null;
}

describe('entryHash', () => {
  it('is a SHA-256 hex digest that covers every field', () => {
    const [e] = chain(1);
    if (!e) throw new Error('no entry');
    expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    const fields = Object.keys(e).filter((k) => k !== 'id' && k !== 'hash') as Array<keyof ChainedEntry>;
    expect(fields).toHaveLength(16);
    for (const field of fields) {
      const changed = { ...e, [field]: field === 'seq' ? 2 : e[field] === null ? 'x' : `${e[field]}x` };
      expect(entryHash(changed), field).not.toBe(e.hash);
    }
  });

  it('tells null from the string "null" and does not let fields run into each other', () => {
    const [e] = chain(1);
    if (!e) throw new Error('no entry');
    expect(entryHash({ ...e, purposeId: null })).not.toBe(entryHash({ ...e, purposeId: 'null' }));
    expect(entryHash({ ...e, recordType: 'ab', recordId: 'c' })).not.toBe(
      entryHash({ ...e, recordType: 'a', recordId: 'bc' }),
    );
  });
});

describe('ChainVerifier', () => {
  it('accepts an intact chain, in one go or in batches', () => {
    const entries = chain(10);
    expect(verify(entries)).toBeNull();
    const v = new ChainVerifier(REGION);
    for (const batch of [entries.slice(0, 3), entries.slice(3, 7), entries.slice(7)]) {
      for (const e of batch) expect(v.next(e)).toBeNull();
    }
  });

  it('accepts an empty chain', () => {
    expect(verify([])).toBeNull();
  });

  it('names a changed entry (kind hash)', () => {
    const entries = chain(5);
    entries[2] = { ...(entries[2] as Stored), purposeType: 'curiosity' };
    expect(verify(entries)).toEqual({ kind: 'hash', regionId: REGION, seq: 3, id: '103' });
  });

  it('names a changed entry whose hash was recomputed: the next entry no longer links (kind link)', () => {
    const entries = chain(5);
    const forged = { ...(entries[2] as Stored), subjectId: 'someone-else' };
    forged.hash = entryHash(forged);
    entries[2] = forged;
    expect(verify(entries)).toEqual({ kind: 'link', regionId: REGION, seq: 4, id: '104' });
  });

  it('names a deleted entry (kind gap)', () => {
    const entries = chain(6);
    entries.splice(3, 1);
    expect(verify(entries)).toEqual({ kind: 'gap', regionId: REGION, expectedSeq: 4, foundSeq: 5 });
  });

  it('names a missing first entry (kind gap)', () => {
    const entries = chain(3).slice(1);
    expect(verify(entries)).toEqual({ kind: 'gap', regionId: REGION, expectedSeq: 1, foundSeq: 2 });
  });

  it('names a wrong link (kind link)', () => {
    const entries = chain(4);
    entries[1] = { ...(entries[1] as Stored), prevHash: 'f'.repeat(64) };
    expect(verify(entries)).toEqual({ kind: 'link', regionId: REGION, seq: 2, id: '102' });
  });

  it('refuses a first entry that does not start from the genesis hash', () => {
    const [first] = chain(1);
    if (!first) throw new Error('no entry');
    const forged = { ...first, prevHash: '1'.repeat(64) };
    forged.hash = entryHash(forged);
    expect(verify([forged])).toEqual({ kind: 'link', regionId: REGION, seq: 1, id: '101' });
  });

  it('refuses a swapped pair of entries', () => {
    const entries = chain(4);
    const swapped = [entries[0], entries[2], entries[1], entries[3]] as Stored[];
    expect(verify(swapped)).toEqual({ kind: 'gap', regionId: REGION, expectedSeq: 2, foundSeq: 3 });
  });

  it('refuses an entry of another region inserted into the chain', () => {
    const ours = chain(3);
    const theirs = chain(3, '00000000-0000-4000-8000-000000000002');
    const mixed = [ours[0], theirs[1], ours[2]] as Stored[];
    expect(verify(mixed)?.kind).toBe('link');
  });
});
