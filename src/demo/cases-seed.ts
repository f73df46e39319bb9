import type { Tx } from '../platform/db/database.js';
import { type GeneratedRegion, generateRegionData } from './generator.js';

/** The demo's fixed seed: every fresh demo region gets the same ~40 fictional cases. */
export const DEMO_CASES_SEED = 20_260_403;

/**
 * The demo region's fictional cases (issue 3, "9. Demo"), spread over every phase with several
 * partners per case, so each demo user sees a different slice. Called last in insertDemoRegion, after
 * the users and the catalogues exist; runs in its transaction. Dates are relative to `now`.
 */
export function seedDemoCases(tx: Tx, regionId: string, now: Date): Promise<GeneratedRegion> {
  return generateRegionData(tx, { regionId, seed: DEMO_CASES_SEED, scale: 'demo', now });
}
