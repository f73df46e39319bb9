/**
 * Persons across municipalities (issue 8 point 6), tried as an attacker would: a Rijswijk process
 * director looks for a person known only to Delft. Matching gives him a hit (known to Delft, whom to
 * contact) and nothing else; linking him directly is refused exactly like an unknown id; reading him is
 * 404 — until a Delft process director accepts his link request. A refused request changes nothing.
 * Both sides of every hit are in the access log. Every route: 403 for other roles, 404 for another region.
 */

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRegion, expectProblem, municipalityId, pointersOf, userIdByEmail } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { DEMO_TOTP_SECRET } from '../../demo/seed.js';
import { grantRoleDirectly } from '../auth/test-support.js';

let t: TestApp;
let delftDirector: Client;
let coordinator: Client;
let police: Client;
let rijswijk: Client;
let policy: Client;
let expert: Client;
let elsewhere: Client;
let delft: string;
let rijswijkPlace: string;

const KAREL = { firstName: 'Karel', namePrefix: 'van', lastName: 'Oosterwijk-Delftsma', dateOfBirth: '1987-04-04' };

beforeAll(async () => {
  t = await startTestApp();
  [delftDirector, coordinator, police, rijswijk, policy, expert] = await Promise.all([
    t.signIn('regisseur@delft.demo'),
    t.signIn('coordinator@delft.demo'),
    t.signIn('politie@politie.demo'),
    t.signIn('regisseur@rijswijk.demo'),
    t.signIn('beleid@delft.demo'),
    t.signIn('expert@pool.demo'),
  ]);
  delft = await municipalityId(delftDirector, 'Delft');
  rijswijkPlace = await municipalityId(delftDirector, 'Rijswijk');
  // A process director of a municipality in another region (written as the owner, past RLS).
  const other = await addRegion(t, 'regio-koppel');
  const { password_hash } = await t.db.owner
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', other.userId)
    .executeTakeFirstOrThrow();
  const { id: elsewhereId } = await t.db.owner
    .insertInto('users')
    .values({
      email: 'regisseur@regio-koppel.test',
      name: 'Regisseur Elders',
      organisation_id: other.organisationId,
      password_hash,
      totp_secret: t.deps.secrets.seal(DEMO_TOTP_SECRET),
      totp_enrolled_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await grantRoleDirectly(t.db, { userId: elsewhereId, regionId: other.regionId, role: 'process_director' });
  elsewhere = await t.signIn('regisseur@regio-koppel.test');
});
afterAll(async () => {
  await t?.close();
});

/** A signal of the police about a new person in Delft: the person is then known to Delft only. */
async function knownToDelftOnly(person: Record<string, unknown>) {
  const res = await police.post('/api/v1/signals', {
    municipalityId: delft,
    receivedOn: '2026-03-01',
    subjects: [{ newPerson: person }],
    ideology: 'right_wing',
    urgency: 'normal',
    description: 'Melding van de wijkagent.',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.subjects[0].personId as string;
}

/** An open Rijswijk signal of the Rijswijk director, subject unknown yet. */
async function rijswijkSignal() {
  const res = await rijswijk.post('/api/v1/signals', {
    municipalityId: rijswijkPlace,
    sourceOrganisationId: null,
    reporterKind: 'school',
    reporterName: 'Mentor, De Bron',
    receivedOn: '2026-03-02',
    subjectUnknown: true,
    ideology: 'right_wing',
    urgency: 'normal',
    description: 'Zorgen van school.',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
}

async function hitFor(c: Client, person: Record<string, unknown>, signalId?: string) {
  const res = await c.post('/api/v1/persons/matches', { ...person, ...(signalId ? { signalId } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res;
}

const logAbout = (personId: string) =>
  t.db.owner
    .selectFrom('access_log')
    .select(['action', 'record_type', 'record_id', 'actor_user_id', 'purpose_type', 'purpose_id', 'subject_id'])
    .where('subject_id', '=', personId)
    .orderBy('seq')
    .execute();

describe('a person known only to another municipality', () => {
  let karel: string;
  let signal: { id: string; version: number };
  let hitId: string;
  let requestId: string;

  beforeAll(async () => {
    karel = await knownToDelftOnly(KAREL);
    signal = await rijswijkSignal();
  });

  it('is only a hit for the Rijswijk director: Delft and whom to contact, no name, date of birth, counts or id', async () => {
    const res = await hitFor(rijswijk, KAREL, signal.id);
    expect(res.body.items).toEqual([]);
    expect(res.body.hits).toHaveLength(1);
    const [hit] = res.body.hits;
    expect(Object.keys(hit).sort()).toEqual(['expiresAt', 'hitId', 'knownTo']);
    expect(hit.knownTo).toHaveLength(1);
    expect(Object.keys(hit.knownTo[0]).sort()).toEqual(['contacts', 'municipality']);
    expect(hit.knownTo[0].municipality).toEqual({ id: delft, name: 'Delft' });
    expect(hit.knownTo[0].contacts).toContainEqual({ name: expect.any(String), email: 'regisseur@delft.demo' });
    for (const c of hit.knownTo[0].contacts) expect(Object.keys(c).sort()).toEqual(['email', 'name']);
    const text = JSON.stringify(res.body);
    for (const secret of [karel, 'Oosterwijk', 'Karel', '1987', 'knownIn', 'nameSimilarity', 'reasons']) {
      expect(text).not.toContain(secret);
    }
    expect(hit.hitId).not.toBe(karel);
    hitId = hit.hitId;
  });

  it('is found in full by the Delft director, who can see him', async () => {
    const res = await hitFor(delftDirector, KAREL);
    expect(res.body.items.map((m: { personId: string }) => m.personId)).toContain(karel);
    expect(res.body.hits).toEqual([]);
  });

  it('cannot be linked directly: refused exactly like an unknown id, and nothing is written', async () => {
    const before = await rijswijk.get(`/api/v1/signals/${signal.id}`);
    const known = await rijswijk.post(`/api/v1/signals/${signal.id}/subjects`, { personId: karel });
    const unknown = await rijswijk.post(`/api/v1/signals/${signal.id}/subjects`, { personId: randomUUID() });
    expectProblem(known, 422);
    expect(pointersOf(known)).toEqual(['/personId']);
    const shape = (b: Record<string, unknown>) => ({ ...b, instance: undefined, traceId: undefined });
    expect(shape(known.body)).toEqual(shape(unknown.body));

    const body = (personId: string) => ({
      municipalityId: rijswijkPlace,
      receivedOn: '2026-03-02',
      subjects: [{ personId }],
      ideology: 'right_wing',
      urgency: 'normal',
      description: 'Nog een melding.',
    });
    const atIntake = await rijswijk.post('/api/v1/signals', body(karel));
    const atIntakeUnknown = await rijswijk.post('/api/v1/signals', body(randomUUID()));
    expectProblem(atIntake, 422);
    expect(pointersOf(atIntake)).toEqual(['/subjects/0/personId']);
    expect(shape(atIntake.body)).toEqual(shape(atIntakeUnknown.body));

    const after = await rijswijk.get(`/api/v1/signals/${signal.id}`);
    expect(after.body.version).toBe(before.body.version);
    expect(after.body.subjects).toEqual([]);
  });

  it('cannot be read before a link request is accepted (404)', async () => {
    expectProblem(await rijswijk.get(`/api/v1/persons/${karel}`), 404);
    expectProblem(await rijswijk.patch(`/api/v1/persons/${karel}`, { lastName: 'X', version: 1 }), 404);
  });

  it('is asked for with the hit; someone else cannot use that hit', async () => {
    const stolen = await coordinator.post('/api/v1/person-link-requests', {
      hitId,
      signalId: signal.id,
      reason: 'Zelfde naam.',
    });
    expectProblem(stolen, 422);
    expect(pointersOf(stolen)).toEqual(['/hitId']);

    const res = await rijswijk.post('/api/v1/person-link-requests', {
      hitId,
      signalId: signal.id,
      reason: 'School meldt zorgen over Karel; zelfde naam en geboortedatum.',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      status: 'pending',
      signal: { id: signal.id },
      requesterMunicipality: { id: rijswijkPlace, name: 'Rijswijk' },
      person: null,
      canDecide: false,
      knownTo: [{ municipality: { id: delft, name: 'Delft' } }],
      searchedFor: { firstName: 'Karel', lastName: 'Oosterwijk-Delftsma', dateOfBirth: '1987-04-04' },
    });
    expect(JSON.stringify(res.body)).not.toContain(karel);
    requestId = res.body.id;

    // The same hit once more: 409.
    expectProblem(
      await rijswijk.post('/api/v1/person-link-requests', { hitId, signalId: signal.id, reason: 'Nogmaals.' }),
      409,
    );
    // A new hit for the same person and signal while one is pending: 409 as well.
    const again = await hitFor(rijswijk, KAREL, signal.id);
    expectProblem(
      await rijswijk.post('/api/v1/person-link-requests', {
        hitId: again.body.hits[0].hitId,
        signalId: signal.id,
        reason: 'Nogmaals.',
      }),
      409,
    );
    // Still not readable.
    expectProblem(await rijswijk.get(`/api/v1/persons/${karel}`), 404);
  });

  it('shows the Delft director what he needs to decide; the requester sees no person', async () => {
    const incoming = await delftDirector.get('/api/v1/person-link-requests?direction=incoming&status=pending');
    expect(incoming.status).toBe(200);
    const mine = incoming.body.items.find((r: { id: string }) => r.id === requestId);
    expect(mine).toMatchObject({
      canDecide: true,
      person: { id: karel, firstName: 'Karel', lastName: 'Oosterwijk-Delftsma', dateOfBirth: '1987-04-04' },
      requestedBy: { name: expect.any(String) },
      reason: 'School meldt zorgen over Karel; zelfde naam en geboortedatum.',
    });
    // Rijswijk's director decides nothing here, and sees the request only as his own.
    const notHis = await rijswijk.get('/api/v1/person-link-requests?direction=incoming');
    expect(notHis.body.items.map((r: { id: string }) => r.id)).not.toContain(requestId);
    const outgoing = await rijswijk.get(`/api/v1/person-link-requests?direction=outgoing&signalId=${signal.id}`);
    expect(outgoing.body.items).toHaveLength(1);
    expect(outgoing.body.items[0]).toMatchObject({ id: requestId, person: null, canDecide: false });
    const one = await rijswijk.get(`/api/v1/person-link-requests/${requestId}`);
    expect(one.body.person).toBeNull();
  });

  it('is decided only by a process director of Delft: 403 for the requester and other roles', async () => {
    const current = (await delftDirector.get(`/api/v1/person-link-requests/${requestId}`)).body;
    const body = { version: current.version };
    expectProblem(await rijswijk.post(`/api/v1/person-link-requests/${requestId}/acceptance`, body), 403);
    expectProblem(await coordinator.post(`/api/v1/person-link-requests/${requestId}/acceptance`, body), 403);
    expectProblem(await police.post(`/api/v1/person-link-requests/${requestId}/acceptance`, body), 403);
    expectProblem(await policy.post(`/api/v1/person-link-requests/${requestId}/acceptance`, body), 403);
    expectProblem(await expert.post(`/api/v1/person-link-requests/${requestId}/acceptance`, body), 403);
    expectProblem(
      await delftDirector.post(`/api/v1/person-link-requests/${requestId}/acceptance`, { version: 99 }),
      409,
      'STALE_VERSION',
    );
    expectProblem(await rijswijk.get(`/api/v1/persons/${karel}`), 404);
  });

  it('once accepted links him to the Rijswijk signal, who can then read him', async () => {
    const current = (await delftDirector.get(`/api/v1/person-link-requests/${requestId}`)).body;
    const res = await delftDirector.post(`/api/v1/person-link-requests/${requestId}/acceptance`, {
      version: current.version,
      reason: 'Bekend bij ons; neem contact op voor afstemming.',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'accepted', canDecide: false, decidedBy: { name: expect.any(String) } });

    const person = await rijswijk.get(`/api/v1/persons/${karel}`);
    expect(person.status).toBe(200);
    expect(person.body).toMatchObject({ firstName: 'Karel', dateOfBirth: '1987-04-04' });
    const linked = await rijswijk.get(`/api/v1/signals/${signal.id}`);
    expect(linked.body.subjectUnknown).toBe(false);
    expect(linked.body.subjects).toEqual([
      expect.objectContaining({ personId: karel, linkKind: 'matched_existing', matchReason: expect.any(String) }),
    ]);
    // The Delft director does not gain the Rijswijk signal by deciding.
    expectProblem(await delftDirector.get(`/api/v1/signals/${signal.id}`), 404);
    // Decided once: a second decision is 409.
    expectProblem(
      await delftDirector.post(`/api/v1/person-link-requests/${requestId}/refusal`, {
        version: res.body.version,
        reason: 'Toch niet.',
      }),
      409,
    );
    // Rijswijk now sees him in full when matching.
    const now = await hitFor(rijswijk, KAREL);
    expect(now.body.items.map((m: { personId: string }) => m.personId)).toContain(karel);
  });

  it('leaves both sides of the hit in the access log, with the person as subject', async () => {
    const rijswijkId = await userIdByEmail(t, 'regisseur@rijswijk.demo');
    const delftId = await userIdByEmail(t, 'regisseur@delft.demo');
    const log = await logAbout(karel);
    expect(log).toContainEqual(
      expect.objectContaining({
        action: 'read',
        record_type: 'person_match_hit',
        record_id: hitId,
        actor_user_id: rijswijkId,
        purpose_type: 'signal-intake',
        purpose_id: signal.id,
      }),
    );
    expect(log).toContainEqual(
      expect.objectContaining({
        action: 'create',
        record_type: 'person_link_request',
        record_id: requestId,
        actor_user_id: rijswijkId,
      }),
    );
    expect(log).toContainEqual(
      expect.objectContaining({
        action: 'update',
        record_type: 'person_link_request',
        record_id: requestId,
        actor_user_id: delftId,
        purpose_id: signal.id,
      }),
    );
    expect(log).toContainEqual(
      expect.objectContaining({
        action: 'update',
        record_type: 'signal',
        record_id: signal.id,
        actor_user_id: delftId,
      }),
    );
  });
});

describe('a refused link request', () => {
  it('changes nothing but the request, and tells the requester why', async () => {
    const person = { firstName: 'Wendela', lastName: 'Zuidervaart', dateOfBirth: '1992-09-09' };
    const wendela = await knownToDelftOnly(person);
    const signal = await rijswijkSignal();
    const hit = (await hitFor(rijswijk, person, signal.id)).body.hits[0];
    const request = await rijswijk.post('/api/v1/person-link-requests', {
      hitId: hit.hitId,
      signalId: signal.id,
      reason: 'Mogelijk dezelfde persoon.',
    });
    expect(request.status).toBe(201);
    const signalBefore = (await rijswijk.get(`/api/v1/signals/${signal.id}`)).body;
    const links = async () =>
      (
        await t.db.owner
          .selectFrom('signal_subjects')
          .select(({ fn }) => fn.countAll().as('n'))
          .where('person_id', '=', wendela)
          .executeTakeFirstOrThrow()
      ).n;
    const linksBefore = await links();

    const noReason = await delftDirector.post(`/api/v1/person-link-requests/${request.body.id}/refusal`, {
      version: request.body.version,
    });
    expectProblem(noReason, 400);
    expect(pointersOf(noReason)).toEqual(['/reason']);

    const refused = await delftDirector.post(`/api/v1/person-link-requests/${request.body.id}/refusal`, {
      version: request.body.version,
      reason: 'Een ander persoon: andere woonplaats.',
    });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', decisionReason: 'Een ander persoon: andere woonplaats.' });

    const signalAfter = (await rijswijk.get(`/api/v1/signals/${signal.id}`)).body;
    expect(signalAfter.version).toBe(signalBefore.version);
    expect(signalAfter.subjects).toEqual([]);
    expect(signalAfter.subjectUnknown).toBe(true);
    expect(await links()).toBe(linksBefore);
    expectProblem(await rijswijk.get(`/api/v1/persons/${wendela}`), 404);
    const seen = await rijswijk.get(`/api/v1/person-link-requests/${request.body.id}`);
    expect(seen.body).toMatchObject({ status: 'refused', decisionReason: 'Een ander persoon: andere woonplaats.' });
    expect(seen.body.person).toBeNull();
    expectProblem(
      await delftDirector.post(`/api/v1/person-link-requests/${request.body.id}/acceptance`, {
        version: refused.body.version,
      }),
      409,
    );
    // The refusal is in the log too, with the person as subject.
    expect(await logAbout(wendela)).toContainEqual(
      expect.objectContaining({ action: 'update', record_type: 'person_link_request', record_id: request.body.id }),
    );
  });
});

describe('hits and requests: limits', () => {
  it('a hit expires after a day; a request for a closed signal is 409; a signal not yours is 422', async () => {
    const person = { firstName: 'Anouk', lastName: 'Verhoef-Tiemstra', dateOfBirth: '1999-01-31' };
    await knownToDelftOnly(person);
    const signal = await rijswijkSignal();
    const old = (await hitFor(rijswijk, person, signal.id)).body.hits[0].hitId;
    const fresh = (await hitFor(rijswijk, person, signal.id)).body.hits[0].hitId;

    const strange = await rijswijk.post('/api/v1/person-link-requests', {
      hitId: fresh,
      signalId: randomUUID(),
      reason: 'x',
    });
    expectProblem(strange, 422);
    expect(pointersOf(strange)).toEqual(['/signalId']);

    // A day later (moved in the database: the sessions would not survive moving the clock a day).
    await t.db.owner
      .updateTable('person_match_hits')
      .set({ expires_at: new Date(Date.now() - 3600_000) })
      .where('id', '=', old)
      .execute();
    const expired = await rijswijk.post('/api/v1/person-link-requests', {
      hitId: old,
      signalId: signal.id,
      reason: 'x',
    });
    expectProblem(expired, 422);
    expect(pointersOf(expired)).toEqual(['/hitId']);
    // Expired hits without a request are deleted on the next search in the region.
    await hitFor(delftDirector, person);
    const left = await t.db.owner.selectFrom('person_match_hits').select('id').where('id', '=', old).execute();
    expect(left).toEqual([]);

    await t.db.owner.updateTable('signals').set({ status: 'closed' }).where('id', '=', signal.id).execute();
    const closed = await rijswijk.post('/api/v1/person-link-requests', {
      hitId: fresh,
      signalId: signal.id,
      reason: 'x',
    });
    expectProblem(closed, 409);
  });

  it('names bad fields (400)', async () => {
    const res = await rijswijk.post('/api/v1/person-link-requests', { hitId: 'x', reason: '', extra: 1 });
    expectProblem(res, 400);
    expect(pointersOf(res).sort()).toEqual(['/extra', '/hitId', '/reason', '/signalId']);
    expectProblem(await delftDirector.get('/api/v1/person-link-requests'), 400);
  });
});

describe('every link-request route', () => {
  let requestId: string;
  let version: number;
  let hitId: string;
  let signalId: string;

  beforeAll(async () => {
    const person = { firstName: 'Tjeerd', lastName: 'Hoekstra-Walinga', dateOfBirth: '1980-05-05' };
    await knownToDelftOnly(person);
    signalId = (await rijswijkSignal()).id;
    [hitId] = (await hitFor(rijswijk, person, signalId)).body.hits.map((h: { hitId: string }) => h.hitId);
    const res = await rijswijk.post('/api/v1/person-link-requests', { hitId, signalId, reason: 'Zelfde naam.' });
    requestId = res.body.id;
    version = res.body.version;
  });

  const routes = () =>
    [
      ['POST', '/person-link-requests', { hitId, signalId, reason: 'x' }],
      ['GET', '/person-link-requests?direction=outgoing', undefined],
      ['GET', '/person-link-requests?direction=incoming', undefined],
      ['GET', `/person-link-requests/${requestId}`, undefined],
      ['POST', `/person-link-requests/${requestId}/acceptance`, { version }],
      ['POST', `/person-link-requests/${requestId}/refusal`, { version, reason: 'x' }],
    ] as const;

  it('is 403 for roles other than process directors and case coordinators', async () => {
    for (const c of [police, policy, expert]) {
      for (const [method, path, body] of routes()) {
        expectProblem(await c.request(method, `/api/v1${path}`, body), 403);
      }
    }
    // Case coordinators ask, but do not decide.
    expectProblem(await coordinator.get('/api/v1/person-link-requests?direction=incoming'), 403);
  });

  it('is 404 (or an empty list) for a process director of another region', async () => {
    for (const [method, path, body] of routes()) {
      const res = await elsewhere.request(method, `/api/v1${path}`, body);
      if (method === 'GET' && path.startsWith('/person-link-requests?')) {
        expect(res.status).toBe(200);
        expect(res.body.items).toEqual([]);
      } else if (path === '/person-link-requests') {
        expectProblem(res, 422); // the hit and the signal are unknown there
      } else {
        expectProblem(res, 404);
      }
    }
    const match = await elsewhere.post('/api/v1/persons/matches', {
      firstName: 'Tjeerd',
      lastName: 'Hoekstra-Walinga',
      dateOfBirth: '1980-05-05',
    });
    expect(match.body).toEqual({ items: [], hits: [] });
    // The request is untouched.
    const still = await delftDirector.get(`/api/v1/person-link-requests/${requestId}`);
    expect(still.body).toMatchObject({ status: 'pending', version });
  });
});
