/**
 * The name persons are matched on: "first prefix last", lower-cased, without diacritics and with
 * single spaces, so that "Jan de Vries", "jan  de vries" and "Ján de Vriës" compare as equal.
 * Stored in persons.search_name (trigram-indexed) and computed the same way for a search.
 */
export function searchNameOf(p: { firstName: string; namePrefix?: string | null; lastName: string }): string {
  return [p.firstName, p.namePrefix ?? '', p.lastName]
    .join(' ')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Jan de Vries" — for messages and PDFs; never for logs or URLs. */
export function displayNameOf(p: { first_name: string; name_prefix: string | null; last_name: string }): string {
  return [p.first_name, p.name_prefix, p.last_name].filter((s) => s && s.length > 0).join(' ');
}
