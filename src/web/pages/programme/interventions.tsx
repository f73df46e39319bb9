/** The intervention catalogue: browse by action line, search and filter, read one, add and change. */

import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import {
  ASPECTS,
  type Aspect,
  allInterventions,
  createIntervention,
  EVALUATION_KINDS,
  type EvaluationKind,
  getIntervention,
  type Intervention,
  type InterventionInput,
  listActionLines,
  listEvaluations,
  listProtectiveFactors,
  updateIntervention,
} from '../../api/programme.js';
import { useSession } from '../../auth/session.js';
import { Badge, Button, DescriptionList, Paragraph } from '../../components/ams.js';
import {
  CheckboxField,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  requireText,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/form.js';
import { FormShell, formFields, useSaveForm } from '../../components/form-shell.js';
import { BackLink, DataTable, Flash, LinkButton, LoadError, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, newPath, paths } from '../../paths.js';
import { StaleNotice } from '../admin/stale.js';
import {
  actionLineOptions,
  CheckboxGroupField,
  editPath,
  Labels,
  ProgrammePage,
  programmeProblemToErrors,
  Section,
  TextBlock,
} from './shared.js';

interface Filters {
  q: string;
  actionLine: string;
  aspect: string;
  targetGroup: string;
  protectiveFactor: string;
  includeInactive: boolean;
}

function filtersFrom(params: URLSearchParams): Filters {
  return {
    q: params.get('q') ?? '',
    actionLine: params.get('actionLine') ?? '',
    aspect: params.get('aspect') ?? '',
    targetGroup: params.get('targetGroup') ?? '',
    protectiveFactor: params.get('protectiveFactor') ?? '',
    includeInactive: params.get('includeInactive') === 'true',
  };
}

export function InterventionsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const canWork = session.can('programme:work');
  const [params, setParams] = useSearchParams();
  const applied = filtersFrom(params);
  const [draft, setDraft] = useState<Filters>(applied);
  const key = params.toString();
  useEffect(() => setDraft(filtersFrom(new URLSearchParams(key))), [key]);

  const lookups = useLoad(async () => {
    const [lines, factors] = await Promise.all([listActionLines(), listProtectiveFactors()]);
    return { lines: lines.items, factors: factors.items };
  }, []);
  const results = useLoad(
    () =>
      allInterventions({
        q: applied.q.trim() || undefined,
        actionLine: applied.actionLine ? Number(applied.actionLine) : undefined,
        aspect: (applied.aspect || undefined) as Aspect | undefined,
        targetGroup: applied.targetGroup.trim() || undefined,
        protectiveFactor: applied.protectiveFactor ? Number(applied.protectiveFactor) : undefined,
        includeInactive: applied.includeInactive ? 'true' : undefined,
      }),
    [key],
  );

  const { spec } = formFields('iv-filter', {
    q: t('programmePages.interventions.search'),
    actionLine: t('programmePages.interventions.actionLine'),
    aspect: t('programmePages.interventions.aspect'),
    targetGroup: t('programmePages.interventions.targetGroup'),
    protectiveFactor: t('programmePages.interventions.protectiveFactor'),
    includeInactive: t('programmePages.interventions.includeInactive'),
  });

  function search(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.q.trim()) next.set('q', draft.q.trim());
    if (draft.actionLine) next.set('actionLine', draft.actionLine);
    if (draft.aspect) next.set('aspect', draft.aspect);
    if (draft.targetGroup.trim()) next.set('targetGroup', draft.targetGroup.trim());
    if (draft.protectiveFactor) next.set('protectiveFactor', draft.protectiveFactor);
    if (draft.includeInactive) next.set('includeInactive', 'true');
    setParams(next);
  }

  const lines = lookups.data?.lines ?? [];
  const items = results.data ?? [];
  const byLine = lines
    .map((line) => ({ line, items: items.filter((i) => i.actionLine.number === line.number) }))
    .filter((g) => g.items.length > 0);

  return (
    <ProgrammePage>
      <PageHeader
        title={t('programmePages.interventions.title')}
        intro={t('programmePages.interventions.intro')}
        actions={
          canWork && <LinkButton to={newPath(paths.interventions)}>{t('programmePages.interventions.new')}</LinkButton>
        }
      />
      <Flash />
      {lookups.error !== null && <LoadError error={lookups.error} onRetry={() => void lookups.reload()} />}
      <form
        className="schakel-form schakel-filters"
        noValidate
        onSubmit={search}
        aria-label={t('programmePages.interventions.filters')}
      >
        <TextField
          spec={spec('q')}
          type="text"
          hint={t('programmePages.interventions.searchHint')}
          value={draft.q}
          onValue={(q) => setDraft((d) => ({ ...d, q }))}
          autoComplete="off"
        />
        <SelectField
          spec={spec('actionLine')}
          value={draft.actionLine}
          onValue={(actionLine) => setDraft((d) => ({ ...d, actionLine }))}
          placeholder={t('programmePages.interventions.allActionLines')}
          options={actionLineOptions(lines, t)}
        />
        <SelectField
          spec={spec('aspect')}
          value={draft.aspect}
          onValue={(aspect) => setDraft((d) => ({ ...d, aspect }))}
          placeholder={t('programmePages.interventions.allAspects')}
          options={ASPECTS.map((a) => ({ value: a, label: t(`programmePages.aspects.${a}`) }))}
        />
        <TextField
          spec={spec('targetGroup')}
          hint={t('programmePages.interventions.targetGroupHint')}
          value={draft.targetGroup}
          onValue={(targetGroup) => setDraft((d) => ({ ...d, targetGroup }))}
          autoComplete="off"
        />
        <SelectField
          spec={spec('protectiveFactor')}
          value={draft.protectiveFactor}
          onValue={(protectiveFactor) => setDraft((d) => ({ ...d, protectiveFactor }))}
          placeholder={t('programmePages.interventions.allProtectiveFactors')}
          options={(lookups.data?.factors ?? []).map((f) => ({
            value: String(f.code),
            label: `${f.code}. ${f.label}`,
          }))}
        />
        <CheckboxField
          spec={spec('includeInactive')}
          checked={draft.includeInactive}
          onChecked={(includeInactive) => setDraft((d) => ({ ...d, includeInactive }))}
        />
        <FormActions>
          <Button type="submit">{t('programmePages.interventions.submit')}</Button>
          {key !== '' && (
            <Button type="button" variant="tertiary" onClick={() => setParams(new URLSearchParams())}>
              {t('programmePages.interventions.clear')}
            </Button>
          )}
        </FormActions>
      </form>
      {results.error !== null && <LoadError error={results.error} onRetry={() => void results.reload()} />}
      <p role="status" className="pg-result-count">
        {results.data && !results.loading
          ? items.length === 0
            ? t('programmePages.interventions.none')
            : t('programmePages.interventions.found', { count: items.length })
          : ''}
      </p>
      {(results.loading || lookups.loading) && !results.data && <Loading />}
      {byLine.map(({ line, items: lineItems }) => (
        <Section
          key={line.id}
          id={`action-line-${line.number}`}
          title={t('programmePages.actionLineTitle', { number: line.number, title: line.title })}
        >
          {line.description && <Paragraph className="pg-line-description">{line.description}</Paragraph>}
          <DataTable
            caption={t('programmePages.interventions.caption', { number: line.number, title: line.title })}
            captionHidden
            head={
              <>
                <Th>{t('programmePages.interventions.name')}</Th>
                <Th>{t('programmePages.interventions.theme')}</Th>
                <Th>{t('programmePages.interventions.aspects')}</Th>
                <Th>{t('programmePages.interventions.provider')}</Th>
              </>
            }
          >
            {lineItems.map((i) => (
              <Tr key={i.id}>
                <Td>
                  <Link className="ams-link" to={itemPath(paths.interventions, i.id)}>
                    {i.name}
                  </Link>
                  {!i.active && (
                    <>
                      {' '}
                      <Badge label={t('programmePages.interventions.inactive')} color="orange" />
                    </>
                  )}
                </Td>
                <Td>{i.theme ?? t('common.none')}</Td>
                <Td>
                  <Labels items={i.aspects.map((a) => t(`programmePages.aspects.${a}`))} />
                </Td>
                <Td>{i.provider}</Td>
              </Tr>
            ))}
          </DataTable>
        </Section>
      ))}
    </ProgrammePage>
  );
}

export function InterventionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const canWork = session.can('programme:work');
  const data = useLoad(async () => {
    const [intervention, evaluations] = await Promise.all([
      getIntervention(id),
      listEvaluations({ interventionId: id, limit: 200 }),
    ]);
    return { intervention, evaluations: evaluations.items };
  }, [id]);
  const i = data.data?.intervention;
  const notFound = data.error instanceof ApiError && data.error.status === 404;

  return (
    <ProgrammePage>
      <BackLink to={paths.interventions}>{t('programmePages.intervention.catalogue')}</BackLink>
      {notFound ? (
        <PageHeader title={t('errors.notFound')} />
      ) : (
        data.error !== null && <LoadError error={data.error} onRetry={() => void data.reload()} />
      )}
      {data.loading && !i && <Loading />}
      {i && (
        <>
          <PageHeader
            title={i.name}
            intro={t('programmePages.actionLineTitle', { number: i.actionLine.number, title: i.actionLine.title })}
            actions={
              canWork && (
                <LinkButton to={editPath(paths.interventions, i.id)} variant="secondary">
                  {t('programmePages.intervention.edit')}
                </LinkButton>
              )
            }
          />
          <Flash />
          {!i.active && (
            <Paragraph className="pg-inactive">{t('programmePages.intervention.inactiveNotice')}</Paragraph>
          )}
          <DescriptionList className="schakel-details pg-details">
            {i.theme && (
              <>
                <DescriptionList.Term>{t('programmePages.intervention.theme')}</DescriptionList.Term>
                <DescriptionList.Description>{i.theme}</DescriptionList.Description>
              </>
            )}
            <DescriptionList.Term>{t('programmePages.intervention.goal')}</DescriptionList.Term>
            <DescriptionList.Description>
              <TextBlock text={i.goal} />
            </DescriptionList.Description>
            <DescriptionList.Term>{t('programmePages.intervention.targetGroupDirect')}</DescriptionList.Term>
            <DescriptionList.Description>
              <TextBlock text={i.targetGroupDirect} />
            </DescriptionList.Description>
            <DescriptionList.Term>{t('programmePages.intervention.targetGroupIndirect')}</DescriptionList.Term>
            <DescriptionList.Description>
              <TextBlock text={i.targetGroupIndirect} />
            </DescriptionList.Description>
            <DescriptionList.Term>{t('programmePages.intervention.execution')}</DescriptionList.Term>
            <DescriptionList.Description>
              <TextBlock text={i.execution} />
            </DescriptionList.Description>
            <DescriptionList.Term>{t('programmePages.intervention.provider')}</DescriptionList.Term>
            <DescriptionList.Description>{i.provider}</DescriptionList.Description>
            <DescriptionList.Term>{t('programmePages.intervention.protectiveFactors')}</DescriptionList.Term>
            <DescriptionList.Description>
              <Labels items={i.protectiveFactors.map((f) => `${f.code}. ${f.label}`)} />
            </DescriptionList.Description>
            <DescriptionList.Term>{t('programmePages.intervention.aspects')}</DescriptionList.Term>
            <DescriptionList.Description>
              <Labels items={i.aspects.map((a) => t(`programmePages.aspects.${a}`))} />
            </DescriptionList.Description>
            <DescriptionList.Term>{t('programmePages.intervention.evaluationTypes')}</DescriptionList.Term>
            <DescriptionList.Description>
              <Labels items={i.evaluationTypes.map((k) => t(`programmePages.evaluationKinds.${k}`))} />
            </DescriptionList.Description>
            {i.evaluationNote && (
              <>
                <DescriptionList.Term>{t('programmePages.intervention.evaluationNote')}</DescriptionList.Term>
                <DescriptionList.Description>
                  <TextBlock text={i.evaluationNote} />
                </DescriptionList.Description>
              </>
            )}
          </DescriptionList>
          <Section id="intervention-evaluations" title={t('programmePages.intervention.evaluations')}>
            {data.data?.evaluations.length === 0 ? (
              <Paragraph>{t('programmePages.intervention.noEvaluations')}</Paragraph>
            ) : (
              <ul className="pg-link-list">
                {data.data?.evaluations.map((e) => (
                  <li key={e.id}>
                    <Link className="ams-link" to={itemPath(paths.evaluations, e.id)}>
                      {e.title}
                    </Link>{' '}
                    <span className="schakel-muted">
                      ({t(`programmePages.evaluationKinds.${e.kind}`)}, {formatDate(e.conductedOn)})
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {canWork && (
              <p>
                <LinkButton
                  to={`${newPath(paths.evaluations)}?interventionId=${encodeURIComponent(i.id)}`}
                  variant="secondary"
                >
                  {t('programmePages.intervention.addEvaluation')}
                </LinkButton>
              </p>
            )}
          </Section>
        </>
      )}
    </ProgrammePage>
  );
}

const FORM = 'intervention';

export function InterventionFormPage() {
  const { id } = useParams();
  const isNew = id === undefined;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const data = useLoad(async () => {
    const [lines, factors, intervention] = await Promise.all([
      listActionLines(),
      listProtectiveFactors(),
      isNew ? Promise.resolve(null) : getIntervention(id),
    ]);
    return { lines: lines.items, factors: factors.items, intervention };
  }, [id]);
  const [actionLine, setActionLine] = useState('');
  const [theme, setTheme] = useState('');
  const [name, setName] = useState('');
  const [goal, setGoal] = useState('');
  const [targetGroupDirect, setTargetGroupDirect] = useState('');
  const [targetGroupIndirect, setTargetGroupIndirect] = useState('');
  const [execution, setExecution] = useState('');
  const [provider, setProvider] = useState('');
  const [protectiveFactors, setProtectiveFactors] = useState<number[]>([]);
  const [aspects, setAspects] = useState<Aspect[]>([]);
  const [evaluationTypes, setEvaluationTypes] = useState<EvaluationKind[]>([]);
  const [evaluationNote, setEvaluationNote] = useState('');
  const [active, setActive] = useState(true);
  const [version, setVersion] = useState(0);
  const { errors, fail, clear, focusSignal, busy, stale, setStale, save } = useSaveForm();

  const label = (key: string) => t(`programmePages.interventionForm.${key}`);
  const fields: FieldSpec[] = [
    'name',
    'actionLine',
    'theme',
    'goal',
    'targetGroupDirect',
    'targetGroupIndirect',
    'execution',
    'provider',
    'protectiveFactors',
    'aspects',
    'evaluationTypes',
    'evaluationNote',
    'active',
  ].map((n) => ({ name: n, id: fieldId(FORM, n), label: label(n) }));
  const spec = (n: string) => fields.find((f) => f.name === n) as FieldSpec;

  const loaded: Intervention | null = data.data?.intervention ?? null;
  useEffect(() => {
    if (!loaded) return;
    setActionLine(String(loaded.actionLine.number));
    setTheme(loaded.theme ?? '');
    setName(loaded.name);
    setGoal(loaded.goal);
    setTargetGroupDirect(loaded.targetGroupDirect);
    setTargetGroupIndirect(loaded.targetGroupIndirect ?? '');
    setExecution(loaded.execution);
    setProvider(loaded.provider);
    setProtectiveFactors(loaded.protectiveFactors.map((f) => f.code));
    setAspects(loaded.aspects);
    setEvaluationTypes(loaded.evaluationTypes);
    setEvaluationNote(loaded.evaluationNote ?? '');
    setActive(loaded.active);
    setVersion(loaded.version);
    setStale(false);
  }, [loaded, setStale]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec('name'), name, t);
    requireText(found, spec('actionLine'), actionLine, t, 'errors.requiredChoice');
    requireText(found, spec('goal'), goal, t);
    requireText(found, spec('targetGroupDirect'), targetGroupDirect, t);
    requireText(found, spec('execution'), execution, t);
    requireText(found, spec('provider'), provider, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    const body: InterventionInput = {
      actionLine: Number(actionLine),
      theme: theme.trim() || null,
      name: name.trim(),
      goal: goal.trim(),
      targetGroupDirect: targetGroupDirect.trim(),
      targetGroupIndirect: targetGroupIndirect.trim() || null,
      execution: execution.trim(),
      provider: provider.trim(),
      protectiveFactors,
      aspects,
      evaluationTypes,
      evaluationNote: evaluationNote.trim() || null,
    };
    await save(
      async () => {
        const saved = isNew
          ? await createIntervention(body)
          : await updateIntervention(id, { ...body, active, version });
        clear();
        navigate(itemPath(paths.interventions, saved.id), {
          state: {
            notice: isNew ? t('programmePages.interventionForm.created', { name: saved.name }) : t('common.saved'),
          },
        });
      },
      (error) => programmeProblemToErrors(error, fields, t),
    );
  }

  const back = isNew ? paths.interventions : itemPath(paths.interventions, id);
  const title = isNew
    ? t('programmePages.interventionForm.newTitle')
    : t('programmePages.interventionForm.editTitle', { name: loaded?.name ?? '' });
  return (
    <ProgrammePage narrow>
      <BackLink to={back}>
        {isNew ? t('programmePages.intervention.catalogue') : (loaded?.name ?? t('common.back'))}
      </BackLink>
      <PageHeader title={title} intro={t('programmePages.interventionForm.intro')} />
      {data.error !== null && <LoadError error={data.error} onRetry={() => void data.reload()} />}
      {data.loading && !data.data && <Loading />}
      {data.data && (
        <FormShell
          onSubmit={submit}
          errors={errors}
          fields={fields}
          focusSignal={focusSignal}
          busy={busy}
          submitLabel={isNew ? t('common.create') : t('common.save')}
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
          <TextField spec={spec('name')} required value={name} onValue={setName} error={errors.fields.name} />
          <SelectField
            spec={spec('actionLine')}
            required
            value={actionLine}
            onValue={setActionLine}
            placeholder={t('common.choose')}
            options={actionLineOptions(data.data.lines, t)}
            error={errors.fields.actionLine}
          />
          <TextField spec={spec('theme')} optional value={theme} onValue={setTheme} error={errors.fields.theme} />
          <TextAreaField spec={spec('goal')} required value={goal} onValue={setGoal} error={errors.fields.goal} />
          <TextAreaField
            spec={spec('targetGroupDirect')}
            required
            rows={3}
            value={targetGroupDirect}
            onValue={setTargetGroupDirect}
            error={errors.fields.targetGroupDirect}
          />
          <TextAreaField
            spec={spec('targetGroupIndirect')}
            optional
            rows={3}
            value={targetGroupIndirect}
            onValue={setTargetGroupIndirect}
            error={errors.fields.targetGroupIndirect}
          />
          <TextAreaField
            spec={spec('execution')}
            required
            value={execution}
            onValue={setExecution}
            error={errors.fields.execution}
          />
          <TextField
            spec={spec('provider')}
            required
            value={provider}
            onValue={setProvider}
            error={errors.fields.provider}
          />
          <CheckboxGroupField
            spec={spec('protectiveFactors')}
            hint={t('programmePages.interventionForm.protectiveFactorsHint')}
            options={data.data.factors.map((f) => ({ value: f.code, label: `${f.code}. ${f.label}` }))}
            values={protectiveFactors}
            onValues={setProtectiveFactors}
            error={errors.fields.protectiveFactors}
          />
          <CheckboxGroupField
            spec={spec('aspects')}
            options={ASPECTS.map((a) => ({ value: a, label: t(`programmePages.aspects.${a}`) }))}
            values={aspects}
            onValues={setAspects}
            error={errors.fields.aspects}
          />
          <CheckboxGroupField
            spec={spec('evaluationTypes')}
            options={EVALUATION_KINDS.map((k) => ({ value: k, label: t(`programmePages.evaluationKinds.${k}`) }))}
            values={evaluationTypes}
            onValues={setEvaluationTypes}
            error={errors.fields.evaluationTypes}
          />
          <TextAreaField
            spec={spec('evaluationNote')}
            optional
            rows={3}
            value={evaluationNote}
            onValue={setEvaluationNote}
            error={errors.fields.evaluationNote}
          />
          {!isNew && (
            <>
              <Paragraph size="small" className="schakel-field-hint">
                {t('programmePages.interventionForm.activeHint')}
              </Paragraph>
              <CheckboxField
                spec={spec('active')}
                checked={active}
                onChecked={setActive}
                error={errors.fields.active}
              />
            </>
          )}
        </FormShell>
      )}
    </ProgrammePage>
  );
}
