/**
 * The plan of approach of a case (format of seed 003): problem analysis, goals, interventions from
 * the toolbox for the case's target group, adoption and the PDF.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api/cases.js';
import { ApiError } from '../../api/client.js';
import {
  addIntervention,
  adoptPlan,
  createPlan,
  getPlan,
  INTERVENTION_STATUSES,
  type InterventionStatus,
  listToolbox,
  type Plan,
  type PlanIntervention,
  planPdfUrl,
  TOOLBOX_CATEGORIES,
  type ToolboxItem,
  updateIntervention,
  updatePlan,
} from '../../api/plans.js';
import { useSession } from '../../auth/session.js';
import { Button, DescriptionList, Paragraph } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  requireText,
  SelectField,
  TextAreaField,
  TextField,
  useFormErrors,
} from '../../components/form.js';
import { DataTable, LoadError, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { currentLanguage } from '../../i18n/index.js';
import { formatDate } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { StaleNotice } from '../admin/stale.js';
import type { CaseSectionProps } from '../cases/case-page.js';
import { caseProblemToErrors, Section } from '../cases/shared.js';

async function loadPlan(caseId: string): Promise<Plan | null> {
  try {
    return await getPlan(caseId);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

const toolboxName = (item: { nameNl: string; nameEn: string }) =>
  currentLanguage() === 'en' ? item.nameEn : item.nameNl;

export function PlanSection({ detail, reload, notify }: CaseSectionProps) {
  const { t } = useTranslation();
  const plan = useLoad(() => loadPlan(detail.id), [detail.id]);
  const [editing, setEditing] = useState(false);
  const [adopting, setAdopting] = useState(false);
  const adoptErrors = useFormErrors();
  const manage = detail.permissions.manage;
  const data = plan.data;

  async function afterChange(message: string) {
    await Promise.all([plan.reload(), reload()]);
    notify(message);
  }

  async function adopt(current: Plan) {
    setAdopting(true);
    try {
      await adoptPlan(detail.id, current.version);
      adoptErrors.clear();
      await afterChange(t('plans.adopted'));
    } catch (error) {
      adoptErrors.fail(caseProblemToErrors(error, [], t));
    } finally {
      setAdopting(false);
    }
  }

  return (
    <Section id="case-plan" title={t('plans.heading')}>
      {plan.error !== null && <LoadError error={plan.error} onRetry={() => void plan.reload()} />}
      {plan.loading && plan.data === null && plan.error === null && <Loading />}
      {!plan.loading && plan.error === null && data === null && (
        <>
          <Paragraph>{t('plans.none')}</Paragraph>
          {manage ? (
            <PlanForm
              caseId={detail.id}
              plan={null}
              onSaved={() => afterChange(t('plans.created'))}
              onCancel={null}
              onStale={() => void plan.reload()}
            />
          ) : (
            <Paragraph>{t('plans.readOnly')}</Paragraph>
          )}
        </>
      )}
      {data && (
        <>
          <DescriptionList className="schakel-details cw-details">
            <DescriptionList.Term>{t('plans.status')}</DescriptionList.Term>
            <DescriptionList.Description>
              {data.status === 'adopted' && data.adoptedAt
                ? t('plans.adoptedOn', { date: formatDate(data.adoptedAt) })
                : t(`plans.statuses.${data.status}`)}
            </DescriptionList.Description>
            <DescriptionList.Term>{t('plans.nextReviewOn')}</DescriptionList.Term>
            <DescriptionList.Description>
              {formatDate(data.nextReviewOn) || t('common.none')}
            </DescriptionList.Description>
          </DescriptionList>
          <p>
            <a className="ams-link" href={planPdfUrl(detail.id)} download>
              {t('plans.download')}
            </a>
          </p>
          {editing ? (
            <PlanForm
              caseId={detail.id}
              plan={data}
              onSaved={async () => {
                setEditing(false);
                await afterChange(t('plans.saved'));
              }}
              onCancel={() => setEditing(false)}
              onStale={() => void plan.reload()}
            />
          ) : (
            <>
              <Section id="plan-analysis" level={3} title={t('plans.problemAnalysis')}>
                <p className="cw-info__body">{data.problemAnalysis || t('common.none')}</p>
              </Section>
              <Section id="plan-goals" level={3} title={t('plans.goals')}>
                {data.goals.length === 0 ? (
                  <Paragraph>{t('plans.noGoals')}</Paragraph>
                ) : (
                  <ol className="cw-goals">
                    {data.goals.map((g) => (
                      <li key={g.id}>{g.text}</li>
                    ))}
                  </ol>
                )}
              </Section>
              {manage && (
                <div className="cw-panel">
                  <ErrorSummary errors={adoptErrors.errors} fields={[]} focusSignal={adoptErrors.focusSignal} />
                  <FormActions>
                    <Button variant="secondary" onClick={() => setEditing(true)}>
                      {t('plans.edit')}
                    </Button>
                    {data.status === 'draft' && (
                      <Button onClick={() => void adopt(data)} disabled={adopting}>
                        {t('plans.adopt')}
                      </Button>
                    )}
                  </FormActions>
                  {data.status === 'draft' && (
                    <Paragraph size="small" className="schakel-field-hint">
                      {t('plans.adoptHint')}
                    </Paragraph>
                  )}
                </div>
              )}
            </>
          )}
          <Interventions detail={detail} plan={data} onChanged={afterChange} />
        </>
      )}
    </Section>
  );
}

interface GoalDraft {
  key: string;
  id?: string;
  text: string;
}

let goalKey = 0;
const newGoal = (text = '', id?: string): GoalDraft => ({ key: `goal-${++goalKey}`, text, ...(id ? { id } : {}) });

function PlanForm({
  caseId,
  plan,
  onSaved,
  onCancel,
  onStale,
}: {
  caseId: string;
  plan: Plan | null;
  onSaved: () => Promise<void>;
  onCancel: (() => void) | null;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const [problemAnalysis, setProblemAnalysis] = useState(plan?.problemAnalysis ?? '');
  const [goals, setGoals] = useState<GoalDraft[]>(() =>
    plan && plan.goals.length > 0 ? plan.goals.map((g) => newGoal(g.text, g.id)) : [newGoal()],
  );
  const [nextReviewOn, setNextReviewOn] = useState(plan?.nextReviewOn ?? '');
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const fields: FieldSpec[] = [
    { name: 'problemAnalysis', id: fieldId('plan', 'problemAnalysis'), label: t('plans.problemAnalysis') },
    { name: 'goals', id: fieldId('plan', 'goal-0'), label: t('plans.goals') },
    { name: 'nextReviewOn', id: fieldId('plan', 'nextReviewOn'), label: t('plans.nextReviewOn') },
  ];
  const spec = (name: string) => fields.find((f) => f.name === name) as FieldSpec;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const body = {
      problemAnalysis: problemAnalysis.trim() || null,
      goals: goals.filter((g) => g.text.trim()).map((g) => ({ ...(g.id ? { id: g.id } : {}), text: g.text.trim() })),
      nextReviewOn: nextReviewOn || null,
    };
    try {
      if (plan) await updatePlan(caseId, { ...body, version: plan.version });
      else await createPlan(caseId, body);
      clear();
      await onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') setStale(true);
      fail(caseProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="schakel-form schakel-narrow" noValidate onSubmit={submit} aria-label={t('plans.heading')}>
      <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
      {stale && (
        <StaleNotice
          onReload={() => {
            clear();
            onStale();
          }}
        />
      )}
      <TextAreaField
        spec={spec('problemAnalysis')}
        rows={8}
        value={problemAnalysis}
        onValue={setProblemAnalysis}
        error={errors.fields.problemAnalysis}
      />
      <fieldset className="ams-field-set cw-goals-editor">
        <legend className="ams-field-set__legend">{t('plans.goals')}</legend>
        {errors.fields.goals && (
          <p className="ams-error-message" id={fieldId('plan', 'goals-error')}>
            {errors.fields.goals}
          </p>
        )}
        {goals.map((g, index) => (
          <div key={g.key} className="cw-goal-row">
            <TextField
              spec={{
                name: `goal-${index}`,
                id: fieldId('plan', `goal-${index}`),
                label: t('plans.goal', { n: index + 1 }),
              }}
              value={g.text}
              onValue={(text) => setGoals((all) => all.map((x) => (x.key === g.key ? { ...x, text } : x)))}
            />
            {goals.length > 1 && (
              <Button variant="tertiary" onClick={() => setGoals((all) => all.filter((x) => x.key !== g.key))}>
                {t('plans.removeGoal', { n: index + 1 })}
              </Button>
            )}
          </div>
        ))}
        <p>
          <Button
            variant="secondary"
            onClick={() => {
              setGoals((all) => [...all, newGoal()]);
              setTimeout(() => document.getElementById(fieldId('plan', `goal-${goals.length}`))?.focus(), 0);
            }}
          >
            {t('plans.addGoal')}
          </Button>
        </p>
      </fieldset>
      <TextField
        spec={spec('nextReviewOn')}
        optional
        type="date"
        value={nextReviewOn}
        onValue={setNextReviewOn}
        error={errors.fields.nextReviewOn}
      />
      <FormActions>
        <Button type="submit" disabled={busy}>
          {t('plans.save')}
        </Button>
        {onCancel && (
          <Button variant="tertiary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
      </FormActions>
    </form>
  );
}

function Interventions({
  detail,
  plan,
  onChanged,
}: {
  detail: CaseDetail;
  plan: Plan;
  onChanged: (message: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const myOrganisation = session.me?.user.organisation.id;
  const manage = detail.permissions.manage;
  const canChange = (i: PlanIntervention) => manage || i.responsibleOrganisationId === myOrganisation;
  const period = (i: PlanIntervention) =>
    i.startsOn && i.endsOn
      ? t('plans.interventions.periodText', { from: formatDate(i.startsOn), to: formatDate(i.endsOn) })
      : i.startsOn
        ? t('plans.interventions.from', { date: formatDate(i.startsOn) })
        : i.endsOn
          ? t('plans.interventions.until', { date: formatDate(i.endsOn) })
          : t('common.none');

  return (
    <Section
      id="plan-interventions"
      level={3}
      title={t('plans.interventions.heading')}
      intro={t('plans.interventions.intro')}
    >
      {plan.interventions.length === 0 ? (
        <Paragraph>{t('plans.interventions.empty')}</Paragraph>
      ) : (
        <DataTable
          caption={t('plans.interventions.caption')}
          head={
            <>
              <Th>{t('plans.interventions.intervention')}</Th>
              <Th>{t('plans.interventions.goal')}</Th>
              <Th>{t('plans.interventions.responsible')}</Th>
              <Th>{t('plans.interventions.period')}</Th>
              <Th>{t('plans.interventions.status')}</Th>
            </>
          }
        >
          {plan.interventions.map((i) => (
            <Tr key={i.id}>
              <Td>
                {toolboxName(i.toolboxItem)}
                <span className="cw-cell-note">{t(`plans.categories.${i.toolboxItem.category}`)}</span>
              </Td>
              <Td>{i.goal ?? t('common.none')}</Td>
              <Td>
                {i.responsibleOrganisationName}
                {i.responsibleUserName && <span className="cw-cell-note">{i.responsibleUserName}</span>}
              </Td>
              <Td>{period(i)}</Td>
              <Td>
                {canChange(i) ? (
                  <InterventionStatusForm
                    intervention={i}
                    onSaved={() =>
                      onChanged(t('plans.interventions.statusSaved', { name: toolboxName(i.toolboxItem) }))
                    }
                  />
                ) : (
                  t(`plans.interventions.statuses.${i.status}`)
                )}
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}
      {manage && <AddIntervention detail={detail} plan={plan} onAdded={onChanged} />}
    </Section>
  );
}

function InterventionStatusForm({
  intervention,
  onSaved,
}: {
  intervention: PlanIntervention;
  onSaved: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<InterventionStatus>(intervention.status);
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const name = toolboxName(intervention.toolboxItem);
  const spec: FieldSpec = {
    name: 'status',
    id: fieldId(`intervention-${intervention.id}`, 'status'),
    label: t('plans.interventions.statusOf', { name }),
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await updateIntervention(intervention.id, { status, version: intervention.version });
      clear();
      await onSaved();
    } catch (error) {
      fail(caseProblemToErrors(error, [spec], t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="cw-row-form" noValidate onSubmit={submit}>
      <ErrorSummary errors={errors} fields={[spec]} focusSignal={focusSignal} />
      <SelectField
        spec={spec}
        value={status}
        onValue={(v) => setStatus(v as InterventionStatus)}
        options={INTERVENTION_STATUSES.map((s) => ({ value: s, label: t(`plans.interventions.statuses.${s}`) }))}
        error={errors.fields.status}
      />
      <Button type="submit" variant="secondary" disabled={busy || status === intervention.status}>
        {t('plans.interventions.saveStatus')}
        <span className="schakel-visually-hidden"> {name}</span>
      </Button>
    </form>
  );
}

function AddIntervention({
  detail,
  plan,
  onAdded,
}: {
  detail: CaseDetail;
  plan: Plan;
  onAdded: (message: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  // The toolbox for the case's target group; Twbmt measures only when the region has switched them on
  // (the API leaves them out otherwise).
  const toolbox = useLoad(() => listToolbox({ targetGroup: detail.targetGroup }), [detail.targetGroup]);
  const [toolboxItemId, setToolboxItemId] = useState('');
  const [goal, setGoal] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [userId, setUserId] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const fields: FieldSpec[] = [
    {
      name: 'toolboxItemId',
      id: fieldId('intervention', 'toolboxItemId'),
      label: t('plans.interventions.toolboxItem'),
    },
    { name: 'goal', id: fieldId('intervention', 'goal'), label: t('plans.interventions.goal') },
    {
      name: 'responsibleOrganisationId',
      id: fieldId('intervention', 'responsibleOrganisationId'),
      label: t('plans.interventions.responsibleOrganisation'),
    },
    {
      name: 'responsibleUserId',
      id: fieldId('intervention', 'responsibleUserId'),
      label: t('plans.interventions.responsibleUser'),
    },
    { name: 'startsOn', id: fieldId('intervention', 'startsOn'), label: t('plans.interventions.startsOn') },
    { name: 'endsOn', id: fieldId('intervention', 'endsOn'), label: t('plans.interventions.endsOn') },
  ];
  const spec = (name: string) => fields.find((f) => f.name === name) as FieldSpec;
  const items: ToolboxItem[] = (toolbox.data?.items ?? []).filter((i) => i.active);
  const chosen = items.find((i) => i.id === toolboxItemId);
  const members = detail.organisations.find((o) => o.organisationId === organisationId)?.members ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec('toolboxItemId'), toolboxItemId, t, 'errors.requiredChoice');
    requireText(found, spec('responsibleOrganisationId'), organisationId, t, 'errors.requiredChoice');
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const added = await addIntervention(plan.id, {
        toolboxItemId,
        goal: goal || null,
        responsibleOrganisationId: organisationId,
        responsibleUserId: userId || null,
        startsOn: startsOn || null,
        endsOn: endsOn || null,
      });
      clear();
      setToolboxItemId('');
      setGoal('');
      setOrganisationId('');
      setUserId('');
      setStartsOn('');
      setEndsOn('');
      await onAdded(t('plans.interventions.added', { name: toolboxName(added.toolboxItem) }));
    } catch (error) {
      fail(caseProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="intervention-add" level={3} title={t('plans.interventions.add')}>
      {toolbox.error !== null && <LoadError error={toolbox.error} onRetry={() => void toolbox.reload()} />}
      <form className="schakel-form schakel-narrow" noValidate onSubmit={submit}>
        <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
        <SelectField
          spec={spec('toolboxItemId')}
          required
          hint={t('plans.interventions.toolboxHint', {
            targetGroup: t(`caseLabels.targetGroups.${detail.targetGroup}`).toLowerCase(),
          })}
          value={toolboxItemId}
          onValue={setToolboxItemId}
          placeholder={t('common.choose')}
          options={[]}
          groups={TOOLBOX_CATEGORIES.map((category) => ({
            label: t(`plans.categories.${category}`),
            options: items.filter((i) => i.category === category).map((i) => ({ value: i.id, label: toolboxName(i) })),
          })).filter((g) => g.options.length > 0)}
          error={errors.fields.toolboxItemId}
        />
        {chosen && (chosen.description || chosen.legalBasis) && (
          <div className="cw-panel cw-toolbox-note" aria-live="polite">
            {chosen.description && <Paragraph size="small">{chosen.description}</Paragraph>}
            {chosen.legalBasis && (
              <Paragraph size="small">{t('plans.interventions.legalBasis', { basis: chosen.legalBasis })}</Paragraph>
            )}
          </div>
        )}
        <SelectField
          spec={spec('goal')}
          value={goal}
          onValue={setGoal}
          options={[
            { value: '', label: t('plans.interventions.noGoal') },
            ...plan.goals.map((g) => ({ value: g.text, label: g.text })),
          ]}
          error={errors.fields.goal}
        />
        <SelectField
          spec={spec('responsibleOrganisationId')}
          required
          value={organisationId}
          onValue={(v) => {
            setOrganisationId(v);
            setUserId('');
          }}
          placeholder={t('common.choose')}
          options={detail.organisations.map((o) => ({ value: o.organisationId, label: o.name }))}
          error={errors.fields.responsibleOrganisationId}
        />
        <SelectField
          spec={spec('responsibleUserId')}
          value={userId}
          onValue={setUserId}
          options={[
            { value: '', label: t('plans.interventions.nobody') },
            ...members.map((m) => ({ value: m.userId, label: m.name })),
          ]}
          error={errors.fields.responsibleUserId}
        />
        <TextField
          spec={spec('startsOn')}
          optional
          type="date"
          value={startsOn}
          onValue={setStartsOn}
          error={errors.fields.startsOn}
        />
        <TextField
          spec={spec('endsOn')}
          optional
          type="date"
          value={endsOn}
          onValue={setEndsOn}
          error={errors.fields.endsOn}
        />
        <FormActions>
          <Button type="submit" disabled={busy}>
            {t('plans.interventions.submit')}
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}
