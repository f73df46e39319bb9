/**
 * Attachments of a signal: allowed types checked on content (magic bytes), the 10 MiB limit, storage
 * encrypted at rest, download only for who sees the signal, and every read in the access log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, organisationId, pointersOf } from '../../../test/fixtures.js';
import { type Client, type Response, startTestApp, type TestApp } from '../../../test/harness.js';
import { classifyUpload, cleanFilename, contentDisposition } from './attachments.js';

let t: TestApp;
let director: Client;
let police: Client;
let ggz: Client;
let signalId: string;

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('fictieve-afbeelding-inhoud'),
]);
const PDF = Buffer.from('%PDF-1.7\nGEHEIM-KENMERK-12345 verslag van de wijkagent\n%%EOF\n');

beforeAll(async () => {
  t = await startTestApp();
  [director, police, ggz] = await Promise.all([
    t.signIn('regisseur@delft.demo'),
    t.signIn('politie@politie.demo'),
    t.signIn('ggz@ggz.demo'),
  ]);
  const municipalities = (await director.get('/api/v1/municipalities')).body.items as Array<{
    id: string;
    name: string;
  }>;
  const res = await police.post('/api/v1/signals', {
    municipalityId: municipalities.find((m) => m.name === 'Delft')?.id,
    sourceOrganisationId: await organisationId(director, 'Politie'),
    receivedOn: '2026-01-12',
    subjects: [{ newPerson: { firstName: 'Tim', lastName: 'Hoek' } }],
    ideology: 'left_wing',
    urgency: 'normal',
    description: 'Melding met bijlage.',
  });
  signalId = res.body.id;
});
afterAll(async () => {
  await t?.close();
});

/** Multipart upload through the real HTTP stack, with the client's cookie and CSRF token. */
async function upload(c: Client, id: string, filename: string, content: Buffer, field = 'file'): Promise<Response> {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(content)], { type: 'application/octet-stream' }), filename);
  const res = await fetch(`${t.baseUrl}/api/v1/signals/${id}/attachments`, {
    method: 'POST',
    headers: { cookie: c.cookie ?? '', 'x-csrf-token': c.csrfToken ?? '' },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

async function download(c: Client, id: string, attachmentId: string) {
  const res = await fetch(`${t.baseUrl}/api/v1/signals/${id}/attachments/${attachmentId}`, {
    headers: { cookie: c.cookie ?? '' },
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('classifying uploads', () => {
  it('accepts the allowed types only when the content agrees', () => {
    expect(classifyUpload('scan.PDF', PDF).mediaType).toBe('application/pdf');
    expect(classifyUpload('foto.png', PNG).mediaType).toBe('image/png');
    expect(classifyUpload('foto.jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2])).mediaType).toBe('image/jpeg');
    expect(classifyUpload('notitie.txt', Buffer.from('Gesprek op 3 maart.')).mediaType).toMatch(/^text\/plain/);
    expect(classifyUpload('mail.eml', Buffer.from('From: a@b.example\r\nSubject: x\r\n\r\nHoi')).mediaType).toBe(
      'message/rfc822',
    );
    const docx = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.from('[Content_Types].xml word/document.xml'),
    ]);
    expect(classifyUpload('verslag.docx', docx).mediaType).toMatch(/wordprocessingml/);
    expect(() => classifyUpload('verslag.pdf', PNG)).toThrow(/not a valid .pdf/);
    expect(() => classifyUpload('virus.exe', Buffer.from('MZ'))).toThrow(/Allowed file types/);
    expect(() => classifyUpload('notitie.txt', Buffer.from([0x41, 0x00, 0x42]))).toThrow(/not a valid .txt/);
    expect(() => classifyUpload('zip.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]))).toThrow(/not a valid/);
  });

  it('cleans file names and encodes them safely for download', () => {
    expect(cleanFilename('C:\\Users\\x\\verslag.pdf')).toBe('verslag.pdf');
    expect(cleanFilename('../../etc/passwd\u0000.txt')).toBe('passwd.txt');
    expect(cleanFilename(`${'a'.repeat(300)}.pdf`)).toHaveLength(200);
    expect(contentDisposition('verslag "Ø".pdf')).toBe(
      `attachment; filename="verslag ___.pdf"; filename*=UTF-8''verslag%20%22%C3%98%22.pdf`,
    );
  });
});

describe('attachments over HTTP', () => {
  it('stores a file encrypted, lists its metadata and returns the same bytes on download', async () => {
    const res = await upload(police, signalId, 'verslag wijkagent.pdf', PDF);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      signalId,
      filename: 'verslag wijkagent.pdf',
      mediaType: 'application/pdf',
      sizeBytes: PDF.length,
      uploadedBy: { name: 'Bram Wijkagent' },
    });
    const id = res.body.id;

    // At rest: sealed (AES-256-GCM), the plain bytes nowhere in the row.
    const row = await t.db.owner.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.content_sealed.startsWith('v1:')).toBe(true);
    const stored = JSON.stringify(row);
    expect(stored).not.toContain('GEHEIM-KENMERK-12345');
    expect(stored).not.toContain(PDF.toString('base64'));
    expect(stored).not.toContain(PDF.toString('base64url'));
    expect(stored).not.toContain(PDF.toString('hex'));

    const list = await director.get(`/api/v1/signals/${signalId}/attachments`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([res.body]);

    const file = await download(director, signalId, id);
    expect(file.status).toBe(200);
    expect(file.bytes.equals(PDF)).toBe(true);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="verslag wijkagent.pdf"/);
    expect(file.headers.get('cache-control')).toBe('no-store');

    const log = await t.db.owner
      .selectFrom('access_log')
      .selectAll()
      .where('record_type', '=', 'attachment')
      .where('record_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(log.map((e) => e.action)).toEqual(['create', 'read']);
    for (const e of log) expect(e).toMatchObject({ purpose_type: 'signal-intake', purpose_id: signalId });
  });

  it('refuses a type that is not allowed, and content that does not match its extension', async () => {
    const exe = await upload(police, signalId, 'programma.exe', Buffer.from('MZ\x90\x00'));
    expectProblem(exe, 400);
    expect(pointersOf(exe)).toEqual(['/file']);
    expect(exe.body.errors[0].code).toBe('unsupported_type');
    const html = await upload(police, signalId, 'pagina.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    expectProblem(html, 400);
    expect(html.body.errors[0].code).toBe('content_mismatch');
    const fakePng = await upload(police, signalId, 'foto.png', PDF);
    expectProblem(fakePng, 400);
    expectProblem(await upload(police, signalId, 'leeg.txt', Buffer.alloc(0)), 400);
    expectProblem(await upload(police, signalId, 'verslag.pdf', PDF, 'document'), 400);
  });

  it('refuses a file larger than 10 MiB and accepts one of exactly 10 MiB', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x41);
    PDF.copy(big);
    const res = await upload(police, signalId, 'groot.pdf', big);
    expectProblem(res, 400);
    expect(res.body.errors[0]).toMatchObject({ code: 'file_too_large', location: { pointer: '/file' } });
    const count = await t.db.owner
      .selectFrom('attachments')
      .select(({ fn }) => fn.countAll().as('n'))
      .where('filename', '=', 'groot.pdf')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    const exact = Buffer.alloc(10 * 1024 * 1024, 0x41);
    PDF.copy(exact);
    const ok = await upload(police, signalId, 'precies.pdf', exact);
    expect(ok.status).toBe(201);
    expect(ok.body.sizeBytes).toBe(10 * 1024 * 1024);
  });

  it('gives 404 to who cannot see the signal, for upload, list and download alike', async () => {
    const res = await upload(police, signalId, 'tweede.png', PNG);
    expect(res.status).toBe(201);
    expectProblem(await upload(ggz, signalId, 'x.png', PNG), 404);
    expectProblem(await ggz.get(`/api/v1/signals/${signalId}/attachments`), 404);
    const file = await download(ggz, signalId, res.body.id);
    expect(file.status).toBe(404);
    expect(file.bytes.includes(PNG)).toBe(false);
    expectProblem(await director.get(`/api/v1/signals/${signalId}/attachments/${crypto.randomUUID()}`), 404);
  });

  it('ignores other form fields next to the file', async () => {
    const form = new FormData();
    form.append('note', 'een toelichting');
    form.append('file', new Blob([new Uint8Array(PNG)]), 'met-veld.png');
    const res = await fetch(`${t.baseUrl}/api/v1/signals/${signalId}/attachments`, {
      method: 'POST',
      headers: { cookie: police.cookie ?? '', 'x-csrf-token': police.csrfToken ?? '' },
      body: form,
    });
    expect(res.status).toBe(201);
    expect((await res.json()).filename).toBe('met-veld.png');
  });

  it('requires the CSRF token for an upload with a session', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)]), 'x.png');
    const res = await fetch(`${t.baseUrl}/api/v1/signals/${signalId}/attachments`, {
      method: 'POST',
      headers: { cookie: police.cookie ?? '' },
      body: form,
    });
    expect(res.status).toBe(403);
  });
});
