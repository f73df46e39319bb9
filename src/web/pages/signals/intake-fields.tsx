/**
 * The intake data of a signal as form fields: used by the new-signal form and by the form that
 * corrects an open signal on its page, so both ask the same questions in the same way.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { LEGAL_REGIMES, type LegalRegime } from '../../api/cases.js';
import { IDEOLOGIES, type Ideology, type Indicator, type Signal, URGENCIES, type Urgency } from '../../api/signals.js';
import type { Municipality, Organisation } from '../../api/types.js';
import { type FieldErrors, type FieldSpec, requireText, SelectField, TextField } from '../../components/form.js';
import { CheckboxGroupField, localLabel, RadioGroupField, TextAreaField } from './common.js';

export interface IntakeDraft {
  municipalityId: string;
  sourceOrganisationId: string;
  reporterName: string;
  reporterContact: string;
  receivedOn: string;
  indicators: string[];
  ideology: Ideology | '';
  urgency: Urgency;
  legalRegime: LegalRegime;
  description: string;
}

/** The draft of an existing signal, to correct it. */
export function draftOf(s: Signal): IntakeDraft {
  return {
    municipalityId: s.municipality.id,
    sourceOrganisationId: s.sourceOrganisation.id,
    reporterName: s.reporterName ?? '',
    reporterContact: s.reporterContact ?? '',
    receivedOn: s.receivedOn,
    indicators: s.indicators.map((i) => i.code),
    ideology: s.ideology,
    urgency: s.urgency,
    legalRegime: s.legalRegime,
    description: s.description,
  };
}

/** The intake fields under the API's names, with ids prefixed by `form`. */
export function intakeFieldSpecs(t: TFunction, form: string): FieldSpec[] {
  const f = (name: string, label: string): FieldSpec => ({ name, id: `${form}-${name}`, label });
  return [
    f('sourceOrganisationId', t('signals.sourceOrganisation')),
    f('reporterName', t('signals.reporterName')),
    f('reporterContact', t('signals.reporterContact')),
    f('receivedOn', t('signals.receivedOn')),
    f('municipalityId', t('signals.municipality')),
    f('indicators', t('signals.indicators')),
    f('ideology', t('signals.ideology')),
    f('urgency', t('signals.urgency')),
    f('legalRegime', t('signals.legalRegime')),
    f('description', t('signals.description')),
  ];
}

/** The checks the browser can make before sending (the API checks again). */
export function validateIntake(
  draft: IntakeDraft,
  spec: (name: string) => FieldSpec,
  t: TFunction,
  found: FieldErrors,
): void {
  requireText(found, spec('sourceOrganisationId'), draft.sourceOrganisationId, t, 'errors.requiredChoice');
  requireText(found, spec('receivedOn'), draft.receivedOn, t);
  requireText(found, spec('municipalityId'), draft.municipalityId, t, 'errors.requiredChoice');
  requireText(found, spec('ideology'), draft.ideology, t, 'errors.requiredChoice');
  requireText(found, spec('description'), draft.description, t);
}

/** The draft as the body of POST /signals or PATCH /signals/{id} (without subjects and version). */
export function intakeBody(draft: IntakeDraft) {
  return {
    municipalityId: draft.municipalityId,
    sourceOrganisationId: draft.sourceOrganisationId,
    reporterName: draft.reporterName.trim() || null,
    reporterContact: draft.reporterContact.trim() || null,
    receivedOn: draft.receivedOn,
    indicators: draft.indicators,
    ideology: draft.ideology as Ideology,
    urgency: draft.urgency,
    legalRegime: draft.legalRegime,
    description: draft.description.trim(),
  };
}

export function IntakeFields({
  draft,
  onDraft,
  spec,
  errors,
  organisations,
  municipalities,
  indicators,
}: {
  draft: IntakeDraft;
  onDraft: (update: Partial<IntakeDraft>) => void;
  spec: (name: string) => FieldSpec;
  errors: FieldErrors;
  organisations: Organisation[];
  municipalities: Municipality[];
  /** The indicators that can be chosen; one already recorded stays listed even when it was retired. */
  indicators: Array<Pick<Indicator, 'code' | 'labelNl' | 'labelEn'>>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="schakel-fields-column">
        <SelectField
          spec={spec('sourceOrganisationId')}
          required
          value={draft.sourceOrganisationId}
          onValue={(sourceOrganisationId) => onDraft({ sourceOrganisationId })}
          placeholder={t('common.choose')}
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          error={errors.sourceOrganisationId}
        />
        <TextField
          spec={spec('reporterName')}
          optional
          autoComplete="off"
          value={draft.reporterName}
          onValue={(reporterName) => onDraft({ reporterName })}
          error={errors.reporterName}
        />
        <TextField
          spec={spec('reporterContact')}
          optional
          autoComplete="off"
          hint={t('signals.reporterContactHint')}
          value={draft.reporterContact}
          onValue={(reporterContact) => onDraft({ reporterContact })}
          error={errors.reporterContact}
        />
        <TextField
          spec={spec('receivedOn')}
          required
          type="date"
          value={draft.receivedOn}
          onValue={(receivedOn) => onDraft({ receivedOn })}
          error={errors.receivedOn}
        />
        <SelectField
          spec={spec('municipalityId')}
          required
          value={draft.municipalityId}
          onValue={(municipalityId) => onDraft({ municipalityId })}
          placeholder={t('common.choose')}
          options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
          error={errors.municipalityId}
        />
        <SelectField
          spec={spec('ideology')}
          required
          value={draft.ideology}
          onValue={(ideology) => onDraft({ ideology: ideology as Ideology | '' })}
          placeholder={t('common.choose')}
          options={IDEOLOGIES.map((i) => ({ value: i, label: t(`intake.ideology.${i}`) }))}
          error={errors.ideology}
        />
      </div>
      <RadioGroupField
        spec={spec('urgency')}
        required
        inline
        value={draft.urgency}
        onValue={(urgency) => onDraft({ urgency: urgency as Urgency })}
        choices={URGENCIES.map((u) => ({ value: u, label: t(`intake.urgency.${u}`) }))}
        error={errors.urgency}
      />
      <CheckboxGroupField
        spec={spec('indicators')}
        optional
        hint={t('signals.indicatorsHint')}
        values={draft.indicators}
        onValues={(values) => onDraft({ indicators: values })}
        choices={indicators.map((i) => ({ value: i.code, label: localLabel(i) }))}
        error={errors.indicators}
      />
      <TextAreaField
        spec={spec('description')}
        required
        rows={6}
        hint={t('signals.descriptionHint')}
        value={draft.description}
        onValue={(description) => onDraft({ description })}
        error={errors.description}
      />
      <RadioGroupField
        spec={spec('legalRegime')}
        required
        hint={t('signals.legalRegimeHint')}
        value={draft.legalRegime}
        onValue={(legalRegime) => onDraft({ legalRegime: legalRegime as LegalRegime })}
        choices={LEGAL_REGIMES.map((r) => ({
          value: r,
          label: t(`caseLabels.legalRegimes.${r}`),
          description: t(`caseLabels.legalRegimeHints.${r}`),
        }))}
        error={errors.legalRegime}
      />
    </>
  );
}
