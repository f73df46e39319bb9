/**
 * Test support for documents: the text of a PDF as Schakel renders it (pdfmake/pdfkit: Flate-compressed
 * content streams, embedded Type0 fonts with Identity-H encoding and a ToUnicode map). Enough to assert
 * what a reader sees on the page; not a general PDF parser. Not part of the build (see tsconfig.build.json).
 */
import { inflateSync } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objects(bytes: Buffer): Map<number, PdfObject> {
  const text = bytes.toString('latin1');
  const found = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\b([\s\S]*?)endobj/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2] as string;
    const start = body.search(/stream\r?\n/);
    if (start < 0) {
      found.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, start);
    const dataStart = start + (body[start + 6] === '\r' ? 8 : 7);
    // The stream's /Length when it is given directly; otherwise up to the end-of-line before
    // "endstream" (only that one line end: compressed data may itself end in a 0x0D byte).
    const length = /\/Length (\d+)(?!\d|\s+\d+\s+R)/.exec(dict);
    const raw = length
      ? body.slice(dataStart, dataStart + Number(length[1]))
      : body.slice(dataStart, body.lastIndexOf('endstream')).replace(/\n$/, '');
    let data = Buffer.from(raw, 'latin1');
    if (/\/FlateDecode/.test(dict)) data = inflateSync(data);
    found.set(Number(m[1]), { dict, stream: data });
  }
  return found;
}

const utf16 = (hex: string) => {
  const clean = hex.replace(/\s+/g, '');
  const units: number[] = [];
  for (let i = 0; i < clean.length; i += 4) units.push(Number.parseInt(clean.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
};

/** A ToUnicode CMap: glyph code → text (bfchar and both forms of bfrange). */
function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const re = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g;
    for (const m of (block[1] as string).matchAll(re)) {
      const from = Number.parseInt(m[1] as string, 16);
      const to = Number.parseInt(m[2] as string, 16);
      const target = m[3] as string;
      if (target.startsWith('[')) {
        const items = [...target.matchAll(/<([0-9a-fA-F\s]+)>/g)].map((x) => utf16(x[1] as string));
        for (let code = from; code <= to; code++) map.set(code, items[code - from] ?? '');
      } else {
        const base = utf16(target.slice(1, -1));
        const last = base.charCodeAt(base.length - 1);
        for (let code = from; code <= to; code++) {
          map.set(code, base.slice(0, -1) + String.fromCharCode(last + code - from));
        }
      }
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of (block[1] as string).matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) {
      map.set(Number.parseInt(m[1] as string, 16), utf16(m[2] as string));
    }
  }
  return map;
}

/**
 * The text of every page, one line per text line (words that pdfmake draws separately on the same
 * baseline are joined again). Page headers and footers are included.
 */
export function pdfText(bytes: Buffer): string {
  const objs = objects(bytes);
  // Font object → its glyph map.
  const fontMaps = new Map<number, Map<number, string>>();
  for (const [num, obj] of objs) {
    const ref = /\/ToUnicode (\d+) 0 R/.exec(obj.dict);
    const cmap = ref ? objs.get(Number(ref[1]))?.stream : undefined;
    if (cmap) fontMaps.set(num, parseCmap(cmap.toString('latin1')));
  }
  // Resource name (/F1) → glyph map; pdfkit names fonts once per document.
  const byName = new Map<string, Map<number, string>>();
  for (const obj of objs.values()) {
    for (const m of obj.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const map = fontMaps.get(Number(m[2]));
      if (map) byName.set(m[1] as string, map);
    }
  }
  const contents = new Set<number>();
  for (const obj of objs.values()) {
    if (!/\/Type \/Page\b/.test(obj.dict)) continue;
    for (const m of obj.dict.matchAll(/\/Contents (\d+) 0 R/g)) contents.add(Number(m[1]));
  }
  const lines: string[] = [];
  for (const num of [...contents].sort((a, b) => a - b)) {
    const stream = objs.get(num)?.stream?.toString('latin1') ?? '';
    let font: Map<number, string> | undefined;
    let y: string | null = null;
    let line = '';
    const decode = (hex: string) => {
      let s = '';
      for (let i = 0; i + 4 <= hex.length; i += 4) s += font?.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? '';
      return s;
    };
    const ops =
      /\/(F\d+) [\d.]+ Tf|[\d.-]+ [\d.-]+ [\d.-]+ [\d.-]+ [\d.-]+ ([\d.-]+) Tm|\[([^\]]*)\] TJ|<([0-9a-fA-F]*)> Tj/g;
    for (const m of stream.matchAll(ops)) {
      if (m[1]) font = byName.get(m[1]);
      else if (m[2] !== undefined) {
        if (y !== null && m[2] !== y) {
          lines.push(line);
          line = '';
        }
        y = m[2];
      } else if (m[3] !== undefined) {
        for (const h of m[3].matchAll(/<([0-9a-fA-F]*)>/g)) line += decode(h[1] as string);
      } else if (m[4] !== undefined) line += decode(m[4]);
    }
    lines.push(line);
  }
  return lines
    .map((l) => l.trimEnd())
    .filter((l) => l !== '')
    .join('\n');
}

/** The text of a Word document (.docx): one line per paragraph, line breaks kept. */
export function docxText(bytes: Buffer): string {
  const files = unzipSync(new Uint8Array(bytes));
  const xml = strFromU8(files['word/document.xml'] ?? new Uint8Array());
  const decodeXml = (t: string) =>
    t
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&apos;', "'")
      .replaceAll('&amp;', '&');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) =>
      [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
        .map((m) => (m[1] === undefined ? '\n' : decodeXml(m[1])))
        .join(''),
    )
    .filter((l) => l.trim() !== '')
    .join('\n');
}

/**
 * What must never stand in a text a person reads: a UUID, an ISO date (yyyy-mm-dd) or time, or a
 * code (an enum value such as "returnee" or "closed_provisional"). Returns what was found.
 */
export function machineValuesIn(text: string, codes: readonly string[]): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi)) found.push(m[0]);
  for (const m of text.matchAll(/\b\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?\b/g)) found.push(m[0]);
  for (const code of codes) {
    if (new RegExp(`(^|[^\\p{L}_])${code}($|[^\\p{L}_])`, 'u').test(text)) found.push(code);
  }
  return found;
}
