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
// Documents hold personal data: never fetch anything from the network, read only the fonts.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir));

export type { Content };

/**
 * Renders a Schakel document: the title, a confidentiality line on every page, page numbers, and the
 * demo marking when the region is a demo. Callers build `content` from already need-to-know-filtered
 * data (process-director-only items are filtered in the query, not here).
 */
export async function renderPdf(options: {
  title: string;
  subtitle?: string;
  content: Content[];
  demo: boolean;
  generatedAt: Date;
}): Promise<Buffer> {
  const marking = options.demo ? 'DEMO — fictieve gegevens · ' : '';
  const doc: TDocumentDefinitions = {
    info: { title: options.title, creator: 'Schakel', producer: 'Schakel' },
    pageSize: 'A4',
    pageMargins: [48, 60, 48, 60],
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25 },
    header: {
      text: `${marking}Vertrouwelijk — bevat persoonsgegevens`,
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
