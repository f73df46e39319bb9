/**
 * For tests that open a case through triage: a complete weging (Wgpa) — the region's first active
 * criterion with reasons, and the municipality, police and public prosecutor of the region as parties.
 */
interface Getter {
  get(path: string): Promise<{ status: number; body: any }>;
}

export async function inclusionFor(
  client: Getter,
  reasons = 'Uitingen en gedrag wijzen op een ontwikkeling naar extremisme; een gezamenlijke aanpak is nodig.',
) {
  const [criteria, organisations] = await Promise.all([
    client.get('/api/v1/inclusion-criteria'),
    client.get('/api/v1/organisations'),
  ]);
  if (criteria.status !== 200 || organisations.status !== 200) {
    throw new Error(`inclusionFor: criteria ${criteria.status}, organisations ${organisations.status}`);
  }
  const idOf = (type: string) => {
    const org = (organisations.body.items as Array<{ id: string; type: string }>).find((o) => o.type === type);
    if (!org) throw new Error(`inclusionFor: no ${type} in the region`);
    return org.id;
  };
  return {
    criteria: [{ criterionId: criteria.body.items[0].id as string, reasons }],
    participantOrganisationIds: [idOf('municipality'), idOf('police'), idOf('public_prosecutor')],
  };
}
