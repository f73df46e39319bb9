/**
 * Who to contact about a person known to another municipality: the process directors of that
 * municipality's organisation who hold the process-director role in this region (a grant in effect).
 */
import type { Tx } from '../../platform/db/database.js';

export interface Contact {
  name: string;
  email: string;
}

/**
 * The active process directors of each municipality's organisation, per municipality id, sorted by
 * name. Municipalities without an organisation or without process directors get an empty list.
 */
export async function processDirectorsOf(
  tx: Tx,
  regionId: string,
  municipalityIds: readonly string[],
): Promise<Map<string, Contact[]>> {
  const out = new Map<string, Contact[]>(municipalityIds.map((id) => [id, []]));
  if (municipalityIds.length === 0) return out;
  const rows = await tx
    .selectFrom('municipalities as m')
    .innerJoin('users as u', 'u.organisation_id', 'm.organisation_id')
    .innerJoin('region_roles as rr', (j) => j.onRef('rr.user_id', '=', 'u.id').on('rr.region_id', '=', regionId))
    .select(['m.id as municipality_id', 'u.name', 'u.email'])
    .where('m.region_id', '=', regionId)
    .where('m.id', 'in', [...municipalityIds])
    .where('rr.role', '=', 'process_director')
    .where('u.disabled_at', 'is', null)
    .orderBy('u.name')
    .orderBy('u.email')
    .execute();
  for (const r of rows) out.get(r.municipality_id)?.push({ name: r.name, email: r.email });
  return out;
}
