/**
 * The reporting guard: every count that leaves Schakel in a report or dashboard passes through here, so
 * that no published figure — alone, combined with the totals next to it, or subtracted from another
 * report — reveals a count from 1 to 4. Pure: no SQL, no HTTP.
 *
 * What a published cell means
 * - a number: the exact count. 0 is shown as 0 (knowing that a group is empty is not about a person).
 * - "<5": a count from 0 to 4. Counts from 1 to 4 are always shown like this (primary suppression);
 *   an empty cell is sometimes shown like this too, to protect a small one next to it. So "<5" never
 *   tells a reader whether the group is empty.
 * - "x": withheld to protect a small count elsewhere in its row or column (complementary suppression).
 *
 * Complementary suppression. Totals are computed from the real counts. A table declares its lines: each
 * line says "this total is the sum of these parts". Whenever a line would let a reader work out a hidden
 * cell — because it is the only hidden cell of the line, or because what is known about the hidden cells
 * ("<5" is 0–4, "x" is at least 5) pins it down, e.g. two "<5" cells that must add up to 8 — another cell
 * of that line is hidden: an empty cell first (shown "<5", which is true), otherwise the smallest count
 * (shown "x"). An audit then propagates the bounds through every line of the table until nothing changes
 * (interval constraint propagation) and repeats the step until no small count is pinned. For one-way
 * tables and nested (hierarchical) tables this audit is exact; for two-way tables it is the standard
 * bounds audit, not a proof against every combination of equations — Schakel only publishes two-way
 * tables of activity counts (interventions run), never of persons.
 *
 * Periods. Only whole fixed periods are reportable — calendar quarters, and the calendar year as the
 * sum of its quarters — never an arbitrary date range. Each quarter is protected on its own, from that
 * quarter's data only, so it is published identically in every report that contains it: the report
 * "through Q1" and the report "through Q2" show the same Q1 column. A year (or year-to-date) margin cell
 * is shown only when every quarter cell it adds up is shown, and is "x" otherwise; such a margin carries
 * no information beyond the quarter cells, so subtracting two reports (A and A+B) gives nothing that the
 * later report does not already show — and that is protected.
 */

export const SMALL_COUNT_THRESHOLD = 5;
/** A count from 0 to 4 (1–4 always; 0 when hidden to protect a neighbour). */
export const SMALL = '<5' as const;
/** Withheld to protect a small count elsewhere in the row or column. */
export const WITHHELD = 'x' as const;
export type GuardedCount = number | typeof SMALL | typeof WITHHELD;

/** A linear relation of a table: `cells[total]` is the sum of `cells[parts]`. */
export interface Line {
  total: number;
  parts: readonly number[];
}

const isSmall = (v: number) => v >= 1 && v < SMALL_COUNT_THRESHOLD;

function assertCounts(values: readonly number[], lines: readonly Line[]) {
  for (const v of values) {
    if (!Number.isSafeInteger(v) || v < 0) throw new Error(`small-cells: ${v} is not a count`);
  }
  for (const line of lines) {
    const indices = [line.total, ...line.parts];
    if (indices.some((i) => !Number.isInteger(i) || i < 0 || i >= values.length)) {
      throw new Error('small-cells: a line refers to a cell that does not exist');
    }
    const sum = line.parts.reduce((s, i) => s + (values[i] as number), 0);
    if (sum !== values[line.total]) {
      throw new Error(`small-cells: a total (${values[line.total]}) is not the sum of its parts (${sum})`);
    }
  }
}

/** What a reader knows about each cell: the exact value, or the range its marker stands for. */
function initialBounds(values: readonly number[], hidden: ReadonlySet<number>): Array<[number, number]> {
  return values.map((v, i) => {
    if (!hidden.has(i)) return [v, v];
    return v < SMALL_COUNT_THRESHOLD
      ? [0, SMALL_COUNT_THRESHOLD - 1]
      : [SMALL_COUNT_THRESHOLD, Number.POSITIVE_INFINITY];
  });
}

/**
 * The tightest bounds a reader can derive for every cell by propagating the lines' sums (to a
 * fixpoint). Exposed for tests and for auditing a published table.
 */
export function deriveBounds(
  values: readonly number[],
  lines: readonly Line[],
  hidden: ReadonlySet<number>,
): Array<[number, number]> {
  const bounds = initialBounds(values, hidden);
  const lo = (i: number) => (bounds[i] as [number, number])[0];
  const hi = (i: number) => (bounds[i] as [number, number])[1];
  const tighten = (i: number, newLo: number, newHi: number): boolean => {
    const b = bounds[i] as [number, number];
    const l = Math.max(b[0], newLo, 0);
    const h = Math.min(b[1], newHi);
    if (l === b[0] && h === b[1]) return false;
    bounds[i] = [l, h];
    return true;
  };
  // Each pass can only narrow a bound, and bounds are integers or infinite: this terminates; the cap
  // is a safety net against a bug, not a limit that is reached.
  for (let pass = 0; pass < 10_000; pass++) {
    let changed = false;
    for (const { total, parts } of lines) {
      const sumLo = parts.reduce((s, p) => s + lo(p), 0);
      const sumHi = parts.reduce((s, p) => s + hi(p), 0);
      changed = tighten(total, sumLo, sumHi) || changed;
      for (const p of parts) {
        const othersLo = sumLo - lo(p);
        const othersHi = sumHi === Number.POSITIVE_INFINITY ? otherHi(parts, p, hi) : sumHi - hi(p);
        changed = tighten(p, lo(total) - othersHi, hi(total) - othersLo) || changed;
      }
    }
    if (!changed) break;
  }
  return bounds;
}

function otherHi(parts: readonly number[], skip: number, hi: (i: number) => number): number {
  let s = 0;
  for (const p of parts) if (p !== skip) s += hi(p);
  return s;
}

/** The small counts a reader could pin down exactly from the published cells. */
export function pinnedSmallCells(values: readonly number[], lines: readonly Line[], hidden: ReadonlySet<number>) {
  const bounds = deriveBounds(values, lines, hidden);
  const pinned: number[] = [];
  values.forEach((v, i) => {
    const [l, h] = bounds[i] as [number, number];
    if (isSmall(v) && l === h) pinned.push(i);
  });
  return pinned;
}

/** The cell of `candidates` whose hiding costs the least: an empty one, else the smallest count. */
function cheapest(values: readonly number[], candidates: readonly number[]): number | undefined {
  let best: number | undefined;
  for (const c of candidates) {
    if (best === undefined) {
      best = c;
      continue;
    }
    const vc = values[c] as number;
    const vb = values[best] as number;
    if (vc < vb || (vc === vb && c < best)) best = c;
  }
  return best;
}

/**
 * Protects the cells of one table whose lines (total = sum of parts) are published together. Returns
 * the cells as they may be published. Deterministic: the same counts always give the same pattern.
 */
export function protectCells(values: readonly number[], lines: readonly Line[]): GuardedCount[] {
  assertCounts(values, lines);
  const hidden = new Set<number>();
  values.forEach((v, i) => {
    if (isSmall(v)) hidden.add(i);
  });
  const linesOf = (cell: number) => lines.filter((l) => l.total === cell || l.parts.includes(cell));
  const hideOneMore = (line: Line): boolean => {
    const open = [line.total, ...line.parts].filter((c) => !hidden.has(c));
    // Parts before the total: hiding a part keeps the total (the most useful figure) visible.
    const pick =
      cheapest(
        values,
        open.filter((c) => c !== line.total),
      ) ?? cheapest(values, open);
    if (pick === undefined) return false;
    hidden.add(pick);
    return true;
  };

  for (let round = 0; round <= values.length; round++) {
    let changed = false;
    for (const line of lines) {
      const cells = [line.total, ...line.parts];
      if (cells.filter((c) => hidden.has(c)).length === 1) changed = hideOneMore(line) || changed;
    }
    if (changed) continue;
    const pinned = pinnedSmallCells(values, lines, hidden);
    if (pinned.length === 0) break;
    const widened = linesOf(pinned[0] as number).some((line) => hideOneMore(line));
    if (!widened) {
      // Every cell around it is hidden already and it is still pinned: withhold the whole table.
      values.forEach((_, i) => {
        hidden.add(i);
      });
      break;
    }
  }
  return values.map((v, i) => (hidden.has(i) ? (v < SMALL_COUNT_THRESHOLD ? SMALL : WITHHELD) : v));
}

/** A one-way table: the counts of the categories and their total. */
export function protectOneWay(counts: readonly number[]): { cells: GuardedCount[]; total: GuardedCount } {
  const total = counts.reduce((s, v) => s + v, 0);
  const values = [...counts, total];
  const guarded = protectCells(values, [{ total: counts.length, parts: counts.map((_, i) => i) }]);
  return { cells: guarded.slice(0, counts.length), total: guarded[counts.length] as GuardedCount };
}

/** A two-way table (rows × columns) with row totals, column totals and the grand total. */
export function protectTwoWay(matrix: readonly (readonly number[])[]): {
  cells: GuardedCount[][];
  rowTotals: GuardedCount[];
  columnTotals: GuardedCount[];
  total: GuardedCount;
} {
  const rows = matrix.length;
  const cols = matrix[0]?.length ?? 0;
  if (matrix.some((r) => r.length !== cols)) throw new Error('small-cells: ragged matrix');
  // Layout: cells row by row, then row totals, then column totals, then the grand total.
  const cell = (r: number, c: number) => r * cols + c;
  const rowTotal = (r: number) => rows * cols + r;
  const colTotal = (c: number) => rows * cols + rows + c;
  const grand = rows * cols + rows + cols;
  const values: number[] = [];
  for (const row of matrix) values.push(...row);
  for (const row of matrix) values.push(row.reduce((s, v) => s + v, 0));
  for (let c = 0; c < cols; c++) values.push(matrix.reduce((s, row) => s + (row[c] as number), 0));
  values.push(matrix.reduce((s, row) => s + row.reduce((a, v) => a + v, 0), 0));
  const lines: Line[] = [];
  for (let r = 0; r < rows; r++) lines.push({ total: rowTotal(r), parts: range(cols).map((c) => cell(r, c)) });
  for (let c = 0; c < cols; c++) lines.push({ total: colTotal(c), parts: range(rows).map((r) => cell(r, c)) });
  lines.push({ total: grand, parts: range(rows).map(rowTotal) });
  lines.push({ total: grand, parts: range(cols).map(colTotal) });
  const g = protectCells(values, lines);
  return {
    cells: range(rows).map((r) => range(cols).map((c) => g[cell(r, c)] as GuardedCount)),
    rowTotals: range(rows).map((r) => g[rowTotal(r)] as GuardedCount),
    columnTotals: range(cols).map((c) => g[colTotal(c)] as GuardedCount),
    total: g[grand] as GuardedCount,
  };
}

/**
 * The margin over fixed periods that were each protected on their own (e.g. the year column next to
 * the quarter columns): a margin cell is the exact sum when every period cell it adds up is shown, and
 * "x" otherwise. It then tells a reader nothing the period cells do not, so it cannot be subtracted
 * from anything to recover a hidden count.
 */
export function marginOverPeriods(periods: readonly (readonly GuardedCount[])[]): GuardedCount[] {
  const width = periods[0]?.length ?? 0;
  return range(width).map((i) => {
    let sum = 0;
    for (const p of periods) {
      const v = p[i];
      if (typeof v !== 'number') return WITHHELD;
      sum += v;
    }
    return sum;
  });
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** The calendar quarter (1–4) of an ISO date (YYYY-MM-DD). */
export function quarterOf(isoDate: string): 1 | 2 | 3 | 4 {
  const month = Number(isoDate.slice(5, 7));
  return (Math.floor((month - 1) / 3) + 1) as 1 | 2 | 3 | 4;
}

/**
 * The reportable period of a year on `today` (YYYY-MM-DD): the whole year once it has ended; for the
 * running year only its completed quarters (never "up to today", which would change every day and
 * could be subtracted from yesterday's figures). Null for a year none of whose quarters has ended.
 */
export function reportablePeriod(
  year: number,
  today: string,
): { year: number; quarters: number; fromOn: string; toOn: string; complete: boolean } | null {
  const thisYear = Number(today.slice(0, 4));
  if (year > thisYear) return null;
  const quarters = year < thisYear ? 4 : quarterOf(today) - 1;
  if (quarters === 0) return null;
  const lastMonth = quarters * 3;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return {
    year,
    quarters,
    fromOn: `${year}-01-01`,
    toOn: `${year}-${String(lastMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`,
    complete: quarters === 4,
  };
}
