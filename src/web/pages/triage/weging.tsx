/**
 * The weging (Wgpa) that goes with a decision to open a case: the region's inclusion criteria that
 * apply, each with its reasons, and the organisations that took part — at least the municipality, the
 * police and the public prosecutor. The API refuses a decision without them; this form says so first.
 */
import { useTranslation } from 'react-i18next';
import { listOrganisations } from '../../api/endpoints.js';
import { type InclusionCriterion, type InclusionInput, listInclusionCriteria } from '../../api/triage.js';
import type { Organisation } from '../../api/types.js';
import { Checkbox, ErrorMessage, FieldSet, Heading, Paragraph } from '../../components/ams.js';
import type { FieldErrors, FieldSpec } from '../../components/form.js';
import { LoadError } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { currentLanguage } from '../../i18n/index.js';
import { useLoad } from '../../lib/use-load.js';
import { TextAreaField } from '../signals/common.js';

export interface WegingDraft {
  /** Chosen criteria by id, with the reasons typed for each. */
  criteria: Record<string, string>;
  participants: string[];
}
export const emptyWeging = (): WegingDraft => ({ criteria: {}, participants: [] });

const REQUIRED_PARTIES = ['municipality', 'police', 'public_prosecutor'] as const;

export const wegingFieldNames = {
  criteria: 'inclusion/criteria',
  participants: 'inclusion/participantOrganisationIds',
} as const;

export function wegingSpecs(t: (key: string) => string): FieldSpec[] {
  return [
    { name: wegingFieldNames.criteria, id: 'decision-inclusion-criteria', label: t('triage.weging.criteria') },
    {
      name: wegingFieldNames.participants,
      id: 'decision-inclusion-participants',
      label: t('triage.weging.participants'),
    },
    { name: 'inclusion', id: 'decision-inclusion-criteria', label: t('triage.weging.heading') },
  ];
}

/** The client-side checks of the weging, the same as the API's (src/core/wgpa.ts). */
export function checkWeging(
  draft: WegingDraft,
  organisations: Organisation[],
  t: (key: string) => string,
): FieldErrors {
  const found: FieldErrors = {};
  const chosen = Object.entries(draft.criteria);
  if (chosen.length === 0) found[wegingFieldNames.criteria] = t('triage.weging.noCriteria');
  else if (chosen.some(([, reasons]) => reasons.trim() === '')) {
    found[wegingFieldNames.criteria] = t('triage.weging.reasonsPerCriterion');
  }
  const types = new Set(organisations.filter((o) => draft.participants.includes(o.id)).map((o) => o.type));
  if (REQUIRED_PARTIES.some((p) => !types.has(p)))
    found[wegingFieldNames.participants] = t('triage.weging.partiesMissing');
  return found;
}

export function toInclusionInput(draft: WegingDraft): InclusionInput {
  return {
    criteria: Object.entries(draft.criteria).map(([criterionId, reasons]) => ({
      criterionId,
      reasons: reasons.trim(),
    })),
    participantOrganisationIds: draft.participants,
  };
}

export function useWegingOptions() {
  return useLoad(async () => {
    const [criteria, organisations] = await Promise.all([listInclusionCriteria(), listOrganisations()]);
    return { criteria: criteria.items, organisations: organisations.items };
  }, []);
}

export const criterionLabel = (c: Pick<InclusionCriterion, 'labelNl' | 'labelEn'>) =>
  currentLanguage() === 'en' ? c.labelEn : c.labelNl;

export function WegingFields({
  draft,
  onChange,
  errors,
  options,
}: {
  draft: WegingDraft;
  onChange: (draft: WegingDraft) => void;
  errors: FieldErrors;
  options: ReturnType<typeof useWegingOptions>;
}) {
  const { t } = useTranslation();
  const specs = wegingSpecs(t);
  const criteriaError = errors[wegingFieldNames.criteria] ?? errors.inclusion;
  const partiesError = errors[wegingFieldNames.participants];
  const toggleCriterion = (id: string, on: boolean) => {
    const criteria = { ...draft.criteria };
    if (on) criteria[id] = criteria[id] ?? '';
    else delete criteria[id];
    onChange({ ...draft, criteria });
  };
  const toggleParticipant = (id: string, on: boolean) =>
    onChange({
      ...draft,
      participants: on ? [...draft.participants, id] : draft.participants.filter((p) => p !== id),
    });
  return (
    <section className="schakel-form schakel-panel" aria-labelledby="decision-weging">
      <Heading level={3} id="decision-weging">
        {t('triage.weging.heading')}
      </Heading>
      <Paragraph size="small">{t('triage.weging.intro')}</Paragraph>
      {options.error !== null && <LoadError error={options.error} onRetry={() => void options.reload()} />}
      {!options.data && options.loading && <Loading />}
      {options.data && (
        <>
          <FieldSet
            legend={t('triage.weging.criteria')}
            invalid={Boolean(criteriaError)}
            aria-describedby={criteriaError ? `${specs[0]?.id}-error` : undefined}
          >
            {criteriaError && <ErrorMessage id={`${specs[0]?.id}-error`}>{criteriaError}</ErrorMessage>}
            {options.data.criteria.map((c, index) => {
              const checked = c.id in draft.criteria;
              return (
                <div key={c.id} className="schakel-weging-criterion">
                  <Checkbox
                    id={index === 0 ? specs[0]?.id : `decision-criterion-${c.code}`}
                    checked={checked}
                    onChange={(e) => toggleCriterion(c.id, e.target.checked)}
                  >
                    {criterionLabel(c)}
                  </Checkbox>
                  {checked && (
                    <TextAreaField
                      spec={{
                        name: `criterion-${c.code}`,
                        id: `decision-criterion-${c.code}-reasons`,
                        label: t('triage.weging.reasons'),
                      }}
                      required
                      rows={2}
                      value={draft.criteria[c.id] ?? ''}
                      onValue={(reasons) => onChange({ ...draft, criteria: { ...draft.criteria, [c.id]: reasons } })}
                    />
                  )}
                </div>
              );
            })}
          </FieldSet>
          <FieldSet
            legend={t('triage.weging.participants')}
            invalid={Boolean(partiesError)}
            aria-describedby={`${specs[1]?.id}-hint${partiesError ? ` ${specs[1]?.id}-error` : ''}`}
          >
            <Paragraph size="small" id={`${specs[1]?.id}-hint`} className="schakel-field-hint">
              {t('triage.weging.participantsHint')}
            </Paragraph>
            {partiesError && <ErrorMessage id={`${specs[1]?.id}-error`}>{partiesError}</ErrorMessage>}
            {options.data.organisations.map((o, index) => (
              <Checkbox
                key={o.id}
                id={index === 0 ? specs[1]?.id : `decision-participant-${o.id.slice(0, 8)}`}
                checked={draft.participants.includes(o.id)}
                onChange={(e) => toggleParticipant(o.id, e.target.checked)}
              >
                {o.name} <span className="schakel-muted">({t(`organisationTypes.${o.type}`)})</span>
              </Checkbox>
            ))}
          </FieldSet>
        </>
      )}
    </section>
  );
}
