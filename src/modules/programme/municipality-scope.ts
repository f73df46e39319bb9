import { can } from '../../core/roles.js';
import type { Tx } from '../../platform/db/database.js';
import type { Actor } from '../../platform/http/context.js';

/**
 * Which municipalities' implementation plans a user sees and changes. The user's municipality is the
 * one whose organisation is the user's organisation. Everyone sees and (with programme:work) changes
 * the plans of their own municipality; the coordinating municipality of a district (Delft in district
 * E) also sees — but does not change — the plans of the other municipalities of its district. Users of
 * an organisation that is not a municipality see no plans.
 */
export interface MunicipalityScope {
  own: { id: string; name: string; district: string | null; isCoordinating: boolean } | null;
  /** The municipalities whose plans the user may see (own first). */
  visibleIds: string[];
  /** The municipalities whose plans the user may change. */
  editableIds: string[];
}

export async function municipalityScope(tx: Tx, actor: Actor): Promise<MunicipalityScope> {
  const own = await tx
    .selectFrom('municipalities')
    .select(['id', 'name', 'district', 'is_coordinating'])
    .where('region_id', '=', actor.regionId)
    .where('organisation_id', '=', actor.organisationId)
    .orderBy('name')
    .executeTakeFirst();
  if (!own) return { own: null, visibleIds: [], editableIds: [] };
  let visibleIds = [own.id];
  if (own.is_coordinating && own.district !== null) {
    const district = await tx
      .selectFrom('municipalities')
      .select('id')
      .where('region_id', '=', actor.regionId)
      .where('district', '=', own.district)
      .where('id', '<>', own.id)
      .execute();
    visibleIds = [own.id, ...district.map((m) => m.id)];
  }
  return {
    own: { id: own.id, name: own.name, district: own.district, isCoordinating: own.is_coordinating },
    visibleIds,
    editableIds: can(actor.role, 'programme:work') ? [own.id] : [],
  };
}
