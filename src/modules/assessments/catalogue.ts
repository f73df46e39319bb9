import type { Tx } from '../../platform/db/database.js';

export const FRAMEWORK_DOMAINS = ['security_risk', 'ideological_content', 'vulnerability', 'protective'] as const;
export type FrameworkDomain = (typeof FRAMEWORK_DOMAINS)[number];

/** The name of the public framework of seed 003 ("Beoordelingskader (1)"). */
export const PUBLIC_FRAMEWORK_NAME =
  "Inschatten van veiligheidsrisico's, ideologisch gehalte en algemene kwetsbaarheids- en beschermende factoren";

interface FactorSeed {
  domain: FrameworkDomain;
  code: string;
  labelNl: string;
  labelEn: string;
  guidance: string | null;
}

/**
 * Schakel's own neutral wordings for the first three domains. Deliberately NOT taken from licensed
 * instruments (VERA-2R, ERG22+, TRAP-18): a region that holds a licence configures its own framework.
 */
const RISK_FACTORS: FactorSeed[] = [
  {
    domain: 'security_risk',
    code: 'violence_intent',
    labelNl: 'Intentie of plannen om geweld te gebruiken',
    labelEn: 'Intent or plans to use violence',
    guidance: 'Uitingen, voorbereidingen of afspraken die wijzen op het voornemen geweld te gebruiken.',
  },
  {
    domain: 'security_risk',
    code: 'access_to_means',
    labelNl: 'Toegang tot wapens of middelen',
    labelEn: 'Access to weapons or means',
    guidance: 'Bezit van of toegang tot wapens, explosieven of andere middelen om schade aan te richten.',
  },
  {
    domain: 'security_risk',
    code: 'travel_intentions',
    labelNl: 'Uitreisintenties',
    labelEn: 'Travel intentions',
    guidance: 'Voornemens of voorbereidingen om naar een conflictgebied te reizen.',
  },
  {
    domain: 'security_risk',
    code: 'extremist_network_contact',
    labelNl: 'Contact met extremistische netwerken',
    labelEn: 'Contact with extremist networks',
    guidance: 'Contacten, online of offline, met personen of groepen uit extremistische netwerken.',
  },
  {
    domain: 'security_risk',
    code: 'violent_criminal_history',
    labelNl: 'Criminele voorgeschiedenis met geweld',
    labelEn: 'Criminal history of violence',
    guidance: 'Eerdere geweldsdelicten of andere strafbare feiten met geweld.',
  },
  {
    domain: 'ideological_content',
    code: 'extremist_group_identification',
    labelNl: 'Identificatie met een extremistische groep',
    labelEn: 'Identification with an extremist group',
    guidance: null,
  },
  {
    domain: 'ideological_content',
    code: 'hostile_image_of_society',
    labelNl: 'Vijandbeeld van de samenleving',
    labelEn: 'Hostile image of society',
    guidance: null,
  },
  {
    domain: 'ideological_content',
    code: 'rejects_democratic_order',
    labelNl: 'Afwijzing van de democratische rechtsorde',
    labelEn: 'Rejection of the democratic legal order',
    guidance: null,
  },
  {
    domain: 'ideological_content',
    code: 'dehumanising_others',
    labelNl: 'Ontmenselijken van anderen',
    labelEn: 'Dehumanising of others',
    guidance: null,
  },
  {
    domain: 'ideological_content',
    code: 'propaganda',
    labelNl: 'Gebruik of verspreiding van propaganda',
    labelEn: 'Use or spreading of propaganda',
    guidance: null,
  },
  {
    domain: 'vulnerability',
    code: 'social_isolation',
    labelNl: 'Sociaal isolement',
    labelEn: 'Social isolation',
    guidance: null,
  },
  {
    domain: 'vulnerability',
    code: 'identity_meaning_seeking',
    labelNl: 'Zoeken naar identiteit of zingeving',
    labelEn: 'Seeking identity or meaning',
    guidance: null,
  },
  {
    domain: 'vulnerability',
    code: 'psychological_problems',
    labelNl: 'Psychische problemen',
    labelEn: 'Psychological problems',
    guidance: null,
  },
  {
    domain: 'vulnerability',
    code: 'problems_at_home',
    labelNl: 'Problemen thuis',
    labelEn: 'Problems at home',
    guidance: null,
  },
  {
    domain: 'vulnerability',
    code: 'school_work_problems',
    labelNl: 'Problemen op school of werk',
    labelEn: 'Problems at school or work',
    guidance: null,
  },
  {
    domain: 'vulnerability',
    code: 'experienced_injustice',
    labelNl: 'Ervaren discriminatie of onrecht',
    labelEn: 'Experienced discrimination or injustice',
    guidance: null,
  },
];

/** The NJI "Top tien beschermende factoren" (2018), as listed in seed 001, in their own order. */
export const NJI_PROTECTIVE_FACTORS: ReadonlyArray<{ code: string; labelNl: string; labelEn: string }> = [
  { code: 'social_bonding', labelNl: 'Sociale binding', labelEn: 'Social bonding' },
  {
    code: 'opportunities_for_involvement',
    labelNl: 'Kansen voor betrokkenheid',
    labelEn: 'Opportunities for involvement',
  },
  { code: 'prosocial_norms', labelNl: 'Prosociale normen', labelEn: 'Prosocial norms' },
  {
    code: 'recognition_of_positive_behaviour',
    labelNl: 'Erkenning en waardering voor positief gedrag',
    labelEn: 'Recognition and appreciation of positive behaviour',
  },
  {
    code: 'support_of_adults_and_facilities',
    labelNl: 'Steun van belangrijke volwassenen en voorzieningen in de omgeving',
    labelEn: 'Support from important adults and facilities in the environment',
  },
  { code: 'constructive_use_of_time', labelNl: 'Constructieve tijdsbesteding', labelEn: 'Constructive use of time' },
  { code: 'competences', labelNl: 'Competenties', labelEn: 'Competences' },
  { code: 'cognitive_skills', labelNl: 'Cognitieve vaardigheden', labelEn: 'Cognitive skills' },
  { code: 'school_motivation', labelNl: 'Schoolmotivatie', labelEn: 'Motivation for school' },
  { code: 'positive_identity', labelNl: 'Positieve identiteit', labelEn: 'Positive identity' },
];

const PUBLIC_FACTORS: FactorSeed[] = [
  ...RISK_FACTORS,
  ...NJI_PROTECTIVE_FACTORS.map((f, i) => ({
    domain: 'protective' as const,
    code: f.code,
    labelNl: f.labelNl,
    labelEn: f.labelEn,
    guidance: `NJI top tien beschermende factoren (2018), nr. ${i + 1}.`,
  })),
];

/**
 * Seeds the public assessment framework of seed 003 in a region (idempotent: a region that has it
 * already keeps it). Returns the framework id. Runs in the caller's transaction with the tenant set.
 */
export async function seedAssessmentFramework(tx: Tx, regionId: string): Promise<string> {
  const existing = await tx
    .selectFrom('assessment_frameworks')
    .select('id')
    .where('region_id', '=', regionId)
    .where('name', '=', PUBLIC_FRAMEWORK_NAME)
    .executeTakeFirst();
  if (existing) return existing.id;
  const framework = await tx
    .insertInto('assessment_frameworks')
    .values({
      region_id: regionId,
      name: PUBLIC_FRAMEWORK_NAME,
      description:
        'Openbaar beoordelingskader (productenlijst casuïstiekaanpak): veiligheidsrisico’s, ideologisch gehalte, ' +
        'kwetsbaarheden en de tien beschermende factoren van het NJI. Eigen, neutrale formuleringen; bevat geen ' +
        'items uit gelicentieerde instrumenten. Het zorgniveau kiest de beoordelaar zelf; er wordt niets berekend.',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('framework_factors')
    .values(
      PUBLIC_FACTORS.map((f, i) => ({
        region_id: regionId,
        framework_id: framework.id,
        domain: f.domain,
        code: f.code,
        label_nl: f.labelNl,
        label_en: f.labelEn,
        guidance: f.guidance,
        sort: (FRAMEWORK_DOMAINS.indexOf(f.domain) + 1) * 100 + i,
      })),
    )
    .execute();
  return framework.id;
}
