/**
 * The text of a case's timeline line in the interface language. Kept apart from the section's
 * component so that it can be tested without a browser.
 */
import type { TFunction } from 'i18next';
import i18next from 'i18next';
import type { TimelineEvent } from '../../api/cases.js';
import { currentLanguage } from '../../i18n/index.js';
import { formatDate } from '../../lib/format.js';

/** A label inside a sentence ("Fase: voorbereiding → analyse"). */
const lower = (label: string) => label.toLocaleLowerCase(currentLanguage());

/** How a parameter of a timeline line is said: its code's label, a date, or as it is (names, counts). */
const PARAM_LABELS: Record<string, (value: string, t: TFunction) => string> = {
  fromPhase: (v, t) => lower(t(`caseLabels.phases.${v}`)),
  toPhase: (v, t) => lower(t(`caseLabels.phases.${v}`)),
  level: (v, t) => lower(t(`caseLabels.escalationLevels.${v}`)),
  relation: (v, t) => lower(t(`caseLabels.relations.${v}`)),
  concernLevel: (v, t) => lower(t(`caseLabels.concernLevels.${v}`)),
  evaluationKind: (v, t) => t(`cases.evaluation.kinds.${v}`),
  interventionEvaluationKind: (v, t) => t(`cases.evaluation.interventionKinds.${v}`),
  fromInterventionStatus: (v, t) => lower(t(`plans.interventions.statuses.${v}`)),
  toInterventionStatus: (v, t) => lower(t(`plans.interventions.statuses.${v}`)),
  fromActionStatus: (v, t) => lower(t(`plans.actions.statuses.${v}`)),
  toActionStatus: (v, t) => lower(t(`plans.actions.statuses.${v}`)),
  fields: (v, t) =>
    v
      .split(',')
      .filter(Boolean)
      .map((f) => t(`caseTimeline.fields.${f}`))
      .join(', '),
  date: (v) => formatDate(v),
  dueOn: (v) => formatDate(v),
  revisitOn: (v) => formatDate(v),
  nextReviewOn: (v) => formatDate(v),
  informedOn: (v) => formatDate(v),
  reconsiderOn: (v) => formatDate(v),
  nextInclusionReviewOn: (v) => formatDate(v),
  outcome: (v, t) => lower(t(`caseLabels.inclusionReviewOutcomes.${v}`)),
};

/**
 * A timeline line in the interface language, from its kind and parameters (the server stores the
 * Dutch text of record as `summary`; lines without parameters, or of a kind this app does not know,
 * are shown by that summary). A parameter "fooEn" is the English form of "foo".
 */
export function timelineText(e: TimelineEvent, t: TFunction): string {
  if (!e.params) return e.summary;
  const variant = typeof e.params.variant === 'string' ? `_${e.params.variant}` : '';
  const key = `caseTimeline.${e.kind}${variant}`;
  const plural = typeof e.params.count === 'number';
  if (!i18next.exists(plural ? `${key}_other` : key)) return e.summary;
  const english = currentLanguage() === 'en';
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(e.params)) {
    if (name === 'variant' || name.endsWith('En')) continue;
    const localised = english && typeof e.params[`${name}En`] === 'string' ? e.params[`${name}En`] : value;
    const label = PARAM_LABELS[name];
    values[name] = label && typeof localised === 'string' ? label(localised, t) : (localised as string | number);
  }
  return t(key, values);
}
