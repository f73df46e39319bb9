/**
 * Builds the report's tables from raw aggregate counts, every count through the guard
 * (src/core/small-cells.ts). Pure: the SQL is in queries.ts.
 */
import {
  type GuardedCount,
  type Line,
  marginOverPeriods,
  protectCells,
  protectOneWay,
  protectTwoWay,
  SMALL,
  SMALL_COUNT_THRESHOLD,
  WITHHELD,
} from '../../core/small-cells.js';

export interface Column {
  key: string;
  label: string;
}
export interface Row {
  key: string;
  label: string;
  isTotal: boolean;
  values: GuardedCount[];
}
export interface Section {
  key: string;
  title: string;
  description: string;
  /** period: counts of a fixed period (quarters, year); snapshot: state on the day of the report;
   * activity: numbers of activities from the implementation plans, not persons; budget: amounts in
   * euro cents from the implementation plans (money, not counts: not suppressed). */
  basis: 'period' | 'snapshot' | 'activity' | 'budget';
  available: boolean;
  columns: Column[];
  rows: Row[];
}

export interface Category {
  key: string;
  label: string;
}

export interface Period {
  year: number;
  quarters: number;
  fromOn: string;
  toOn: string;
  complete: boolean;
}

export const SUPPRESSION_NOTE =
  `Aantallen van 1 tot en met ${SMALL_COUNT_THRESHOLD - 1} worden getoond als "${SMALL}"; soms wordt ook een 0 zo ` +
  `getoond, om een klein aantal ernaast te beschermen. "${WITHHELD}" betekent: niet getoond, om te voorkomen dat een ` +
  'klein aantal elders in de rij of kolom kan worden uitgerekend. Alleen hele kwartalen en kalenderjaren worden ' +
  'gerapporteerd; elk kwartaal wordt apart beschermd, zodat ook het verschil tussen twee rapporten geen klein aantal ' +
  'prijsgeeft.';

const QUARTER_LABELS = ['1e kwartaal', '2e kwartaal', '3e kwartaal', '4e kwartaal'];
export const MONTH_LABELS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

export function periodColumns(period: Period): Column[] {
  const quarters = Array.from({ length: period.quarters }, (_, i) => ({
    key: `q${i + 1}`,
    label: QUARTER_LABELS[i] as string,
  }));
  const yearLabel = period.complete ? `${period.year}` : `${period.year} t/m ${QUARTER_LABELS[period.quarters - 1]}`;
  return [...quarters, { key: 'year', label: yearLabel }];
}

/** counts[q][c]: quarter q (0-based) × category c. */
export type QuarterCounts = number[][];

/** Counts per quarter and category from aggregate rows ({quarter 1–4, category, n}). */
export function quarterCounts(
  period: Period,
  categories: readonly Category[],
  rows: ReadonlyArray<{ quarter: number; category: string; n: number }>,
  fallback?: string,
): QuarterCounts {
  const counts = Array.from({ length: period.quarters }, () => categories.map(() => 0));
  for (const r of rows) {
    let c = categories.findIndex((k) => k.key === r.category);
    if (c < 0 && fallback) c = categories.findIndex((k) => k.key === fallback);
    const q = r.quarter - 1;
    if (c < 0 || q < 0 || q >= period.quarters) continue;
    (counts[q] as number[])[c] = ((counts[q] as number[])[c] as number) + r.n;
  }
  return counts;
}

/**
 * A quarter × category table: each quarter protected on its own (its categories and its total), the
 * year column as the margin over the quarters (see marginOverPeriods).
 */
export function periodSection(
  meta: Omit<Section, 'columns' | 'rows' | 'basis' | 'available'>,
  period: Period,
  categories: readonly Category[],
  counts: QuarterCounts,
): Section {
  const perQuarter = counts.map((q) => {
    const { cells, total } = protectOneWay(q);
    return [...cells, total];
  });
  return assemblePeriodSection(meta, period, categories, perQuarter);
}

function assemblePeriodSection(
  meta: Omit<Section, 'columns' | 'rows' | 'basis' | 'available'>,
  period: Period,
  categories: readonly Category[],
  perQuarter: GuardedCount[][],
): Section {
  const year = marginOverPeriods(perQuarter);
  const rowsOf = [...categories, { key: 'total', label: 'Totaal' }];
  return {
    ...meta,
    basis: 'period',
    available: true,
    columns: periodColumns(period),
    rows: rowsOf.map((c, i) => ({
      key: c.key,
      label: c.label,
      isTotal: c.key === 'total',
      values: [...perQuarter.map((q) => q[i] as GuardedCount), year[i] as GuardedCount],
    })),
  };
}

/**
 * Signals: per month and per quarter × ideology. A quarter's months and its ideologies add up to the
 * same quarter total, so they are protected together, as one table with two lines. Signals the retention
 * job destroyed are counted by quarter only (their month is not kept): `byIdeology` includes them, and a
 * quarter with destroyed signals gets one more row after its months, "month not kept", in the same line
 * as the months. Whether that row exists depends on the quarter's own data only, like its protection.
 */
export function signalSections(
  period: Period,
  ideologies: readonly Category[],
  byMonth: number[],
  byIdeology: QuarterCounts,
  destroyedByQuarter: number[] = [],
): { perMonth: Section; perIdeology: Section } {
  const monthRows: Row[] = [];
  const ideologyColumns: GuardedCount[][] = [];
  const quarterTotals: GuardedCount[][] = [];
  for (let q = 0; q < period.quarters; q++) {
    const destroyed = destroyedByQuarter[q] ?? 0;
    const m = [...byMonth.slice(q * 3, q * 3 + 3), ...(destroyed > 0 ? [destroyed] : [])];
    const i = byIdeology[q] as number[];
    const total = m.reduce((s, v) => s + v, 0);
    if (i.reduce((s, v) => s + v, 0) !== total) throw new Error('signals per month and per ideology differ');
    // Layout: 3 months (and the destroyed signals of the quarter), then the ideologies, then the total.
    const values = [...m, ...i, total];
    const t = values.length - 1;
    const lines: Line[] = [
      { total: t, parts: m.map((_, k) => k) },
      { total: t, parts: i.map((_, k) => m.length + k) },
    ];
    const g = protectCells(values, lines);
    for (let k = 0; k < 3; k++) {
      monthRows.push({
        key: `m${q * 3 + k + 1}`,
        label: MONTH_LABELS[q * 3 + k] as string,
        isTotal: false,
        values: [g[k] as GuardedCount],
      });
    }
    if (destroyed > 0) {
      monthRows.push({
        key: `q${q + 1}-destroyed`,
        label: `${QUARTER_LABELS[q]}: vernietigd, maand niet bewaard`,
        isTotal: false,
        values: [g[3] as GuardedCount],
      });
    }
    ideologyColumns.push([...g.slice(m.length, t), g[t] as GuardedCount]);
    quarterTotals.push([g[t] as GuardedCount]);
  }
  const yearTotal = marginOverPeriods(quarterTotals)[0] as GuardedCount;
  const perMonth: Section = {
    key: 'signals-per-month',
    title: 'Meldingen per maand',
    description:
      'Ontvangen meldingen (signalen) naar maand van ontvangst. Van vernietigde meldingen is alleen het kwartaal ' +
      'bewaard: zij staan in een eigen regel na de maanden van hun kwartaal.',
    basis: 'period',
    available: true,
    columns: [{ key: 'count', label: 'Meldingen' }],
    rows: [...monthRows, { key: 'total', label: 'Totaal', isTotal: true, values: [yearTotal] }],
  };
  const perIdeology = assemblePeriodSection(
    {
      key: 'signals-by-ideology',
      title: 'Meldingen per kwartaal en ideologie',
      description: 'Ontvangen meldingen (signalen) naar kwartaal van ontvangst en ideologie.',
    },
    period,
    ideologies,
    ideologyColumns,
  );
  return { perMonth, perIdeology };
}

/** A state on the day of the report (e.g. cases by phase): one column, protected as a one-way table. */
export function snapshotSection(
  meta: Omit<Section, 'columns' | 'rows' | 'basis' | 'available'>,
  categories: readonly Category[],
  counts: number[],
): Section {
  const { cells, total } = protectOneWay(counts);
  return {
    ...meta,
    basis: 'snapshot',
    available: true,
    columns: [{ key: 'count', label: 'Aantal' }],
    rows: [
      ...categories.map((c, i) => ({ key: c.key, label: c.label, isTotal: false, values: [cells[i] as GuardedCount] })),
      { key: 'total', label: 'Totaal', isTotal: true, values: [total] },
    ],
  };
}

/** Activities per action line (rows) and municipality (columns), with totals, as a two-way table. */
export function activitySection(
  meta: Omit<Section, 'columns' | 'rows' | 'basis' | 'available'>,
  rows: readonly Category[],
  columns: readonly Category[],
  matrix: number[][],
): Section {
  return twoWaySection(meta, 'activity', rows, columns, protectTwoWay(matrix));
}

/** A two-way table: a row per row category, a column per column category, and a total column and row. */
function twoWaySection(
  meta: Omit<Section, 'columns' | 'rows' | 'basis' | 'available'>,
  basis: Section['basis'],
  rows: readonly Category[],
  columns: readonly Category[],
  t: { cells: GuardedCount[][]; rowTotals: GuardedCount[]; columnTotals: GuardedCount[]; total: GuardedCount },
): Section {
  return {
    ...meta,
    basis,
    available: true,
    columns: [...columns.map((c) => ({ key: c.key, label: c.label })), { key: 'total', label: 'Totaal' }],
    rows: [
      ...rows.map((r, i) => ({
        key: r.key,
        label: r.label,
        isTotal: false,
        values: [...(t.cells[i] as GuardedCount[]), t.rowTotals[i] as GuardedCount],
      })),
      { key: 'total', label: 'Totaal', isTotal: true, values: [...t.columnTotals, t.total] },
    ],
  };
}

/**
 * Budgets per action line (rows) and municipality (columns) in euro cents, with totals. Amounts of
 * money for activities are not counts of people: they are not suppressed (a budget of € 3 does not
 * single anyone out), and exact sums are kept as integers.
 */
export function budgetSection(
  meta: Omit<Section, 'columns' | 'rows' | 'basis' | 'available'>,
  rows: readonly Category[],
  columns: readonly Category[],
  matrix: number[][],
): Section {
  for (const row of matrix) {
    for (const v of row)
      if (!Number.isSafeInteger(v) || v < 0) throw new Error(`budget: ${v} is not an amount in cents`);
  }
  const rowTotals = matrix.map((r) => r.reduce((s, v) => s + v, 0));
  const columnTotals = columns.map((_, c) => matrix.reduce((s, r) => s + (r[c] as number), 0));
  const total = rowTotals.reduce((s, v) => s + v, 0);
  return twoWaySection(meta, 'budget', rows, columns, { cells: matrix, rowTotals, columnTotals, total });
}

/** A section whose source does not exist in this installation. */
export function unavailableSection(meta: Omit<Section, 'columns' | 'rows' | 'basis' | 'available'>): Section {
  return { ...meta, basis: 'period', available: false, columns: [], rows: [] };
}
