/** The categories of the report tables with their Dutch labels (the report goes to the council). */
import type { Category } from './build.js';

export const IDEOLOGIES: readonly Category[] = [
  { key: 'jihadist', label: 'Jihadistisch' },
  { key: 'right_wing', label: 'Rechts-extremistisch' },
  { key: 'left_wing', label: 'Links-extremistisch' },
  { key: 'anti_government', label: 'Anti-overheid' },
  { key: 'other_unclear', label: 'Overig of onduidelijk' },
];

export const TARGET_GROUPS: readonly Category[] = [
  { key: 'radicalised', label: 'Geradicaliseerde persoon' },
  { key: 'recruiter', label: 'Ronselaar' },
  { key: 'intending_traveller', label: 'Voorgenomen uitreiziger' },
  { key: 'stay_at_home', label: 'Thuisblijver' },
  { key: 'departed', label: 'Uitgereisde' },
  { key: 'returnee', label: 'Terugkeerder' },
  { key: 'detainee', label: '(Ex-)gedetineerde terroristisch misdrijf' },
  { key: 'family_member', label: 'Familielid' },
];

export const PHASES: readonly Category[] = [
  { key: 'preparation', label: 'Voorbereiding' },
  { key: 'analysis', label: 'Analyse' },
  { key: 'execution', label: 'Uitvoering' },
  { key: 'monitoring', label: 'Monitoring' },
  { key: 'closed_provisional', label: 'Voorlopig afgesloten' },
  { key: 'closed', label: 'Afgesloten' },
];

export const ESCALATION_LEVELS: readonly Category[] = [
  { key: 'local', label: 'Lokaal' },
  { key: 'regional', label: 'Regionaal' },
  { key: 'national', label: 'Landelijk' },
];

export const TRIAGE_DECISIONS: readonly Category[] = [
  { key: 'open_case', label: 'Casus geopend' },
  { key: 'handle_locally', label: 'Lokaal opgepakt' },
  { key: 'refer', label: 'Doorverwezen' },
  { key: 'no_action', label: 'Geen verdere actie' },
];

export const TRAINING_KINDS: readonly Category[] = [
  { key: 'basic', label: 'Basistraining' },
  { key: 'extremism', label: 'Links- en rechtsextremisme' },
  { key: 'youth', label: 'Jeugd' },
  { key: 'lone_actor', label: 'Potentieel gewelddadige eenling' },
  { key: 'multi_day', label: 'Meerdaagse training' },
  { key: 'refresher', label: 'Terugkomdag' },
  { key: 'other', label: 'Overig' },
];

export const EVALUATION_KINDS: readonly Category[] = [
  { key: 'plan', label: 'Planevaluatie' },
  { key: 'process', label: 'Procesevaluatie' },
  { key: 'effect', label: 'Effectevaluatie' },
];
