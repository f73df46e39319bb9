/**
 * Consent asked of the source (issue 12). An item of a subject access answer under the Wpg, the Wjsg
 * or professional secrecy is disclosed only when its source organisation consents. The privacy
 * officer asks; the source's privacy contact (a role grant at that organisation) is notified, sees
 * only the item and the deadline — not the rest of the file — and decides with a reason. Schakel
 * records who decided and when; the item's release follows that decision (subject-access.ts).
 *
 * Need-to-know in the query: a privacy contact sees the requests addressed to its own organisation
 * and nothing else (404); the privacy officer and admin of the region see all of the region's.
 */
import { z } from 'zod';
import { DomainError, forbidden, notFound, ruleViolation, staleVersion } from '../../core/errors.js';
import { calendarDate } from '../../core/input.js';
import { can } from '../../core/roles.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { formatDateNl } from '../../shared/labels/index.js';
import { recordAccess } from '../access-log/record.js';
import { todayInNl } from '../cases/core.js';
import { CONSENT_REGIMES } from './subject-access.js';

export const ConsentAsk = z.strictObject({
  dueOn: calendarDate().describe('The date by which the source is asked to decide'),
  message: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .optional()
    .describe('A note for the source (no more of the file than needed)'),
});
export const ConsentDecision = z.strictObject({
  decision: z.enum(['granted', 'refused']),
  reason: z.string().trim().min(1).max(4000),
  version: z.number().int().min(1).max(2147483647),
});
export const ConsentListQuery = z.strictObject({
  status: z.enum(['pending', 'granted', 'refused']).optional(),
});

const Ref = z.object({ id: z.uuid(), name: z.string() });
export const ConsentRequest = z
  .object({
    id: z.uuid(),
    status: z.enum(['pending', 'granted', 'refused']),
    dueOn: calendarDate(),
    message: z.string().nullable(),
    sourceOrganisation: Ref,
    requestedBy: Ref,
    requestedAt: z.iso.datetime(),
    decidedBy: Ref.nullable(),
    decidedAt: z.iso.datetime().nullable(),
    reason: z.string().nullable(),
    item: z.object({
      recordType: z.string(),
      title: z.string(),
      content: z.string(),
      legalRegime: z.enum(['avg', 'wpg', 'wjsg', 'professional_secrecy']),
      recordedAt: z.iso.datetime().nullable(),
    }),
    canDecide: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'ConsentRequest' });
export const ConsentRequestList = z.object({ items: z.array(ConsentRequest) }).meta({ id: 'ConsentRequestList' });

type Out<T extends z.ZodType> = z.infer<T>;
const SAR_ROLES = new Set(['privacy_officer', 'admin']);
const purposeOf = (id: string) => ({ type: 'consent-request', id });

/** Who may see which requests: the source's privacy contact its own; the region's privacy officer all. */
function visibleRequests(tx: Tx, actor: Actor) {
  let q = tx
    .selectFrom('sar_consent_requests as cr')
    .innerJoin('sar_items as i', 'i.id', 'cr.item_id')
    .innerJoin('subject_access_requests as s', 's.id', 'cr.request_id')
    .innerJoin('organisations as o', 'o.id', 'cr.source_organisation_id')
    .innerJoin('users as rq', 'rq.id', 'cr.requested_by')
    .leftJoin('users as dc', 'dc.id', 'cr.decided_by')
    .selectAll('cr')
    .select(['i.record_type', 'i.title', 'i.content', 'i.legal_regime', 'i.recorded_at', 's.person_id'])
    .select(['o.name as organisation_name', 'rq.name as requested_by_name', 'dc.name as decided_by_name']);
  if (can(actor.role, 'consent:decide')) {
    q = q.where('cr.source_organisation_id', '=', actor.organisationId);
  } else if (!SAR_ROLES.has(actor.role)) {
    throw forbidden('Only a privacy contact or the privacy officer sees consent requests.');
  }
  return q;
}

type Row = Awaited<ReturnType<ReturnType<typeof visibleRequests>['executeTakeFirstOrThrow']>>;

function present(r: Row, actor: Actor): Out<typeof ConsentRequest> {
  return {
    id: r.id,
    status: r.status as Out<typeof ConsentRequest>['status'],
    dueOn: r.due_on,
    message: r.message,
    sourceOrganisation: { id: r.source_organisation_id, name: r.organisation_name },
    requestedBy: { id: r.requested_by, name: r.requested_by_name },
    requestedAt: r.requested_at.toISOString(),
    decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name ?? '' } : null,
    decidedAt: r.decided_at?.toISOString() ?? null,
    reason: r.reason,
    item: {
      recordType: r.record_type,
      title: r.title,
      content: r.content,
      legalRegime: r.legal_regime as Out<typeof ConsentRequest>['item']['legalRegime'],
      recordedAt: r.recorded_at?.toISOString() ?? null,
    },
    canDecide:
      r.status === 'pending' && can(actor.role, 'consent:decide') && r.source_organisation_id === actor.organisationId,
    version: r.version,
  };
}

/** POST /subject-access-requests/{id}/items/{itemId}/consent-requests — the privacy officer asks the source. */
export async function askConsent(
  deps: Deps,
  actor: Actor,
  traceId: string,
  requestId: string,
  itemId: string,
  input: z.infer<typeof ConsentAsk>,
) {
  if (!SAR_ROLES.has(actor.role)) throw forbidden();
  return withTx(deps.db, { regionId: actor.regionId, organisationId: actor.organisationId }, async (tx) => {
    const sar = await tx
      .selectFrom('subject_access_requests')
      .select(['id', 'status', 'person_id'])
      .where('id', '=', requestId)
      .executeTakeFirst();
    if (!sar) throw notFound('The subject access request');
    const item = await tx
      .selectFrom('sar_items')
      .selectAll()
      .where('id', '=', itemId)
      .where('request_id', '=', requestId)
      .forUpdate()
      .executeTakeFirst();
    if (!item) throw notFound('The item');
    if (sar.status === 'delivered') throw new DomainError('ILLEGAL_TRANSITION', 'The answer was already delivered.');
    const now = deps.now();
    const issues: Array<{ pointer: string; code: string; detail: string }> = [];
    if (!CONSENT_REGIMES.has(item.legal_regime)) {
      issues.push({ pointer: '/', code: 'no_consent_needed', detail: 'This item does not need its source’s consent.' });
    }
    if (item.source_organisation_id === null) {
      issues.push({ pointer: '/', code: 'no_source', detail: 'The item has no source organisation to ask.' });
    }
    if (item.consent_status === 'pending') {
      issues.push({
        pointer: '/',
        code: 'already_asked',
        detail: 'The source is already asked; wait for its decision.',
      });
    }
    if (item.consent_status === 'granted') {
      issues.push({ pointer: '/', code: 'already_granted', detail: 'The source already consented.' });
    }
    if (input.dueOn <= todayInNl(now)) {
      issues.push({ pointer: '/dueOn', code: 'not_in_future', detail: 'The deadline lies in the future.' });
    }
    const contacts = item.source_organisation_id
      ? await tx
          .selectFrom('region_roles as rr')
          .innerJoin('users as u', 'u.id', 'rr.user_id')
          .select('u.id')
          .where('rr.region_id', '=', actor.regionId)
          .where('rr.role', '=', 'privacy_contact')
          .where('u.organisation_id', '=', item.source_organisation_id)
          .where('u.disabled_at', 'is', null)
          .execute()
      : [];
    if (item.source_organisation_id !== null && contacts.length === 0) {
      issues.push({
        pointer: '/',
        code: 'no_privacy_contact',
        detail: 'The source organisation has no privacy contact in this region: ask its admin to grant the role first.',
      });
    }
    const error = ruleViolation('The source cannot be asked for consent now.', issues);
    if (error) throw error;
    const created = await tx
      .insertInto('sar_consent_requests')
      .values({
        region_id: actor.regionId,
        request_id: requestId,
        item_id: itemId,
        source_organisation_id: item.source_organisation_id as string,
        due_on: input.dueOn,
        message: input.message ?? null,
        requested_by: actor.userId,
        requested_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('sar_items')
      .set({ consent_status: 'pending', version: item.version + 1 })
      .where('id', '=', itemId)
      .execute();
    // The notification says only that a decision is asked, and by when: no person, no content.
    await tx
      .insertInto('notifications')
      .values(
        contacts.map((c) => ({
          region_id: actor.regionId,
          user_id: c.id,
          kind: 'consent_requested',
          due_on: input.dueOn,
          message: `Er is u om toestemming gevraagd voor het verstrekken van gegevens aan een betrokkene; beslis uiterlijk ${formatDateNl(input.dueOn)}`,
          dedupe_key: `consent_requested:${created.id}`,
          created_at: now,
        })),
      )
      .execute();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'create',
      recordType: 'consent_request',
      recordId: created.id,
      subjects: [{ type: 'person', id: sar.person_id }],
      purpose: { type: 'subject-access-request', id: requestId },
    });
    return present(await visibleRequests(tx, actor).where('cr.id', '=', created.id).executeTakeFirstOrThrow(), actor);
  });
}

/** GET /consent-requests — the privacy contact's own organisation's requests (pending first), or the region's. */
export async function listConsentRequests(
  deps: Deps,
  actor: Actor,
  traceId: string,
  q: z.infer<typeof ConsentListQuery>,
) {
  return withTx(deps.db, { regionId: actor.regionId, organisationId: actor.organisationId }, async (tx) => {
    let query = visibleRequests(tx, actor)
      .orderBy((eb) => eb.case().when('cr.status', '=', 'pending').then(0).else(1).end())
      .orderBy('cr.due_on')
      .orderBy('cr.id')
      .limit(200);
    if (q.status) query = query.where('cr.status', '=', q.status);
    const rows = await query.execute();
    for (const r of rows) {
      await recordAccess(tx, auditActor(actor, traceId), {
        action: 'read',
        recordType: 'consent_request',
        recordId: r.id,
        subjects: [{ type: 'person', id: r.person_id }],
        purpose: purposeOf(r.id),
      });
    }
    return { items: rows.map((r) => present(r, actor)) };
  });
}

/** GET /consent-requests/{id} — 404 for anyone the request is not addressed to (and not the privacy officer). */
export async function getConsentRequest(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, { regionId: actor.regionId, organisationId: actor.organisationId }, async (tx) => {
    const row = await visibleRequests(tx, actor).where('cr.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('The consent request');
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'consent_request',
      recordId: id,
      subjects: [{ type: 'person', id: row.person_id }],
      purpose: purposeOf(id),
    });
    return present(row, actor);
  });
}

/** POST /consent-requests/{id}/decision — only the source's privacy contact; the item follows the decision. */
export async function decideConsent(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof ConsentDecision>,
) {
  if (!can(actor.role, 'consent:decide')) throw forbidden('Only the source’s privacy contact decides on consent.');
  return withTx(deps.db, { regionId: actor.regionId, organisationId: actor.organisationId }, async (tx) => {
    const row = await visibleRequests(tx, actor).where('cr.id', '=', id).forUpdate('cr').executeTakeFirst();
    if (!row) throw notFound('The consent request');
    if (row.version !== input.version) throw staleVersion();
    if (row.status !== 'pending') throw new DomainError('ILLEGAL_TRANSITION', 'This request was already decided.');
    const now = deps.now();
    await tx
      .updateTable('sar_consent_requests')
      .set({
        status: input.decision,
        decided_by: actor.userId,
        decided_at: now,
        reason: input.reason,
        version: row.version + 1,
      })
      .where('id', '=', id)
      .execute();
    await tx
      .updateTable('sar_items')
      .set((eb) => ({ consent_status: input.decision, version: eb('version', '+', 1) }))
      .where('id', '=', row.item_id)
      .execute();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'consent_request',
      recordId: id,
      subjects: [{ type: 'person', id: row.person_id }],
      purpose: purposeOf(id),
    });
    return present(await visibleRequests(tx, actor).where('cr.id', '=', id).executeTakeFirstOrThrow(), actor);
  });
}
