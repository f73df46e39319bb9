import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { defaultLegalRegime, regimeNeedsReason } from '../../../core/source-attribution.js';
import {
  addContribution,
  type ContributionInput,
  LEGAL_REGIMES,
  type LegalRegime,
  SCOPES,
  type Scope,
} from '../../api/cases.js';
import { useSession } from '../../auth/session.js';
import { Button, Paragraph } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  RadioGroupField,
  requireText,
  TextAreaField,
  useFormErrors,
} from '../../components/form.js';
import type { CaseSectionProps } from './case-page.js';
import { meetingPath } from './paths.js';
import { caseProblemToErrors, InformationList, Section } from './shared.js';

export function InformationSection({ detail, reload, notify }: CaseSectionProps) {
  const { t } = useTranslation();
  return (
    <Section id="case-information" title={t('cases.information.heading')} intro={t('cases.information.intro')}>
      <ContributionForm
        formId="case-contribution"
        submitLabel={t('cases.information.submit')}
        heading={t('cases.information.add')}
        onSubmit={async (body) => {
          await addContribution(detail.id, body);
          await reload();
          notify(t('cases.information.added'));
        }}
      />
      <Section id="case-information-list" level={3} title={t('cases.information.listCaption')}>
        {detail.contributions.length === 0 ? (
          <Paragraph>{t('cases.information.empty')}</Paragraph>
        ) : (
          <InformationList
            label={t('cases.information.listCaption')}
            items={detail.contributions.map((c) => ({
              id: c.id,
              organisation: c.organisation.name,
              legalRegime: c.legalRegime,
              legalRegimeReason: c.legalRegimeReason,
              scope: c.scope,
              policeOrProsecution: c.isPoliceOrProsecution,
              author: c.author.name,
              createdAt: c.createdAt,
              body: c.body,
              extra: c.meetingId ? (
                <>
                  {' — '}
                  <Link className="ams-link" to={meetingPath(c.meetingId)}>
                    {t('cases.information.inMeeting')}
                  </Link>
                </>
              ) : undefined,
            }))}
          />
        )}
      </Section>
    </Section>
  );
}

/**
 * The form for one piece of partner information: the text, its legal regime and its sharing scope.
 * The source is always the author's own organisation, and its default regime is proposed (police Wpg,
 * public prosecutor Wjsg, …; src/core/source-attribution.ts): a weaker one asks why. Also used for the
 * picture of a case conference.
 */
export function ContributionForm({
  formId,
  heading,
  submitLabel,
  onSubmit,
}: {
  formId: string;
  heading: string;
  submitLabel: string;
  onSubmit: (body: Omit<ContributionInput, 'meetingId'>) => Promise<void>;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const organisationType = session.me?.user.organisation.type;
  const ownDefault = defaultLegalRegime(organisationType);
  const [body, setBody] = useState('');
  const [legalRegime, setLegalRegime] = useState<LegalRegime | ''>(ownDefault);
  const [legalRegimeReason, setLegalRegimeReason] = useState('');
  const needsReason = legalRegime !== '' && regimeNeedsReason(legalRegime, organisationType);
  const [scope, setScope] = useState<Scope>('conference');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const fields: FieldSpec[] = [
    { name: 'body', id: fieldId(formId, 'body'), label: t('cases.information.body') },
    { name: 'legalRegime', id: fieldId(formId, 'legalRegime'), label: t('cases.information.legalRegime') },
    { name: 'scope', id: fieldId(formId, 'scope'), label: t('cases.information.scope') },
    {
      name: 'legalRegimeReason',
      id: fieldId(formId, 'legalRegimeReason'),
      label: t('cases.information.legalRegimeReason'),
    },
  ];
  const [bodySpec, regimeSpec, scopeSpec, reasonSpec] = fields as [FieldSpec, FieldSpec, FieldSpec, FieldSpec];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, bodySpec, body, t);
    requireText(found, regimeSpec, legalRegime, t, 'errors.requiredChoice');
    if (needsReason) requireText(found, reasonSpec, legalRegimeReason, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      await onSubmit({
        body: body.trim(),
        legalRegime: legalRegime as LegalRegime,
        ...(needsReason ? { legalRegimeReason: legalRegimeReason.trim() } : {}),
        scope,
      });
      clear();
      setBody('');
      setLegalRegime(ownDefault);
      setLegalRegimeReason('');
      setScope('conference');
    } catch (error) {
      fail(caseProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id={`${formId}-heading`} level={3} title={heading}>
      <form className="schakel-form schakel-narrow" noValidate onSubmit={submit}>
        <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
        <Paragraph size="small">
          {t('cases.information.source', { organisation: session.me?.user.organisation.name ?? '' })}
        </Paragraph>
        <TextAreaField spec={bodySpec} required rows={5} value={body} onValue={setBody} error={errors.fields.body} />
        <RadioGroupField
          spec={regimeSpec}
          hint={t('cases.information.defaultRegime', { regime: t(`caseLabels.legalRegimes.${ownDefault}`) })}
          value={legalRegime}
          onValue={(v) => setLegalRegime(v as LegalRegime)}
          options={LEGAL_REGIMES.map((r) => ({
            value: r,
            label: t(`caseLabels.legalRegimes.${r}`),
            hint: t(`caseLabels.legalRegimeHints.${r}`),
          }))}
          error={errors.fields.legalRegime}
        />
        {needsReason && (
          <TextAreaField
            spec={reasonSpec}
            required
            rows={3}
            hint={t('cases.information.legalRegimeReasonHint', {
              regime: t(`caseLabels.legalRegimes.${ownDefault}`),
            })}
            value={legalRegimeReason}
            onValue={setLegalRegimeReason}
            error={errors.fields.legalRegimeReason}
          />
        )}
        <RadioGroupField
          spec={scopeSpec}
          value={scope}
          onValue={(v) => setScope(v as Scope)}
          options={SCOPES.map((s) => ({
            value: s,
            label: t(`caseLabels.scopes.${s}`),
            hint: t(`caseLabels.scopeHints.${s}`),
          }))}
          error={errors.fields.scope}
        />
        <FormActions>
          <Button type="submit" disabled={busy}>
            {submitLabel}
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}
