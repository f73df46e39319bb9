/**
 * Asynchronous exports (issue 9 point 3). A large export or a report PDF is not built inside the request:
 * the user starts it (202) and a job on the queue builds it. Two kinds: `access-log-csv`, the privacy
 * officer's access-log search (up to 100,000 entries), built in chunks of {@link CHUNK_ROWS} rows, each in
 * its own short transaction, so that on the embedded database other requests get their turn between
 * chunks; and `annual-report-pdf`, the yearly report as PDF. The user sees the progress and downloads the
 * file while it lasts ({@link EXPORT_HOURS} hours). The file is sealed with the secret key at rest
 * (gzip-compressed, then sealed). Only the user who started it sees it (in SQL: user id and, by
 * row-level security, region); starting it and every download are written to the access log. Each kind
 * has its own permission ({@link KINDS}), checked when it is started, listed, shown and downloaded: a
 * right that is taken away stops working at once, also for files made before.
 */
import { once } from 'node:events';
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { promisify } from 'node:util';
import { createGzip, gunzip as gunzipCb, gzip as gzipCb } from 'node:zlib';
import { z } from 'zod';
import { DomainError, notFound } from '../../core/errors.js';
import { can, type Permission } from '../../core/roles.js';
import { toCsv } from '../../platform/csv.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { defineJob } from '../../platform/queue/queue.js';
import { recordAccess } from '../access-log/record.js';
import { type AccessLogFilters, AccessLogQuery, filteredAccessLog, presentEntry } from '../access-log/routes.js';
import { actingUser } from '../auth/acting-user.js';
import { reportFileName, reportPdf } from '../reports/render.js';
import { AnnualQuery } from '../reports/schemas.js';
import { annualPeriod, annualReport } from '../reports/service.js';

const gunzip = promisify(gunzipCb);
const gzip = promisify(gzipCb);

export const EXPORT_HOURS = 24;
export const CHUNK_ROWS = 250;
/** The most rows one access-log export holds; narrow the filters for more. */
export const CSV_MAX_ROWS = 100_000;

export const AccessLogExportStart = z.strictObject({
  kind: z.literal('access-log-csv'),
  filters: AccessLogQuery.omit({ cursor: true, limit: true }).default({}),
});

export const AnnualReportExportStart = z.strictObject({
  kind: z.literal('annual-report-pdf'),
  /** The same rule as the report's query: a whole year from 2000 to 2100 (and one with an ended quarter). */
  year: AnnualQuery.shape.year,
});

export const ExportStart = z.discriminatedUnion('kind', [AccessLogExportStart, AnnualReportExportStart]);
export type ExportStartInput = z.infer<typeof ExportStart>;

export const ExportKind = z.enum(['access-log-csv', 'annual-report-pdf']);
export type ExportKind = z.infer<typeof ExportKind>;

/**
 * What each kind needs and is: the permission to start, see and download it; why it is processed (the
 * access log's purpose); and the file's media type and name (the report's name depends on its period,
 * so the job stores the one it made; this is the fallback for a file made before 0071).
 */
export const KINDS: Record<
  ExportKind,
  { permission: Permission; recordType: string; purpose: string; mediaType: string; fileName: string }
> = {
  'access-log-csv': {
    permission: 'access-log:read',
    recordType: 'access_log',
    purpose: 'access-log-review',
    mediaType: 'text/csv; charset=utf-8',
    fileName: 'toegangslog.csv',
  },
  'annual-report-pdf': {
    permission: 'reports:read',
    recordType: 'report',
    purpose: 'reporting',
    mediaType: 'application/pdf',
    fileName: 'jaarrapportage.pdf',
  },
};

/** The kinds this role may use now. */
export const kindsOf = (actor: Pick<Actor, 'role'>): ExportKind[] =>
  ExportKind.options.filter((k) => can(actor.role, KINDS[k].permission));

/** The same refusal the auth hook gives a role without the route's permission. */
function forbidden(): DomainError {
  return new DomainError('FORBIDDEN', 'Your role may not do this.');
}

export const ExportStatus = z.enum(['queued', 'running', 'done', 'failed', 'expired']);

export const Export = z
  .object({
    id: z.uuid(),
    kind: ExportKind,
    status: ExportStatus,
    rowsDone: z.number().int(),
    rowsTotal: z.number().int().nullable(),
    bytes: z.number().int().nullable(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'Export' });

type ExportRow = {
  id: string;
  kind: ExportKind;
  status: z.infer<typeof ExportStatus>;
  rows_done: number;
  rows_total: number | null;
  content_bytes: number | null;
  created_at: Date;
  finished_at: Date | null;
  expires_at: Date;
};

const COLUMNS = [
  'id',
  'kind',
  'status',
  'rows_done',
  'rows_total',
  'content_bytes',
  'created_at',
  'finished_at',
  'expires_at',
] as const;

function present(r: ExportRow, now: Date): z.infer<typeof Export> {
  const expired = r.status === 'expired' || r.expires_at <= now;
  return {
    id: r.id,
    kind: r.kind,
    status: expired ? 'expired' : r.status,
    rowsDone: r.rows_done,
    rowsTotal: r.rows_total,
    bytes: expired ? null : r.content_bytes,
    createdAt: r.created_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    expiresAt: r.expires_at.toISOString(),
  };
}

const scope = (actor: Actor) => ({
  regionId: actor.regionId,
  organisationId: actor.organisationId,
  userId: actor.userId,
});

/**
 * The actor's own exports of the kinds the role may still use: the user id and kinds in the query, the
 * region by row-level security. A role that may use no kind at all is refused, as the routes were before.
 */
function ownExports(tx: Tx, actor: Actor) {
  const kinds = kindsOf(actor);
  if (kinds.length === 0) throw forbidden();
  return tx.selectFrom('exports').where('user_id', '=', actor.userId).where('kind', 'in', kinds);
}

// --- The job -----------------------------------------------------------------------------------------

export const ExportJobPayload = z.strictObject({ exportId: z.uuid(), regionId: z.uuid() });

export function exportJob(deps: Deps) {
  return defineJob({
    name: 'export',
    payload: ExportJobPayload,
    retryLimit: 2,
    retryDelaySeconds: 2,
    regionOf: (p) => p.regionId,
    run: async ({ exportId, regionId }) => {
      await buildExport(deps, regionId, exportId);
    },
  });
}

/** The file a build made: gzip-compressed, with the size before compression. */
interface BuiltFile {
  gzipped: Buffer;
  bytes: number;
  rows: number;
  fileName: string;
  mediaType: string;
}

/** The most compressed bytes in one part of a file (sealed and base64: 256 KiB of text). */
export const PART_BYTES = 192 * 1024;

/**
 * Seals and writes the compressed file in parts of {@link PART_BYTES}, each in its own transaction with
 * a pause between them: on the embedded database one write of the whole file (megabytes) held every
 * other request for longer than 200 ms. A retried run first removes the parts of the run before.
 */
async function storeParts(
  deps: Deps,
  regionId: string,
  exportId: string,
  gzipped: Buffer,
  partBytes: number,
): Promise<number> {
  const region = { regionId };
  await withTx(deps.db, region, (tx) => tx.deleteFrom('export_parts').where('export_id', '=', exportId).execute());
  const count = Math.max(1, Math.ceil(gzipped.length / partBytes));
  for (let part = 0; part < count; part++) {
    const content = deps.secrets.seal(gzipped.subarray(part * partBytes, (part + 1) * partBytes));
    await withTx(deps.db, region, (tx) =>
      tx.insertInto('export_parts').values({ export_id: exportId, part, region_id: regionId, content }).execute(),
    );
    await yieldToOthers();
  }
  return count;
}

/** The compressed file of a finished export: its parts in order, or the one `content` of before 0072. */
async function readFile(
  tx: Tx,
  deps: Deps,
  row: { id: string; content: string | null; parts: number | null },
): Promise<Buffer> {
  if (row.content) return deps.secrets.openBuffer(row.content);
  const parts = await tx
    .selectFrom('export_parts')
    .select(['part', 'content'])
    .where('export_id', '=', row.id)
    .orderBy('part')
    .execute();
  if (parts.length !== row.parts || parts.some((p, i) => p.part !== i)) {
    throw new Error(`export ${row.id}: ${parts.length} of ${row.parts} parts found`);
  }
  return Buffer.concat(parts.map((p) => deps.secrets.openBuffer(p.content)));
}

/** Builds one export (a retried run starts again from the beginning), seals and stores its file. */
export async function buildExport(
  deps: Deps,
  regionId: string,
  exportId: string,
  chunkRows = CHUNK_ROWS,
  partBytes = PART_BYTES,
): Promise<void> {
  const region = { regionId };
  const job = await withTx(deps.db, region, (tx) =>
    tx
      .updateTable('exports')
      .set({ status: 'running', rows_done: 0 })
      .where('id', '=', exportId)
      .where('status', 'in', ['queued', 'running', 'failed'])
      .returning(['kind', 'params', 'expires_at', 'user_id', 'trace_id'])
      .executeTakeFirst(),
  );
  // Gone (the user was removed) or already done/expired: nothing to do.
  if (!job || job.expires_at <= deps.now()) return;
  const markFailed = () =>
    withTx(deps.db, region, (tx) =>
      tx.updateTable('exports').set({ status: 'failed', finished_at: deps.now() }).where('id', '=', exportId).execute(),
    );
  try {
    const file =
      job.kind === 'annual-report-pdf'
        ? await buildAnnualReportPdf(deps, regionId, job.user_id, job.trace_id, job.params as { year: number })
        : await buildAccessLogCsv(deps, regionId, exportId, job.params as AccessLogFilters, chunkRows);
    if (!file) {
      // Not a fault to retry: the user may no longer make this file.
      await markFailed();
      return;
    }
    const parts = await storeParts(deps, regionId, exportId, file.gzipped, partBytes);
    await withTx(deps.db, region, (tx) =>
      tx
        .updateTable('exports')
        .set({
          status: 'done',
          rows_done: file.rows,
          rows_total: file.rows,
          parts,
          content_bytes: file.bytes,
          file_name: file.fileName,
          media_type: file.mediaType,
          finished_at: deps.now(),
        })
        .where('id', '=', exportId)
        .execute(),
    );
  } catch (error) {
    await markFailed();
    throw error;
  }
}

/**
 * The yearly report as PDF: the same aggregates and small-cell suppression as the JSON report, logged as
 * the synchronous PDF was (under the user who started it, with the trace id of that request). Null when
 * the user's role no longer reads reports.
 */
async function buildAnnualReportPdf(
  deps: Deps,
  regionId: string,
  userId: string,
  traceId: string,
  params: { year: number },
): Promise<BuiltFile | null> {
  const actor = await withTx(deps.db, { regionId }, (tx) => actingUser(tx, regionId, userId));
  if (!actor || !can(actor.role, KINDS['annual-report-pdf'].permission)) return null;
  const report = await annualReport(deps, actor, traceId, params.year, 'pdf');
  const pdf = await reportPdf(report);
  return {
    gzipped: await gzip(pdf),
    bytes: pdf.length,
    rows: 1,
    fileName: reportFileName(report, 'pdf'),
    mediaType: KINDS['annual-report-pdf'].mediaType,
  };
}

/** The access-log search as CSV, built in chunks of `chunkRows` rows with progress. */
async function buildAccessLogCsv(
  deps: Deps,
  regionId: string,
  exportId: string,
  filters: AccessLogFilters,
  chunkRows: number,
): Promise<BuiltFile> {
  const region = { regionId };
  const total = await withTx(deps.db, region, async (tx) => {
    const counted = await filteredAccessLog(tx, filters)
      .clearSelect()
      .clearOrderBy()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const n = Math.min(Number(counted.n), CSV_MAX_ROWS);
    await tx.updateTable('exports').set({ rows_total: n }).where('id', '=', exportId).execute();
    return n;
  });
  const columns = [
    'seq',
    'occurredAt',
    'actorUserId',
    'actorName',
    'actorOrganisationId',
    'actorRole',
    'action',
    'recordType',
    'recordId',
    'subjectType',
    'subjectId',
    'purposeType',
    'purposeId',
    'result',
    'traceId',
  ] as const;
  // The file is compressed as it is made (zlib works in its thread pool), never held whole as text.
  const gzipStream = createGzip();
  const compressed: Buffer[] = [];
  gzipStream.on('data', (b: Buffer) => compressed.push(b));
  const gzipped = new Promise<void>((resolve, reject) => {
    gzipStream.on('end', resolve);
    gzipStream.on('error', reject);
  });
  gzipped.catch(() => {}); // awaited below; a failure before then is the run's own error
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text, 'utf8');
    if (!gzipStream.write(text)) await once(gzipStream, 'drain');
  };
  let done = 0;
  let before: string | null = null;
  while (done < total) {
    const take = Math.min(chunkRows, total - done);
    const rows = await withTx(deps.db, region, async (tx) => {
      const chunk = await filteredAccessLog(tx, filters)
        .$if(before !== null, (q) => q.where('access_log.seq', '<', before as string))
        .limit(take)
        .execute();
      await tx
        .updateTable('exports')
        .set({ rows_done: done + chunk.length })
        .where('id', '=', exportId)
        .execute();
      return chunk;
    });
    if (rows.length === 0) break;
    await write(
      toCsv(
        rows.map((r) => {
          const e = presentEntry(r);
          return columns.map((c) => e[c]);
        }),
        { columns, header: done === 0 },
      ),
    );
    done += rows.length;
    before = String(rows.at(-1)?.seq);
    // Let other requests have the (embedded) database between two chunks.
    await yieldToOthers();
  }
  if (done === 0) await write(toCsv([], { columns, header: true }));
  gzipStream.end();
  await gzipped;
  const kind = KINDS['access-log-csv'];
  return { gzipped: Buffer.concat(compressed), bytes, rows: done, fileName: kind.fileName, mediaType: kind.mediaType };
}

/** Expired exports lose their file (every region); run by the queue every hour. */
export function exportCleanupJob(deps: Deps) {
  return defineJob({
    name: 'export-cleanup',
    payload: z.strictObject({}),
    regionOf: () => null,
    run: async () => {
      await expireExports(deps);
    },
  });
}

export async function expireExports(deps: Deps): Promise<number> {
  const regions = await withTx(deps.db, { regionId: null }, (tx) => tx.selectFrom('regions').select('id').execute());
  let expired = 0;
  for (const r of regions) {
    const result = await withTx(deps.db, { regionId: r.id }, async (tx) => {
      const now = deps.now();
      await tx
        .deleteFrom('export_parts')
        .where('export_id', 'in', (eb) =>
          eb.selectFrom('exports').select('id').where('expires_at', '<=', now).where('status', '<>', 'expired'),
        )
        .execute();
      return tx
        .updateTable('exports')
        .set({ status: 'expired', content: null, parts: null })
        .where('expires_at', '<=', now)
        .where('status', '<>', 'expired')
        .executeTakeFirst();
    });
    expired += Number(result.numUpdatedRows);
  }
  return expired;
}

// --- Use cases -----------------------------------------------------------------------------------------

export async function startExport(
  deps: Deps,
  actor: Actor,
  traceId: string,
  input: ExportStartInput,
): Promise<z.infer<typeof Export>> {
  const kind = KINDS[input.kind];
  if (!can(actor.role, kind.permission)) throw forbidden();
  // A report of a year without an ended quarter is refused now (422), not as a failed job later.
  if (input.kind === 'annual-report-pdf') annualPeriod(deps, input.year, 'body');
  const params = input.kind === 'annual-report-pdf' ? { year: input.year } : input.filters;
  const row = await withTx(deps.db, scope(actor), async (tx) => {
    const inserted = await tx
      .insertInto('exports')
      .values({
        region_id: actor.regionId,
        user_id: actor.userId,
        kind: input.kind,
        params: JSON.stringify(params),
        trace_id: traceId,
        expires_at: new Date(deps.now().getTime() + EXPORT_HOURS * 3600_000),
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'export',
      recordType: kind.recordType,
      recordId: inserted.id,
      subjects: [],
      purpose: { type: kind.purpose },
    });
    return inserted;
  });
  // Queued after the commit: the job finds its row. Without a queue (some tests) it stays "queued".
  await deps.jobs?.send(exportJob(deps), { exportId: row.id, regionId: actor.regionId });
  return present(row, deps.now());
}

export async function listExports(deps: Deps, actor: Actor): Promise<Array<z.infer<typeof Export>>> {
  const rows = await withTx(deps.db, scope(actor), (tx) =>
    ownExports(tx, actor).select(COLUMNS).orderBy('created_at', 'desc').orderBy('id').limit(20).execute(),
  );
  return rows.map((r) => present(r, deps.now()));
}

export async function getExport(deps: Deps, actor: Actor, id: string): Promise<z.infer<typeof Export>> {
  const row = await withTx(deps.db, scope(actor), (tx) =>
    ownExports(tx, actor).select(COLUMNS).where('id', '=', id).executeTakeFirst(),
  );
  if (!row) throw notFound('The export');
  return present(row, deps.now());
}

/**
 * The file of a finished export of the actor's own; every download is logged. The kind's permission is
 * checked again now (403 once the role lost it), before whether the file is still there (404).
 */
export async function downloadExport(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
): Promise<{ content: Buffer; fileName: string; mediaType: string }> {
  return withTx(deps.db, scope(actor), async (tx) => {
    const row = await tx
      .selectFrom('exports')
      .select(['id', 'kind', 'status', 'content', 'parts', 'file_name', 'media_type', 'expires_at'])
      .where('user_id', '=', actor.userId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('The finished export');
    if (!can(actor.role, KINDS[row.kind].permission)) throw forbidden();
    if (row.status !== 'done' || (!row.content && !row.parts) || row.expires_at <= deps.now()) {
      throw notFound('The finished export');
    }
    const kind = KINDS[row.kind];
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'export',
      recordType: 'export',
      recordId: row.id,
      subjects: [],
      purpose: { type: kind.purpose },
    });
    return {
      content: await gunzip(await readFile(tx, deps, row)),
      fileName: row.file_name ?? kind.fileName,
      mediaType: row.media_type ?? kind.mediaType,
    };
  });
}
