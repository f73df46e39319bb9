/**
 * The annual report (reports:read): choose the year, read every section as a table and a chart, and
 * download the same report as CSV or have its PDF prepared (an export on the server's job queue, issue 9
 * point 3). Only aggregates; small counts arrive suppressed from the API.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { annualReportCsvUrl, getAnnualReport, startAnnualReportPdf } from '../../api/reports.js';
import { Badge, Button, Heading, Paragraph } from '../../components/ams.js';
import { ExportPanel } from '../../components/export-panel.js';
import { FormActions, fieldId, SelectField } from '../../components/form.js';
import { LoadError, Notice, PageHeader } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { useLoad } from '../../lib/use-load.js';
import { paths } from '../../paths.js';
import { generatedText, periodText, SectionBlock, SuppressionLegend, sectionTitle } from './report-parts.js';

const YEARS_OFFERED = 10;

/** Today's year and month in the Netherlands. */
function todayInNl(): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(new Date());
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month') };
}

/** The latest year with at least one ended quarter: this year from April, otherwise the last one. */
export function latestReportableYear(): number {
  const { year, month } = todayInNl();
  return month >= 4 ? year : year - 1;
}

export function ReportsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const latest = latestReportableYear();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= latest + 1 ? asked : latest;
  const [draft, setDraft] = useState(String(year));
  const report = useLoad(() => getAnnualReport(year), [year]);
  const years = Array.from({ length: YEARS_OFFERED }, (_, i) => String(latest - i));
  if (!years.includes(String(year))) years.unshift(String(year));
  const yearField = { name: 'year', id: fieldId('report', 'year'), label: t('reportsPages.reports.year') };

  function show(event: FormEvent) {
    event.preventDefault();
    setParams({ year: draft });
  }

  const noQuarter = report.error instanceof ApiError && report.error.status === 422;
  const data = report.data?.year === year ? report.data : null;

  return (
    <>
      <PageHeader
        title={t('reportsPages.reports.title')}
        intro={t('reportsPages.reports.intro')}
        actions={
          <Link className="ams-link" to={paths.dashboard}>
            {t('reportsPages.reports.toDashboard')}
          </Link>
        }
      />
      <form
        className="schakel-form schakel-filters"
        noValidate
        onSubmit={show}
        aria-label={t('reportsPages.reports.form')}
      >
        <SelectField
          spec={yearField}
          hint={t('reportsPages.reports.yearHint')}
          value={draft}
          onValue={setDraft}
          options={years.map((y) => ({ value: y, label: y }))}
        />
        <FormActions>
          <Button type="submit">{t('reportsPages.reports.show')}</Button>
        </FormActions>
      </form>

      {noQuarter && (
        <Notice severity="warning" heading={t('reportsPages.reports.noQuarter', { year })} live>
          <Paragraph>{t('reportsPages.reports.noQuarterText')}</Paragraph>
        </Notice>
      )}
      {report.error !== null && !noQuarter && <LoadError error={report.error} onRetry={() => void report.reload()} />}
      <p className="schakel-visually-hidden" role="status">
        {data && !report.loading ? t('reportsPages.reports.loaded', { year }) : ''}
      </p>
      {report.loading && <Loading />}
      {data && !report.loading && (
        <>
          <div className="schakel-report-meta">
            <Paragraph>
              {periodText(t, data)} {generatedText(t, data)}{' '}
              {data.demo && <Badge label={t('reportsPages.period.demo')} color="yellow" />}
            </Paragraph>
          </div>
          <section className="schakel-report-downloads" aria-labelledby="rapport-downloads">
            <Heading level={2} size="level-4" id="rapport-downloads">
              {t('reportsPages.reports.downloads')}
            </Heading>
            <ul className="schakel-report-downloads__list">
              <li>
                <a className="ams-link" href={annualReportCsvUrl(year)} download>
                  {t('reportsPages.reports.downloadCsv', { year })}
                </a>
              </li>
            </ul>
            <PdfExport year={year} />
          </section>
          <SuppressionLegend />
          <nav className="schakel-report-contents" aria-labelledby="rapport-inhoud">
            <Heading level={2} size="level-4" id="rapport-inhoud">
              {t('reportsPages.reports.contents')}
            </Heading>
            <ol className="schakel-report-contents__list">
              {data.sections.map((s) => (
                <li key={s.key}>
                  <a className="ams-link" href={`#rapport-${s.key}`}>
                    {sectionTitle(t, s)}
                  </a>
                </li>
              ))}
            </ol>
          </nav>
          {data.sections.map((s) => (
            <SectionBlock key={s.key} report={data} section={s} />
          ))}
        </>
      )}
    </>
  );
}

/** The report's PDF: prepared by the server's job queue, then downloaded by this user while it lasts. */
function PdfExport({ year }: { year: number }) {
  const { t } = useTranslation();
  return (
    <ExportPanel
      start={() => startAnnualReportPdf(year)}
      resetKey={String(year)}
      texts={{
        start: t('reportsPages.reports.pdfStart', { year }),
        note: t('reportsPages.reports.pdfNote'),
        queued: t('reportsPages.reports.pdfQueued'),
        running: () => t('reportsPages.reports.pdfRunning'),
        done: () => t('reportsPages.reports.pdfDone'),
        download: (size) => t('reportsPages.reports.downloadPdf', { year, size }),
        until: (until) => t('reportsPages.reports.pdfUntil', { until }),
        failed: t('reportsPages.reports.pdfFailed'),
        expired: t('reportsPages.reports.pdfExpired'),
      }}
    />
  );
}
