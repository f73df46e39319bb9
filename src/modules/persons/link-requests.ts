/**
 * Link requests (issue 8 point 6): a searcher whose match on intake was only a hit ("known to
 * municipality X") asks to link that person to their own signal. A process director of a municipality
 * the person is known to decides: accepted, the person is linked to the signal (link kind
 * matched_existing) and the requester can see him from then on; refused with a reason, nothing changes.
 *
 * Who sees a request is decided in SQL: the deciding side (process directors of an organisation whose
 * municipality the person is known to, apart from the requesting signal itself) sees the person; the
 * requesting side (the requester, and the process directors of the signal's municipality) sees only
 * the municipalities and contacts, the status and the decision. Everyone else gets 404.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import { DomainError, forbidden, notFound, staleVersion } from '../../core/errors.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import { rethrowConstraint } from '../../platform/db/errors.js';
import type { Database } from '../../platform/db/schema.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordAccess } from '../access-log/record.js';
import { insertSubjectLink, isLinked, isOpenSignal } from '../signals/service.js';
import { signalEditableBy, signalVisibleTo } from '../signals/visibility.js';
import { processDirectorsOf } from './contacts.js';
import { knownToAny, knownToOf, knownToOrganisation } from './known-to.js';
import type {
  LinkRequest,
  LinkRequestAcceptance,
  LinkRequestCreate,
  LinkRequestListQuery,
  LinkRequestRefusal,
} from './schemas.js';

const INTAKE_ROLES = new Set(['process_director', 'case_coordinator']);

type Db = Database & { r: Database['person_link_requests'] };

/** May the actor decide the request? A process director of a municipality the person is known to. */
function decidableBy(actor: Actor) {
  return (_eb: ExpressionBuilder<Db, 'r'>): Expression<SqlBool> =>
    actor.role !== 'process_director'
      ? sql<SqlBool>`false`
      : knownToOrganisation(sql.ref('r.person_id'), actor.organisationId, sql.ref('r.signal_id'));
}

/** Is the actor on the requesting side? The requester, or a process director of the signal's municipality. */
function requestingSide(actor: Actor) {
  return (eb: ExpressionBuilder<Db, 'r'>): Expression<SqlBool> => {
    const routes: Expression<SqlBool>[] = [eb('r.requested_by', '=', actor.userId)];
    if (actor.role === 'process_director') {
      routes.push(
        eb.exists(
          eb
            .selectFrom('signals as lr_s')
            .innerJoin('municipalities as lr_m', 'lr_m.id', 'lr_s.municipality_id')
            .select(sql`1`.as('one'))
            .whereRef('lr_s.id', '=', 'r.signal_id')
            .where('lr_m.organisation_id', '=', actor.organisationId),
        ),
      );
    }
    return eb.or(routes);
  };
}

function requireIntakeRole(actor: Actor) {
  if (!INTAKE_ROLES.has(actor.role)) {
    throw forbidden('Only process directors and case coordinators work with link requests.');
  }
}

function requestQuery(tx: Tx, actor: Actor) {
  return tx
    .selectFrom('person_link_requests as r')
    .innerJoin('signals as s', 's.id', 'r.signal_id')
    .innerJoin('municipalities as sm', 'sm.id', 's.municipality_id')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .innerJoin('person_match_hits as h', 'h.id', 'r.hit_id')
    .innerJoin('users as rq', 'rq.id', 'r.requested_by')
    .innerJoin('organisations as ro', 'ro.id', 'r.requester_organisation_id')
    .leftJoin('users as dc', 'dc.id', 'r.decided_by')
    .select((eb) => [
      'r.id',
      'r.status',
      'r.person_id',
      'r.signal_id',
      's.reference as signal_reference',
      's.status as signal_status',
      'sm.id as signal_municipality_id',
      'sm.name as signal_municipality_name',
      'r.requested_by',
      'rq.name as requested_by_name',
      'r.requester_organisation_id',
      'ro.name as requester_organisation_name',
      'r.created_at',
      'r.reason',
      'h.first_name as searched_first_name',
      'h.name_prefix as searched_name_prefix',
      'h.last_name as searched_last_name',
      'h.date_of_birth as searched_date_of_birth',
      'p.first_name',
      'p.name_prefix',
      'p.last_name',
      'p.date_of_birth',
      'r.decided_by',
      'dc.name as decided_by_name',
      'r.decided_at',
      'r.decision_reason',
      'r.version',
      sql<boolean>`${decidableBy(actor)(eb as never)}`.as('actor_decides'),
    ]);
}

type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['executeTakeFirstOrThrow']>>;

async function present(tx: Tx, actor: Actor, rows: RequestRow[]): Promise<z.infer<typeof LinkRequest>[]> {
  const knownTo = await knownToOf(
    tx,
    rows.map((r) => r.person_id),
  );
  const contacts = await processDirectorsOf(tx, actor.regionId, [
    ...new Set([...knownTo.values()].flat().map((m) => m.id)),
  ]);
  return rows.map((r) => ({
    id: r.id,
    status: r.status as z.infer<typeof LinkRequest>['status'],
    signal: { id: r.signal_id, reference: r.signal_reference },
    requesterMunicipality: { id: r.signal_municipality_id, name: r.signal_municipality_name },
    requestedBy: { id: r.requested_by, name: r.requested_by_name },
    requesterOrganisation: { id: r.requester_organisation_id, name: r.requester_organisation_name },
    requestedAt: r.created_at.toISOString(),
    reason: r.reason,
    searchedFor: {
      firstName: r.searched_first_name,
      namePrefix: r.searched_name_prefix,
      lastName: r.searched_last_name,
      dateOfBirth: r.searched_date_of_birth,
    },
    knownTo: (knownTo.get(r.person_id) ?? []).map((m) => ({
      municipality: { id: m.id, name: m.name },
      contacts: contacts.get(m.id) ?? [],
    })),
    person: r.actor_decides
      ? {
          id: r.person_id,
          firstName: r.first_name,
          namePrefix: r.name_prefix,
          lastName: r.last_name,
          dateOfBirth: r.date_of_birth,
        }
      : null,
    decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name ?? '' } : null,
    decidedAt: r.decided_at?.toISOString() ?? null,
    decisionReason: r.decision_reason,
    canDecide: Boolean(r.actor_decides) && r.status === 'pending',
    version: r.version,
  }));
}

/** Each request shown is a processing about its person (purpose: the intake of the requesting signal). */
async function logRequests(
  tx: Tx,
  actor: Actor,
  traceId: string,
  action: 'read' | 'create' | 'update',
  rows: Array<{ id: string; person_id: string; signal_id: string }>,
) {
  for (const r of rows) {
    await recordAccess(tx, auditActor(actor, traceId), {
      action,
      recordType: 'person_link_request',
      recordId: r.id,
      subjects: [{ type: 'person', id: r.person_id }],
      purpose: { type: 'signal-intake', id: r.signal_id },
    });
  }
}

function fieldError(code: 'BUSINESS_RULE' | 'CONFLICT', pointer: string, fieldCode: string, detail: string) {
  return new DomainError(code, detail, { fields: [{ in: 'body', pointer, code: fieldCode, detail }] });
}

/** POST /person-link-requests — the searcher asks to link the person of a hit to their signal. */
export async function createLinkRequest(
  deps: Deps,
  actor: Actor,
  traceId: string,
  input: z.infer<typeof LinkRequestCreate>,
) {
  requireIntakeRole(actor);
  const now = deps.now();
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    // Only the searcher's own, unexpired hit: any other id answers as unknown.
    const hit = await tx
      .selectFrom('person_match_hits')
      .select(['id', 'person_id'])
      .where('id', '=', input.hitId)
      .where('searched_by', '=', actor.userId)
      .where('expires_at', '>', now)
      .where(knownToAny(sql.ref('person_match_hits.person_id')))
      .executeTakeFirst();
    if (!hit) {
      throw fieldError('BUSINESS_RULE', '/hitId', 'unknown_reference', 'Search again: this hit is unknown or expired.');
    }
    const signal = await tx
      .selectFrom('signals')
      .select((eb) => ['signals.id', 'signals.status', sql<boolean>`${signalEditableBy(actor)(eb)}`.as('editable')])
      .where('signals.id', '=', input.signalId)
      .where(signalVisibleTo(actor))
      .forUpdate()
      .executeTakeFirst();
    if (!signal) {
      throw fieldError('BUSINESS_RULE', '/signalId', 'unknown_reference', 'Choose a signal you can see.');
    }
    if (!signal.editable) throw forbidden('Only whoever may change the signal asks for a link to it.');
    if (!isOpenSignal(signal.status)) {
      throw new DomainError('ILLEGAL_TRANSITION', 'The signal is no longer open; persons are no longer linked to it.');
    }
    if (await isLinked(tx, signal.id, hit.person_id))
      throw fieldError('CONFLICT', '/hitId', 'duplicate', 'This person is already linked to the signal.');
    const { id } = await tx
      .insertInto('person_link_requests')
      .values({
        region_id: actor.regionId,
        hit_id: hit.id,
        person_id: hit.person_id,
        signal_id: signal.id,
        requested_by: actor.userId,
        requester_organisation_id: actor.organisationId,
        reason: input.reason,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e) =>
        rethrowConstraint(e, {
          person_link_requests_hit_id_key: {
            pointer: '/hitId',
            detail: 'A link request was already made for this hit.',
          },
          person_link_requests_pending_key: {
            pointer: '/hitId',
            detail: 'A link request for this person and signal is already pending.',
          },
        }),
      );
    await logRequests(tx, actor, traceId, 'create', [{ id, person_id: hit.person_id, signal_id: signal.id }]);
    const row = await requestQuery(tx, actor).where('r.id', '=', id).executeTakeFirstOrThrow();
    return (await present(tx, actor, [row]))[0] as z.infer<typeof LinkRequest>;
  });
}

/** GET /person-link-requests — incoming (to decide) or outgoing (for your signals), newest first. */
export async function listLinkRequests(
  deps: Deps,
  actor: Actor,
  traceId: string,
  q: z.infer<typeof LinkRequestListQuery>,
) {
  requireIntakeRole(actor);
  if (q.direction === 'incoming' && actor.role !== 'process_director') {
    throw forbidden('Only process directors decide link requests.');
  }
  const after = decodeCursor(q.cursor, ['timestamp', 'uuid']) as [string, string] | null;
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    let query = requestQuery(tx, actor)
      .where((eb) =>
        q.direction === 'incoming' ? decidableBy(actor)(eb as never) : requestingSide(actor)(eb as never),
      )
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(q.limit + 1);
    if (q.status) query = query.where('r.status', '=', q.status);
    if (q.signalId) query = query.where('r.signal_id', '=', q.signalId);
    if (after) {
      const at = new Date(after[0]);
      query = query.where((eb) =>
        eb.or([eb('r.created_at', '<', at), eb.and([eb('r.created_at', '=', at), eb('r.id', '<', after[1])])]),
      );
    }
    const result = page(await query.execute(), q.limit, (r) => [r.created_at.toISOString(), r.id]);
    await logRequests(tx, actor, traceId, 'read', result.items);
    return { items: await present(tx, actor, result.items), nextCursor: result.nextCursor };
  });
}

/** The request if the actor is on either side of it; 404 otherwise. */
async function requireVisibleRequest(tx: Tx, actor: Actor, id: string, forUpdate = false) {
  let query = requestQuery(tx, actor)
    .where('r.id', '=', id)
    .where((eb) => eb.or([decidableBy(actor)(eb as never), requestingSide(actor)(eb as never)]));
  if (forUpdate) query = query.forUpdate('r');
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('The link request');
  return row;
}

/** GET /person-link-requests/{id} */
export async function getLinkRequest(deps: Deps, actor: Actor, traceId: string, id: string) {
  requireIntakeRole(actor);
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const row = await requireVisibleRequest(tx, actor, id);
    await logRequests(tx, actor, traceId, 'read', [row]);
    return (await present(tx, actor, [row]))[0] as z.infer<typeof LinkRequest>;
  });
}

/**
 * POST /person-link-requests/{id}/acceptance and /refusal — a process director of a municipality the
 * person is known to decides. Accepted: the person is linked to the requesting signal (which must still
 * be open) in the same transaction. Refused: only the request changes.
 */
export async function decideLinkRequest(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  decision: 'accepted' | 'refused',
  input: z.infer<typeof LinkRequestAcceptance> | z.infer<typeof LinkRequestRefusal>,
) {
  if (actor.role !== 'process_director') throw forbidden('Only process directors decide link requests.');
  const now = deps.now();
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const row = await requireVisibleRequest(tx, actor, id, true);
    if (!row.actor_decides) {
      throw forbidden('Only a process director of a municipality the person is known to decides this request.');
    }
    if (row.status !== 'pending') {
      throw new DomainError('ILLEGAL_TRANSITION', `The link request was already ${row.status}.`);
    }
    if (row.version !== input.version) throw staleVersion();
    const reason = input.reason ?? null;
    if (decision === 'accepted') {
      const signal = await tx
        .selectFrom('signals')
        .select('status')
        .where('id', '=', row.signal_id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (!isOpenSignal(signal.status)) {
        throw new DomainError('ILLEGAL_TRANSITION', 'The requesting signal is no longer open; refuse the request.');
      }
      if (!(await isLinked(tx, row.signal_id, row.person_id))) {
        const org = await tx
          .selectFrom('organisations')
          .select('name')
          .where('id', '=', actor.organisationId)
          .executeTakeFirstOrThrow();
        await insertSubjectLink(tx, actor, {
          signalId: row.signal_id,
          personId: row.person_id,
          kind: 'matched_existing',
          reason: `Koppelverzoek aanvaard door ${org.name}${reason ? `: ${reason}` : ''}`.slice(0, 500),
          at: now,
        });
        await recordAccess(tx, auditActor(actor, traceId), {
          action: 'update',
          recordType: 'signal',
          recordId: row.signal_id,
          subjects: [{ type: 'person', id: row.person_id }],
          purpose: { type: 'signal-intake', id: row.signal_id },
        });
      }
    }
    const updated = await tx
      .updateTable('person_link_requests')
      .set((eb) => ({
        status: decision,
        decided_by: actor.userId,
        decided_at: now,
        decision_reason: reason,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw staleVersion();
    await logRequests(tx, actor, traceId, 'update', [row]);
    const after = await requestQuery(tx, actor).where('r.id', '=', id).executeTakeFirstOrThrow();
    return (await present(tx, actor, [after]))[0] as z.infer<typeof LinkRequest>;
  });
}
