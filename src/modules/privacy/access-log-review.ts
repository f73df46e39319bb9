/**
 * Access-log review for the privacy officer (issue 4 part 1) — the CSV export of a filtered search is an
 * asynchronous export (src/modules/exports) — the
 * chain's verification status for the officer's region, and anomaly views (reads outside office
 * hours, users reading many persons in a day, break-the-glass use). The officer sees the log, never
 * case content: these views show ids, users and purposes only.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { calendarDate } from '../../core/input.js';
import { toCsv } from '../../platform/csv.js';
import { withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordAccess } from '../access-log/record.js';
import { AccessLogQuery, Entry, filteredAccessLog, presentEntry } from '../access-log/routes.js';
import { describeBreak, verifyAccessLog } from '../access-log/verify.js';

/** Office hours in the Netherlands: Monday to Friday, 07:00–19:00 Europe/Amsterdam. */
export const OFFICE_HOURS = { timeZone: 'Europe/Amsterdam', from: 7, to: 19 } as const;
export const MANY_PERSONS_DEFAULT = 25;
/** Refused requests (403, 404 by id) of one user in one day from which they show as an anomaly. */
export const REFUSALS_DEFAULT = 5;
const ANOMALY_KINDS = ['outside-office-hours', 'many-persons', 'break-glass', 'refusals'] as const;

const scope = (actor: Actor) => ({ regionId: actor.regionId, organisationId: actor.organisationId });

export const Verification = z
  .object({
    verifiedAt: z.iso.datetime(),
    entries: z.number().int(),
    intact: z.boolean(),
    firstBreak: z.string().nullable().describe('What is wrong at the first break of the chain, if any'),
    firstBreakSeq: z.number().int().nullable(),
  })
  .meta({ id: 'AccessLogVerification' });

/** Verifies the chain of the actor's region now, stores the result and returns it. */
export async function verifyRegion(deps: Deps, actor: Actor, traceId: string): Promise<z.infer<typeof Verification>> {
  const [result] = await verifyAccessLog(deps.db, { regionId: actor.regionId });
  const verifiedAt = deps.now();
  const entries = result?.entries ?? 0;
  const b = result?.firstBreak ?? null;
  const firstBreakSeq =
    b === null ? null : b.kind === 'gap' ? b.expectedSeq : b.kind === 'truncated' ? b.lastSeq + 1 : b.seq;
  await withTx(deps.db, scope(actor), async (tx) => {
    await tx
      .insertInto('access_log_verifications')
      .values({
        region_id: actor.regionId,
        verified_at: verifiedAt,
        verified_by: actor.userId,
        entries,
        intact: b === null,
        first_break: firstBreakSeq,
      })
      .execute();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'access_log_verification',
      recordId: null,
      subjects: [],
      purpose: { type: 'access-log-review' },
    });
  });
  return {
    verifiedAt: verifiedAt.toISOString(),
    entries,
    intact: b === null,
    firstBreak: b === null ? null : describeBreak(b),
    firstBreakSeq,
  };
}

export const StoredVerification = z
  .object({
    verifiedAt: z.iso.datetime(),
    verifiedByName: z.string().nullable(),
    entries: z.number().int(),
    intact: z.boolean(),
    firstBreakSeq: z.number().int().nullable(),
  })
  .meta({ id: 'AccessLogStoredVerification' });
export const VerificationListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).default(5),
});

/** The latest stored verification results of the actor's region (newest first), without verifying again. */
export async function listVerifications(
  deps: Deps,
  actor: Actor,
  traceId: string,
  q: z.infer<typeof VerificationListQuery>,
): Promise<{ items: Array<z.infer<typeof StoredVerification>>; nextCursor: null }> {
  return withTx(deps.db, scope(actor), async (tx) => {
    const rows = await tx
      .selectFrom('access_log_verifications as v')
      .leftJoin('users as u', 'u.id', 'v.verified_by')
      .select(['v.verified_at', 'u.name', 'v.entries', 'v.intact', 'v.first_break'])
      .orderBy('v.verified_at', 'desc')
      .orderBy('v.id', 'desc')
      .limit(q.limit)
      .execute();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'access_log_verification',
      recordId: null,
      subjects: [],
      purpose: { type: 'access-log-review' },
    });
    return {
      nextCursor: null,
      items: rows.map((r) => ({
        verifiedAt: r.verified_at.toISOString(),
        verifiedByName: r.name,
        entries: Number(r.entries),
        intact: r.intact,
        firstBreakSeq: r.first_break === null ? null : Number(r.first_break),
      })),
    };
  });
}

export const AnomalyQuery = z.strictObject({
  kind: z.enum(ANOMALY_KINDS),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  threshold: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .optional()
    .describe(
      `many-persons: more distinct persons a day than this (default ${MANY_PERSONS_DEFAULT}); refusals: more refused requests a day (default ${REFUSALS_DEFAULT})`,
    ),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const Anomaly = z
  .object({
    kind: z.enum(ANOMALY_KINDS),
    actorUserId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    /** many-persons: the day (Europe/Amsterdam) and how many distinct persons the user read that day. */
    activeOn: calendarDate().nullable(),
    distinctPersons: z.number().int().nullable(),
    /**
     * refusals: how many of the user's requests that day were refused (403, or 404 on a record by id),
     * and the route templates they went to — probing ids shows here. No record ids.
     */
    refusals: z.number().int().nullable(),
    refusedRoutes: z.array(z.string()).nullable(),
    /** outside-office-hours and break-glass: the access-log entry. */
    entry: Entry.nullable(),
  })
  .meta({ id: 'AccessLogAnomaly' });

export async function anomalies(deps: Deps, actor: Actor, traceId: string, q: z.infer<typeof AnomalyQuery>) {
  return withTx(deps.db, scope(actor), async (tx) => {
    let result: { items: Array<z.infer<typeof Anomaly>>; nextCursor: string | null };
    if (q.kind === 'refusals') {
      const day = sql<string>`(se.occurred_at at time zone ${sql.lit(OFFICE_HOURS.timeZone)})::date::text`;
      let query = tx
        .selectFrom('security_events as se')
        .leftJoin('users as u', 'u.id', 'se.user_id')
        .select([
          'se.user_id',
          'u.name as actor_name',
          day.as('active_on'),
          sql<string>`count(*)`.as('refusals'),
          sql<string[]>`array_agg(distinct se.method || ' ' || se.route order by se.method || ' ' || se.route)`.as(
            'routes',
          ),
        ])
        .where('se.region_id', '=', actor.regionId)
        .where('se.kind', '=', 'refusal')
        .groupBy(['se.user_id', 'u.name', day])
        .having(sql`count(*)`, '>', q.threshold ?? REFUSALS_DEFAULT)
        .orderBy(day, 'desc')
        .orderBy(sql`count(*)`, 'desc')
        .limit(q.limit);
      if (q.from) query = query.where('se.occurred_at', '>=', new Date(q.from));
      if (q.to) query = query.where('se.occurred_at', '<', new Date(q.to));
      const rows = await query.execute();
      result = {
        nextCursor: null,
        items: rows.map((r) => ({
          kind: q.kind,
          actorUserId: r.user_id,
          actorName: r.actor_name,
          activeOn: r.active_on,
          distinctPersons: null,
          refusals: Number(r.refusals),
          refusedRoutes: r.routes,
          entry: null,
        })),
      };
    } else if (q.kind === 'many-persons') {
      const day = sql<string>`(access_log.occurred_at at time zone ${sql.lit(OFFICE_HOURS.timeZone)})::date::text`;
      let query = tx
        .selectFrom('access_log')
        .leftJoin('users as u', 'u.id', 'access_log.actor_user_id')
        .select([
          'access_log.actor_user_id',
          'u.name as actor_name',
          day.as('active_on'),
          sql<string>`count(distinct access_log.subject_id)`.as('persons'),
        ])
        .where('access_log.action', '=', 'read')
        .where('access_log.subject_type', '=', 'person')
        .where('access_log.actor_user_id', 'is not', null)
        .groupBy(['access_log.actor_user_id', 'u.name', day])
        .having(sql`count(distinct access_log.subject_id)`, '>', q.threshold ?? MANY_PERSONS_DEFAULT)
        .orderBy(day, 'desc')
        .orderBy('access_log.actor_user_id')
        .limit(q.limit);
      if (q.from) query = query.where('access_log.occurred_at', '>=', new Date(q.from));
      if (q.to) query = query.where('access_log.occurred_at', '<', new Date(q.to));
      const rows = await query.execute();
      result = {
        nextCursor: null,
        items: rows.map((r) => ({
          kind: q.kind,
          actorUserId: r.actor_user_id,
          actorName: r.actor_name,
          activeOn: r.active_on,
          distinctPersons: Number(r.persons),
          refusals: null,
          refusedRoutes: null,
          entry: null,
        })),
      };
    } else {
      const before = decodeCursor(q.cursor, ['bigint']) as [number] | null;
      let query = filteredAccessLog(tx, { from: q.from, to: q.to }).limit(q.limit + 1);
      if (before) query = query.where('access_log.seq', '<', String(before[0]));
      if (q.kind === 'break-glass') {
        query = query.where('access_log.action', '=', 'break_glass');
      } else {
        const local = sql`access_log.occurred_at at time zone ${OFFICE_HOURS.timeZone}`;
        query = query
          .where('access_log.actor_user_id', 'is not', null)
          .where((eb) =>
            eb.or([
              eb(sql`extract(isodow from ${local})`, '>', 5),
              eb(sql`extract(hour from ${local})`, '<', OFFICE_HOURS.from),
              eb(sql`extract(hour from ${local})`, '>=', OFFICE_HOURS.to),
            ]),
          );
      }
      const rows = await query.execute();
      const p = page(rows, q.limit, (e) => [Number(e.seq)]);
      result = {
        nextCursor: p.nextCursor,
        items: p.items.map((e) => ({
          kind: q.kind,
          actorUserId: e.actor_user_id,
          actorName: e.actor_name,
          activeOn: null,
          distinctPersons: null,
          refusals: null,
          refusedRoutes: null,
          entry: presentEntry(e),
        })),
      };
    }
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'access_log',
      recordId: null,
      subjects: [],
      purpose: { type: 'access-log-review' },
    });
    return result;
  });
}
