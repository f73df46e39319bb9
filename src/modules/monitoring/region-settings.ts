/**
 * Per-region settings of the case approach: the proportionality review interval (default three
 * months) and the switch for the measures of the temporary Twbmt law. No personal data.
 */
import type { z } from 'zod';
import { DEFAULT_PROPORTIONALITY_INTERVAL_DAYS } from '../../core/case-lifecycle.js';
import { staleVersion } from '../../core/errors.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import type { RegionSettings, RegionSettingsUpdate } from './schemas.js';

type Out<T extends z.ZodType> = z.infer<T>;

async function read(tx: Tx, regionId: string): Promise<Out<typeof RegionSettings>> {
  const row = await tx
    .selectFrom('region_settings')
    .select(['proportionality_interval_days', 'twbmt_enabled', 'version'])
    .where('region_id', '=', regionId)
    .executeTakeFirst();
  // A region without a row has the defaults of the schema, at version 1.
  return {
    proportionalityIntervalDays: row?.proportionality_interval_days ?? DEFAULT_PROPORTIONALITY_INTERVAL_DAYS,
    twbmtEnabled: row?.twbmt_enabled ?? true,
    version: row?.version ?? 1,
  };
}

export async function getRegionSettings(deps: Deps, actor: Actor) {
  return withTx(deps.db, { regionId: actor.regionId }, (tx) => read(tx, actor.regionId));
}

export async function updateRegionSettings(deps: Deps, actor: Actor, input: z.infer<typeof RegionSettingsUpdate>) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    await tx
      .insertInto('region_settings')
      .values({ region_id: actor.regionId })
      .onConflict((oc) => oc.column('region_id').doNothing())
      .execute();
    const updated = await tx
      .updateTable('region_settings')
      .set((eb) => ({
        proportionality_interval_days: input.proportionalityIntervalDays,
        twbmt_enabled: input.twbmtEnabled,
        version: eb('version', '+', 1),
      }))
      .where('region_id', '=', actor.regionId)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw staleVersion();
    return read(tx, actor.regionId);
  });
}
