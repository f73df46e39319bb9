/** Evaluations of interventions (plan, process, effect) with findings and follow-up actions. */

import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import {
  allInterventions,
  createEvaluation,
  EVALUATION_KINDS,
  type Evaluation,
  type EvaluationKind,
  type FollowUpAction,
  getEvaluation,
  listEvaluations,
  updateEvaluation,
} from '../../api/programme.js';
import { useSession } from '../../auth/session.js';
import { Button, DescriptionList, ErrorMessage, FieldSet, Paragraph } from '../../components/ams.js';
import {
  CheckboxField,
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
import { BackLink, DataTable, Flash, LinkButton, LoadError, PageHeader, Td, Th, Tr } from '../../components/page.js';
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
  const [params, setParams] = useSearchParams();
  const interventionId = params.get('interventionId') ?? '';
  const kind = params.get('kind') ?? '';
  const [draft, setDraft] = useState({ interventionId, kind });
  useEffect(() => setDraft({ interventionId, kind }), [interventionId, kind]);
  const catalogue = useLoad(() => allInterventions({ includeInactive: 'true' }), []);
  const [extra, setExtra] = useState<{ items: Evaluation[]; cursor: string | null }>({ items: [], cursor: null });
  const [loadingMore, setLoadingMore] = useState(false);
  const query = {
    interventionId: interventionId || undefined,
    kind: (kind || undefined) as EvaluationKind | undefined,
    limit: PAGE_SIZE,
  };
  const data = useLoad(async () => {
    const page = await listEvaluations(query);
    setExtra({ items: [], cursor: page.nextCursor });
    return page.items;
  }, [interventionId, kind]);
  const items = [...(data.data ?? []), ...extra.items];

  async function more() {
    if (!extra.cursor) return;
    setLoadingMore(true);
    try {
      const page = await listEvaluations({ ...query, cursor: extra.cursor });
      setExtra((e) => ({ items: [...e.items, ...page.items], cursor: page.nextCursor }));
    } finally {
      setLoadingMore(false);
    }
  }

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
      <form
        className="schakel-form schakel-filters"
        noValidate
        aria-label={t('programmePages.evaluations.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          const next = new URLSearchParams();
          if (draft.interventionId) next.set('interventionId', draft.interventionId);
          if (draft.kind) next.set('kind', draft.kind);
          setParams(next);
        }}
      >
        <SelectField
          spec={fields[0] as FieldSpec}
          value={draft.interventionId}
          onValue={(v) => setDraft((d) => ({ ...d, interventionId: v }))}
          placeholder={t('programmePages.evaluations.allInterventions')}
          options={[]}
          groups={interventionGroups(catalogue.data ?? [], t)}
        />
        <SelectField
          spec={fields[1] as FieldSpec}
          value={draft.kind}
          onValue={(v) => setDraft((d) => ({ ...d, kind: v }))}
          placeholder={t('programmePages.evaluations.allKinds')}
          options={EVALUATION_KINDS.map((k) => ({ value: k, label: t(`programmePages.evaluationKinds.${k}`) }))}
        />
        <FormActions>
          <Button type="submit">{t('programmePages.evaluations.submit')}</Button>
        </FormActions>
      </form>
      {data.error !== null && <LoadError error={data.error} onRetry={() => void data.reload()} />}
      {data.loading && !data.data && <Loading />}
      {data.data && items.length === 0 && <Paragraph>{t('programmePages.evaluations.none')}</Paragraph>}
      {items.length > 0 && (
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
      {extra.cursor && (
        <p className="schakel-more">
          <Button variant="secondary" onClick={() => void more()} disabled={loadingMore}>
            {loadingMore ? t('common.loadingMore') : t('common.loadMore')}
          </Button>
        </p>
      )}
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
          <DescriptionList className="schakel-details pg-details">
            <DescriptionList.Term>{t('programmePages.evaluation.intervention')}</DescriptionList.Term>
            <DescriptionList.Description>
              <Link className="ams-link" to={itemPath(paths.interventions, e.intervention.id)}>
                {e.intervention.name}
              </Link>
            </DescriptionList.Description>
            <DescriptionList.Term>{t('programmePages.evaluation.kind')}</DescriptionList.Term>
            <DescriptionList.Description>{t(`programmePages.evaluationKinds.${e.kind}`)}</DescriptionList.Description>
            <DescriptionList.Term>{t('programmePages.evaluation.conductedOn')}</DescriptionList.Term>
            <DescriptionList.Description>{formatDate(e.conductedOn)}</DescriptionList.Description>
            <DescriptionList.Term>{t('programmePages.evaluation.findings')}</DescriptionList.Term>
            <DescriptionList.Description>
              <TextBlock text={e.findings} />
            </DescriptionList.Description>
          </DescriptionList>
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
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();

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
  }, [loaded]);

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

  function setAction(key: number, change: Partial<ActionDraft>) {
    setActions((list) => list.map((a) => (a.key === key ? { ...a, ...change } : a)));
  }

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
    setBusy(true);
    try {
      const saved = isNew
        ? await createEvaluation({ ...body, interventionId })
        : await updateEvaluation(id, { ...body, version });
      clear();
      navigate(itemPath(paths.evaluations, saved.id), {
        state: {
          notice: isNew ? t('programmePages.evaluationForm.created', { title: saved.title }) : t('common.saved'),
        },
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') setStale(true);
      fail(programmeProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
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
        <form className="schakel-form" noValidate onSubmit={submit}>
          <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
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
          <FieldSet legend={label('followUpActions')} invalid={Boolean(errors.fields.followUpActions)}>
            {errors.fields.followUpActions && (
              <ErrorMessage id={`${FORM}-followUpActions-error`}>{errors.fields.followUpActions}</ErrorMessage>
            )}
            {actions.map((a, index) => {
              const number = index + 1;
              const legend = t('programmePages.evaluationForm.followUpAction', { number });
              const s = (name: string, key: string): FieldSpec => ({
                name,
                id: fieldId(FORM, `action-${a.key}-${name}`),
                label: label(key),
              });
              return (
                <FieldSet key={a.key} legend={legend} className="pg-repeat">
                  <TextAreaField
                    spec={s('text', 'actionText')}
                    required
                    rows={2}
                    value={a.text}
                    onValue={(text) => setAction(a.key, { text })}
                  />
                  <TextField
                    spec={s('owner', 'owner')}
                    optional
                    value={a.owner}
                    onValue={(owner) => setAction(a.key, { owner })}
                  />
                  <TextField
                    spec={s('dueOn', 'dueOn')}
                    optional
                    type="date"
                    value={a.dueOn}
                    onValue={(dueOn) => setAction(a.key, { dueOn })}
                  />
                  <CheckboxField
                    spec={s('done', 'done')}
                    checked={a.done}
                    onChecked={(done) => setAction(a.key, { done })}
                  />
                  <p>
                    <Button
                      type="button"
                      variant="tertiary"
                      onClick={() => setActions((list) => list.filter((x) => x.key !== a.key))}
                    >
                      {t('programmePages.removeItem', { name: legend })}
                    </Button>
                  </p>
                </FieldSet>
              );
            })}
            <p>
              <Button type="button" variant="secondary" onClick={() => setActions((list) => [...list, newAction()])}>
                {label('addAction')}
              </Button>
            </p>
          </FieldSet>
          <FormActions>
            <Button type="submit" disabled={busy}>
              {isNew ? t('common.create') : t('common.save')}
            </Button>
            <LinkButton to={back} variant="tertiary">
              {t('common.cancel')}
            </LinkButton>
          </FormActions>
        </form>
      )}
    </ProgrammePage>
  );
}
