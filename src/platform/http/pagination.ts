import { DomainError } from '../../core/errors.js';
import { calendarDate, INT4_MAX } from '../../core/input.js';

/** Opaque keyset cursor: base64url of the JSON sort key of the last item on the page. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * What an element of a cursor key must be; a forged cursor is refused before its values reach SQL.
 * `integer` fits an int4 column, `bigint` a bigint one (as a safe JavaScript integer).
 */
export type CursorPart = 'string' | 'uuid' | 'integer' | 'bigint' | 'date' | 'timestamp';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const CALENDAR_DATE = calendarDate();

/** Whether `value` may stand for a key element of kind `part` (see {@link CursorPart}). */
export function fitsCursorPart(value: unknown, part: CursorPart | undefined): boolean {
  switch (part) {
    case 'string':
      return typeof value === 'string' && !value.includes('\u0000');
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'integer':
      return Number.isInteger(value) && Math.abs(value as number) <= INT4_MAX;
    case 'bigint':
      return Number.isSafeInteger(value);
    case 'date':
      return CALENDAR_DATE.safeParse(value).success;
    case 'timestamp': {
      if (typeof value !== 'string') return false;
      const match = TIMESTAMP.exec(value);
      if (!match || !CALENDAR_DATE.safeParse(match[1]).success) return false;
      const time = Date.parse(value);
      // The round trip refuses 24:00, 60 seconds and other values PostgreSQL would not take.
      return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 19) === value.slice(0, 19);
    }
    default:
      // Only the arity is known: at least no objects or arrays (a key is made of column values).
      return (
        value === null ||
        typeof value === 'boolean' ||
        (typeof value === 'number' && Number.isSafeInteger(value)) ||
        (typeof value === 'string' && !value.includes('\u0000'))
      );
  }
}

/** Decodes a cursor of `shape`: the number of key elements, or better, what each element must be. */
export function decodeCursor(cursor: string | undefined, shape: number | readonly CursorPart[]): unknown[] | null {
  if (cursor === undefined) return null;
  const parts = typeof shape === 'number' ? null : shape;
  const arity = parts ? parts.length : (shape as number);
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity && key.every((v, i) => fitsCursorPart(v, parts?.[i]))) return key;
  } catch {
    // fall through
  }
  throw new DomainError('INVALID_INPUT', 'The cursor is not valid.', {
    fields: [
      { in: 'query', pointer: '/cursor', code: 'invalid_cursor', detail: 'Use the nextCursor of a previous page.' },
    ],
  });
}

/** Given limit+1 rows, returns the page and the cursor of the next one. */
export function page<T>(rows: T[], limit: number, keyOf: (row: T) => unknown[]) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
