/**
 * Generic Dutch texts for synthetic records. They describe situations in general terms, name no real
 * event, place, group or person, and carry no personal data beyond what the record already holds.
 */

export const SIGNAL_DESCRIPTIONS = [
  'Melder maakt zich zorgen over uitspraken op sociale media waarin geweld tegen andersdenkenden wordt goedgekeurd.',
  'Betrokkene heeft zich de afgelopen maanden teruggetrokken uit het gezin en de vriendengroep en zoekt nieuwe contacten online.',
  'School meldt dat betrokkene in de klas herhaaldelijk vijandige opvattingen over de samenleving uit.',
  'Buurtbewoners zien dat betrokkene propagandamateriaal verspreidt in de wijk.',
  'Familie maakt zich zorgen over mogelijke uitreisplannen; betrokkene zou spullen hebben verkocht.',
  'Hulpverlener signaleert een verharding van standpunten en afwijzing van de democratische rechtsorde.',
  'Werkgever meldt dat betrokkene collega’s probeert te overtuigen van extreme opvattingen.',
  'Wijkagent ontving informatie over contacten met een groep die geweld verheerlijkt.',
  'Betrokkene heeft in een gesprek aangegeven zich niet meer aan Nederlandse wetten gebonden te voelen.',
  'Jongerenwerker ziet dat betrokkene steeds meer tijd doorbrengt in besloten online groepen.',
  'Melding van de huisarts over zorgelijke uitlatingen in combinatie met psychische kwetsbaarheid.',
  'Ouders zien een plotselinge verandering in kleding, taalgebruik en omgang met vrienden.',
] as const;

export const TRIAGE_RATIONALES = {
  open_case: 'Zorgen over radicalisering zijn voldoende concreet; bespreken in het regionaal casusoverleg.',
  handle_locally: 'Zorgen zijn beperkt; de wijkagent en het sociaal wijkteam volgen betrokkene lokaal.',
  refer: 'Problematiek ligt vooral op het terrein van zorg; overgedragen aan het passende traject.',
  no_action: 'Na navraag geen aanwijzingen voor radicalisering; geen verdere actie.',
} as const;

export const ASSESSMENT_RATIONALES = {
  low: 'Beperkte zorgen: enkele signalen, geen aanwijzingen voor geweld. Beschermende factoren zijn aanwezig.',
  medium: 'Zorgen over toenemende identificatie met extreme opvattingen; netwerk en dagbesteding bieden nog houvast.',
  high: 'Ernstige zorgen: vijandbeeld en contacten met extremistisch netwerk; beschermende factoren nemen af.',
  acute: 'Acute zorgen: concrete aanwijzingen voor voorbereidingshandelingen; direct handelen nodig.',
} as const;

export const CONTRIBUTIONS: Record<string, readonly string[]> = {
  police: [
    'Betrokkene is enkele keren in beeld gekomen bij de wijkagent. Er lopen geen strafrechtelijke onderzoeken.',
    'Politie heeft een stopgesprek gevoerd; betrokkene toonde weinig inzicht in de zorgen.',
  ],
  public_prosecutor: ['Er is een lopende strafzaak; de zitting is nog niet gepland.'],
  mental_health: [
    'Betrokkene is in behandeling; het contact verloopt wisselend. Er zijn zorgen over sociaal isolement.',
    'Vanuit de behandeling wordt een verband gezien tussen psychische klachten en de gezochte identiteit.',
  ],
  youth_protection: ['Er is een ondertoezichtstelling; de gezinsvoogd ziet spanningen binnen het gezin.'],
  probation: ['Reclassering houdt toezicht; betrokkene houdt zich aan de meldplicht.'],
  child_protection_board: ['De Raad doet onderzoek naar de opvoedsituatie van de minderjarige kinderen.'],
  safety_house: ['Het Veiligheidshuis heeft de informatie van de partners samengebracht voor het overleg.'],
  municipality: [
    'Gemeente heeft contact gehad met het gezin; schuldhulpverlening en dagbesteding zijn in beeld.',
    'Leerplicht meldt verzuim; er is een gesprek met school en ouders gepland.',
  ],
  expertise_pool: [
    'Duiding: de uitingen passen bij een beginnend radicaliseringsproces; geen aanwijzingen voor geweld.',
  ],
  other: ['Aanvullende informatie van de partner is besproken.'],
};

export const ACTION_TITLES = [
  'Huisbezoek afleggen',
  'Gesprek met ouders plannen',
  'Aanmelden bij exitprogramma',
  'Contact leggen met school',
  'Mentor koppelen',
  'Schuldhulpverlening starten',
  'Dagbesteding regelen',
  'Stopgesprek voeren',
  'Duiding door expert aanvragen',
  'Voortgang bespreken in casusoverleg',
  'Zorgaanbod bespreken met betrokkene',
  'Woonsituatie in kaart brengen',
] as const;

export const PLAN_GOALS = [
  'Betrokkene heeft een stabiele dagbesteding.',
  'Het netwerk van betrokkene is versterkt met positieve contacten.',
  'Betrokkene neemt afstand van het extremistische netwerk.',
  'Er is zicht op de ontwikkeling van betrokkene.',
  'De ouders zijn ondersteund in de opvoeding.',
] as const;

export const PROBLEM_ANALYSIS =
  'Betrokkene laat zorgelijke uitlatingen en gedrag zien en lijkt vatbaar voor extremistische beïnvloeding. ' +
  'De partners zien risico’s voor betrokkene en de omgeving, maar ook aanknopingspunten in het netwerk.';

export const CLOSING_REASONS = {
  provisional: 'Zorgen zijn afgenomen; voorlopig afgesloten met een waakperiode.',
  definitive: 'Doelen van het plan van aanpak zijn bereikt; geen zorgen meer over radicalisering.',
} as const;
