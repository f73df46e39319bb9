/**
 * The one way Schakel writes CSV: csv-stringify, with every text cell that a spreadsheet would read as
 * a formula neutralised (OWASP "CSV injection"): a cell that starts with =, +, -, @, a tab or a
 * carriage return gets a leading apostrophe, so `=HYPERLINK(…)` in a name stays text.
 */
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: unknown): unknown {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

export function toCsv(
  records: ReadonlyArray<ReadonlyArray<unknown>>,
  options: { columns: readonly string[]; byteOrderMark?: boolean; header?: boolean },
): string {
  const text = stringify(
    records.map((r) => r.map(neutraliseCell)),
    { header: options.header ?? true, columns: options.columns.map((c) => String(neutraliseCell(c))) },
  );
  // A byte order mark so that spreadsheet programs read the Dutch characters as UTF-8.
  return options.byteOrderMark ? `\uFEFF${text}` : text;
}
