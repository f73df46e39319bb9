/** Implementation plans: per municipality per year the interventions it runs, with numbers, budget and status. */

import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { listMunicipalities } from '../../api/endpoints.js';
import {
  addPlanLine,
  allInterventions,
  createPlan,
  getPlan,
  type ImplementationPlan,
  type ImplementationPlanLine,
  type ImplementationPlanSummary,
  LINE_STATUSES,
  type LineStatus,
  listPlans,
  PLAN_STATUSES,
  type PlanLineInput,
  type PlanStatus,
  updatePlan,
  updatePlanLine,
} from '../../api/programme.js';
import { useSession } from '../../auth/session.js';
import { Paragraph } from '../../components/ams.js';
import { Details } from '../../components/details.js';
import { FilterForm, useFilterParams } from '../../components/filters.js';
import {
  type FieldErrors,
  type FieldSpec,
  fieldId,
  RadioGroupField,
  requireText,
  SelectField,
  TextAreaField,
  TextField,
  useFormErrors,
} from '../../components/form.js';
import { FormShell, useSaveForm } from '../../components/form-shell.js';
import { PagedListView, usePagedList } from '../../components/list-page.js';
import {
  BackLink,
  DataTable,
  Flash,
  LinkButton,
  LoadError,
  Notice,
  PageHeader,
  Td,
  Th,
  Tr,
} from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatNumber } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, newPath, paths } from '../../paths.js';
import { StaleNotice } from '../admin/stale.js';
import { centsToInput, formatEuros, parseEuros } from './money.js';
import {
  currentYear,
  editPath,
  interventionGroups,
  ProgrammePage,
  parseCount,
  planLinePath,
  programmeProblemToErrors,
  Section,
  TextBlock,
} from './shared.js';

const PAGE_SIZE = 50;

export function yearOptions(): { value: string; label: string }[] {
  const now = currentYear();
  const years: number[] = [];
  for (let y = now + 1; y >= now - 5; y--) years.push(y);
  return years.map((y) => ({ value: String(y), label: String(y) }));
}

export function PlansPage() {
  const { t } = useTranslation();
  const session = useSession();
  const canWork = session.can('programme:work');
  const filters = useFilterParams(['year'] as const);
  const { year } = filters.applied;
  const list = usePagedList(
    (cursor) => listPlans({ year: year ? Number(year) : undefined, limit: PAGE_SIZE, cursor }),
    [year],
  );
  const items = list.items;

  const yearSpec: FieldSpec = {
    name: 'year',
    id: fieldId('plans-filter', 'year'),
    label: t('programmePages.plans.year'),
  };
  const ownIsWholeDistrict = new Set(items.map((p) => p.municipality.id)).size > 1;
  return (
    <ProgrammePage>
      <PageHeader
        title={t('programmePages.plans.title')}
        intro={t('programmePages.plans.intro')}
        actions={
          canWork && <LinkButton to={newPath(paths.implementationPlans)}>{t('programmePages.plans.new')}</LinkButton>
        }
      />
      <Flash />
      {ownIsWholeDistrict && <Paragraph>{t('programmePages.plans.introCoordinating')}</Paragraph>}
      <FilterForm
        label={t('programmePages.plans.filters')}
        submitLabel={t('programmePages.plans.submit')}
        onSubmit={filters.apply}
      >
        <SelectField
          spec={yearSpec}
          value={filters.draft.year}
          onValue={filters.setDraftValue('year')}
          placeholder={t('programmePages.plans.allYears')}
          options={yearOptions()}
        />
      </FilterForm>
      <PagedListView
        list={list}
        empty={year ? t('programmePages.plans.noneForYear', { year }) : t('programmePages.plans.none')}
      >
        {(items) => (
          <DataTable
            caption={t('programmePages.plans.caption')}
            captionHidden
            head={
              <>
                <Th>{t('programmePages.plans.year')}</Th>
                <Th>{t('programmePages.plans.municipality')}</Th>
                <Th>{t('programmePages.plans.status')}</Th>
                <Th align="end">{t('programmePages.plans.lines')}</Th>
                <Th align="end">{t('programmePages.plans.linesBudget')}</Th>
                <Th align="end">{t('programmePages.plans.budgetTotal')}</Th>
              </>
            }
          >
            {items.map((p) => (
              <Tr key={p.id}>
                <Td>{p.year}</Td>
                <Td>
                  <Link
                    className="ams-link"
                    to={itemPath(paths.implementationPlans, p.id)}
                    aria-label={t('programmePages.plans.view', { municipality: p.municipality.name, year: p.year })}
                  >
                    {p.municipality.name}
                  </Link>
                </Td>
                <Td>{t(`programmePages.planStatuses.${p.status}`)}</Td>
                <Td align="end">{formatNumber(p.lineCount)}</Td>
                <Td align="end">{formatEuros(p.linesBudgetCents)}</Td>
                <Td align="end">{p.budgetTotalCents === null ? t('common.none') : formatEuros(p.budgetTotalCents)}</Td>
              </Tr>
            ))}
          </DataTable>
        )}
      </PagedListView>
    </ProgrammePage>
  );
}

/** A year typed into a field, or null. */
function parseYear(value: string): number | null {
  const s = value.trim();
  if (!/^\d{4}$/.test(s)) return null;
  const y = Number(s);
  return y >= 2000 && y <= 2100 ? y : null;
}

function checkEuros(found: FieldErrors, spec: FieldSpec, value: string, t: TFunction, optional: boolean) {
  if (!value.trim()) {
    if (!optional) found[spec.name] = t('errors.required', { label: spec.label.toLowerCase() });
    return;
  }
  if (parseEuros(value) === null)
    found[spec.name] = t('programmePages.invalidEuros', { label: spec.label.toLowerCase() });
}

export function NewPlanPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const organisationId = session.me?.user.organisation.id;
  const data = useLoad(async () => {
    const all = await listMunicipalities();
    return all.items.filter((m) => m.organisationId === organisationId);
  }, [organisationId]);
  const [municipalityId, setMunicipalityId] = useState('');
  const [year, setYear] = useState(String(currentYear()));
  const [budget, setBudget] = useState('');
  const [note, setNote] = useState('');
  const { errors, fail, clear, focusSignal, busy, save } = useSaveForm();
  const own = data.data ?? [];
  useEffect(() => {
    const only = data.data?.length === 1 ? data.data[0] : undefined;
    if (only) setMunicipalityId(only.id);
  }, [data.data]);

  const fields: FieldSpec[] = [
    { name: 'municipalityId', id: fieldId('plan', 'municipalityId'), label: t('programmePages.planNew.municipality') },
    { name: 'year', id: fieldId('plan', 'year'), label: t('programmePages.planNew.year') },
    { name: 'budgetTotalCents', id: fieldId('plan', 'budget'), label: t('programmePages.planNew.budgetTotal') },
    { name: 'note', id: fieldId('plan', 'note'), label: t('programmePages.planNew.note') },
  ];
  const spec = (n: string) => fields.find((f) => f.name === n) as FieldSpec;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec('municipalityId'), municipalityId, t, 'errors.requiredChoice');
    const parsedYear = parseYear(year);
    if (parsedYear === null) found.year = t('programmePages.invalidYear', { label: spec('year').label.toLowerCase() });
    checkEuros(found, spec('budgetTotalCents'), budget, t, true);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    await save(
      async () => {
        const plan = await createPlan({
          municipalityId,
          year: parsedYear as number,
          budgetTotalCents: budget.trim() ? parseEuros(budget) : null,
          note: note.trim() || null,
        });
        clear();
        navigate(itemPath(paths.implementationPlans, plan.id), {
          state: {
            notice: t('programmePages.planNew.created', { municipality: plan.municipality.name, year: plan.year }),
          },
        });
      },
      (error) => programmeProblemToErrors(error, fields, t),
    );
  }

  return (
    <ProgrammePage narrow>
      <BackLink to={paths.implementationPlans}>{t('programmePages.plans.title')}</BackLink>
      <PageHeader title={t('programmePages.planNew.title')} intro={t('programmePages.planNew.intro')} />
      {data.error !== null && <LoadError error={data.error} onRetry={() => void data.reload()} />}
      {data.loading && !data.data && <Loading />}
      {data.data && own.length === 0 && (
        <Notice severity="warning" heading={t('programmePages.planNew.noMunicipality')} />
      )}
      {data.data && own.length > 0 && (
        <FormShell
          onSubmit={submit}
          errors={errors}
          fields={fields}
          focusSignal={focusSignal}
          busy={busy}
          submitLabel={t('common.create')}
          cancelTo={paths.implementationPlans}
        >
          <SelectField
            spec={spec('municipalityId')}
            required
            value={municipalityId}
            onValue={setMunicipalityId}
            placeholder={own.length > 1 ? t('common.choose') : undefined}
            options={own.map((m) => ({ value: m.id, label: m.name }))}
            error={errors.fields.municipalityId}
          />
          <TextField
            spec={spec('year')}
            required
            inputMode="numeric"
            size={6}
            value={year}
            onValue={setYear}
            error={errors.fields.year}
          />
          <TextField
            spec={spec('budgetTotalCents')}
            optional
            hint={t('programmePages.euroHint')}
            inputMode="decimal"
            size={14}
            value={budget}
            onValue={setBudget}
            error={errors.fields.budgetTotalCents}
          />
          <TextAreaField
            spec={spec('note')}
            optional
            rows={3}
            value={note}
            onValue={setNote}
            error={errors.fields.note}
          />
        </FormShell>
      )}
    </ProgrammePage>
  );
}

function planTitle(plan: Pick<ImplementationPlanSummary, 'municipality' | 'year'>, t: TFunction) {
  return t('programmePages.plan.title', { municipality: plan.municipality.name, year: plan.year });
}

export function PlanPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const data = useLoad(() => getPlan(id), [id]);
  const plan = data.data;
  const [added, setAdded] = useState<string | null>(null);
  const notFound = data.error instanceof ApiError && data.error.status === 404;

  return (
    <ProgrammePage>
      <BackLink to={paths.implementationPlans}>{t('programmePages.plans.title')}</BackLink>
      {notFound ? (
        <PageHeader title={t('errors.notFound')} />
      ) : (
        data.error !== null && <LoadError error={data.error} onRetry={() => void data.reload()} />
      )}
      {data.loading && !plan && <Loading />}
      {plan && (
        <>
          <PageHeader
            title={planTitle(plan, t)}
            intro={plan.canEdit ? undefined : t('programmePages.plan.readOnly')}
            actions={
              plan.canEdit && (
                <LinkButton to={editPath(paths.implementationPlans, plan.id)} variant="secondary">
                  {t('programmePages.plan.edit')}
                </LinkButton>
              )
            }
          />
          <Flash />
          <div role="status">
            {added && <Notice severity="success" heading={t('programmePages.plan.lineAdded', { name: added })} />}
          </div>
          <Details
            className="schakel-details pg-details"
            rows={[
              { term: t('programmePages.plan.status'), value: t(`programmePages.planStatuses.${plan.status}`) },
              {
                term: t('programmePages.plan.budgetTotal'),
                value: plan.budgetTotalCents === null ? t('common.none') : formatEuros(plan.budgetTotalCents),
              },
              {
                term: t('programmePages.plan.linesBudget'),
                value: (
                  <>
                    {formatEuros(plan.linesBudgetCents)}{' '}
                    <span className="schakel-muted">{t('programmePages.plan.linesBudgetHint')}</span>
                  </>
                ),
              },
              {
                term: t('programmePages.plan.note'),
                value: <TextBlock text={plan.note} />,
              },
            ]}
          />
          <PlanLines plan={plan} />
          {plan.canEdit && (
            <AddLineForm
              plan={plan}
              onAdded={async (line) => {
                setAdded(line.intervention.name);
                await data.reload();
              }}
            />
          )}
        </>
      )}
    </ProgrammePage>
  );
}

function PlanLines({ plan }: { plan: ImplementationPlan }) {
  const { t } = useTranslation();
  const counted = plan.lines.filter((l) => l.status !== 'cancelled');
  const sum = (pick: (l: ImplementationPlanLine) => number) => counted.reduce((n, l) => n + pick(l), 0);
  return (
    <Section id="plan-lines" title={t('programmePages.plan.linesTitle')}>
      {plan.lines.length === 0 ? (
        <Paragraph>{t('programmePages.plan.noLines')}</Paragraph>
      ) : (
        <DataTable
          caption={t('programmePages.plan.linesCaption', { municipality: plan.municipality.name, year: plan.year })}
          captionHidden
          head={
            <>
              <Th>{t('programmePages.plan.intervention')}</Th>
              <Th align="end">{t('programmePages.plan.planned')}</Th>
              <Th align="end">{t('programmePages.plan.actual')}</Th>
              <Th align="end">{t('programmePages.plan.budget')}</Th>
              <Th>{t('programmePages.plan.lineStatus')}</Th>
              <Th>{t('programmePages.plan.lineNote')}</Th>
              {plan.canEdit && <Th>{t('common.actions')}</Th>}
            </>
          }
        >
          {plan.lines.map((l) => (
            <Tr key={l.id}>
              <Td>
                <Link className="ams-link" to={itemPath(paths.interventions, l.intervention.id)}>
                  {l.intervention.name}
                </Link>
                <span className="pg-sub">{t('programmePages.actionLine', { number: l.intervention.actionLine })}</span>
              </Td>
              <Td align="end">{formatNumber(l.plannedCount)}</Td>
              <Td align="end">{l.actualCount === null ? t('common.none') : formatNumber(l.actualCount)}</Td>
              <Td align="end">
                <span className="schakel-nowrap">{formatEuros(l.budgetCents)}</span>
              </Td>
              <Td>{t(`programmePages.lineStatuses.${l.status}`)}</Td>
              <Td>{l.note ?? t('common.none')}</Td>
              {plan.canEdit && (
                <Td>
                  <Link className="ams-link" to={planLinePath(plan.id, l.id)}>
                    {t('programmePages.plan.editLine')}
                    <span className="schakel-visually-hidden"> {l.intervention.name}</span>
                  </Link>
                </Td>
              )}
            </Tr>
          ))}
          <tr className="ams-table__row pg-total-row">
            <th scope="row" className="ams-table__header-cell">
              {t('programmePages.plan.total')}
            </th>
            <Td align="end">{formatNumber(sum((l) => l.plannedCount))}</Td>
            <Td align="end">{formatNumber(sum((l) => l.actualCount ?? 0))}</Td>
            <Td align="end">
              <span className="schakel-nowrap">{formatEuros(sum((l) => l.budgetCents))}</span>
            </Td>
            <Td />
            <Td />
            {plan.canEdit && <Td />}
          </tr>
        </DataTable>
      )}
    </Section>
  );
}

interface LineDraft {
  plannedCount: string;
  actualCount: string;
  budget: string;
  status: LineStatus;
  note: string;
}

const emptyLine: LineDraft = { plannedCount: '', actualCount: '', budget: '', status: 'planned', note: '' };

function lineFields(form: string, t: TFunction): FieldSpec[] {
  return [
    { name: 'interventionId', id: fieldId(form, 'interventionId'), label: t('programmePages.lineForm.intervention') },
    { name: 'plannedCount', id: fieldId(form, 'plannedCount'), label: t('programmePages.lineForm.plannedCount') },
    { name: 'actualCount', id: fieldId(form, 'actualCount'), label: t('programmePages.lineForm.actualCount') },
    { name: 'budgetCents', id: fieldId(form, 'budget'), label: t('programmePages.lineForm.budget') },
    { name: 'status', id: fieldId(form, 'status'), label: t('programmePages.lineForm.status') },
    { name: 'note', id: fieldId(form, 'note'), label: t('programmePages.lineForm.note') },
  ];
}

/** Checks the numbers of a line and turns the draft into the API's shape (or reports the field errors). */
function lineInput(draft: LineDraft, fields: FieldSpec[], t: TFunction): { found: FieldErrors; input: PlanLineInput } {
  const spec = (n: string) => fields.find((f) => f.name === n) as FieldSpec;
  const found: FieldErrors = {};
  const planned = parseCount(draft.plannedCount);
  if (!draft.plannedCount.trim()) requireText(found, spec('plannedCount'), '', t);
  else if (planned === null)
    found.plannedCount = t('programmePages.invalidCount', { label: spec('plannedCount').label.toLowerCase() });
  const actual = draft.actualCount.trim() ? parseCount(draft.actualCount) : null;
  if (draft.actualCount.trim() && actual === null) {
    found.actualCount = t('programmePages.invalidCount', { label: spec('actualCount').label.toLowerCase() });
  }
  checkEuros(found, spec('budgetCents'), draft.budget, t, false);
  return {
    found,
    input: {
      plannedCount: planned ?? 0,
      actualCount: actual,
      budgetCents: parseEuros(draft.budget) ?? 0,
      status: draft.status,
      note: draft.note.trim() || null,
    },
  };
}

function LineFields({
  fields,
  draft,
  onDraft,
  errors,
}: {
  fields: FieldSpec[];
  draft: LineDraft;
  onDraft: (update: (d: LineDraft) => LineDraft) => void;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  const spec = (n: string) => fields.find((f) => f.name === n) as FieldSpec;
  return (
    <>
      <TextField
        spec={spec('plannedCount')}
        required
        inputMode="numeric"
        size={8}
        value={draft.plannedCount}
        onValue={(plannedCount) => onDraft((d) => ({ ...d, plannedCount }))}
        error={errors.plannedCount}
      />
      <TextField
        spec={spec('actualCount')}
        optional
        hint={t('programmePages.lineForm.actualCountHint')}
        inputMode="numeric"
        size={8}
        value={draft.actualCount}
        onValue={(actualCount) => onDraft((d) => ({ ...d, actualCount }))}
        error={errors.actualCount}
      />
      <TextField
        spec={spec('budgetCents')}
        required
        hint={t('programmePages.euroHint')}
        inputMode="decimal"
        size={14}
        value={draft.budget}
        onValue={(budget) => onDraft((d) => ({ ...d, budget }))}
        error={errors.budgetCents}
      />
      <SelectField
        spec={spec('status')}
        value={draft.status}
        onValue={(status) => onDraft((d) => ({ ...d, status: status as LineStatus }))}
        options={LINE_STATUSES.map((s) => ({ value: s, label: t(`programmePages.lineStatuses.${s}`) }))}
        error={errors.status}
      />
      <TextAreaField
        spec={spec('note')}
        optional
        rows={2}
        value={draft.note}
        onValue={(note) => onDraft((d) => ({ ...d, note }))}
        error={errors.note}
      />
    </>
  );
}

function AddLineForm({
  plan,
  onAdded,
}: {
  plan: ImplementationPlan;
  onAdded: (line: ImplementationPlanLine) => Promise<void>;
}) {
  const { t } = useTranslation();
  const catalogue = useLoad(() => allInterventions(), []);
  const [interventionId, setInterventionId] = useState('');
  const [draft, setDraft] = useState<LineDraft>(emptyLine);
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const fields = lineFields('plan-line', t);
  const inPlan = new Set(plan.lines.map((l) => l.intervention.id));
  const groups = interventionGroups(catalogue.data ?? [], t, inPlan);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { found, input } = lineInput(draft, fields, t);
    if (!interventionId) {
      requireText(found, fields[0] as FieldSpec, '', t, 'errors.requiredChoice');
    }
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const line = await addPlanLine(plan.id, { ...input, interventionId });
      clear();
      setInterventionId('');
      setDraft(emptyLine);
      await onAdded(line);
    } catch (error) {
      const result = programmeProblemToErrors(error, fields, t);
      if (error instanceof ApiError && error.status === 409 && result.fields.interventionId) {
        result.fields.interventionId = t('programmePages.plan.duplicate');
      }
      fail(result);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="plan-add-line" title={t('programmePages.plan.addLine')}>
      <Paragraph>{t('programmePages.plan.addLineIntro')}</Paragraph>
      {catalogue.error !== null && <LoadError error={catalogue.error} onRetry={() => void catalogue.reload()} />}
      {catalogue.data && groups.length === 0 && <Paragraph>{t('programmePages.plan.allInPlan')}</Paragraph>}
      {catalogue.data && groups.length > 0 && (
        <FormShell
          label={t('programmePages.plan.addLine')}
          className="schakel-form schakel-narrow"
          onSubmit={submit}
          errors={errors}
          fields={fields}
          focusSignal={focusSignal}
          busy={busy}
          submitLabel={t('programmePages.lineForm.submitAdd')}
        >
          <SelectField
            spec={fields[0] as FieldSpec}
            required
            value={interventionId}
            onValue={setInterventionId}
            placeholder={t('common.choose')}
            options={[]}
            groups={groups}
            error={errors.fields.interventionId}
          />
          <LineFields fields={fields} draft={draft} onDraft={setDraft} errors={errors.fields} />
        </FormShell>
      )}
    </Section>
  );
}

export function PlanEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const data = useLoad(() => getPlan(id), [id]);
  const plan = data.data;
  const [status, setStatus] = useState<PlanStatus>('draft');
  const [budget, setBudget] = useState('');
  const [note, setNote] = useState('');
  const [version, setVersion] = useState(0);
  const { errors, fail, clear, focusSignal, busy, stale, setStale, save } = useSaveForm();
  useEffect(() => {
    if (!plan) return;
    setStatus(plan.status);
    setBudget(centsToInput(plan.budgetTotalCents));
    setNote(plan.note ?? '');
    setVersion(plan.version);
    setStale(false);
  }, [plan, setStale]);

  const fields: FieldSpec[] = [
    { name: 'status', id: fieldId('plan-edit', 'status'), label: t('programmePages.planEdit.status') },
    { name: 'budgetTotalCents', id: fieldId('plan-edit', 'budget'), label: t('programmePages.planNew.budgetTotal') },
    { name: 'note', id: fieldId('plan-edit', 'note'), label: t('programmePages.planNew.note') },
  ];
  const spec = (n: string) => fields.find((f) => f.name === n) as FieldSpec;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    checkEuros(found, spec('budgetTotalCents'), budget, t, true);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    await save(
      async () => {
        await updatePlan(id, {
          status,
          budgetTotalCents: budget.trim() ? parseEuros(budget) : null,
          note: note.trim() || null,
          version,
        });
        clear();
        navigate(itemPath(paths.implementationPlans, id), { state: { notice: t('common.saved') } });
      },
      (error) => programmeProblemToErrors(error, fields, t),
    );
  }

  const back = itemPath(paths.implementationPlans, id);
  return (
    <ProgrammePage narrow>
      <BackLink to={back}>{plan ? planTitle(plan, t) : t('programmePages.plans.title')}</BackLink>
      <PageHeader
        title={
          plan
            ? t('programmePages.planEdit.title', { municipality: plan.municipality.name, year: plan.year })
            : t('programmePages.plan.edit')
        }
      />
      {data.error !== null && <LoadError error={data.error} onRetry={() => void data.reload()} />}
      {data.loading && !plan && <Loading />}
      {plan && !plan.canEdit && <Notice severity="warning" heading={t('programmePages.plan.readOnly')} />}
      {plan?.canEdit && (
        <FormShell
          onSubmit={submit}
          errors={errors}
          fields={fields}
          focusSignal={focusSignal}
          busy={busy}
          submitLabel={t('common.save')}
          cancelTo={back}
        >
          {stale && (
            <StaleNotice
              onReload={() => {
                clear();
                void data.reload();
              }}
            />
          )}
          <RadioGroupField
            spec={spec('status')}
            value={status}
            onValue={(s) => setStatus(s as PlanStatus)}
            options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`programmePages.planStatuses.${s}`) }))}
            error={errors.fields.status}
          />
          <TextField
            spec={spec('budgetTotalCents')}
            optional
            hint={t('programmePages.euroHint')}
            inputMode="decimal"
            size={14}
            value={budget}
            onValue={setBudget}
            error={errors.fields.budgetTotalCents}
          />
          <TextAreaField
            spec={spec('note')}
            optional
            rows={4}
            value={note}
            onValue={setNote}
            error={errors.fields.note}
          />
        </FormShell>
      )}
    </ProgrammePage>
  );
}

export function PlanLinePage() {
  const { id = '', lineId = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const data = useLoad(() => getPlan(id), [id]);
  const plan = data.data;
  const line = plan?.lines.find((l) => l.id === lineId) ?? null;
  const [draft, setDraft] = useState<LineDraft>(emptyLine);
  const [version, setVersion] = useState(0);
  const { errors, fail, clear, focusSignal, busy, stale, setStale, save } = useSaveForm();
  const fields = lineFields('plan-line-edit', t).slice(1);
  useEffect(() => {
    if (!line) return;
    setDraft({
      plannedCount: String(line.plannedCount),
      actualCount: line.actualCount === null ? '' : String(line.actualCount),
      budget: centsToInput(line.budgetCents),
      status: line.status,
      note: line.note ?? '',
    });
    setVersion(line.version);
    setStale(false);
  }, [line, setStale]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { found, input } = lineInput(draft, fields, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    await save(
      async () => {
        await updatePlanLine(lineId, { ...input, version });
        clear();
        navigate(itemPath(paths.implementationPlans, id), { state: { notice: t('common.saved') } });
      },
      (error) => programmeProblemToErrors(error, fields, t),
    );
  }

  const back = itemPath(paths.implementationPlans, id);
  const title =
    plan && line
      ? t('programmePages.lineForm.editTitle', {
          name: line.intervention.name,
          municipality: plan.municipality.name,
          year: plan.year,
        })
      : t('programmePages.plan.editLine');
  return (
    <ProgrammePage narrow>
      <BackLink to={back}>{plan ? planTitle(plan, t) : t('programmePages.plans.title')}</BackLink>
      <PageHeader title={title} />
      {data.error !== null && <LoadError error={data.error} onRetry={() => void data.reload()} />}
      {data.loading && !plan && <Loading />}
      {plan && !line && <Notice severity="warning" heading={t('programmePages.lineForm.notFound')} />}
      {plan && line && !plan.canEdit && <Notice severity="warning" heading={t('programmePages.plan.readOnly')} />}
      {plan && line && plan.canEdit && (
        <FormShell
          onSubmit={submit}
          errors={errors}
          fields={fields}
          focusSignal={focusSignal}
          busy={busy}
          submitLabel={t('common.save')}
          cancelTo={back}
        >
          {stale && (
            <StaleNotice
              onReload={() => {
                clear();
                void data.reload();
              }}
            />
          )}
          <LineFields fields={fields} draft={draft} onDraft={setDraft} errors={errors.fields} />
        </FormShell>
      )}
    </ProgrammePage>
  );
}
