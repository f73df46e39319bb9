/** Evaluations of interventions (plan, process, effect) with findings and follow-up actions. */

import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import {
  allInterventions,
  createEvaluation,
  EVALUATION_KINDS,
  type EvaluationKind,
  type FollowUpAction,
  getEvaluation,
  listEvaluations,
  updateEvaluation,
} from '../../api/programme.js';
import { useSession } from '../../auth/session.js';
import { DescriptionList, Paragraph } from '../../components/ams.js';
import { Details } from '../../components/details.js';
import { FilterForm, useFilterParams } from '../../components/filters.js';
import {
  CheckboxField,
  type FieldErrors,
  type FieldSpec,
  fieldId,
  RadioGroupField,
  requireText,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/form.js';
import { FormShell, useSaveForm } from '../../components/form-shell.js';
import { PagedListView, usePagedList } from '../../components/list-page.js';
import { BackLink, DataTable, Flash, LinkButton, LoadError, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { RepeatableFieldSet } from '../../components/repeatable.js';
import { Loading } from '../../components/shell.js';
import { formatDate } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, newPath, paths } from '../../paths.js';
import { StaleNotice } from '../admin/stale.js';
import { editPath, interventionGroups, ProgrammePage, programmeProblemToErrors, Section, TextBlock } from './shared.js';

const PAGE_SIZE = 50;

export function EvaluationsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const canWork = session.can('programme:work');
  const filters = useFilterParams(['interventionId', 'kind'] as const);
  const { interventionId, kind } = filters.applied;
  const { draft } = filters;
  const catalogue = useLoad(() => allInterventions({ includeInactive: 'true' }), []);
  const list = usePagedList(
    (cursor) =>
      listEvaluations({
        interventionId: interventionId || undefined,
        kind: (kind || undefined) as EvaluationKind | undefined,
        limit: PAGE_SIZE,
        cursor,
      }),
    [interventionId, kind],
  );

  const fields: FieldSpec[] = [
    {
      name: 'interventionId',
      id: fieldId('ev-filter', 'interventionId'),
      label: t('programmePages.evaluations.intervention'),
    },
    { name: 'kind', id: fieldId('ev-filter', 'kind'), label: t('programmePages.evaluations.kind') },
  ];
  return (
    <ProgrammePage>
      <PageHeader
        title={t('programmePages.evaluations.title')}
        intro={t('programmePages.evaluations.intro')}
        actions={
          canWork && <LinkButton to={newPath(paths.evaluations)}>{t('programmePages.evaluations.new')}</LinkButton>
        }
      />
      <Flash />
      <FilterForm
        label={t('programmePages.evaluations.filters')}
        submitLabel={t('programmePages.evaluations.submit')}
        onSubmit={filters.apply}
      >
        <SelectField
          spec={fields[0] as FieldSpec}
          value={draft.interventionId}
          onValue={filters.setDraftValue('interventionId')}
          placeholder={t('programmePages.evaluations.allInterventions')}
          options={[]}
          groups={interventionGroups(catalogue.data ?? [], t)}
        />
        <SelectField
          spec={fields[1] as FieldSpec}
          value={draft.kind}
          onValue={filters.setDraftValue('kind')}
          placeholder={t('programmePages.evaluations.allKinds')}
          options={EVALUATION_KINDS.map((k) => ({ value: k, label: t(`programmePages.evaluationKinds.${k}`) }))}
        />
      </FilterForm>
      <PagedListView list={list} empty={t('programmePages.evaluations.none')}>
        {(items) => (
          <DataTable
            caption={t('programmePages.evaluations.caption')}
            captionHidden
            head={
              <>
                <Th>{t('programmePages.evaluations.evaluation')}</Th>
                <Th>{t('programmePages.evaluations.intervention')}</Th>
                <Th>{t('programmePages.evaluations.kind')}</Th>
                <Th>{t('programmePages.evaluations.conductedOn')}</Th>
                <Th align="end">{t('programmePages.evaluations.followUp')}</Th>
              </>
            }
          >
            {items.map((e) => (
              <Tr key={e.id}>
                <Td>
                  <Link className="ams-link" to={itemPath(paths.evaluations, e.id)}>
                    {e.title}
                  </Link>
                </Td>
                <Td>{e.intervention.name}</Td>
                <Td>{t(`programmePages.evaluationKinds.${e.kind}`)}</Td>
                <Td>
                  <span className="schakel-nowrap">{formatDate(e.conductedOn)}</span>
                </Td>
                <Td align="end">{e.followUpActions.filter((a) => !a.done).length}</Td>
              </Tr>
            ))}
          </DataTable>
        )}
      </PagedListView>
    </ProgrammePage>
  );
}

export function EvaluationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const data = useLoad(() => getEvaluation(id), [id]);
  const e = data.data;
  const notFound = data.error instanceof ApiError && data.error.status === 404;
  return (
    <ProgrammePage>
      <BackLink to={paths.evaluations}>{t('programmePages.evaluations.title')}</BackLink>
      {notFound ? (
        <PageHeader title={t('errors.notFound')} />
      ) : (
        data.error !== null && <LoadError error={data.error} onRetry={() => void data.reload()} />
      )}
      {data.loading && !e && <Loading />}
      {e && (
        <>
          <PageHeader
            title={e.title}
            intro={`${t(`programmePages.evaluationKinds.${e.kind}`)} — ${e.intervention.name}`}
            actions={
              session.can('programme:work') && (
                <LinkButton to={editPath(paths.evaluations, e.id)} variant="secondary">
                  {t('programmePages.evaluation.edit')}
                </LinkButton>
              )
            }
          />
          <Flash />
          <Details
            className="schakel-details pg-details"
            rows={[
              {
                term: t('programmePages.evaluation.intervention'),
                value: (
                  <>
                    <Link className="ams-link" to={itemPath(paths.interventions, e.intervention.id)}>
                      {e.intervention.name}
                    </Link>
                  </>
                ),
              },
              { term: t('programmePages.evaluation.kind'), value: t(`programmePages.evaluationKinds.${e.kind}`) },
              { term: t('programmePages.evaluation.conductedOn'), value: formatDate(e.conductedOn) },
              {
                term: t('programmePages.evaluation.findings'),
                value: <TextBlock text={e.findings} />,
              },
            ]}
          />
          <Section id="evaluation-follow-up" title={t('programmePages.evaluation.followUpActions')}>
            {e.followUpActions.length === 0 ? (
              <Paragraph>{t('programmePages.evaluation.noFollowUp')}</Paragraph>
            ) : (
              <DataTable
                caption={t('programmePages.evaluation.followUpCaption')}
                captionHidden
                head={
                  <>
                    <Th>{t('programmePages.evaluation.action')}</Th>
                    <Th>{t('programmePages.evaluation.owner')}</Th>
                    <Th>{t('programmePages.evaluation.dueOn')}</Th>
                    <Th>{t('programmePages.evaluation.done')}</Th>
                  </>
                }
              >
                {e.followUpActions.map((a, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the actions have no id; their order is fixed
                  <Tr key={index}>
                    <Td>{a.text}</Td>
                    <Td>{a.owner ?? t('common.none')}</Td>
                    <Td>{a.dueOn ? formatDate(a.dueOn) : t('common.none')}</Td>
                    <Td>{a.done ? t('common.yes') : t('common.no')}</Td>
                  </Tr>
                ))}
              </DataTable>
            )}
          </Section>
        </>
      )}
    </ProgrammePage>
  );
}

interface ActionDraft {
  key: number;
  text: string;
  owner: string;
  dueOn: string;
  done: boolean;
}

let nextKey = 1;
const newAction = (a?: FollowUpAction): ActionDraft => ({
  key: nextKey++,
  text: a?.text ?? '',
  owner: a?.owner ?? '',
  dueOn: a?.dueOn ?? '',
  done: a?.done ?? false,
});

const FORM = 'evaluation';

export function EvaluationFormPage() {
  const { id } = useParams();
  const isNew = id === undefined;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const data = useLoad(async () => {
    const [interventions, evaluation] = await Promise.all([
      isNew ? allInterventions() : Promise.resolve([]),
      isNew ? Promise.resolve(null) : getEvaluation(id),
    ]);
    return { interventions, evaluation };
  }, [id]);
  const [interventionId, setInterventionId] = useState(() => params.get('interventionId') ?? '');
  const [kind, setKind] = useState<EvaluationKind | ''>('');
  const [title, setTitle] = useState('');
  const [conductedOn, setConductedOn] = useState('');
  const [findings, setFindings] = useState('');
  const [actions, setActions] = useState<ActionDraft[]>([]);
  const [version, setVersion] = useState(0);
  const { errors, fail, clear, focusSignal, busy, stale, setStale, save } = useSaveForm();

  const loaded = data.data?.evaluation ?? null;
  useEffect(() => {
    if (!loaded) return;
    setInterventionId(loaded.intervention.id);
    setKind(loaded.kind);
    setTitle(loaded.title);
    setConductedOn(loaded.conductedOn);
    setFindings(loaded.findings);
    setActions(loaded.followUpActions.map(newAction));
    setVersion(loaded.version);
    setStale(false);
  }, [loaded, setStale]);

  const label = (key: string) => t(`programmePages.evaluationForm.${key}`);
  const fields: FieldSpec[] = [
    ...['interventionId', 'kind', 'title', 'conductedOn', 'findings'].map((n) => ({
      name: n,
      id: fieldId(FORM, n),
      label: label(n === 'interventionId' ? 'intervention' : n),
    })),
    // Errors of the follow-up actions lead to the first action without a text (or the first action).
    {
      name: 'followUpActions',
      id: fieldId(FORM, `action-${(actions.find((a) => !a.text.trim()) ?? actions[0])?.key ?? 0}-text`),
      label: label('followUpActions'),
    },
  ];
  const spec = (n: string) => fields.find((f) => f.name === n) as FieldSpec;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (isNew) requireText(found, spec('interventionId'), interventionId, t, 'errors.requiredChoice');
    requireText(found, spec('kind'), kind, t, 'errors.requiredChoice');
    requireText(found, spec('title'), title, t);
    requireText(found, spec('conductedOn'), conductedOn, t);
    requireText(found, spec('findings'), findings, t);
    const emptyAction = actions.findIndex((a) => !a.text.trim());
    if (emptyAction >= 0) {
      found.followUpActions = t('errors.required', {
        label: `${label('actionText').toLowerCase()} (${t('programmePages.evaluationForm.followUpAction', { number: emptyAction + 1 }).toLowerCase()})`,
      });
    }
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    const followUpActions: FollowUpAction[] = actions.map((a) => ({
      text: a.text.trim(),
      owner: a.owner.trim() || null,
      dueOn: a.dueOn || null,
      done: a.done,
    }));
    const body = {
      kind: kind as EvaluationKind,
      title: title.trim(),
      conductedOn,
      findings: findings.trim(),
      followUpActions,
    };
    await save(
      async () => {
        const saved = isNew
          ? await createEvaluation({ ...body, interventionId })
          : await updateEvaluation(id, { ...body, version });
        clear();
        navigate(itemPath(paths.evaluations, saved.id), {
          state: {
            notice: isNew ? t('programmePages.evaluationForm.created', { title: saved.title }) : t('common.saved'),
          },
        });
      },
      (error) => programmeProblemToErrors(error, fields, t),
    );
  }

  const back = isNew ? paths.evaluations : itemPath(paths.evaluations, id);
  const pageTitle = isNew
    ? t('programmePages.evaluationForm.newTitle')
    : t('programmePages.evaluationForm.editTitle', { title: loaded?.title ?? '' });
  return (
    <ProgrammePage narrow>
      <BackLink to={back}>
        {isNew ? t('programmePages.evaluations.title') : (loaded?.title ?? t('common.back'))}
      </BackLink>
      <PageHeader title={pageTitle} intro={t('programmePages.evaluationForm.intro')} />
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
          {isNew ? (
            <SelectField
              spec={spec('interventionId')}
              required
              value={interventionId}
              onValue={setInterventionId}
              placeholder={t('common.choose')}
              options={[]}
              groups={interventionGroups(data.data.interventions, t)}
              error={errors.fields.interventionId}
            />
          ) : (
            <DescriptionList className="pg-details">
              <DescriptionList.Term>{label('intervention')}</DescriptionList.Term>
              <DescriptionList.Description>
                {loaded?.intervention.name} <span className="schakel-muted">({label('interventionFixed')})</span>
              </DescriptionList.Description>
            </DescriptionList>
          )}
          <RadioGroupField
            spec={spec('kind')}
            value={kind}
            onValue={(k) => setKind(k as EvaluationKind)}
            options={EVALUATION_KINDS.map((k) => ({ value: k, label: t(`programmePages.evaluationKinds.${k}`) }))}
            error={errors.fields.kind}
          />
          <TextField spec={spec('title')} required value={title} onValue={setTitle} error={errors.fields.title} />
          <TextField
            spec={spec('conductedOn')}
            required
            type="date"
            value={conductedOn}
            onValue={setConductedOn}
            error={errors.fields.conductedOn}
          />
          <TextAreaField
            spec={spec('findings')}
            required
            rows={8}
            value={findings}
            onValue={setFindings}
            error={errors.fields.findings}
          />
          <RepeatableFieldSet
            legend={label('followUpActions')}
            error={errors.fields.followUpActions}
            errorId={`${FORM}-followUpActions-error`}
            items={actions}
            setItems={setActions}
            create={() => newAction()}
            itemLegend={(index) => t('programmePages.evaluationForm.followUpAction', { number: index + 1 })}
            itemClassName="pg-repeat"
            removeLabel={(name) => t('programmePages.removeItem', { name })}
            addLabel={label('addAction')}
          >
            {(a, setAction) => {
              const s = (name: string, key: string): FieldSpec => ({
                name,
                id: fieldId(FORM, `action-${a.key}-${name}`),
                label: label(key),
              });
              return (
                <>
                  <TextAreaField
                    spec={s('text', 'actionText')}
                    required
                    rows={2}
                    value={a.text}
                    onValue={(text) => setAction({ text })}
                  />
                  <TextField
                    spec={s('owner', 'owner')}
                    optional
                    value={a.owner}
                    onValue={(owner) => setAction({ owner })}
                  />
                  <TextField
                    spec={s('dueOn', 'dueOn')}
                    optional
                    type="date"
                    value={a.dueOn}
                    onValue={(dueOn) => setAction({ dueOn })}
                  />
                  <CheckboxField spec={s('done', 'done')} checked={a.done} onChecked={(done) => setAction({ done })} />
                </>
              );
            }}
          </RepeatableFieldSet>
        </FormShell>
      )}
    </ProgrammePage>
  );
}
