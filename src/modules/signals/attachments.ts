import type { z } from 'zod';
import { DomainError, notFound } from '../../core/errors.js';
import { withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import type { Attachment } from './schemas.js';
import { logSignalAccess, requireEditableSignal, requireVisibleSignal } from './service.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * The file types a signal may carry. The extension says what the file claims to be; the content
 * must agree (magic bytes for binary formats, valid UTF-8 without NUL bytes for text), so a renamed
 * executable or HTML page is refused. The stored media type is ours, never the client's.
 */
const TYPES = [
  {
    extensions: ['pdf'],
    mediaType: 'application/pdf',
    looksRight: (b: Buffer) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]),
  },
  {
    extensions: ['png'],
    mediaType: 'image/png',
    looksRight: (b: Buffer) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  {
    extensions: ['jpg', 'jpeg'],
    mediaType: 'image/jpeg',
    looksRight: (b: Buffer) => startsWith(b, [0xff, 0xd8, 0xff]),
  },
  {
    extensions: ['docx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    // A docx is a ZIP container holding [Content_Types].xml and a word/ folder.
    looksRight: (b: Buffer) =>
      startsWith(b, [0x50, 0x4b, 0x03, 0x04]) && b.includes('[Content_Types].xml') && b.includes('word/'),
  },
  { extensions: ['txt'], mediaType: 'text/plain; charset=utf-8', looksRight: isText },
  { extensions: ['eml'], mediaType: 'message/rfc822', looksRight: isText },
] as const;

export const ALLOWED_EXTENSIONS = TYPES.flatMap((t) => t.extensions);

function startsWith(b: Buffer, magic: number[]): boolean {
  return b.length >= magic.length && magic.every((byte, i) => b[i] === byte);
}

function isText(b: Buffer): boolean {
  if (b.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

const fileIssue = (code: string, detail: string) =>
  new DomainError('INVALID_INPUT', detail, { fields: [{ in: 'body', pointer: '/file', code, detail }] });

export const fileTooLarge = () => fileIssue('file_too_large', 'The file is larger than 10 MiB.');
export const fileMissing = () => fileIssue('required', 'Send the file as multipart/form-data field "file".');
export const multipartUnreadable = () =>
  fileIssue(
    'malformed_multipart',
    'The multipart/form-data body could not be read (a missing or wrong boundary, or a cut-off body).',
  );

/** A safe display name: no path, no control characters, at most 200 characters (extension kept). */
export function cleanFilename(raw: string): string {
  const base = (raw.split(/[\\/]/).pop() ?? '').replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  if (base.length <= 200) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return base.slice(0, 200 - ext.length) + ext;
}

/** Decides the media type of an upload, or refuses it with a field error on /file. */
export function classifyUpload(filename: string, content: Buffer): { filename: string; mediaType: string } {
  const name = cleanFilename(filename);
  if (content.length === 0) throw fileIssue('empty', 'The file is empty.');
  if (content.length > MAX_ATTACHMENT_BYTES) throw fileTooLarge();
  const ext = name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : '';
  const type = TYPES.find((t) => (t.extensions as readonly string[]).includes(ext));
  if (!name || !type) {
    throw fileIssue('unsupported_type', `Allowed file types: ${ALLOWED_EXTENSIONS.join(', ')}.`);
  }
  if (!type.looksRight(content)) {
    throw fileIssue('content_mismatch', `The content of the file is not a valid .${ext} file.`);
  }
  return { filename: name, mediaType: type.mediaType };
}

/** RFC 6266 Content-Disposition for a download, with an ASCII fallback and the UTF-8 name. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

type AttachmentRow = {
  id: string;
  signal_id: string | null;
  filename: string;
  media_type: string;
  size_bytes: number;
  uploaded_at: Date;
  uploaded_by: string;
  uploaded_by_name: string;
};

const present = (a: AttachmentRow): z.infer<typeof Attachment> => ({
  id: a.id,
  signalId: a.signal_id as string,
  filename: a.filename,
  mediaType: a.media_type,
  sizeBytes: a.size_bytes,
  uploadedAt: a.uploaded_at.toISOString(),
  uploadedBy: { id: a.uploaded_by, name: a.uploaded_by_name },
});

const METADATA = [
  'a.id',
  'a.signal_id',
  'a.filename',
  'a.media_type',
  'a.size_bytes',
  'a.uploaded_at',
  'a.uploaded_by',
  'u.name as uploaded_by_name',
] as const;

/** POST /signals/{id}/attachments — stores the file encrypted (AES-256-GCM); plain bytes never at rest. */
export async function uploadAttachment(
  deps: Deps,
  actor: Actor,
  traceId: string,
  signalId: string,
  file: { filename: string; content: Buffer },
) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    await requireEditableSignal(tx, actor, signalId);
    const { filename, mediaType } = classifyUpload(file.filename, file.content);
    const { id } = await tx
      .insertInto('attachments')
      .values({
        region_id: actor.regionId,
        signal_id: signalId,
        filename,
        media_type: mediaType,
        size_bytes: file.content.length,
        content_sealed: deps.secrets.seal(file.content),
        uploaded_by: actor.userId,
        uploaded_at: deps.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await logSignalAccess(tx, actor, traceId, { action: 'create', signalId, recordType: 'attachment', recordId: id });
    const row = await tx
      .selectFrom('attachments as a')
      .innerJoin('users as u', 'u.id', 'a.uploaded_by')
      .select(METADATA)
      .where('a.id', '=', id)
      .executeTakeFirstOrThrow();
    return present(row);
  });
}

/** GET /signals/{id}/attachments — metadata only. */
export async function listAttachments(deps: Deps, actor: Actor, traceId: string, signalId: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    await requireVisibleSignal(tx, actor, signalId);
    const rows = await tx
      .selectFrom('attachments as a')
      .innerJoin('users as u', 'u.id', 'a.uploaded_by')
      .select(METADATA)
      .where('a.signal_id', '=', signalId)
      .orderBy('a.uploaded_at')
      .orderBy('a.id')
      .execute();
    await logSignalAccess(tx, actor, traceId, { action: 'read', signalId, recordType: 'attachment' });
    return { items: rows.map(present), nextCursor: null };
  });
}

/** GET /signals/{id}/attachments/{attachmentId} — the decrypted file, for download only. */
export async function downloadAttachment(
  deps: Deps,
  actor: Actor,
  traceId: string,
  signalId: string,
  attachmentId: string,
) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    await requireVisibleSignal(tx, actor, signalId);
    const row = await tx
      .selectFrom('attachments')
      .select(['id', 'filename', 'media_type', 'content_sealed'])
      .where('id', '=', attachmentId)
      .where('signal_id', '=', signalId)
      .executeTakeFirst();
    if (!row) throw notFound('The attachment');
    await logSignalAccess(tx, actor, traceId, {
      action: 'read',
      signalId,
      recordType: 'attachment',
      recordId: attachmentId,
    });
    return { filename: row.filename, mediaType: row.media_type, content: deps.secrets.openBuffer(row.content_sealed) };
  });
}
