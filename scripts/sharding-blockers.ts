/**
 * `npx tsx scripts/sharding-blockers.ts [--write]` — what blocks distributing Schakel's tables by
 * `region_id` on Citus (distributed PostgreSQL), compared with the committed baseline
 * docs/sharding-blockers.txt. The list may only shrink: a NEW blocker exits 1; a blocker that
 * disappeared is reported with the request to update the baseline (`--write` does that).
 *
 * It migrates an in-memory PGlite (the same migrations as production) and reads the catalogue:
 *  - table-without-region_id: a table that is neither a declared reference table (REFERENCE_TABLES)
 *    nor has a region_id column — it cannot be co-located with the regions' data;
 *  - nullable-region_id: Citus refuses NULL in the distribution column;
 *  - key-without-region_id: a primary key, unique constraint or unique index of a table with
 *    region_id that does not contain region_id (Citus enforces uniqueness only per shard);
 *  - fk-without-region_id: a foreign key between two distributed tables whose columns do not include
 *    region_id on both sides (Citus needs co-located foreign keys);
 *  - fk-reference-to-distributed: a foreign key from a reference table to a distributed table
 *    (not supported by Citus);
 *  - cross-region-query: source code that opens a transaction without a tenant
 *    (`withTx(…, { regionId: null }, …)`), i.e. that may read or write several regions at once. Found
 *    by a plain text search of src/ (tests excluded), numbered per file: a new one in a file appends
 *    a number, so it shows up as new. A text search cannot prove that such a transaction really
 *    crosses regions (many read only the regions catalogue); each one is a place to review.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Kysely, sql } from 'kysely';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const BASELINE = join(ROOT, 'docs', 'sharding-blockers.txt');

/**
 * Tables that would be Citus reference tables (copied to every node) or stay on the coordinator —
 * small, read-mostly catalogues not owned by one region. Adding a table here is a design decision:
 * write down why.
 */
export const REFERENCE_TABLES: Record<string, string> = {
  regions: 'the tenants themselves: the catalogue every shard joins against',
  organisations: 'the organisations catalogue, shared by the regions an organisation works in',
  schema_migrations: 'bookkeeping of the migrations, coordinator only',
  secret_key_check: 'one row: the key check value of the installation',
  job_runs: 'cluster-wide claims of scheduled jobs (one run per period for all regions)',
};

/** Sorted, unique. */
export function normalise(lines: Iterable<string>): string[] {
  return [...new Set([...lines].map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')))].sort();
}

export interface Comparison {
  /** Blockers that are not in the baseline: the check fails. */
  added: string[];
  /** Blockers of the baseline that are gone: the baseline must be updated. */
  removed: string[];
}

export function compareWithBaseline(current: Iterable<string>, baseline: Iterable<string>): Comparison {
  const now = new Set(normalise(current));
  const before = new Set(normalise(baseline));
  return {
    added: [...now].filter((l) => !before.has(l)).sort(),
    removed: [...before].filter((l) => !now.has(l)).sort(),
  };
}

/** Numbers the tenant-less transactions of one file's text: `cross-region-query <file>#1`, … */
export function crossRegionQueries(file: string, text: string): string[] {
  const count = (text.match(/\{\s*regionId:\s*null\s*\}/g) ?? []).length;
  return Array.from({ length: count }, (_, i) => `cross-region-query ${file}#${i + 1}`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'web' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.includes('test-support')
      ? [path]
      : [];
  });
}

interface KeyRow {
  table: string;
  name: string;
  kind: string;
  columns: string[];
}

interface ForeignKeyRow {
  table: string;
  name: string;
  columns: string[];
  target: string;
  target_columns: string[];
}

/** The schema blockers of a migrated database (the owner's connection). */
export async function schemaBlockers(
  owner: Kysely<any>,
  reference: Record<string, string> = REFERENCE_TABLES,
): Promise<string[]> {
  const tables = (
    await sql<{ table: string; has_region: boolean; not_null: boolean }>`
      select c.relname as table, a.attname is not null as has_region, coalesce(a.attnotnull, false) as not_null
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      left join pg_attribute a on a.attrelid = c.oid and a.attname = 'region_id' and not a.attisdropped
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition`.execute(owner)
  ).rows;
  const distributed = new Set(tables.filter((t) => !(t.table in reference)).map((t) => t.table));
  const out: string[] = [];
  for (const t of tables) {
    if (!distributed.has(t.table)) continue;
    if (!t.has_region) out.push(`table-without-region_id ${t.table}`);
    else if (!t.not_null) out.push(`nullable-region_id ${t.table}`);
  }
  const keys = (
    await sql<KeyRow>`
      select c.relname as table, i.relname as name,
             case when x.indisprimary then 'primary key' else 'unique' end as kind,
             array(select a.attname::text from unnest(x.indkey) with ordinality k(attnum, ord)
                   join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum order by k.ord) as columns
      from pg_index x
      join pg_class c on c.oid = x.indrelid
      join pg_class i on i.oid = x.indexrelid
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and x.indisunique`.execute(owner)
  ).rows;
  const withRegion = new Set(tables.filter((t) => t.has_region).map((t) => t.table));
  for (const k of keys) {
    // Tables without region_id are listed once above; their keys follow when the column is added.
    if (!distributed.has(k.table) || !withRegion.has(k.table) || k.columns.includes('region_id')) continue;
    out.push(`key-without-region_id ${k.table}.${k.name} (${k.kind}: ${k.columns.join(', ') || 'expression'})`);
  }
  const foreignKeys = (
    await sql<ForeignKeyRow>`
      select c.relname as table, f.conname as name, t.relname as target,
             array(select a.attname::text from unnest(f.conkey) with ordinality k(attnum, ord)
                   join pg_attribute a on a.attrelid = f.conrelid and a.attnum = k.attnum order by k.ord) as columns,
             array(select a.attname::text from unnest(f.confkey) with ordinality k(attnum, ord)
                   join pg_attribute a on a.attrelid = f.confrelid and a.attnum = k.attnum order by k.ord)
               as target_columns
      from pg_constraint f
      join pg_class c on c.oid = f.conrelid
      join pg_class t on t.oid = f.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and f.contype = 'f'`.execute(owner)
  ).rows;
  for (const f of foreignKeys) {
    const from = distributed.has(f.table);
    const to = distributed.has(f.target);
    const label = `${f.table}.${f.name} (${f.columns.join(', ')}) -> ${f.target} (${f.target_columns.join(', ')})`;
    if (from && to) {
      const pos = f.columns.indexOf('region_id');
      if (pos < 0 || f.target_columns[pos] !== 'region_id') out.push(`fk-without-region_id ${label}`);
    } else if (!from && to) {
      out.push(`fk-reference-to-distributed ${label}`);
    }
  }
  return out;
}

export function codeBlockers(root = ROOT): string[] {
  return sourceFiles(join(root, 'src')).flatMap((path) =>
    crossRegionQueries(relative(root, path), readFileSync(path, 'utf8')),
  );
}

export async function currentBlockers(): Promise<string[]> {
  const { openDatabase } = await import('../src/platform/db/database.js');
  const { migrate } = await import('../src/platform/db/migrate.js');
  const db = await openDatabase({ kind: 'embedded', dataDir: 'memory://' });
  try {
    await migrate(db);
    return normalise([...(await schemaBlockers(db.owner)), ...codeBlockers()]);
  } finally {
    await db.close();
  }
}

function readBaseline(): string[] {
  try {
    return normalise(readFileSync(BASELINE, 'utf8').split('\n'));
  } catch {
    return [];
  }
}

const HEADER = `# What blocks distributing Schakel by region_id on Citus — written by scripts/sharding-blockers.ts.
# This list may only shrink: npm test fails when a new line appears. After removing a blocker, run
#   npx tsx scripts/sharding-blockers.ts --write
# and commit this file. See docs/operations.md ("Scale-out beyond one database").
`;

async function main() {
  const current = await currentBlockers();
  if (process.argv.includes('--write')) {
    writeFileSync(BASELINE, `${HEADER}${current.join('\n')}\n`);
    console.log(`sharding blockers: ${current.length}, written to ${relative(ROOT, BASELINE)}`);
    return;
  }
  const { added, removed } = compareWithBaseline(current, readBaseline());
  const byKind = new Map<string, number>();
  for (const line of current)
    byKind.set(line.split(' ')[0] as string, (byKind.get(line.split(' ')[0] as string) ?? 0) + 1);
  console.log(
    `sharding blockers: ${current.length} (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}); baseline ${relative(ROOT, BASELINE)}`,
  );
  if (removed.length > 0) {
    console.log(
      `\n${removed.length} blocker(s) gone — update the baseline (npx tsx scripts/sharding-blockers.ts --write):`,
    );
    for (const line of removed) console.log(`  - ${line}`);
  }
  if (added.length > 0) {
    console.error(`\n${added.length} NEW blocker(s) — the list may only shrink (docs/operations.md):`);
    for (const line of added) console.error(`  + ${line}`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error('sharding-blockers failed:', error instanceof Error ? error.message : error);
    process.exit(2);
  });
}
