import { type Kysely, sql } from 'kysely';

/** Column types a bulk insert can carry; arrays and JSON travel as text and are cast in SQL. */
export type BulkType =
  | 'uuid'
  | 'text'
  | 'date'
  | 'timestamptz'
  | 'int'
  | 'smallint'
  | 'bigint'
  | 'bool'
  | 'jsonb'
  | 'text[]';

type Value = string | number | boolean | null;

/**
 * Rows of one table, collected column by column and written with `INSERT … SELECT FROM unnest(…)`:
 * one parameter per column whatever the number of rows, so a batch of thousands of rows is a single
 * statement on PGlite and on a PostgreSQL server alike. Table and column names are fixed strings of
 * the generator, never input.
 */
export class BulkTable<C extends string> {
  private readonly data: Record<string, Value[]>;
  private readonly entries: Array<[C, BulkType]>;
  private count = 0;

  constructor(
    readonly table: string,
    private readonly columns: Readonly<Record<C, BulkType>>,
  ) {
    this.data = {};
    this.entries = Object.entries(columns) as Array<[C, BulkType]>;
    for (const c of Object.keys(columns)) this.data[c] = [];
  }

  get size(): number {
    return this.count;
  }

  push(row: Readonly<Record<C, Value | Date | readonly string[]>>): void {
    for (const [c, type] of this.entries) (this.data[c] as Value[]).push(encode(row[c], type));
    this.count += 1;
  }

  /** Writes every collected row in batches and empties the buffer. Returns the number of rows. */
  async flush(db: Kysely<any>, batchSize = 5_000): Promise<number> {
    const names = Object.keys(this.columns) as C[];
    const written = this.count;
    for (let start = 0; start < this.count; start += batchSize) {
      const end = Math.min(this.count, start + batchSize);
      const arrays = names.map((c) => {
        const type = this.columns[c];
        const base = type === 'jsonb' || type === 'text[]' ? 'text' : type;
        return sql`${(this.data[c] as Value[]).slice(start, end)}::${sql.raw(base)}[]`;
      });
      const selects = names.map((c) => {
        const type = this.columns[c];
        return type === 'jsonb' || type === 'text[]' ? sql`${sql.ref(`t.${c}`)}::${sql.raw(type)}` : sql.ref(`t.${c}`);
      });
      await sql`insert into ${sql.table(this.table)} (${sql.join(names.map((c) => sql.ref(c)))})
        select ${sql.join(selects)} from unnest(${sql.join(arrays)}) as t(${sql.join(names.map((c) => sql.ref(c)))})`.execute(
        db,
      );
    }
    for (const c of names) this.data[c] = [];
    this.count = 0;
    return written;
  }
}

function encode(v: Value | Date | readonly string[] | undefined, type: BulkType): Value {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) {
    if (type !== 'text[]') throw new Error(`array given for a ${type} column`);
    return `{${v.map((s) => `"${String(s).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
  }
  return v as Value;
}
