import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { auditActor } from '../../platform/http/context.js';
import { listOf, signedInProblems } from '../../platform/http/openapi.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordAccess } from './record.js';

export const Entry = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    occurredAt: z.iso.datetime(),
    actorUserId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    actorOrganisationId: z.uuid().nullable(),
    actorRole: z.string().nullable(),
    action: z.string(),
    recordType: z.string(),
    recordId: z.string().nullable(),
    subjectType: z.string().nullable(),
    subjectId: z.string().nullable(),
    purposeType: z.string(),
    purposeId: z.string().nullable(),
    result: z.string(),
    traceId: z.string(),
  })
  .meta({ id: 'AccessLogEntry' });

const Query = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  subjectId: z.string().max(100).optional(),
  actorUserId: z.uuid().optional(),
  action: z.enum(['read', 'create', 'update', 'delete', 'export', 'destroy', 'break_glass']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  // Issue 4: the privacy officer's review filters.
  organisationId: z.uuid().optional(),
  caseId: z.uuid().optional(),
  recordType: z
    .string()
    .regex(/^[a-z_]{1,60}$/)
    .optional(),
});
export const AccessLogQuery = Query;
export type AccessLogFilters = Omit<z.infer<typeof Query>, 'cursor' | 'limit'>;

/** The access log of the current region filtered as the privacy officer asked (newest first). */
export function filteredAccessLog(tx: Tx, q: AccessLogFilters) {
  let query = tx
    .selectFrom('access_log')
    .leftJoin('users as actor', 'actor.id', 'access_log.actor_user_id')
    .selectAll('access_log')
    .select('actor.name as actor_name')
    .orderBy('access_log.seq', 'desc');
  if (q.subjectId) query = query.where('access_log.subject_id', '=', q.subjectId);
  if (q.actorUserId) query = query.where('access_log.actor_user_id', '=', q.actorUserId);
  if (q.action) query = query.where('access_log.action', '=', q.action);
  if (q.from) query = query.where('access_log.occurred_at', '>=', new Date(q.from));
  if (q.to) query = query.where('access_log.occurred_at', '<', new Date(q.to));
  if (q.organisationId) query = query.where('access_log.actor_organisation_id', '=', q.organisationId);
  if (q.caseId)
    query = query.where('access_log.purpose_type', '=', 'case').where('access_log.purpose_id', '=', q.caseId);
  if (q.recordType) query = query.where('access_log.record_type', '=', q.recordType);
  return query;
}

export type AccessLogRow = Awaited<ReturnType<ReturnType<typeof filteredAccessLog>['execute']>>[number];

export function presentEntry(e: AccessLogRow): z.infer<typeof Entry> {
  return {
    id: e.id,
    seq: Number(e.seq),
    occurredAt: e.occurred_at.toISOString(),
    actorUserId: e.actor_user_id,
    actorName: e.actor_name,
    actorOrganisationId: e.actor_organisation_id,
    actorRole: e.actor_role,
    action: e.action,
    recordType: e.record_type,
    recordId: e.record_id,
    subjectType: e.subject_type,
    subjectId: e.subject_id,
    purposeType: e.purpose_type,
    purposeId: e.purpose_id,
    result: e.result,
    traceId: e.trace_id,
  };
}

export function accessLogRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/access-log',
      {
        config: { access: 'access-log:read' },
        schema: {
          tags: ['access-log'],
          summary: 'Search the access log of the current region (newest first)',
          querystring: Query,
          response: { 200: listOf(Entry), ...signedInProblems },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const q = req.query;
        const before = decodeCursor(q.cursor, ['bigint']) as [number] | null;
        return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
          let query = filteredAccessLog(tx, q).limit(q.limit + 1);
          if (before) query = query.where('access_log.seq', '<', String(before[0]));
          const rows = await query.execute();
          const result = page(rows, q.limit, (e) => [Number(e.seq)]);
          await recordAccess(tx, auditActor(actor, req.id), {
            action: 'read',
            recordType: 'access_log',
            recordId: null,
            subjects: [],
            purpose: { type: 'access-log-review' },
          });
          return {
            nextCursor: result.nextCursor,
            items: result.items.map(presentEntry),
          };
        });
      },
    );
  };
}
