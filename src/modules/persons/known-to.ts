/**
 * Which municipalities a person is "known to": the directing municipality of every case about the
 * person (as subject or related person) and the municipality of every signal the person is actively
 * linked to. A process director of such a municipality sees the person (personVisibleTo); to others a
 * match on the person says only "known to municipality X" (issue 8 point 6).
 */
import { type RawBuilder, sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';

/**
 * The person/municipality pairs behind "known to", as a SQL sub-select with columns person_id and
 * municipality_id, for the persons of `persons` (a SQL list or a column reference). A link to
 * `exceptSignal` does not count (the requesting signal of an accepted link request).
 */
function knownToPairs(persons: RawBuilder<unknown>, exceptSignal: RawBuilder<unknown> | null) {
  const except = exceptSignal === null ? sql`` : sql`and ss.signal_id <> ${exceptSignal}`;
  return sql`(
    select c.subject_person_id as person_id, c.directing_municipality_id as municipality_id
      from cases c where c.subject_person_id in (${persons})
    union
    select rp.person_id, c.directing_municipality_id
      from case_related_persons rp join cases c on c.id = rp.case_id
      where rp.person_id in (${persons}) and rp.removed_at is null
    union
    select ss.person_id, s.municipality_id
      from signal_subjects ss join signals s on s.id = ss.signal_id
      where ss.person_id in (${persons}) and ss.unlinked_at is null ${except}
  )`;
}

/** SQL condition: the person (`person`, a column reference) is known to a municipality of this organisation. */
export function knownToOrganisation(
  person: RawBuilder<unknown>,
  organisationId: string,
  exceptSignal?: RawBuilder<unknown>,
) {
  return sql<boolean>`exists (
    select 1 from ${knownToPairs(person, exceptSignal ?? null)} kt
      join municipalities kt_m on kt_m.id = kt.municipality_id
      where kt_m.organisation_id = ${organisationId})`;
}

/** SQL condition: the person is known to some municipality. */
export function knownToAny(person: RawBuilder<unknown>) {
  return sql<boolean>`exists (select 1 from ${knownToPairs(person, null)} kt)`;
}

export interface KnownMunicipality {
  id: string;
  name: string;
}

/** The municipalities each person is known to, by name. */
export async function knownToOf(tx: Tx, personIds: readonly string[]): Promise<Map<string, KnownMunicipality[]>> {
  const out = new Map<string, KnownMunicipality[]>(personIds.map((id) => [id, []]));
  if (personIds.length === 0) return out;
  const list = sql.join(personIds.map((id) => sql`${id}::uuid`));
  const rows = await sql<{ person_id: string; id: string; name: string }>`
    select distinct kt.person_id, m.id, m.name
    from ${knownToPairs(list, null)} kt join municipalities m on m.id = kt.municipality_id
    order by m.name, m.id`.execute(tx);
  for (const r of rows.rows) out.get(r.person_id)?.push({ id: r.id, name: r.name });
  return out;
}
