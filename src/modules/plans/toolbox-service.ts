import { sql } from 'kysely';
import type { z } from 'zod';
import { forbidden, notFound, staleVersion } from '../../core/errors.js';
import { can } from '../../core/roles.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import { rethrowConstraint } from '../../platform/db/errors.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { TOOLBOX_CATEGORIES, TWBMT_CATEGORY } from './catalogue.js';
import type { ToolboxCreate, ToolboxItem, ToolboxQuery, ToolboxUpdate } from './schemas.js';

type Item = z.infer<typeof ToolboxItem>;

const scope = (actor: Actor) => ({ regionId: actor.regionId });

/**
 * The Twbmt is a temporary law: its measures are offered only while the region's switch is on. A
 * region without a settings row has it on (the column default).
 */
export async function twbmtEnabled(tx: Tx, regionId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('region_settings')
    .select('twbmt_enabled')
    .where('region_id', '=', regionId)
    .executeTakeFirst();
  return row?.twbmt_enabled ?? true;
}

const COLUMNS = [
  'id',
  'code',
  'name_nl',
  'name_en',
  'description',
  'category',
  'target_groups',
  'organisation_types',
  'legal_basis',
  'active',
  'version',
] as const;

type ItemRow = {
  id: string;
  code: string;
  name_nl: string;
  name_en: string;
  description: string | null;
  category: string;
  target_groups: string[];
  organisation_types: string[];
  legal_basis: string | null;
  active: boolean;
  version: number;
};

function present(r: ItemRow): Item {
  return {
    id: r.id,
    code: r.code,
    nameNl: r.name_nl,
    nameEn: r.name_en,
    description: r.description,
    category: r.category as Item['category'],
    targetGroups: r.target_groups as Item['targetGroups'],
    organisationTypes: r.organisation_types as Item['organisationTypes'],
    legalBasis: r.legal_basis,
    active: r.active,
    version: r.version,
  };
}

/** Case workers choose from the toolbox; the functional administrator maintains it. */
function requireReader(actor: Actor) {
  if (!can(actor.role, 'cases:work') && !can(actor.role, 'organisations:manage')) throw forbidden();
}

/** Category order of the catalogue (limiting first, then influencing, then duiding). */
const categoryRank = sql<number>`array_position(${sql.val([...TOOLBOX_CATEGORIES])}::text[], category)`;

export async function listToolbox(deps: Deps, actor: Actor, q: z.infer<typeof ToolboxQuery>) {
  requireReader(actor);
  const after = decodeCursor(q.cursor, ['integer', 'string', 'uuid']) as [number, string, string] | null;
  return withTx(deps.db, scope(actor), async (tx) => {
    let query = tx
      .selectFrom('toolbox_items')
      .select(COLUMNS)
      .select(categoryRank.as('rank'))
      .orderBy(categoryRank)
      .orderBy('name_nl')
      .orderBy('id')
      .limit(q.limit + 1);
    if (q.includeInactive !== 'true') query = query.where('active', '=', true);
    if (!(await twbmtEnabled(tx, actor.regionId))) query = query.where('category', '<>', TWBMT_CATEGORY);
    if (q.category) query = query.where('category', '=', q.category);
    if (q.targetGroup) query = query.where(sql<boolean>`${q.targetGroup} = any(target_groups)`);
    if (q.organisationType) query = query.where(sql<boolean>`${q.organisationType} = any(organisation_types)`);
    if (after) {
      const [rank, name, id] = after;
      query = query.where(sql<boolean>`(${categoryRank}, name_nl, id) > (${rank}, ${name}, ${id}::uuid)`);
    }
    const result = page(await query.execute(), q.limit, (r) => [Number(r.rank), r.name_nl, r.id]);
    return { items: result.items.map(present), nextCursor: result.nextCursor };
  });
}

const CONSTRAINTS = {
  toolbox_items_region_id_code_key: { pointer: '/code', detail: 'The toolbox has an item with this code.' },
};

export async function createToolboxItem(deps: Deps, actor: Actor, input: z.infer<typeof ToolboxCreate>) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const row = await tx
      .insertInto('toolbox_items')
      .values({
        region_id: actor.regionId,
        code: input.code,
        name_nl: input.nameNl,
        name_en: input.nameEn,
        description: input.description ?? null,
        category: input.category,
        target_groups: input.targetGroups,
        organisation_types: input.organisationTypes,
        legal_basis: input.legalBasis ?? null,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow()
      .catch((e) => rethrowConstraint(e, CONSTRAINTS));
    return present(row);
  });
}

export async function updateToolboxItem(deps: Deps, actor: Actor, id: string, input: z.infer<typeof ToolboxUpdate>) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const existing = await tx.selectFrom('toolbox_items').select('id').where('id', '=', id).executeTakeFirst();
    if (!existing) throw notFound('The toolbox item');
    const row = await tx
      .updateTable('toolbox_items')
      .set((eb) => ({
        ...(input.nameNl !== undefined ? { name_nl: input.nameNl } : {}),
        ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.category !== undefined ? { category: input.category } : {}),
        ...(input.targetGroups !== undefined ? { target_groups: input.targetGroups } : {}),
        ...(input.organisationTypes !== undefined ? { organisation_types: input.organisationTypes } : {}),
        ...(input.legalBasis !== undefined ? { legal_basis: input.legalBasis } : {}),
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
