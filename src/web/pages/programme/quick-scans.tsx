/** Quick scans and analyses: phenomenon-level studies with findings and recommended actions. */

import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import {
  createQuickScan,
  getQuickScan,
  listQuickScans,
  QUICK_SCAN_STATUSES,
  type QuickScanInput,
  type QuickScanStatus,
  RECOMMENDATION_STATUSES,
  type RecommendationStatus,
  type RecommendedAction,
  updateQuickScan,
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
import { editPath, ProgrammePage, programmeProblemToErrors, Section, TextBlock } from './shared.js';

const PAGE_SIZE = 50;
const STATUSES = QUICK_SCAN_STATUSES;

export function QuickScansPage() {
  const { t } = useTranslation();
  const session = useSession();
  const canWork = session.can('programme:work');
  const filters = useFilterParams(['q', 'status'] as const);
  const { q, status } = filters.applied;
  const { draft } = filters;
  const list = usePagedList(
    (cursor) =>
      listQuickScans({
        q: q || undefined,
        status: (status || undefined) as QuickScanStatus | undefined,
        limit: PAGE_SIZE,
        cursor,
      }),
    [q, status],
  );

  const qSpec: FieldSpec = { name: 'q', id: fieldId('qs-filter', 'q'), label: t('programmePages.quickScans.search') };
  const statusSpec: FieldSpec = {
    name: 'status',
    id: fieldId('qs-filter', 'status'),
    label: t('programmePages.quickScans.status'),
  };
  return (
    <ProgrammePage>
      <PageHeader
        title={t('programmePages.quickScans.title')}
        intro={t('programmePages.quickScans.intro')}
        actions={
          canWork && <LinkButton to={newPath(paths.quickScans)}>{t('programmePages.quickScans.new')}</LinkButton>
        }
      />
      <Flash />
      <FilterForm
        label={t('programmePages.quickScans.filters')}
        submitLabel={t('programmePages.quickScans.submit')}
        onSubmit={filters.apply}
      >
        <TextField
          spec={qSpec}
          hint={t('programmePages.quickScans.searchHint')}
          value={draft.q}
          onValue={filters.setDraftValue('q')}
          autoComplete="off"
        />
        <SelectField
          spec={statusSpec}
          value={draft.status}
          onValue={filters.setDraftValue('status')}
          placeholder={t('programmePages.quickScans.allStatuses')}
          options={STATUSES.map((s) => ({ value: s, label: t(`programmePages.quickScanStatuses.${s}`) }))}
        />
      </FilterForm>
      <PagedListView list={list} empty={t('programmePages.quickScans.none')}>
        {(items) => (
          <DataTable
            caption={t('programmePages.quickScans.caption')}
            captionHidden
            head={
              <>
                <Th>{t('programmePages.quickScans.scan')}</Th>
                <Th>{t('programmePages.quickScans.theme')}</Th>
                <Th>{t('programmePages.quickScans.area')}</Th>
                <Th>{t('programmePages.quickScans.status')}</Th>
                <Th>{t('programmePages.quickScans.completedOn')}</Th>
              </>
            }
          >
            {items.map((s) => (
              <Tr key={s.id}>
                <Td>
                  <Link className="ams-link" to={itemPath(paths.quickScans, s.id)}>
                    {s.title}
                  </Link>
                </Td>
                <Td>{s.theme}</Td>
                <Td>{s.area}</Td>
                <Td>{t(`programmePages.quickScanStatuses.${s.status}`)}</Td>
                <Td>{s.completedOn ? formatDate(s.completedOn) : t('common.none')}</Td>
              </Tr>
            ))}
          </DataTable>
        )}
      </PagedListView>
    </ProgrammePage>
  );
}

export function QuickScanPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const data = useLoad(() => getQuickScan(id), [id]);
  const s = data.data;
  const notFound = data.error instanceof ApiError && data.error.status === 404;
  const term = (key: string) => t(`programmePages.quickScan.${key}`);
  return (
    <ProgrammePage>
      <BackLink to={paths.quickScans}>{t('programmePages.quickScans.title')}</BackLink>
      {notFound ? (
        <PageHeader title={t('errors.notFound')} />
      ) : (
        data.error !== null && <LoadError error={data.error} onRetry={() => void data.reload()} />
      )}
      {data.loading && !s && <Loading />}
      {s && (
        <>
          <PageHeader
            title={s.title}
            intro={`${s.theme} — ${s.area}`}
            actions={
              session.can('programme:work') && (
                <LinkButton to={editPath(paths.quickScans, s.id)} variant="secondary">
                  {term('edit')}
                </LinkButton>
              )
            }
          />
          <Flash />
          <Details
            className="schakel-details pg-details"
            rows={[
              { term: term('theme'), value: s.theme },
              { term: term('area'), value: s.area },
              { term: term('commissioner'), value: s.commissioner },
              { term: term('researcher'), value: s.researcher },
              { term: term('status'), value: t(`programmePages.quickScanStatuses.${s.status}`) },
              { term: term('startedOn'), value: s.startedOn ? formatDate(s.startedOn) : t('common.none') },
              { term: term('completedOn'), value: s.completedOn ? formatDate(s.completedOn) : t('common.none') },
              { term: term('findings'), value: s.findings ? <TextBlock text={s.findings} /> : term('noFindings') },
            ]}
          />
          <Section id="quick-scan-actions" title={term('recommendedActions')}>
            {s.recommendedActions.length === 0 ? (
              <Paragraph>{term('noActions')}</Paragraph>
            ) : (
              <DataTable
                caption={term('actionsCaption')}
                captionHidden
                head={
                  <>
                    <Th>{term('action')}</Th>
                    <Th>{term('actionStatus')}</Th>
                  </>
                }
              >
                {s.recommendedActions.map((a, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the actions have no id; their order is fixed
                  <Tr key={index}>
                    <Td>{a.text}</Td>
                    <Td>{t(`programmePages.recommendationStatuses.${a.status}`)}</Td>
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
  status: RecommendationStatus;
}

let nextKey = 1;
const newAction = (a?: RecommendedAction): ActionDraft => ({
  key: nextKey++,
  text: a?.text ?? '',
  status: a?.status ?? 'open',
});

const FORM = 'quick-scan';

export function QuickScanFormPage() {
  const { id } = useParams();
  const isNew = id === undefined;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const data = useLoad(() => (isNew ? Promise.resolve(null) : getQuickScan(id)), [id]);
  const [form, setForm] = useState({
    title: '',
    theme: '',
    area: '',
    commissioner: '',
    researcher: '',
    status: 'planned' as QuickScanStatus,
    startedOn: '',
    completedOn: '',
    findings: '',
  });
  const [actions, setActions] = useState<ActionDraft[]>([]);
  const [version, setVersion] = useState(0);
  const { errors, fail, clear, focusSignal, busy, stale, setStale, save } = useSaveForm();

  const loaded = data.data;
  useEffect(() => {
    if (!loaded) return;
    setForm({
      title: loaded.title,
      theme: loaded.theme,
      area: loaded.area,
      commissioner: loaded.commissioner,
      researcher: loaded.researcher,
      status: loaded.status,
      startedOn: loaded.startedOn ?? '',
      completedOn: loaded.completedOn ?? '',
      findings: loaded.findings ?? '',
    });
    setActions(loaded.recommendedActions.map(newAction));
    setVersion(loaded.version);
    setStale(false);
  }, [loaded, setStale]);

  const label = (key: string) => t(`programmePages.quickScanForm.${key}`);
  const fields: FieldSpec[] = [
    ...['title', 'theme', 'area', 'commissioner', 'researcher', 'status', 'startedOn', 'completedOn', 'findings'].map(
      (n) => ({ name: n, id: fieldId(FORM, n), label: label(n) }),
    ),
    {
      name: 'recommendedActions',
      id: fieldId(FORM, `action-${(actions.find((a) => !a.text.trim()) ?? actions[0])?.key ?? 0}-text`),
      label: label('recommendedActions'),
    },
  ];
  const spec = (n: string) => fields.find((f) => f.name === n) as FieldSpec;
  const set = (name: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [name]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    for (const name of ['title', 'theme', 'area', 'commissioner', 'researcher'] as const) {
      requireText(found, spec(name), form[name], t);
    }
    if (form.status === 'completed' && !form.completedOn) found.completedOn = label('completedNeedsDate');
    if (form.status !== 'completed' && form.completedOn) found.completedOn = label('onlyCompletedHasDate');
    if (form.startedOn && form.completedOn && form.completedOn < form.startedOn) {
      found.completedOn = label('completedBeforeStart');
    }
    const emptyAction = actions.findIndex((a) => !a.text.trim());
    if (emptyAction >= 0) {
      found.recommendedActions = t('errors.required', {
        label: `${label('actionText').toLowerCase()} (${t('programmePages.quickScanForm.recommendedAction', { number: emptyAction + 1 }).toLowerCase()})`,
      });
    }
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    const body: QuickScanInput = {
      title: form.title.trim(),
      theme: form.theme.trim(),
      area: form.area.trim(),
      commissioner: form.commissioner.trim(),
      researcher: form.researcher.trim(),
      status: form.status,
      startedOn: form.startedOn || null,
      completedOn: form.completedOn || null,
      findings: form.findings.trim() || null,
      recommendedActions: actions.map((a) => ({ text: a.text.trim(), status: a.status })),
    };
    await save(
      async () => {
        const saved = isNew ? await createQuickScan(body) : await updateQuickScan(id, { ...body, version });
        clear();
        navigate(itemPath(paths.quickScans, saved.id), {
          state: {
            notice: isNew ? t('programmePages.quickScanForm.created', { title: saved.title }) : t('common.saved'),
          },
        });
      },
      (error) => programmeProblemToErrors(error, fields, t),
    );
  }

  const back = isNew ? paths.quickScans : itemPath(paths.quickScans, id);
  const pageTitle = isNew
    ? label('newTitle')
    : t('programmePages.quickScanForm.editTitle', { title: loaded?.title ?? '' });
  return (
    <ProgrammePage narrow>
      <BackLink to={back}>
        {isNew ? t('programmePages.quickScans.title') : (loaded?.title ?? t('common.back'))}
      </BackLink>
      <PageHeader title={pageTitle} intro={label('intro')} />
      {data.error !== null && <LoadError error={data.error} onRetry={() => void data.reload()} />}
      {data.loading && !isNew && !loaded && <Loading />}
      {(isNew || loaded) && (
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
          <TextField
            spec={spec('title')}
            required
            value={form.title}
            onValue={set('title')}
            error={errors.fields.title}
          />
          <TextField
            spec={spec('theme')}
            required
            hint={label('themeHint')}
            value={form.theme}
            onValue={set('theme')}
            error={errors.fields.theme}
          />
          <TextField
            spec={spec('area')}
            required
            hint={label('areaHint')}
            value={form.area}
            onValue={set('area')}
            error={errors.fields.area}
          />
          <TextField
            spec={spec('commissioner')}
            required
            value={form.commissioner}
            onValue={set('commissioner')}
            error={errors.fields.commissioner}
          />
          <TextField
            spec={spec('researcher')}
            required
            value={form.researcher}
            onValue={set('researcher')}
            error={errors.fields.researcher}
          />
          <RadioGroupField
            spec={spec('status')}
            value={form.status}
            onValue={set('status')}
            options={STATUSES.map((s) => ({ value: s, label: t(`programmePages.quickScanStatuses.${s}`) }))}
            error={errors.fields.status}
          />
          <TextField
            spec={spec('startedOn')}
            optional
            type="date"
            value={form.startedOn}
            onValue={set('startedOn')}
            error={errors.fields.startedOn}
          />
          <TextField
            spec={spec('completedOn')}
            optional
            hint={label('completedOnHint')}
            type="date"
            value={form.completedOn}
            onValue={set('completedOn')}
            error={errors.fields.completedOn}
          />
          <TextAreaField
            spec={spec('findings')}
            optional
            hint={label('findingsHint')}
            rows={8}
            value={form.findings}
            onValue={set('findings')}
            error={errors.fields.findings}
          />
          <RepeatableFieldSet
            legend={label('recommendedActions')}
            error={errors.fields.recommendedActions}
            errorId={`${FORM}-recommendedActions-error`}
            items={actions}
            setItems={setActions}
            create={() => newAction()}
            itemLegend={(index) => t('programmePages.quickScanForm.recommendedAction', { number: index + 1 })}
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
                  <SelectField
                    spec={s('status', 'actionStatus')}
                    value={a.status}
                    onValue={(v) => setAction({ status: v as RecommendationStatus })}
                    options={RECOMMENDATION_STATUSES.map((r) => ({
                      value: r,
                      label: t(`programmePages.recommendationStatuses.${r}`),
                    }))}
                  />
                </>
              );
            }}
          </RepeatableFieldSet>
        </FormShell>
      )}
    </ProgrammePage>
  );
}
