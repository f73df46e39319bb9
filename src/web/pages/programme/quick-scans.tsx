/** Quick scans and analyses: phenomenon-level studies with findings and recommended actions. */

import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import {
  createQuickScan,
  getQuickScan,
  listQuickScans,
  QUICK_SCAN_STATUSES,
  type QuickScan,
  type QuickScanInput,
  type QuickScanStatus,
  RECOMMENDATION_STATUSES,
  type RecommendationStatus,
  type RecommendedAction,
  updateQuickScan,
} from '../../api/programme.js';
import { useSession } from '../../auth/session.js';
import { Button, DescriptionList, ErrorMessage, FieldSet, Paragraph } from '../../components/ams.js';
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
import { BackLink, DataTable, Flash, LinkButton, LoadError, PageHeader, Td, Th, Tr } from '../../components/page.js';
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
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const [draft, setDraft] = useState({ q, status });
  useEffect(() => setDraft({ q, status }), [q, status]);
  const [extra, setExtra] = useState<{ items: QuickScan[]; cursor: string | null }>({ items: [], cursor: null });
  const [loadingMore, setLoadingMore] = useState(false);
  const query = {
    q: q || undefined,
    status: (status || undefined) as QuickScanStatus | undefined,
    limit: PAGE_SIZE,
  };
  const data = useLoad(async () => {
    const page = await listQuickScans(query);
    setExtra({ items: [], cursor: page.nextCursor });
    return page.items;
  }, [q, status]);
  const items = [...(data.data ?? []), ...extra.items];

  async function more() {
    if (!extra.cursor) return;
    setLoadingMore(true);
    try {
      const page = await listQuickScans({ ...query, cursor: extra.cursor });
      setExtra((e) => ({ items: [...e.items, ...page.items], cursor: page.nextCursor }));
    } finally {
      setLoadingMore(false);
    }
  }

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
      <form
        className="schakel-form schakel-filters"
        noValidate
        aria-label={t('programmePages.quickScans.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          const next = new URLSearchParams();
          if (draft.q.trim()) next.set('q', draft.q.trim());
          if (draft.status) next.set('status', draft.status);
          setParams(next);
        }}
      >
        <TextField
          spec={qSpec}
          hint={t('programmePages.quickScans.searchHint')}
          value={draft.q}
          onValue={(v) => setDraft((d) => ({ ...d, q: v }))}
          autoComplete="off"
        />
        <SelectField
          spec={statusSpec}
          value={draft.status}
          onValue={(v) => setDraft((d) => ({ ...d, status: v }))}
          placeholder={t('programmePages.quickScans.allStatuses')}
          options={STATUSES.map((s) => ({ value: s, label: t(`programmePages.quickScanStatuses.${s}`) }))}
        />
        <FormActions>
          <Button type="submit">{t('programmePages.quickScans.submit')}</Button>
        </FormActions>
      </form>
      {data.error !== null && <LoadError error={data.error} onRetry={() => void data.reload()} />}
      {data.loading && !data.data && <Loading />}
      {data.data && items.length === 0 && <Paragraph>{t('programmePages.quickScans.none')}</Paragraph>}
      {items.length > 0 && (
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
          <DescriptionList className="schakel-details pg-details">
            <DescriptionList.Term>{term('theme')}</DescriptionList.Term>
            <DescriptionList.Description>{s.theme}</DescriptionList.Description>
            <DescriptionList.Term>{term('area')}</DescriptionList.Term>
            <DescriptionList.Description>{s.area}</DescriptionList.Description>
            <DescriptionList.Term>{term('commissioner')}</DescriptionList.Term>
            <DescriptionList.Description>{s.commissioner}</DescriptionList.Description>
            <DescriptionList.Term>{term('researcher')}</DescriptionList.Term>
            <DescriptionList.Description>{s.researcher}</DescriptionList.Description>
            <DescriptionList.Term>{term('status')}</DescriptionList.Term>
            <DescriptionList.Description>
              {t(`programmePages.quickScanStatuses.${s.status}`)}
            </DescriptionList.Description>
            <DescriptionList.Term>{term('startedOn')}</DescriptionList.Term>
            <DescriptionList.Description>
              {s.startedOn ? formatDate(s.startedOn) : t('common.none')}
            </DescriptionList.Description>
            <DescriptionList.Term>{term('completedOn')}</DescriptionList.Term>
            <DescriptionList.Description>
              {s.completedOn ? formatDate(s.completedOn) : t('common.none')}
            </DescriptionList.Description>
            <DescriptionList.Term>{term('findings')}</DescriptionList.Term>
            <DescriptionList.Description>
              {s.findings ? <TextBlock text={s.findings} /> : term('noFindings')}
            </DescriptionList.Description>
          </DescriptionList>
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
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();

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
  }, [loaded]);

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

  function setAction(key: number, change: Partial<ActionDraft>) {
    setActions((list) => list.map((a) => (a.key === key ? { ...a, ...change } : a)));
  }

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
    setBusy(true);
    try {
      const saved = isNew ? await createQuickScan(body) : await updateQuickScan(id, { ...body, version });
      clear();
      navigate(itemPath(paths.quickScans, saved.id), {
        state: {
          notice: isNew ? t('programmePages.quickScanForm.created', { title: saved.title }) : t('common.saved'),
        },
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') setStale(true);
      fail(programmeProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
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
          <FieldSet legend={label('recommendedActions')} invalid={Boolean(errors.fields.recommendedActions)}>
            {errors.fields.recommendedActions && (
              <ErrorMessage id={`${FORM}-recommendedActions-error`}>{errors.fields.recommendedActions}</ErrorMessage>
            )}
            {actions.map((a, index) => {
              const legend = t('programmePages.quickScanForm.recommendedAction', { number: index + 1 });
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
                  <SelectField
                    spec={s('status', 'actionStatus')}
                    value={a.status}
                    onValue={(v) => setAction(a.key, { status: v as RecommendationStatus })}
                    options={RECOMMENDATION_STATUSES.map((r) => ({
                      value: r,
                      label: t(`programmePages.recommendationStatuses.${r}`),
                    }))}
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
