/**
 * Asynchronous exports (issue 9 point 3): the server builds the file on its job queue; the page starts
 * it, follows its state and offers the download — to the user who started it only, until it expires.
 * Kinds: the access-log search as CSV (access-log:read) and the yearly report as PDF (reports:read).
 */
import { API_BASE, api } from './client.js';
import type { AccessLogFilters } from './privacy.js';

const enc = encodeURIComponent;

export type ExportKind = 'access-log-csv' | 'annual-report-pdf';
export type ExportStatus = 'queued' | 'running' | 'done' | 'failed' | 'expired';

/** An asynchronous export (built by a job; only its own user downloads it, until it expires). */
export interface ExportJob {
  id: string;
  kind: ExportKind;
  status: ExportStatus;
  rowsDone: number;
  rowsTotal: number | null;
  bytes: number | null;
  createdAt: string;
  finishedAt: string | null;
  expiresAt: string;
}

/** What to export: the kind with its own parameters. */
export type ExportStart =
  | { kind: 'access-log-csv'; filters: AccessLogFilters }
  | { kind: 'annual-report-pdf'; year: number };

export const startExport = (body: ExportStart) => api.post<ExportJob>('/exports', body);
export const getExport = (id: string) => api.get<ExportJob>(`/exports/${enc(id)}`);
export const exportContentHref = (id: string) => `${API_BASE}/exports/${enc(id)}/content`;
