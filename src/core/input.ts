import { z } from 'zod';

/**
 * Shared input types whose every accepted value fits its PostgreSQL column: what passes validation
 * never becomes a 500 in the database.
 */

/** Largest value of a PostgreSQL integer (int4) column: versions, counts, months, days. */
export const INT4_MAX = 2_147_483_647;

/**
 * A calendar date YYYY-MM-DD from 0001-01-01 to 9999-12-31. z.iso.date() alone accepts year 0000,
 * which PostgreSQL refuses ("date out of range"); five-digit years do not match its pattern.
 */
export function calendarDate() {
  return z.iso.date().refine((value) => !value.startsWith('0000-'), {
    message: 'The year must lie between 0001 and 9999.',
  });
}

/** The `version` of an updatable record as a client sends it back: 1 up to the int4 column's maximum. */
export function versionNumber() {
  return z.number().int().min(1).max(INT4_MAX);
}
