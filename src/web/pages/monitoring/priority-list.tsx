/**
 * The priority list (geprioriteerde lijst): every open case the user may see, filtered and sorted by
 * the user's own choice (the choice lives in the URL: codes and ids only). Nothing is ranked: the
 * concern level is the word the assessor chose, the trend compares it with the previous chosen level.
 */
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CONCERN_LEVELS } from '../../api/assessments.js';
import {
  type Direction,
  getPriorityList,
  LIST_PHASES,
  type PriorityListItem,
  type PriorityListQuery,
  SORTS,
  type Sort,
} from '../../api/monitoring.js';
import { Button, Paragraph } from '../../components/ams.js';
import { CheckboxField, SelectField } from '../../components/form.js';
import { Flash, LoadError, PageHeader, Td, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate, formatNumber } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, paths } from '../../paths.js';
import { oneOf, useMunicipalities } from '../signals/common.js';

const PAGE_SIZE = 50;
const DIRECTIONS: readonly Direction[] = ['asc', 'desc'];

/** URL parameter names (Dutch, like the app's addresses). */
const Q = {
  phase: 'fase',
  municipality: 'gemeente',
  concern: 'zorgniveau',
  overdue: 'achterstalligeActies',
  review: 'toetsingAchterstallig',
  safeguards: 'waarborgen',
  sort: 'sorteer',
  direction: 'richting',
} as const;

/** The column that shows each sort key (for aria-sort on its header). */
const SORT_COLUMN: Record<Sort, string> = {
  reference: 'reference',
  nextReviewOn: 'nextReview',
  lastConferenceOn: 'daysSince',
  phase: 'phase',
  priority: 'priority',
};

function readQuery(search: URLSearchParams): PriorityListQuery & { sort: Sort; direction: Direction } {
  const phase = oneOf(search.get(Q.phase), LIST_PHASES);
  const concernLevel = oneOf(search.get(Q.concern), CONCERN_LEVELS);
  const municipalityId = search.get(Q.municipality) ?? '';
  return {
    ...(phase ? { phase } : {}),
    ...(concernLevel ? { concernLevel } : {}),
    ...(municipalityId ? { municipalityId } : {}),
    overdueOnly: search.get(Q.overdue) === '1',
    reviewOverdue: search.get(Q.review) === '1',
    safeguardsDue: search.get(Q.safeguards) === '1',
    sort: oneOf(search.get(Q.sort), SORTS) || 'reference',
    direction: oneOf(search.get(Q.direction), DIRECTIONS) || 'asc',
  };
}

export function PriorityListPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const query = readQuery(search);
  const municipalities = useMunicipalities();
  const [form, setForm] = useState({
    phase: query.phase ?? '',
    municipalityId: query.municipalityId ?? '',
    concernLevel: query.concernLevel ?? '',
    overdueOnly: query.overdueOnly ?? false,
    reviewOverdue: query.reviewOverdue ?? false,
    safeguardsDue: query.safeguardsDue ?? false,
    sort: query.sort as string,
    direction: query.direction as string,
  });
  const setField = (update: Partial<typeof form>) => setForm((f) => ({ ...f, ...update }));
  const [items, setItems] = useState<PriorityListItem[]>([]);
  /** The query the rows on screen belong to: rows of an earlier choice are never shown under a new caption. */
  const [shownKey, setShownKey] = useState<string | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const key = search.toString();
  const first = useLoad(
    () => getPriorityList({ ...readQuery(new URLSearchParams(key)), limit: PAGE_SIZE }).then((page) => ({ key, page })),
    [key],
  );
  useEffect(() => {
    if (first.data) {
      setItems(first.data.page.items);
      setCursor(first.data.page.nextCursor);
      setShownKey(first.data.key);
    }
  }, [first.data]);

  async function more() {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await getPriorityList({ ...query, limit: PAGE_SIZE, cursor });
      setItems((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (form.phase) next.set(Q.phase, form.phase);
    if (form.municipalityId) next.set(Q.municipality, form.municipalityId);
    if (form.concernLevel) next.set(Q.concern, form.concernLevel);
    if (form.overdueOnly) next.set(Q.overdue, '1');
    if (form.reviewOverdue) next.set(Q.review, '1');
    if (form.safeguardsDue) next.set(Q.safeguards, '1');
    if (form.sort !== 'reference') next.set(Q.sort, form.sort);
    if (form.direction !== 'asc') next.set(Q.direction, form.direction);
    setSearch(next);
  }

  function reset() {
    setForm({
      phase: '',
      municipalityId: '',
      concernLevel: '',
      overdueOnly: false,
      reviewOverdue: false,
      safeguardsDue: false,
      sort: 'reference',
      direction: 'asc',
    });
    setSearch(new URLSearchParams());
  }

  const sortedColumn = SORT_COLUMN[query.sort];
  const ariaSort = query.direction === 'asc' ? 'ascending' : 'descending';
  const th = (column: string, label: string, align?: 'end') => (
    <th
      scope="col"
      aria-sort={column === sortedColumn ? ariaSort : undefined}
      className={`ams-table__header-cell${align ? ` ams-table__header-cell--align-${align}` : ''}${column === sortedColumn ? ' schakel-sorted' : ''}`}
    >
      {label}
    </th>
  );

  const caption = t('monitoring.caption', {
    sort: t(`monitoring.sortBy.${query.sort}`).toLowerCase(),
    direction: t(`monitoring.${query.direction}`).toLowerCase(),
  });

  return (
    <>
      <PageHeader title={t('monitoring.title')} intro={t('monitoring.intro')} />
      <Flash />
      <form className="schakel-filters" onSubmit={apply} aria-label={t('monitoring.filters')}>
        <SelectField
          spec={{ name: 'phase', id: 'pl-phase', label: t('monitoring.phase') }}
          value={form.phase}
          onValue={(phase) => setField({ phase })}
          placeholder={t('monitoring.allPhases')}
          options={LIST_PHASES.map((p) => ({ value: p, label: t(`intake.phase.${p}`) }))}
        />
        <SelectField
          spec={{ name: 'municipalityId', id: 'pl-municipality', label: t('monitoring.municipality') }}
          value={form.municipalityId}
          onValue={(municipalityId) => setField({ municipalityId })}
          placeholder={t('monitoring.allMunicipalities')}
          options={(municipalities.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
        />
        <SelectField
          spec={{ name: 'concernLevel', id: 'pl-concern', label: t('monitoring.concernLevel') }}
          value={form.concernLevel}
          onValue={(concernLevel) => setField({ concernLevel })}
          placeholder={t('monitoring.allConcernLevels')}
          options={CONCERN_LEVELS.map((c) => ({ value: c, label: t(`intake.concern.${c}`) }))}
        />
        <SelectField
          spec={{ name: 'sort', id: 'pl-sort', label: t('monitoring.sort') }}
          value={form.sort}
          onValue={(sort) => setField({ sort })}
          options={SORTS.map((s) => ({ value: s, label: t(`monitoring.sortBy.${s}`) }))}
        />
        <SelectField
          spec={{ name: 'direction', id: 'pl-direction', label: t('monitoring.direction') }}
          value={form.direction}
          onValue={(direction) => setField({ direction })}
          options={DIRECTIONS.map((d) => ({ value: d, label: t(`monitoring.${d}`) }))}
        />
        <div>
          <CheckboxField
            spec={{ name: 'overdueOnly', id: 'pl-overdue', label: t('monitoring.overdueOnly') }}
            checked={form.overdueOnly}
            onChecked={(overdueOnly) => setField({ overdueOnly })}
          />
          <CheckboxField
            spec={{ name: 'reviewOverdue', id: 'pl-review', label: t('monitoring.reviewOverdue') }}
            checked={form.reviewOverdue}
            onChecked={(reviewOverdue) => setField({ reviewOverdue })}
          />
          <CheckboxField
            spec={{ name: 'safeguardsDue', id: 'pl-safeguards', label: t('monitoring.safeguardsDue') }}
            checked={form.safeguardsDue}
            onChecked={(safeguardsDue) => setField({ safeguardsDue })}
          />
        </div>
        <div className="schakel-form-actions">
          <Button type="submit" variant="secondary">
            {t('monitoring.apply')}
          </Button>
          <Button type="button" variant="tertiary" onClick={reset}>
            {t('monitoring.reset')}
          </Button>
        </div>
      </form>
      {first.error !== null && <LoadError error={first.error} onRetry={() => void first.reload()} />}
      {(first.loading || shownKey !== key) && first.error === null && <Loading />}
      {!first.loading && first.data && shownKey === key && (
        <>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard (WCAG 2.1.1) */}
          <section className="ams-table schakel-table schakel-table--compact" aria-labelledby="pl-caption" tabIndex={0}>
            <table className="ams-table__table">
              <caption id="pl-caption" className="ams-table__caption">
                {caption} ({t('common.countShown', { count: items.length })})
              </caption>
              <thead className="ams-table__header">
                <tr className="ams-table__row">
                  {th('reference', t('monitoring.reference'))}
                  {th('subject', t('monitoring.subject'))}
                  {th('phase', t('monitoring.phase'))}
                  {th('escalation', t('monitoring.escalation'))}
                  {th('priority', t('monitoring.priority'))}
                  {th('concern', t('monitoring.concern'))}
                  {th('nextReview', t('monitoring.nextReview'))}
                  {th('overdueActions', t('monitoring.overdueActions'), 'end')}
                  {th('daysSince', t('monitoring.daysSince'), 'end')}
                  {th('revisit', t('monitoring.revisit'))}
                  {th('safeguards', t('monitoring.safeguards'))}
                </tr>
              </thead>
              <tbody className="ams-table__body">
                {items.map((c) => (
                  <PriorityRow key={c.caseId} item={c} />
                ))}
              </tbody>
            </table>
          </section>
          {items.length === 0 && <Paragraph>{t('monitoring.empty')}</Paragraph>}
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

function PriorityRow({ item: c }: { item: PriorityListItem }) {
  const { t } = useTranslation();
  // A short word on screen ("↑ hoger"); the full sentence for screen readers.
  const trend =
    c.concernTrend === 'up'
      ? { arrow: '↑', short: t('intake.trend.upShort'), full: t('intake.trend.up') }
      : c.concernTrend === 'down'
        ? { arrow: '↓', short: t('intake.trend.downShort'), full: t('intake.trend.down') }
        : c.concernTrend === 'same'
          ? { arrow: '→', short: t('intake.trend.sameShort'), full: t('intake.trend.same') }
          : null;
  return (
    <Tr>
      <Td>
        <Link className="ams-link schakel-nowrap" to={itemPath(paths.cases, c.caseId)}>
          {c.reference}
        </Link>
      </Td>
      <Td>{c.subject.name}</Td>
      <Td>{t(`intake.phase.${c.phase}`)}</Td>
      <Td>{t(`intake.escalation.${c.escalationLevel}`)}</Td>
      <Td>{t(`intake.priority.${c.priority}`)}</Td>
      <Td>
        {c.concernLevel ? t(`intake.concern.${c.concernLevel}`) : t('monitoring.noConcern')}
        {trend && (
          <span className="schakel-actor-role">
            <span aria-hidden="true">
              {trend.arrow} {trend.short}
            </span>
            <span className="schakel-visually-hidden">{trend.full}</span>
          </span>
        )}
      </Td>
      <Td>
        <span className="schakel-nowrap">{c.nextReviewOn ? formatDate(c.nextReviewOn) : t('intake.common.none')}</span>
        {c.isReviewOverdue && <span className="schakel-marker">{t('monitoring.overdue')}</span>}
      </Td>
      <Td align="end">{formatNumber(c.overdueActions)}</Td>
      <Td align="end">
        {c.daysSinceLastConference === null ? t('monitoring.neverDiscussed') : formatNumber(c.daysSinceLastConference)}
      </Td>
      <Td>
        {c.isBackOnList && <span className="schakel-marker">{t('monitoring.backOnList')}</span>}
        {c.revisitOn && !c.isBackOnList && t('monitoring.revisitOn', { date: formatDate(c.revisitOn) })}
        {c.revisitOn && c.isBackOnList && (
          <span className="schakel-actor-role">{t('monitoring.revisitOn', { date: formatDate(c.revisitOn) })}</span>
        )}
        {!c.revisitOn && !c.isBackOnList && t('intake.common.none')}
      </Td>
      <Td>
        <SafeguardFlags item={c} />
      </Td>
    </Tr>
  );
}

/** Wgpa: an inclusion review that is due, and informing the person (deferred until a date, or not recorded). */
function SafeguardFlags({ item: c }: { item: PriorityListItem }) {
  const { t } = useTranslation();
  const parts: ReactNode[] = [];
  if (c.isInclusionReviewDue && c.nextInclusionReviewOn) {
    parts.push(
      <span key="review" className="schakel-marker">
        {t('monitoring.inclusionReviewDue', { date: formatDate(c.nextInclusionReviewOn) })}
      </span>,
    );
  }
  if (c.isInformingDue && c.informingReconsiderOn) {
    parts.push(
      <span key="informing" className="schakel-marker">
        {t('monitoring.informingDue', { date: formatDate(c.informingReconsiderOn) })}
      </span>,
    );
  } else if (c.informing === null) {
    parts.push(
      <span key="informing" className="schakel-actor-role">
        {t('monitoring.informingNotRecorded')}
      </span>,
    );
  }
  return parts.length > 0 ? parts : t('intake.common.none');
}
