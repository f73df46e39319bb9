import type { Tx } from '../../platform/db/database.js';

/**
 * The inclusion criteria every new region starts with: a public formulation of when a person is
 * included in the person-centred approach (the Wgpa's purpose: persons of whom there are signs of
 * radicalisation or of involvement in terrorist activities, where a multidisciplinary approach is
 * needed). A region's admin can reword, add and deactivate criteria; criteria are never deleted, so
 * that earlier decisions keep their wording. The wording is Schakel's, not the statute's: check it
 * against the published law (docs/privacy.md, "Wgpa").
 */
export const SEED_INCLUSION_CRITERIA = [
  {
    code: 'signs_of_radicalisation',
    labelNl:
      'Er zijn concrete aanwijzingen dat de persoon radicaliseert: gedragingen of uitingen die wijzen op een ontwikkeling naar extremisme.',
    labelEn:
      'There are concrete signs that the person is radicalising: behaviour or statements pointing towards extremism.',
  },
  {
    code: 'threat_to_safety',
    labelNl:
      'Er zijn aanwijzingen dat de persoon een dreiging vormt voor de veiligheid, zoals de voorbereiding of ondersteuning van geweld of terroristische activiteiten.',
    labelEn:
      'There are signs that the person poses a threat to safety, such as preparing or supporting violence or terrorist activities.',
  },
  {
    code: 'supports_or_recruits',
    labelNl: 'De persoon ondersteunt of verspreidt extremistisch gedachtegoed, of ronselt anderen daarvoor.',
    labelEn: 'The person supports or spreads extremist ideas, or recruits others for them.',
  },
  {
    code: 'travel_or_return',
    labelNl: 'De persoon heeft de intentie om uit te reizen naar een strijdgebied, is uitgereisd of is teruggekeerd.',
    labelEn: 'The person intends to travel to a conflict zone, has travelled or has returned.',
  },
  {
    code: 'multidisciplinary_need',
    labelNl:
      'Een persoonsgerichte aanpak door gemeente en ketenpartners samen is nodig en in verhouding: de reguliere zorg of aanpak volstaat niet.',
    labelEn:
      'A person-centred approach by the municipality and chain partners together is necessary and proportionate: regular care or approaches do not suffice.',
  },
] as const;

/** Seeds the inclusion criteria of a region; idempotent (existing codes are left as they are). */
export async function seedInclusionCriteria(tx: Tx, regionId: string): Promise<void> {
  await tx
    .insertInto('inclusion_criteria')
    .values(
      SEED_INCLUSION_CRITERIA.map((c, index) => ({
        region_id: regionId,
        code: c.code,
        label_nl: c.labelNl,
        label_en: c.labelEn,
        sort: (index + 1) * 10,
      })),
    )
    .onConflict((oc) => oc.columns(['region_id', 'code']).doNothing())
    .execute();
}
