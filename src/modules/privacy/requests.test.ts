/**
 * Legal holds, erasure and rectification requests (issue 4 parts 3 and 4): four eyes (the requester
 * cannot approve: 403 FOUR_EYES_REQUIRED), an approved erasure destroys the subject everywhere with the
 * same functions as the retention job (the scan of every table finds nothing), a hold blocks it,
 * an approved rectification changes the person; problem+json errors name the field; every route is
 * 403 for roles without the right and 404 for what lies in another region.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRegion, expectProblem, type OtherRegion, pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { DEMO_USERS } from '../../demo/seed.js';
import { verifyAccessLog } from '../access-log/verify.js';
import { seedCase } from '../cases/testing.js';
import { needles, scanDatabase, seedRichSubject } from './destruction-testing.js';

let t: TestApp;
let director: Client;
let police: Client;
let fg: Client;
let admin: Client;
let rijswijk: Client;
let other: OtherRegion;
let otherAdmin: Client;

beforeAll(async () => {
  t = await startTestApp();
  [director, police, fg, admin, rijswijk] = await Promise.all([
    t.signIn('regisseur@delft.demo'),
    t.signIn('politie@politie.demo'),
    t.signIn('fg@delft.demo'),
    t.signIn('beheer@delft.demo'),
    t.signIn('regisseur@rijswijk.demo'),
  ]);
  other = await addRegion(t, 'regio-elders');
  otherAdmin = await t.signIn(other.email);
});
afterAll(async () => {
  await t?.close();
});

const accessEntries = (recordType: string, recordId: string) =>
  t.db.owner
    .selectFrom('access_log')
    .select(['action', 'subject_id', 'purpose_type', 'purpose_id', 'actor_role'])
    .where('record_type', '=', recordType)
    .where('record_id', '=', recordId)
    .orderBy('seq')
    .execute();

describe('legal holds', () => {
  it('are set on a case or a person with a reason, listed, lifted with a reason, and logged', async () => {
    const c = await seedCase(t.deps);
    const set = await fg.post('/api/v1/legal-holds', { caseId: c.caseId, reason: 'Klacht bij de Autoriteit' });
    expect(set.status, JSON.stringify(set.body)).toBe(201);
    expect(set.body).toMatchObject({
      target: 'case',
      caseId: c.caseId,
      caseReference: c.reference,
      personId: null,
      active: true,
      reason: 'Klacht bij de Autoriteit',
      setBy: { name: expect.any(String) },
      liftedAt: null,
      version: 1,
    });
    expect(await accessEntries('legal_hold', set.body.id)).toEqual([
      {
        action: 'create',
        subject_id: c.personId,
        purpose_type: 'legal-hold',
        purpose_id: set.body.id,
        actor_role: 'privacy_officer',
      },
    ]);
    const again = await admin.post('/api/v1/legal-holds', { caseId: c.caseId, reason: 'Nogmaals' });
    expectProblem(again, 409, 'CONFLICT');
    expect(pointersOf(again)).toEqual(['/caseId']);

    const both = await fg.post('/api/v1/legal-holds', { caseId: c.caseId, personId: c.personId, reason: 'x' });
    expectProblem(both, 400, 'INVALID_INPUT');
    expect(pointersOf(both)).toEqual(['/caseId']);
    expect(pointersOf(await fg.post('/api/v1/legal-holds', { reason: 'x' }))).toEqual(['/caseId']);
    const noReason = await fg.post('/api/v1/legal-holds', { caseId: c.caseId, reason: '' });
    expectProblem(noReason, 400);
    expect(pointersOf(noReason)).toEqual(['/reason']);
    const unknown = await fg.post('/api/v1/legal-holds', {
      caseId: '00000000-0000-4000-8000-000000000000',
      reason: 'x',
    });
    expectProblem(unknown, 404, 'NOT_FOUND');
    expect(pointersOf(unknown)).toEqual(['/caseId']);

    const onPerson = await admin.post('/api/v1/legal-holds', { personId: c.personId, reason: 'Lopende procedure' });
    expect(onPerson.status).toBe(201);
    expect(onPerson.body).toMatchObject({ target: 'person', personId: c.personId, personName: expect.any(String) });

    const active = await fg.get(`/api/v1/legal-holds?active=true&personId=${c.personId}`);
    expect(active.body.items.map((h: { id: string }) => h.id)).toEqual([onPerson.body.id]);
    const page1 = await fg.get('/api/v1/legal-holds?limit=1');
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await fg.get(`/api/v1/legal-holds?limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);

    expectProblem(
      await fg.post(`/api/v1/legal-holds/${set.body.id}/lifting`, { reason: 'Afgerond', version: 7 }),
      409,
      'STALE_VERSION',
    );
    const lifted = await fg.post(`/api/v1/legal-holds/${set.body.id}/lifting`, { reason: 'Afgerond', version: 1 });
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ active: false, liftReason: 'Afgerond', liftedBy: { id: expect.any(String) } });
    expectProblem(
      await fg.post(`/api/v1/legal-holds/${set.body.id}/lifting`, { reason: 'Nog eens', version: 2 }),
      409,
      'ILLEGAL_TRANSITION',
    );
    expect((await accessEntries('legal_hold', set.body.id)).map((e) => e.action)).toEqual(['create', 'update']);
    // A new hold can be set once the old one is lifted.
    expect((await fg.post('/api/v1/legal-holds', { caseId: c.caseId, reason: 'Nieuwe klacht' })).status).toBe(201);
  });
});

describe('erasure requests', () => {
  it('need a second person; an approved one destroys the subject everywhere, not while held', async () => {
    const n = needles();
    const s = await seedRichSubject({ baseUrl: t.baseUrl, owner: t.db.owner, director, police, fg, rijswijk }, n);
    // The person is also related to someone else's case, which names them.
    const sibling = await seedCase(t.deps);
    const link = await director.post(`/api/v1/cases/${sibling.caseId}/related-persons`, {
      personId: s.personId,
      relation: 'sibling',
    });
    expect(link.status, JSON.stringify(link.body)).toBe(201);
    const kept = `Zus van ${n.firstName} ${n.lastName}; gesprek verliep goed.`;
    expect(
      (
        await director.post(`/api/v1/cases/${sibling.caseId}/contributions`, {
          body: kept,
          legalRegime: 'avg',
          scope: 'conference',
        })
      ).status,
    ).toBe(201);

    const mismatch = await fg.post('/api/v1/erasure-requests', {
      personId: s.personId,
      scope: 'case',
      reason: 'Verzoek van betrokkene',
      receivedOn: '2026-03-01',
    });
    expectProblem(mismatch, 400, 'INVALID_INPUT');
    expect(pointersOf(mismatch)).toEqual(['/caseId']);
    const notTheirs = await fg.post('/api/v1/erasure-requests', {
      personId: s.personId,
      scope: 'case',
      caseId: sibling.caseId,
      reason: 'Verzoek van betrokkene',
      receivedOn: '2026-03-01',
    });
    expectProblem(notTheirs, 422, 'BUSINESS_RULE');
    expect(pointersOf(notTheirs)).toEqual(['/caseId']);

    const created = await fg.post('/api/v1/erasure-requests', {
      personId: s.personId,
      scope: 'person',
      reason: `Betrokkene vraagt om wissing (brief). ${n.marker}`,
      receivedOn: '2026-03-01',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'requested', scope: 'person', decidedBy: null, version: 1 });
    const id = created.body.id;

    // Four eyes: the requester cannot approve (nor reject) their own request.
    const own = await fg.post(`/api/v1/erasure-requests/${id}/approval`, { version: 1 });
    expectProblem(own, 403, 'FOUR_EYES_REQUIRED');
    expectProblem(
      await fg.post(`/api/v1/erasure-requests/${id}/rejection`, { note: 'x', version: 1 }),
      403,
      'FOUR_EYES_REQUIRED',
    );
    expect(await t.db.owner.selectFrom('persons').select('id').where('id', '=', s.personId).execute()).toHaveLength(1);

    // Held: refused, naming the field.
    const hold = await admin.post('/api/v1/legal-holds', { personId: s.personId, reason: 'Procedure' });
    const refused = await admin.post(`/api/v1/erasure-requests/${id}/approval`, { version: 1 });
    expectProblem(refused, 422, 'BUSINESS_RULE');
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ code: 'legal_hold', location: { pointer: '/personId' } }),
    ]);
    await admin.post(`/api/v1/legal-holds/${hold.body.id}/lifting`, { reason: 'Klaar', version: 1 });
    expectProblem(await admin.post(`/api/v1/erasure-requests/${id}/approval`, { version: 9 }), 409, 'STALE_VERSION');

    const approved = await admin.post(`/api/v1/erasure-requests/${id}/approval`, { note: 'Akkoord', version: 1 });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'executed',
      personId: null,
      personName: null,
      reason: null,
      decisionNote: null,
      scrubbedAt: expect.any(String),
      requestedBy: { id: expect.any(String) },
      decidedBy: { id: expect.any(String) },
      result: { cases: 1, persons: 2 },
    });
    expect(approved.body.result.signals).toBeGreaterThanOrEqual(2);
    expect(approved.body.decidedBy.id).not.toBe(approved.body.requestedBy.id);
    expectProblem(
      await admin.post(`/api/v1/erasure-requests/${id}/approval`, { version: 2 }),
      409,
      'ILLEGAL_TRANSITION',
    );

    // Nothing of the person is left anywhere; the other case stays, without their name.
    expect(
      await scanDatabase(t.db.owner, [n.firstName, n.lastName, n.relatedLastName, n.dateOfBirth, n.marker]),
    ).toEqual([]);
    const siblingText = await t.db.owner
      .selectFrom('case_contributions')
      .select('body')
      .where('case_id', '=', sibling.caseId)
      .execute();
    expect(siblingText.map((r) => r.body)).toContain('Zus van [vernietigd]; gesprek verliep goed.');
    const destroyRecords = await t.db.owner
      .selectFrom('access_log')
      .select(['record_type', 'subject_id', 'purpose_type', 'purpose_id', 'actor_role'])
      .where('action', '=', 'destroy')
      .where('purpose_id', '=', id)
      .execute();
    expect(destroyRecords).toEqual(
      expect.arrayContaining([
        { record_type: 'case', subject_id: null, purpose_type: 'erasure-request', purpose_id: id, actor_role: 'admin' },
        {
          record_type: 'person',
          subject_id: null,
          purpose_type: 'erasure-request',
          purpose_id: id,
          actor_role: 'admin',
        },
      ]),
    );
    expect((await verifyAccessLog(t.db)).every((v) => v.firstBreak === null)).toBe(true);
    const shown = await fg.get(`/api/v1/erasure-requests/${id}`);
    expect(shown.body).toMatchObject({ status: 'executed', reason: null });
  });

  it('is refused while a case the person is only related to is on hold', async () => {
    const a = await seedCase(t.deps, { related: [{ firstName: 'Rel', lastName: 'Vasthouden', relation: 'sibling' }] });
    const { person_id: relatedId } = await t.db.owner
      .selectFrom('case_related_persons')
      .select('person_id')
      .where('case_id', '=', a.caseId)
      .executeTakeFirstOrThrow();
    const hold = (await fg.post('/api/v1/legal-holds', { caseId: a.caseId, reason: 'Procedure' })).body;
    const request = (
      await fg.post('/api/v1/erasure-requests', {
        personId: relatedId,
        scope: 'person',
        reason: 'Verzoek van de zus',
        receivedOn: '2026-03-04',
      })
    ).body;
    const refused = await admin.post(`/api/v1/erasure-requests/${request.id}/approval`, { version: 1 });
    expectProblem(refused, 422, 'BUSINESS_RULE');
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ code: 'legal_hold', location: { pointer: '/personId' } }),
    ]);
    expect(await t.db.owner.selectFrom('persons').select('id').where('id', '=', relatedId).execute()).toHaveLength(1);
    await fg.post(`/api/v1/legal-holds/${hold.id}/lifting`, { reason: 'Klaar', version: 1 });
    const approved = await admin.post(`/api/v1/erasure-requests/${request.id}/approval`, { version: 1 });
    expect(approved.body).toMatchObject({ status: 'executed', result: { cases: 0, persons: 1 } });
    expect(await t.db.owner.selectFrom('cases').select('id').where('id', '=', a.caseId).execute()).toHaveLength(1);
    expect(
      await t.db.owner.selectFrom('case_related_persons').select('id').where('case_id', '=', a.caseId).execute(),
    ).toEqual([]);
  });

  it('of one case destroys that case only; a rejection needs a note', async () => {
    const c = await seedCase(t.deps);
    const created = await admin.post('/api/v1/erasure-requests', {
      personId: c.personId,
      scope: 'case',
      caseId: c.caseId,
      reason: 'Onrechtmatig verwerkt',
      receivedOn: '2026-03-02',
    });
    expect(created.status).toBe(201);
    const approved = await fg.post(`/api/v1/erasure-requests/${created.body.id}/approval`, { version: 1 });
    expect(approved.body).toMatchObject({ status: 'executed', result: { cases: 1 } });
    expect(await t.db.owner.selectFrom('cases').select('id').where('id', '=', c.caseId).execute()).toEqual([]);

    const d = await seedCase(t.deps);
    const second = await fg.post('/api/v1/erasure-requests', {
      personId: d.personId,
      scope: 'person',
      reason: 'Verzoek',
      receivedOn: '2026-03-02',
    });
    const noNote = await admin.post(`/api/v1/erasure-requests/${second.body.id}/rejection`, { version: 1 });
    expectProblem(noNote, 400);
    expect(pointersOf(noNote)).toEqual(['/note']);
    const rejected = await admin.post(`/api/v1/erasure-requests/${second.body.id}/rejection`, {
      note: 'Bewaarplicht: lopende casus',
      version: 1,
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: 'Bewaarplicht: lopende casus' });
    expect(await t.db.owner.selectFrom('cases').select('id').where('id', '=', d.caseId).execute()).toHaveLength(1);
    const listed = await fg.get('/api/v1/erasure-requests?status=rejected');
    expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(second.body.id);
  });
});

describe('rectification requests', () => {
  it('apply the corrected values once a second person approves', async () => {
    const c = await seedCase(t.deps, { firstName: 'Jan', lastName: 'Jansen', dateOfBirth: '2001-01-01' });
    const empty = await fg.post('/api/v1/rectification-requests', {
      personId: c.personId,
      change: {},
      reason: 'x',
      receivedOn: '2026-03-03',
    });
    expectProblem(empty, 400);
    expect(pointersOf(empty)).toEqual(['/change']);
    const badDate = await fg.post('/api/v1/rectification-requests', {
      personId: c.personId,
      change: { dateOfBirth: 'gisteren' },
      reason: 'x',
      receivedOn: '2026-03-03',
    });
    expect(pointersOf(badDate)).toEqual(['/change/dateOfBirth']);
    const created = await fg.post('/api/v1/rectification-requests', {
      personId: c.personId,
      change: { lastName: 'Janssen', dateOfBirth: '2001-01-10' },
      reason: 'Naam en geboortedatum verkeerd overgenomen',
      receivedOn: '2026-03-03',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      change: { lastName: 'Janssen', dateOfBirth: '2001-01-10' },
      status: 'requested',
    });
    expectProblem(
      await fg.post(`/api/v1/rectification-requests/${created.body.id}/approval`, { version: 1 }),
      403,
      'FOUR_EYES_REQUIRED',
    );
    const approved = await admin.post(`/api/v1/rectification-requests/${created.body.id}/approval`, { version: 1 });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'executed', personName: 'Jan Janssen' });
    const person = await t.db.owner
      .selectFrom('persons')
      .select(['last_name', 'date_of_birth', 'search_name', 'first_name'])
      .where('id', '=', c.personId)
      .executeTakeFirstOrThrow();
    expect(person).toEqual({
      first_name: 'Jan',
      last_name: 'Janssen',
      date_of_birth: '2001-01-10',
      search_name: 'jan janssen',
    });
    expect(await accessEntries('person', c.personId)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'update',
          purpose_type: 'rectification-request',
          purpose_id: created.body.id,
        }),
      ]),
    );
  });
});

describe('who may call the routes', () => {
  const ALLOWED = new Set(['privacy_officer', 'admin']);
  const UUID = '00000000-0000-4000-8000-000000000000';

  it('roles other than privacy officer and admin get 403 on every route, before anything happens', async () => {
    const c = await seedCase(t.deps);
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/legal-holds'],
      ['POST', '/legal-holds', { caseId: c.caseId, reason: 'x' }],
      ['GET', `/legal-holds/${UUID}`],
      ['POST', `/legal-holds/${UUID}/lifting`, { reason: 'x', version: 1 }],
      ['GET', '/retention/runs'],
      ['GET', '/retention/preview'],
      ['GET', '/retention-terms'],
    ];
    for (const kind of ['erasure', 'rectification']) {
      routes.push(
        ['GET', `/${kind}-requests`],
        ['GET', `/${kind}-requests/${UUID}`],
        ['POST', `/${kind}-requests/${UUID}/approval`, { version: 1 }],
        ['POST', `/${kind}-requests/${UUID}/rejection`, { note: 'x', version: 1 }],
      );
    }
    routes.push(
      ['POST', '/erasure-requests', { personId: c.personId, scope: 'person', reason: 'x', receivedOn: '2026-03-01' }],
      [
        'POST',
        '/rectification-requests',
        { personId: c.personId, change: { lastName: 'X' }, reason: 'x', receivedOn: '2026-03-01' },
      ],
    );
    const before = await t.db.owner.selectFrom('legal_holds').select('id').execute();
    for (const u of DEMO_USERS.filter((d) => !ALLOWED.has(d.role))) {
      const client = await t.signIn(u.email);
      for (const [method, path, body] of routes) {
        const res = await client.request(method, `/api/v1${path}`, body);
        expectProblem(res, 403, 'FORBIDDEN');
      }
    }
    expect(await t.db.owner.selectFrom('legal_holds').select('id').execute()).toEqual(before);
    expect(
      await t.db.owner.selectFrom('data_subject_requests').select('id').where('person_id', '=', c.personId).execute(),
    ).toEqual([]);
    for (const client of [fg, admin]) {
      expect((await client.get('/api/v1/retention/runs')).status).toBe(200);
    }
  });

  it('what lies in another region is 404, and absent from its lists', async () => {
    const c = await seedCase(t.deps);
    const hold = (await fg.post('/api/v1/legal-holds', { caseId: c.caseId, reason: 'Procedure' })).body;
    const erasure = (
      await fg.post('/api/v1/erasure-requests', {
        personId: c.personId,
        scope: 'person',
        reason: 'x',
        receivedOn: '2026-03-01',
      })
    ).body;
    const rect = (
      await fg.post('/api/v1/rectification-requests', {
        personId: c.personId,
        change: { lastName: 'Y' },
        reason: 'x',
        receivedOn: '2026-03-01',
      })
    ).body;
    const notFound: Array<[string, string, unknown?, string?]> = [
      ['GET', `/legal-holds/${hold.id}`],
      ['POST', `/legal-holds/${hold.id}/lifting`, { reason: 'x', version: 1 }],
      ['POST', '/legal-holds', { caseId: c.caseId, reason: 'x' }, '/caseId'],
      ['POST', '/legal-holds', { personId: c.personId, reason: 'x' }, '/personId'],
      ['GET', `/erasure-requests/${erasure.id}`],
      ['POST', `/erasure-requests/${erasure.id}/approval`, { version: 1 }],
      ['POST', `/erasure-requests/${erasure.id}/rejection`, { note: 'x', version: 1 }],
      ['GET', `/rectification-requests/${rect.id}`],
      ['POST', `/rectification-requests/${rect.id}/approval`, { version: 1 }],
      ['POST', `/rectification-requests/${rect.id}/rejection`, { note: 'x', version: 1 }],
      [
        'POST',
        '/erasure-requests',
        { personId: c.personId, scope: 'person', reason: 'x', receivedOn: '2026-03-01' },
        '/personId',
      ],
      [
        'POST',
        '/rectification-requests',
        { personId: c.personId, change: { lastName: 'Z' }, reason: 'x', receivedOn: '2026-03-01' },
        '/personId',
      ],
      // An erasure request's id is not a rectification request's.
    ];
    for (const [method, path, body, pointer] of notFound) {
      const res = await otherAdmin.request(method, `/api/v1${path}`, body);
      expectProblem(res, 404, 'NOT_FOUND');
      if (pointer) expect(pointersOf(res)).toEqual([pointer]);
    }
    expectProblem(await fg.get(`/api/v1/rectification-requests/${erasure.id}`), 404);
    for (const path of ['/legal-holds', '/erasure-requests', '/rectification-requests']) {
      const res = await otherAdmin.get(`/api/v1${path}`);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
    }
    // Still untouched in its own region.
    const mine = await fg.get(`/api/v1/legal-holds/${hold.id}`);
    expect(mine.body).toMatchObject({ active: true });
    expect((await fg.get(`/api/v1/erasure-requests/${erasure.id}`)).body.status).toBe('requested');
    expect(other.regionId).not.toBe(mine.body.id);
  });
});
