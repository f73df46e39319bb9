import { DomainError } from '../../core/errors.js';

/** Opaque keyset cursor: base64url of the JSON sort key of the last item on the page. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What an element of a cursor key must be; a forged cursor is refused before its values reach SQL. */
export type CursorPart = 'string' | 'uuid' | 'integer' | 'date' | 'timestamp';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fits(value: unknown, part: CursorPart | undefined): boolean {
  switch (part) {
    case 'string':
      return typeof value === 'string' && !value.includes('\u0000');
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'integer':
      return Number.isSafeInteger(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
    case 'timestamp':
      return (
        typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) &&
        !Number.isNaN(Date.parse(value))
      );
    default:
      // Only the arity is known: at least no objects or arrays (a key is made of column values).
      return value === null || ['string', 'number', 'boolean'].includes(typeof value);
  }
}

/** Decodes a cursor of `shape`: the number of key elements, or better, what each element must be. */
export function decodeCursor(cursor: string | undefined, shape: number | readonly CursorPart[]): unknown[] | null {
  if (cursor === undefined) return null;
  const parts = typeof shape === 'number' ? null : shape;
  const arity = parts ? parts.length : (shape as number);
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity && key.every((v, i) => fits(v, parts?.[i]))) return key;
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
