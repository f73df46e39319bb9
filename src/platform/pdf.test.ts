/** The shared document renderer: what every page says about the data it holds. */
import { describe, expect, it } from 'vitest';
import { AGGREGATE_MARKING, PERSONAL_DATA_MARKING, renderPdf } from './pdf.js';
import { pdfText } from './test-support.js';

const render = (extra: { containsPersonalData?: boolean; demo?: boolean } = {}) =>
  renderPdf({
    title: 'Testdocument één',
    subtitle: 'Ondertitel',
    content: [{ text: 'Eerste regel van de inhoud' }, { text: 'Tweede regel: <5 en x' }],
    demo: extra.demo ?? false,
    generatedAt: new Date('2026-01-05T10:00:00Z'),
    ...(extra.containsPersonalData === undefined ? {} : { containsPersonalData: extra.containsPersonalData }),
  });

describe('renderPdf', () => {
  it('marks a document as holding personal data unless told otherwise (case files, minutes, subject access)', async () => {
    const text = pdfText(await render());
    expect(text.split('\n')).toContain(PERSONAL_DATA_MARKING);
    expect(text).toContain('Testdocument één');
    expect(text).toContain('Tweede regel: <5 en x');
    expect(text).toContain('Pagina 1 van 1');
    expect(text).not.toContain('geaggregeerde');
    expect(pdfText(await render({ containsPersonalData: true }))).toContain('Vertrouwelijk — bevat persoonsgegevens');
  });

  it('marks an aggregate report as holding only aggregate, anonymised figures', async () => {
    const text = pdfText(await render({ containsPersonalData: false }));
    expect(text.split('\n')).toContain(AGGREGATE_MARKING);
    expect(text).toContain('geaggregeerde, geanonimiseerde aantallen');
    expect(text).not.toContain('bevat persoonsgegevens');
  });

  it('keeps the demo marking in front of either line', async () => {
    expect(pdfText(await render({ demo: true })).split('\n')).toContain(
      `DEMO — fictieve gegevens · ${PERSONAL_DATA_MARKING}`,
    );
    expect(pdfText(await render({ demo: true, containsPersonalData: false })).split('\n')).toContain(
      `DEMO — fictieve gegevens · ${AGGREGATE_MARKING}`,
    );
  });
});
