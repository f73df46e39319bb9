import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { listSignals, SIGNAL_STATUSES, type SignalStatus, type SignalSummary } from '../../api/signals.js';
import { Button, Paragraph } from '../../components/ams.js';
import { SelectField } from '../../components/form.js';
import { DataTable, Flash, LinkButton, LoadError, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, newCasePath, paths } from '../../paths.js';
import { oneOf, personName, useMunicipalities } from './common.js';

const PAGE_SIZE = 50;

export function SignalsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const status = oneOf(search.get('status'), SIGNAL_STATUSES);
  const municipalityId = search.get('gemeente') ?? '';
  const [statusFilter, setStatusFilter] = useState<string>(status);
  const [municipalityFilter, setMunicipalityFilter] = useState(municipalityId);
  const municipalities = useMunicipalities();
  const [items, setItems] = useState<SignalSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const query = { limit: PAGE_SIZE, status, ...(municipalityId ? { municipalityId } : {}) };
  const first = useLoad(() => listSignals(query), [status, municipalityId]);
  useEffect(() => {
    if (first.data) {
      setItems(first.data.items);
      setCursor(first.data.nextCursor);
    }
  }, [first.data]);

  async function more() {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await listSignals({ ...query, cursor });
      setItems((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  }

  function applyFilters(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (statusFilter) next.set('status', statusFilter);
    if (municipalityFilter) next.set('gemeente', municipalityFilter);
    setSearch(next);
  }

  return (
    <>
      <PageHeader
        title={t('signals.title')}
        intro={t('signals.intro')}
        actions={<LinkButton to={newCasePath(paths.signals)}>{t('signals.new')}</LinkButton>}
      />
      <Flash />
      <form className="schakel-filters" onSubmit={applyFilters} aria-label={t('signals.filters')}>
        <SelectField
          spec={{ name: 'status', id: 'signals-filter-status', label: t('signals.status') }}
          value={statusFilter}
          onValue={setStatusFilter}
          placeholder={t('signals.allStatuses')}
          options={SIGNAL_STATUSES.map((s) => ({ value: s, label: t(`intake.signalStatus.${s}`) }))}
        />
        <SelectField
          spec={{ name: 'municipalityId', id: 'signals-filter-municipality', label: t('signals.municipality') }}
          value={municipalityFilter}
          onValue={setMunicipalityFilter}
          placeholder={t('signals.allMunicipalities')}
          options={(municipalities.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
        />
        <div className="schakel-filters__submit">
          <Button type="submit" variant="secondary">
            {t('signals.filter')}
          </Button>
        </div>
      </form>
      {first.error !== null && <LoadError error={first.error} onRetry={() => void first.reload()} />}
      {first.loading && <Loading />}
      {!first.loading && first.data && (
        <>
          <DataTable
            caption={`${t('signals.caption')} (${t('common.countShown', { count: items.length })})`}
            head={
              <>
                <Th>{t('signals.reference')}</Th>
                <Th>{t('signals.receivedOn')}</Th>
                <Th>{t('signals.municipality')}</Th>
                <Th>{t('signals.subjects')}</Th>
                <Th>{t('signals.urgency')}</Th>
                <Th>{t('signals.ideology')}</Th>
                <Th>{t('signals.status')}</Th>
              </>
            }
          >
            {items.map((s) => (
              <Tr key={s.id}>
                <Td>
                  <Link className="ams-link schakel-nowrap" to={itemPath(paths.signals, s.id)}>
                    {s.reference}
                  </Link>
                </Td>
                <Td>
                  <span className="schakel-nowrap">{formatDate(s.receivedOn)}</span>
                </Td>
                <Td>{s.municipality.name}</Td>
                <Td>
                  {s.subjectUnknown || s.subjects.length === 0
                    ? t('signals.subjectUnknownShort')
                    : s.subjects.map(personName).join(', ')}
                </Td>
                <Td>{t(`intake.urgency.${s.urgency}`)}</Td>
                <Td>{t(`intake.ideology.${s.ideology}`)}</Td>
                <Td>{t(`intake.signalStatus.${s.status as SignalStatus}`)}</Td>
              </Tr>
            ))}
          </DataTable>
          {items.length === 0 && <Paragraph>{t('signals.empty')}</Paragraph>}
          {moreError !== null && <LoadError error={moreError} />}
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
