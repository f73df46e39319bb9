/**
 * Case evaluations (PRODUCT.md §2.9): the process, and the cooperation inside and between the
 * organisations. Typically written after closing, allowed at any time by anyone who sees the case.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordAccess } from '../access-log/record.js';
import { recordCaseEvent } from './core.js';
import { invalidCursor } from './presenters.js';
import type { CaseEvaluation, CaseEvaluationCreate, PageQuery } from './schemas.js';
import { caseSubjects, scopeOf } from './service.js';
import { requireVisibleCase } from './visibility.js';

type Out<T extends z.ZodType> = z.infer<T>;
const KIND_NL = { process: 'proces', cooperation: 'samenwerking' } as const;

function present(r: {
  id: string;
  case_id: string;
  kind: string;
  findings: string;
  follow_up: string | null;
  author_id: string;
  author_name: string;
  created_at: Date;
}): Out<typeof CaseEvaluation> {
  return {
    id: r.id,
    caseId: r.case_id,
    kind: r.kind as Out<typeof CaseEvaluation>['kind'],
    findings: r.findings,
    followUp: r.follow_up,
    author: { id: r.author_id, name: r.author_name },
    createdAt: r.created_at.toISOString(),
  };
}

function evaluations(tx: Tx) {
  return tx
    .selectFrom('case_evaluations as e')
    .innerJoin('users as u', 'u.id', 'e.author_id')
    .select([
      'e.id',
      'e.case_id',
      'e.kind',
      'e.findings',
      'e.follow_up',
      'e.author_id',
      'u.name as author_name',
      'e.created_at',
    ]);
}

export async function addEvaluation(
  deps: Deps,
  actor: Actor,
  traceId: string,
  caseId: string,
  input: z.infer<typeof CaseEvaluationCreate>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await requireVisibleCase(tx, actor, caseId);
    const now = deps.now();
    const created = await tx
      .insertInto('case_evaluations')
      .values({
        region_id: actor.regionId,
        case_id: caseId,
        kind: input.kind,
        findings: input.findings,
        follow_up: input.followUp || null,
        author_id: actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId,
      actorId: actor.userId,
      kind: 'evaluation_added',
      summary: `Evaluatie (${KIND_NL[input.kind]}) vastgelegd`,
      params: { evaluationKind: input.kind },
      at: now,
    });
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'create',
      recordType: 'case_evaluation',
      recordId: created.id,
      subjects: await caseSubjects(tx, caseId),
      purpose: { type: 'case', id: caseId },
    });
    return present(await evaluations(tx).where('e.id', '=', created.id).executeTakeFirstOrThrow());
  });
}

/** Newest first. */
export async function listEvaluations(
  deps: Deps,
  actor: Actor,
  traceId: string,
  caseId: string,
  q: z.infer<typeof PageQuery>,
) {
  const after = decodeCursor(q.cursor, 1) as [string] | null;
  if (after && !/^[0-9a-f-]{36}$/i.test(String(after[0]))) throw invalidCursor();
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await requireVisibleCase(tx, actor, caseId);
    let query = evaluations(tx)
      .where('e.case_id', '=', caseId)
      .orderBy('e.created_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(q.limit + 1);
    if (after) {
      query = query.where(
        sql<boolean>`(e.created_at, e.id) < (select l.created_at, l.id from case_evaluations l
          where l.id = ${String(after[0])}::uuid and l.case_id = ${caseId})`,
      );
    }
    const rows = await query.execute();
    const result = page(rows, q.limit, (r) => [r.id]);
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'case_evaluation',
      recordId: null,
      subjects: await caseSubjects(tx, caseId),
      purpose: { type: 'case', id: caseId },
    });
    return { items: result.items.map(present), nextCursor: result.nextCursor };
  });
}
