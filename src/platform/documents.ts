/**
 * One document model, two renderings: a letter or file built once as headings, paragraphs, small
 * print and tables becomes a PDF (pdfmake, through ./pdf.ts) and an editable Word document (docx), so
 * that both say exactly the same. Callers build the model from already need-to-know-filtered data.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { formatDateTimeNl } from '../shared/labels/index.js';
import { type Content, pdfMarking, renderPdf } from './pdf.js';

export type DocBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'small'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'table'; header: string[]; rows: string[][] };

export interface DocModel {
  title: string;
  subtitle?: string;
  blocks: DocBlock[];
  demo: boolean;
  generatedAt: Date;
  containsPersonalData?: boolean;
}

function pdfBlock(b: DocBlock): Content {
  switch (b.kind) {
    case 'heading':
      return { text: b.text, style: 'h2' };
    case 'subheading':
      return { text: b.text, style: 'h3' };
    case 'paragraph':
      return { text: b.text, margin: [0, 0, 0, 4] };
    case 'small':
      return { text: b.text, style: 'muted' };
    case 'note':
      return { text: b.text, italics: true, margin: [0, 0, 0, 4] };
    case 'table':
      return {
        table: {
          headerRows: 1,
          widths: b.header.map(() => '*'),
          body: [b.header.map((h) => ({ text: h, bold: true })), ...b.rows],
        },
        fontSize: 8,
        margin: [0, 4, 0, 8],
      };
  }
}

function pdfContent(blocks: DocBlock[]): Content[] {
  return blocks.map(pdfBlock);
}

export function renderDocPdf(model: DocModel): Promise<Buffer> {
  return renderPdf({
    title: model.title,
    subtitle: model.subtitle,
    content: pdfContent(model.blocks),
    demo: model.demo,
    generatedAt: model.generatedAt,
    containsPersonalData: model.containsPersonalData,
  });
}

/** Paragraphs for a text with line breaks (Word keeps them as breaks within one paragraph). */
function runs(text: string, options: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}) {
  return text.split('\n').map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...options }));
}

export async function renderDocDocx(model: DocModel): Promise<Buffer> {
  const marking = pdfMarking(model);
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs(model.title) }),
  ];
  if (model.subtitle) children.push(new Paragraph({ children: runs(model.subtitle, { color: '333333' }) }));
  for (const b of model.blocks) {
    switch (b.kind) {
      case 'heading':
        children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(b.text) }));
        break;
      case 'subheading':
        children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: runs(b.text) }));
        break;
      case 'paragraph':
        children.push(new Paragraph({ children: runs(b.text) }));
        break;
      case 'small':
        children.push(new Paragraph({ children: runs(b.text, { size: 16, color: '5A5A5A' }) }));
        break;
      case 'note':
        children.push(new Paragraph({ children: runs(b.text, { italics: true }) }));
        break;
      case 'table': {
        const cell = (text: string, bold = false) =>
          new TableCell({ children: [new Paragraph({ children: runs(text, { bold, size: 16 }) })] });
        const border = { style: BorderStyle.SINGLE, size: 1, color: 'BBBBBB' };
        children.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: {
              top: border,
              bottom: border,
              left: border,
              right: border,
              insideHorizontal: border,
              insideVertical: border,
            },
            rows: [
              new TableRow({ tableHeader: true, children: b.header.map((h) => cell(h, true)) }),
              ...b.rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
            ],
          }),
        );
        break;
      }
    }
  }
  const doc = new Document({
    creator: 'Schakel',
    title: model.title,
    styles: { default: { document: { run: { font: 'Calibri', size: 20 } } } },
    sections: [
      {
        headers: {
          default: new Header({
            children: [new Paragraph({ children: runs(marking, { size: 16, color: '5A5A5A' }) })],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({ text: `Schakel · ${formatDateTimeNl(model.generatedAt)} · Pagina `, size: 16 }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 16 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
