import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { sql } from 'kysely';
import type { Tx } from '../db/database.js';

/**
 * The destruction ledger: an append-only file of JSON lines, one per destroyed record — record type,
 * id, region, time and purpose (the retention term or the erasure request), no personal data. It lives
 * outside the database (SCHAKEL_DESTRUCTION_LEDGER; on the embedded database by default in the data
 * directory, where backups do not take it), so it outlives a restore: a backup made before a
 * destruction brings the record back, and the next retention run destroys it again from the ledger
 * (reapplyLedger, called by runRetention). A line is written and fsynced before the destroying
 * transaction commits (write-ahead): a line whose transaction then failed names a record that was
 * being destroyed anyway, never one that was not meant to go.
 */
export interface LedgerEntry {
  at: string;
  regionId: string;
  recordType: LedgerRecordType;
  recordId: string;
  purpose: { type: string; id: string };
}

export type LedgerRecordType =
  | 'case'
  | 'signal'
  | 'person'
  | 'key_figure'
  | 'training_participant'
  | 'newsletter_subscriber';

const TABLES: Record<LedgerRecordType, string> = {
  case: 'cases',
  signal: 'signals',
  person: 'persons',
  key_figure: 'key_figures',
  training_participant: 'training_participants',
  newsletter_subscriber: 'newsletter_subscribers',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let ledgerPath: string | null = null;

/** Where this process keeps the ledger (src/main.ts, from SCHAKEL_DESTRUCTION_LEDGER); null = none. */
export function setDestructionLedger(path: string | null): void {
  ledgerPath = path;
}

export function destructionLedgerPath(): string | null {
  return ledgerPath;
}

export function isLedgerRecordType(type: string): type is LedgerRecordType {
  return Object.hasOwn(TABLES, type);
}

/** Appends entries and flushes them to the disk (before the destroying transaction commits). */
export function appendLedger(entries: LedgerEntry[]): void {
  if (!ledgerPath || entries.length === 0) return;
  const fd = openSync(ledgerPath, 'a', 0o600);
  try {
    const text = Buffer.from(entries.map((e) => `${JSON.stringify(e)}\n`).join(''), 'utf8');
    let off = 0;
    while (off < text.length) off += writeSync(fd, text, off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The ledger's entries (a half-written last line, from a crash while appending, is skipped). */
export function readLedger(path: string | null = ledgerPath): LedgerEntry[] {
  if (!path) return [];
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: LedgerEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as LedgerEntry;
      if (isLedgerRecordType(e.recordType) && UUID.test(e.recordId) && UUID.test(e.regionId)) entries.push(e);
    } catch {
      // a torn last line
    }
  }
  return entries;
}

/** Which of the ledger's records of one type still exist in the transaction's region. */
export async function existing(tx: Tx, type: LedgerRecordType, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await sql<{
    id: string;
  }>`select id::text as id from ${sql.table(TABLES[type])} where id = any(${ids}::uuid[])`.execute(tx);
  return new Set(rows.rows.map((r) => r.id));
}
