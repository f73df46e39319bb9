/**
 * Anomaly views of the access log for the privacy officer (issue 4 part 1): reads outside office hours
 * (Mon–Fri 07:00–19:00 Europe/Amsterdam), staff members who read many persons in one day, and
 * break-the-glass use. The view and period live in the address.
 */
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ANOMALY_KINDS, type Anomaly, type AnomalyKind, listAnomalies } from '../../api/privacy.js';
import { Button, Paragraph } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  FormActions,
  RadioGroupField,
  TextField,
  useFormErrors,
} from '../../components/form.js';
import { formFields } from '../../components/form-shell.js';
import { LoadMoreButton } from '../../components/list-page.js';
import { BackLink, DataTable, LoadError, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { endOfDayIso, formatDate, formatDateTime, formatNumber, startOfDayIso } from '../../lib/format.js';
import { paths } from '../../paths.js';
import { logLabel } from '../access-log.js';

const DEFAULT_THRESHOLD = 25;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface View {
  kind: AnomalyKind;
  from: string;
  to: string;
  threshold: string;
}

function viewOf(params: URLSearchParams): View {
  const kind = params.get('soort') ?? '';
  return {
    kind: (ANOMALY_KINDS as readonly string[]).includes(kind) ? (kind as AnomalyKind) : 'outside-office-hours',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    threshold: params.get('threshold') ?? String(DEFAULT_THRESHOLD),
  };
}

export function AnomaliesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => viewOf(params), [params]);
  const [draft, setDraft] = useState<View>(view);
  const [items, setItems] = useState<Anomaly[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const { errors, fail, clear, focusSignal } = useFormErrors();

  useEffect(() => setDraft(view), [view]);

  const { fields, spec } = formFields('anomalies', {
    kind: t('privacyPages.anomalies.kind'),
    from: t('accessLog.from'),
    to: t('accessLog.to'),
    threshold: t('privacyPages.anomalies.threshold'),
  });

  const query = useMemo(
    () => ({
      kind: view.kind,
      ...(DATE.test(view.from) ? { from: startOfDayIso(view.from) } : {}),
      ...(DATE.test(view.to) ? { to: endOfDayIso(view.to) } : {}),
      ...(view.kind === 'many-persons' && /^\d+$/.test(view.threshold) ? { threshold: Number(view.threshold) } : {}),
      limit: 50,
    }),
    [view],
  );

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setError(null);
    listAnomalies(query)
      .then((page) => {
        if (cancelled) return;
        setItems(page.items);
        setCursor(page.nextCursor);
      })
      .catch((e: unknown) => !cancelled && setError(e))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [query]);

  async function more() {
    if (!cursor) return;
    try {
      const page = await listAnomalies({ ...query, cursor });
      setItems((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (draft.from && draft.to && draft.to < draft.from) found.to = t('accessLog.dateOrder');
    const n = Number(draft.threshold);
    if (draft.kind === 'many-persons' && (!/^\d+$/.test(draft.threshold) || n < 1 || n > 10000)) {
      found.threshold = t('privacyPages.anomalies.thresholdRange');
    }
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    clear();
    const next: Record<string, string> = { soort: draft.kind };
    if (draft.from) next.from = draft.from;
    if (draft.to) next.to = draft.to;
    if (draft.kind === 'many-persons') next.threshold = draft.threshold;
    setParams(next);
  }

  const caption = t(`privacyPages.anomalies.captions.${view.kind}`);
  return (
    <>
      <BackLink to={paths.accessLog}>{t('accessLog.title')}</BackLink>
      <PageHeader title={t('privacyPages.anomalies.title')} intro={t('privacyPages.anomalies.intro')} />
      <form
        className="schakel-form schakel-filters"
        noValidate
        onSubmit={submit}
        aria-label={t('privacyPages.anomalies.form')}
      >
        <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
        <div className="pv-wide">
          <RadioGroupField
            spec={spec('kind')}
            value={draft.kind}
            onValue={(kind) => setDraft((d) => ({ ...d, kind: kind as AnomalyKind }))}
            options={ANOMALY_KINDS.map((k) => ({
              value: k,
              label: t(`privacyPages.anomalies.kinds.${k}`),
              hint: t(`privacyPages.anomalies.kindHints.${k}`),
            }))}
          />
        </div>
        <TextField
          spec={spec('from')}
          type="date"
          value={draft.from}
          onValue={(from) => setDraft((d) => ({ ...d, from }))}
          error={errors.fields.from}
        />
        <TextField
          spec={spec('to')}
          type="date"
          value={draft.to}
          onValue={(to) => setDraft((d) => ({ ...d, to }))}
          error={errors.fields.to}
        />
        {draft.kind === 'many-persons' && (
          <TextField
            spec={spec('threshold')}
            inputMode="numeric"
            hint={t('privacyPages.anomalies.thresholdHint')}
            value={draft.threshold}
            onValue={(threshold) => setDraft((d) => ({ ...d, threshold }))}
            error={errors.fields.threshold}
          />
        )}
        <FormActions>
          <Button type="submit">{t('privacyPages.anomalies.show')}</Button>
        </FormActions>
      </form>
      {error !== null && <LoadError error={error} />}
      {loading && <Loading />}
      {!loading && error === null && items.length === 0 && (
        <Paragraph>{t(`privacyPages.anomalies.empty.${view.kind}`)}</Paragraph>
      )}
      {!loading && items.length > 0 && view.kind === 'many-persons' && (
        <DataTable
          caption={caption}
          head={
            <>
              <Th>{t('privacyPages.anomalies.day')}</Th>
              <Th>{t('accessLog.actor')}</Th>
              <Th align="end">{t('privacyPages.anomalies.persons')}</Th>
              <Th>{t('privacyPages.anomalies.details')}</Th>
            </>
          }
        >
          {items.map((a) => (
            <Tr key={`${a.actorUserId}-${a.activeOn}`}>
              <Td>{a.activeOn ? formatDate(a.activeOn) : ''}</Td>
              <Td>{a.actorName ?? t('accessLog.system')}</Td>
              <Td align="end">{formatNumber(a.distinctPersons ?? 0)}</Td>
              <Td>
                {a.actorUserId && a.activeOn && (
                  <Link
                    className="ams-link"
                    to={`${paths.accessLog}?${new URLSearchParams({
                      actorUserId: a.actorUserId,
                      action: 'read',
                      from: a.activeOn,
                      to: a.activeOn,
                    }).toString()}`}
                  >
                    {t('privacyPages.anomalies.showEntries')}
                    <span className="schakel-visually-hidden">
                      {' '}
                      {t('privacyPages.anomalies.ofUserOnDay', {
                        user: a.actorName ?? '',
                        day: formatDate(a.activeOn),
                      })}
                    </span>
                  </Link>
                )}
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}
      {!loading && items.length > 0 && view.kind === 'refusals' && (
        <DataTable
          caption={caption}
          head={
            <>
              <Th>{t('privacyPages.anomalies.day')}</Th>
              <Th>{t('accessLog.actor')}</Th>
              <Th align="end">{t('privacyPages.anomalies.refusals')}</Th>
              <Th>{t('privacyPages.anomalies.refusedRoutes')}</Th>
            </>
          }
        >
          {items.map((a) => (
            <Tr key={`${a.actorUserId}-${a.activeOn}`}>
              <Td>{a.activeOn ? formatDate(a.activeOn) : ''}</Td>
              <Td>{a.actorName ?? t('accessLog.system')}</Td>
              <Td align="end">{formatNumber(a.refusals ?? 0)}</Td>
              <Td>
                {(a.refusedRoutes ?? []).map((r) => (
                  <code key={r} className="schakel-route">
                    {r}
                  </code>
                ))}
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}
      {!loading && items.length > 0 && view.kind !== 'many-persons' && view.kind !== 'refusals' && (
        <DataTable
          caption={caption}
          head={
            <>
              <Th>{t('accessLog.occurredAt')}</Th>
              <Th>{t('accessLog.actor')}</Th>
              <Th>{t('accessLog.action')}</Th>
              <Th>{t('accessLog.record')}</Th>
              <Th>{t('accessLog.purpose')}</Th>
            </>
          }
        >
          {items.map((a) =>
            a.entry ? (
              <Tr key={a.entry.id}>
                <Td>
                  <span className="schakel-nowrap">{formatDateTime(a.entry.occurredAt)}</span>
                </Td>
                <Td>{a.actorName ?? t('accessLog.system')}</Td>
                <Td>{logLabel('actions', a.entry.action)}</Td>
                <Td>
                  {logLabel('recordTypes', a.entry.recordType)}
                  {a.entry.recordId && <span className="schakel-id"> {a.entry.recordId.slice(0, 8)}…</span>}
                </Td>
                <Td>{logLabel('purposes', a.entry.purposeType)}</Td>
              </Tr>
            ) : null,
          )}
        </DataTable>
      )}
      {!loading && <LoadMoreButton hasMore={cursor !== null} loadMore={more} />}
      {view.kind === 'break-glass' && (
        <Paragraph>
          <Link className="ams-link" to={paths.breakGlassReview}>
            {t('privacyPages.anomalies.toReview')}
          </Link>
        </Paragraph>
      )}
    </>
  );
}
