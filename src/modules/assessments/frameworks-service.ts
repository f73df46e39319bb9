import type { z } from 'zod';
import { forbidden, notFound, staleVersion } from '../../core/errors.js';
import { can } from '../../core/roles.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { FRAMEWORK_DOMAINS, type FrameworkDomain } from './catalogue.js';
import type { AssessmentFramework, FrameworkCreate, FrameworkListQuery, FrameworkUpdate } from './schemas.js';

type Framework = z.infer<typeof AssessmentFramework>;

/** Case workers read frameworks to assess; the functional administrator reads them to configure. */
function requireReader(actor: Actor) {
  if (!can(actor.role, 'cases:work') && !can(actor.role, 'organisations:manage')) throw forbidden();
}

const scope = (actor: Actor) => ({ regionId: actor.regionId });

/** Frameworks with their factors, in framework order (domain, then position). */
export async function loadFrameworks(tx: Tx, ids: string[]): Promise<Framework[]> {
  if (ids.length === 0) return [];
  const frameworks = await tx
    .selectFrom('assessment_frameworks')
    .select(['id', 'name', 'description', 'active', 'created_at', 'version'])
    .where('id', 'in', ids)
    .execute();
  const factors = await tx
    .selectFrom('framework_factors')
    .select(['id', 'framework_id', 'domain', 'code', 'label_nl', 'label_en', 'guidance', 'sort'])
    .where('framework_id', 'in', ids)
    .orderBy('sort')
    .orderBy('code')
    .execute();
  const byId = new Map(frameworks.map((f) => [f.id, f]));
  return ids.flatMap((id) => {
    const f = byId.get(id);
    if (!f) return [];
    return [
      {
        id: f.id,
        name: f.name,
        description: f.description,
        active: f.active,
        factors: factors
          .filter((x) => x.framework_id === f.id)
          .map((x) => ({
            id: x.id,
            domain: x.domain as FrameworkDomain,
            code: x.code,
            labelNl: x.label_nl,
            labelEn: x.label_en,
            guidance: x.guidance,
          })),
        createdAt: f.created_at.toISOString(),
        version: f.version,
      },
    ];
  });
}

export async function listFrameworks(deps: Deps, actor: Actor, q: z.infer<typeof FrameworkListQuery>) {
  requireReader(actor);
  const after = decodeCursor(q.cursor, ['string', 'uuid']) as [string, string] | null;
  return withTx(deps.db, scope(actor), async (tx) => {
    let query = tx
      .selectFrom('assessment_frameworks')
      .select(['id', 'name'])
      .orderBy('name')
      .orderBy('id')
      .limit(q.limit + 1);
    if (q.includeInactive !== 'true') query = query.where('active', '=', true);
    if (after) {
      query = query.where((eb) =>
        eb.or([eb('name', '>', after[0]), eb.and([eb('name', '=', after[0]), eb('id', '>', after[1])])]),
      );
    }
    const result = page(await query.execute(), q.limit, (f) => [f.name, f.id]);
    return {
      items: await loadFrameworks(
        tx,
        result.items.map((f) => f.id),
      ),
      nextCursor: result.nextCursor,
    };
  });
}

export async function getFramework(deps: Deps, actor: Actor, id: string) {
  requireReader(actor);
  return withTx(deps.db, scope(actor), async (tx) => {
    const [framework] = await loadFrameworks(tx, [id]);
    if (!framework) throw notFound('The assessment framework');
    return framework;
  });
}

/**
 * A region's own framework. Factors are fixed once created (assessments refer to them); to change
 * them, create a new framework and deactivate the old one.
 */
export async function createFramework(deps: Deps, actor: Actor, input: z.infer<typeof FrameworkCreate>) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const framework = await tx
      .insertInto('assessment_frameworks')
      .values({ region_id: actor.regionId, name: input.name, description: input.description ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const used = new Set(input.factors.flatMap((f) => (f.code ? [f.code] : [])));
    const perDomain = new Map<string, number>();
    const rows = input.factors.map((f, i) => {
      let code = f.code;
      if (!code) {
        let n = perDomain.get(f.domain) ?? 0;
        do {
          n += 1;
          code = `${f.domain}_${n}`;
        } while (used.has(code));
        perDomain.set(f.domain, n);
        used.add(code);
      }
      return {
        region_id: actor.regionId,
        framework_id: framework.id,
        domain: f.domain,
        code,
        label_nl: f.labelNl,
        label_en: f.labelEn,
        guidance: f.guidance ?? null,
        sort: (FRAMEWORK_DOMAINS.indexOf(f.domain) + 1) * 1000 + i,
      };
    });
    await tx.insertInto('framework_factors').values(rows).execute();
    const [created] = await loadFrameworks(tx, [framework.id]);
    return created as Framework;
  });
}

export async function updateFramework(deps: Deps, actor: Actor, id: string, input: z.infer<typeof FrameworkUpdate>) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const existing = await tx.selectFrom('assessment_frameworks').select('id').where('id', '=', id).executeTakeFirst();
    if (!existing) throw notFound('The assessment framework');
    const updated = await tx
      .updateTable('assessment_frameworks')
      .set((eb) => ({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw staleVersion();
    const [framework] = await loadFrameworks(tx, [id]);
    return framework as Framework;
  });
}
