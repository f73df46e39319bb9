import { sql } from 'kysely';
import type { z } from 'zod';
import { DomainError, notFound } from '../../core/errors.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import { rethrowConstraint } from '../../platform/db/errors.js';
import { sentColumns, updateVersioned } from '../../platform/db/versioned.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { type Aspect, type EvaluationKind, PROTECTIVE_FACTORS } from './catalogue-data.js';
import type { ActionLine, Intervention, InterventionCreate, InterventionQuery, InterventionUpdate } from './schemas.js';

const FACTOR_LABELS = new Map<number, string>(PROTECTIVE_FACTORS.map((f) => [f.code, f.label]));

export function protectiveFactorList() {
  return { items: PROTECTIVE_FACTORS.map((f) => ({ code: f.code, label: f.label })), nextCursor: null };
}

export async function listActionLines(
  deps: Deps,
  actor: Actor,
): Promise<{ items: z.infer<typeof ActionLine>[]; nextCursor: null }> {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const rows = await tx
      .selectFrom('action_lines as l')
      .select((eb) => [
        'l.id',
        'l.number',
        'l.title',
        'l.description',
        'l.aspects',
        eb
          .selectFrom('interventions as i')
          .select((e) => e.fn.countAll<string>().as('n'))
          .whereRef('i.action_line_id', '=', 'l.id')
          .where('i.active', '=', true)
          .as('intervention_count'),
      ])
      .where('l.region_id', '=', actor.regionId)
      .orderBy('l.number')
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        number: r.number,
        title: r.title,
        description: r.description,
        aspects: r.aspects as Aspect[],
        interventionCount: Number(r.intervention_count ?? 0),
      })),
      nextCursor: null,
    };
  });
}

function interventions(tx: Tx, actor: Actor) {
  return tx
    .selectFrom('interventions as i')
    .innerJoin('action_lines as l', (j) =>
      j.onRef('l.id', '=', 'i.action_line_id').onRef('l.region_id', '=', 'i.region_id'),
    )
    .where('i.region_id', '=', actor.regionId)
    .select([
      'i.id',
      'i.code',
      'i.theme',
      'i.name',
      'i.goal',
      'i.target_group_direct',
      'i.target_group_indirect',
      'i.execution',
      'i.provider',
      'i.protective_factors',
      'i.aspects',
      'i.evaluation_types',
      'i.evaluation_note',
      'i.active',
      'i.created_at',
      'i.updated_at',
      'i.version',
      'l.id as line_id',
      'l.number as line_number',
      'l.title as line_title',
    ]);
}

type InterventionRow = Awaited<ReturnType<ReturnType<typeof interventions>['executeTakeFirstOrThrow']>>;

function present(r: InterventionRow): z.infer<typeof Intervention> {
  return {
    id: r.id,
    code: r.code,
    actionLine: { id: r.line_id, number: r.line_number, title: r.line_title },
    theme: r.theme,
    name: r.name,
    goal: r.goal,
    targetGroupDirect: r.target_group_direct,
    targetGroupIndirect: r.target_group_indirect,
    execution: r.execution,
    provider: r.provider,
    protectiveFactors: [...r.protective_factors]
      .map(Number)
      .sort((a, b) => a - b)
      .map((code) => ({ code, label: FACTOR_LABELS.get(code) ?? String(code) })),
    aspects: r.aspects as Aspect[],
    evaluationTypes: r.evaluation_types as EvaluationKind[],
    evaluationNote: r.evaluation_note,
    active: r.active,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

/** `%text%` for ILIKE, with the wildcard characters of the search text taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listInterventions(deps: Deps, actor: Actor, q: z.infer<typeof InterventionQuery>) {
  const after = decodeCursor(q.cursor, ['integer', 'string', 'uuid']) as [number, string, string] | null;
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    let query = interventions(tx, actor)
      .orderBy('l.number')
      .orderBy('i.name')
      .orderBy('i.id')
      .limit(q.limit + 1);
    if (q.includeInactive !== 'true') query = query.where('i.active', '=', true);
    if (q.actionLine !== undefined) query = query.where('l.number', '=', q.actionLine);
    if (q.q) {
      const pattern = containsPattern(q.q);
      query = query.where(
        sql<boolean>`concat_ws(' ', i.name, i.theme, i.goal, i.target_group_direct, i.target_group_indirect, i.execution, i.provider, i.evaluation_note) ilike ${pattern}`,
      );
    }
    if (q.aspect !== undefined) query = query.where(sql<boolean>`${q.aspect} = any(i.aspects)`);
    if (q.protectiveFactor !== undefined) {
      query = query.where(sql<boolean>`${q.protectiveFactor}::smallint = any(i.protective_factors)`);
    }
    if (q.targetGroup) {
      query = query.where(
        sql<boolean>`concat_ws(' ', i.target_group_direct, i.target_group_indirect) ilike ${containsPattern(q.targetGroup)}`,
      );
    }
    if (after) {
      const [number, name, id] = after;
      query = query.where((eb) =>
        eb.or([
          eb('l.number', '>', number),
          eb.and([eb('l.number', '=', number), eb('i.name', '>', name)]),
          eb.and([eb('l.number', '=', number), eb('i.name', '=', name), eb('i.id', '>', id)]),
        ]),
      );
    }
    const rows = await query.execute();
    const result = page(rows, q.limit, (r) => [r.line_number, r.name, r.id]);
    return { items: result.items.map(present), nextCursor: result.nextCursor };
  });
}

export async function getIntervention(deps: Deps, actor: Actor, id: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const row = await interventions(tx, actor).where('i.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('The intervention');
    return present(row);
  });
}

async function actionLineId(tx: Tx, actor: Actor, number: number): Promise<string> {
  const row = await tx
    .selectFrom('action_lines')
    .select('id')
    .where('region_id', '=', actor.regionId)
    .where('number', '=', number)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('BUSINESS_RULE', `There is no action line ${number}.`, {
      fields: [
        { in: 'body', pointer: '/actionLine', code: 'unknown_reference', detail: `There is no action line ${number}.` },
      ],
    });
  }
  return row.id;
}

const CONSTRAINTS = {
  interventions_code_key: { pointer: '/code', detail: 'An intervention with this code exists.' },
};

export async function createIntervention(deps: Deps, actor: Actor, input: z.infer<typeof InterventionCreate>) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const lineId = await actionLineId(tx, actor, input.actionLine);
    const { id } = await tx
      .insertInto('interventions')
      .values({
        region_id: actor.regionId,
        action_line_id: lineId,
        code: input.code ?? null,
        theme: input.theme ?? null,
        name: input.name,
        goal: input.goal,
        target_group_direct: input.targetGroupDirect,
        target_group_indirect: input.targetGroupIndirect ?? null,
        execution: input.execution,
        provider: input.provider,
        protective_factors: input.protectiveFactors,
        aspects: input.aspects,
        evaluation_types: input.evaluationTypes,
        evaluation_note: input.evaluationNote ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e) => rethrowConstraint(e, CONSTRAINTS));
    return present(await interventions(tx, actor).where('i.id', '=', id).executeTakeFirstOrThrow());
  });
}

export async function updateIntervention(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof InterventionUpdate>,
) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const existing = await interventions(tx, actor).where('i.id', '=', id).executeTakeFirst();
    if (!existing) throw notFound('The intervention');
    const lineId = input.actionLine === undefined ? undefined : await actionLineId(tx, actor, input.actionLine);
    await updateVersioned(
      tx,
      'interventions',
      id,
      input.version,
      {
        ...sentColumns(input, {
          theme: 'theme',
          name: 'name',
          goal: 'goal',
          targetGroupDirect: 'target_group_direct',
          targetGroupIndirect: 'target_group_indirect',
          execution: 'execution',
          provider: 'provider',
          protectiveFactors: 'protective_factors',
          aspects: 'aspects',
          evaluationTypes: 'evaluation_types',
          evaluationNote: 'evaluation_note',
          active: 'active',
        }),
        ...(lineId !== undefined ? { action_line_id: lineId } : {}),
      },
      { now: deps.now(), regionId: actor.regionId },
    );
    return present(await interventions(tx, actor).where('i.id', '=', id).executeTakeFirstOrThrow());
  });
}

/** An intervention of the region referred to from a body field, or a 422 naming that field. */
export async function assertInterventionInRegion(tx: Tx, actor: Actor, id: string, pointer: string) {
  const row = await tx
    .selectFrom('interventions')
    .select(['id', 'name'])
    .where('region_id', '=', actor.regionId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('BUSINESS_RULE', 'The intervention does not exist.', {
      fields: [{ in: 'body', pointer, code: 'unknown_reference', detail: 'The intervention does not exist.' }],
    });
  }
  return row;
}
