import type { z } from 'zod';
import { DomainError, forbidden, notFound, staleVersion } from '../../core/errors.js';
import { can } from '../../core/roles.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import { rethrowConstraint } from '../../platform/db/errors.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import type { Indicator, IndicatorCreate, IndicatorListQuery, IndicatorUpdate } from './schemas.js';

type IndicatorRow = {
  id: string;
  code: string;
  label_nl: string;
  label_en: string;
  sort: number;
  active: boolean;
  version: number;
};

const present = (i: IndicatorRow): z.infer<typeof Indicator> => ({
  id: i.id,
  code: i.code,
  labelNl: i.label_nl,
  labelEn: i.label_en,
  sort: i.sort,
  active: i.active,
  version: i.version,
});

const COLUMNS = ['id', 'code', 'label_nl', 'label_en', 'sort', 'active', 'version'] as const;
const CONSTRAINTS = {
  indicators_region_id_code_key: { pointer: '/code', detail: 'An indicator with this code exists in the region.' },
};

/** The catalogue is read by whoever registers signals and by the admin who keeps it. */
export async function listIndicators(deps: Deps, actor: Actor, q: z.infer<typeof IndicatorListQuery>) {
  if (!can(actor.role, 'cases:work') && !can(actor.role, 'organisations:manage')) throw forbidden();
  const after = decodeCursor(q.cursor, ['integer', 'string']) as [number, string] | null;
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    let query = tx
      .selectFrom('indicators')
      .select(COLUMNS)
      .orderBy('sort')
      .orderBy('code')
      .limit(q.limit + 1);
    if (!q.includeInactive) query = query.where('active', '=', true);
    if (after) {
      query = query.where((eb) =>
        eb.or([eb('sort', '>', after[0]), eb.and([eb('sort', '=', after[0]), eb('code', '>', after[1])])]),
      );
    }
    const result = page(await query.execute(), q.limit, (i) => [i.sort, i.code]);
    return { items: result.items.map(present), nextCursor: result.nextCursor };
  });
}

export async function createIndicator(deps: Deps, actor: Actor, input: z.infer<typeof IndicatorCreate>) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    let sort = input.sort;
    if (sort === undefined) {
      const max = await tx
        .selectFrom('indicators')
        .select((eb) => eb.fn.max('sort').as('max'))
        .executeTakeFirst();
      sort = Number(max?.max ?? 0) + 10;
    }
    const row = await tx
      .insertInto('indicators')
      .values({ region_id: actor.regionId, code: input.code, label_nl: input.labelNl, label_en: input.labelEn, sort })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow()
      .catch((e) => rethrowConstraint(e, CONSTRAINTS));
    return present(row);
  });
}

export async function updateIndicator(deps: Deps, actor: Actor, id: string, input: z.infer<typeof IndicatorUpdate>) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const existing = await tx.selectFrom('indicators').select('id').where('id', '=', id).executeTakeFirst();
    if (!existing) throw notFound('The indicator');
    const row = await tx
      .updateTable('indicators')
      .set((eb) => ({
        ...(input.labelNl !== undefined ? { label_nl: input.labelNl } : {}),
        ...(input.labelEn !== undefined ? { label_en: input.labelEn } : {}),
        ...(input.sort !== undefined ? { sort: input.sort } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returning(COLUMNS)
      .executeTakeFirst();
    if (!row) throw staleVersion();
    return present(row);
  });
}

/**
 * Checks indicator codes against the region's catalogue: each must exist, and each newly chosen one
 * must be active (a signal keeps an indicator that was deactivated after it was recorded).
 * Returns one field issue per bad code.
 */
export async function checkIndicatorCodes(tx: Tx, codes: string[], alreadyOnSignal: string[] = []) {
  if (codes.length === 0) return [];
  const rows = await tx.selectFrom('indicators').select(['code', 'active']).where('code', 'in', codes).execute();
  const known = new Map(rows.map((r) => [r.code, r.active]));
  const issues: Array<{ in: 'body'; pointer: string; code: string; detail: string }> = [];
  codes.forEach((code, i) => {
    const active = known.get(code);
    if (active === undefined) {
      issues.push({ in: 'body', pointer: `/indicators/${i}`, code: 'unknown_reference', detail: 'Unknown indicator.' });
    } else if (!active && !alreadyOnSignal.includes(code)) {
      issues.push({
        in: 'body',
        pointer: `/indicators/${i}`,
        code: 'inactive',
        detail: 'This indicator is no longer in use.',
      });
    }
  });
  return issues;
}

export function fieldIssues(issues: Array<{ in: 'body'; pointer: string; code: string; detail: string }>) {
  return new DomainError(
    'BUSINESS_RULE',
    issues.length === 1
      ? (issues[0]?.detail ?? 'Invalid reference.')
      : `${issues.length} fields refer to unknown or unusable records.`,
    { fields: issues },
  );
}
