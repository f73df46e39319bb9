/**
 * The executive dashboard (reports:read; in the navigation for the executive): the report's aggregates
 * for the running year through its last ended quarter, as key figures and a few charts. Each chart has
 * its table right below it (in a disclosure) as the text alternative.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type GuardedCount, getDashboard, isShown, type Report, type ReportSection } from '../../api/reports.js';
import { Badge, Heading, Paragraph } from '../../components/ams.js';
import { LoadError, PageHeader } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { useLoad } from '../../lib/use-load.js';
import { paths } from '../../paths.js';
import {
  Count,
  generatedText,
  periodText,
  SectionChart,
  SectionTable,
  SuppressionLegend,
  sectionTitle,
} from './report-parts.js';

/** The sections drawn on the dashboard, in this order. */
const CHARTS = ['signals-per-month', 'cases-by-phase', 'cases-by-escalation-level', 'interventions-run'] as const;

type FigureKey =
  | 'signals'
  | 'triage'
  | 'casesOpened'
  | 'casesActive'
  | 'interventionsRun'
  | 'trainingParticipants'
  | 'budget';

/** Each key figure is the total of a section: its total row, in the margin (last) column. */
const FIGURES: ReadonlyArray<{ key: FigureKey; section: string }> = [
  { key: 'signals', section: 'signals-by-ideology' },
  { key: 'triage', section: 'triage-decisions' },
  { key: 'casesOpened', section: 'cases-by-target-group' },
  { key: 'casesActive', section: 'cases-by-phase' },
  { key: 'interventionsRun', section: 'interventions-run' },
  { key: 'trainingParticipants', section: 'training-participants' },
  { key: 'budget', section: 'budget' },
];

function grandTotal(section: ReportSection | undefined): GuardedCount | undefined {
  if (!section?.available) return undefined;
  return section.rows.find((r) => r.isTotal)?.values.at(-1);
}

/** The quarter totals of a quarter table (empty for other tables). */
function quarterTotals(section: ReportSection | undefined): Array<{ key: string; value: GuardedCount }> {
  if (!section?.available || section.basis !== 'period') return [];
  const total = section.rows.find((r) => r.isTotal);
  return section.columns.flatMap((c, i) =>
    /^q[1-4]$/.test(c.key) && total ? [{ key: c.key, value: total.values[i] as GuardedCount }] : [],
  );
}

function KeyFigures({ report }: { report: Report }) {
  const { t } = useTranslation();
  const figures = FIGURES.map((f) => {
    const section = report.sections.find((s) => s.key === f.section);
    return {
      ...f,
      value: grandTotal(section),
      quarters: quarterTotals(section),
      cents: section?.basis === 'budget',
    };
  }).filter((f) => f.value !== undefined);
  return (
    <section className="schakel-section" aria-labelledby="dashboard-kerncijfers">
      <Heading level={2} id="dashboard-kerncijfers">
        {t('reportsPages.dashboard.keyFigures')}
      </Heading>
      <dl className="schakel-key-figures">
        {figures.map((f) => (
          <div key={f.key} className="schakel-key-figure">
            <dt className="schakel-key-figure__label">{t(`reportsPages.dashboard.figures.${f.key}`)}</dt>
            <dd className="schakel-key-figure__value">
              <Count value={f.value} cents={f.cents} />
            </dd>
            {!isShown(f.value) && (
              <dd className="schakel-key-figure__note">{t('reportsPages.dashboard.figureHidden')}</dd>
            )}
            {f.quarters.length > 1 && (
              <dd className="schakel-key-figure__quarters">
                {f.quarters.map((q) => (
                  <span key={q.key} className="schakel-key-figure__quarter">
                    <span aria-hidden="true">{t(`reportsPages.quartersShort.${q.key}`)}</span>
                    <span className="schakel-visually-hidden">{t(`reportsPages.columns.${q.key}`)}:</span>{' '}
                    <Count value={q.value} />
                  </span>
                ))}
              </dd>
            )}
          </div>
        ))}
      </dl>
    </section>
  );
}

function ChartWithTable({ report, section }: { report: Report; section: ReportSection }) {
  const { t } = useTranslation();
  const id = `dashboard-${section.key}`;
  return (
    <section className="schakel-dashboard-chart" aria-labelledby={id}>
      <Heading level={3} size="level-4" id={id}>
        {sectionTitle(t, section)}
      </Heading>
      <SectionChart report={report} section={section} tablePosition="below" />
      <details className="schakel-details schakel-dashboard-chart__table">
        <summary>{t('reportsPages.dashboard.showTable', { title: sectionTitle(t, section) })}</summary>
        <SectionTable report={report} section={section} />
      </details>
    </section>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const dashboard = useLoad(getDashboard, []);
  const data = dashboard.data;
  const charts = data
    ? CHARTS.map((key) => data.sections.find((s) => s.key === key)).filter(
        (s): s is ReportSection => s?.available === true,
      )
    : [];
  return (
    <>
      <PageHeader title={t('reportsPages.dashboard.title')} intro={t('reportsPages.dashboard.intro')} />
      {dashboard.error !== null && <LoadError error={dashboard.error} onRetry={() => void dashboard.reload()} />}
      {dashboard.loading && !data && <Loading />}
      {data && (
        <>
          <Paragraph>
            {periodText(t, data)} {generatedText(t, data)}{' '}
            {data.demo && <Badge label={t('reportsPages.period.demo')} color="yellow" />}
          </Paragraph>
          <KeyFigures report={data} />
          <section className="schakel-section" aria-labelledby="dashboard-grafieken">
            <Heading level={2} id="dashboard-grafieken">
              {t('reportsPages.dashboard.charts')}
            </Heading>
            <div className="schakel-dashboard-charts">
              {charts.map((s) => (
                <ChartWithTable key={s.key} report={data} section={s} />
              ))}
            </div>
          </section>
          <SuppressionLegend />
          <Paragraph>
            <Link className="ams-link" to={`${paths.reports}?year=${data.year}`}>
              {t('reportsPages.dashboard.fullReport', { year: data.year })}
            </Link>
          </Paragraph>
        </>
      )}
    </>
  );
}
