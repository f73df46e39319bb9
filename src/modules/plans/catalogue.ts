import type { Tx } from '../../platform/db/database.js';

/** Target groups of the case approach (PRODUCT.md §2.4, seed 000 phase III). */
export const TARGET_GROUPS = [
  'radicalised',
  'recruiter',
  'intending_traveller',
  'stay_at_home',
  'departed',
  'returnee',
  'detainee',
  'family_member',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/** Toolbox categories: limiting (criminal, administrative, Twbmt, passport), influencing, duiding. */
export const TOOLBOX_CATEGORIES = [
  'limiting_criminal',
  'limiting_administrative',
  'twbmt',
  'passport',
  'influencing',
  'duiding',
] as const;
export type ToolboxCategory = (typeof TOOLBOX_CATEGORIES)[number];

/** The category behind the region switch region_settings.twbmt_enabled (the law is temporary). */
export const TWBMT_CATEGORY: ToolboxCategory = 'twbmt';

interface ToolboxSeed {
  code: string;
  nameNl: string;
  nameEn: string;
  description: string;
  category: ToolboxCategory;
  targetGroups: TargetGroup[];
  organisationTypes: string[];
  legalBasis: string | null;
}

const ALL: TargetGroup[] = [...TARGET_GROUPS];
const PERSONS_AT_RISK: TargetGroup[] = [
  'radicalised',
  'recruiter',
  'intending_traveller',
  'departed',
  'returnee',
  'detainee',
];
const TWBMT_GROUPS: TargetGroup[] = ['radicalised', 'recruiter', 'intending_traveller', 'returnee', 'detainee'];
const TWBMT_BASIS =
  'Tijdelijke wet bestuurlijke maatregelen terrorismebestrijding (Twbmt); opgelegd door de minister van Justitie en Veiligheid';

const TOOLBOX: ToolboxSeed[] = [
  // Limiting — criminal law
  {
    code: 'criminal_investigation',
    nameNl: 'Strafrechtelijk onderzoek en vervolging',
    nameEn: 'Criminal investigation and prosecution',
    description: 'Opsporing en vervolging van strafbare feiten, waaronder voorbereiding van terroristische misdrijven.',
    category: 'limiting_criminal',
    targetGroups: PERSONS_AT_RISK,
    organisationTypes: ['police', 'public_prosecutor'],
    legalBasis: 'Wetboek van Strafrecht; Wetboek van Strafvordering',
  },
  {
    code: 'conditional_release_special_conditions',
    nameNl: 'Voorwaardelijke invrijheidstelling met bijzondere voorwaarden',
    nameEn: 'Conditional release with special conditions',
    description: 'Bijzondere voorwaarden bij (voorwaardelijke) invrijheidstelling, met toezicht door de reclassering.',
    category: 'limiting_criminal',
    targetGroups: ['detainee', 'returnee'],
    organisationTypes: ['public_prosecutor', 'probation'],
    legalBasis: 'Wetboek van Strafrecht (art. 15a e.v.)',
  },
  {
    code: 'probation_supervision',
    nameNl: 'Reclasseringstoezicht',
    nameEn: 'Probation supervision',
    description: 'Toezicht op de naleving van voorwaarden door de reclassering.',
    category: 'limiting_criminal',
    targetGroups: ['detainee', 'returnee', 'radicalised'],
    organisationTypes: ['probation'],
    legalBasis: null,
  },
  // Limiting — administrative law
  {
    code: 'administrative_report',
    nameNl: 'Bestuurlijke rapportage',
    nameEn: 'Administrative report',
    description: 'Rapportage van de politie aan de burgemeester als grondslag voor een bestuurlijke maatregel.',
    category: 'limiting_administrative',
    targetGroups: PERSONS_AT_RISK,
    organisationTypes: ['police', 'municipality'],
    legalBasis: null,
  },
  {
    code: 'area_ban_bylaw',
    nameNl: 'Gebiedsverbod (APV)',
    nameEn: 'Area ban (local bylaw)',
    description:
      'Verbod om zich in een bepaald gebied op te houden, op grond van de Algemene Plaatselijke Verordening.',
    category: 'limiting_administrative',
    targetGroups: ['radicalised', 'recruiter'],
    organisationTypes: ['municipality'],
    legalBasis: 'Algemene Plaatselijke Verordening; Gemeentewet',
  },
  {
    code: 'closure_of_premises',
    nameNl: 'Sluiting woning of pand',
    nameEn: 'Closure of a dwelling or premises',
    description: 'Sluiting door de burgemeester bij verstoring van de openbare orde.',
    category: 'limiting_administrative',
    targetGroups: ['radicalised', 'recruiter'],
    organisationTypes: ['municipality'],
    legalBasis: 'Gemeentewet (art. 174a)',
  },
  {
    code: 'benefit_termination',
    nameNl: 'Beëindiging uitkering bij uitreis',
    nameEn: 'Ending benefits on departure',
    description: 'Stopzetten van een uitkering wanneer iemand is uitgereisd of het voornemen daartoe aantoonbaar is.',
    category: 'limiting_administrative',
    targetGroups: ['intending_traveller', 'departed'],
    organisationTypes: ['municipality'],
    legalBasis: 'Participatiewet',
  },
  // Limiting — Twbmt (behind the region switch)
  {
    code: 'twbmt_reporting_duty',
    nameNl: 'Meldplicht (Twbmt)',
    nameEn: 'Reporting duty (Twbmt)',
    description: 'Verplichting zich periodiek te melden bij de politie.',
    category: 'twbmt',
    targetGroups: TWBMT_GROUPS,
    organisationTypes: ['municipality', 'police'],
    legalBasis: TWBMT_BASIS,
  },
  {
    code: 'twbmt_contact_ban',
    nameNl: 'Contactverbod (Twbmt)',
    nameEn: 'Contact ban (Twbmt)',
    description: 'Verbod op contact met bepaalde personen.',
    category: 'twbmt',
    targetGroups: TWBMT_GROUPS,
    organisationTypes: ['municipality', 'police'],
    legalBasis: TWBMT_BASIS,
  },
  {
    code: 'twbmt_area_ban',
    nameNl: 'Gebiedsverbod (Twbmt)',
    nameEn: 'Area ban (Twbmt)',
    description: 'Verbod om zich in of nabij bepaalde objecten of gebieden op te houden.',
    category: 'twbmt',
    targetGroups: TWBMT_GROUPS,
    organisationTypes: ['municipality', 'police'],
    legalBasis: TWBMT_BASIS,
  },
  {
    code: 'twbmt_exit_ban',
    nameNl: 'Uitreisverbod (Twbmt)',
    nameEn: 'Exit ban (Twbmt)',
    description: 'Verbod om het Schengengebied te verlaten.',
    category: 'twbmt',
    targetGroups: ['intending_traveller', 'radicalised', 'returnee'],
    organisationTypes: ['municipality', 'police'],
    legalBasis: TWBMT_BASIS,
  },
  // Limiting — passport measures
  {
    code: 'passport_invalidation',
    nameNl: 'Vervallenverklaring of weigering paspoort',
    nameEn: 'Invalidation or refusal of a passport',
    description: 'Vervallenverklaring of weigering van het reisdocument om uitreis te voorkomen.',
    category: 'passport',
    targetGroups: ['intending_traveller', 'departed', 'radicalised'],
    organisationTypes: ['municipality', 'police'],
    legalBasis: 'Paspoortwet',
  },
  {
    code: 'passport_alert',
    nameNl: 'Signalering (paspoort- en opsporingsregister)',
    nameEn: 'Alert in the passport and wanted registers',
    description: 'Signalering zodat een aanvraag of grensovergang wordt opgemerkt.',
    category: 'passport',
    targetGroups: ['intending_traveller', 'departed', 'returnee'],
    organisationTypes: ['police', 'public_prosecutor'],
    legalBasis: 'Paspoortwet',
  },
  // Influencing — care and support
  {
    code: 'care_mental_health',
    nameNl: 'Zorg of GGZ-behandeling',
    nameEn: 'Care or mental health treatment',
    description: 'Toeleiding naar en behandeling door de (geestelijke) gezondheidszorg.',
    category: 'influencing',
    targetGroups: ['radicalised', 'stay_at_home', 'returnee', 'detainee', 'family_member'],
    organisationTypes: ['mental_health', 'municipality'],
    legalBasis: null,
  },
  {
    code: 'education',
    nameNl: 'Onderwijs',
    nameEn: 'Education',
    description: 'Terugleiding naar of behoud van onderwijs, in samenwerking met school en leerplicht.',
    category: 'influencing',
    targetGroups: ['radicalised', 'stay_at_home', 'returnee', 'family_member'],
    organisationTypes: ['education', 'municipality'],
    legalBasis: null,
  },
  {
    code: 'work_and_income',
    nameNl: 'Werk en inkomen',
    nameEn: 'Work and income',
    description: 'Begeleiding naar werk, dagbesteding en een stabiel inkomen.',
    category: 'influencing',
    targetGroups: ['radicalised', 'stay_at_home', 'returnee', 'detainee'],
    organisationTypes: ['municipality'],
    legalBasis: null,
  },
  {
    code: 'housing',
    nameNl: 'Huisvesting',
    nameEn: 'Housing',
    description: 'Passende huisvesting, bijvoorbeeld na detentie of terugkeer.',
    category: 'influencing',
    targetGroups: ['radicalised', 'returnee', 'detainee'],
    organisationTypes: ['municipality', 'welfare'],
    legalBasis: null,
  },
  {
    code: 'mentor_buddy',
    nameNl: 'Mentor of maatje',
    nameEn: 'Mentor or buddy',
    description: 'Een vaste, betrouwbare persoon die de betrokkene begeleidt.',
    category: 'influencing',
    targetGroups: ['radicalised', 'stay_at_home', 'returnee', 'family_member'],
    organisationTypes: ['welfare', 'municipality'],
    legalBasis: null,
  },
  {
    code: 'exit_programme',
    nameNl: 'Exit- of deradicaliseringsprogramma',
    nameEn: 'Exit or disengagement programme',
    description: 'Begeleiding bij het loskomen van een extremistische groep of ideologie.',
    category: 'influencing',
    targetGroups: ['radicalised', 'recruiter', 'stay_at_home', 'returnee', 'detainee'],
    organisationTypes: ['probation', 'municipality', 'expertise_pool'],
    legalBasis: null,
  },
  {
    code: 'family_support',
    nameNl: 'Gezinsondersteuning en opvoedondersteuning',
    nameEn: 'Family and parenting support',
    description: 'Steun aan ouders, broers en zussen en het gezin als geheel.',
    category: 'influencing',
    targetGroups: ['family_member', 'radicalised', 'departed', 'returnee', 'stay_at_home'],
    organisationTypes: ['youth_protection', 'child_protection_board', 'municipality', 'welfare'],
    legalBasis: null,
  },
  {
    code: 'debt_counselling',
    nameNl: 'Schuldhulpverlening',
    nameEn: 'Debt counselling',
    description: 'Hulp bij schulden en geldzaken.',
    category: 'influencing',
    targetGroups: ['radicalised', 'returnee', 'detainee', 'family_member'],
    organisationTypes: ['municipality', 'welfare'],
    legalBasis: 'Wet gemeentelijke schuldhulpverlening',
  },
  // Duiding
  {
    code: 'external_expert_duiding',
    nameNl: 'Duiding door externe expert',
    nameEn: 'Interpretation by an external expert',
    description: 'Een externe deskundige duidt de ideologische en persoonlijke achtergrond van de casus.',
    category: 'duiding',
    targetGroups: ALL,
    organisationTypes: ['expertise_pool'],
    legalBasis: null,
  },
  {
    code: 'expertise_pool',
    nameNl: 'Inzet expertisepool',
    nameEn: 'Consultation of the expertise pool',
    description: 'Bespreking van de casus in de expertisepool en koppeling van een poollid.',
    category: 'duiding',
    targetGroups: ALL,
    organisationTypes: ['expertise_pool', 'municipality'],
    legalBasis: null,
  },
];

/**
 * Seeds the toolbox (instrumentenkoffer) of a region; items whose code exists are left as they are.
 * Runs in the caller's transaction with the tenant set.
 */
export async function seedToolbox(tx: Tx, regionId: string): Promise<void> {
  await tx
    .insertInto('toolbox_items')
    .values(
      TOOLBOX.map((t) => ({
        region_id: regionId,
        code: t.code,
        name_nl: t.nameNl,
        name_en: t.nameEn,
        description: t.description,
        category: t.category,
        target_groups: t.targetGroups,
        organisation_types: t.organisationTypes,
        legal_basis: t.legalBasis,
      })),
    )
    .onConflict((oc) => oc.columns(['region_id', 'code']).doNothing())
    .execute();
}
