/**
 * The building blocks of the reports pages: a report section as an accessible table (caption, column
 * and row headers) and as a bar chart. Suppressed cells ("<5", "x") are shown as such in the table and
 * are never drawn as a bar: the chart leaves the bar out, shows the marker and says how many it left out.
 * The charts are plain HTML and CSS (no chart library, nothing that needs an inline <style>); the table
 * next to each chart is its text alternative, and the chart itself is hidden from assistive technology.
 */
import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type GuardedCount,
  isShown,
  type Report,
  type ReportColumn,
  type ReportRow,
  type ReportSection,
  SMALL,
} from '../../api/reports.js';
import { Heading, Paragraph } from '../../components/ams.js';
import { DataTable, Td, Th } from '../../components/page.js';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.js';

/** Translated title of a section; the API's (Dutch) title for a section this version does not know. */
export function sectionTitle(t: TFunction, section: ReportSection): string {
  return t(`reportsPages.sections.${section.key}.title`, { defaultValue: section.title });
}

function sectionDescription(t: TFunction, section: ReportSection, year: number): string {
  return t(`reportsPages.sections.${section.key}.description`, { defaultValue: section.description, year });
}

/** A row's label: the fixed categories are translated; action lines and municipalities are data. */
function rowLabel(t: TFunction, row: ReportRow): string {
  return t(`reportsPages.rows.${row.key}`, { defaultValue: row.label });
}

function columnLabel(t: TFunction, section: ReportSection, column: ReportColumn, report: Report): string {
  const { period } = report;
  if (/^q[1-4]$/.test(column.key)) return t(`reportsPages.columns.${column.key}`);
  if (column.key === 'year') {
    return period.complete
      ? String(period.year)
      : t('reportsPages.columns.yearThrough', {
          year: period.year,
          quarter: t(`reportsPages.columns.q${period.quarters}`),
        });
  }
  if (column.key === 'total') return t('reportsPages.columns.total');
  if (column.key === 'count') {
    return section.key === 'signals-per-month' ? t('reportsPages.columns.signals') : t('reportsPages.columns.count');
  }
  return column.label;
}

/** The heading of the row-header column. */
function firstColumnLabel(t: TFunction, section: ReportSection): string {
  if (section.key === 'signals-per-month') return t('reportsPages.columns.month');
  if (section.basis === 'activity' || section.basis === 'budget') return t('reportsPages.columns.actionLine');
  return t('reportsPages.columns.category');
}

const euros = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const wholeEuros = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

/** An amount in euro cents as Dutch euros: "€ 1.234,56" (or rounded to whole euros). */
export function formatCents(cents: number, whole = false): string {
  return (whole ? wholeEuros : euros).format(whole ? Math.round(cents / 100) : cents / 100);
}

/** A value as text: a count, or an amount of money for a budget section. */
function valueText(section: ReportSection, v: number, whole = false): string {
  return section.basis === 'budget' ? formatCents(v, whole) : formatNumber(v);
}

/**
 * A published value in a table cell: the number (or amount, `cents`), or the marker with words for
 * screen readers.
 */
export function Count({ value, cents = false }: { value: GuardedCount | undefined; cents?: boolean }) {
  const { t } = useTranslation();
  if (value === undefined) return null;
  if (isShown(value)) return <>{cents ? formatCents(value) : formatNumber(value)}</>;
  const small = value === SMALL;
  return (
    <span className={`schakel-count schakel-count--${small ? 'small' : 'withheld'}`}>
      <span aria-hidden="true">{value}</span>
      <span className="schakel-visually-hidden">
        {small ? t('reportsPages.cell.smallSr') : t('reportsPages.cell.withheldSr')}
      </span>
    </span>
  );
}

/** One section as a table: a caption, column headers (scope col) and row headers (scope row). */
export function SectionTable({
  report,
  section,
  captionHidden = true,
}: {
  report: Report;
  section: ReportSection;
  captionHidden?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <DataTable
      caption={sectionTitle(t, section)}
      captionHidden={captionHidden}
      head={
        <>
          <Th>{firstColumnLabel(t, section)}</Th>
          {section.columns.map((c) => (
            <Th key={c.key} align="end">
              {columnLabel(t, section, c, report)}
            </Th>
          ))}
        </>
      }
    >
      {section.rows.map((row) => (
        <tr key={row.key} className={`ams-table__row${row.isTotal ? ' schakel-report-total' : ''}`}>
          <th scope="row" className="ams-table__header-cell schakel-report-rowhead">
            {rowLabel(t, row)}
          </th>
          {row.values.map((v, i) => (
            <Td key={section.columns[i]?.key ?? i} align="end">
              <Count value={v} cents={section.basis === 'budget'} />
            </Td>
          ))}
        </tr>
      ))}
    </DataTable>
  );
}

interface Series {
  index: number;
  label: string;
  short: string;
}

/**
 * What a chart draws: the category rows (not the total row) against the columns that are not a
 * margin (the year column of a quarter table, the total column of an activity table).
 */
function chartModel(t: TFunction, report: Report, section: ReportSection) {
  const series: Series[] = [];
  section.columns.forEach((c, index) => {
    if (c.key === 'year' || c.key === 'total') return;
    const label = columnLabel(t, section, c, report);
    const short = /^q[1-4]$/.test(c.key) ? t(`reportsPages.quartersShort.${c.key}`) : label;
    series.push({ index, label, short });
  });
  const groups = section.rows
    .filter((r) => !r.isTotal)
    .map((r) => ({ key: r.key, label: rowLabel(t, r), values: series.map((s) => r.values[s.index]) }));
  const all = groups.flatMap((g) => g.values);
  const shown = all.filter(isShown);
  return {
    series,
    groups,
    max: Math.max(0, ...shown),
    leftOut: all.length - shown.length,
    anyShown: shown.length > 0,
  };
}

/**
 * A horizontal bar chart of one section. `tablePosition` tells the caption where the table with the
 * same figures is, so that the text alternative is found.
 */
export function SectionChart({
  report,
  section,
  tablePosition,
}: {
  report: Report;
  section: ReportSection;
  tablePosition: 'above' | 'below';
}) {
  const { t } = useTranslation();
  const captionId = useId();
  const model = chartModel(t, report, section);
  const multi = model.series.length > 1;
  // Quarters are named "K1"…"K4"; municipalities need a wider column for their name.
  const named = multi && model.series.some((s) => s.short.length > 3);
  let empty: string | null = null;
  if (!model.anyShown) empty = t('reportsPages.chart.allHidden');
  else if (model.max === 0 && model.leftOut === 0) empty = t('reportsPages.chart.allZero');
  return (
    <figure
      className={`schakel-chart${named ? ' schakel-chart--named-series' : ''}`}
      aria-labelledby={captionId}
      data-section={section.key}
    >
      <figcaption id={captionId} className="schakel-chart__caption">
        <span className="schakel-chart__title">
          {t('reportsPages.chart.caption', { title: sectionTitle(t, section) })}
        </span>{' '}
        {tablePosition === 'above'
          ? t('reportsPages.chart.alternativeAbove')
          : t('reportsPages.chart.alternativeBelow')}
        {model.leftOut > 0 && <> {t('reportsPages.chart.leftOut', { count: model.leftOut })}</>}
      </figcaption>
      {empty ? (
        <Paragraph size="small" className="schakel-muted">
          {empty}
        </Paragraph>
      ) : (
        <div className="schakel-chart__body" aria-hidden="true">
          {multi && (
            <ul className="schakel-chart__legend">
              {model.series.map((s, i) => (
                <li key={s.index} className="schakel-chart__legend-item">
                  <span className={`schakel-chart__swatch schakel-chart__bar--s${i % 6}`} />
                  {s.short === s.label ? s.label : `${s.short}: ${s.label}`}
                </li>
              ))}
            </ul>
          )}
          {model.groups.map((g) => (
            <div key={g.key} className="schakel-chart__group">
              <div className="schakel-chart__label">{g.label}</div>
              <div className="schakel-chart__bars">
                {g.values.map((v, i) => {
                  const s = model.series[i] as Series;
                  return (
                    <div key={s.index} className={`schakel-chart__row${multi ? '' : ' schakel-chart__row--single'}`}>
                      {multi && <span className="schakel-chart__series">{s.short}</span>}
                      <span className="schakel-chart__track">
                        {isShown(v) && v > 0 && (
                          <span
                            className={`schakel-chart__bar schakel-chart__bar--s${i % 6}`}
                            style={{ inlineSize: `${(v / model.max) * 100}%` }}
                          />
                        )}
                      </span>
                      <span className={`schakel-chart__value${isShown(v) ? '' : ' schakel-chart__value--hidden'}`}>
                        {v === undefined
                          ? ''
                          : isShown(v)
                            ? valueText(section, v, true)
                            : `${v} (${t('reportsPages.chart.notDrawn')})`}
                      </span>
                    </div>
                  );
                })}
              </div>
            </div>
          ))}
        </div>
      )}
    </figure>
  );
}

/** The explanation of "<5" and "x", shown once per page. */
export function SuppressionLegend({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="schakel-report-legend" aria-labelledby={id}>
      <Heading level={headingLevel} size="level-4" id={id}>
        {t('reportsPages.suppression.heading')}
      </Heading>
      <Paragraph size="small">{t('reportsPages.suppression.intro')}</Paragraph>
      <dl className="schakel-report-legend__list">
        <div>
          <dt>
            <span className="schakel-count schakel-count--small">{t('reportsPages.suppression.smallTerm')}</span>
          </dt>
          <dd>{t('reportsPages.suppression.small')}</dd>
        </div>
        <div>
          <dt>
            <span className="schakel-count schakel-count--withheld">{t('reportsPages.suppression.withheldTerm')}</span>
          </dt>
          <dd>{t('reportsPages.suppression.withheld')}</dd>
        </div>
      </dl>
      <Paragraph size="small">{t('reportsPages.suppression.periods')}</Paragraph>
      <Paragraph size="small">{t('reportsPages.suppression.charts')}</Paragraph>
    </section>
  );
}

/** "Kalenderjaar 2025 (01-01-2025 t/m 31-12-2025)." or the completed quarters of the running year. */
export function periodText(t: TFunction, report: Report): string {
  const p = report.period;
  const values = { year: p.year, from: formatDate(p.fromOn), to: formatDate(p.toOn) };
  return p.complete
    ? t('reportsPages.period.complete', values)
    : t('reportsPages.period.partial', { ...values, count: p.quarters });
}

export function generatedText(t: TFunction, report: Report): string {
  return t('reportsPages.period.generated', { at: formatDateTime(report.generatedAt) });
}

/** One section with its heading, description, table and chart (the reports page). */
export function SectionBlock({ report, section }: { report: Report; section: ReportSection }) {
  const { t } = useTranslation();
  const headingId = `rapport-${section.key}`;
  return (
    <section className="schakel-report-section" aria-labelledby={headingId}>
      <Heading level={2} size="level-3" id={headingId}>
        {sectionTitle(t, section)}
      </Heading>
      <Paragraph size="small" className="schakel-muted">
        {sectionDescription(t, section, report.year)}{' '}
        {section.key === 'signals-per-month' ? t('reportsPages.basis.month') : t(`reportsPages.basis.${section.basis}`)}
      </Paragraph>
      {section.available ? (
        <div className="schakel-report-section__body">
          <SectionTable report={report} section={section} />
          <SectionChart report={report} section={section} tablePosition="above" />
        </div>
      ) : (
        <Paragraph>{t('reportsPages.unavailable')}</Paragraph>
      )}
    </section>
  );
}
