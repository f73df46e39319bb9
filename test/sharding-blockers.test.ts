/**
 * scripts/sharding-blockers.ts: the comparison with the baseline (the list may only shrink), the
 * numbering of tenant-less transactions, and the catalogue checks on a small schema of its own.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  codeBlockers,
  compareWithBaseline,
  crossRegionQueries,
  normalise,
  schemaBlockers,
} from '../scripts/sharding-blockers.js';
import { type Db, openDatabase } from '../src/platform/db/database.js';

describe('comparison with the baseline', () => {
  it('a new blocker is reported as added; a baseline line that is gone as removed', () => {
    const baseline = ['# header', 'table-without-region_id users', 'key-without-region_id a.a_pkey (primary key: id)'];
    expect(compareWithBaseline(['table-without-region_id users'], baseline)).toEqual({
      added: [],
      removed: ['key-without-region_id a.a_pkey (primary key: id)'],
    });
    expect(
      compareWithBaseline(
        [
          'table-without-region_id users',
          'key-without-region_id a.a_pkey (primary key: id)',
          'table-without-region_id x',
        ],
        baseline,
      ),
    ).toEqual({ added: ['table-without-region_id x'], removed: [] });
    expect(compareWithBaseline(['b', 'a'], ['a', '', 'b', '# comment'])).toEqual({ added: [], removed: [] });
    // Both at once: one replaced by another is still a new blocker.
    expect(compareWithBaseline(['y'], ['x'])).toEqual({ added: ['y'], removed: ['x'] });
  });

  it('normalises: trimmed, without comments and blank lines, unique and sorted', () => {
    expect(normalise(['  b ', 'a', '', '# x', 'a'])).toEqual(['a', 'b']);
  });

  it('numbers the tenant-less transactions of a file, so one more shows up as new', () => {
    const text = 'withTx(db, { regionId: null }, f); withTx(db, {regionId:null}, g); withTx(db, { regionId: id }, h)';
    expect(crossRegionQueries('src/x.ts', text)).toEqual([
      'cross-region-query src/x.ts#1',
      'cross-region-query src/x.ts#2',
    ]);
    const before = crossRegionQueries('src/x.ts', text);
    const after = crossRegionQueries('src/x.ts', `${text} withTx(db, { regionId: null }, k)`);
    expect(compareWithBaseline(after, before).added).toEqual(['cross-region-query src/x.ts#3']);
  });

  it('finds the tenant-less transactions of the real source tree (tests excluded)', () => {
    const found = codeBlockers();
    expect(found).toContain('cross-region-query src/modules/privacy/retention.ts#1');
    expect(found.some((l) => l.includes('.test.ts'))).toBe(false);
  });
});

describe('catalogue checks', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDatabase({ kind: 'embedded', dataDir: 'memory://' });
    await sql
      .raw(`
      CREATE TABLE regions (id uuid PRIMARY KEY);
      CREATE TABLE people (id uuid PRIMARY KEY, name text);
      CREATE TABLE cases (region_id uuid NOT NULL REFERENCES regions, id uuid, PRIMARY KEY (region_id, id));
      CREATE TABLE notes (region_id uuid NOT NULL, id uuid PRIMARY KEY, case_id uuid, code text,
        FOREIGN KEY (region_id, case_id) REFERENCES cases (region_id, id), UNIQUE (region_id, code));
      CREATE TABLE flags (region_id uuid, case_id uuid REFERENCES notes (id));
      CREATE UNIQUE INDEX flags_case ON flags (case_id);
      CREATE TABLE catalogue (id uuid PRIMARY KEY, note_id uuid REFERENCES notes (id));
    `)
      .execute(db.owner);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('lists tables, nullable columns, keys and foreign keys that block distribution by region_id', async () => {
    const found = normalise(await schemaBlockers(db.owner, { regions: 'tenants', catalogue: 'test' }));
    expect(found).toEqual([
      'fk-reference-to-distributed catalogue.catalogue_note_id_fkey (note_id) -> notes (id)',
      'fk-without-region_id flags.flags_case_id_fkey (case_id) -> notes (id)',
      'key-without-region_id flags.flags_case (unique: case_id)',
      'key-without-region_id notes.notes_pkey (primary key: id)',
      'nullable-region_id flags',
      'table-without-region_id people',
    ]);
  });
});
