import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addCaseEvaluation,
  CASE_EVALUATION_KINDS,
  type CaseEvaluationKind,
  listCaseEvaluations,
} from '../../api/cases.js';
import {
  addInterventionEvaluation,
  INTERVENTION_EVALUATION_KINDS,
  type InterventionEvaluationKind,
  listInterventionEvaluations,
  type PlanIntervention,
} from '../../api/plans.js';
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
import { LoadError } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import type { CaseSectionProps } from './case-page.js';
import { interventionName, loadInterventions } from './reviews-section.js';
import { caseProblemToErrors, Section } from './shared.js';

export function EvaluationSection({ detail, notify }: CaseSectionProps) {
  const { t } = useTranslation();
  const session = useSession();
  const evaluations = useLoad(() => listCaseEvaluations(detail.id), [detail.id]);
  const interventions = useLoad(() => loadInterventions(detail.id), [detail.id]);
  const myOrganisation = session.me?.user.organisation.id;

  return (
    <Section id="case-evaluation" title={t('cases.evaluation.heading')} intro={t('cases.evaluation.intro')}>
      <Section id="case-evaluation-case" level={3} title={t('cases.evaluation.caseHeading')}>
        {evaluations.error !== null && (
          <LoadError error={evaluations.error} onRetry={() => void evaluations.reload()} />
        )}
        {evaluations.loading && !evaluations.data && <Loading />}
        {evaluations.data && evaluations.data.items.length === 0 && (
          <Paragraph>{t('cases.evaluation.empty')}</Paragraph>
        )}
        {evaluations.data && evaluations.data.items.length > 0 && (
          <ul className="cw-info-list">
            {evaluations.data.items.map((e) => (
              <li key={e.id}>
                <article className="cw-info" aria-label={t(`cases.evaluation.kinds.${e.kind}`)}>
                  <p className="cw-panel__title">{t(`cases.evaluation.kinds.${e.kind}`)}</p>
                  <p className="cw-info__body">{e.findings}</p>
                  {e.followUp && (
                    <p className="cw-info__body">
                      <strong>{t('cases.evaluation.followUp')}:</strong> {e.followUp}
                    </p>
                  )}
                  <p className="cw-byline">
                    {t('cases.evaluation.byline', { author: e.author.name, date: formatDateTime(e.createdAt) })}
                  </p>
                </article>
              </li>
            ))}
          </ul>
        )}
        <EvaluationForm
          formId="case-evaluation-form"
          kinds={CASE_EVALUATION_KINDS.map((k) => ({ value: k, label: t(`cases.evaluation.kinds.${k}`) }))}
          withFollowUp
          submitLabel={t('cases.evaluation.submit')}
          onSubmit={async ({ kind, findings, followUp }) => {
            await addCaseEvaluation(detail.id, {
              kind: kind as CaseEvaluationKind,
              findings,
              ...(followUp ? { followUp } : {}),
            });
            await evaluations.reload();
            notify(t('cases.evaluation.added'));
          }}
        />
      </Section>

      <Section id="case-evaluation-interventions" level={3} title={t('cases.evaluation.interventionsHeading')}>
        {interventions.error !== null && (
          <LoadError error={interventions.error} onRetry={() => void interventions.reload()} />
        )}
        {interventions.loading && !interventions.data && <Loading />}
        {interventions.data && interventions.data.length === 0 && (
          <Paragraph>{t('cases.evaluation.noInterventions')}</Paragraph>
        )}
        {interventions.data?.map((i) => (
          <InterventionEvaluations
            key={i.id}
            intervention={i}
            canWrite={detail.permissions.manage || i.responsibleOrganisationId === myOrganisation}
            notify={notify}
          />
        ))}
      </Section>
    </Section>
  );
}

function InterventionEvaluations({
  intervention,
  canWrite,
  notify,
}: {
  intervention: PlanIntervention;
  canWrite: boolean;
  notify: (message: string) => void;
}) {
  const { t } = useTranslation();
  const evaluations = useLoad(() => listInterventionEvaluations(intervention.id), [intervention.id]);
  const name = interventionName(intervention);
  return (
    <article className="cw-panel" aria-labelledby={`intervention-eval-${intervention.id}`}>
      <h4 id={`intervention-eval-${intervention.id}`} className="cw-panel__title">
        {name}
      </h4>
      <Paragraph size="small" className="schakel-muted">
        {intervention.responsibleOrganisationName} — {t(`plans.interventions.statuses.${intervention.status}`)}
      </Paragraph>
      {evaluations.error !== null && <LoadError error={evaluations.error} />}
      {evaluations.data && evaluations.data.items.length === 0 && (
        <Paragraph>{t('cases.evaluation.interventionEmpty')}</Paragraph>
      )}
      {evaluations.data && evaluations.data.items.length > 0 && (
        <ul className="cw-plain-list">
          {evaluations.data.items.map((e) => (
            <li key={e.id}>
              <strong>{t(`cases.evaluation.interventionKinds.${e.kind}`)}</strong>: {e.findings}{' '}
              <span className="cw-byline">
                ({t('cases.evaluation.byline', { author: e.authorName, date: formatDateTime(e.createdAt) })})
              </span>
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <details className="cw-disclosure">
          <summary>{t('cases.evaluation.addForIntervention', { name })}</summary>
          <EvaluationForm
            formId={`intervention-evaluation-${intervention.id}`}
            kinds={INTERVENTION_EVALUATION_KINDS.map((k) => ({
              value: k,
              label: t(`cases.evaluation.interventionKinds.${k}`),
            }))}
            submitLabel={t('cases.evaluation.submit')}
            onSubmit={async ({ kind, findings }) => {
              await addInterventionEvaluation(intervention.id, {
                kind: kind as InterventionEvaluationKind,
                findings,
              });
              await evaluations.reload();
              notify(t('cases.evaluation.added'));
            }}
          />
        </details>
      )}
    </article>
  );
}

function EvaluationForm({
  formId,
  kinds,
  withFollowUp = false,
  submitLabel,
  onSubmit,
}: {
  formId: string;
  kinds: { value: string; label: string }[];
  withFollowUp?: boolean;
  submitLabel: string;
  onSubmit: (body: { kind: string; findings: string; followUp: string }) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState('');
  const [findings, setFindings] = useState('');
  const [followUp, setFollowUp] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const fields: FieldSpec[] = [
    { name: 'kind', id: fieldId(formId, 'kind'), label: t('cases.evaluation.kind') },
    { name: 'findings', id: fieldId(formId, 'findings'), label: t('cases.evaluation.findings') },
    { name: 'followUp', id: fieldId(formId, 'followUp'), label: t('cases.evaluation.followUp') },
  ];
  const [kindSpec, findingsSpec, followUpSpec] = fields as [FieldSpec, FieldSpec, FieldSpec];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, kindSpec, kind, t, 'errors.requiredChoice');
    requireText(found, findingsSpec, findings, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      await onSubmit({ kind, findings: findings.trim(), followUp: followUp.trim() });
      clear();
      setKind('');
      setFindings('');
      setFollowUp('');
    } catch (error) {
      fail(caseProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="schakel-form schakel-narrow cw-subform" noValidate onSubmit={submit}>
      <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
      <RadioGroupField spec={kindSpec} value={kind} onValue={setKind} options={kinds} error={errors.fields.kind} />
      <TextAreaField
        spec={findingsSpec}
        required
        rows={4}
        value={findings}
        onValue={setFindings}
        error={errors.fields.findings}
      />
      {withFollowUp && (
        <TextAreaField
          spec={followUpSpec}
          optional
          rows={3}
          value={followUp}
          onValue={setFollowUp}
          error={errors.fields.followUp}
        />
      )}
      <FormActions>
        <Button type="submit" disabled={busy}>
          {submitLabel}
        </Button>
      </FormActions>
    </form>
  );
}
