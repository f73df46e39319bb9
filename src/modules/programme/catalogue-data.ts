/**
 * The programme catalogue of seed 001 (Uitvoeringsprogramma, district E: Delft, Midden-Delfland,
 * Rijswijk, Westland): the four action lines and every intervention of the tables of the implementation
 * plan of Delft 2020, with their texts (lightly edited where the source is broken across columns).
 * Content is Dutch, as the users read it; codes and field names are English.
 */

export const ASPECTS = ['signalling', 'preventing', 'intervening'] as const;
export type Aspect = (typeof ASPECTS)[number];

export const EVALUATION_KINDS = ['plan', 'process', 'effect'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];

/** NJI, "Top tien beschermende factoren: voor een positieve ontwikkeling van jeugdigen" (2018). */
export const PROTECTIVE_FACTORS = [
  { code: 1, label: 'Sociale binding' },
  { code: 2, label: 'Kansen voor betrokkenheid' },
  { code: 3, label: 'Prosociale normen' },
  { code: 4, label: 'Erkenning en waardering voor positief gedrag' },
  { code: 5, label: 'Steun van belangrijke volwassenen en voorzieningen in de omgeving' },
  { code: 6, label: 'Constructieve tijdsbesteding' },
  { code: 7, label: 'Competenties' },
  { code: 8, label: 'Cognitieve vaardigheden' },
  { code: 9, label: 'Schoolmotivatie' },
  { code: 10, label: 'Positieve identiteit' },
] as const;
export type ProtectiveFactor = (typeof PROTECTIVE_FACTORS)[number]['code'];

export interface ActionLineSeed {
  number: 1 | 2 | 3 | 4;
  title: string;
  description: string;
  aspects: Aspect[];
}

export const ACTION_LINES: readonly ActionLineSeed[] = [
  {
    number: 1,
    title: 'Verminderen maatschappelijke onrust en ongewenste polarisatie',
    description:
      'Als gevolg van binnen- en buitenlandse gebeurtenissen/incidenten die raken aan thematiek zoals polarisatie, ' +
      'radicalisering en ondermijning van de democratische rechtsorde, kunnen maatschappelijke spanningen in een ' +
      'samenleving ontstaan. Om deze spanningen of tegenstellingen te verkleinen investeren we in (herstel van) ' +
      'relaties en verbinding.',
    aspects: ['signalling', 'preventing'],
  },
  {
    number: 2,
    title: 'Vergroten weerbaarheid',
    description:
      'Om te zorgen dat iedereen tegengewicht en veerkracht kan bieden tegen ongewenste invloeden en voedingsbodems ' +
      'voor radicalisering, richten we ons binnen deze actielijn op activiteiten die de weerbaarheid vergroten: ' +
      'ondersteuning van informele netwerken en sleutelfiguren, quick scans en analyses, ondersteuning van ' +
      'ouders/opvoeders en educatieve activiteiten.',
    aspects: ['signalling', 'preventing'],
  },
  {
    number: 3,
    title: 'Bevorderen deskundigheid',
    description:
      'Om de deskundigheid van professionals en vrijwilligers rondom radicalisering, extremisme en polarisatie te ' +
      'behouden en vergroten, blijven we investeren in voorlichtingen, trainingen en verdiepende expertise. We zorgen ' +
      'ervoor dat relevante organisaties in de gemeente over aandachtsfunctionarissen beschikken. Vanuit het idee van ' +
      'een "learning community" richten we ons daarbij tevens op het verstevigen van dit operationeel netwerk van ' +
      'professionals.',
    aspects: ['signalling', 'preventing'],
  },
  {
    number: 4,
    title: 'Persoonsgerichte aanpak',
    description:
      'Voor elke casus van mogelijke radicalisering wordt onder regie van de gemeente een op maat gemaakt plan ' +
      'opgesteld en uitgevoerd, soms op lokaal niveau, soms vanuit het Veiligheidshuis Haaglanden (VHH): de ' +
      'persoonsgerichte aanpak (PGA). De PGA is gericht op het inzetten van passende interventies om een ' +
      'radicaliseringsproces te doorbreken, om personen afstand te laten nemen van het radicale gedachtegoed of om dat ' +
      'af te zweren.',
    aspects: ['signalling', 'preventing', 'intervening'],
  },
];

export interface InterventionSeed {
  code: string;
  actionLine: 1 | 2 | 3 | 4;
  /** The heading of the table in seed 001 the intervention is listed under. */
  theme: string;
  name: string;
  goal: string;
  targetGroupDirect: string;
  targetGroupIndirect: string | null;
  execution: string;
  provider: string;
  protectiveFactors: ProtectiveFactor[];
  aspects: Aspect[];
  evaluationTypes: EvaluationKind[];
  evaluationNote: string;
}

const NETWORKS = 'Ondersteuning informele netwerken/sleutelfiguren';
const EDUCATION = 'Educatieve activiteiten';
const PARENTS = 'Ondersteuning ouders/opvoeders';
const EXPERTISE = 'Voorlichtingen, trainingen en intervisiebijeenkomsten';
const PGA = 'Persoonsgerichte aanpak (PGA)';
const AWARE: Aspect[] = ['signalling', 'preventing'];
const PLAN_AND_PROCESS: EvaluationKind[] = ['plan', 'process'];

const QUICKSCAN_DIRECT =
  'De directe doelgroep waarop de quickscan gericht is: het fenomeen in het onderzochte gebied en de ' +
  'sleutelfiguren, professionals, collega’s in de wijken en maatschappelijke partners die er informatie over geven.';
const QUICKSCAN_INDIRECT =
  'De indirecte doelgroep waarop de resultaten van de quickscan uiteindelijk effect kunnen hebben: inwoners, ' +
  'gemeenschappen en professionals in de gemeente(n).';
const QUICKSCAN_EXECUTION =
  'Een quickscan is een beperkt onderzoek of verkenning naar een afgebakend onderwerp. De quickscan wordt ' +
  'uitgevoerd door externe onderzoekers/een onderzoeksbureau. De resultaten kunnen aanleiding zijn tot een ' +
  'uitgebreidere analyse.';

const ROR_EXTREMISM_GOAL =
  'Deelnemers verwerven kennis op het gebied van links- en rechtsextremisme, eigen houding vs. professionele ' +
  'houding, handelingsperspectieven en beleid in de eigen organisatie.';

export const INTERVENTIONS: readonly InterventionSeed[] = [
  // Actielijn 1 ------------------------------------------------------------------------------------
  {
    code: 'contactcirkel',
    actionLine: 1,
    theme: 'Verminderen maatschappelijke onrust en ongewenste polarisatie',
    name: 'Contactcirkel',
    goal:
      'Reactief inzicht krijgen in harde (feitelijke gebeurtenissen/incidenten) en zachte signalen (sentimenten en ' +
      'zorgen rondom fysieke en sociale veiligheid) als gevolg van maatschappelijke onrust t.a.v. een aanslag met een ' +
      '(mogelijk) terroristisch motief, en het vormgeven van een gezamenlijk handelingskader.',
    targetGroupDirect:
      'De contactcirkel bestaat in de basis uit 20 sleutelfiguren van Delftse religieuze verenigingen en moskeeën, ' +
      'politie, welzijnswerk, onderwijs en de gemeente. Afhankelijk van wat er in de samenleving op dat moment speelt, ' +
      'kan de contactcirkel nog worden aangevuld met andere partijen.',
    targetGroupIndirect:
      'De gemeente en de eigen gemeenschappen uit de stad: de contactcirkel fungeert daarnaast als klankbord voor de ' +
      'gemeente en de eigen gemeenschappen.',
    execution:
      'Wanneer er een incident/gebeurtenis heeft plaatsgevonden, onderneemt de netwerkregisseur van de gemeente de ' +
      'volgende stappen (afhankelijk van de situatie kan hiervan worden afgeweken): ' +
      '1. De netwerkregisseur stemt de insteek van de contactcirkel af met de burgemeester en stelt de uitnodiging ' +
      'voor de bijeenkomst op. 2. De netwerkregisseur checkt welke contactpersonen uitgenodigd dienen te worden. ' +
      '3. De netwerkregisseur zorgt voor de facilitaire zaken van de bijeenkomst. 4. De netwerkregisseur haalt tijdens ' +
      'de bijeenkomst zorgen rondom fysieke en sociale veiligheid en eventuele behoeften op. 5. De netwerkregisseur ' +
      'zet en/of voert de acties uit die uit de contactcirkel zijn gekomen.',
    provider: 'Netwerkregisseur van de gemeente',
    protectiveFactors: [],
    aspects: AWARE,
    evaluationTypes: ['process'],
    evaluationNote:
      'Direct na ieder moment waarop een contactcirkel is ingezet, wordt een verslag opgesteld en wordt er met de ' +
      'netwerkregisseur geëvalueerd (procesevaluatie).',
  },
  // Actielijn 2: ondersteuning informele netwerken/sleutelfiguren --------------------------------------
  {
    code: 'quickscan-rechtsextremisme',
    actionLine: 2,
    theme: NETWORKS,
    name: 'Quickscan rechtsextremisme Delft en district',
    goal:
      'Inzicht krijgen in de aard en verschijningsvormen van rechtsextremisme in Delft en district en aanbevelingen ' +
      'voor een handelingsperspectief/aanscherping van de aanpak/terugkoppeling/aanvulling van het netwerk als ' +
      'onderdeel van het proces na de quickscan.',
    targetGroupDirect: QUICKSCAN_DIRECT,
    targetGroupIndirect: QUICKSCAN_INDIRECT,
    execution: QUICKSCAN_EXECUTION,
    provider: 'Externe onderzoekers/onderzoeksbureau, in opdracht van de gemeente',
    protectiveFactors: [],
    aspects: AWARE,
    evaluationTypes: PLAN_AND_PROCESS,
    evaluationNote: 'Plan- en procesevaluatie.',
  },
  {
    code: 'quickscan-parallelle-samenlevingen',
    actionLine: 2,
    theme: NETWORKS,
    name: 'Quickscan parallelle samenlevingen Delft',
    goal:
      'Inzicht krijgen in de aard en verschijningsvormen van mogelijke negatieve vormen van parallelliteit in Delft ' +
      'en het vormgeven van een gezamenlijk handelingskader als onderdeel van het proces na de quickscan.',
    targetGroupDirect: QUICKSCAN_DIRECT,
    targetGroupIndirect: QUICKSCAN_INDIRECT,
    execution: QUICKSCAN_EXECUTION,
    provider: 'Externe onderzoekers/onderzoeksbureau, in opdracht van de gemeente',
    protectiveFactors: [],
    aspects: AWARE,
    evaluationTypes: PLAN_AND_PROCESS,
    evaluationNote: 'Plan- en procesevaluatie.',
  },
  {
    code: 'snrp',
    actionLine: 2,
    theme: NETWORKS,
    name: 'Strategisch Netwerk Radicalisering en Polarisatie (SNRP)',
    goal:
      'Het SNRP bedenkt en voert strategieën uit op het gebied van het versterken van weerbaarheid en inclusie, en ' +
      'deelt (mogelijke) signalen gerelateerd aan radicalisering en polarisatie.',
    targetGroupDirect:
      'De deelnemers aan het SNRP: tientallen sleutelfiguren vanuit Delftse religieuze (culturele) instellingen ' +
      '(moskeeën, kerken en synagogen), migrantenorganisaties, maatschappelijke organisaties, welzijnsinstanties en ' +
      'enkele ambtenaren van de gemeente.',
    targetGroupIndirect: 'De gemeenschappen en inwoners die de deelnemers vertegenwoordigen en bereiken.',
    execution:
      'Het netwerk is gebouwd op co-partnerschap en co-creatie; het netwerk bepaalt zelf hoe het invulling geeft aan ' +
      'de visie. De gemeente is faciliterend en adviserend. De leden van het SNRP nemen deel aan reguliere ' +
      'bijeenkomsten waarin signalen en kennis worden gedeeld. Daarnaast organiseert het netwerk kleinschalige lokale ' +
      'activiteiten en grootschalige seminars.',
    provider: 'Het SNRP zelf; de gemeente faciliteert en adviseert',
    protectiveFactors: [2, 5, 6, 7, 10],
    aspects: AWARE,
    evaluationTypes: PLAN_AND_PROCESS,
    evaluationNote:
      'Voor de reguliere bijeenkomsten van het SNRP een procesevaluatie. Voor iedere lokale activiteit een plan- en ' +
      'procesevaluatie.',
  },
  {
    code: 'bounce',
    actionLine: 2,
    theme: NETWORKS,
    name: 'BOUNCE up (train-de-trainer) en BOUNCE young',
    goal:
      'Door middel van BOUNCE up (train-de-trainer) en BOUNCE young de weerbaarheid van een groep mentoren en tieners ' +
      'versterken. Uiteindelijk dient BOUNCE young (mede) te voorkomen dat deze tieners als nieuwe aanwas gaan ' +
      'fungeren voor een groep jongeren (14-24 jaar) die op het criminele pad beland zijn of zeer snel radicaliseren.',
    targetGroupDirect: 'De mentoren die verbonden zijn aan de interventie ‘Wijkmentoren Delft’ (BOUNCE up).',
    targetGroupIndirect: 'Tieners (10-13 jaar) uit verschillende wijken uit Delft (BOUNCE young).',
    execution:
      'De trainingen BOUNCE up en BOUNCE young worden onderdeel van de interventie ‘Wijkmentoren Delft’. Ze maken deel ' +
      'uit van de BOUNCE-methodiek: een methodiek die vanuit een positieve insteek en op een laagdrempelige manier ' +
      'oefeningen biedt om met tieners aan hun weerbaarheid te werken. De keuze voor deze interventie is gebaseerd op ' +
      'de evaluatie van het mentorenproject 2017-2018, de evaluatie ‘BOUNCE Up Tool: Research Findings and Policy ' +
      'Implications’ (Ghent University, Institute for International Research on Criminal Policy, maart 2018) en ' +
      'aanbevelingen uit ‘Time to engage with youth at centre stage: The HSC Approach to Youth’.',
    provider: 'Human Security Collective (HSC) en Delft voor Elkaar (DvE)',
    protectiveFactors: [],
    aspects: AWARE,
    evaluationTypes: PLAN_AND_PROCESS,
    evaluationNote:
      'Plan- en procesevaluatie van BOUNCE young. HSC en DvE faciliteren daarnaast ook een evaluatie van de ' +
      'interventie ‘Wijkmentoren Delft’.',
  },
  // Actielijn 2: educatieve activiteiten ----------------------------------------------------------------
  {
    code: 'count-me-in',
    actionLine: 2,
    theme: EDUCATION,
    name: 'Theatervoorstelling Count me In',
    goal:
      'Jongeren hebben kennis over uitsluiting, culturele verschillen en vooroordelen, en zijn in staat kritisch na te ' +
      'denken over eigen aannames en denkbeelden en de dialoog hierover te voeren met medestudenten en docenten.',
    targetGroupDirect:
      'Bovenbouwleerlingen VO (vanaf het 3e jaar) en 1e-jaars MBO – alle niveaus – uit Delft, Rijswijk, Westland en ' +
      'Midden-Delfland.',
    targetGroupIndirect: 'De docenten van deze leerlingen (via de training Dialoog onder druk).',
    execution:
      '10 voorstellingen van 90 minuten inclusief een interactief nagesprek. Bij voorkeur wordt de voorstelling ' +
      'gecombineerd met de training Dialoog onder druk van Stichting School en Veiligheid. Die training versterkt de ' +
      'pedagogische, didactische en sociale vaardigheden van de docenten van deze leerlingen, zodat zij maatschappelijk ' +
      'beladen thema’s zoals discriminatie en polarisatie op een veilige en constructieve manier bespreekbaar kunnen ' +
      'maken in de klas.',
    provider: 'Theatergroep Playback i.s.m. Stichting School en Veiligheid',
    protectiveFactors: [1, 3, 4, 5, 6, 10],
    aspects: AWARE,
    evaluationTypes: PLAN_AND_PROCESS,
    evaluationNote: 'Plan- en procesevaluatie.',
  },
  {
    code: 'underpressure',
    actionLine: 2,
    theme: EDUCATION,
    name: 'Workshoptraject UnderPressure',
    goal:
      'Door zelf nepnieuws te maken en te verspreiden krijgen deelnemers inzicht in de werking ervan en zijn ze later ' +
      'in staat misleidende informatie te herkennen. Ook reflecteren ze op hun ervaringen met peer educators die ' +
      'fungeren als rolmodel. Thema’s die aan bod komen zijn onder meer polarisatie, trolling en het delen van ' +
      'complottheorieën.',
    targetGroupDirect:
      'Jongeren in de bovenbouw van het voortgezet onderwijs en in de eerste twee leerjaren van het mbo.',
    targetGroupIndirect: null,
    execution:
      '5 workshoptrajecten ten behoeve van het lokale onderwijs en informele maatschappelijke organisaties die ' +
      'aangeven behoefte te hebben aan voorlichting/workshops op het gebied van mediawijsheid.',
    provider: 'DROG en Diversion',
    protectiveFactors: [4, 5, 6, 10],
    aspects: AWARE,
    evaluationTypes: PLAN_AND_PROCESS,
    evaluationNote: 'Plan- en procesevaluatie.',
  },
  // Actielijn 2: ondersteuning ouders/opvoeders -----------------------------------------------------
  {
    code: 'weerbaar-opvoeden',
    actionLine: 2,
    theme: PARENTS,
    name: 'Weerbaar opvoeden',
    goal:
      'Ouders hebben inzicht in en zijn in staat te reflecteren op het eigen handelingsrepertoire als opvoeder. De ' +
      'betrokken (welzijns)organisaties en professionals zijn in staat op het eigen handelingsrepertoire ' +
      '(werkwijzen, instrumentaria en samenwerkingsverbanden) te reflecteren, kunnen de belemmerende factoren voor de ' +
      'samenwerking achterhalen en hebben inzicht in cultuursensitief werken. De samenwerking tussen ouders, ' +
      'professionals, reguliere instellingen gericht op preventie en informele netwerken verbetert.',
    targetGroupDirect: 'Ouders van verschillende sociale en culturele achtergronden uit Delft en buurgemeenten.',
    targetGroupIndirect:
      'Jongeren, die met vragen over identiteit, geloof, participatie en toekomstperspectief bij hun ouders terecht ' +
      'kunnen, en de betrokken (welzijns)organisaties en professionals.',
    execution:
      'De interventie wordt uitgevoerd in opdracht van de gemeente en in samenspraak met lokale welzijnspartijen. ' +
      'Afhankelijk van de oudergroep wordt er een interne sleutelfiguur opgeleid om de ouderbijeenkomsten te houden ' +
      '(train-de-trainer weerbaar opvoeden), of wordt een externe expert ingehuurd om de bijeenkomsten te leiden.',
    provider: 'Lokale welzijnspartijen in opdracht van de gemeente; een opgeleide sleutelfiguur of een externe expert',
    protectiveFactors: [5],
    aspects: AWARE,
    evaluationTypes: PLAN_AND_PROCESS,
    evaluationNote: 'Plan- en procesevaluatie.',
  },
  // Actielijn 3: voorlichtingen, trainingen en intervisiebijeenkomsten --------------------------------
  {
    code: 'werkbijeenkomsten-aandachtsfunctionarissen',
    actionLine: 3,
    theme: EXPERTISE,
    name: 'Werkbijeenkomsten aandachtsfunctionarissen radicalisering',
    goal:
      'Bestaande kennis en vaardigheden ten aanzien van radicalisering, extremisme en polarisatie op peil houden en ' +
      'gezamenlijk doorontwikkelen. Iedere aandachtsfunctionaris haalt verbeter- en actiepunten op voor zichzelf en de ' +
      'eigen organisatie.',
    targetGroupDirect:
      'Aandachtsfunctionarissen radicalisering uit Delft en het district: professionals vanuit het onderwijs, zorg, ' +
      'politie, welzijn, gemeente, jeugdhulp en vertegenwoordigers van gemeenschappen die (actuele) kennis en ' +
      'deskundigheid hebben over (de preventie van) polarisatie, radicalisering en extremisme bij jongeren, en over de ' +
      'rol van andere professionals en professionals in andere domeinen daarbij.',
    targetGroupIndirect: 'De eigen organisaties van de aandachtsfunctionarissen.',
    execution:
      'De werkbijeenkomsten worden georganiseerd i.s.m. het Landelijk Expertisecentrum Extremisme (LSE) en het ' +
      'Rijksopleidingsinstituut tegengaan Radicalisering (RoR). Gedurende drie jaar vindt er ieder jaar een ' +
      'werkbijeenkomst plaats met steeds een ander thema: jaar 1 ‘eigen rol’ (2019), jaar 2 ‘verplaats je in de rol van ' +
      'een ander’ (2020) en jaar 3 ‘multidisciplinaire samenwerking’ (2021).',
    provider: 'Gemeente i.s.m. LSE en RoR',
    protectiveFactors: [],
    aspects: AWARE,
    evaluationTypes: PLAN_AND_PROCESS,
    evaluationNote: 'Plan- en procesevaluatie i.s.m. het RoR.',
  },
  {
    code: 'ror-links-rechtsextremisme',
    actionLine: 3,
    theme: EXPERTISE,
    name: 'RoR-training links- en rechtsextremisme',
    goal: ROR_EXTREMISM_GOAL,
    targetGroupDirect:
      'Professionals die binnen hun werkveld betrokken zijn bij de aanpak van dit thema, zoals professionals vanuit ' +
      'het onderwijs, zorg, politie, gemeente en maatschappelijke organisaties.',
    targetGroupIndirect: null,
    execution: 'De training wordt vanuit het RoR aangeboden.',
    provider: 'Rijksopleidingsinstituut tegengaan Radicalisering (RoR)',
    protectiveFactors: [],
    aspects: AWARE,
    evaluationTypes: [],
    evaluationNote: 'Evaluatie vanuit het RoR.',
  },
  {
    code: 'ror-jeugd',
    actionLine: 3,
    theme: EXPERTISE,
    name: 'RoR-jeugd',
    goal: ROR_EXTREMISM_GOAL,
    targetGroupDirect:
      'Jeugdprofessionals die binnen hun werkveld betrokken zijn bij de aanpak van dit thema, zoals professionals ' +
      'vanuit het onderwijs en de zorgsector.',
    targetGroupIndirect: null,
    execution: 'De training wordt vanuit het RoR aangeboden.',
    provider: 'Rijksopleidingsinstituut tegengaan Radicalisering (RoR)',
    protectiveFactors: [],
    aspects: AWARE,
    evaluationTypes: [],
    evaluationNote: 'Evaluatie vanuit het RoR.',
  },
  {
    code: 'behr-driedaagse',
    actionLine: 3,
    theme: EXPERTISE,
    name: 'Driedaagse Behr-training multicultureel vakmanschap en radicalisering',
    goal:
      'Deelnemers verwerven kennis op het gebied van radicalisering en multicultureel vakmanschap. Deelnemers kunnen ' +
      'de verworven kennis toepassen in de praktijk en zijn in staat radicaliseringsprocessen op een objectieve en ' +
      'professionele manier te doorgronden.',
    targetGroupDirect:
      'Professionals die binnen hun werkveld betrokken zijn bij de aanpak van dit thema, zoals professionals vanuit ' +
      'het onderwijs, zorg, politie, gemeente en maatschappelijke organisaties.',
    targetGroupIndirect: null,
    execution: 'Een driedaagse training, aangeboden door de Behr-groep.',
    provider: 'Behr-groep',
    protectiveFactors: [],
    aspects: AWARE,
    evaluationTypes: [],
    evaluationNote: 'Evaluatie door de Behr-groep.',
  },
  {
    code: 'behr-terugkomdag',
    actionLine: 3,
    theme: EXPERTISE,
    name: 'Terugkomdag Behr-training multicultureel vakmanschap en radicalisering',
    goal:
      'Deelnemers de mogelijkheid bieden hun eerder opgedane kennis op te frissen, en theorie en praktijk op het ' +
      'gebied van radicalisering en multicultureel vakmanschap opnieuw onder de aandacht brengen bij professionals.',
    targetGroupDirect:
      'Professionals (aandachtsfunctionarissen) die de driedaagse verdiepingstraining Radicalisering en Multicultureel ' +
      'Vakmanschap hebben gevolgd.',
    targetGroupIndirect: null,
    execution:
      'De interventie wordt uitgevoerd door de Behr-groep. De terugkomdag behandelt zowel theorie als praktijk ' +
      '(verhalen uit de praktijk, plenaire casusbespreking).',
    provider: 'Behr-groep',
    protectiveFactors: [],
    aspects: AWARE,
    evaluationTypes: [],
    evaluationNote: 'Evaluatie door de Behr-groep.',
  },
  {
    code: 'ror-pge',
    actionLine: 3,
    theme: EXPERTISE,
    name: 'RoR-training Potentieel Gewelddadige Eenling (PGE)',
    goal:
      'De professionals van de expertisepool krijgen meer inzicht in hoe extremisme en ‘verwardheid’ samen kunnen ' +
      'gaan, welke tekenen hierop wijzen, hoe vaak het voorkomt en welke professionals samenwerken in het Team ' +
      'Dreigingsmanagement (TDM) om tot een persoonsgerichte multidisciplinaire aanpak te komen. Ook wordt stilgestaan ' +
      'bij het belang van afstemming met de mensen die om de PGE heen staan om het pad van grief naar daad te ' +
      'onderbreken.',
    targetGroupDirect: 'De professionals van de expertisepool.',
    targetGroupIndirect: null,
    execution: 'De training wordt vanuit het RoR aangeboden.',
    provider: 'Rijksopleidingsinstituut tegengaan Radicalisering (RoR)',
    protectiveFactors: [],
    aspects: AWARE,
    evaluationTypes: [],
    evaluationNote: 'Evaluatie vanuit het RoR.',
  },
  {
    code: 'ror-basistraining',
    actionLine: 3,
    theme: EXPERTISE,
    name: 'RoR-basistraining radicalisering en extremisme',
    goal:
      'Een instap-awarenesstraining over het fenomeen radicalisering en extremisme: de verschillende stromingen en ' +
      'verschijningsvormen, met aandacht voor reflectie op de eigen (professionele) houding.',
    targetGroupDirect:
      'Eerstelijnsprofessionals die nog niet eerder een training over radicalisering en extremisme hebben gevolgd ' +
      'en/of bijvoorbeeld nieuw zijn aangesteld als aandachtsfunctionaris radicalisering.',
    targetGroupIndirect: null,
    execution: 'De training wordt vanuit het RoR aangeboden.',
    provider: 'Rijksopleidingsinstituut tegengaan Radicalisering (RoR)',
    protectiveFactors: [],
    aspects: AWARE,
    evaluationTypes: [],
    evaluationNote: 'Evaluatie vanuit het RoR.',
  },
  {
    code: 'nieuwsbrief',
    actionLine: 3,
    theme: EXPERTISE,
    name: 'Nieuwsbrief trends en actualiteiten radicalisering en polarisatie',
    goal:
      'Partners informeren over landelijke trends en ontwikkelingen, de aanpak inzichtelijk maken en lees- en ' +
      'luistertips geven op het gebied van radicalisering en extremisme.',
    targetGroupDirect:
      'Alle aandachtsfunctionarissen radicalisering en polarisatie en de andere directe districtelijke partners.',
    targetGroupIndirect:
      'Andere partners die zich voor de nieuwsbrief inschrijven, zoals andere professionals en vrijwilligers.',
    execution:
      'Twee keer per jaar wordt een digitale nieuwsbrief verstuurd. De nieuwsbrief wordt vanuit de gemeente verstuurd; ' +
      'input wordt opgehaald en vormgegeven i.s.m. landelijke en lokale partners.',
    provider: 'Gemeente',
    protectiveFactors: [],
    aspects: AWARE,
    evaluationTypes: PLAN_AND_PROCESS,
    evaluationNote: 'Plan- en procesevaluatie.',
  },
  // Actielijn 4: persoonsgerichte aanpak -----------------------------------------------------------
  {
    code: 'pga',
    actionLine: 4,
    theme: PGA,
    name: 'PGA',
    goal:
      'De PGA is een lokaal en regionaal interdisciplinair samenwerkings- en uitvoeringsverband ter voorkoming van ' +
      'radicalisering en extremisme.',
    targetGroupDirect:
      'Personen over wie in afstemming met districts- en landelijke partners is vastgesteld dat zij zich in een ' +
      'radicaliseringsproces bevinden en/of bevonden, en (ex-)gedetineerden die zijn verdacht van of veroordeeld voor ' +
      'terrorismegerelateerde delicten.',
    targetGroupIndirect: null,
    execution:
      'De PGA wordt uitgevoerd onder regie van de procesregisseur. Per casus wordt een maatwerkplan opgesteld en ' +
      'uitgevoerd, lokaal of in het casusoverleg van het Veiligheidshuis.',
    provider: 'Gemeente (procesregisseur) met de partners in het Zorg- en Veiligheidshuis',
    protectiveFactors: [],
    aspects: ['signalling', 'preventing', 'intervening'],
    evaluationTypes: PLAN_AND_PROCESS,
    evaluationNote: 'Plan- en procesevaluatie.',
  },
  {
    code: 'expertisepool',
    actionLine: 4,
    theme: PGA,
    name: 'Expertisepool',
    goal:
      'De behandeling van casuïstiek (in de PGA of nog niet opgeschaalde casus) door: de eerste duiding van mogelijk ' +
      '(de)radicaliserende personen en advisering over/uitvoering van een eerste handelingskader; het matchen van de ' +
      'juiste professional met de juiste lokale casuïstiek; het sturen/uitvoeren van interventies binnen lokale ' +
      'casuïstiek; het uitbouwen van eigen kennis en kunde en het overdragen daarvan naar de eigen organisatie(s).',
    targetGroupDirect:
      'Casuïstiek waarvoor interventies nodig zijn: aangedragen door de procesregisseur vanuit het afstemmingsoverleg ' +
      'en/of het casusoverleg, of ingebracht vanuit ieders reguliere rol en verantwoordelijkheid.',
    targetGroupIndirect: null,
    execution:
      'De expertisepool bestaat uit zorg- en veiligheidsprofessionals uit de vier gemeenten die bovengemiddeld ' +
      'gespecialiseerd zijn in radicalisering en gewelddadig extremisme. De pool komt iedere drie weken bij elkaar; ' +
      'een op de drie bijeenkomsten is een themabijeenkomst, de andere twee zijn reguliere bijeenkomsten met ruimte ' +
      'voor intervisie en het bespreken van mogelijke interventies.',
    provider: 'Zorg- en veiligheidsprofessionals uit Delft, Midden-Delfland, Rijswijk en Westland',
    protectiveFactors: [],
    aspects: ['signalling', 'preventing', 'intervening'],
    evaluationTypes: PLAN_AND_PROCESS,
    evaluationNote: 'Plan- en procesevaluatie.',
  },
  {
    code: 'duiding',
    actionLine: 4,
    theme: PGA,
    name: 'Duiding',
    goal:
      'Het duiden van complexe casuïstiek en (regionale/landelijke) trends en ontwikkelingen door een externe expert, ' +
      'ten behoeve van inzicht en handelingsperspectief.',
    targetGroupDirect: 'Casus die in afstemming met de procesregisseur voor duiding worden geselecteerd.',
    targetGroupIndirect: null,
    execution: 'Een duiding wordt uitgevoerd door een externe expert.',
    provider: 'Externe expert',
    protectiveFactors: [],
    aspects: ['signalling', 'preventing', 'intervening'],
    evaluationTypes: PLAN_AND_PROCESS,
    evaluationNote: 'Plan- en procesevaluatie.',
  },
  {
    code: 'informatieanalyse',
    actionLine: 4,
    theme: PGA,
    name: 'Informatieanalyse',
    goal:
      'Het in kaart brengen van netwerken of potentiële nieuwe aanwas van extremistische bewegingen ten behoeve van ' +
      'de PGA.',
    targetGroupDirect: 'Netwerken en bewegingen waarover analyses in afstemming met de procesregisseur worden gemaakt.',
    targetGroupIndirect: null,
    execution: 'Informatieanalyse wordt uitgevoerd door een informatieanalist, in afstemming met de procesregisseur.',
    provider: 'Informatieanalist',
    protectiveFactors: [],
    aspects: ['signalling', 'preventing', 'intervening'],
    evaluationTypes: PLAN_AND_PROCESS,
    evaluationNote: 'Plan- en procesevaluatie.',
  },
];
