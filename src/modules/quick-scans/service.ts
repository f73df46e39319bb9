import { sql } from 'kysely';
import type { z } from 'zod';
import { DomainError, type FieldIssue, notFound } from '../../core/errors.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import { afterKeyset } from '../../platform/db/keyset.js';
import { sentColumns, updateVersioned } from '../../platform/db/versioned.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { containsPattern } from '../programme/interventions-service.js';
import type {
  QUICK_SCAN_STATUSES,
  QuickScan,
  QuickScanCreate,
  QuickScanQuery,
  QuickScanUpdate,
  RECOMMENDATION_STATUSES,
} from './schemas.js';

type Status = (typeof QUICK_SCAN_STATUSES)[number];
type Recommendation = { text: string; status: (typeof RECOMMENDATION_STATUSES)[number] };

function quickScans(tx: Tx, actor: Actor) {
  return tx
    .selectFrom('quick_scans')
    .where('region_id', '=', actor.regionId)
    .select([
      'id',
      'title',
      'theme',
      'area',
      'commissioner',
      'researcher',
      'status',
      'started_on',
      'completed_on',
      'findings',
      'recommended_actions',
      'created_at',
      'updated_at',
      'version',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof quickScans>['executeTakeFirstOrThrow']>>;

function present(r: Row): z.infer<typeof QuickScan> {
  return {
    id: r.id,
    title: r.title,
    theme: r.theme,
    area: r.area,
    commissioner: r.commissioner,
    researcher: r.researcher,
    status: r.status as Status,
    startedOn: r.started_on,
    completedOn: r.completed_on,
    findings: r.findings,
    recommendedActions: (r.recommended_actions as Recommendation[]).map((a) => ({ text: a.text, status: a.status })),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

/** The dates must fit the status: a completed scan has a completion date, not before its start. */
function assertDates(scan: { status: Status; startedOn: string | null; completedOn: string | null }) {
  const fields: FieldIssue[] = [];
  if (scan.status === 'completed' && scan.completedOn === null) {
    fields.push({
      in: 'body',
      pointer: '/completedOn',
      code: 'required',
      detail: 'A completed quick scan has a completion date.',
    });
  }
  if (scan.status !== 'completed' && scan.completedOn !== null) {
    fields.push({
      in: 'body',
      pointer: '/completedOn',
      code: 'not_completed',
      detail: 'Only a completed quick scan has a completion date.',
    });
  }
  if (scan.startedOn !== null && scan.completedOn !== null && scan.completedOn < scan.startedOn) {
    fields.push({
      in: 'body',
      pointer: '/completedOn',
      code: 'before_start',
      detail: 'The completion date is before the start date.',
    });
  }
  if (fields.length > 0) {
    throw new DomainError('INVALID_INPUT', `The request has ${fields.length} invalid field(s).`, { fields });
  }
}

export async function listQuickScans(deps: Deps, actor: Actor, q: z.infer<typeof QuickScanQuery>) {
  const after = decodeCursor(q.cursor, ['timestamp', 'uuid']) as [string, string] | null;
  if (after && Number.isNaN(Date.parse(after[0]))) {
    throw new DomainError('INVALID_INPUT', 'The cursor is not valid.', {
      fields: [
        { in: 'query', pointer: '/cursor', code: 'invalid_cursor', detail: 'Use the nextCursor of a previous page.' },
      ],
    });
  }
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    let query = quickScans(tx, actor)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit + 1);
    if (q.status !== undefined) query = query.where('status', '=', q.status);
    if (q.q) {
      query = query.where(
        sql<boolean>`concat_ws(' ', title, theme, area, commissioner, researcher, findings) ilike ${containsPattern(q.q)}`,
      );
    }
    if (after) {
      const [at, id] = after;
      query = query.where((eb) => afterKeyset(eb, 'created_at', 'id', [new Date(at), id], 'desc'));
    }
    const rows = await query.execute();
    const result = page(rows, q.limit, (r) => [r.created_at.toISOString(), r.id]);
    return { items: result.items.map(present), nextCursor: result.nextCursor };
  });
}

export async function getQuickScan(deps: Deps, actor: Actor, id: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const row = await quickScans(tx, actor).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('The quick scan');
    return present(row);
  });
}

export async function createQuickScan(deps: Deps, actor: Actor, input: z.infer<typeof QuickScanCreate>) {
  const startedOn = input.startedOn ?? null;
  const completedOn = input.completedOn ?? null;
  assertDates({ status: input.status, startedOn, completedOn });
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const { id } = await tx
      .insertInto('quick_scans')
      .values({
        region_id: actor.regionId,
        title: input.title,
        theme: input.theme,
        area: input.area,
        commissioner: input.commissioner,
        researcher: input.researcher,
        status: input.status,
        started_on: startedOn,
        completed_on: completedOn,
        findings: input.findings ?? null,
        recommended_actions: JSON.stringify(input.recommendedActions),
        created_by: actor.userId,
        created_at: deps.now(),
        updated_at: deps.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return present(await quickScans(tx, actor).where('id', '=', id).executeTakeFirstOrThrow());
  });
}

export async function updateQuickScan(deps: Deps, actor: Actor, id: string, input: z.infer<typeof QuickScanUpdate>) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const existing = await quickScans(tx, actor).where('id', '=', id).executeTakeFirst();
    if (!existing) throw notFound('The quick scan');
    assertDates({
      status: input.status ?? (existing.status as Status),
      startedOn: input.startedOn !== undefined ? input.startedOn : existing.started_on,
      completedOn: input.completedOn !== undefined ? input.completedOn : existing.completed_on,
    });
    await updateVersioned(
      tx,
      'quick_scans',
      id,
      input.version,
      {
        ...sentColumns(input, {
          title: 'title',
          theme: 'theme',
          area: 'area',
          commissioner: 'commissioner',
          researcher: 'researcher',
          status: 'status',
          startedOn: 'started_on',
          completedOn: 'completed_on',
          findings: 'findings',
        }),
        ...(input.recommendedActions !== undefined
          ? { recommended_actions: JSON.stringify(input.recommendedActions) }
          : {}),
      },
      { now: deps.now(), regionId: actor.regionId },
    );
    return present(await quickScans(tx, actor).where('id', '=', id).executeTakeFirstOrThrow());
  });
}

export async function deleteQuickScan(deps: Deps, actor: Actor, id: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const deleted = await tx
      .deleteFrom('quick_scans')
      .where('id', '=', id)
      .where('region_id', '=', actor.regionId)
      .executeTakeFirst();
    if (deleted.numDeletedRows === 0n) throw notFound('The quick scan');
  });
}
