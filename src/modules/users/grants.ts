/**
 * Role grants per region (user × region × role). An admin of a region requests a role for a user of an
 * organisation that takes part in the region; a role that can see personal data takes effect only when
 * a *second* admin of that region approves it (four eyes, also a database constraint). Revoking is
 * immediate and needs one admin. Every change of what a user may do ends their sessions and API tokens
 * at once. An admin never grants anything in another region: every query here is scoped to the
 * actor's region, in SQL and by row-level security.
 */
import type { z } from 'zod';
import { DomainError, notFound, staleVersion } from '../../core/errors.js';
import {
  checkGrantDecision,
  type GrantDecision,
  type GrantStatus,
  requiresFourEyes,
  statusAfter,
  statusOnRequest,
} from '../../core/grants.js';
import type { Role } from '../../core/roles.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordAccess } from '../access-log/record.js';
import { endSessionsAndTokens } from '../auth/queries.js';
import type { RoleGrant, RoleGrantListQuery, RoleGrantRequest } from './schemas.js';

const PURPOSE = { type: 'user-administration' } as const;

function grantsInRegion(tx: Tx, actor: Actor) {
  return tx
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .leftJoin('users as rq', 'rq.id', 'g.requested_by')
    .leftJoin('users as dc', 'dc.id', 'g.decided_by')
    .leftJoin('users as en', 'en.id', 'g.ended_by')
    .select([
      'g.id',
      'g.user_id',
      'u.name as user_name',
      'u.email as user_email',
      'o.name as organisation_name',
      'g.role',
      'g.status',
      'g.reason',
      'g.requested_by',
      'rq.name as requested_by_name',
      'g.requested_at',
      'g.decided_by',
      'dc.name as decided_by_name',
      'g.decided_at',
      'g.decision_reason',
      'g.ended_by',
      'en.name as ended_by_name',
      'g.ended_at',
      'g.end_reason',
      'g.version',
    ])
    .where('g.region_id', '=', actor.regionId);
}

type GrantRow = Awaited<ReturnType<ReturnType<typeof grantsInRegion>['executeTakeFirstOrThrow']>>;

const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

function present(g: GrantRow): z.infer<typeof RoleGrant> {
  return {
    id: g.id,
    user: { id: g.user_id, name: g.user_name, email: g.user_email, organisationName: g.organisation_name },
    role: g.role as Role,
    status: g.status,
    reason: g.reason,
    requestedBy: ref(g.requested_by, g.requested_by_name),
    requestedAt: g.requested_at.toISOString(),
    decidedBy: ref(g.decided_by, g.decided_by_name),
    decidedAt: g.decided_at?.toISOString() ?? null,
    decisionReason: g.decision_reason,
    endedBy: ref(g.ended_by, g.ended_by_name),
    endedAt: g.ended_at?.toISOString() ?? null,
    endReason: g.end_reason,
    fourEyes: requiresFourEyes(g.role as Role),
    version: g.version,
  };
}

export async function listGrants(deps: Deps, actor: Actor, traceId: string, q: z.infer<typeof RoleGrantListQuery>) {
  const after = decodeCursor(q.cursor, ['date', 'uuid']) as [string, string] | null;
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    let query = grantsInRegion(tx, actor)
      .orderBy('g.requested_at', 'desc')
      .orderBy('g.id', 'desc')
      .limit(q.limit + 1);
    if (q.status) query = query.where('g.status', '=', q.status);
    if (q.userId) query = query.where('g.user_id', '=', q.userId);
    if (after) {
      const at = new Date(after[0]);
      query = query.where((eb) =>
        eb.or([eb('g.requested_at', '<', at), eb.and([eb('g.requested_at', '=', at), eb('g.id', '<', after[1])])]),
      );
    }
    const result = page(await query.execute(), q.limit, (g) => [g.requested_at.toISOString(), g.id]);
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'role_grant',
      recordId: null,
      subjects: [...new Set(result.items.map((g) => g.user_id))].map((id) => ({ type: 'user' as const, id })),
      purpose: PURPOSE,
    });
    return { items: result.items.map(present), nextCursor: result.nextCursor };
  });
}

async function requireGrant(tx: Tx, actor: Actor, id: string): Promise<GrantRow> {
  const row = await grantsInRegion(tx, actor).where('g.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('The grant');
  return row;
}

export async function getGrant(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const row = await requireGrant(tx, actor, id);
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'role_grant',
      recordId: id,
      subjects: [{ type: 'user', id: row.user_id }],
      purpose: PURPOSE,
    });
    return present(row);
  });
}

/**
 * A grant about to take effect replaces the user's previous one in the region (first, since only one
 * may be in effect); whatever the user could do before ends with their sessions and tokens.
 */
async function replaceGrantInEffect(tx: Tx, deps: Deps, actor: Actor, userId: string) {
  const now = deps.now();
  await tx
    .updateTable('role_grants')
    .set((eb) => ({
      status: 'superseded',
      ended_by: actor.userId,
      ended_at: now,
      end_reason: 'Vervangen door een nieuwe rol',
      version: eb('version', '+', 1),
    }))
    .where('region_id', '=', actor.regionId)
    .where('user_id', '=', userId)
    .where('status', '=', 'active')
    .execute();
  await endSessionsAndTokens(tx, userId, 'grant_changed', now, actor.regionId);
}

/**
 * A request in the actor's region, inside the caller's transaction (also used when an account is
 * created). The user must belong to an organisation that takes part in the region; otherwise the same
 * field error whether or not the user exists.
 */
export async function requestGrantIn(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  traceId: string,
  input: { userId?: string | undefined; email?: string | undefined; role: Role; reason: string },
): Promise<string> {
  let target = tx
    .selectFrom('users as u')
    .innerJoin('region_organisations as m', (j) =>
      j.onRef('m.organisation_id', '=', 'u.organisation_id').on('m.region_id', '=', actor.regionId),
    )
    .select(['u.id', 'u.disabled_at']);
  target = input.userId ? target.where('u.id', '=', input.userId) : target.where('u.email', '=', input.email ?? '');
  const user = await target.executeTakeFirst();
  const pointer = input.userId ? '/userId' : '/email';
  if (!user) {
    const detail = 'Choose a user of an organisation that takes part in this region.';
    throw new DomainError('BUSINESS_RULE', detail, {
      fields: [{ in: 'body', pointer, code: 'unknown_reference', detail }],
      securityEvent: true,
    });
  }
  if (user.disabled_at) {
    const detail = 'The account is blocked.';
    throw new DomainError('BUSINESS_RULE', detail, { fields: [{ in: 'body', pointer, code: 'blocked', detail }] });
  }
  const current = await tx
    .selectFrom('role_grants')
    .select(['role', 'status'])
    .where('region_id', '=', actor.regionId)
    .where('user_id', '=', user.id)
    .where('status', 'in', ['active', 'requested'])
    .execute();
  if (current.some((g) => g.status === 'requested')) {
    throw new DomainError('CONFLICT', 'A request for this user in this region already awaits a decision.');
  }
  if (current.some((g) => g.status === 'active' && g.role === input.role)) {
    const detail = 'The user already holds this role in this region.';
    throw new DomainError('BUSINESS_RULE', detail, {
      fields: [{ in: 'body', pointer: '/role', code: 'already_granted', detail }],
    });
  }
  const now = deps.now();
  const status = statusOnRequest(input.role);
  if (status === 'active') await replaceGrantInEffect(tx, deps, actor, user.id);
  const { id } = await tx
    .insertInto('role_grants')
    .values({
      region_id: actor.regionId,
      user_id: user.id,
      role: input.role,
      status,
      reason: input.reason,
      requested_by: actor.userId,
      requested_at: now,
      // One admin suffices for a role without personal data: the request is its own approval.
      ...(status === 'active' ? { decided_by: actor.userId, decided_at: now } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAccess(tx, auditActor(actor, traceId), {
    action: 'create',
    recordType: 'role_grant',
    recordId: id,
    subjects: [{ type: 'user', id: user.id }],
    purpose: PURPOSE,
  });
  return id;
}

export async function requestGrant(deps: Deps, actor: Actor, traceId: string, input: z.infer<typeof RoleGrantRequest>) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const id = await requestGrantIn(tx, deps, actor, traceId, input);
    return present(await requireGrant(tx, actor, id));
  });
}

const REFUSAL_STATUS: Record<string, { code: 'ILLEGAL_TRANSITION' | 'FOUR_EYES_REQUIRED' | 'BUSINESS_RULE' }> = {
  illegal_transition: { code: 'ILLEGAL_TRANSITION' },
  four_eyes: { code: 'FOUR_EYES_REQUIRED' },
  self: { code: 'BUSINESS_RULE' },
};

/** Approve, refuse, withdraw or revoke a grant of the actor's region. */
export async function decideGrant(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  decision: GrantDecision,
  input: { reason?: string | undefined; version: number },
) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const grant = await requireGrant(tx, actor, id);
    const refusal = checkGrantDecision(
      {
        status: grant.status as GrantStatus,
        role: grant.role as Role,
        userId: grant.user_id,
        requestedBy: grant.requested_by,
      },
      decision,
      actor.userId,
    );
    if (refusal) {
      const message =
        refusal.kind === 'illegal_transition'
          ? `A grant that is ${refusal.from} cannot be ${decision === 'approve' ? 'approved' : `${decision}d`}.`
          : refusal.detail;
      throw new DomainError(REFUSAL_STATUS[refusal.kind]?.code ?? 'BUSINESS_RULE', message, { securityEvent: true });
    }
    const now = deps.now();
    const to = statusAfter(decision);
    if (decision === 'approve') await replaceGrantInEffect(tx, deps, actor, grant.user_id);
    const ending = decision === 'revoke';
    const updated = await tx
      .updateTable('role_grants')
      .set((eb) => ({
        status: to,
        ...(ending
          ? { ended_by: actor.userId, ended_at: now, end_reason: input.reason ?? null }
          : { decided_by: actor.userId, decided_at: now, decision_reason: input.reason ?? null }),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) {
      throw new DomainError('STALE_VERSION', staleVersion().message, { securityEvent: true });
    }
    if (decision === 'revoke') await endSessionsAndTokens(tx, grant.user_id, 'grant_changed', now, actor.regionId);
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'role_grant',
      recordId: id,
      subjects: [{ type: 'user', id: grant.user_id }],
      purpose: PURPOSE,
    });
    return present(await requireGrant(tx, actor, id));
  });
}
