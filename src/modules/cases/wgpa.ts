/**
 * The Wgpa's safeguards on a case: its inclusion decision (taken at triage), informing the person
 * (informed, or deferred with a legal ground and a date to reconsider) and the periodic inclusion
 * review. Read by everyone who sees the case; recorded by those who manage it (the directing process
 * directors and the case coordinator).
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import { DomainError, ruleViolation } from '../../core/errors.js';
import { checkInclusionReview, checkInforming, isDue, nextInclusionReviewOn } from '../../core/wgpa.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { recordAccess } from '../access-log/record.js';
import { inclusionOfCase } from '../triage/inclusion.js';
import { recordCaseEvent, todayInNl } from './core.js';
import { dateNl } from './presenters.js';
import { caseSubjects, scopeOf } from './service.js';
import { managesCase, requireManageableCase, requireVisibleCase } from './visibility.js';
import type {
  CaseSafeguards,
  InclusionReview,
  InclusionReviewCreate,
  InformingRecord,
  InformingRecordCreate,
} from './wgpa-schemas.js';

type Out<T extends z.ZodType> = z.infer<T>;

async function informingRecords(tx: Tx, caseId: string): Promise<Out<typeof InformingRecord>[]> {
  const rows = await tx
    .selectFrom('informing_records as r')
    .innerJoin('users as u', 'u.id', 'r.recorded_by')
    .selectAll('r')
    .select('u.name as user_name')
    .where('r.case_id', '=', caseId)
    .orderBy('r.recorded_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    outcome: r.outcome as Out<typeof InformingRecord>['outcome'],
    informedOn: r.informed_on,
    method: r.method as Out<typeof InformingRecord>['method'],
    informedBy: r.informed_by,
    legalGround: r.legal_ground as Out<typeof InformingRecord>['legalGround'],
    reasons: r.reasons,
    reconsiderOn: r.reconsider_on,
    recordedBy: { id: r.recorded_by, name: r.user_name },
    recordedAt: r.recorded_at.toISOString(),
  }));
}

async function inclusionReviews(tx: Tx, caseId: string): Promise<Out<typeof InclusionReview>[]> {
  const rows = await tx
    .selectFrom('inclusion_reviews as r')
    .innerJoin('users as u', 'u.id', 'r.reviewed_by')
    .selectAll('r')
    .select('u.name as user_name')
    .where('r.case_id', '=', caseId)
    .orderBy('r.reviewed_on', 'desc')
    .orderBy('r.recorded_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reviewedOn: r.reviewed_on,
    outcome: r.outcome as Out<typeof InclusionReview>['outcome'],
    reasons: r.reasons,
    reviewedBy: { id: r.reviewed_by, name: r.user_name },
    recordedAt: r.recorded_at.toISOString(),
  }));
}

async function safeguardsOf(tx: Tx, actor: Actor, caseId: string, today: string): Promise<Out<typeof CaseSafeguards>> {
  const c = await tx
    .selectFrom('cases')
    .select(['id', 'phase', 'next_inclusion_review_on', 'retention_decision', 'retention_reasons', 'retention_months'])
    .select((eb) => sql<boolean>`${managesCase(actor)(eb)}`.as('actor_manages'))
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const history = await informingRecords(tx, caseId);
  const current = history[0] ?? null;
  const open = c.phase !== 'closed';
  return {
    caseId,
    inclusion: await inclusionOfCase(tx, caseId),
    informing: current,
    informingHistory: history,
    informingDue: open && current?.outcome === 'deferred' && isDue(current.reconsiderOn, today),
    inclusionReviews: await inclusionReviews(tx, caseId),
    nextInclusionReviewOn: open ? c.next_inclusion_review_on : null,
    inclusionReviewDue: open && isDue(c.next_inclusion_review_on, today),
    retention:
      c.retention_decision && c.retention_reasons
        ? {
            decision: c.retention_decision as 'keep' | 'shorten',
            reasons: c.retention_reasons,
            months: c.retention_months,
          }
        : null,
    canRecord: open && Boolean(c.actor_manages),
  };
}

/** GET /cases/{id}/safeguards — logged as a read of the case's subjects. */
export async function getSafeguards(deps: Deps, actor: Actor, traceId: string, caseId: string) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await requireVisibleCase(tx, actor, caseId);
    const result = await safeguardsOf(tx, actor, caseId, todayInNl(deps.now()));
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'case_safeguards',
      recordId: caseId,
      subjects: await caseSubjects(tx, caseId),
      purpose: { type: 'case', id: caseId },
    });
    return result;
  });
}

function requireOpen(phase: string) {
  if (phase === 'closed') {
    throw new DomainError('BUSINESS_RULE', 'The case is closed definitively; nothing is recorded on it any more.');
  }
}

/** POST /cases/{id}/informing-records */
export async function recordInforming(
  deps: Deps,
  actor: Actor,
  traceId: string,
  caseId: string,
  input: z.infer<typeof InformingRecordCreate>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const c = await requireManageableCase(tx, actor, caseId);
    requireOpen(c.phase);
    const now = deps.now();
    const today = todayInNl(now);
    const error = ruleViolation('The informing record is not complete.', checkInforming(input, today));
    if (error) throw error;
    const informed = input.outcome === 'informed';
    const { id } = await tx
      .insertInto('informing_records')
      .values({
        region_id: actor.regionId,
        case_id: caseId,
        outcome: input.outcome,
        informed_on: informed ? input.informedOn : null,
        method: informed ? input.method : null,
        informed_by: informed ? input.informedBy : null,
        legal_ground: informed ? null : input.legalGround,
        reasons: informed ? null : input.reasons,
        reconsider_on: informed ? null : input.reconsiderOn,
        recorded_by: actor.userId,
        recorded_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId,
      actorId: actor.userId,
      kind: informed ? 'person_informed' : 'informing_deferred',
      summary: informed
        ? `Betrokkene geïnformeerd op ${dateNl(input.informedOn)}`
        : `Informeren van betrokkene uitgesteld tot ${dateNl(input.reconsiderOn)}`,
      params: informed ? { informedOn: input.informedOn } : { reconsiderOn: input.reconsiderOn },
      at: now,
    });
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'create',
      recordType: 'informing_record',
      recordId: id,
      subjects: await caseSubjects(tx, caseId),
      purpose: { type: 'case', id: caseId },
    });
    return (await informingRecords(tx, caseId)).find((r) => r.id === id) as Out<typeof InformingRecord>;
  });
}

/** POST /cases/{id}/inclusion-reviews — moves the case's next inclusion review (none after "close"). */
export async function recordInclusionReview(
  deps: Deps,
  actor: Actor,
  traceId: string,
  caseId: string,
  input: z.infer<typeof InclusionReviewCreate>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const c = await requireManageableCase(tx, actor, caseId);
    requireOpen(c.phase);
    const now = deps.now();
    const error = ruleViolation('The inclusion review is not complete.', checkInclusionReview(input, todayInNl(now)));
    if (error) throw error;
    const settings = await tx
      .selectFrom('region_settings')
      .select('inclusion_review_months')
      .where('region_id', '=', actor.regionId)
      .executeTakeFirst();
    const next = nextInclusionReviewOn(input.outcome, input.reviewedOn, settings?.inclusion_review_months ?? 12);
    const { id } = await tx
      .insertInto('inclusion_reviews')
      .values({
        region_id: actor.regionId,
        case_id: caseId,
        reviewed_on: input.reviewedOn,
        outcome: input.outcome,
        reasons: input.reasons,
        reviewed_by: actor.userId,
        recorded_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('cases')
      .set((eb) => ({ next_inclusion_review_on: next, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', caseId)
      .execute();
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId,
      actorId: actor.userId,
      kind: 'inclusion_review',
      summary: next
        ? `Toets op opname in de aanpak vastgelegd; volgende toets uiterlijk ${dateNl(next)}`
        : 'Toets op opname in de aanpak vastgelegd: de casus wordt afgesloten',
      params: next ? { outcome: input.outcome, nextInclusionReviewOn: next } : { outcome: input.outcome },
      at: now,
    });
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'create',
      recordType: 'inclusion_review',
      recordId: id,
      subjects: await caseSubjects(tx, caseId),
      purpose: { type: 'case', id: caseId },
    });
    return (await inclusionReviews(tx, caseId)).find((r) => r.id === id) as Out<typeof InclusionReview>;
  });
}
