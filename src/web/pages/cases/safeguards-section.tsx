/**
 * The Wgpa's safeguards of a case: the weging that included the person (criteria with reasons, who
 * took part), informing the person (informed, or deferred with a legal ground and a date to
 * reconsider), the periodic inclusion review, and — once closed — the retention term's reasons.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addInclusionReview,
  addInformingRecord,
  type CaseSafeguards,
  getSafeguards,
  INCLUSION_REVIEW_OUTCOMES,
  INFORMING_GROUNDS,
  INFORMING_METHODS,
  type InclusionReviewOutcome,
  type InformingGround,
  type InformingMethod,
  type InformingRecord,
} from '../../api/cases.js';
import { Button, DescriptionList, Paragraph } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  RadioGroupField,
  requireText,
  SelectField,
  TextAreaField,
  TextField,
  useFormErrors,
} from '../../components/form.js';
import { LoadError } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { criterionLabel } from '../triage/weging.js';
import type { CaseSectionProps } from './case-page.js';
import { caseProblemToErrors, OverdueMarker, Section, todayIso } from './shared.js';

export function SafeguardsSection({ detail, reload, notify }: CaseSectionProps) {
  const { t } = useTranslation();
  const loaded = useLoad(() => getSafeguards(detail.id), [detail.id, detail.version]);
  const s = loaded.data;
  const refresh = async (message: string) => {
    await Promise.all([loaded.reload(), reload()]);
    notify(message);
  };
  return (
    <Section id="case-safeguards" title={t('cases.safeguards.heading')} intro={t('cases.safeguards.intro')}>
      {loaded.error !== null && <LoadError error={loaded.error} onRetry={() => void loaded.reload()} />}
      {!s && loaded.loading && <Loading />}
      {s && (
        <>
          <InclusionPart safeguards={s} />
          <InformingPart safeguards={s} caseId={detail.id} onDone={refresh} />
          <ReviewPart safeguards={s} caseId={detail.id} onDone={refresh} />
          {s.retention && (
            <Section id="case-retention" level={3} title={t('cases.safeguards.retentionHeading')}>
              <DescriptionList termsWidth="narrow">
                <DescriptionList.Term>{t('cases.safeguards.retentionDecision')}</DescriptionList.Term>
                <DescriptionList.Description>
                  {t(`caseLabels.retentionDecisions.${s.retention.decision}`)}
                  {s.retention.months !== null && ` (${t('cases.safeguards.months', { count: s.retention.months })})`}
                </DescriptionList.Description>
                <DescriptionList.Term>{t('cases.safeguards.reasons')}</DescriptionList.Term>
                <DescriptionList.Description>{s.retention.reasons}</DescriptionList.Description>
              </DescriptionList>
            </Section>
          )}
        </>
      )}
    </Section>
  );
}

function InclusionPart({ safeguards }: { safeguards: CaseSafeguards }) {
  const { t } = useTranslation();
  const inclusion = safeguards.inclusion;
  return (
    <Section id="case-inclusion" level={3} title={t('cases.safeguards.inclusionHeading')}>
      {!inclusion ? (
        <Paragraph>{t('cases.safeguards.noInclusion')}</Paragraph>
      ) : (
        <>
          <Paragraph>
            {t('cases.safeguards.inclusionOn', {
              date: formatDate(inclusion.decidedOn),
              parties: inclusion.participants.map((p) => p.name).join(', '),
            })}
          </Paragraph>
          <DescriptionList>
            {inclusion.criteria.map((c) => (
              <div key={c.criterion.id}>
                <DescriptionList.Term>{criterionLabel(c.criterion)}</DescriptionList.Term>
                <DescriptionList.Description>{c.reasons}</DescriptionList.Description>
              </div>
            ))}
          </DescriptionList>
        </>
      )}
    </Section>
  );
}

function informingText(r: InformingRecord, t: (key: string, options?: Record<string, unknown>) => string): string {
  return r.outcome === 'informed'
    ? t('cases.safeguards.informedText', {
        date: formatDate(r.informedOn ?? ''),
        method: t(`caseLabels.informingMethods.${r.method}`),
        by: r.informedBy ?? '',
      })
    : t('cases.safeguards.deferredText', {
        ground: t(`caseLabels.informingGrounds.${r.legalGround}`),
        date: formatDate(r.reconsiderOn ?? ''),
      });
}

function InformingPart({
  safeguards,
  caseId,
  onDone,
}: {
  safeguards: CaseSafeguards;
  caseId: string;
  onDone: (message: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const current = safeguards.informing;
  return (
    <Section id="case-informing" level={3} title={t('cases.safeguards.informingHeading')}>
      <Paragraph>
        {current ? informingText(current, t) : t('cases.safeguards.notInformed')}
        {safeguards.informingDue && (
          <>
            {' '}
            <OverdueMarker />
          </>
        )}
      </Paragraph>
      {current?.outcome === 'deferred' && current.reasons && (
        <Paragraph size="small">{t('cases.safeguards.deferredReasons', { reasons: current.reasons })}</Paragraph>
      )}
      {safeguards.canRecord && <InformingForm caseId={caseId} onDone={onDone} />}
      {safeguards.informingHistory.length > 1 && (
        <details className="cw-history">
          <summary>{t('cases.safeguards.history')}</summary>
          <ul>
            {safeguards.informingHistory.slice(1).map((r) => (
              <li key={r.id}>
                {informingText(r, t)} —{' '}
                {t('cases.safeguards.recordedBy', { name: r.recordedBy.name, at: formatDateTime(r.recordedAt) })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Section>
  );
}

function InformingForm({ caseId, onDone }: { caseId: string; onDone: (message: string) => Promise<void> }) {
  const { t } = useTranslation();
  const form = 'informing';
  const [outcome, setOutcome] = useState<'informed' | 'deferred' | ''>('');
  const [informedOn, setInformedOn] = useState(todayIso());
  const [method, setMethod] = useState<InformingMethod | ''>('');
  const [informedBy, setInformedBy] = useState('');
  const [legalGround, setLegalGround] = useState<InformingGround | ''>('');
  const [reasons, setReasons] = useState('');
  const [reconsiderOn, setReconsiderOn] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const spec = (name: string): FieldSpec => ({
    name,
    id: fieldId(form, name),
    label: t(`cases.safeguards.fields.${name}`),
  });
  const fields = ['outcome', 'informedOn', 'method', 'informedBy', 'legalGround', 'reasons', 'reconsiderOn'].map(spec);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec('outcome'), outcome, t, 'errors.requiredChoice');
    if (outcome === 'informed') {
      requireText(found, spec('informedOn'), informedOn, t);
      requireText(found, spec('method'), method, t, 'errors.requiredChoice');
      requireText(found, spec('informedBy'), informedBy, t);
    } else if (outcome === 'deferred') {
      requireText(found, spec('legalGround'), legalGround, t, 'errors.requiredChoice');
      requireText(found, spec('reasons'), reasons, t);
      requireText(found, spec('reconsiderOn'), reconsiderOn, t);
    }
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      await addInformingRecord(
        caseId,
        outcome === 'informed'
          ? { outcome, informedOn, method: method as InformingMethod, informedBy: informedBy.trim() }
          : { outcome: 'deferred', legalGround: legalGround as InformingGround, reasons: reasons.trim(), reconsiderOn },
      );
      clear();
      setOutcome('');
      await onDone(t('cases.safeguards.informingSaved'));
    } catch (error) {
      fail(caseProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="schakel-form schakel-narrow" noValidate onSubmit={submit} aria-labelledby="case-informing">
      <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
      <RadioGroupField
        spec={spec('outcome')}
        value={outcome}
        onValue={(v) => setOutcome(v as 'informed' | 'deferred')}
        options={(['informed', 'deferred'] as const).map((o) => ({
          value: o,
          label: t(`caseLabels.informingOutcomes.${o}`),
        }))}
        error={errors.fields.outcome}
      />
      {outcome === 'informed' && (
        <>
          <TextField
            spec={spec('informedOn')}
            required
            type="date"
            value={informedOn}
            onValue={setInformedOn}
            error={errors.fields.informedOn}
          />
          <SelectField
            spec={spec('method')}
            required
            value={method}
            onValue={(v) => setMethod(v as InformingMethod)}
            placeholder={t('common.choose')}
            options={INFORMING_METHODS.map((m) => ({ value: m, label: t(`caseLabels.informingMethods.${m}`) }))}
            error={errors.fields.method}
          />
          <TextField
            spec={spec('informedBy')}
            required
            value={informedBy}
            onValue={setInformedBy}
            error={errors.fields.informedBy}
          />
        </>
      )}
      {outcome === 'deferred' && (
        <>
          <SelectField
            spec={spec('legalGround')}
            required
            value={legalGround}
            onValue={(v) => setLegalGround(v as InformingGround)}
            placeholder={t('common.choose')}
            options={INFORMING_GROUNDS.map((g) => ({ value: g, label: t(`caseLabels.informingGrounds.${g}`) }))}
            error={errors.fields.legalGround}
          />
          <TextAreaField
            spec={spec('reasons')}
            required
            rows={3}
            value={reasons}
            onValue={setReasons}
            error={errors.fields.reasons}
          />
          <TextField
            spec={spec('reconsiderOn')}
            required
            type="date"
            hint={t('cases.safeguards.reconsiderHint')}
            value={reconsiderOn}
            onValue={setReconsiderOn}
            error={errors.fields.reconsiderOn}
          />
        </>
      )}
      <FormActions>
        <Button type="submit" variant="secondary" disabled={busy}>
          {t('cases.safeguards.saveInforming')}
        </Button>
      </FormActions>
    </form>
  );
}

function ReviewPart({
  safeguards,
  caseId,
  onDone,
}: {
  safeguards: CaseSafeguards;
  caseId: string;
  onDone: (message: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  return (
    <Section id="case-inclusion-review" level={3} title={t('cases.safeguards.reviewHeading')}>
      <Paragraph>
        {safeguards.nextInclusionReviewOn
          ? t('cases.safeguards.nextReview', { date: formatDate(safeguards.nextInclusionReviewOn) })
          : t('cases.safeguards.noNextReview')}
        {safeguards.inclusionReviewDue && (
          <>
            {' '}
            <OverdueMarker />
          </>
        )}
      </Paragraph>
      {safeguards.canRecord && <ReviewForm caseId={caseId} onDone={onDone} />}
      {safeguards.inclusionReviews.length > 0 && (
        <ul className="cw-list">
          {safeguards.inclusionReviews.map((r) => (
            <li key={r.id}>
              <strong>
                {formatDate(r.reviewedOn)}: {t(`caseLabels.inclusionReviewOutcomes.${r.outcome}`)}
              </strong>{' '}
              — {r.reasons} ({r.reviewedBy.name})
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function ReviewForm({ caseId, onDone }: { caseId: string; onDone: (message: string) => Promise<void> }) {
  const { t } = useTranslation();
  const form = 'inclusion-review';
  const [reviewedOn, setReviewedOn] = useState(todayIso());
  const [outcome, setOutcome] = useState<InclusionReviewOutcome | ''>('');
  const [reasons, setReasons] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const spec = (name: string): FieldSpec => ({
    name,
    id: fieldId(form, name),
    label: t(`cases.safeguards.fields.${name === 'outcome' ? 'reviewOutcome' : name}`),
  });
  const fields = ['reviewedOn', 'outcome', 'reasons'].map(spec);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec('reviewedOn'), reviewedOn, t);
    requireText(found, spec('outcome'), outcome, t, 'errors.requiredChoice');
    requireText(found, spec('reasons'), reasons, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      await addInclusionReview(caseId, {
        reviewedOn,
        outcome: outcome as InclusionReviewOutcome,
        reasons: reasons.trim(),
      });
      clear();
      setOutcome('');
      setReasons('');
      await onDone(t('cases.safeguards.reviewSaved'));
    } catch (error) {
      fail(caseProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="schakel-form schakel-narrow" noValidate onSubmit={submit} aria-labelledby="case-inclusion-review">
      <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
      <TextField
        spec={spec('reviewedOn')}
        required
        type="date"
        value={reviewedOn}
        onValue={setReviewedOn}
        error={errors.fields.reviewedOn}
      />
      <RadioGroupField
        spec={spec('outcome')}
        value={outcome}
        onValue={(v) => setOutcome(v as InclusionReviewOutcome)}
        options={INCLUSION_REVIEW_OUTCOMES.map((o) => ({
          value: o,
          label: t(`caseLabels.inclusionReviewOutcomes.${o}`),
        }))}
        error={errors.fields.outcome}
      />
      <TextAreaField
        spec={spec('reasons')}
        required
        rows={3}
        value={reasons}
        onValue={setReasons}
        error={errors.fields.reasons}
      />
      <FormActions>
        <Button type="submit" variant="secondary" disabled={busy}>
          {t('cases.safeguards.saveReview')}
        </Button>
      </FormActions>
    </form>
  );
}
