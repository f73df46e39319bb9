/**
 * Proportionality reviews ("proportioneel en subsidiair", seed 003): per measure of the plan, is it
 * still necessary, proportionate and the least intrusive one — with the reviewer's reasoning. The
 * case's next review date follows the latest review.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import { addDays, DEFAULT_PROPORTIONALITY_INTERVAL_DAYS } from '../../core/case-lifecycle.js';
import { DomainError, type FieldIssue } from '../../core/errors.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordAccess } from '../access-log/record.js';
import { recordCaseEvent, todayInNl } from './core.js';
import { dateNl, invalidCursor } from './presenters.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

import type { PageQuery, ProportionalityReview, ProportionalityReviewCreate } from './schemas.js';
import { caseSubjects, scopeOf } from './service.js';
import { requireManageableCase, requireVisibleCase } from './visibility.js';

type Out<T extends z.ZodType> = z.infer<T>;
type Measure = Out<typeof ProportionalityReview>['measures'][number];

/** The region's review interval in days (three months when the region has not set one). */
export async function proportionalityIntervalDays(tx: Tx, regionId: string): Promise<number> {
  const row = await tx
    .selectFrom('region_settings')
    .select('proportionality_interval_days')
    .where('region_id', '=', regionId)
    .executeTakeFirst();
  return row?.proportionality_interval_days ?? DEFAULT_PROPORTIONALITY_INTERVAL_DAYS;
}

function reviews(tx: Tx) {
  return tx
    .selectFrom('proportionality_reviews as r')
    .innerJoin('users as u', 'u.id', 'r.reviewer_id')
    .select([
      'r.id',
      'r.case_id',
      'r.reviewed_on',
      'r.reviewer_id',
      'u.name as reviewer_name',
      'r.reasoning',
      'r.measures',
      'r.next_review_on',
      'r.created_at',
    ]);
}

function present(r: {
  id: string;
  case_id: string;
  reviewed_on: string;
  reviewer_id: string;
  reviewer_name: string;
  reasoning: string;
  measures: unknown[];
  next_review_on: string;
  created_at: Date;
}): Out<typeof ProportionalityReview> {
  return {
    id: r.id,
    caseId: r.case_id,
    reviewedOn: r.reviewed_on,
    reviewer: { id: r.reviewer_id, name: r.reviewer_name },
    reasoning: r.reasoning,
    measures: (r.measures as Measure[]).map((m) => ({
      planInterventionId: m.planInterventionId,
      necessary: m.necessary,
      proportionate: m.proportionate,
      leastIntrusive: m.leastIntrusive,
      note: m.note ?? null,
    })),
    nextReviewOn: r.next_review_on,
    createdAt: r.created_at.toISOString(),
  };
}

export async function recordProportionalityReview(
  deps: Deps,
  actor: Actor,
  traceId: string,
  caseId: string,
  input: z.infer<typeof ProportionalityReviewCreate>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const c = await requireManageableCase(tx, actor, caseId);
    if (c.phase === 'closed') {
      throw new DomainError('BUSINESS_RULE', 'The case is closed definitively; it is not reviewed any more.');
    }
    const now = deps.now();
    const today = todayInNl(now);
    const issues: FieldIssue[] = [];
    if (input.reviewedOn > today) {
      issues.push({
        in: 'body',
        pointer: '/reviewedOn',
        code: 'in_future',
        detail: 'A review cannot lie in the future.',
      });
    }
    const nextReviewOn =
      input.nextReviewOn ?? addDays(input.reviewedOn, await proportionalityIntervalDays(tx, actor.regionId));
    if (nextReviewOn <= input.reviewedOn) {
      issues.push({
        in: 'body',
        pointer: '/nextReviewOn',
        code: 'not_after_review',
        detail: 'The next review must come after this one.',
      });
    }
    const ids = input.measures.map((m) => m.planInterventionId);
    const known = new Set(
      ids.length === 0
        ? []
        : (
            await tx
              .selectFrom('plan_interventions as pi')
              .innerJoin('plans', 'plans.id', 'pi.plan_id')
              .select('pi.id')
              .where('plans.case_id', '=', caseId)
              .where('pi.id', 'in', ids)
              .execute()
          ).map((r) => r.id),
    );
    const seen = new Set<string>();
    input.measures.forEach((m, i) => {
      const pointer = `/measures/${i}/planInterventionId`;
      if (!known.has(m.planInterventionId)) {
        issues.push({ in: 'body', pointer, code: 'invalid_reference', detail: 'Not a measure of this case’s plan.' });
      } else if (seen.has(m.planInterventionId)) {
        issues.push({ in: 'body', pointer, code: 'duplicate', detail: 'This measure is reviewed twice.' });
      }
      seen.add(m.planInterventionId);
    });
    if (issues.length > 0) {
      throw new DomainError('BUSINESS_RULE', issues.map((i) => i.detail).join(' '), { fields: issues });
    }
    const measures: Measure[] = input.measures.map((m) => ({
      planInterventionId: m.planInterventionId,
      necessary: m.necessary,
      proportionate: m.proportionate,
      leastIntrusive: m.leastIntrusive,
      note: m.note || null,
    }));
    const created = await tx
      .insertInto('proportionality_reviews')
      .values({
        region_id: actor.regionId,
        case_id: caseId,
        reviewed_on: input.reviewedOn,
        reviewer_id: actor.userId,
        measures: JSON.stringify(measures),
        reasoning: input.reasoning,
        next_review_on: nextReviewOn,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The case follows its latest review, also when an older review is entered afterwards.
    const updated = await tx
      .updateTable('cases')
      .set((eb) => ({
        next_review_on: sql<string>`(select r.next_review_on from proportionality_reviews r
          where r.case_id = ${caseId} order by r.reviewed_on desc, r.created_at desc limit 1)`,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', caseId)
      .returning('next_review_on')
      .executeTakeFirstOrThrow();
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId,
      actorId: actor.userId,
      kind: 'proportionality_review',
      summary: `Proportionaliteitstoets vastgelegd; volgende toets uiterlijk ${dateNl(updated.next_review_on ?? nextReviewOn)}`,
      params: { nextReviewOn: updated.next_review_on ?? nextReviewOn },
      at: now,
    });
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'create',
      recordType: 'proportionality_review',
      recordId: created.id,
      subjects: await caseSubjects(tx, caseId),
      purpose: { type: 'case', id: caseId },
    });
    return present(await reviews(tx).where('r.id', '=', created.id).executeTakeFirstOrThrow());
  });
}

/** Newest review first, keyset on (reviewed_on, created_at, id). */
export async function listProportionalityReviews(
  deps: Deps,
  actor: Actor,
  traceId: string,
  caseId: string,
  q: z.infer<typeof PageQuery>,
) {
  const after = decodeCursor(q.cursor, 1) as [string] | null;
  if (after && !UUID.test(String(after[0]))) throw invalidCursor();
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await requireVisibleCase(tx, actor, caseId);
    let query = reviews(tx)
      .where('r.case_id', '=', caseId)
      .orderBy('r.reviewed_on', 'desc')
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(q.limit + 1);
    if (after) {
      // The cursor names the last review shown; continue after it in the same order.
      query = query.where(
        sql<boolean>`(r.reviewed_on, r.created_at, r.id) < (select l.reviewed_on, l.created_at, l.id
          from proportionality_reviews l where l.id = ${String(after[0])}::uuid and l.case_id = ${caseId})`,
      );
    }
    const rows = await query.execute();
    const result = page(rows, q.limit, (r) => [r.id]);
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'proportionality_review',
      recordId: null,
      subjects: await caseSubjects(tx, caseId),
      purpose: { type: 'case', id: caseId },
    });
    return { items: result.items.map(present), nextCursor: result.nextCursor };
  });
}
