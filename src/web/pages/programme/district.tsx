/** The district overview of the coordinating municipality: interventions × municipalities for a year. */

import { type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { type DistrictComparison, type Figures, getDistrictComparison, type LineStatus } from '../../api/programme.js';
import { Badge, Button, Paragraph } from '../../components/ams.js';
import { type FieldSpec, FormActions, fieldId, SelectField } from '../../components/form.js';
import { DataTable, LoadError, Notice, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatNumber } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, paths } from '../../paths.js';
import { formatEuros } from './money.js';
import { yearOptions } from './plans.js';
import { currentYear, ProgrammePage, Section } from './shared.js';

export function DistrictComparisonPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const fromAddress = Number(params.get('year'));
  const year =
    Number.isInteger(fromAddress) && fromAddress >= 2000 && fromAddress <= 2100 ? fromAddress : currentYear();
  const [draft, setDraft] = useState(String(year));
  useEffect(() => setDraft(String(year)), [year]);
  const data = useLoad(() => getDistrictComparison(year), [year]);
  const forbidden = data.error instanceof ApiError && data.error.status === 403;
  const yearSpec: FieldSpec = {
    name: 'year',
    id: fieldId('district', 'year'),
    label: t('programmePages.district.year'),
  };
  const options = yearOptions();
  if (!options.some((o) => o.value === String(year))) options.push({ value: String(year), label: String(year) });

  return (
    <ProgrammePage>
      <PageHeader title={t('programmePages.district.title')} intro={t('programmePages.district.intro')} />
      {forbidden ? (
        <Notice severity="warning" heading={t('programmePages.district.forbidden')}>
          <Paragraph>
            <Link className="ams-link" to={paths.implementationPlans}>
              {t('programmePages.plans.title')}
            </Link>
          </Paragraph>
        </Notice>
      ) : (
        <>
          <form
            className="schakel-form schakel-filters"
            noValidate
            aria-label={t('programmePages.district.filters')}
            onSubmit={(e) => {
              e.preventDefault();
              setParams(new URLSearchParams({ year: draft }));
            }}
          >
            <SelectField spec={yearSpec} value={draft} onValue={setDraft} options={options} />
            <FormActions>
              <Button type="submit">{t('programmePages.district.show')}</Button>
            </FormActions>
          </form>
          {data.error !== null && <LoadError error={data.error} onRetry={() => void data.reload()} />}
          {data.loading && !data.data && <Loading />}
          {data.data && <Comparison data={data.data} />}
        </>
      )}
    </ProgrammePage>
  );
}

function Comparison({ data }: { data: DistrictComparison }) {
  const { t } = useTranslation();
  return (
    <>
      <Section id="district-plans" title={t('programmePages.district.plansTitle', { year: data.year })}>
        <DataTable
          caption={t('programmePages.district.plansCaption', { district: data.district, year: data.year })}
          captionHidden
          head={
            <>
              <Th>{t('programmePages.plans.municipality')}</Th>
              <Th>{t('programmePages.plans.status')}</Th>
              <Th align="end">{t('programmePages.plans.budgetTotal')}</Th>
              <Th align="end">{t('programmePages.plan.planned')}</Th>
              <Th align="end">{t('programmePages.plan.actual')}</Th>
              <Th align="end">{t('programmePages.plans.linesBudget')}</Th>
            </>
          }
        >
          {data.municipalities.map((m) => (
            <Tr key={m.id}>
              <Td>
                {m.name}
                {m.isCoordinating && (
                  <>
                    {' '}
                    <Badge label={t('programmePages.district.coordinating')} color="azure" />
                  </>
                )}
              </Td>
              <Td>
                {m.plan ? (
                  <Link className="ams-link" to={itemPath(paths.implementationPlans, m.plan.id)}>
                    {t(`programmePages.planStatuses.${m.plan.status}`)}
                    <span className="schakel-visually-hidden">
                      {' '}
                      {t('programmePages.plans.view', { municipality: m.name, year: data.year })}
                    </span>
                  </Link>
                ) : (
                  t('programmePages.district.noPlan')
                )}
              </Td>
              <Td align="end">
                {m.plan?.budgetTotalCents == null ? t('common.none') : formatEuros(m.plan.budgetTotalCents)}
              </Td>
              <Td align="end">{formatNumber(m.totals.plannedCount)}</Td>
              <Td align="end">{formatNumber(m.totals.actualCount)}</Td>
              <Td align="end">{formatEuros(m.totals.budgetCents)}</Td>
            </Tr>
          ))}
        </DataTable>
      </Section>
      <Section id="district-table" title={t('programmePages.district.tableTitle', { year: data.year })}>
        {data.interventions.length === 0 ? (
          <Paragraph>{t('programmePages.district.noLines', { year: data.year })}</Paragraph>
        ) : (
          <>
            <Paragraph size="small">{t('programmePages.district.legend')}</Paragraph>
            <InterventionTable data={data} />
          </>
        )}
      </Section>
    </>
  );
}

function InterventionTable({ data }: { data: DistrictComparison }) {
  const { t } = useTranslation();
  const captionId = useId();
  const lines = data.actionLines
    .map((line) => ({
      line,
      interventions: data.interventions.filter((i) => i.intervention.actionLine === line.number),
    }))
    .filter((g) => g.interventions.length > 0);
  const columns = data.municipalities.length + 2;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard (WCAG 2.1.1)
    <section className="ams-table schakel-table pg-matrix" aria-labelledby={captionId} tabIndex={0}>
      <table className="ams-table__table">
        <caption id={captionId} className="schakel-visually-hidden">
          {t('programmePages.district.tableCaption', { district: data.district, year: data.year })}
        </caption>
        <thead className="ams-table__header">
          <tr className="ams-table__row">
            <Th>{t('programmePages.district.intervention')}</Th>
            {data.municipalities.map((m) => (
              <Th key={m.id} align="end">
                {m.name}
              </Th>
            ))}
            <Th align="end">{t('programmePages.district.districtTotal')}</Th>
          </tr>
        </thead>
        {lines.map(({ line, interventions }) => (
          <tbody key={line.number} className="ams-table__body">
            <tr className="ams-table__row pg-matrix__group">
              <th scope="colgroup" colSpan={columns} className="ams-table__header-cell">
                {t('programmePages.actionLineTitle', { number: line.number, title: line.title })}
              </th>
            </tr>
            {interventions.map((row) => (
              <tr key={row.intervention.id} className="ams-table__row">
                <RowHeader>
                  <Link className="ams-link" to={itemPath(paths.interventions, row.intervention.id)}>
                    {row.intervention.name}
                  </Link>
                </RowHeader>
                {data.municipalities.map((m) => {
                  const cell = row.cells.find((c) => c.municipalityId === m.id);
                  return (
                    <Td key={m.id} align="end">
                      {cell ? (
                        <FiguresCell
                          figures={{ ...cell, actualCount: cell.actualCount ?? 0 }}
                          actualKnown={cell.actualCount !== null}
                          status={cell.status}
                        />
                      ) : (
                        <>
                          <span aria-hidden="true">{t('common.none')}</span>
                          <span className="schakel-visually-hidden">{t('programmePages.district.notRun')}</span>
                        </>
                      )}
                    </Td>
                  );
                })}
                <Td align="end">
                  <FiguresCell figures={row.totals} />
                </Td>
              </tr>
            ))}
            <tr className="ams-table__row pg-total-row">
              <RowHeader>{t('programmePages.district.lineTotal', { number: line.number })}</RowHeader>
              {data.municipalities.map((m) => {
                const cell = line.cells.find((c) => c.municipalityId === m.id);
                return (
                  <Td key={m.id} align="end">
                    {cell && <FiguresCell figures={cell} />}
                  </Td>
                );
              })}
              <Td align="end">
                <FiguresCell figures={line.totals} />
              </Td>
            </tr>
          </tbody>
        ))}
        <tfoot>
          <tr className="ams-table__row pg-total-row pg-total-row--grand">
            <RowHeader>{t('programmePages.district.total')}</RowHeader>
            {data.municipalities.map((m) => (
              <Td key={m.id} align="end">
                <FiguresCell figures={m.totals} />
              </Td>
            ))}
            <Td align="end">
              <FiguresCell figures={data.totals} />
            </Td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function RowHeader({ children }: { children: ReactNode }) {
  return (
    <th scope="row" className="ams-table__header-cell pg-matrix__row-header">
      {children}
    </th>
  );
}

function FiguresCell({
  figures,
  actualKnown = true,
  status,
}: {
  figures: Figures;
  actualKnown?: boolean;
  status?: LineStatus;
}) {
  const { t } = useTranslation();
  return (
    <span className="pg-figures">
      <span>{t('programmePages.district.planned', { n: formatNumber(figures.plannedCount) })}</span>
      <span>
        {actualKnown
          ? t('programmePages.district.actual', { n: formatNumber(figures.actualCount) })
          : t('programmePages.district.actualUnknown')}
      </span>
      <span className="schakel-nowrap">{formatEuros(figures.budgetCents)}</span>
      {status && status !== 'planned' && (
        <span className="pg-figures__status">{t(`programmePages.lineStatuses.${status}`)}</span>
      )}
    </span>
  );
}
