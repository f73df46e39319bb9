import { createRequire } from 'node:module';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';

const require = createRequire(import.meta.url);
// pdfmake's server build is CommonJS; it ships the Roboto fonts.
const pdfmake = require('pdfmake') as {
  setFonts(fonts: unknown): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
};
const fontDir = `${require.resolve('pdfmake/fonts/Roboto.js').replace(/Roboto\.js$/, '')}Roboto/`;
pdfmake.setFonts({
  Roboto: {
    normal: `${fontDir}Roboto-Regular.ttf`,
    bold: `${fontDir}Roboto-Medium.ttf`,
    italics: `${fontDir}Roboto-Italic.ttf`,
    bolditalics: `${fontDir}Roboto-MediumItalic.ttf`,
  },
});
// Most documents hold personal data: never fetch anything from the network, read only the fonts.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir));

export type { Content };

/** The line on top of every page of a document about named people (case files, minutes, subject access). */
export const PERSONAL_DATA_MARKING = 'Vertrouwelijk — bevat persoonsgegevens';
/** The line on top of every page of an aggregate report: only counts that passed the small-cell guard. */
export const AGGREGATE_MARKING = 'Alleen geaggregeerde, geanonimiseerde aantallen — bevat geen persoonsgegevens';

export interface PdfOptions {
  title: string;
  subtitle?: string;
  content: Content[];
  demo: boolean;
  generatedAt: Date;
  /**
   * Whether the document holds personal data. Defaults to true, so that a document is never marked as
   * free of personal data by omission; only aggregate reports (src/modules/reports) pass false.
   */
  containsPersonalData?: boolean;
}

/** The marking on top of every page. */
export function pdfMarking(options: Pick<PdfOptions, 'demo' | 'containsPersonalData'>): string {
  const demo = options.demo ? 'DEMO — fictieve gegevens · ' : '';
  return `${demo}${options.containsPersonalData === false ? AGGREGATE_MARKING : PERSONAL_DATA_MARKING}`;
}

/**
 * Renders a Schakel document: the title, a marking line on every page (confidential personal data, or
 * aggregate figures only), page numbers, and the demo marking when the region is a demo. Callers build
 * `content` from already need-to-know-filtered data (process-director-only items are filtered in the
 * query, not here).
 */
export async function renderPdf(options: PdfOptions): Promise<Buffer> {
  const marking = pdfMarking(options);
  const doc: TDocumentDefinitions = {
    info: { title: options.title, creator: 'Schakel', producer: 'Schakel' },
    pageSize: 'A4',
    pageMargins: [48, 60, 48, 60],
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25 },
    header: {
      text: marking,
      margin: [48, 24, 48, 0],
      fontSize: 8,
      color: '#5a5a5a',
    },
    footer: (page: number, pages: number) => ({
      columns: [
        {
          text: `Schakel · ${options.generatedAt.toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' })}`,
          fontSize: 8,
          color: '#5a5a5a',
        },
        { text: `Pagina ${page} van ${pages}`, alignment: 'right', fontSize: 8, color: '#5a5a5a' },
      ],
      margin: [48, 20, 48, 0],
    }),
    styles: {
      title: { fontSize: 18, bold: true, color: '#154273', margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 11, color: '#333333', margin: [0, 0, 0, 16] },
      h2: { fontSize: 13, bold: true, color: '#154273', margin: [0, 14, 0, 6] },
      h3: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
      label: { bold: true },
      muted: { color: '#5a5a5a', fontSize: 9 },
    },
    content: [
      { text: options.title, style: 'title' },
      ...(options.subtitle ? [{ text: options.subtitle, style: 'subtitle' }] : []),
      ...options.content,
    ],
  };
  return pdfmake.createPdf(doc).getBuffer();
}
