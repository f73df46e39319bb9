/**
 * The access log for the privacy officer (PRODUCT.md §4, issue 4 part 1): search by data subject,
 * staff member, organisation, case, action and period (the filters live in the address, so other
 * privacy pages can link to "who saw this person"), export the result as CSV, and see and renew the
 * verification of the log's hash chain. The anomaly views are on their own page.
 */
import i18next from 'i18next';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { listOrganisations, listUsers } from '../api/endpoints.js';
import {
  type AccessLogEntry,
  type AccessLogFilters,
  listAccessLogEntries,
  listVerifications,
  startAccessLogExport,
  type Verification,
  verifyAccessLog,
} from '../api/privacy.js';
import { ACCESS_ACTIONS, type AccessAction, type Organisation, type User } from '../api/types.js';
import { useSession } from '../auth/session.js';
import { Badge, Button, Heading, Paragraph } from '../components/ams.js';
import { ExportPanel } from '../components/export-panel.js';
import {
  ErrorSummary,
  type FieldErrors,
  FormActions,
  problemToErrors,
  SelectField,
  TextField,
  useFormErrors,
} from '../components/form.js';
import { formFields } from '../components/form-shell.js';
import { LoadMoreButton } from '../components/list-page.js';
import { DataTable, LoadError, PageHeader, Td, Th, Tr } from '../components/page.js';
import { Loading } from '../components/shell.js';
import { endOfDayIso, formatDateTime, formatNumber, sortBy, startOfDayIso } from '../lib/format.js';
import { useLoad } from '../lib/use-load.js';
import { paths } from '../paths.js';

const PAGE_SIZE = 50;
/** The anomaly views (outside office hours, many persons, break-the-glass). */
export const accessLogAnomaliesPath = `${paths.accessLog}/afwijkingen`;

interface Filters {
  subjectId: string;
  actorUserId: string;
  organisationId: string;
  caseId: string;
  action: AccessAction | '';
  from: string;
  to: string;
}

const FILTER_KEYS = ['subjectId', 'actorUserId', 'organisationId', 'caseId', 'action', 'from', 'to'] as const;
const EMPTY: Filters = { subjectId: '', actorUserId: '', organisationId: '', caseId: '', action: '', from: '', to: '' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function filtersOf(params: URLSearchParams): Filters {
  const f: Filters = { ...EMPTY };
  for (const key of FILTER_KEYS) {
    const value = params.get(key) ?? '';
    if (key === 'action')
      f.action = (ACCESS_ACTIONS as readonly string[]).includes(value) ? (value as AccessAction) : '';
    else f[key] = value;
  }
  return f;
}

function paramsOf(filters: Filters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key].trim();
    if (value) out[key] = value;
  }
  return out;
}

function toQuery(filters: Filters): AccessLogFilters {
  return {
    ...(filters.subjectId.trim() ? { subjectId: filters.subjectId.trim() } : {}),
    ...(UUID.test(filters.actorUserId) ? { actorUserId: filters.actorUserId } : {}),
    ...(UUID.test(filters.organisationId) ? { organisationId: filters.organisationId } : {}),
    ...(UUID.test(filters.caseId.trim()) ? { caseId: filters.caseId.trim() } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(DATE.test(filters.from) ? { from: startOfDayIso(filters.from) } : {}),
    ...(DATE.test(filters.to) ? { to: endOfDayIso(filters.to) } : {}),
  };
}

/** The first characters of a long id: enough to tell entries apart in the table. */
function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/** A translated label for a code from the log, or the code itself when there is none. */
export function logLabel(group: 'actions' | 'results' | 'recordTypes' | 'purposes', code: string): string {
  for (const key of [`accessLog.${group}.${code}`, `privacyPages.${group}.${code}`]) {
    if (i18next.exists(key)) return i18next.t(key);
  }
  return code;
}

function roleLabel(code: string): string {
  const key = `roles.${code}`;
  return i18next.exists(key) ? i18next.t(key) : code;
}

/** Loads the staff list once (up to 1000) to show names instead of ids and to filter by person. */
async function loadAllUsers(): Promise<User[]> {
  const users: User[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 5; page++) {
    const result: { items: User[]; nextCursor: string | null } = await listUsers({ limit: 200, cursor });
    users.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return sortBy(users, (u) => u.name);
}

export function AccessLogPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const applied = useMemo(() => filtersOf(params), [params]);
  const [draft, setDraft] = useState<Filters>(applied);
  const [entries, setEntries] = useState<AccessLogEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [users, setUsers] = useState<User[]>([]);
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  const { errors, fail, clear, focusSignal } = useFormErrors();

  const { fields, spec } = formFields('log', {
    subjectId: t('accessLog.subjectId'),
    actorUserId: t('accessLog.actor'),
    organisationId: t('privacyPages.log.organisation'),
    caseId: t('privacyPages.log.caseId'),
    action: t('accessLog.action'),
    from: t('accessLog.from'),
    to: t('accessLog.to'),
  });

  // Another page (or "back") changed the address: show its filters in the form.
  useEffect(() => setDraft(applied), [applied]);

  useEffect(() => {
    if (session.can('users:read')) {
      loadAllUsers()
        .then(setUsers)
        .catch(() => setUsers([]));
    }
    listOrganisations()
      .then((r) => setOrganisations(sortBy(r.items, (o) => o.name)))
      .catch(() => setOrganisations([]));
  }, [session]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload only when the applied filters change
  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setError(null);
    listAccessLogEntries({ ...toQuery(applied), limit: PAGE_SIZE })
      .then((page) => {
        if (cancelled) return;
        setEntries(page.items);
        setCursor(page.nextCursor);
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        setError(e);
        fail(problemToErrors(e, fields, t));
      })
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [applied]);

  async function more() {
    if (!cursor) return;
    try {
      const page = await listAccessLogEntries({ ...toQuery(applied), limit: PAGE_SIZE, cursor });
      setEntries((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    }
  }

  function apply(next: Filters) {
    setParams(paramsOf(next));
  }

  function search(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (draft.caseId.trim() && !UUID.test(draft.caseId.trim())) found.caseId = t('privacyPages.log.caseIdFormat');
    if (draft.from && draft.to && draft.to < draft.from) found.to = t('accessLog.dateOrder');
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    clear();
    apply(draft);
  }

  function filterOnSubject(subjectId: string) {
    clear();
    apply({ ...applied, subjectId });
  }

  const names = new Map(users.map((u) => [u.id, u.name]));
  const orgNames = new Map(organisations.map((o) => [o.id, o.name]));
  const actorName = (e: AccessLogEntry) =>
    e.actorUserId
      ? (names.get(e.actorUserId) ?? e.actorName ?? t('accessLog.unknownUser', { id: e.actorUserId.slice(0, 8) }))
      : t('accessLog.system');
  const filtered = Object.keys(paramsOf(applied)).length > 0;

  return (
    <>
      <PageHeader
        title={t('accessLog.title')}
        intro={t('accessLog.intro')}
        actions={
          <Link className="ams-link" to={accessLogAnomaliesPath}>
            {t('privacyPages.log.anomaliesLink')}
          </Link>
        }
      />
      <ChainStatus />
      <form className="schakel-form schakel-filters" noValidate onSubmit={search} aria-label={t('accessLog.filters')}>
        <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
        <TextField
          spec={spec('subjectId')}
          hint={t('accessLog.subjectIdHint')}
          value={draft.subjectId}
          onValue={(subjectId) => setDraft((d) => ({ ...d, subjectId }))}
          error={errors.fields.subjectId}
          autoComplete="off"
          spellCheck={false}
        />
        <SelectField
          spec={spec('actorUserId')}
          value={draft.actorUserId}
          onValue={(actorUserId) => setDraft((d) => ({ ...d, actorUserId }))}
          placeholder={t('accessLog.allActors')}
          options={users.map((u) => ({ value: u.id, label: `${u.name} (${u.organisationName})` }))}
          error={errors.fields.actorUserId}
        />
        <SelectField
          spec={spec('organisationId')}
          value={draft.organisationId}
          onValue={(organisationId) => setDraft((d) => ({ ...d, organisationId }))}
          placeholder={t('privacyPages.log.allOrganisations')}
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          error={errors.fields.organisationId}
        />
        <TextField
          spec={spec('caseId')}
          hint={t('privacyPages.log.caseIdHint')}
          value={draft.caseId}
          onValue={(caseId) => setDraft((d) => ({ ...d, caseId }))}
          error={errors.fields.caseId}
          autoComplete="off"
          spellCheck={false}
        />
        <SelectField
          spec={spec('action')}
          value={draft.action}
          onValue={(action) => setDraft((d) => ({ ...d, action: action as AccessAction | '' }))}
          placeholder={t('accessLog.allActions')}
          options={ACCESS_ACTIONS.map((a) => ({ value: a, label: t(`accessLog.actions.${a}`) }))}
          error={errors.fields.action}
        />
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
        <FormActions>
          <Button type="submit">{t('accessLog.search')}</Button>
          <Button
            variant="tertiary"
            onClick={() => {
              clear();
              setDraft(EMPTY);
              apply(EMPTY);
            }}
          >
            {t('accessLog.reset')}
          </Button>
        </FormActions>
      </form>
      {error !== null && <LoadError error={error} />}
      {loading && <Loading />}
      {!loading && error === null && entries.length === 0 && <Paragraph>{t('accessLog.empty')}</Paragraph>}
      {!loading && entries.length > 0 && (
        <>
          <AccessLogExport filters={toQuery(applied)} filtered={filtered} />
          <DataTable
            caption={`${t('accessLog.caption')} (${t('common.countShown', { count: entries.length })})`}
            head={
              <>
                <Th>{t('accessLog.occurredAt')}</Th>
                <Th>{t('accessLog.actor')}</Th>
                <Th>{t('accessLog.action')}</Th>
                <Th>{t('accessLog.record')}</Th>
                <Th>{t('accessLog.subject')}</Th>
                <Th>{t('accessLog.purpose')}</Th>
                <Th>{t('accessLog.result')}</Th>
              </>
            }
          >
            {entries.map((e) => (
              <Tr key={e.id}>
                <Td>
                  <span className="schakel-nowrap">{formatDateTime(e.occurredAt)}</span>
                </Td>
                <Td>
                  {actorName(e)}
                  {e.actorRole && <span className="schakel-actor-role">{roleLabel(e.actorRole)}</span>}
                  {e.actorOrganisationId && orgNames.get(e.actorOrganisationId) && (
                    <span className="schakel-actor-role">{orgNames.get(e.actorOrganisationId)}</span>
                  )}
                </Td>
                <Td>{logLabel('actions', e.action)}</Td>
                <Td>
                  {logLabel('recordTypes', e.recordType)}
                  {e.recordId && <span className="schakel-id"> {shortId(e.recordId)}</span>}
                </Td>
                <Td>
                  {e.subjectId ? (
                    <>
                      {e.subjectType && `${logLabel('recordTypes', e.subjectType)} `}
                      <button
                        type="button"
                        className="schakel-inline-button schakel-id"
                        onClick={() => filterOnSubject(e.subjectId as string)}
                      >
                        {shortId(e.subjectId)}
                        <span className="schakel-visually-hidden"> ({t('accessLog.filterSubject')})</span>
                      </button>
                    </>
                  ) : (
                    t('common.none')
                  )}
                </Td>
                <Td>
                  {logLabel('purposes', e.purposeType)}
                  {e.purposeId && <span className="schakel-id"> {shortId(e.purposeId)}</span>}
                </Td>
                <Td>
                  {e.result === 'ok' ? (
                    logLabel('results', e.result)
                  ) : (
                    <Badge label={logLabel('results', e.result)} color="red" />
                  )}
                </Td>
              </Tr>
            ))}
          </DataTable>
          <LoadMoreButton hasMore={cursor !== null} loadMore={more} />
        </>
      )}
    </>
  );
}

/** The verification status of the hash chain: the last stored result, and "verify now". */
function ChainStatus() {
  const { t } = useTranslation();
  const stored = useLoad(() => listVerifications().then((r) => r.items[0] ?? null), []);
  const [result, setResult] = useState<Verification | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function verify() {
    setBusy(true);
    setError(null);
    try {
      setResult(await verifyAccessLog());
      await stored.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const last = stored.data;
  return (
    <section className="pv-panel pv-chain" aria-labelledby="chain-heading">
      <Heading level={2} size="level-4" id="chain-heading">
        {t('privacyPages.log.chainHeading')}
      </Heading>
      {stored.error !== null && <LoadError error={stored.error} />}
      <div role="status">
        {stored.data === null && !stored.loading && stored.error === null && (
          <Paragraph>{t('privacyPages.log.neverVerified')}</Paragraph>
        )}
        {last && (
          <Paragraph>
            {last.intact ? (
              <Badge color="lime" label={t('privacyPages.log.intact')} />
            ) : (
              <Badge color="red" label={t('privacyPages.log.broken')} />
            )}{' '}
            {t(last.intact ? 'privacyPages.log.lastVerifiedIntact' : 'privacyPages.log.lastVerifiedBroken', {
              at: formatDateTime(last.verifiedAt),
              by: last.verifiedByName ?? t('accessLog.system'),
              entries: formatNumber(last.entries),
              seq: last.firstBreakSeq ?? '',
            })}
          </Paragraph>
        )}
        {result && !result.intact && result.firstBreak && (
          <Paragraph>{t('privacyPages.log.firstBreak', { detail: result.firstBreak })}</Paragraph>
        )}
      </div>
      {error !== null && <LoadError error={error} />}
      <div>
        <Button variant="secondary" onClick={() => void verify()} disabled={busy}>
          {busy ? t('privacyPages.log.verifying') : t('privacyPages.log.verifyNow')}
        </Button>
      </div>
    </section>
  );
}

/**
 * Export of the search result: started as a background job (the server builds it in chunks), its
 * progress shown as it goes, and a download link once it is ready — for this user only, until it expires.
 */
function AccessLogExport({ filters, filtered }: { filters: AccessLogFilters; filtered: boolean }) {
  const { t } = useTranslation();
  return (
    <ExportPanel
      start={() => startAccessLogExport(filters)}
      resetKey={JSON.stringify(filters)}
      texts={{
        start: filtered ? t('privacyPages.log.exportFiltered') : t('privacyPages.log.exportAll'),
        note: t('privacyPages.log.exportNote'),
        queued: t('privacyPages.log.exportQueued'),
        running: (job) =>
          t('privacyPages.log.exportRunning', {
            done: formatNumber(job.rowsDone),
            total: formatNumber(job.rowsTotal ?? 0),
          }),
        done: (job) => t('privacyPages.log.exportDone', { rows: formatNumber(job.rowsDone) }),
        download: (size) => t('privacyPages.log.exportDownload', { size }),
        until: (until) => t('privacyPages.log.exportUntil', { until }),
        failed: t('privacyPages.log.exportFailed'),
        expired: t('privacyPages.log.exportExpired'),
      }}
    />
  );
}
