/**
 * Asynchronous exports (issue 9 point 3). A large export — today the privacy officer's access-log CSV,
 * up to 100,000 entries — is not built inside the request any more: the user starts it (202), a job on
 * the queue builds it in chunks of {@link CHUNK_ROWS} rows, each in its own short transaction, so that on
 * the embedded database other requests get their turn between chunks; the user sees its progress, and
 * downloads it while it lasts ({@link EXPORT_HOURS} hours). The file is sealed with the secret key at
 * rest (gzip-compressed, then sealed). Only the user who started it sees it (in SQL: user id and, by row-level security, region);
 * starting it and every download are written to the access log.
 */
import { once } from 'node:events';
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { promisify } from 'node:util';
import { createGzip, gunzip as gunzipCb } from 'node:zlib';
import { z } from 'zod';
import { notFound } from '../../core/errors.js';
import { toCsv } from '../../platform/csv.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { defineJob } from '../../platform/queue/queue.js';
import { recordAccess } from '../access-log/record.js';
import { type AccessLogFilters, AccessLogQuery, filteredAccessLog, presentEntry } from '../access-log/routes.js';

const gunzip = promisify(gunzipCb);

export const EXPORT_HOURS = 24;
export const CHUNK_ROWS = 250;
/** The most rows one access-log export holds; narrow the filters for more. */
export const CSV_MAX_ROWS = 100_000;

export const AccessLogExportStart = z.strictObject({
  kind: z.literal('access-log-csv'),
  filters: AccessLogQuery.omit({ cursor: true, limit: true }).default({}),
});

export const ExportStatus = z.enum(['queued', 'running', 'done', 'failed', 'expired']);

export const Export = z
  .object({
    id: z.uuid(),
    kind: z.literal('access-log-csv'),
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
  kind: 'access-log-csv';
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

/** The actor's own exports: the user id in the query, the region by row-level security. */
const ownExports = (tx: Tx, actor: Actor) => tx.selectFrom('exports').where('user_id', '=', actor.userId);

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

/** Builds one export in chunks; a retried run starts again from the beginning. */
export async function buildExport(
  deps: Deps,
  regionId: string,
  exportId: string,
  chunkRows = CHUNK_ROWS,
): Promise<void> {
  const region = { regionId };
  const job = await withTx(deps.db, region, (tx) =>
    tx
      .updateTable('exports')
      .set({ status: 'running', rows_done: 0 })
      .where('id', '=', exportId)
      .where('status', 'in', ['queued', 'running', 'failed'])
      .returning(['kind', 'params', 'expires_at'])
      .executeTakeFirst(),
  );
  // Gone (the user was removed) or already done/expired: nothing to do.
  if (!job || job.expires_at <= deps.now()) return;
  try {
    const filters = job.params as AccessLogFilters;
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
    const gzip = createGzip();
    const compressed: Buffer[] = [];
    gzip.on('data', (b: Buffer) => compressed.push(b));
    const gzipped = new Promise<void>((resolve, reject) => {
      gzip.on('end', resolve);
      gzip.on('error', reject);
    });
    gzipped.catch(() => {}); // awaited below; a failure before then is the run's own error
    let bytes = 0;
    const write = async (text: string) => {
      bytes += Buffer.byteLength(text, 'utf8');
      if (!gzip.write(text)) await once(gzip, 'drain');
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
    gzip.end();
    await gzipped;
    // Sealed compressed: a small write, short on PGlite too.
    const sealed = deps.secrets.seal(Buffer.concat(compressed));
    await withTx(deps.db, region, (tx) =>
      tx
        .updateTable('exports')
        .set({
          status: 'done',
          rows_done: done,
          content: sealed,
          content_bytes: bytes,
          finished_at: deps.now(),
        })
        .where('id', '=', exportId)
        .execute(),
    );
  } catch (error) {
    await withTx(deps.db, region, (tx) =>
      tx.updateTable('exports').set({ status: 'failed', finished_at: deps.now() }).where('id', '=', exportId).execute(),
    );
    throw error;
  }
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
    const result = await withTx(deps.db, { regionId: r.id }, (tx) =>
      tx
        .updateTable('exports')
        .set({ status: 'expired', content: null })
        .where('expires_at', '<=', deps.now())
        .where('status', '<>', 'expired')
        .executeTakeFirst(),
    );
    expired += Number(result.numUpdatedRows);
  }
  return expired;
}

// --- Use cases -----------------------------------------------------------------------------------------

export async function startExport(
  deps: Deps,
  actor: Actor,
  traceId: string,
  input: z.infer<typeof AccessLogExportStart>,
): Promise<z.infer<typeof Export>> {
  const row = await withTx(deps.db, scope(actor), async (tx) => {
    const inserted = await tx
      .insertInto('exports')
      .values({
        region_id: actor.regionId,
        user_id: actor.userId,
        kind: input.kind,
        params: JSON.stringify(input.filters),
        trace_id: traceId,
        expires_at: new Date(deps.now().getTime() + EXPORT_HOURS * 3600_000),
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'export',
      recordType: 'access_log',
      recordId: inserted.id,
      subjects: [],
      purpose: { type: 'access-log-review' },
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

/** The file of a finished export of the actor's own; every download is logged. */
export async function downloadExport(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
): Promise<{ content: Buffer; fileName: string; mediaType: string }> {
  return withTx(deps.db, scope(actor), async (tx) => {
    const row = await ownExports(tx, actor)
      .select(['id', 'status', 'content', 'expires_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || row.status !== 'done' || !row.content || row.expires_at <= deps.now()) {
      throw notFound('The finished export');
    }
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'export',
      recordType: 'export',
      recordId: row.id,
      subjects: [],
      purpose: { type: 'access-log-review' },
    });
    return {
      content: await gunzip(deps.secrets.openBuffer(row.content)),
      fileName: 'toegangslog.csv',
      mediaType: 'text/csv; charset=utf-8',
    };
  });
}
