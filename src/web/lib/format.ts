/** Dates, numbers and sorting in Dutch conventions (PRODUCT.md §5), whatever the interface language. */

const timeOnly = new Intl.DateTimeFormat('nl-NL', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
});
const dateOnly = new Intl.DateTimeFormat('nl-NL', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'Europe/Amsterdam',
});
const numbers = new Intl.NumberFormat('nl-NL');
const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  // "23-11-2025 14:05", as Dutch forms write it (Intl puts a comma between date and time).
  return Number.isNaN(d.getTime()) ? iso : `${dateOnly.format(d)} ${timeOnly.format(d)}`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateOnly.format(d);
}

export function formatNumber(n: number): string {
  return numbers.format(n);
}

const kilobytes = new Intl.NumberFormat('nl-NL', { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 });
const megabytes = new Intl.NumberFormat('nl-NL', { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });

/** A file size as "12 kB" or "3,4 MB". */
export function formatBytes(n: number): string {
  return n < 1_000_000 ? kilobytes.format(Math.max(1, Math.round(n / 1000))) : megabytes.format(n / 1_000_000);
}

export function compareText(a: string, b: string): number {
  return collator.compare(a, b);
}

export function sortBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareText(key(a), key(b)));
}

/** Local midnight of a yyyy-mm-dd date as an ISO instant with offset. */
export function startOfDayIso(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).toISOString();
}

/** Local midnight after a yyyy-mm-dd date (exclusive end of that day). */
export function endOfDayIso(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + 1).toISOString();
}
