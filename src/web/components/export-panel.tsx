/**
 * An asynchronous export on a page (issue 9 point 3): the user starts it, a job on the server builds it,
 * its state is shown as it goes (queued, running with progress, done, failed, expired), and a download
 * link once it is ready — for this user only, until it expires. The access-log CSV and the yearly report
 * PDF use it; the page hands in its texts (from the catalogue), as what is being made differs per kind.
 */
import { useEffect, useState } from 'react';
import { type ExportJob, exportContentHref, getExport } from '../api/exports.js';
import { formatBytes, formatDateTime } from '../lib/format.js';
import { Button, Paragraph } from './ams.js';

/** The texts of one kind of export, every one from the catalogue. */
export interface ExportTexts {
  start: string;
  note: string;
  queued: string;
  running: (job: ExportJob) => string;
  done: (job: ExportJob) => string;
  /** The link's text, with the file's size. */
  download: (size: string) => string;
  until: (until: string) => string;
  failed: string;
  expired: string;
}

const POLL_MS = 600;

export function ExportPanel({
  start,
  resetKey,
  texts,
}: {
  /** Starts the export on the server (POST /exports with the kind and its parameters). */
  start: () => Promise<ExportJob>;
  /** Another value (other filters, another year) means another export: the state starts over. */
  resetKey: string;
  texts: ExportTexts;
}) {
  const [job, setJob] = useState<ExportJob | null>(null);
  const [failed, setFailed] = useState(false);
  const [starting, setStarting] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: resetKey stands for what is exported
  useEffect(() => {
    setJob(null);
    setFailed(false);
  }, [resetKey]);
  useEffect(() => {
    if (!job || (job.status !== 'queued' && job.status !== 'running')) return;
    const timer = setTimeout(() => {
      getExport(job.id).then(setJob, () => setFailed(true));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job]);

  async function run() {
    setStarting(true);
    setFailed(false);
    try {
      setJob(await start());
    } catch {
      setFailed(true);
    } finally {
      setStarting(false);
    }
  }

  const busy = starting || job?.status === 'queued' || job?.status === 'running';
  return (
    <div className="schakel-export">
      <Paragraph>
        <Button variant="secondary" onClick={() => void run()} disabled={busy}>
          {texts.start}
        </Button>{' '}
        <span className="schakel-export__aside">{texts.note}</span>
      </Paragraph>
      <Paragraph role="status" aria-live="polite">
        {statusText(texts, job, failed)}
        {job?.status === 'done' && job.bytes !== null && (
          <>
            {' '}
            {/* The server names the file (Content-Disposition), e.g. with the report's period. */}
            <a className="ams-link" href={exportContentHref(job.id)} download>
              {texts.download(formatBytes(job.bytes))}
            </a>{' '}
            <span className="schakel-export__aside">{texts.until(formatDateTime(job.expiresAt))}</span>
          </>
        )}
      </Paragraph>
    </div>
  );
}

/** The sentence for the export's state (empty before it is started). */
function statusText(texts: ExportTexts, job: ExportJob | null, failed: boolean): string {
  if (failed || job?.status === 'failed') return texts.failed;
  switch (job?.status) {
    case 'queued':
      return texts.queued;
    case 'running':
      return texts.running(job);
    case 'done':
      return texts.done(job);
    case 'expired':
      return texts.expired;
    default:
      return '';
  }
}
