/**
 * Demo data of the networks: a standing list of twenty clearly fictional key figures in district E
 * (001: "in de basis 20 sleutelfiguren van Delftse religieuze verenigingen en moskeeën, politie,
 * welzijnswerk, onderwijs en de gemeente") and the Strategisch Netwerk Radicalisering en
 * Polarisatie (SNRP) with members, a meeting, a shared signal and an activity. Every name, number and
 * address is invented; organisations carry "(fictief)". Also the demo data of expertise and the
 * newsletter (seedNetworksAndExpertise).
 */
import { addDays, generatePoolSchedule } from '../../core/pool-schedule.js';
import type { Tx } from '../../platform/db/database.js';
import { seedTrainings } from '../expertise/catalogue.js';
import { todayInNl } from './common.js';

interface KeyFigureSeed {
  name: string;
  organisation: string;
  role: string;
  municipality: 'Delft' | 'Midden-Delfland' | 'Rijswijk' | 'Westland';
  consent: boolean;
  active?: boolean;
  snrp?: boolean;
}

const CONSENT_SCOPE =
  'Opname op de vaste lijst van de contactcirkel en het SNRP; uitnodigingen na incidenten; contact via telefoon en e-mail.';

export const DEMO_KEY_FIGURES: readonly KeyFigureSeed[] = [
  {
    name: 'Youssef Amrani',
    organisation: 'Moskeevereniging Al-Noer (fictief)',
    role: 'Voorzitter bestuur',
    municipality: 'Delft',
    consent: true,
    snrp: true,
  },
  {
    name: 'Hatice Demirtaş',
    organisation: 'Moskeevereniging Al-Noer (fictief)',
    role: 'Coördinator jongerenwerk',
    municipality: 'Delft',
    consent: true,
    snrp: true,
  },
  {
    name: 'Ds. Marieke Verbeek',
    organisation: 'Protestantse wijkgemeente De Hoeksteen (fictief)',
    role: 'Predikant',
    municipality: 'Delft',
    consent: true,
    snrp: true,
  },
  {
    name: 'Pastoor Johan Kuipers',
    organisation: 'Parochie Heilige Maria (fictief)',
    role: 'Pastoor',
    municipality: 'Delft',
    consent: true,
  },
  {
    name: 'Rabbijn David Leeuwenberg',
    organisation: 'Joodse gemeente Haaglanden (fictief)',
    role: 'Rabbijn',
    municipality: 'Delft',
    consent: true,
    snrp: true,
  },
  {
    name: 'Samira Bouzid',
    organisation: 'Vrouwenvereniging Samen Sterk (fictief)',
    role: 'Voorzitter',
    municipality: 'Delft',
    consent: true,
    snrp: true,
  },
  {
    name: 'Mehmet Kaya',
    organisation: 'Turks-Nederlandse Culturele Stichting (fictief)',
    role: 'Secretaris',
    municipality: 'Delft',
    consent: true,
  },
  {
    name: 'Ahmed Haddou',
    organisation: 'Marokkaanse Ouderraad Delft (fictief)',
    role: 'Sleutelpersoon ouders',
    municipality: 'Delft',
    consent: false,
  },
  {
    name: 'Inspecteur Lotte Brouwer',
    organisation: 'Politie basisteam Delft (fictief)',
    role: 'Wijkagent Tanthof',
    municipality: 'Delft',
    consent: true,
    snrp: true,
  },
  {
    name: 'Kees van der Horst',
    organisation: 'Politie basisteam Delft (fictief)',
    role: 'Operationeel expert',
    municipality: 'Delft',
    consent: true,
  },
  {
    name: 'Priya Ramdin',
    organisation: 'Welzijnsorganisatie Delft Verbindt (fictief)',
    role: 'Opbouwwerker',
    municipality: 'Delft',
    consent: true,
    snrp: true,
  },
  {
    name: 'Tom Jansen',
    organisation: 'Welzijnsorganisatie Delft Verbindt (fictief)',
    role: 'Jongerenwerker',
    municipality: 'Delft',
    consent: true,
  },
  {
    name: 'Esther de Groot',
    organisation: 'Scholengemeenschap Het Voorbeeld (fictief)',
    role: 'Teamleider bovenbouw',
    municipality: 'Delft',
    consent: true,
    snrp: true,
  },
  {
    name: 'Karim El Idrissi',
    organisation: 'MBO-college Zuid-Holland (fictief)',
    role: 'Zorgcoördinator',
    municipality: 'Delft',
    consent: true,
  },
  {
    name: 'Annelies Smit',
    organisation: 'Gemeente Delft',
    role: 'Wijkregisseur',
    municipality: 'Delft',
    consent: true,
    snrp: true,
  },
  {
    name: 'Fatma Yıldız',
    organisation: 'Buurthuis De Ontmoeting (fictief)',
    role: 'Beheerder',
    municipality: 'Rijswijk',
    consent: true,
  },
  {
    name: 'Jeroen Vermeulen',
    organisation: 'Sportvereniging Westland United (fictief)',
    role: 'Voorzitter jeugdafdeling',
    municipality: 'Westland',
    consent: true,
  },
  {
    name: 'Ilse Bakker',
    organisation: 'Dorpsraad Schipluiden (fictief)',
    role: 'Secretaris',
    municipality: 'Midden-Delfland',
    consent: true,
  },
  {
    name: 'Omar Farouk',
    organisation: 'Stichting Nieuwkomers Haaglanden (fictief)',
    role: 'Cultureel mediator',
    municipality: 'Rijswijk',
    consent: false,
  },
  {
    name: 'Gerrit Hoogendoorn',
    organisation: 'Wijkvereniging Buitenhof (fictief)',
    role: 'Oud-voorzitter',
    municipality: 'Delft',
    consent: true,
    active: false,
  },
];

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^(ds|pastoor|rabbijn|inspecteur)\.?\s+/, '')
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');

/** The standing list of key figures; returns their ids by name. */
export async function seedKeyFigures(tx: Tx, regionId: string, now: Date): Promise<Map<string, string>> {
  const municipalities = new Map(
    (await tx.selectFrom('municipalities').select(['id', 'name']).where('region_id', '=', regionId).execute()).map(
      (m) => [m.name, m.id],
    ),
  );
  const consentOn = addDays(todayInNl(now), -200);
  const ids = new Map<string, string>();
  let n = 100;
  for (const k of DEMO_KEY_FIGURES) {
    n += 1;
    const row = await tx
      .insertInto('key_figures')
      .values({
        region_id: regionId,
        name: k.name,
        organisation: k.organisation,
        role: k.role,
        // The 0000 block and the .demo domain are not in use: nobody is reachable through them.
        phone: `015 000 0${n}`,
        email: `${slug(k.name)}@sleutelfiguren.demo`,
        municipality_id: municipalities.get(k.municipality) ?? null,
        consent_given_on: k.consent ? consentOn : null,
        consent_scope: k.consent ? CONSENT_SCOPE : null,
        active: k.active ?? true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(k.name, row.id);
  }
  return ids;
}

/** The SNRP of 001, with the key figures marked `snrp` and the network director as members. */
export async function seedSnrp(tx: Tx, regionId: string, now: Date, keyFigureIds: Map<string, string>) {
  const director = await tx
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'netwerk@delft.demo')
    .executeTakeFirst();
  if (!director) return;
  const today = todayInNl(now);
  const network = await tx
    .insertInto('networks')
    .values({
      region_id: regionId,
      name: 'Strategisch Netwerk Radicalisering en Polarisatie (SNRP)',
      kind: 'strategic',
      description:
        'Het SNRP bedenkt en voert strategieën uit op het gebied van versterken van weerbaarheid en inclusie, en ' +
        'deelt (mogelijke) signalen gerelateerd aan radicalisering en polarisatie. De deelnemers zijn sleutelfiguren ' +
        'vanuit Delftse religieuze (culturele) instellingen (moskeeën, kerken en synagogen), migrantenorganisaties, ' +
        'maatschappelijke organisaties, welzijnsinstanties en enkele ambtenaren van de gemeente. Het netwerk is ' +
        'gebouwd op co-partnerschap en co-creatie; het netwerk bepaalt zelf hoe het invulling geeft aan de visie. ' +
        'De gemeente is faciliterend en adviserend.',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const k of DEMO_KEY_FIGURES.filter((k) => k.snrp)) {
    const keyFigureId = keyFigureIds.get(k.name);
    if (!keyFigureId) continue;
    await tx
      .insertInto('network_members')
      .values({ region_id: regionId, network_id: network.id, key_figure_id: keyFigureId, added_by: director.id })
      .execute();
  }
  await tx
    .insertInto('network_members')
    .values({ region_id: regionId, network_id: network.id, user_id: director.id, added_by: director.id })
    .execute();
  await tx
    .insertInto('network_meetings')
    .values({
      region_id: regionId,
      network_id: network.id,
      held_on: addDays(today, -42),
      notes:
        'Reguliere bijeenkomst. Gedeeld: de sfeer na de landelijke demonstraties, zorgen bij ouders over online ' +
        'content onder jongeren. Afgesproken: een dialoogavond in het voorjaar. (fictief)',
      created_by: director.id,
    })
    .execute();
  await tx
    .insertInto('network_signals')
    .values({
      region_id: regionId,
      network_id: network.id,
      observed_on: addDays(today, -30),
      theme: 'Polarisatie online',
      description:
        'Meerdere deelnemers merken dat filmpjes met een anti-overheidsboodschap onder jongeren in de wijk ' +
        'rondgaan. Geen personen bekend; het gaat om de sfeer. (fictief)',
      created_by: director.id,
    })
    .execute();
  await tx
    .insertInto('network_activities')
    .values({
      region_id: regionId,
      network_id: network.id,
      title: 'Dialoogavond "Samen in de wijk"',
      held_on: addDays(today, -14),
      description: 'Kleinschalige lokale activiteit in een buurthuis, met ongeveer veertig bezoekers. (fictief)',
      created_by: director.id,
    })
    .execute();
}

const PARTICIPANTS = [
  { name: 'Lisa van Dam', org: 'Gemeente Delft', attended: true },
  { name: 'Mohamed Benali', org: 'Politie', attended: true },
  { name: 'Sanne Visser', org: 'GGZ Delfland', attended: true },
  { name: 'Erik Mulder', org: 'Jeugdbescherming', attended: false },
  { name: 'Naima Aziz', org: 'Gemeente Rijswijk', attended: true },
  { name: 'Pieter Willems', org: 'Gemeente Westland', attended: true },
] as const;

const ATTENTION_OFFICERS = [
  { name: 'Lisa van Dam', org: 'Gemeente Delft' },
  { name: 'Naima Aziz', org: 'Gemeente Rijswijk' },
  { name: 'Pieter Willems', org: 'Gemeente Westland' },
  { name: 'Sanne Visser', org: 'GGZ Delfland' },
] as const;

const SUBSCRIBERS = [
  { name: 'Lisa van Dam', organisation: 'Gemeente Delft', kind: 'partner' },
  { name: 'Naima Aziz', organisation: 'Gemeente Rijswijk', kind: 'partner' },
  { name: 'Sanne Visser', organisation: 'GGZ Delfland', kind: 'partner' },
  { name: 'Joris de Wit', organisation: 'Scholengemeenschap Het Voorbeeld (fictief)', kind: 'professional' },
] as const;

/**
 * Everything of networks and expertise in the demo region: key figures and the SNRP, the trainings of
 * 001 with a held and a planned session, attention officers, the expertise pool's schedule and a draft
 * newsletter with a few subscribers. Needs the demo organisations and users.
 */
export async function seedNetworksAndExpertise(tx: Tx, regionId: string, now: Date): Promise<void> {
  const keyFigureIds = await seedKeyFigures(tx, regionId, now);
  await seedSnrp(tx, regionId, now, keyFigureIds);
  const trainingIds = await seedTrainings(tx, regionId);
  const director = await tx
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'netwerk@delft.demo')
    .executeTakeFirst();
  if (!director) return;
  const orgs = new Map(
    (
      await tx
        .selectFrom('organisations as o')
        .innerJoin('region_organisations as ro', 'ro.organisation_id', 'o.id')
        .select(['o.id', 'o.name'])
        .where('ro.region_id', '=', regionId)
        .execute()
    ).map((o) => [o.name, o.id]),
  );
  const today = todayInNl(now);

  const held = await tx
    .insertInto('training_sessions')
    .values({
      region_id: regionId,
      training_id: trainingIds.get('ror-basistraining') as string,
      held_on: addDays(today, -90),
      location: 'Stadskantoor Delft, zaal 2 (fictief)',
      trainer: 'Trainer van het RoR (fictief)',
      created_by: director.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const p of PARTICIPANTS) {
    const organisationId = orgs.get(p.org);
    if (!organisationId) continue;
    await tx
      .insertInto('training_participants')
      .values({
        region_id: regionId,
        session_id: held.id,
        name: p.name,
        organisation_id: organisationId,
        email: `${slug(p.name)}@deelnemers.demo`,
        attended: p.attended,
      })
      .execute();
  }
  await tx
    .insertInto('training_sessions')
    .values({
      region_id: regionId,
      training_id: trainingIds.get('behr-driedaagse') as string,
      held_on: addDays(today, 30),
      location: 'Gemeentehuis Rijswijk (fictief)',
      trainer: 'Trainer van de Behr-groep (fictief)',
      created_by: director.id,
    })
    .execute();

  for (const a of ATTENTION_OFFICERS) {
    const organisationId = orgs.get(a.org);
    if (!organisationId) continue;
    await tx
      .insertInto('attention_officers')
      .values({ region_id: regionId, name: a.name, organisation_id: organisationId, trained_on: addDays(today, -90) })
      .execute();
  }

  // Nine meetings, every three weeks, starting six weeks ago (every third thematic).
  const slots = generatePoolSchedule(addDays(today, -42), 9);
  await tx
    .insertInto('expertise_pool_meetings')
    .values(
      slots.map((s) => ({
        region_id: regionId,
        sequence: s.sequence,
        held_on: s.heldOn,
        thematic: s.thematic,
        theme: s.sequence === 3 ? 'Potentieel gewelddadige eenlingen' : null,
        created_by: director.id,
      })),
    )
    .execute();

  for (const s of SUBSCRIBERS) {
    await tx
      .insertInto('newsletter_subscribers')
      .values({
        region_id: regionId,
        name: s.name,
        email: `${slug(s.name)}@abonnees.demo`,
        organisation: s.organisation,
        kind: s.kind,
        subscribed_on: addDays(today, -300),
        consent_given_on: addDays(today, -300),
        consent_source: 'Aanmeldformulier op de website (fictief)',
      })
      .execute();
  }
  const half = Number(today.slice(5, 7)) <= 6 ? 1 : 2;
  await tx
    .insertInto('newsletter_issues')
    .values({
      region_id: regionId,
      title: 'Nieuwsbrief trends en actualiteiten radicalisering en polarisatie',
      period: `${today.slice(0, 4)}-${half}`,
      body:
        '# Landelijke trends\n\nHet dreigingsniveau en de ontwikkelingen van het afgelopen half jaar in het kort. (fictief)\n\n' +
        '# Onze aanpak\n\nDe contactcirkel kwam bijeen na een incident; het SNRP organiseerde een dialoogavond. (fictief)\n\n' +
        '# Lees- en luistertips\n\n- Een podcast over online polarisatie (fictief)\n- Een rapport over weerbaarheid (fictief)',
      created_by: director.id,
    })
    .execute();
}
