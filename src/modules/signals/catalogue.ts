import type { Tx } from '../../platform/db/database.js';

/**
 * The indicators a signal can record, as seeded in every new region: the five named in action line 4
 * of seed 001 ("Duiding en inschatting") and the three added in PRODUCT.md §2. A region's admin can
 * add more and deactivate any (indicators are never deleted: old signals keep their labels).
 */
export const SEED_INDICATORS = [
  {
    code: 'distancing_from_trusted_people',
    labelNl: 'Afstand nemen van vertrouwde personen',
    labelEn: 'Distancing from people who were trusted',
  },
  {
    code: 'identification_with_extremist_group',
    labelNl: 'Identificatie met een extremistische groepering',
    labelEn: 'Identification with an extremist group',
  },
  {
    code: 'hostile_view_of_society',
    labelNl: 'Vijandig beeld van de samenleving',
    labelEn: 'Hostile image of society',
  },
  {
    code: 'rejection_of_established_order',
    labelNl: 'Afwijzing van de gevestigde orde',
    labelEn: 'Rejection of the established order',
  },
  {
    code: 'rejection_of_others',
    labelNl: 'Afwijzing en afkeuring van anderen',
    labelEn: 'Rejection and condemnation of others',
  },
  { code: 'travel_intentions', labelNl: 'Reisintenties', labelEn: 'Travel intentions' },
  { code: 'recruiting', labelNl: 'Ronselen', labelEn: 'Recruiting' },
  {
    code: 'possession_of_propaganda_or_weapons',
    labelNl: 'Bezit van propaganda of wapens',
    labelEn: 'Possession of propaganda or weapons',
  },
] as const;

/** Seeds the indicators catalogue of a region; idempotent (existing codes are left as they are). */
export async function seedIndicators(tx: Tx, regionId: string): Promise<void> {
  await tx
    .insertInto('indicators')
    .values(
      SEED_INDICATORS.map((i, index) => ({
        region_id: regionId,
        code: i.code,
        label_nl: i.labelNl,
        label_en: i.labelEn,
        sort: (index + 1) * 10,
      })),
    )
    .onConflict((oc) => oc.columns(['region_id', 'code']).doNothing())
    .execute();
}
