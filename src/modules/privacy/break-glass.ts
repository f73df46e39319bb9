/**
 * Break-the-glass (PRODUCT.md §4, issue 4): a process director opens a case outside their
 * need-to-know in an emergency, with a written reason. The grant is time-limited (caseVisibleTo has
 * an OR branch for an unexpired grant), logged in the access log as 'break_glass', and sits in the
 * privacy officer's review queue until reviewed.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { DomainError, notFound, staleVersion } from '../../core/errors.js';
import { INT4_MAX } from '../../core/input.js';
import { withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordAccess } from '../access-log/record.js';
import { caseVisibleTo } from '../cases/visibility.js';

/** How long an emergency grant lasts. */
export const BREAK_GLASS_HOURS = 4;
export const MIN_REASON_LENGTH = 20;

export const BreakGlassCreate = z.strictObject({
  caseId: z.uuid(),
  // Required, but checked by the business rule (422 naming /reason) so the refusal is explicit.
  reason: z.string().max(4000).optional(),
});

export const BreakGlassReview = z.strictObject({
  note: z.string().trim().min(1).max(4000),
  version: z.number().int().min(1).max(INT4_MAX),
});

export const BreakGlassListQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  status: z.enum(['unreviewed', 'all']).default('unreviewed'),
});

export const BreakGlassGrant = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    userId: z.uuid(),
    userName: z.string().nullable(),
    organisationId: z.uuid().nullable(),
    reason: z.string(),
    grantedAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    active: z.boolean(),
    reviewedAt: z.iso.datetime().nullable(),
    reviewedBy: z.uuid().nullable(),
    reviewNote: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'BreakGlassGrant' });

type GrantRow = {
  id: string;
  case_id: string;
  user_id: string;
  user_name: string | null;
  organisation_id: string | null;
  reason: string;
  granted_at: Date;
  expires_at: Date;
  reviewed_at: Date | null;
  reviewed_by: string | null;
  review_note: string | null;
  version: number;
};

function present(r: GrantRow, now: Date): z.infer<typeof BreakGlassGrant> {
  return {
    id: r.id,
    caseId: r.case_id,
    userId: r.user_id,
    userName: r.user_name,
    organisationId: r.organisation_id,
    reason: r.reason,
    grantedAt: r.granted_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    active: r.expires_at.getTime() > now.getTime(),
    reviewedAt: r.reviewed_at?.toISOString() ?? null,
    reviewedBy: r.reviewed_by,
    reviewNote: r.review_note,
    version: r.version,
  };
}

const scope = (actor: Actor) => ({ regionId: actor.regionId, organisationId: actor.organisationId });

function grantQuery(tx: Parameters<Parameters<typeof withTx>[2]>[0]) {
  return tx
    .selectFrom('break_glass_grants as g')
    .leftJoin('users as u', 'u.id', 'g.user_id')
    .select([
      'g.id',
      'g.case_id',
      'g.user_id',
      'u.name as user_name',
      'u.organisation_id',
      'g.reason',
      'g.granted_at',
      'g.expires_at',
      'g.reviewed_at',
      'g.reviewed_by',
      'g.review_note',
      'g.version',
    ]);
}

export async function breakGlass(
  deps: Deps,
  actor: Actor,
  traceId: string,
  input: z.infer<typeof BreakGlassCreate>,
): Promise<z.infer<typeof BreakGlassGrant>> {
  if (actor.role !== 'process_director') {
    throw new DomainError('FORBIDDEN', 'Only a process director may open a case with break-the-glass.');
  }
  const reason = input.reason?.trim() ?? '';
  if (reason.length < MIN_REASON_LENGTH) {
    const detail = `Write down why this emergency access is needed (at least ${MIN_REASON_LENGTH} characters).`;
    throw new DomainError('BUSINESS_RULE', detail, {
      fields: [{ in: 'body', pointer: '/reason', code: reason ? 'too_short' : 'required', detail }],
    });
  }
  const now = deps.now();
  return withTx(deps.db, scope(actor), async (tx) => {
    // Row-level security keeps this to the actor's region; outside it the case does not exist.
    const c = await tx
      .selectFrom('cases')
      .select(['cases.id', 'cases.subject_person_id'])
      .select((eb) => sql<boolean>`${caseVisibleTo({ ...actor, now })(eb)}`.as('visible'))
      .where('cases.id', '=', input.caseId)
      .executeTakeFirst();
    if (!c) throw notFound('The case');
    if (c.visible) {
      const detail = 'You can already see this case; break-the-glass is only for cases outside your need-to-know.';
      throw new DomainError('BUSINESS_RULE', detail, {
        fields: [{ in: 'body', pointer: '/caseId', code: 'already_visible', detail }],
      });
    }
    const inserted = await tx
      .insertInto('break_glass_grants')
      .values({
        region_id: actor.regionId,
        case_id: c.id,
        user_id: actor.userId,
        reason,
        granted_at: now,
        expires_at: new Date(now.getTime() + BREAK_GLASS_HOURS * 3600_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'break_glass',
      recordType: 'case',
      recordId: c.id,
      subjects: [{ type: 'person', id: c.subject_person_id }],
      purpose: { type: 'case', id: c.id },
    });
    const row = await grantQuery(tx).where('g.id', '=', inserted.id).executeTakeFirstOrThrow();
    return present(row, now);
  });
}

export async function listGrants(deps: Deps, actor: Actor, traceId: string, q: z.infer<typeof BreakGlassListQuery>) {
  const after = decodeCursor(q.cursor, ['timestamp', 'uuid']) as [string, string] | null;
  const now = deps.now();
  return withTx(deps.db, scope(actor), async (tx) => {
    let query = grantQuery(tx)
      .orderBy('g.granted_at', 'desc')
      .orderBy('g.id', 'desc')
      .limit(q.limit + 1);
    if (q.status === 'unreviewed') query = query.where('g.reviewed_at', 'is', null);
    if (after) {
      const [at, id] = after;
      query = query.where((eb) =>
        eb.or([
          eb('g.granted_at', '<', new Date(at)),
          eb.and([eb('g.granted_at', '=', new Date(at)), eb('g.id', '<', id)]),
        ]),
      );
    }
    const rows = await query.execute();
    const result = page(rows, q.limit, (r) => [r.granted_at.toISOString(), r.id]);
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'break_glass_grant',
      recordId: null,
      subjects: [],
      purpose: { type: 'break-glass-review' },
    });
    return { nextCursor: result.nextCursor, items: result.items.map((r) => present(r, now)) };
  });
}

export async function reviewGrant(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof BreakGlassReview>,
) {
  const now = deps.now();
  return withTx(deps.db, scope(actor), async (tx) => {
    const current = await tx
      .selectFrom('break_glass_grants')
      .select(['id', 'version', 'reviewed_at'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('The break-the-glass grant');
    if (current.version !== input.version) throw staleVersion();
    if (current.reviewed_at) throw new DomainError('CONFLICT', 'This break-the-glass use was already reviewed.');
    await tx
      .updateTable('break_glass_grants')
      .set({ reviewed_at: now, reviewed_by: actor.userId, review_note: input.note, version: current.version + 1 })
      .where('id', '=', id)
      .execute();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'break_glass_grant',
      recordId: id,
      subjects: [],
      purpose: { type: 'break-glass-review' },
    });
    const row = await grantQuery(tx).where('g.id', '=', id).executeTakeFirstOrThrow();
    return present(row, now);
  });
}
