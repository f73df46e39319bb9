/**
 * Source organisations are true (issue 8 point 7): a partner records information only as its own
 * organisation's; municipal intake staff may register on behalf of another organisation or an outside
 * reporter, and then both the source and the registrant are recorded and shown. Information defaults to
 * its source's regime (police Wpg, public prosecutor Wjsg, …); a weaker regime needs a stated reason —
 * for signals, case contributions and contributions in a case conference alike.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, municipalityId, organisationId, pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { seedCase } from '../cases/testing.js';

let t: TestApp;
let director: Client;
let coordinator: Client;
let police: Client;
let ggz: Client;
let expert: Client;
let delft: string;
let policeOrg: string;
let ggzOrg: string;
let delftOrg: string;

beforeAll(async () => {
  t = await startTestApp();
  [director, coordinator, police, ggz, expert] = await Promise.all([
    t.signIn('regisseur@delft.demo'),
    t.signIn('coordinator@delft.demo'),
    t.signIn('politie@politie.demo'),
    t.signIn('ggz@ggz.demo'),
    t.signIn('expert@pool.demo'),
  ]);
  delft = await municipalityId(director, 'Delft');
  policeOrg = await organisationId(director, 'Politie');
  ggzOrg = await organisationId(director, 'GGZ Delfland');
  delftOrg = await organisationId(director, 'Gemeente Delft');
});
afterAll(async () => {
  await t?.close();
});

function body(overrides: Record<string, unknown> = {}) {
  return {
    municipalityId: delft,
    receivedOn: '2026-02-10',
    subjects: [{ newPerson: { firstName: 'Noor', lastName: `Bron ${Math.random().toString(36).slice(2, 7)}` } }],
    ideology: 'jihadist',
    urgency: 'normal',
    description: 'Zorgen over uitlatingen.',
    ...overrides,
  };
}

/** Counts of what a signal writes: signals, persons, links, access-log entries. */
async function counts() {
  const r = await sql<{ s: string; p: string; l: string; a: string }>`select
    (select count(*) from signals)::text as s, (select count(*) from persons)::text as p,
    (select count(*) from signal_subjects)::text as l, (select count(*) from access_log)::text as a`.execute(
    t.db.owner,
  );
  return r.rows[0];
}

describe('a partner attributes a signal to its own organisation only', () => {
  it('the police cannot record a signal "from GGZ": 422 on /sourceOrganisationId, nothing written', async () => {
    const before = await counts();
    const res = await police.post('/api/v1/signals', body({ sourceOrganisationId: ggzOrg }));
    expectProblem(res, 422);
    expect(pointersOf(res)).toEqual(['/sourceOrganisationId']);
    expect(res.body.errors[0].code).toBe('not_own_organisation');
    expect(await counts()).toEqual(before);
  });

  it('nor without an organisation, as an outside reporter', async () => {
    const res = await police.post('/api/v1/signals', body({ sourceOrganisationId: null, reporterKind: 'neighbour' }));
    expectProblem(res, 422);
    expect(pointersOf(res)).toEqual(['/sourceOrganisationId']);
  });

  it('an expert neither', async () => {
    const res = await expert.post('/api/v1/signals', body({ sourceOrganisationId: policeOrg }));
    expectProblem(res, 422);
    expect(pointersOf(res)).toEqual(['/sourceOrganisationId']);
  });

  it('by default the source is the registrant’s organisation, under its default regime', async () => {
    const res = await police.post('/api/v1/signals', body({ reporterKind: 'neighbour', reporterName: 'Buurman' }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      sourceOrganisation: { id: policeOrg, name: 'Politie', type: 'police' },
      reporterKind: 'neighbour',
      reporterName: 'Buurman',
      registrantOrganisation: { id: policeOrg, name: 'Politie' },
      legalRegime: 'wpg',
      legalRegimeReason: null,
    });
    const fromGgz = await ggz.post('/api/v1/signals', body({ sourceOrganisationId: ggzOrg }));
    expect(fromGgz.body).toMatchObject({ sourceOrganisation: { id: ggzOrg }, legalRegime: 'professional_secrecy' });
  });

  it('cannot change its signal’s source to another organisation afterwards', async () => {
    const created = await police.post('/api/v1/signals', body());
    const res = await police.patch(`/api/v1/signals/${created.body.id}`, {
      sourceOrganisationId: ggzOrg,
      version: created.body.version,
    });
    expectProblem(res, 422);
    // Every field error at once: the source, and the regime that is now weaker than GGZ's default.
    expect(pointersOf(res).sort()).toEqual(['/legalRegimeReason', '/sourceOrganisationId']);
    expect((await police.get(`/api/v1/signals/${created.body.id}`)).body.sourceOrganisation.id).toBe(policeOrg);
  });
});

describe('municipal intake staff register on behalf of others', () => {
  it('a process director for GGZ: the source and the registrant are both recorded and shown', async () => {
    const res = await director.post('/api/v1/signals', body({ sourceOrganisationId: ggzOrg, reporterName: 'Dr. K.' }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      sourceOrganisation: { id: ggzOrg, type: 'mental_health' },
      reporterName: 'Dr. K.',
      createdBy: { name: expect.any(String) },
      registrantOrganisation: { id: delftOrg, name: 'Gemeente Delft' },
      legalRegime: 'professional_secrecy',
    });
    const row = await t.db.owner
      .selectFrom('signals')
      .select(['source_organisation_id', 'registrant_organisation_id', 'created_by'])
      .where('id', '=', res.body.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source_organisation_id: ggzOrg, registrant_organisation_id: delftOrg });
    // Read back by someone else who sees it: the same.
    expect((await director.get(`/api/v1/signals/${res.body.id}`)).body.registrantOrganisation.id).toBe(delftOrg);
  });

  it('a case coordinator for a school without an organisation: kind and name of the reporter', async () => {
    const res = await coordinator.post(
      '/api/v1/signals',
      body({ sourceOrganisationId: null, reporterKind: 'school', reporterName: 'Mentor, Christelijk Lyceum' }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      sourceOrganisation: null,
      reporterKind: 'school',
      reporterName: 'Mentor, Christelijk Lyceum',
      registrantOrganisation: { id: delftOrg },
      legalRegime: 'avg',
    });
  });

  it('without an organisation, the kind of reporter is required', async () => {
    const res = await director.post('/api/v1/signals', body({ sourceOrganisationId: null }));
    expectProblem(res, 422);
    expect(pointersOf(res)).toEqual(['/reporterKind']);
  });

  it('police information under a weaker regime needs a reason (422 on /legalRegimeReason)', async () => {
    const before = await counts();
    const bare = await director.post('/api/v1/signals', body({ sourceOrganisationId: policeOrg, legalRegime: 'avg' }));
    expectProblem(bare, 422);
    expect(pointersOf(bare)).toEqual(['/legalRegimeReason']);
    expect(await counts()).toEqual(before);
    const reasoned = await director.post(
      '/api/v1/signals',
      body({ sourceOrganisationId: policeOrg, legalRegime: 'avg', legalRegimeReason: 'Uit een openbare bron.' }),
    );
    expect(reasoned.status).toBe(201);
    expect(reasoned.body).toMatchObject({ legalRegime: 'avg', legalRegimeReason: 'Uit een openbare bron.' });
    // A stricter regime needs none.
    const stricter = await director.post(
      '/api/v1/signals',
      body({ sourceOrganisationId: policeOrg, legalRegime: 'professional_secrecy' }),
    );
    expect(stricter.status).toBe(201);
  });

  it('checks the regime again when the source or the regime changes; the reason ends with the deviation', async () => {
    const created = await director.post('/api/v1/signals', body({ sourceOrganisationId: delftOrg }));
    expect(created.body.legalRegime).toBe('avg');
    const toPolice = await director.patch(`/api/v1/signals/${created.body.id}`, {
      sourceOrganisationId: policeOrg,
      version: created.body.version,
    });
    expectProblem(toPolice, 422);
    expect(pointersOf(toPolice)).toEqual(['/legalRegimeReason']);
    const withReason = await director.patch(`/api/v1/signals/${created.body.id}`, {
      sourceOrganisationId: policeOrg,
      legalRegimeReason: 'Mondeling doorgegeven, geen politiegegevens.',
      version: created.body.version,
    });
    expect(withReason.status, JSON.stringify(withReason.body)).toBe(200);
    expect(withReason.body).toMatchObject({ sourceOrganisation: { id: policeOrg }, legalRegime: 'avg' });
    const toWpg = await director.patch(`/api/v1/signals/${created.body.id}`, {
      legalRegime: 'wpg',
      version: withReason.body.version,
    });
    expect(toWpg.body).toMatchObject({ legalRegime: 'wpg', legalRegimeReason: null });
    // An unrelated change of a signal that deviates leaves its reason alone.
    const outside = await director.patch(`/api/v1/signals/${created.body.id}`, {
      sourceOrganisationId: null,
      reporterKind: 'key_figure',
      version: toWpg.body.version,
    });
    expect(outside.body).toMatchObject({ sourceOrganisation: null, reporterKind: 'key_figure' });
  });
});

describe('case contributions carry the contributor’s organisation and its regime', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = (await seedCase(t.deps, { members: ['politie@politie.demo', 'ggz@ggz.demo'] })).caseId;
  });

  it('default to the organisation’s regime; a weaker one needs a reason; nothing written without', async () => {
    const url = `/api/v1/cases/${caseId}/contributions`;
    const plain = await police.post(url, { body: 'Bekend bij de politie.', scope: 'conference' });
    expect(plain.status, JSON.stringify(plain.body)).toBe(201);
    expect(plain.body).toMatchObject({ organisation: { id: policeOrg }, legalRegime: 'wpg', legalRegimeReason: null });

    const count = async () =>
      (
        await t.db.owner
          .selectFrom('case_contributions')
          .select(({ fn }) => fn.countAll().as('n'))
          .where('case_id', '=', caseId)
          .executeTakeFirstOrThrow()
      ).n;
    const before = await count();
    const weaker = await ggz.post(url, { body: 'Algemeen.', legalRegime: 'avg', scope: 'conference' });
    expectProblem(weaker, 422);
    expect(pointersOf(weaker)).toEqual(['/legalRegimeReason']);
    expect(await count()).toBe(before);

    const reasoned = await ggz.post(url, {
      body: 'Algemeen.',
      legalRegime: 'avg',
      legalRegimeReason: 'Met toestemming van betrokkene gedeeld.',
      scope: 'conference',
    });
    expect(reasoned.status).toBe(201);
    expect(reasoned.body).toMatchObject({
      organisation: { id: ggzOrg },
      legalRegime: 'avg',
      legalRegimeReason: 'Met toestemming van betrokkene gedeeld.',
    });
    // The municipality's own items are AVG by default and need no reason.
    const own = await director.post(url, {
      body: 'Gemeentelijke informatie.',
      legalRegime: 'avg',
      scope: 'conference',
    });
    expect(own.status).toBe(201);
  });

  it('in a case conference the same rule applies, with the contributor’s organisation as source', async () => {
    const meeting = await director.post('/api/v1/meetings', {
      title: 'Casusoverleg bronnen',
      startsAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
      endsAt: new Date(Date.now() + 26 * 3600_000).toISOString(),
    });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    const item = await director.post(`/api/v1/meetings/${meeting.body.id}/agenda-items`, { caseId });
    expect(item.status, JSON.stringify(item.body)).toBe(201);
    const url = `/api/v1/meetings/${meeting.body.id}/agenda-items/${item.body.id}/contributions`;

    const weaker = await police.post(url, { body: 'Algemeen beeld.', legalRegime: 'avg', scope: 'conference' });
    expectProblem(weaker, 422);
    expect(pointersOf(weaker)).toEqual(['/legalRegimeReason']);
    const plain = await police.post(url, { body: 'Recent contact met de groep.', scope: 'conference' });
    expect(plain.status, JSON.stringify(plain.body)).toBe(201);
    expect(plain.body).toMatchObject({
      sourceOrganisation: { id: policeOrg, type: 'police' },
      legalRegime: 'wpg',
      legalRegimeReason: null,
    });
  });
});
