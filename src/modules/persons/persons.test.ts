/**
 * Persons: matching on intake (pg_trgm name similarity + date of birth, with reasons, at most five,
 * intake roles only, logged per candidate), no discovery of persons nobody reported to you, and
 * corrections with optimistic locking.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, organisationId, pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { searchNameOf } from './search-name.js';

let t: TestApp;
let director: Client;
let coordinator: Client;
let police: Client;
let ggz: Client;
let rijswijk: Client;
let policy: Client;
let delft: string;
let policeOrg: string;
let janId: string;
let janSignal: string;

beforeAll(async () => {
  t = await startTestApp();
  [director, coordinator, police, ggz, rijswijk, policy] = await Promise.all([
    t.signIn('regisseur@delft.demo'),
    t.signIn('coordinator@delft.demo'),
    t.signIn('politie@politie.demo'),
    t.signIn('ggz@ggz.demo'),
    t.signIn('regisseur@rijswijk.demo'),
    t.signIn('beleid@delft.demo'),
  ]);
  const municipalities = (await director.get('/api/v1/municipalities')).body.items as Array<{
    id: string;
    name: string;
  }>;
  delft = municipalities.find((m) => m.name === 'Delft')?.id as string;
  policeOrg = await organisationId(director, 'Politie');
  const jan = await registerAbout(police, {
    firstName: 'Jan',
    namePrefix: 'de',
    lastName: 'Vries',
    dateOfBirth: '1990-01-01',
  });
  janId = jan.subjects[0].personId;
  janSignal = jan.id;
  await registerAbout(police, { firstName: 'Piet', lastName: 'Jansen', dateOfBirth: '1990-01-01' });
  await registerAbout(police, { firstName: 'Johan', namePrefix: 'de', lastName: 'Vries', dateOfBirth: '1985-06-15' });
});
afterAll(async () => {
  await t?.close();
});

async function registerAbout(c: Client, newPerson: Record<string, unknown>) {
  const res = await c.post('/api/v1/signals', {
    municipalityId: delft,
    sourceOrganisationId: policeOrg,
    receivedOn: '2026-01-10',
    subjects: [{ newPerson }],
    indicators: [],
    ideology: 'right_wing',
    urgency: 'normal',
    description: 'Melding.',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('search name', () => {
  it('is lower-case "first prefix last" without diacritics and extra spaces', () => {
    expect(searchNameOf({ firstName: ' Ján ', namePrefix: 'de', lastName: 'Vriës' })).toBe('jan de vries');
    expect(searchNameOf({ firstName: 'Zoë', namePrefix: null, lastName: "O'Neill" })).toBe("zoe o'neill");
  });
});

describe('matching on intake', () => {
  it('finds "Jan de Vries" 1990-01-01 with its reasons', async () => {
    const res = await director.post('/api/v1/persons/matches', {
      firstName: 'Jan',
      namePrefix: 'de',
      lastName: 'Vries',
      dateOfBirth: '1990-01-01',
    });
    expect(res.status).toBe(200);
    const [best, ...rest] = res.body.items;
    expect(best).toEqual({
      personId: janId,
      firstName: 'Jan',
      namePrefix: 'de',
      lastName: 'Vries',
      dateOfBirth: '1990-01-01',
      nameSimilarity: 1,
      reasons: [
        { code: 'name_similar', detail: 'naam lijkt 100% op' },
        { code: 'same_date_of_birth', detail: 'zelfde geboortedatum' },
      ],
      knownIn: { signals: 1, cases: 0 },
    });
    // Johan de Vries is similar by name but born on another day; Piet Jansen is not proposed.
    const johan = rest.find((m: { firstName: string }) => m.firstName === 'Johan');
    expect(johan.reasons.map((r: { code: string }) => r.code)).toEqual(['name_similar', 'different_date_of_birth']);
    expect(rest.map((m: { lastName: string }) => m.lastName)).not.toContain('Jansen');
  });

  it('finds him for "Jan d. Vries" as well, and without a date of birth', async () => {
    const res = await director.post('/api/v1/persons/matches', { firstName: 'Jan', lastName: 'd. Vries' });
    expect(res.status).toBe(200);
    const jan = res.body.items.find((m: { personId: string }) => m.personId === janId);
    expect(jan).toBeDefined();
    expect(jan.nameSimilarity).toBeGreaterThanOrEqual(0.4);
    expect(jan.reasons).toEqual([{ code: 'name_similar', detail: expect.stringMatching(/^naam lijkt \d+% op$/) }]);
    expect(res.body.items[0].personId).toBe(janId);
  });

  it('gives the coordinator, who cannot see him, only a hit: known to Delft, whose directors to contact', async () => {
    const res = await coordinator.post('/api/v1/persons/matches', { firstName: 'Jan', lastName: 'd. Vries' });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(janId);
    expect(res.body.items.map((m: { personId: string }) => m.personId)).not.toContain(janId);
    expect(res.body.hits.length).toBeGreaterThanOrEqual(1);
    expect(res.body.hits[0]).toEqual({
      hitId: expect.any(String),
      knownTo: [
        {
          municipality: { id: delft, name: 'Delft' },
          contacts: expect.arrayContaining([{ name: expect.any(String), email: 'regisseur@delft.demo' }]),
        },
      ],
      expiresAt: expect.any(String),
    });
  });

  it('does not propose persons below the similarity threshold', async () => {
    const res = await director.post('/api/v1/persons/matches', {
      firstName: 'Wubbo',
      lastName: 'Qiu',
      dateOfBirth: '1990-01-01',
    });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it('returns at most five candidates, most similar name first', async () => {
    for (let i = 0; i < 6; i++) {
      await registerAbout(director, { firstName: 'Kees', lastName: `Pietersen${'x'.repeat(i)}` });
    }
    const res = await director.post('/api/v1/persons/matches', { firstName: 'Kees', lastName: 'Pietersen' });
    expect(res.body.items).toHaveLength(5);
    const similarities = res.body.items.map((m: { nameSimilarity: number }) => m.nameSimilarity);
    expect([...similarities].sort((a, b) => b - a)).toEqual(similarities);
    expect(res.body.items[0].lastName).toBe('Pietersen');
  });

  it('logs a read per proposed person, with purpose signal-intake (and the signal when given)', async () => {
    const before = await t.db.owner
      .selectFrom('access_log')
      .select(({ fn }) => fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow();
    const res = await director.post('/api/v1/persons/matches', {
      firstName: 'Jan',
      namePrefix: 'de',
      lastName: 'Vries',
      signalId: janSignal,
    });
    const entries = await t.db.owner
      .selectFrom('access_log')
      .selectAll()
      .where('seq', '>', String(before.seq ?? 0))
      .where('record_type', '=', 'person')
      .execute();
    expect(entries.map((e) => e.subject_id).sort()).toEqual(
      res.body.items.map((m: { personId: string }) => m.personId).sort(),
    );
    for (const e of entries) {
      expect(e).toMatchObject({ action: 'read', purpose_type: 'signal-intake', purpose_id: janSignal });
    }
  });

  it('is refused (403) to partners and roles without case work', async () => {
    const body = { firstName: 'Jan', lastName: 'Vries' };
    expectProblem(await police.post('/api/v1/persons/matches', body), 403);
    expectProblem(await ggz.post('/api/v1/persons/matches', body), 403);
    expectProblem(await policy.post('/api/v1/persons/matches', body), 403);
  });

  it('names bad fields and never takes a name from the URL', async () => {
    const res = await director.post('/api/v1/persons/matches', { firstName: '', dateOfBirth: '1-1-1990', extra: 1 });
    expectProblem(res, 400);
    expect(pointersOf(res).sort()).toEqual(['/dateOfBirth', '/extra', '/firstName', '/lastName']);
    expectProblem(await director.get('/api/v1/persons?name=Jan'), 404);
  });
});

describe('reading and correcting a person', () => {
  it('is possible only through a signal or case the actor can see (404 otherwise)', async () => {
    expect((await police.get(`/api/v1/persons/${janId}`)).status).toBe(200);
    const asDirector = await director.get(`/api/v1/persons/${janId}`);
    expect(asDirector.status).toBe(200);
    expect(asDirector.body).toMatchObject({ firstName: 'Jan', namePrefix: 'de', lastName: 'Vries', version: 1 });
    for (const c of [ggz, rijswijk, coordinator]) expectProblem(await c.get(`/api/v1/persons/${janId}`), 404);
    expectProblem(await policy.get(`/api/v1/persons/${janId}`), 403);
    const log = await t.db.owner
      .selectFrom('access_log')
      .selectAll()
      .where('record_type', '=', 'person')
      .where('record_id', '=', janId)
      .where('action', '=', 'read')
      .execute();
    expect(log.length).toBeGreaterThanOrEqual(2);
    expect(log.every((e) => e.purpose_type === 'signal-intake' && e.purpose_id === janSignal)).toBe(true);
  });

  it('corrects with the current version and keeps the search name in step; stale → 409', async () => {
    const created = await registerAbout(police, { firstName: 'Lotte', lastName: 'Smid' });
    const id = created.subjects[0].personId;
    const res = await director.patch(`/api/v1/persons/${id}`, {
      lastName: 'Smit',
      dateOfBirth: '2001-05-05',
      version: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ firstName: 'Lotte', lastName: 'Smit', dateOfBirth: '2001-05-05', version: 2 });
    const row = await t.db.owner
      .selectFrom('persons')
      .select('search_name')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.search_name).toBe('lotte smit');
    expectProblem(await police.patch(`/api/v1/persons/${id}`, { lastName: 'Smidt', version: 1 }), 409, 'STALE_VERSION');
    expectProblem(await ggz.patch(`/api/v1/persons/${id}`, { lastName: 'Smidt', version: 2 }), 404);
    const future = await director.patch(`/api/v1/persons/${id}`, { dateOfBirth: '2999-01-01', version: 2 });
    expectProblem(future, 422);
    expect(pointersOf(future)).toEqual(['/dateOfBirth']);
  });

  it('lets only a process director register a person directly', async () => {
    const res = await director.post('/api/v1/persons', { firstName: 'Els', lastName: 'Vos', gender: 'female' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ firstName: 'Els', lastName: 'Vos', gender: 'female', namePrefix: null });
    expectProblem(await coordinator.post('/api/v1/persons', { firstName: 'Els', lastName: 'Vos' }), 403);
    expectProblem(await police.post('/api/v1/persons', { firstName: 'Els', lastName: 'Vos' }), 403);
    // Not linked to any signal or case yet: not readable, not even by whoever registered it.
    expectProblem(await director.get(`/api/v1/persons/${res.body.id}`), 404);
  });
});
