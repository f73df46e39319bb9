import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addReview, listReviews, OPEN_PHASES } from '../../api/cases.js';
import { ApiError } from '../../api/client.js';
import { getPlan, type PlanIntervention } from '../../api/plans.js';
import { Button, Checkbox, FieldSet, Paragraph } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  requireText,
  TextAreaField,
  TextField,
  useFormErrors,
} from '../../components/form.js';
import { DataTable, LoadError, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { currentLanguage } from '../../i18n/index.js';
import { formatDate } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import type { CaseSectionProps } from './case-page.js';
import { caseProblemToErrors, OverdueMarker, Section, todayIso } from './shared.js';

/** The interventions of the case's plan, or none while there is no plan. */
export async function loadInterventions(caseId: string): Promise<PlanIntervention[]> {
  try {
    return (await getPlan(caseId)).interventions;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return [];
    throw error;
  }
}

export function interventionName(i: PlanIntervention): string {
  return currentLanguage() === 'en' ? i.toolboxItem.nameEn : i.toolboxItem.nameNl;
}

export function ReviewsSection({ detail, reload, notify }: CaseSectionProps) {
  const { t } = useTranslation();
  const reviews = useLoad(() => listReviews(detail.id), [detail.id, detail.version]);
  const interventions = useLoad(() => loadInterventions(detail.id), [detail.id]);
  const today = todayIso();
  const isOpen = OPEN_PHASES.includes(detail.phase);
  const names = new Map((interventions.data ?? []).map((i) => [i.id, interventionName(i)]));
  const yesNo = (b: boolean) => (b ? t('caseLabels.yes') : t('caseLabels.no'));

  return (
    <Section id="case-reviews" title={t('cases.reviews.heading')} intro={t('cases.reviews.intro')}>
      <Paragraph>
        {detail.nextReviewOn
          ? t('cases.reviews.next', { date: formatDate(detail.nextReviewOn) })
          : t('cases.reviews.nextNone')}
        {isOpen && detail.nextReviewOn && detail.nextReviewOn < today && (
          <>
            {' '}
            <OverdueMarker />
          </>
        )}
      </Paragraph>
      {isOpen && detail.nextReviewOn && detail.nextReviewOn < today && (
        <Paragraph>
          <strong>{t('cases.reviews.overdue', { date: formatDate(detail.nextReviewOn) })}</strong>
        </Paragraph>
      )}

      {detail.permissions.manage && isOpen ? (
        interventions.data ? (
          <ReviewForm
            caseId={detail.id}
            interventions={interventions.data.filter((i) => i.status === 'planned' || i.status === 'active')}
            onDone={async () => {
              await Promise.all([reload(), reviews.reload()]);
              notify(t('cases.reviews.added'));
            }}
          />
        ) : (
          interventions.loading && <Loading />
        )
      ) : (
        !detail.permissions.manage && <Paragraph>{t('cases.reviews.readOnly')}</Paragraph>
      )}

      <Section id="case-reviews-history" level={3} title={t('cases.reviews.history')}>
        {reviews.error !== null && <LoadError error={reviews.error} onRetry={() => void reviews.reload()} />}
        {reviews.loading && !reviews.data && <Loading />}
        {reviews.data && reviews.data.items.length === 0 && <Paragraph>{t('cases.reviews.empty')}</Paragraph>}
        {reviews.data?.items.map((r) => (
          <article key={r.id} className="cw-panel" aria-labelledby={`review-${r.id}`}>
            <h4 id={`review-${r.id}`} className="cw-panel__title">
              {t('cases.reviews.reviewTitle', { date: formatDate(r.reviewedOn) })}
            </h4>
            <Paragraph size="small" className="schakel-muted">
              {t('cases.reviews.reviewer', { name: r.reviewer.name })} —{' '}
              {t('cases.reviews.next', { date: formatDate(r.nextReviewOn) })}
            </Paragraph>
            <p className="cw-info__body">{r.reasoning}</p>
            {r.measures.length > 0 && (
              <DataTable
                caption={t('cases.reviews.measuresCaption', { date: formatDate(r.reviewedOn) })}
                head={
                  <>
                    <Th>{t('cases.reviews.intervention')}</Th>
                    <Th>{t('cases.reviews.necessary')}</Th>
                    <Th>{t('cases.reviews.proportionate')}</Th>
                    <Th>{t('cases.reviews.leastIntrusive')}</Th>
                    <Th>{t('cases.reviews.note')}</Th>
                  </>
                }
              >
                {r.measures.map((m) => (
                  <Tr key={m.planInterventionId}>
                    <Td>{names.get(m.planInterventionId) ?? t('cases.reviews.unknownIntervention')}</Td>
                    <Td>{yesNo(m.necessary)}</Td>
                    <Td>{yesNo(m.proportionate)}</Td>
                    <Td>{yesNo(m.leastIntrusive)}</Td>
                    <Td>{m.note ?? t('common.none')}</Td>
                  </Tr>
                ))}
              </DataTable>
            )}
          </article>
        ))}
      </Section>
    </Section>
  );
}

interface MeasureDraft {
  necessary: boolean;
  proportionate: boolean;
  leastIntrusive: boolean;
  note: string;
}

function ReviewForm({
  caseId,
  interventions,
  onDone,
}: {
  caseId: string;
  interventions: PlanIntervention[];
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [reviewedOn, setReviewedOn] = useState(todayIso());
  const [reasoning, setReasoning] = useState('');
  const [nextReviewOn, setNextReviewOn] = useState('');
  const [measures, setMeasures] = useState<Record<string, MeasureDraft>>({});
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const fields: FieldSpec[] = [
    { name: 'reviewedOn', id: fieldId('review', 'reviewedOn'), label: t('cases.reviews.reviewedOn') },
    { name: 'reasoning', id: fieldId('review', 'reasoning'), label: t('cases.reviews.reasoning') },
    { name: 'measures', id: fieldId('review', 'measures'), label: t('cases.reviews.measures') },
    { name: 'nextReviewOn', id: fieldId('review', 'nextReviewOn'), label: t('cases.reviews.nextReviewOn') },
  ];
  const spec = (name: string) => fields.find((f) => f.name === name) as FieldSpec;
  const draft = (id: string): MeasureDraft =>
    measures[id] ?? { necessary: false, proportionate: false, leastIntrusive: false, note: '' };
  const setDraft = (id: string, change: Partial<MeasureDraft>) =>
    setMeasures((all) => ({ ...all, [id]: { ...draft(id), ...change } }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec('reviewedOn'), reviewedOn, t);
    requireText(found, spec('reasoning'), reasoning, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      await addReview(caseId, {
        reviewedOn,
        reasoning: reasoning.trim(),
        measures: interventions.map((i) => {
          const d = draft(i.id);
          return {
            planInterventionId: i.id,
            necessary: d.necessary,
            proportionate: d.proportionate,
            leastIntrusive: d.leastIntrusive,
            ...(d.note.trim() ? { note: d.note.trim() } : {}),
          };
        }),
        ...(nextReviewOn ? { nextReviewOn } : {}),
      });
      clear();
      setReasoning('');
      setNextReviewOn('');
      setMeasures({});
      await onDone();
    } catch (error) {
      fail(caseProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="review-add" level={3} title={t('cases.reviews.add')}>
      <form className="schakel-form schakel-narrow" noValidate onSubmit={submit}>
        <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
        <TextField
          spec={spec('reviewedOn')}
          required
          type="date"
          value={reviewedOn}
          onValue={setReviewedOn}
          error={errors.fields.reviewedOn}
        />
        <div id={spec('measures').id} tabIndex={-1}>
          <Paragraph>
            <strong>{t('cases.reviews.measures')}</strong> — {t('cases.reviews.measuresHint')}
          </Paragraph>
          {interventions.length === 0 && <Paragraph>{t('cases.reviews.noMeasures')}</Paragraph>}
          {interventions.map((i) => {
            const d = draft(i.id);
            const name = interventionName(i);
            return (
              <FieldSet key={i.id} legend={name} className="cw-measure">
                <Checkbox
                  id={fieldId('review', `${i.id}-necessary`)}
                  checked={d.necessary}
                  onChange={(e) => setDraft(i.id, { necessary: e.target.checked })}
                >
                  {t('cases.reviews.necessary')}
                </Checkbox>
                <Checkbox
                  id={fieldId('review', `${i.id}-proportionate`)}
                  checked={d.proportionate}
                  onChange={(e) => setDraft(i.id, { proportionate: e.target.checked })}
                >
                  {t('cases.reviews.proportionate')}
                </Checkbox>
                <Checkbox
                  id={fieldId('review', `${i.id}-leastIntrusive`)}
                  checked={d.leastIntrusive}
                  onChange={(e) => setDraft(i.id, { leastIntrusive: e.target.checked })}
                >
                  {t('cases.reviews.leastIntrusive')}
                </Checkbox>
                <TextAreaField
                  spec={{
                    name: `note-${i.id}`,
                    id: fieldId('review', `${i.id}-note`),
                    label: t('cases.reviews.measureNote', { name }),
                  }}
                  optional
                  rows={2}
                  value={d.note}
                  onValue={(note) => setDraft(i.id, { note })}
                />
              </FieldSet>
            );
          })}
        </div>
        <TextAreaField
          spec={spec('reasoning')}
          required
          rows={4}
          value={reasoning}
          onValue={setReasoning}
          error={errors.fields.reasoning}
        />
        <TextField
          spec={spec('nextReviewOn')}
          optional
          type="date"
          hint={t('cases.reviews.nextReviewHint')}
          value={nextReviewOn}
          onValue={setNextReviewOn}
          error={errors.fields.nextReviewOn}
        />
        <FormActions>
          <Button type="submit" disabled={busy}>
            {t('cases.reviews.submit')}
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}
