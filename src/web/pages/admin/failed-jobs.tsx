/**
 * Failed background jobs (the dead-letter view of the job queue, issue 9): the admin sees which jobs of
 * the region — and of the whole installation — failed after their retries, and runs a region's job
 * again once its cause is mended. Installation-wide jobs run again at their next scheduled time.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FailedJob, listFailedJobs, retryFailedJob } from '../../api/jobs.js';
import { Button, Paragraph } from '../../components/ams.js';
import { DataTable, LoadError, Notice, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';

export function FailedJobsPage() {
  const { t } = useTranslation();
  const jobs = useLoad(() => listFailedJobs().then((r) => r.items), []);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function retry(job: FailedJob) {
    setBusy(job.id);
    try {
      await retryFailedJob(job.id);
      setMessage({ ok: true, text: t('failedJobs.retried', { job: jobName(job) }) });
      await jobs.reload();
    } catch {
      setMessage({ ok: false, text: t('failedJobs.retryFailed') });
    } finally {
      setBusy(null);
    }
  }

  const jobName = (job: FailedJob) => t(`jobNames.${job.job}`, { defaultValue: t('failedJobs.otherJob') });

  return (
    <>
      <PageHeader title={t('failedJobs.title')} intro={t('failedJobs.intro')} />
      {message && (
        <Notice severity={message.ok ? 'success' : 'error'} heading={message.text} live>
          {null}
        </Notice>
      )}
      {jobs.error !== null && <LoadError error={jobs.error} onRetry={() => void jobs.reload()} />}
      {jobs.loading && !jobs.data && <Loading />}
      {jobs.data && jobs.data.length === 0 && <Paragraph>{t('failedJobs.none')}</Paragraph>}
      {jobs.data && jobs.data.length > 0 && (
        <DataTable
          caption={t('failedJobs.caption')}
          head={
            <>
              <Th>{t('failedJobs.job')}</Th>
              <Th>{t('failedJobs.scope')}</Th>
              <Th>{t('failedJobs.failedAt')}</Th>
              <Th align="end">{t('failedJobs.attempts')}</Th>
              <Th>{t('failedJobs.detail')}</Th>
              <Th>{t('common.actions')}</Th>
            </>
          }
        >
          {jobs.data.map((job) => (
            <Tr key={job.id}>
              <Td>{jobName(job)}</Td>
              <Td>{job.installationWide ? t('failedJobs.installation') : t('failedJobs.region')}</Td>
              <Td>{formatDateTime(job.failedAt)}</Td>
              <Td align="end">{job.attempts}</Td>
              <Td>
                <details>
                  <summary>{t('failedJobs.showDetail')}</summary>
                  <span lang="en">{job.error || t('failedJobs.noDetail')}</span>
                </details>
              </Td>
              <Td>
                {job.installationWide ? (
                  t('failedJobs.nextRun')
                ) : (
                  <Button variant="secondary" disabled={busy !== null} onClick={() => void retry(job)}>
                    {t('failedJobs.retry')}
                    <span className="schakel-visually-hidden"> {jobName(job)}</span>
                  </Button>
                )}
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
