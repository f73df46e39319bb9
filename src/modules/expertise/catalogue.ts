/**
 * The trainings of 001 (action line 3, "Bevorderen deskundigheid: voorlichtingen, trainingen en
 * intervisiebijeenkomsten"): the trainings of the Rijksopleidingsinstituut tegengaan Radicalisering
 * (RoR) and of the Behr-groep, with their goals, audiences and evaluation as the programme states them.
 */
import type { Tx } from '../../platform/db/database.js';

export const TRAINING_KINDS = ['basic', 'extremism', 'youth', 'lone_actor', 'multi_day', 'refresher', 'other'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

const ROR = 'Rijksopleidingsinstituut tegengaan Radicalisering (RoR)';
const BEHR = 'Behr-groep';

export interface TrainingSeed {
  code: string;
  name: string;
  kind: TrainingKind;
  provider: string;
  goal: string;
  targetAudience: string;
  durationDays: number | null;
  evaluation: string;
}

export const TRAININGS: readonly TrainingSeed[] = [
  {
    code: 'ror-basistraining',
    name: 'RoR-basistraining radicalisering en extremisme',
    kind: 'basic',
    provider: ROR,
    goal:
      'De basistraining is een instap-awarenesstraining die ingaat op het fenomeen radicalisering en extremisme. ' +
      'Gedurende de training wordt gekeken naar de verschillende stromingen en verschijningsvormen. Daarnaast is er ' +
      'aandacht voor reflectie op de eigen (professionele) houding.',
    targetAudience:
      'Eerstelijnsprofessionals die nog niet eerder een training over radicalisering en extremisme hebben gevolgd ' +
      'en/of bijvoorbeeld nieuw aangesteld zijn als aandachtsfunctionaris radicalisering.',
    durationDays: 1,
    evaluation: 'Evaluatie vanuit het RoR.',
  },
  {
    code: 'ror-links-rechtsextremisme',
    name: 'RoR-training links- en rechtsextremisme',
    kind: 'extremism',
    provider: ROR,
    goal:
      'Deelnemers verwerven kennis op het gebied van links- en rechtsextremisme, eigen houding vs. professionele ' +
      'houding, handelingsperspectieven en beleid in eigen organisatie.',
    targetAudience:
      'Professionals die binnen hun werkveld betrokken zijn bij de aanpak van dit thema. Denk hierbij aan ' +
      'professionals vanuit het onderwijs, zorg, politie, gemeente en maatschappelijke organisaties.',
    durationDays: 1,
    evaluation: 'Evaluatie vanuit het RoR.',
  },
  {
    code: 'ror-jeugd',
    name: 'RoR-jeugd',
    kind: 'youth',
    provider: ROR,
    goal:
      'Deelnemers verwerven kennis op het gebied van links- en rechtsextremisme, eigen houding vs. professionele ' +
      'houding, handelingsperspectieven en beleid in eigen organisatie.',
    targetAudience:
      'Specifiek bedoeld voor jeugdprofessionals die binnen hun werkveld betrokken zijn bij de aanpak van dit ' +
      'thema. Denk hierbij aan professionals vanuit het onderwijs en de zorgsector.',
    durationDays: 1,
    evaluation: 'Evaluatie vanuit het RoR.',
  },
  {
    code: 'ror-potentieel-gewelddadige-eenling',
    name: 'RoR-training Potentieel Gewelddadige Eenling (PGE)',
    kind: 'lone_actor',
    provider: ROR,
    goal:
      'De professionals van de expertisepool krijgen door middel van deze training meer inzicht in hoe extremisme ' +
      'en ‘verwardheid’ samen kunnen gaan, welke tekenen hierop wijzen, hoe vaak het voorkomt en welke ' +
      'professionals samenwerken in het Team Dreigingsmanagement (TDM) om tot een persoonsgerichte ' +
      'multidisciplinaire aanpak te komen. Ook wordt stilgestaan bij het belang van afstemming met de mensen die om ' +
      'de PGE heen staan om het pad van grief naar daad te onderbreken.',
    targetAudience: 'Professionals van de expertisepool.',
    durationDays: 1,
    evaluation: 'Evaluatie vanuit het RoR.',
  },
  {
    code: 'behr-driedaagse',
    name: 'Driedaagse Behr-training multicultureel vakmanschap en radicalisering',
    kind: 'multi_day',
    provider: BEHR,
    goal:
      'Deelnemers verwerven kennis op het gebied van radicalisering en multicultureel vakmanschap. Deelnemers ' +
      'kunnen de verworven kennis toepassen in de praktijk en zijn in staat radicaliseringsprocessen op een ' +
      'objectieve en professionele manier te doorgronden.',
    targetAudience:
      'Professionals die binnen hun werkveld betrokken zijn bij de aanpak van dit thema. Denk hierbij aan ' +
      'professionals vanuit het onderwijs, zorg, politie, gemeente en maatschappelijke organisaties.',
    durationDays: 3,
    evaluation: 'Evaluatie door de Behr-groep.',
  },
  {
    code: 'behr-terugkomdag',
    name: 'Terugkomdag Behr-training multicultureel vakmanschap en radicalisering',
    kind: 'refresher',
    provider: BEHR,
    goal:
      'Deelnemers de mogelijkheid bieden hun eerder opgedane kennis op te frissen. Theorie en praktijk op het ' +
      'gebied van radicalisering en multicultureel vakmanschap wederom onder de aandacht brengen bij ' +
      'professionals. De terugkomdag behandelt zowel theorie als praktijk (verhalen uit de praktijk, plenaire ' +
      'casusbespreking).',
    targetAudience:
      'Professionals (aandachtsfunctionarissen) die de driedaagse verdiepingstraining Radicalisering en ' +
      'Multicultureel Vakmanschap hebben gevolgd.',
    durationDays: 1,
    evaluation: 'Evaluatie door de Behr-groep.',
  },
];

/** The trainings catalogue of a region; returns the ids by code. */
export async function seedTrainings(tx: Tx, regionId: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const t of TRAININGS) {
    const row = await tx
      .insertInto('trainings')
      .values({
        region_id: regionId,
        code: t.code,
        name: t.name,
        kind: t.kind,
        provider: t.provider,
        goal: t.goal,
        target_audience: t.targetAudience,
        duration_days: t.durationDays,
        evaluation: t.evaluation,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(t.code, row.id);
  }
  return ids;
}
