/**
 * The categories of the report tables, in the order of the tables, with their Dutch labels from the one
 * label catalogue (src/shared/labels; the report goes to the council).
 */
import { catalogues, type LabelGroup } from '../../shared/labels/index.js';
import type { Category } from './build.js';

/** The values of a catalogue group as report categories, in the catalogue's order. */
export function categoriesOf(group: LabelGroup): readonly Category[] {
  return Object.entries(catalogues.nl[group] as Record<string, string>).map(([key, label]) => ({ key, label }));
}

export const IDEOLOGIES = categoriesOf('ideologies');
export const TARGET_GROUPS = categoriesOf('targetGroups');
export const PHASES = categoriesOf('phases');
export const ESCALATION_LEVELS = categoriesOf('escalationLevels');
export const TRIAGE_DECISIONS = categoriesOf('triageOutcomes');
export const TRAINING_KINDS = categoriesOf('trainingKinds');
export const EVALUATION_KINDS = categoriesOf('evaluationKinds');
