/**
 * The admin's view of background jobs that failed after their retries (src/modules/exports/routes.ts,
 * GET /jobs/failed and POST /jobs/failed/{id}/retry): the dead letters of the job queue.
 */
import { api } from './client.js';

export interface FailedJob {
  id: string;
  /** The kind of job; shown through the label catalogue (jobNames). */
  job: string;
  /** True for a job of the whole installation (retention, maintenance), not of one region. */
  installationWide: boolean;
  attempts: number;
  failedAt: string;
  /** The error class and message: technical, never personal data. */
  error: string;
}

export const listFailedJobs = () => api.get<{ items: FailedJob[] }>('/jobs/failed');
export const retryFailedJob = (id: string) => api.post<null>(`/jobs/failed/${encodeURIComponent(id)}/retry`);
