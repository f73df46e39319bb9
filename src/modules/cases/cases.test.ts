/**
 * Cases over HTTP: the list and the case page (with the access log per data subject), editing,
 * membership (a removed member is out at the next request), related persons, contributions with
 * their sharing scope filtered in SQL, and case evaluations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, organisationId, pointersOf, userIdByEmail } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { addFinalAssessment, seedCase } from './testing.js';

let t: TestApp;
let director: Client;
let coordinator: Client;
let police: Client;
let ggz: Client;
let rijswijk: Client;

beforeAll(async () => {
  t = await startTestApp();
  [director, coordinator, police, ggz, rijswijk] = await Promise.all([
    t.signIn('regisseur@delft.demo'),
    t.signIn('coordinator@delft.demo'),
    t.signIn('politie@politie.demo'),
    t.signIn('ggz@ggz.demo'),
    t.signIn('regisseur@rijswijk.demo'),
  ]);
});
afterAll(async () => {
  await t?.close();
});

const url = (caseId: string, rest = '') => `/api/v1/cases/${caseId}${rest}`;

async function accessEntries(caseId: string, since: number) {
  return t.db.owner
    .selectFrom('access_log')
    .select(['action', 'record_type', 'record_id', 'subject_type', 'subject_id', 'purpose_type', 'purpose_id'])
    .where('purpose_id', '=', caseId)
    .where('id', '>', String(since))
    .orderBy('id')
    .execute();
}

async function lastAccessId(): Promise<number> {
  const r = await t.db.owner
    .selectFrom('access_log')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(r?.id ?? 0);
}

describe('the case page', () => {
  let c: Awaited<ReturnType<typeof seedCase>>;
  let relatedIds: string[];

  beforeAll(async () => {
    c = await seedCase(t.deps, {
      firstName: 'Daan',
      lastName: 'Verhoef',
      dateOfBirth: '2005-07-14',
      members: ['politie@politie.demo'],
      related: [
        { firstName: 'Ria', lastName: 'Verhoef', relation: 'parent' },
        { firstName: 'Tim', lastName: 'Verhoef', relation: 'sibling' },
      ],
    });
    await addFinalAssessment(t.deps, c.personId, 'medium', '2026-01-05');
    await addFinalAssessment(t.deps, c.personId, 'high', '2026-02-10');
    relatedIds = (
      await t.db.owner.selectFrom('case_related_persons').select('person_id').where('case_id', '=', c.caseId).execute()
    ).map((r) => r.person_id);
  });

  it('shows the process director everything a case holds', async () => {
    const res = await director.get(url(c.caseId));
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body).toMatchObject({
      id: c.caseId,
      reference: c.reference,
      subject: { firstName: 'Daan', lastName: 'Verhoef', name: 'Daan Verhoef', dateOfBirth: '2005-07-14' },
      targetGroup: 'radicalised',
      riskGroup: 2,
      ideology: 'right_wing',
      directingMunicipality: { name: 'Delft' },
      processDirector: { name: 'Pieter de Regisseur' },
      caseCoordinator: { name: 'Carla Coördinator' },
      priority: 'normal',
      phase: 'preparation',
      escalationLevel: 'regional',
      revisitOn: null,
      lastConferenceOn: null,
      version: 1,
      permissions: { manage: true, isDirector: true },
    });
    expect(body.nextReviewOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.relatedPersons.map((r: { relation: string }) => r.relation).sort()).toEqual(['parent', 'sibling']);
    const orgs = body.organisations as Array<{ name: string; isDirecting: boolean; isPoliceOrProsecution: boolean }>;
    expect(orgs.map((o) => o.name).sort()).toEqual(['Gemeente Delft', 'Politie']);
    expect(orgs.find((o) => o.name === 'Politie')).toMatchObject({ isPoliceOrProsecution: true, isDirecting: false });
    expect(orgs.find((o) => o.name === 'Gemeente Delft')).toMatchObject({ isDirecting: true });
    expect(body.organisations.find((o: { name: string }) => o.name === 'Politie').members).toEqual([
      expect.objectContaining({ name: 'Bram Wijkagent', role: 'partner', purpose: 'partner' }),
    ]);
    expect(body.concern).toEqual({
      level: 'high',
      trend: 'up',
      history: [
        { assessedOn: '2026-01-05', concernLevel: 'medium' },
        { assessedOn: '2026-02-10', concernLevel: 'high' },
      ],
    });
    expect(body.timeline[0]).toMatchObject({ kind: 'opened', summary: `Casus ${c.reference} geopend` });
    // No score, rank or total anywhere on the page.
    expect(JSON.stringify(body)).not.toMatch(/"(score|rank|riskScore|total)"/i);
  });

  it('logs one access entry per data subject shown, with the case as purpose', async () => {
    const since = await lastAccessId();
    expect((await police.get(url(c.caseId))).status).toBe(200);
    const entries = await accessEntries(c.caseId, since);
    expect(entries.every((e) => e.action === 'read' && e.purpose_type === 'case' && e.record_id === c.caseId)).toBe(
      true,
    );
    expect(entries.map((e) => e.subject_id).sort()).toEqual([c.personId, ...relatedIds].sort());
  });

  it('lets a partner member read it, without the right to manage', async () => {
    const res = await police.get(url(c.caseId));
    expect(res.status).toBe(200);
    expect(res.body.permissions).toEqual({ manage: false, isDirector: false });
  });

  it('is 404 for someone outside the case, and logs nothing for them', async () => {
    const since = await lastAccessId();
    expectProblem(await rijswijk.get(url(c.caseId)), 404, 'NOT_FOUND');
    expectProblem(await ggz.get(url(c.caseId)), 404, 'NOT_FOUND');
    expect(await accessEntries(c.caseId, since)).toEqual([]);
  });
});

describe('the case list', () => {
  it('lists only visible cases, filters and pages by reference', async () => {
    const a = await seedCase(t.deps, { members: ['ggz@ggz.demo'] });
    const b = await seedCase(t.deps, { members: ['ggz@ggz.demo'] });
    const hidden = await seedCase(t.deps, {});
    type Item = {
      id: string;
      reference: string;
      phase: string;
      targetGroup: string;
      directingMunicipality: { id: string; name: string };
    };
    const whole = (await ggz.get('/api/v1/cases?limit=200')).body.items as Item[];
    const refs: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Item[]; nextCursor: string | null } } = await ggz.get(
        `/api/v1/cases?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      refs.push(...res.body.items.map((i) => i.reference));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(refs).toEqual(whole.map((i) => i.reference));
    expect(refs).toEqual([...refs].sort());
    expect(refs.filter((r) => [a.reference, b.reference, hidden.reference].includes(r))).toEqual([
      a.reference,
      b.reference,
    ]);
    expect(whole.find((i) => i.id === a.caseId)).toMatchObject({
      subject: { name: expect.any(String) },
      phase: 'preparation',
    });

    const all = (await director.get('/api/v1/cases?limit=200')).body.items as Item[];
    expect(all.map((i) => i.reference)).toContain(hidden.reference);
    const other = (await rijswijk.get('/api/v1/cases?limit=200')).body.items as Item[];
    expect(other.map((i) => i.id)).not.toEqual(expect.arrayContaining([a.caseId]));
    expect(other.every((i) => i.directingMunicipality.name === 'Rijswijk')).toBe(true);
    const closed = (await director.get('/api/v1/cases?limit=200&phase=closed')).body.items as Item[];
    expect(closed.every((i) => i.phase === 'closed')).toBe(true);
    const returnees = (await director.get('/api/v1/cases?limit=200&targetGroup=returnee')).body.items as Item[];
    expect(returnees.every((i) => i.targetGroup === 'returnee')).toBe(true);
    expect(returnees.map((i) => i.id)).not.toContain(a.caseId);
    const municipalityId = (await director.get(url(a.caseId))).body.directingMunicipality.id;
    const inDelft = (await director.get(`/api/v1/cases?limit=200&municipalityId=${municipalityId}`)).body
      .items as Item[];
    expect(inDelft.map((i) => i.id)).toEqual(expect.arrayContaining([a.caseId, b.caseId, hidden.caseId]));
    expect(inDelft.every((i) => i.directingMunicipality.id === municipalityId)).toBe(true);
  });

  it('logs the subjects listed', async () => {
    const since = await lastAccessId();
    const res = await ggz.get('/api/v1/cases');
    const entries = await t.db.owner
      .selectFrom('access_log')
      .select(['subject_id', 'purpose_type'])
      .where('id', '>', String(since))
      .where('record_type', '=', 'case')
      .execute();
    expect(entries).toHaveLength(res.body.items.length);
    expect(entries.every((e) => e.purpose_type === 'case-list')).toBe(true);
  });

  it('refuses bad filters naming each', async () => {
    const res = await director.get('/api/v1/cases?phase=open&limit=500&foo=1');
    expectProblem(res, 400, 'INVALID_INPUT');
    expect(pointersOf(res).sort()).toEqual(['/foo', '/limit', '/phase']);
  });
});

describe('editing a case', () => {
  it('lets the process director and the coordinator edit, with optimistic locking', async () => {
    const c = await seedCase(t.deps, { members: ['politie@politie.demo'] });
    const res = await director.patch(url(c.caseId), { priority: 'high', riskGroup: null, version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ priority: 'high', riskGroup: null, version: 2 });
    expectProblem(await coordinator.patch(url(c.caseId), { priority: 'normal', version: 1 }), 409, 'STALE_VERSION');
    const byCoordinator = await coordinator.patch(url(c.caseId), { targetGroup: 'returnee', version: 2 });
    expect(byCoordinator.status).toBe(200);
    expect(byCoordinator.body.version).toBe(3);
    const page = await director.get(url(c.caseId));
    expect(page.body.timeline.map((e: { summary: string }) => e.summary)).toEqual(
      expect.arrayContaining(['Gewijzigd: risicogroep, prioriteit', 'Gewijzigd: doelgroep']),
    );
  });

  it('is 403 for a member who may not manage it, 404 for an outsider', async () => {
    const c = await seedCase(t.deps, { members: ['politie@politie.demo'] });
    expectProblem(await police.patch(url(c.caseId), { priority: 'high', version: 1 }), 403, 'FORBIDDEN');
    expectProblem(await rijswijk.patch(url(c.caseId), { priority: 'high', version: 1 }), 404, 'NOT_FOUND');
    const row = await t.db.owner.selectFrom('cases').selectAll().where('id', '=', c.caseId).executeTakeFirstOrThrow();
    expect(row.version).toBe(1);
    expect(row.priority).toBe('normal');
  });

  it('wants a case coordinator of the region and names bad fields', async () => {
    const c = await seedCase(t.deps, {});
    const partnerId = await userIdByEmail(t, 'politie@politie.demo');
    const res = await director.patch(url(c.caseId), { caseCoordinatorId: partnerId, version: 1 });
    expectProblem(res, 422, 'BUSINESS_RULE');
    expect(pointersOf(res)).toEqual(['/caseCoordinatorId']);
    const bad = await director.patch(url(c.caseId), { priority: 'urgent', riskGroup: 9, colour: 'red' });
    expectProblem(bad, 400);
    expect(pointersOf(bad).sort()).toEqual(['/colour', '/priority', '/riskGroup', '/version']);
  });
});

describe('membership', () => {
  it('adds an organisation and its member; a removed member is out at the very next request', async () => {
    const c = await seedCase(t.deps, {});
    const ggzOrg = await organisationId(director, 'GGZ Delfland');
    const ggzUser = await userIdByEmail(t, 'ggz@ggz.demo');
    expectProblem(await ggz.get(url(c.caseId)), 404);

    // A member's organisation must take part first.
    const early = await director.post(url(c.caseId, '/members'), { userId: ggzUser });
    expectProblem(early, 422);
    expect(pointersOf(early)).toEqual(['/userId']);

    const org = await director.post(url(c.caseId, '/organisations'), { organisationId: ggzOrg });
    expect(org.status).toBe(201);
    expect(org.body).toMatchObject({ organisationId: ggzOrg, name: 'GGZ Delfland', members: [] });
    expectProblem(await director.post(url(c.caseId, '/organisations'), { organisationId: ggzOrg }), 409, 'CONFLICT');
    // Taking part as an organisation is not enough: the person must be added.
    expectProblem(await ggz.get(url(c.caseId)), 404);

    const member = await director.post(url(c.caseId, '/members'), { userId: ggzUser });
    expect(member.status).toBe(201);
    expect(member.body).toMatchObject({ userId: ggzUser, name: 'Gerda van de GGZ', purpose: 'partner' });
    expect((await ggz.get(url(c.caseId))).status).toBe(200);
    expectProblem(await director.post(url(c.caseId, '/members'), { userId: ggzUser }), 409);

    const removed = await director.post(url(c.caseId, `/members/${ggzUser}/removal`), { reason: 'Klaar' });
    expect(removed.status).toBe(204);
    expectProblem(await ggz.get(url(c.caseId)), 404, 'NOT_FOUND');
    expectProblem(await ggz.get(url(c.caseId, '/contributions')), 404);
    expect((await ggz.get('/api/v1/cases')).body.items.map((i: { id: string }) => i.id)).not.toContain(c.caseId);
    expectProblem(await director.post(url(c.caseId, `/members/${ggzUser}/removal`), {}), 404);

    // Added again, then the whole organisation leaves: its member loses access with it.
    expect((await director.post(url(c.caseId, '/members'), { userId: ggzUser })).status).toBe(201);
    expect((await ggz.get(url(c.caseId))).status).toBe(200);
    expect((await director.post(url(c.caseId, `/organisations/${ggzOrg}/removal`), {})).status).toBe(204);
    expectProblem(await ggz.get(url(c.caseId)), 404);
    const timeline = (await director.get(url(c.caseId))).body.timeline.map((e: { kind: string }) => e.kind);
    expect(timeline).toEqual(
      expect.arrayContaining(['organisation_added', 'member_added', 'member_removed', 'organisation_removed']),
    );
    // Each line carries its code's parameters, so that the interface can say it in its own language.
    const lines = (await director.get(url(c.caseId))).body.timeline as Array<{
      kind: string;
      params: Record<string, unknown> | null;
      summary: string;
    }>;
    expect(lines.find((e) => e.kind === 'organisation_added')).toMatchObject({
      params: { organisation: 'GGZ Delfland' },
      summary: 'GGZ Delfland neemt deel aan de casus',
    });
    expect(lines.find((e) => e.kind === 'member_removed')?.params).toEqual({
      name: 'Gerda van de GGZ',
      organisation: 'GGZ Delfland',
    });
    expect(lines.find((e) => e.kind === 'opened')?.params).toEqual({ reference: c.reference });
  });

  it('keeps the directing municipality, refuses users without case work and organisations outside the region', async () => {
    const c = await seedCase(t.deps, {});
    const delftOrg = await organisationId(director, 'Gemeente Delft');
    const res = await director.post(url(c.caseId, `/organisations/${delftOrg}/removal`), {});
    expectProblem(res, 422);
    const policy = await userIdByEmail(t, 'beleid@delft.demo');
    const noCaseWork = await director.post(url(c.caseId, '/members'), { userId: policy });
    expectProblem(noCaseWork, 422);
    expect(noCaseWork.body.errors[0].code).toBe('role_without_case_access');
    const outside = await t.db.owner
      .insertInto('organisations')
      .values({ name: 'Elders', type: 'other' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res2 = await director.post(url(c.caseId, '/organisations'), { organisationId: outside.id });
    expectProblem(res2, 422);
    expect(pointersOf(res2)).toEqual(['/organisationId']);
  });

  it('adds no member of an organisation whose covenant has ended since it joined (422, nothing written)', async () => {
    const c = await seedCase(t.deps, {});
    const ggzOrg = await organisationId(director, 'GGZ Delfland');
    const ggzUser = await userIdByEmail(t, 'ggz@ggz.demo');
    expect((await director.post(url(c.caseId, '/organisations'), { organisationId: ggzOrg })).status).toBe(201);
    await t.db.owner
      .updateTable('covenant_parties')
      .set({ signed_on: null })
      .where('organisation_id', '=', ggzOrg)
      .execute();
    try {
      const res = await director.post(url(c.caseId, '/members'), { userId: ggzUser });
      expectProblem(res, 422);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ code: 'no_covenant', location: { pointer: '/userId' } }),
      ]);
      // Nor can it join again after leaving.
      expect((await director.post(url(c.caseId, `/organisations/${ggzOrg}/removal`), {})).status).toBe(204);
      const again = await director.post(url(c.caseId, '/organisations'), { organisationId: ggzOrg });
      expectProblem(again, 422);
      expect(again.body.errors[0].code).toBe('no_covenant');
      const members = await t.db.owner
        .selectFrom('case_members')
        .select('user_id')
        .where('case_id', '=', c.caseId)
        .where('user_id', '=', ggzUser)
        .execute();
      expect(members).toEqual([]);
    } finally {
      await t.db.owner
        .updateTable('covenant_parties')
        .set({ signed_on: '2024-01-15' })
        .where('organisation_id', '=', ggzOrg)
        .execute();
    }
  });

  it('is managed by the process director and the coordinator only', async () => {
    const c = await seedCase(t.deps, { members: ['politie@politie.demo'] });
    const ggzOrg = await organisationId(director, 'GGZ Delfland');
    expectProblem(await police.post(url(c.caseId, '/organisations'), { organisationId: ggzOrg }), 403);
    expect((await coordinator.post(url(c.caseId, '/organisations'), { organisationId: ggzOrg })).status).toBe(201);
  });
});

describe('member candidates', () => {
  type Candidate = { userId: string; name: string; organisation: { name: string }; eligibleAs: string[] };
  const byName = (items: Candidate[]) => new Map(items.map((i) => [i.name, i.eligibleAs]));

  it('lists the staff of participating organisations who are not members yet; coordinators for the director', async () => {
    const c = await seedCase(t.deps, { members: ['politie@politie.demo'] });
    const ggzOrg = await organisationId(director, 'GGZ Delfland');
    expect((await director.post(url(c.caseId, '/organisations'), { organisationId: ggzOrg })).status).toBe(201);

    const res = await director.get(url(c.caseId, '/member-candidates'));
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    const seen = byName(res.body.items);
    expect(seen.get('Gerda van de GGZ')).toEqual(['member']);
    expect(seen.get('Carla Coördinator')).toEqual(['member', 'coordinator']);
    // Rijswijk does not take part: its director may coordinate, not be a member.
    expect(seen.get('Rik Regisseur')).toEqual(['coordinator']);
    expect(seen.has('Bram Wijkagent')).toBe(false); // already a member
    expect(seen.has('Bea Beleid')).toBe(false); // no case work
    expect(seen.has('Ed Expert')).toBe(false); // the pool does not take part
    const names = res.body.items.map((i: Candidate) => i.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    const members = await director.get(url(c.caseId, '/member-candidates?eligibleAs=member'));
    expect(members.body.items.every((i: Candidate) => i.eligibleAs.includes('member'))).toBe(true);
    expect(byName(members.body.items).has('Rik Regisseur')).toBe(false);

    // The coordinator manages membership but is not offered the region's coordinators.
    const asCoordinator = await coordinator.get(url(c.caseId, '/member-candidates'));
    expect(asCoordinator.status).toBe(200);
    expect(asCoordinator.body.items.every((i: Candidate) => !i.eligibleAs.includes('coordinator'))).toBe(true);
    expect(byName(asCoordinator.body.items).get('Gerda van de GGZ')).toEqual(['member']);
    const none = await coordinator.get(url(c.caseId, '/member-candidates?eligibleAs=coordinator'));
    expect(none.body.items).toEqual([]);

    // Keyset pages: no overlap, nothing lost.
    const first = await director.get(url(c.caseId, '/member-candidates?limit=2'));
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await director.get(
      url(c.caseId, `/member-candidates?limit=200&cursor=${encodeURIComponent(first.body.nextCursor)}`),
    );
    expect([...first.body.items, ...second.body.items].map((i: Candidate) => i.userId)).toEqual(
      res.body.items.map((i: Candidate) => i.userId),
    );

    // Each user shown is logged as read, for the case.
    const logged = await t.db.owner
      .selectFrom('access_log')
      .select(['subject_id', 'purpose_id'])
      .where('record_type', '=', 'case_member_candidate')
      .where('record_id', '=', c.caseId)
      .execute();
    expect(logged.map((l) => l.subject_id)).toEqual(
      expect.arrayContaining(res.body.items.map((i: Candidate) => i.userId)),
    );
    expect(logged.every((l) => l.purpose_id === c.caseId)).toBe(true);
  });

  it('answers 403 to a member who does not manage the case and 404 to anyone who cannot see it', async () => {
    const c = await seedCase(t.deps, { members: ['politie@politie.demo'] });
    expectProblem(await police.get(url(c.caseId, '/member-candidates')), 403);
    expectProblem(await ggz.get(url(c.caseId, '/member-candidates')), 404);
    expectProblem(await rijswijk.get(url(c.caseId, '/member-candidates')), 404);
    expectProblem(await (await t.signIn('beleid@delft.demo')).get(url(c.caseId, '/member-candidates')), 403);
    expectProblem(await director.get(url(c.caseId, '/member-candidates?eligibleAs=everyone')), 400);
  });

  it('leaves out the staff of an organisation without a signed covenant', async () => {
    const c = await seedCase(t.deps, {});
    const ggzOrg = await organisationId(director, 'GGZ Delfland');
    expect((await director.post(url(c.caseId, '/organisations'), { organisationId: ggzOrg })).status).toBe(201);
    await t.db.owner
      .updateTable('covenant_parties')
      .set({ signed_on: null })
      .where('organisation_id', '=', ggzOrg)
      .execute();
    try {
      const res = await director.get(url(c.caseId, '/member-candidates?eligibleAs=member'));
      expect(byName(res.body.items).has('Gerda van de GGZ')).toBe(false);
    } finally {
      await t.db.owner
        .updateTable('covenant_parties')
        .set({ signed_on: '2024-01-15' })
        .where('organisation_id', '=', ggzOrg)
        .execute();
    }
  });
});

describe('related persons', () => {
  it('adds a new person (search name like the persons module), logs them as a data subject, and removes them', async () => {
    const c = await seedCase(t.deps, { members: ['politie@politie.demo'] });
    const since = await lastAccessId();
    const res = await director.post(url(c.caseId, '/related-persons'), {
      newPerson: { firstName: 'Zoë', namePrefix: 'van', lastName: 'Dijk', dateOfBirth: '1970-02-03' },
      relation: 'parent',
      note: 'Moeder',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      person: {
        firstName: 'Zoë',
        namePrefix: 'van',
        lastName: 'Dijk',
        name: 'Zoë van Dijk',
        dateOfBirth: '1970-02-03',
      },
      relation: 'parent',
      note: 'Moeder',
    });
    const personId = res.body.person.id;
    const row = await t.db.owner
      .selectFrom('persons')
      .select(['search_name', 'region_id'])
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(row.search_name).toBe('zoe van dijk');
    const entries = await accessEntries(c.caseId, since);
    expect(entries.map((e) => e.subject_id)).toContain(personId);
    expect(entries.every((e) => e.purpose_type === 'case')).toBe(true);

    // Now shown on the page and logged on every read.
    const since2 = await lastAccessId();
    const page = await police.get(url(c.caseId));
    expect(page.body.relatedPersons.map((r: { person: { id: string } }) => r.person.id)).toEqual([personId]);
    expect((await accessEntries(c.caseId, since2)).map((e) => e.subject_id).sort()).toEqual(
      [c.personId, personId].sort(),
    );
    // The timeline says what happened, not who.
    expect(JSON.stringify(page.body.timeline)).not.toMatch(/Zoë|Dijk/);

    expectProblem(await director.post(url(c.caseId, '/related-persons'), { personId, relation: 'other' }), 409);
    expect((await director.post(url(c.caseId, `/related-persons/${personId}/removal`), {})).status).toBe(204);
    expect((await police.get(url(c.caseId))).body.relatedPersons).toEqual([]);
    expectProblem(await director.post(url(c.caseId, `/related-persons/${personId}/removal`), {}), 404);
    // Unlinked, the person is no longer visible to the director through anything: linking by id is refused.
    const again = await director.post(url(c.caseId, '/related-persons'), { personId, relation: 'parent' });
    expectProblem(again, 422);
  });

  it('links a person the actor already sees, never the subject, and names bad input', async () => {
    const c = await seedCase(t.deps, {});
    const other = await seedCase(t.deps, {});
    const res = await director.post(url(c.caseId, '/related-persons'), {
      personId: other.personId,
      relation: 'network',
    });
    expect(res.status).toBe(201);
    const self = await director.post(url(c.caseId, '/related-persons'), { personId: c.personId, relation: 'other' });
    expectProblem(self, 422);
    expect(pointersOf(self)).toEqual(['/personId']);
    // A person of a case the actor cannot see is "unknown".
    const hidden = await seedCase(t.deps, { director: 'regisseur@rijswijk.demo', coordinator: null });
    expectProblem(
      await director.post(url(c.caseId, '/related-persons'), { personId: hidden.personId, relation: 'other' }),
      422,
    );
    const both = await director.post(url(c.caseId, '/related-persons'), {
      personId: other.personId,
      newPerson: { firstName: 'A', lastName: 'B' },
      relation: 'parent',
    });
    expectProblem(both, 400);
    expect(pointersOf(both)).toEqual(['/personId']);
    const bad = await director.post(url(c.caseId, '/related-persons'), {
      newPerson: { firstName: '', lastName: 'B', dateOfBirth: '31-12-2000' },
      relation: 'cousin',
    });
    expectProblem(bad, 400);
    expect(pointersOf(bad).sort()).toEqual(['/newPerson/dateOfBirth', '/newPerson/firstName', '/relation']);
  });
});

describe('contributions and their sharing scope', () => {
  let c: Awaited<ReturnType<typeof seedCase>>;
  beforeAll(async () => {
    c = await seedCase(t.deps, { members: ['politie@politie.demo', 'ggz@ggz.demo'] });
  });

  it('records the author’s organisation, marks police information, and hides process-director-only items in SQL', async () => {
    const secret = await police.post(url(c.caseId, '/contributions'), {
      body: 'Lopend opsporingsonderzoek.',
      legalRegime: 'wpg',
      scope: 'process_director',
    });
    expect(secret.status).toBe(201);
    expect(secret.body).toMatchObject({
      organisation: { name: 'Politie', type: 'police' },
      isPoliceOrProsecution: true,
      author: { name: 'Bram Wijkagent' },
      legalRegime: 'wpg',
      scope: 'process_director',
      meetingId: null,
    });
    const shared = await ggz.post(url(c.caseId, '/contributions'), {
      body: 'In behandeling sinds januari.',
      legalRegime: 'professional_secrecy',
      scope: 'conference',
    });
    expect(shared.status).toBe(201);
    expect(shared.body.isPoliceOrProsecution).toBe(false);

    const idsFor = async (client: Client) =>
      ((await client.get(url(c.caseId, '/contributions'))).body.items as Array<{ id: string }>).map((i) => i.id);
    expect(await idsFor(ggz)).toEqual([shared.body.id]);
    expect((await idsFor(director)).sort()).toEqual([secret.body.id, shared.body.id].sort());
    expect((await idsFor(police)).sort()).toEqual([secret.body.id, shared.body.id].sort());
    // The coordinator is not a process director: conference items only (and their own organisation's).
    expect(await idsFor(coordinator)).toEqual([shared.body.id]);
    // The same rule on the case page.
    const page = await ggz.get(url(c.caseId));
    expect(page.body.contributions.map((i: { id: string }) => i.id)).toEqual([shared.body.id]);
    expect(JSON.stringify(page.body)).not.toContain('opsporingsonderzoek');
    // Its existence leaves no trace on the shared timeline either.
    const kinds = page.body.timeline.filter((e: { kind: string }) => e.kind === 'contribution_added');
    expect(kinds).toHaveLength(1);
    expect(kinds[0].summary).toContain('GGZ Delfland');
  });

  it('pages newest first and logs reads with the case as purpose', async () => {
    for (let i = 0; i < 3; i++) {
      await director.post(url(c.caseId, '/contributions'), {
        body: `Notitie ${i}`,
        legalRegime: 'avg',
        scope: 'conference',
      });
    }
    const since = await lastAccessId();
    const first = await director.get(url(c.caseId, '/contributions?limit=2'));
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0].body).toBe('Notitie 2');
    const second = await director.get(url(c.caseId, `/contributions?limit=2&cursor=${first.body.nextCursor}`));
    expect(second.body.items[0].body).toBe('Notitie 0');
    const entries = await accessEntries(c.caseId, since);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.record_type === 'case_contribution' && e.purpose_type === 'case')).toBe(true);
    expectProblem(await director.get(url(c.caseId, '/contributions?cursor=bogus')), 400);
  });

  it('refuses bad input, a meeting without the case on its agenda, and outsiders', async () => {
    const bad = await police.post(url(c.caseId, '/contributions'), { body: '', legalRegime: 'gdpr', scope: 'all' });
    expectProblem(bad, 400);
    expect(pointersOf(bad).sort()).toEqual(['/body', '/legalRegime', '/scope']);
    const meeting = await police.post(url(c.caseId, '/contributions'), {
      body: 'x',
      legalRegime: 'avg',
      scope: 'conference',
      meetingId: '00000000-0000-4000-8000-000000000000',
    });
    expectProblem(meeting, 422);
    expect(pointersOf(meeting)).toEqual(['/meetingId']);
    expectProblem(
      await rijswijk.post(url(c.caseId, '/contributions'), { body: 'x', legalRegime: 'avg', scope: 'conference' }),
      404,
    );
  });
});

describe('case evaluations', () => {
  it('records process and cooperation evaluations from any member, newest first', async () => {
    const c = await seedCase(t.deps, { members: ['ggz@ggz.demo'] });
    const a = await director.post(url(c.caseId, '/evaluations'), { kind: 'process', findings: 'Snel opgepakt.' });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ kind: 'process', findings: 'Snel opgepakt.', followUp: null });
    const b = await ggz.post(url(c.caseId, '/evaluations'), {
      kind: 'cooperation',
      findings: 'Goede afstemming.',
      followUp: 'Vaker bellen.',
    });
    expect(b.status).toBe(201);
    const list = await ggz.get(url(c.caseId, '/evaluations?limit=1'));
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([b.body.id]);
    const next = await ggz.get(url(c.caseId, `/evaluations?limit=1&cursor=${list.body.nextCursor}`));
    expect(next.body.items.map((e: { id: string }) => e.id)).toEqual([a.body.id]);
    expect(next.body.nextCursor).toBeNull();
    const bad = await ggz.post(url(c.caseId, '/evaluations'), { kind: 'effect', findings: '' });
    expectProblem(bad, 400);
    expect(pointersOf(bad).sort()).toEqual(['/findings', '/kind']);
  });
});
