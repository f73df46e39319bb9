import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type CaseListItem,
  type CaseListQuery,
  listCases,
  OPEN_PHASES,
  PHASES,
  type Phase,
  TARGET_GROUPS,
  type TargetGroup,
} from '../../api/cases.js';
import { listMunicipalities } from '../../api/endpoints.js';
import type { Municipality } from '../../api/types.js';
import { Button, Paragraph } from '../../components/ams.js';
import { type FieldSpec, FormActions, fieldId, SelectField } from '../../components/form.js';
import { DataTable, LoadError, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate, sortBy } from '../../lib/format.js';
import { casePath } from './paths.js';
import { OverdueMarker, todayIso } from './shared.js';

const PAGE_SIZE = 50;

interface Filters {
  phase: Phase | '';
  targetGroup: TargetGroup | '';
  municipalityId: string;
}
const EMPTY: Filters = { phase: '', targetGroup: '', municipalityId: '' };

function toQuery(f: Filters): CaseListQuery {
  return {
    limit: PAGE_SIZE,
    ...(f.phase ? { phase: f.phase } : {}),
    ...(f.targetGroup ? { targetGroup: f.targetGroup } : {}),
    ...(f.municipalityId ? { municipalityId: f.municipalityId } : {}),
  };
}

export function CasesPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [items, setItems] = useState<CaseListItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [municipalities, setMunicipalities] = useState<Municipality[]>([]);
  const today = todayIso();

  const fields: FieldSpec[] = [
    { name: 'phase', id: fieldId('cases', 'phase'), label: t('cases.phase') },
    { name: 'targetGroup', id: fieldId('cases', 'targetGroup'), label: t('cases.targetGroup') },
    { name: 'municipalityId', id: fieldId('cases', 'municipalityId'), label: t('cases.municipality') },
  ];
  const [phaseSpec, targetSpec, municipalitySpec] = fields as [FieldSpec, FieldSpec, FieldSpec];

  useEffect(() => {
    listMunicipalities()
      .then((r) => setMunicipalities(sortBy(r.items, (m) => m.name)))
      .catch(() => setMunicipalities([]));
  }, []);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setError(null);
    listCases(toQuery(applied))
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
  }, [applied]);

  async function more() {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await listCases({ ...toQuery(applied), cursor });
      setItems((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  }

  function search(event: FormEvent) {
    event.preventDefault();
    setApplied({ ...draft });
  }

  return (
    <>
      <PageHeader title={t('cases.title')} intro={t('cases.intro')} />
      <form className="schakel-form schakel-filters" noValidate onSubmit={search} aria-label={t('cases.filters')}>
        <SelectField
          spec={phaseSpec}
          value={draft.phase}
          onValue={(phase) => setDraft((d) => ({ ...d, phase: phase as Phase | '' }))}
          placeholder={t('cases.allPhases')}
          options={PHASES.map((p) => ({ value: p, label: t(`caseLabels.phases.${p}`) }))}
        />
        <SelectField
          spec={targetSpec}
          value={draft.targetGroup}
          onValue={(targetGroup) => setDraft((d) => ({ ...d, targetGroup: targetGroup as TargetGroup | '' }))}
          placeholder={t('cases.allTargetGroups')}
          options={TARGET_GROUPS.map((g) => ({ value: g, label: t(`caseLabels.targetGroups.${g}`) }))}
        />
        <SelectField
          spec={municipalitySpec}
          value={draft.municipalityId}
          onValue={(municipalityId) => setDraft((d) => ({ ...d, municipalityId }))}
          placeholder={t('cases.allMunicipalities')}
          options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
        />
        <FormActions>
          <Button type="submit">{t('cases.filter')}</Button>
          <Button
            variant="tertiary"
            onClick={() => {
              setDraft(EMPTY);
              setApplied(EMPTY);
            }}
          >
            {t('cases.reset')}
          </Button>
        </FormActions>
      </form>
      {error !== null && <LoadError error={error} />}
      {loading && <Loading />}
      {!loading && error === null && items.length === 0 && <Paragraph>{t('cases.empty')}</Paragraph>}
      {!loading && items.length > 0 && (
        <>
          <DataTable
            caption={`${t('cases.caption')} (${t('common.countShown', { count: items.length })})`}
            head={
              <>
                <Th>{t('cases.reference')}</Th>
                <Th>{t('cases.subject')}</Th>
                <Th>{t('cases.targetGroup')}</Th>
                <Th>{t('cases.phase')}</Th>
                <Th>{t('cases.escalationLevel')}</Th>
                <Th>{t('cases.priority')}</Th>
                <Th>{t('cases.municipality')}</Th>
                <Th>{t('cases.nextReview')}</Th>
              </>
            }
          >
            {items.map((c) => (
              <Tr key={c.id}>
                <Td>
                  <Link className="ams-link schakel-nowrap" to={casePath(c.id)}>
                    {c.reference}
                  </Link>
                </Td>
                <Td>{c.subject.name}</Td>
                <Td>{t(`caseLabels.targetGroups.${c.targetGroup}`)}</Td>
                <Td>
                  {t(`caseLabels.phases.${c.phase}`)}
                  {c.phase === 'closed_provisional' && c.revisitOn && (
                    <span className="cw-cell-note">
                      {t('cases.revisitOn')}: {formatDate(c.revisitOn)}
                    </span>
                  )}
                </Td>
                <Td>{t(`caseLabels.escalationLevels.${c.escalationLevel}`)}</Td>
                <Td>{t(`caseLabels.priorities.${c.priority}`)}</Td>
                <Td>{c.directingMunicipality.name}</Td>
                <Td>
                  <span className="schakel-nowrap">{formatDate(c.nextReviewOn) || t('common.none')}</span>
                  {c.nextReviewOn && c.nextReviewOn < today && OPEN_PHASES.includes(c.phase) && (
                    <>
                      {' '}
                      <OverdueMarker />
                    </>
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
