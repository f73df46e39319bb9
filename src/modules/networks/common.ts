/**
 * Small pieces shared by the programme's contact modules (networks and key figures, contact circles,
 * expertise, newsletter): list controls, keyset paging on (date, id), and the actor's transaction
 * scope.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { DomainError, type FieldIssue } from '../../core/errors.js';
import { INT4_MAX } from '../../core/input.js';
import type { Tx } from '../../platform/db/database.js';
import type { Actor } from '../../platform/http/context.js';
import { decodeCursor } from '../../platform/http/pagination.js';

export const scopeOf = (actor: Actor) => ({ regionId: actor.regionId, organisationId: actor.organisationId });

export const listControls = {
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};
export const PageQuery = z.strictObject(listControls);

export const VersionBody = z.strictObject({ version: z.number().int().min(1).max(INT4_MAX) });

/** Optional free text: absent keeps the value (PATCH), null or blank clears it. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

export const requiredText = (max: number) => z.string().trim().min(1).max(max);

/** A refusal by a business rule (422) naming the field. */
export function refuse(pointer: string, code: string, detail: string, where: FieldIssue['in'] = 'body'): DomainError {
  return new DomainError('BUSINESS_RULE', detail, { fields: [{ in: where, pointer, code, detail }] });
}

/** An active user of an organisation taking part in the actor's region, else 422 on /userId. */
export async function requireActiveRegionUser(tx: Tx, actor: Actor, userId: string) {
  const user = await tx
    .selectFrom('users as u')
    .innerJoin('region_organisations as ro', (j) =>
      j.onRef('ro.organisation_id', '=', 'u.organisation_id').on('ro.region_id', '=', actor.regionId),
    )
    .select(['u.id', 'u.organisation_id', 'u.disabled_at'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!user || user.disabled_at !== null) {
    throw refuse('/userId', 'invalid_reference', 'Choose an active user of this region.');
  }
  return user;
}

/** A stored date column as it reaches the API ('YYYY-MM-DD'); node-postgres already returns strings. */
export const isoDay = (value: string | Date): string =>
  typeof value === 'string' ? value : value.toISOString().slice(0, 10);

/** Today's date in the Netherlands, as YYYY-MM-DD. */
export function todayInNl(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}

/** A cursor of (date, id) for lists newest first; a forged date is refused before it reaches SQL. */
export function decodeDateCursor(cursor: string | undefined): [string, string] | null {
  return decodeCursor(cursor, ['date', 'uuid']) as [string, string] | null;
}

/** The keyset condition of the next page of a list newest first on (date, id), after a decodeDateCursor key. */
export function beforeDateKey(after: [string, string], dateColumn: string, idColumn: string) {
  return sql<boolean>`(${sql.ref(dateColumn)}, ${sql.ref(idColumn)}) < (${after[0]}::date, ${after[1]}::uuid)`;
}

export function invalidCursor(): DomainError {
  return new DomainError('INVALID_INPUT', 'The cursor is not valid.', {
    fields: [
      { in: 'query', pointer: '/cursor', code: 'invalid_cursor', detail: 'Use the nextCursor of a previous page.' },
    ],
  });
}
