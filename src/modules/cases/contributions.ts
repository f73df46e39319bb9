/**
 * Contributions: each piece of partner information with its source organisation (always the author's:
 * nobody contributes in another organisation's name), legal regime and sharing scope. Any member who sees the case may add one; who reads it is decided
 * in SQL by `contributionVisibleTo` (visibility.ts).
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import { DomainError } from '../../core/errors.js';
import { checkRegimeReason, defaultLegalRegime, type LegalRegime } from '../../core/source-attribution.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordAccess } from '../access-log/record.js';
import { recordCaseEvent } from './core.js';
import { invalidCursor, presentContribution } from './presenters.js';
import type { ContributionCreate, ContributionListQuery } from './schemas.js';
import { caseSubjects, scopeOf, visibleContributions } from './service.js';
import { requireVisibleCase } from './visibility.js';

/**
 * The regime a contribution is recorded under: the one chosen, or the contributing organisation's
 * default; a weaker one than the default needs a reason (422 naming /legalRegimeReason).
 */
export async function contributionRegime(
  tx: Tx,
  actor: Actor,
  input: { legalRegime?: LegalRegime | undefined; legalRegimeReason?: string | undefined },
): Promise<{ legal_regime: LegalRegime; legal_regime_reason: string | null }> {
  const org = await tx
    .selectFrom('organisations')
    .select('type')
    .where('id', '=', actor.organisationId)
    .executeTakeFirstOrThrow();
  const regime = input.legalRegime ?? defaultLegalRegime(org.type);
  const issue = checkRegimeReason(regime, org.type, input.legalRegimeReason, '/legalRegimeReason');
  if (issue) throw new DomainError('BUSINESS_RULE', issue.detail, { fields: [{ in: 'body', ...issue }] });
  return { legal_regime: regime, legal_regime_reason: input.legalRegimeReason ?? null };
}

export async function addContribution(
  deps: Deps,
  actor: Actor,
  traceId: string,
  caseId: string,
  input: z.infer<typeof ContributionCreate>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const c = await requireVisibleCase(tx, actor, caseId);
    if (c.phase === 'closed') {
      throw new DomainError('BUSINESS_RULE', 'The case is closed definitively; no information is added any more.');
    }
    if (input.meetingId) {
      const onAgenda = await tx
        .selectFrom('meeting_agenda_items')
        .select('id')
        .where('meeting_id', '=', input.meetingId)
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      if (!onAgenda) {
        const detail = 'Choose a case conference that has this case on its agenda.';
        throw new DomainError('BUSINESS_RULE', detail, {
          fields: [{ in: 'body', pointer: '/meetingId', code: 'invalid_reference', detail }],
        });
      }
    }
    const regime = await contributionRegime(tx, actor, input);
    const now = deps.now();
    const created = await tx
      .insertInto('case_contributions')
      .values({
        region_id: actor.regionId,
        case_id: caseId,
        meeting_id: input.meetingId ?? null,
        organisation_id: actor.organisationId,
        author_id: actor.userId,
        body: input.body,
        ...regime,
        scope: input.scope,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // A "process director only" item leaves no trace on the shared timeline: even its existence
    // would tell the other partners something.
    if (input.scope === 'conference') {
      const org = await tx
        .selectFrom('organisations')
        .select('name')
        .where('id', '=', actor.organisationId)
        .executeTakeFirst();
      await recordCaseEvent(tx, {
        regionId: actor.regionId,
        caseId,
        actorId: actor.userId,
        kind: 'contribution_added',
        summary: `Informatie ingebracht door ${org?.name ?? 'een partner'}`,
        params: { organisation: org?.name ?? '' },
        at: now,
      });
    }
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'create',
      recordType: 'case_contribution',
      recordId: created.id,
      subjects: await caseSubjects(tx, caseId),
      purpose: { type: 'case', id: caseId },
    });
    const row = await visibleContributions(tx, actor, caseId)
      .where('case_contributions.id', '=', created.id)
      .executeTakeFirstOrThrow();
    return presentContribution(row);
  });
}

/** Newest first, keyset on (created_at, id). */
export async function listContributions(
  deps: Deps,
  actor: Actor,
  traceId: string,
  caseId: string,
  q: z.infer<typeof ContributionListQuery>,
) {
  const after = decodeCursor(q.cursor, ['timestamp', 'uuid']) as [string, string] | null;
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await requireVisibleCase(tx, actor, caseId);
    // Millisecond precision, as in the cursor (rows written with the database clock have microseconds).
    const at = sql<Date>`date_trunc('milliseconds', case_contributions.created_at)`;
    let query = visibleContributions(tx, actor, caseId)
      .orderBy(at, 'desc')
      .orderBy('case_contributions.id', 'desc')
      .limit(q.limit + 1);
    if (q.meetingId) query = query.where('case_contributions.meeting_id', '=', q.meetingId);
    if (after) {
      const [afterAt, afterId] = [new Date(String(after[0])), String(after[1])];
      if (Number.isNaN(afterAt.getTime())) throw invalidCursor();
      query = query.where((eb) =>
        eb.or([eb(at, '<', afterAt), eb.and([eb(at, '=', afterAt), eb('case_contributions.id', '<', afterId)])]),
      );
    }
    const rows = await query.execute();
    const result = page(rows, q.limit, (r) => [r.created_at.toISOString(), r.id]);
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'case_contribution',
      recordId: null,
      subjects: await caseSubjects(tx, caseId),
      purpose: { type: 'case', id: caseId },
    });
    return { items: result.items.map(presentContribution), nextCursor: result.nextCursor };
  });
}
