/** The report as CSV (one file, a section column) and as PDF. */
import { toCsv } from '../../platform/csv.js';
import { type Content, renderPdf } from '../../platform/pdf.js';
import type { Report } from './service.js';

const PERIOD_NL = (r: Report) =>
  r.period.complete
    ? `Kalenderjaar ${r.year}`
    : `${r.year}, ${r.period.quarters === 1 ? 'eerste kwartaal' : `eerste ${r.period.quarters} kwartalen`} (t/m ${r.period.toOn})`;

/** What a section's values are: counts (through the small-cell guard) or amounts in euro cents. */
const unitOf = (s: Report['sections'][number]) => (s.basis === 'budget' ? 'cents' : 'count');

const euros = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
/** A cell as the PDF shows it: counts as published, budgets in euros. */
const cellText = (s: Report['sections'][number], v: number | string) =>
  s.basis === 'budget' && typeof v === 'number' ? euros.format(v / 100) : String(v);

/**
 * Long format, one line per cell, so that every section fits one header. The unit column says what a
 * value is: "count" (a guarded count, or "<5"/"x") or "cents" (a budget in euro cents).
 */
export function reportCsv(report: Report): string {
  const records: string[][] = [];
  for (const s of report.sections) {
    if (!s.available) {
      records.push([s.key, s.title, '', '', '', '', 'niet beschikbaar', unitOf(s)]);
      continue;
    }
    for (const row of s.rows) {
      row.values.forEach((value, i) => {
        const column = s.columns[i];
        records.push([
          s.key,
          s.title,
          row.key,
          row.label,
          column?.key ?? '',
          column?.label ?? '',
          String(value),
          unitOf(s),
        ]);
      });
    }
  }
  return toCsv(records, {
    columns: ['section', 'sectionTitle', 'row', 'rowLabel', 'column', 'columnLabel', 'value', 'unit'],
    byteOrderMark: true,
  });
}

export function reportFileName(report: Report, extension: 'csv' | 'pdf'): string {
  const through = report.period.complete ? '' : `-t-m-q${report.period.quarters}`;
  return `jaarrapportage-${report.year}${through}.${extension}`;
}

export async function reportPdf(report: Report): Promise<Buffer> {
  const content: Content[] = [{ text: report.suppression.note, style: 'muted', margin: [0, 0, 0, 8] }];
  for (const s of report.sections) {
    content.push({ text: s.title, style: 'h2' });
    content.push({ text: s.description, style: 'muted', margin: [0, 0, 0, 4] });
    if (!s.available) continue;
    const header = [
      { text: '', style: 'label' },
      ...s.columns.map((c) => ({ text: c.label, style: 'label', alignment: 'right' })),
    ];
    const body = s.rows.map((row) => [
      { text: row.label, bold: row.isTotal },
      ...row.values.map((v) => ({ text: cellText(s, v), alignment: 'right', bold: row.isTotal })),
    ]);
    content.push({
      table: {
        headerRows: 1,
        widths: ['*', ...s.columns.map(() => 'auto')],
        body: [header, ...body],
      },
      layout: 'lightHorizontalLines',
      fontSize: s.columns.length > 5 ? 8 : 9,
    } as Content);
  }
  return renderPdf({
    title:
      report.kind === 'annual' ? `Jaarrapportage aanpak radicalisering ${report.year}` : `Dashboard ${report.year}`,
    subtitle: `${PERIOD_NL(report)} · geaggregeerde aantallen, zonder persoonsgegevens`,
    content,
    demo: report.demo,
    generatedAt: new Date(report.generatedAt),
    // Every figure passed the small-cell guard: the page header says so, not "bevat persoonsgegevens".
    containsPersonalData: false,
  });
}
