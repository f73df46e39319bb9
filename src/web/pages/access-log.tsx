import i18next from 'i18next';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AccessLogQuery, listAccessLog, listUsers } from '../api/endpoints.js';
import { ACCESS_ACTIONS, type AccessAction, type AccessLogEntry, type User } from '../api/types.js';
import { useSession } from '../auth/session.js';
import { Badge, Button, Paragraph } from '../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  problemToErrors,
  SelectField,
  TextField,
  useFormErrors,
} from '../components/form.js';
import { DataTable, LoadError, PageHeader, Td, Th, Tr } from '../components/page.js';
import { Loading } from '../components/shell.js';
import { endOfDayIso, formatDateTime, sortBy, startOfDayIso } from '../lib/format.js';

const PAGE_SIZE = 50;

interface Filters {
  subjectId: string;
  actorUserId: string;
  action: AccessAction | '';
  from: string;
  to: string;
}

const EMPTY: Filters = { subjectId: '', actorUserId: '', action: '', from: '', to: '' };

function toQuery(filters: Filters): AccessLogQuery {
  return {
    limit: PAGE_SIZE,
    ...(filters.subjectId.trim() ? { subjectId: filters.subjectId.trim() } : {}),
    ...(filters.actorUserId ? { actorUserId: filters.actorUserId } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.from ? { from: startOfDayIso(filters.from) } : {}),
    ...(filters.to ? { to: endOfDayIso(filters.to) } : {}),
  };
}

/** The first characters of a long id: enough to tell entries apart in the table. */
function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/** A translated label for a code from the log, or the code itself when there is none. */
function label(prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
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
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [entries, setEntries] = useState<AccessLogEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [users, setUsers] = useState<User[]>([]);
  const { errors, fail, clear, focusSignal } = useFormErrors();

  const fields: FieldSpec[] = [
    { name: 'subjectId', id: fieldId('log', 'subjectId'), label: t('accessLog.subjectId') },
    { name: 'actorUserId', id: fieldId('log', 'actorUserId'), label: t('accessLog.actor') },
    { name: 'action', id: fieldId('log', 'action'), label: t('accessLog.action') },
    { name: 'from', id: fieldId('log', 'from'), label: t('accessLog.from') },
    { name: 'to', id: fieldId('log', 'to'), label: t('accessLog.to') },
  ];
  const spec = (name: string) => fields.find((f) => f.name === name) as FieldSpec;

  useEffect(() => {
    if (!session.can('users:read')) return;
    loadAllUsers()
      .then(setUsers)
      .catch(() => setUsers([]));
  }, [session]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload only when the applied filters change
  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setError(null);
    listAccessLog(toQuery(applied))
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
    setLoadingMore(true);
    try {
      const page = await listAccessLog({ ...toQuery(applied), cursor });
      setEntries((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  }

  function search(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (draft.from && draft.to && draft.to < draft.from) found.to = t('accessLog.dateOrder');
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    clear();
    setApplied({ ...draft });
  }

  function filterOnSubject(subjectId: string) {
    clear();
    const next = { ...applied, subjectId };
    setDraft(next);
    setApplied(next);
  }

  const names = new Map(users.map((u) => [u.id, u.name]));
  const actorName = (id: string | null) =>
    id ? (names.get(id) ?? t('accessLog.unknownUser', { id: id.slice(0, 8) })) : t('accessLog.system');

  return (
    <>
      <PageHeader title={t('accessLog.title')} intro={t('accessLog.intro')} />
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
              setApplied(EMPTY);
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
                  {actorName(e.actorUserId)}
                  {e.actorRole && <span className="schakel-actor-role">{label('roles', e.actorRole)}</span>}
                </Td>
                <Td>{label('accessLog.actions', e.action)}</Td>
                <Td>
                  {label('accessLog.recordTypes', e.recordType)}
                  {e.recordId && <span className="schakel-id"> {shortId(e.recordId)}</span>}
                </Td>
                <Td>
                  {e.subjectId ? (
                    <>
                      {e.subjectType && `${label('accessLog.recordTypes', e.subjectType)} `}
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
                <Td>{label('accessLog.purposes', e.purposeType)}</Td>
                <Td>
                  {e.result === 'ok' ? (
                    label('accessLog.results', e.result)
                  ) : (
                    <Badge label={label('accessLog.results', e.result)} color="red" />
                  )}
                </Td>
              </Tr>
            ))}
          </DataTable>
          {cursor && (
            <p className="schakel-more">
              <Button variant="secondary" onClick={() => void more()} disabled={loadingMore}>
                {loadingMore ? t('common.loadingMore') : t('common.loadMore')}
              </Button>
            </p>
          )}
        </>
      )}
    </>
  );
}
