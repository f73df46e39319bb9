import type { z } from 'zod';
import { DomainError, type FieldIssue, notFound } from '../../core/errors.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import { afterKeyset } from '../../platform/db/keyset.js';
import { sentColumns, updateVersioned } from '../../platform/db/versioned.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { todayInNl } from '../cases/core.js';
import type { EvaluationKind } from './catalogue-data.js';
import type { Evaluation, EvaluationCreate, EvaluationQuery, EvaluationUpdate, FollowUpAction } from './schemas.js';

type FollowUp = z.infer<typeof FollowUpAction>;

function evaluations(tx: Tx, actor: Actor) {
  return tx
    .selectFrom('programme_evaluations as e')
    .innerJoin('interventions as i', 'i.id', 'e.intervention_id')
    .innerJoin('action_lines as a', 'a.id', 'i.action_line_id')
    .where('e.region_id', '=', actor.regionId)
    .select([
      'e.id',
      'e.intervention_id',
      'i.name as intervention_name',
      'a.number as action_line',
      'e.kind',
      'e.title',
      'e.conducted_on',
      'e.findings',
      'e.follow_up_actions',
      'e.created_at',
      'e.updated_at',
      'e.version',
    ]);
}

type EvaluationRow = Awaited<ReturnType<ReturnType<typeof evaluations>['executeTakeFirstOrThrow']>>;

function present(r: EvaluationRow): z.infer<typeof Evaluation> {
  return {
    id: r.id,
    intervention: { id: r.intervention_id, name: r.intervention_name, actionLine: r.action_line },
    kind: r.kind as EvaluationKind,
    title: r.title,
    conductedOn: r.conducted_on,
    findings: r.findings,
    followUpActions: (r.follow_up_actions as FollowUp[]).map((a) => ({
      text: a.text,
      owner: a.owner ?? null,
      dueOn: a.dueOn ?? null,
      done: a.done,
    })),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

const storedFollowUps = (actions: FollowUp[]) =>
  JSON.stringify(actions.map((a) => ({ text: a.text, owner: a.owner ?? null, dueOn: a.dueOn ?? null, done: a.done })));

/**
 * The business rules of an evaluation, all reported at once: it records what was done, so it cannot be
 * dated after today, and it evaluates an intervention of the region.
 */
async function assertEvaluationRules(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  input: { conductedOn?: string | undefined; interventionId?: string | undefined },
) {
  const fields: FieldIssue[] = [];
  if (input.conductedOn !== undefined && input.conductedOn > todayInNl(deps.now())) {
    fields.push({
      in: 'body',
      pointer: '/conductedOn',
      code: 'in_future',
      detail: 'Give the date the evaluation took place.',
    });
  }
  if (input.interventionId !== undefined) {
    const intervention = await tx
      .selectFrom('interventions')
      .select('id')
      .where('region_id', '=', actor.regionId)
      .where('id', '=', input.interventionId)
      .executeTakeFirst();
    if (!intervention) {
      fields.push({
        in: 'body',
        pointer: '/interventionId',
        code: 'unknown_reference',
        detail: 'The intervention does not exist.',
      });
    }
  }
  if (fields.length > 0) {
    throw new DomainError('BUSINESS_RULE', `The evaluation breaks ${fields.length} rule(s).`, { fields });
  }
}

export async function listEvaluations(deps: Deps, actor: Actor, q: z.infer<typeof EvaluationQuery>) {
  const after = decodeCursor(q.cursor, ['date', 'uuid']) as [string, string] | null;
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    let query = evaluations(tx, actor)
      .orderBy('e.conducted_on', 'desc')
      .orderBy('e.id', 'desc')
      .limit(q.limit + 1);
    if (q.interventionId !== undefined) query = query.where('e.intervention_id', '=', q.interventionId);
    if (q.kind !== undefined) query = query.where('e.kind', '=', q.kind);
    if (after) {
      const [on, id] = after;
      query = query.where((eb) => afterKeyset(eb, 'e.conducted_on', 'e.id', [on, id], 'desc'));
    }
    const rows = await query.execute();
    const result = page(rows, q.limit, (r) => [r.conducted_on, r.id]);
    return { items: result.items.map(present), nextCursor: result.nextCursor };
  });
}

export async function getEvaluation(deps: Deps, actor: Actor, id: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const row = await evaluations(tx, actor).where('e.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('The evaluation');
    return present(row);
  });
}

export async function createEvaluation(deps: Deps, actor: Actor, input: z.infer<typeof EvaluationCreate>) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    await assertEvaluationRules(tx, deps, actor, input);
    const { id } = await tx
      .insertInto('programme_evaluations')
      .values({
        region_id: actor.regionId,
        intervention_id: input.interventionId,
        kind: input.kind,
        title: input.title,
        conducted_on: input.conductedOn,
        findings: input.findings,
        follow_up_actions: storedFollowUps(input.followUpActions),
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return present(await evaluations(tx, actor).where('e.id', '=', id).executeTakeFirstOrThrow());
  });
}

export async function updateEvaluation(deps: Deps, actor: Actor, id: string, input: z.infer<typeof EvaluationUpdate>) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const existing = await evaluations(tx, actor).where('e.id', '=', id).executeTakeFirst();
    if (!existing) throw notFound('The evaluation');
    await assertEvaluationRules(tx, deps, actor, { conductedOn: input.conductedOn });
    await updateVersioned(
      tx,
      'programme_evaluations',
      id,
      input.version,
      {
        ...sentColumns(input, { kind: 'kind', title: 'title', conductedOn: 'conducted_on', findings: 'findings' }),
        ...(input.followUpActions !== undefined ? { follow_up_actions: storedFollowUps(input.followUpActions) } : {}),
      },
      { now: deps.now(), regionId: actor.regionId },
    );
    return present(await evaluations(tx, actor).where('e.id', '=', id).executeTakeFirstOrThrow());
  });
}
