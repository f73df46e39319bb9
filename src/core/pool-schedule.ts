/**
 * The meeting rhythm of the expertise pool (001, action line 4): the pool meets every three weeks, and
 * one in three meetings is a thematic meeting; the other two are regular meetings with room for
 * intervision and possible interventions. Pure: dates in, dates out ('YYYY-MM-DD', calendar days, no
 * time zone involved).
 */
import { DomainError } from './errors.js';

export const POOL_INTERVAL_DAYS = 21;
/** Every third meeting (sequence 3, 6, 9, …) is thematic. */
export const THEMATIC_EVERY = 3;
export const MAX_SCHEDULE_COUNT = 52;

export interface PoolMeetingSlot {
  heldOn: string;
  thematic: boolean;
  /** The meeting's number in the pool's series, 1-based. */
  sequence: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(value: string): number | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  // Refuses 2026-02-30 and the like, which Date.UTC would roll over.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t;
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const t = parseDate(date);
  if (t === null) throw new RangeError(`Not a calendar date: ${date}`);
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

export function isThematic(sequence: number): boolean {
  return sequence % THEMATIC_EVERY === 0;
}

/**
 * `count` meetings every three weeks from `firstOn`. The series may continue an existing one:
 * `firstSequence` is the number of the first generated meeting, so "every third is thematic" holds
 * across batches.
 */
const LAST_PLANNABLE_DAY = Date.UTC(9999, 11, 31);

export function generatePoolSchedule(
  firstOn: string,
  count: number,
  options: { firstSequence?: number } = {},
): PoolMeetingSlot[] {
  const firstSequence = options.firstSequence ?? 1;
  const issues = [];
  if (parseDate(firstOn) === null) {
    issues.push({ in: 'body' as const, pointer: '/firstOn', code: 'invalid_date', detail: 'Give a calendar date.' });
  }
  if (!Number.isInteger(count) || count < 1 || count > MAX_SCHEDULE_COUNT) {
    issues.push({
      in: 'body' as const,
      pointer: '/count',
      code: 'out_of_range',
      detail: `Plan between 1 and ${MAX_SCHEDULE_COUNT} meetings at a time.`,
    });
  }
  if (!Number.isInteger(firstSequence) || firstSequence < 1) {
    throw new RangeError('firstSequence must be a positive integer');
  }
  // The last meeting must still be a calendar date the database can hold (up to 9999-12-31).
  const first = parseDate(firstOn);
  if (
    first !== null &&
    issues.length === 0 &&
    first + (count - 1) * POOL_INTERVAL_DAYS * 86_400_000 > LAST_PLANNABLE_DAY
  ) {
    issues.push({
      in: 'body' as const,
      pointer: '/firstOn',
      code: 'out_of_range',
      detail: 'The meetings would run past the year 9999. Choose an earlier date.',
    });
  }
  if (issues.length) throw new DomainError('INVALID_INPUT', 'The schedule request is not valid.', { fields: issues });
  return Array.from({ length: count }, (_, i) => {
    const sequence = firstSequence + i;
    return { heldOn: addDays(firstOn, i * POOL_INTERVAL_DAYS), thematic: isThematic(sequence), sequence };
  });
}
