import type { Updateable } from 'kysely';
import { staleVersion } from '../../core/errors.js';
import type { Tx } from './database.js';
import type { Database } from './schema.js';

/** Tables with the usual optimistic-locking columns: id, version, updated_at. */
type VersionedTable = {
  [T in keyof Database]: Database[T] extends { id: unknown; version: unknown; updated_at: unknown } ? T : never;
}[keyof Database];

/**
 * The columns of the fields a PATCH sent (absent = unchanged; null clears):
 * `sentColumns(input, { name: 'name', targetAudience: 'target_audience' })`.
 */
export function sentColumns<I extends object, const M extends { [K in keyof I]?: string }>(
  input: I,
  columns: M,
): { [K in keyof M as M[K] extends string ? M[K] : never]?: Exclude<I[K & keyof I], undefined> } {
  const set: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(columns) as [keyof I, string][]) {
    if (input[field] !== undefined) set[column] = input[field];
  }
  return set as never;
}

/**
 * Changes row `id` of `table` only when it still has `version`: sets `changes`, `updated_at` and the next
 * version, else 409 (stale version). `regionId` narrows it to the region (besides RLS); `onError` maps
 * constraint violations (see rethrowConstraint).
 */
export async function updateVersioned<T extends VersionedTable>(
  tx: Tx,
  table: T,
  id: string,
  version: number,
  changes: Updateable<Database[T]>,
  options: { now: Date; regionId?: string; onError?: (error: unknown) => never },
): Promise<void> {
  // One table stands for all: each has the columns used here, and `changes` was checked against T.
  let query = tx
    .updateTable(table as 'trainings')
    .set((eb) => ({
      ...(changes as Updateable<Database['trainings']>),
      updated_at: options.now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id);
  if (options.regionId !== undefined) query = query.where('region_id', '=', options.regionId);
  const execution = query.where('version', '=', version).executeTakeFirst();
  const updated = await (options.onError ? execution.catch(options.onError) : execution);
  if (updated.numUpdatedRows === 0n) throw staleVersion();
}
