/** Calendar arithmetic on day numbers (days since 1970-01-01), for synthetic data only. */

const DAY_MS = 86_400_000;

export function dayOf(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}

const isoCache = new Map<number, string>();

export function isoOf(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (isoCache.size < 100_000) isoCache.set(day, iso);
  }
  return iso;
}

/** A moment on that calendar day; `hour` in UTC (office hours in the Netherlands are 7–16 UTC). */
export function momentOf(day: number, hour: number, minute = 0): Date {
  return new Date(day * DAY_MS + hour * 3_600_000 + minute * 60_000);
}
