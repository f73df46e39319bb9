/**
 * Reports and the executive dashboard (src/modules/reports): aggregates only, every count through the
 * small-cell guard. A published count is a number, "<5" (0–4) or "x" (withheld to protect a small count).
 */
import { API_BASE, api } from './client.js';
import { startExport } from './exports.js';

export type GuardedCount = number | '<5' | 'x';
export const SMALL = '<5';
export const WITHHELD = 'x';

export interface ReportColumn {
  key: string;
  label: string;
}

export interface ReportRow {
  key: string;
  label: string;
  isTotal: boolean;
  values: GuardedCount[];
}

export interface ReportSection {
  key: string;
  title: string;
  description: string;
  /**
   * period: counts per quarter (and the year); snapshot: state on the day of the report; activity:
   * numbers of activities; budget: amounts in euro cents (money, not counts: never suppressed).
   */
  basis: 'period' | 'snapshot' | 'activity' | 'budget';
  /** False when the installation does not keep this data; columns and rows are then empty. */
  available: boolean;
  columns: ReportColumn[];
  rows: ReportRow[];
}

export interface ReportPeriod {
  year: number;
  /** Completed quarters in the report (1–4). */
  quarters: number;
  fromOn: string;
  toOn: string;
  complete: boolean;
}

export interface Report {
  kind: 'annual' | 'dashboard';
  year: number;
  period: ReportPeriod;
  generatedAt: string;
  demo: boolean;
  suppression: { threshold: number; note: string };
  sections: ReportSection[];
}

export const getAnnualReport = (year: number) => api.get<Report>('/reports/annual', { query: { year } });
export const getDashboard = () => api.get<Report>('/dashboard');

export const annualReportCsvUrl = (year: number) => `${API_BASE}/reports/annual.csv?year=${year}`;
/** The PDF is made on the server's job queue (src/web/api/exports.ts), no longer inside the request. */
export const startAnnualReportPdf = (year: number) => startExport({ kind: 'annual-report-pdf', year });

/** Whether a published value is a real number (not suppressed). */
export const isShown = (v: GuardedCount | undefined): v is number => typeof v === 'number';
