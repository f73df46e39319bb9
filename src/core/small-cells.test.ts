import { describe, expect, it } from 'vitest';
import {
  type GuardedCount,
  type Line,
  marginOverPeriods,
  pinnedSmallCells,
  protectCells,
  protectOneWay,
  protectTwoWay,
  quarterOf,
  reportablePeriod,
  SMALL,
  WITHHELD,
} from './small-cells.js';

/** A deterministic pseudo-random generator, so a failing case can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s % n;
  };
}

/**
 * The attacker: everything published (one or more tables over the same unknown counts) as equations
 * "total = sum of parts" where each cell is a known number or an unknown with the range its marker
 * stands for. Returns, for every unknown shown as "<5", each value 0–4 for which some assignment of all
 * unknowns fits everything published. Exhaustive, so it finds what any combination of equations reveals.
 */
interface Published {
  /** Unknown cells are named; known cells are numbers. */
  equations: Array<{ total: string | number; parts: Array<string | number> }>;
  /** "<5" is 0–4 and "x" (withheld beside a small count) at least 5; "any" is a margin over periods. */
  unknowns: Record<string, GuardedCount | 'any'>;
}

function attack(p: Published, maxValue = 40): Map<string, Set<number>> {
  const names = Object.keys(p.unknowns);
  // A part can never exceed a known total it adds up to: the only pruning, and a sound one.
  const cap = (name: string) =>
    Math.min(
      maxValue,
      ...p.equations.filter((e) => typeof e.total === 'number' && e.parts.includes(name)).map((e) => e.total as number),
    );
  const domain = (name: string): number[] => {
    const marker = p.unknowns[name];
    const from = marker === SMALL || marker === 'any' ? 0 : 5;
    const to = Math.min(cap(name), marker === SMALL ? 4 : Number.POSITIVE_INFINITY);
    return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => i + from);
  };
  const possible = new Map(names.map((n) => [n, new Set<number>()]));
  const value: Record<string, number> = {};
  const assigned = new Set<string>();
  const known = (x: string | number) => typeof x === 'number' || assigned.has(x);
  const val = (x: string | number) => (typeof x === 'number' ? x : (value[x] as number));
  const relevant = new Map(names.map((n) => [n, p.equations.filter((e) => e.total === n || e.parts.includes(n))]));
  /** 'ok', or 'fail', or 'over' when a larger value of `name` can only fail as well. */
  const check = (name: string): 'ok' | 'fail' | 'over' => {
    let result: 'ok' | 'fail' = 'ok';
    for (const e of relevant.get(name) ?? []) {
      const sum = e.parts.reduce((s: number, c) => s + (known(c) ? val(c) : 0), 0);
      const allParts = e.parts.every(known);
      if (known(e.total)) {
        const total = val(e.total);
        if (sum > total) {
          if (e.parts.includes(name)) return 'over';
          result = 'fail';
        } else if (allParts && sum !== total) {
          if (e.total === name && total > sum) return 'over';
          result = 'fail';
        }
      }
    }
    return result;
  };
  /** Is there any filling of the unknowns from i on that fits everything published? */
  const solvable = (i: number, fixed: Map<string, number>): boolean => {
    if (i === names.length) return true;
    const name = names[i] as string;
    assigned.add(name);
    try {
      const pinnedTo = fixed.get(name);
      for (const v of pinnedTo === undefined ? domain(name) : [pinnedTo]) {
        value[name] = v;
        const outcome = check(name);
        if (outcome === 'ok' && solvable(i + 1, fixed)) return true;
        if (outcome === 'over') break;
      }
      return false;
    } finally {
      assigned.delete(name);
    }
  };
  // For every small-looking unknown, which of its values still fit everything published.
  for (const name of names) {
    if (p.unknowns[name] !== SMALL) continue;
    for (const v of [0, 1, 2, 3, 4]) {
      if (solvable(0, new Map([[name, v]]))) possible.get(name)?.add(v);
    }
  }
  return possible;
}

/** Turns one protected table into the attacker's view of it (hidden cell i is unknown `${prefix}${i}`). */
function published(prefix: string, cells: GuardedCount[], lines: Line[]): Published {
  const name = (i: number) => (typeof cells[i] === 'number' ? (cells[i] as number) : `${prefix}${i}`);
  const unknowns: Record<string, GuardedCount> = {};
  cells.forEach((c, i) => {
    if (typeof c !== 'number') unknowns[`${prefix}${i}`] = c;
  });
  return { equations: lines.map((l) => ({ total: name(l.total), parts: l.parts.map(name) })), unknowns };
}

/**
 * The attacker for a two-way table: enumerates the hidden inner cells (the totals follow from them)
 * and keeps every filling that matches each shown total and the range of each hidden one.
 */
function attackTwoWay(t: ReturnType<typeof protectTwoWay>): Array<Array<Set<number>>> {
  const rows = t.cells.length;
  const cols = t.cells[0]?.length ?? 0;
  const fits = (shown: GuardedCount, sum: number) =>
    typeof shown === 'number' ? shown === sum : shown === SMALL ? sum <= 4 : sum >= 5;
  /** While a line still has unfilled cells its sum may only grow: prune when it is already too big. */
  const mayGrowInto = (shown: GuardedCount, sum: number) =>
    typeof shown === 'number' ? sum <= shown : shown === SMALL ? sum <= 4 : true;
  const possible = t.cells.map((row) => row.map(() => new Set<number>()));
  const filling = t.cells.map((row) => row.map((v) => (typeof v === 'number' ? v : 0)));
  const hiddenCells: Array<[number, number]> = [];
  t.cells.forEach((row, r) => {
    row.forEach((v, c) => {
      if (typeof v !== 'number') hiddenCells.push([r, c]);
    });
  });
  const open = { row: Array(rows).fill(0) as number[], col: Array(cols).fill(0) as number[] };
  for (const [r, c] of hiddenCells) {
    (open.row[r] as number)++;
    (open.col[c] as number)++;
  }
  const rowSum = (r: number) => (filling[r] as number[]).reduce((s, v) => s + v, 0);
  const colSum = (c: number) => filling.reduce((s, row) => s + (row[c] as number), 0);
  const lineOk = (shown: GuardedCount, sum: number, stillOpen: number) =>
    stillOpen === 0 ? fits(shown, sum) : mayGrowInto(shown, sum);
  const walk = (i: number) => {
    if (i === hiddenCells.length) {
      if (
        !fits(
          t.total,
          filling.flat().reduce((s, v) => s + v, 0),
        )
      )
        return;
      for (const [r, c] of hiddenCells) possible[r]?.[c]?.add(filling[r]?.[c] as number);
      return;
    }
    const [r, c] = hiddenCells[i] as [number, number];
    const marker = t.cells[r]?.[c];
    const from = marker === SMALL ? 0 : 5;
    const to = marker === SMALL ? 4 : 40;
    (open.row[r] as number)--;
    (open.col[c] as number)--;
    for (let v = from; v <= to; v++) {
      (filling[r] as number[])[c] = v;
      const rs = rowSum(r);
      const cs = colSum(c);
      const rowOk = lineOk(t.rowTotals[r] as GuardedCount, rs, open.row[r] as number);
      const colOk = lineOk(t.columnTotals[c] as GuardedCount, cs, open.col[c] as number);
      if (rowOk && colOk) walk(i + 1);
      // Larger values only make the sums bigger: once a shown total is exceeded, stop.
      const over =
        (typeof t.rowTotals[r] === 'number' && rs > (t.rowTotals[r] as number)) ||
        (typeof t.columnTotals[c] === 'number' && cs > (t.columnTotals[c] as number)) ||
        (typeof t.total === 'number' && filling.flat().reduce((s, x) => s + x, 0) > t.total);
      if (over) break;
    }
    (filling[r] as number[])[c] = 0;
    (open.row[r] as number)++;
    (open.col[c] as number)++;
  };
  walk(0);
  return possible;
}

function expectNoSmallCellRecovered(values: number[], possible: Map<string, Set<number>>, prefix = 'c') {
  values.forEach((v, i) => {
    if (v >= 1 && v <= 4) {
      const options = possible.get(`${prefix}${i}`);
      expect(options, `small cell ${i} (${v}) must be hidden`).toBeDefined();
      expect(options?.has(v), `the true value of cell ${i} is among the options`).toBe(true);
      expect(options?.size ?? 0, `cell ${i} (${v}) can be worked out: ${[...(options ?? [])]}`).toBeGreaterThan(1);
    }
  });
}

function oneWayLines(n: number): Line[] {
  return [{ total: n, parts: Array.from({ length: n }, (_, i) => i) }];
}

describe('primary suppression', () => {
  it('shows 0 and counts of 5 and more; counts 1–4 become "<5"', () => {
    const { cells, total } = protectOneWay([0, 1, 2, 3, 4, 5, 6, 20]);
    expect(cells.slice(0, 5)).toEqual([0, SMALL, SMALL, SMALL, SMALL]);
    expect(cells.slice(5)).toEqual([5, 6, 20]);
    expect(total).toBe(41);
  });

  it('suppresses a total of 1–4 as well', () => {
    const { cells, total } = protectOneWay([2, 0, 0]);
    expect(cells).toEqual([SMALL, 0, 0]);
    expect(total).toBe(SMALL);
  });

  it('shows a table without small counts as it is', () => {
    expect(protectOneWay([0, 8, 9])).toEqual({ cells: [0, 8, 9], total: 17 });
  });

  it('refuses a total that is not the sum of its parts or a count that is not a count', () => {
    expect(() => protectCells([1, 2, 4], [{ total: 2, parts: [0, 1] }])).toThrow(/not the sum/);
    expect(() => protectCells([-1], [])).toThrow(/not a count/);
    expect(() => protectCells([1.5], [])).toThrow(/not a count/);
  });
});

describe('complementary suppression', () => {
  it('hides an empty cell next to a lone small count (shown "<5", which is true)', () => {
    // 3 returnees, 7 radicalised, 0 recruiters: with the total 10 shown, hiding only the 3 would let
    // anyone compute 10 − 7 = 3.
    const { cells, total } = protectOneWay([3, 7, 0]);
    expect(cells).toEqual([SMALL, 7, SMALL]);
    expect(total).toBe(10);
  });

  it('withholds the smallest other count ("x") when there is no empty cell', () => {
    const { cells, total } = protectOneWay([3, 7, 12]);
    expect(cells).toEqual([SMALL, WITHHELD, 12]);
    expect(total).toBe(22);
  });

  it('hides more when the known ranges pin the small counts down (two "<5" that must add up to 8)', () => {
    const { cells } = protectOneWay([4, 4, 9]);
    expect(cells).toEqual([SMALL, SMALL, WITHHELD]);
    expect(pinnedSmallCells([4, 4, 9, 17], oneWayLines(3), new Set([0, 1]))).toEqual([0, 1]);
  });

  it('a small cell cannot be recovered from the total minus the others (exhaustive attacker)', () => {
    const values = [3, 7, 12];
    const all = [...values, 22];
    const cells = protectCells(all, oneWayLines(3));
    expectNoSmallCellRecovered(all, attack(published('c', cells, oneWayLines(3))));
  });

  it('holds for many random one-way tables (exhaustive attacker)', () => {
    const next = rng(20_260_001);
    for (let n = 0; n < 300; n++) {
      const width = 2 + next(5);
      const counts = Array.from({ length: width }, () => (next(3) === 0 ? next(5) : next(14)));
      const all = [...counts, counts.reduce((s, v) => s + v, 0)];
      const lines = oneWayLines(width);
      const cells = protectCells(all, lines);
      const possible = attack(published('c', cells, lines), Math.max(20, (all[width] as number) + 1));
      expectNoSmallCellRecovered(all, possible);
    }
  });

  it('holds for random two-way tables with row, column and grand totals (exhaustive attacker)', () => {
    const next = rng(7_777);
    for (let n = 0; n < 60; n++) {
      const matrix = Array.from({ length: 3 }, () =>
        Array.from({ length: 3 }, () => (next(2) === 0 ? next(5) : next(8))),
      );
      const possible = attackTwoWay(protectTwoWay(matrix));
      matrix.forEach((row, r) => {
        row.forEach((v, c) => {
          if (v >= 1 && v <= 4) {
            const options = possible[r]?.[c];
            expect(options?.has(v)).toBe(true);
            expect(options?.size ?? 0, `cell ${r},${c} of ${JSON.stringify(matrix)}`).toBeGreaterThan(1);
          }
        });
      });
    }
  });

  it('the two-way attacker does find a cell that is only hidden on its own (the attack works)', () => {
    const naive = {
      cells: [
        [SMALL, 5],
        [6, 7],
      ] as GuardedCount[][],
      rowTotals: [8, 13],
      columnTotals: [9, 12],
      total: 21,
    };
    expect([...(attackTwoWay(naive)[0]?.[0] ?? [])]).toEqual([3]);
  });

  it('is deterministic: the same counts give the same pattern', () => {
    expect(protectOneWay([3, 0, 0, 9, 3])).toEqual(protectOneWay([3, 0, 0, 9, 3]));
  });
});

describe('fixed periods: subtracting two reports reveals no small count', () => {
  // Counts of one category list (e.g. target groups) per quarter: [quarter][category].
  const quarters = [
    [6, 9, 0], // Q1: returnee 6, radicalised 9, recruiter 0
    [2, 8, 5], // Q2: returnee 2 — the count to protect
  ];

  /** A report through quarter k: every quarter protected on its own, then the year-to-date margin. */
  function reportThrough(k: number) {
    const perQuarter = quarters.slice(0, k).map((q) => {
      const all = [...q, q.reduce((s, v) => s + v, 0)];
      return protectCells(all, oneWayLines(q.length));
    });
    return { perQuarter, yearToDate: marginOverPeriods(perQuarter) };
  }

  /** The attacker's equations from one report: each quarter's line, and margin = sum of quarters. */
  function equationsOf(report: ReturnType<typeof reportThrough>, tag: string): Published {
    const equations: Published['equations'] = [];
    const unknowns: Published['unknowns'] = {};
    const cellName = (q: number, i: number): string | number => {
      const c = report.perQuarter[q]?.[i] as GuardedCount;
      if (typeof c === 'number') return c;
      unknowns[`q${q}c${i}`] = c; // quarter cells are the same unknowns in every report
      return `q${q}c${i}`;
    };
    report.perQuarter.forEach((cells, q) => {
      const n = cells.length - 1;
      equations.push({ total: cellName(q, n), parts: Array.from({ length: n }, (_, i) => cellName(q, i)) });
    });
    report.yearToDate.forEach((m, i) => {
      const total = typeof m === 'number' ? m : `${tag}m${i}`;
      if (typeof m !== 'number') unknowns[`${tag}m${i}`] = 'any';
      equations.push({ total, parts: report.perQuarter.map((_, q) => cellName(q, i)) });
    });
    return { equations, unknowns };
  }

  it('publishes a quarter identically in every later report', () => {
    expect(reportThrough(2).perQuarter[0]).toEqual(reportThrough(1).perQuarter[0]);
  });

  it('withholds the year-to-date figure of a row with a hidden quarter', () => {
    const r1 = reportThrough(1);
    const r2 = reportThrough(2);
    expect(r1.yearToDate[0]).toBe(6);
    expect(r2.perQuarter[1]?.[0]).toBe(SMALL);
    expect(r2.yearToDate[0]).toBe(WITHHELD); // shown as 8 it would give 8 − 6 = 2
  });

  it('a naive year-to-date column would give the small count away (the attack works)', () => {
    const naive: Published = {
      equations: [
        { total: 6, parts: ['q0'] }, // report through Q1: returnee 6
        { total: 8, parts: ['q0', 'q1'] }, // report through Q2, year-to-date shown as 8
      ],
      unknowns: { q0: WITHHELD, q1: SMALL },
    };
    expect([...(attack(naive).get('q1') ?? [])]).toEqual([2]);
  });

  it('a small cell cannot be recovered by subtracting two reports (A and A+B)', () => {
    const a = equationsOf(reportThrough(1), 'r1');
    const ab = equationsOf(reportThrough(2), 'r2');
    const both: Published = {
      equations: [...a.equations, ...ab.equations],
      unknowns: { ...a.unknowns, ...ab.unknowns },
    };
    const possible = attack(both);
    quarters.forEach((q, qi) => {
      q.forEach((v, i) => {
        if (v >= 1 && v <= 4) {
          expect(possible.get(`q${qi}c${i}`)?.size ?? 0, `Q${qi + 1} category ${i}`).toBeGreaterThan(1);
        }
      });
    });
  });

  it('holds for random quarterly series over all four quarters (exhaustive attacker)', () => {
    const next = rng(4242);
    for (let n = 0; n < 10; n++) {
      const series = Array.from({ length: 4 }, () => Array.from({ length: 3 }, () => (next(2) ? next(5) : next(10))));
      const reports = [1, 2, 3, 4].map((k) => {
        const perQuarter = series
          .slice(0, k)
          .map((q) => protectCells([...q, q.reduce((s, v) => s + v, 0)], oneWayLines(3)));
        return { perQuarter, yearToDate: marginOverPeriods(perQuarter) };
      });
      const equations: Published['equations'] = [];
      const unknowns: Published['unknowns'] = {};
      reports.forEach((report, r) => {
        const name = (q: number, i: number): string | number => {
          const c = report.perQuarter[q]?.[i] as GuardedCount;
          if (typeof c === 'number') return c;
          unknowns[`q${q}c${i}`] = c;
          return `q${q}c${i}`;
        };
        report.perQuarter.forEach((_, q) => {
          equations.push({ total: name(q, 3), parts: [0, 1, 2].map((i) => name(q, i)) });
        });
        report.yearToDate.forEach((m, i) => {
          if (typeof m !== 'number') unknowns[`r${r}m${i}`] = 'any';
          equations.push({
            total: typeof m === 'number' ? m : `r${r}m${i}`,
            parts: report.perQuarter.map((_, q) => name(q, i)),
          });
        });
      });
      // Margins are sums of quarter cells: give the attacker room for them.
      const possible = attack({ equations, unknowns }, 60);
      series.forEach((q, qi) => {
        q.forEach((v, i) => {
          if (v >= 1 && v <= 4) expect(possible.get(`q${qi}c${i}`)?.size ?? 0).toBeGreaterThan(1);
        });
      });
    }
  });
});

describe('reportable periods', () => {
  it('reports a year that has ended in full', () => {
    expect(reportablePeriod(2025, '2026-11-23')).toEqual({
      year: 2025,
      quarters: 4,
      fromOn: '2025-01-01',
      toOn: '2025-12-31',
      complete: true,
    });
  });

  it('reports the running year through its last completed quarter only, never up to today', () => {
    expect(reportablePeriod(2026, '2026-11-23')).toMatchObject({ quarters: 3, toOn: '2026-09-30', complete: false });
    expect(reportablePeriod(2026, '2026-04-01')).toMatchObject({ quarters: 1, toOn: '2026-03-31' });
    expect(reportablePeriod(2026, '2026-03-31')).toBeNull();
    expect(reportablePeriod(2027, '2026-11-23')).toBeNull();
  });

  it('knows the quarter of a date', () => {
    expect(['2026-01-01', '2026-03-31', '2026-04-01', '2026-09-30', '2026-10-01', '2026-12-31'].map(quarterOf)).toEqual(
      [1, 1, 2, 3, 4, 4],
    );
  });
});
