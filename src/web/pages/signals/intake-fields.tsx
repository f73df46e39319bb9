/**
 * The intake data of a signal as form fields: used by the new-signal form and by the form that
 * corrects an open signal on its page, so both ask the same questions in the same way.
 *
 * Who reported (issue 8): partners and experts record only their own organisation's signals; municipal
 * intake staff choose an organisation of the region or an outside reporter (school, neighbour …). The
 * legal regime starts at the source's default (src/core/source-attribution.ts); a weaker one asks why.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  defaultLegalRegime,
  mayRecordForOthers,
  REPORTER_KINDS,
  type ReporterKind,
  regimeNeedsReason,
} from '../../../core/source-attribution.js';
import { LEGAL_REGIMES, type LegalRegime } from '../../api/cases.js';
import { IDEOLOGIES, type Ideology, type Indicator, type Signal, URGENCIES, type Urgency } from '../../api/signals.js';
import type { Me, Municipality, Organisation } from '../../api/types.js';
import { Paragraph } from '../../components/ams.js';
import { type FieldErrors, type FieldSpec, requireText, SelectField, TextField } from '../../components/form.js';
import { CheckboxGroupField, localLabel, RadioGroupField, TextAreaField } from './common.js';

/** Reported by an organisation of the region, or by someone outside without one. */
export type SourceKind = 'organisation' | 'outside';

export interface IntakeDraft {
  municipalityId: string;
  sourceKind: SourceKind;
  sourceOrganisationId: string;
  reporterKind: ReporterKind | '';
  reporterName: string;
  reporterContact: string;
  receivedOn: string;
  indicators: string[];
  ideology: Ideology | '';
  urgency: Urgency;
  legalRegime: LegalRegime;
  legalRegimeReason: string;
  description: string;
}

/** The draft of an existing signal, to correct it. */
export function draftOf(s: Signal): IntakeDraft {
  return {
    municipalityId: s.municipality.id,
    sourceKind: s.sourceOrganisation ? 'organisation' : 'outside',
    sourceOrganisationId: s.sourceOrganisation?.id ?? '',
    reporterKind: s.reporterKind ?? '',
    reporterName: s.reporterName ?? '',
    reporterContact: s.reporterContact ?? '',
    receivedOn: s.receivedOn,
    indicators: s.indicators.map((i) => i.code),
    ideology: s.ideology,
    urgency: s.urgency,
    legalRegime: s.legalRegime,
    legalRegimeReason: s.legalRegimeReason ?? '',
    description: s.description,
  };
}

/** The type of the draft's source organisation; null for an outside reporter (or none chosen yet). */
export function sourceTypeOf(draft: IntakeDraft, organisations: Organisation[]): string | null {
  if (draft.sourceKind === 'outside') return null;
  return organisations.find((o) => o.id === draft.sourceOrganisationId)?.type ?? null;
}

/** Does the chosen regime deviate downwards from the source's default, so that a reason is asked? */
export function draftNeedsReason(draft: IntakeDraft, organisations: Organisation[]): boolean {
  return regimeNeedsReason(draft.legalRegime, sourceTypeOf(draft, organisations));
}

/** May the signed-in user register on behalf of another organisation or an outside reporter? */
export function choosesSource(me: Me | null | undefined): boolean {
  return me ? mayRecordForOthers(me.user.role) : false;
}

/** The intake fields under the API's names, with ids prefixed by `form`. */
export function intakeFieldSpecs(t: TFunction, form: string): FieldSpec[] {
  const f = (name: string, label: string): FieldSpec => ({ name, id: `${form}-${name}`, label });
  return [
    f('sourceKind', t('signals.sourceKind')),
    f('sourceOrganisationId', t('signals.sourceOrganisation')),
    f('reporterKind', t('signals.reporterKind')),
    f('reporterName', t('signals.reporterName')),
    f('reporterContact', t('signals.reporterContact')),
    f('receivedOn', t('signals.receivedOn')),
    f('municipalityId', t('signals.municipality')),
    f('indicators', t('signals.indicators')),
    f('ideology', t('signals.ideology')),
    f('urgency', t('signals.urgency')),
    f('legalRegime', t('signals.legalRegime')),
    f('legalRegimeReason', t('signals.legalRegimeReason')),
    f('description', t('signals.description')),
  ];
}

/** The checks the browser can make before sending (the API checks again). */
export function validateIntake(
  draft: IntakeDraft,
  spec: (name: string) => FieldSpec,
  t: TFunction,
  found: FieldErrors,
  organisations: Organisation[],
): void {
  if (draft.sourceKind === 'organisation') {
    requireText(found, spec('sourceOrganisationId'), draft.sourceOrganisationId, t, 'errors.requiredChoice');
  } else {
    requireText(found, spec('reporterKind'), draft.reporterKind, t, 'errors.requiredChoice');
  }
  requireText(found, spec('receivedOn'), draft.receivedOn, t);
  requireText(found, spec('municipalityId'), draft.municipalityId, t, 'errors.requiredChoice');
  requireText(found, spec('ideology'), draft.ideology, t, 'errors.requiredChoice');
  requireText(found, spec('description'), draft.description, t);
  if (draftNeedsReason(draft, organisations)) {
    requireText(found, spec('legalRegimeReason'), draft.legalRegimeReason, t);
  }
}

/** The draft as the body of POST /signals or PATCH /signals/{id} (without subjects and version). */
export function intakeBody(draft: IntakeDraft, organisations: Organisation[]) {
  return {
    municipalityId: draft.municipalityId,
    sourceOrganisationId: draft.sourceKind === 'outside' ? null : draft.sourceOrganisationId,
    reporterKind: draft.reporterKind || null,
    reporterName: draft.reporterName.trim() || null,
    reporterContact: draft.reporterContact.trim() || null,
    receivedOn: draft.receivedOn,
    indicators: draft.indicators,
    ideology: draft.ideology as Ideology,
    urgency: draft.urgency,
    legalRegime: draft.legalRegime,
    legalRegimeReason: draftNeedsReason(draft, organisations) ? draft.legalRegimeReason.trim() : null,
    description: draft.description.trim(),
  };
}

export function IntakeFields({
  draft,
  onDraft,
  spec,
  errors,
  me,
  organisations,
  municipalities,
  indicators,
  registrant,
}: {
  draft: IntakeDraft;
  onDraft: (update: Partial<IntakeDraft>) => void;
  spec: (name: string) => FieldSpec;
  errors: FieldErrors;
  me: Me | null | undefined;
  organisations: Organisation[];
  municipalities: Municipality[];
  /** The indicators that can be chosen; one already recorded stays listed even when it was retired. */
  indicators: Array<Pick<Indicator, 'code' | 'labelNl' | 'labelEn'>>;
  /** Who registers (the new-signal form says so; a recorded signal shows it in its details). */
  registrant?: { name: string; organisation: string };
}) {
  const { t } = useTranslation();
  const choosing = choosesSource(me);
  const typeOf = (id: string) => organisations.find((o) => o.id === id)?.type ?? null;
  // A new source proposes its default regime; the user may still choose another (a weaker one asks why).
  const setSource = (update: Pick<IntakeDraft, 'sourceKind' | 'sourceOrganisationId'>) =>
    onDraft({
      ...update,
      legalRegime: defaultLegalRegime(update.sourceKind === 'outside' ? null : typeOf(update.sourceOrganisationId)),
    });
  const needsReason = draftNeedsReason(draft, organisations);
  const sourceDefault = defaultLegalRegime(sourceTypeOf(draft, organisations));
  return (
    <>
      <div className="schakel-fields-column">
        {choosing ? (
          <>
            <RadioGroupField
              spec={spec('sourceKind')}
              required
              inline
              value={draft.sourceKind}
              onValue={(kind) =>
                setSource({ sourceKind: kind as SourceKind, sourceOrganisationId: draft.sourceOrganisationId })
              }
              choices={[
                { value: 'organisation', label: t('signals.sourceKinds.organisation') },
                { value: 'outside', label: t('signals.sourceKinds.outside') },
              ]}
              error={errors.sourceKind}
            />
            {draft.sourceKind === 'organisation' && (
              <SelectField
                spec={spec('sourceOrganisationId')}
                required
                hint={t('signals.sourceOrganisationHint')}
                value={draft.sourceOrganisationId}
                onValue={(id) => setSource({ sourceKind: 'organisation', sourceOrganisationId: id })}
                placeholder={t('common.choose')}
                options={organisations.map((o) => ({ value: o.id, label: o.name }))}
                error={errors.sourceOrganisationId}
              />
            )}
          </>
        ) : (
          <div>
            <Paragraph id={spec('sourceOrganisationId').id} tabIndex={-1}>
              {t('signals.ownSource', { organisation: me?.user.organisation.name ?? '' })}
            </Paragraph>
            {errors.sourceOrganisationId && <Paragraph>{errors.sourceOrganisationId}</Paragraph>}
          </div>
        )}
        <SelectField
          spec={spec('reporterKind')}
          optional={draft.sourceKind === 'organisation'}
          required={draft.sourceKind === 'outside'}
          value={draft.reporterKind}
          onValue={(kind) => onDraft({ reporterKind: kind as ReporterKind | '' })}
          placeholder={t('common.choose')}
          options={REPORTER_KINDS.map((k) => ({ value: k, label: t(`intake.reporterKind.${k}`) }))}
          error={errors.reporterKind}
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
        {registrant && (
          <Paragraph size="small" className="schakel-field-hint">
            {t('signals.registrantNote', registrant)}
          </Paragraph>
        )}
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
        hint={`${t('signals.legalRegimeHint')} ${
          draft.sourceKind === 'outside' || !draft.sourceOrganisationId
            ? t('signals.defaultRegimeOutside', { regime: t(`caseLabels.legalRegimes.${sourceDefault}`) })
            : t('signals.defaultRegime', {
                source: organisations.find((o) => o.id === draft.sourceOrganisationId)?.name ?? '',
                regime: t(`caseLabels.legalRegimes.${sourceDefault}`),
              })
        }`}
        value={draft.legalRegime}
        onValue={(legalRegime) => onDraft({ legalRegime: legalRegime as LegalRegime })}
        choices={LEGAL_REGIMES.map((r) => ({
          value: r,
          label: t(`caseLabels.legalRegimes.${r}`),
          description: t(`caseLabels.legalRegimeHints.${r}`),
        }))}
        error={errors.legalRegime}
      />
      {needsReason && (
        <TextAreaField
          spec={spec('legalRegimeReason')}
          required
          rows={3}
          hint={t('signals.legalRegimeReasonHint', { regime: t(`caseLabels.legalRegimes.${sourceDefault}`) })}
          value={draft.legalRegimeReason}
          onValue={(legalRegimeReason) => onDraft({ legalRegimeReason })}
          error={errors.legalRegimeReason}
        />
      )}
    </>
  );
}
