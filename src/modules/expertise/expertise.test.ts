/**
 * Expertise over HTTP: the trainings catalogue of 001, sessions with participants and attendance
 * (logged), attention officers and the operational network, the expertise pool's schedule (every three
 * weeks, every third thematic, continuing the series) and matching a pool member to a case, which makes
 * the expert a case member with a logged purpose. 403 for roles without the permission, 404 across
 * regions and for a case the director cannot see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRegion, expectProblem, pointersOf, userIdByEmail } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { seedCase } from '../cases/testing.js';

let t: TestApp;
let director: Client;
let policy: Client;
let executive: Client;
let police: Client;
let processDirector: Client;
let rijswijk: Client;
let coordinator: Client;
let expert: Client;
let expertId: string;
let delftOrg: string;
let otherSession: string;
let otherRegion: Awaited<ReturnType<typeof addRegion>>;

beforeAll(async () => {
  t = await startTestApp();
  [director, policy, executive, police, processDirector, rijswijk, coordinator, expert] = await Promise.all([
    t.signIn('netwerk@delft.demo'),
    t.signIn('beleid@delft.demo'),
    t.signIn('burgemeester@delft.demo'),
    t.signIn('politie@politie.demo'),
    t.signIn('regisseur@delft.demo'),
    t.signIn('regisseur@rijswijk.demo'),
    t.signIn('coordinator@delft.demo'),
    t.signIn('expert@pool.demo'),
  ]);
  expertId = await userIdByEmail(t, 'expert@pool.demo');
  delftOrg = (await director.get('/api/v1/me')).body.user.organisation.id;
  const other = await addRegion(t, 'regio-expertise');
  otherRegion = other;
  const training = await t.db.owner
    .insertInto('trainings')
    .values({ region_id: other.regionId, code: 'elders', name: 'Elders', kind: 'basic', provider: 'RoR' })
    .returning('id')
    .executeTakeFirstOrThrow();
  otherSession = (
    await t.db.owner
      .insertInto('training_sessions')
      .values({ region_id: other.regionId, training_id: training.id, held_on: '2026-01-01', created_by: other.userId })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await t?.close();
});

async function lastLogId(): Promise<string> {
  const r = await t.db.owner
    .selectFrom('access_log')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return String(r?.id ?? 0);
}

async function logSince(id: string) {
  return t.db.owner
    .selectFrom('access_log')
    .select(['action', 'record_type', 'record_id', 'subject_type', 'subject_id', 'purpose_type', 'purpose_id'])
    .where('id', '>', id)
    .orderBy('id')
    .execute();
}

describe('trainings', () => {
  it('holds the RoR and Behr trainings of 001 with their texts', async () => {
    const res = await policy.get('/api/v1/trainings');
    expect(res.status).toBe(200);
    const byCode = new Map(res.body.items.map((x: { code: string }) => [x.code, x]));
    expect([...byCode.keys()].sort()).toEqual([
      'behr-driedaagse',
      'behr-terugkomdag',
      'ror-basistraining',
      'ror-jeugd',
      'ror-links-rechtsextremisme',
      'ror-potentieel-gewelddadige-eenling',
    ]);
    expect(byCode.get('ror-basistraining')).toMatchObject({
      kind: 'basic',
      goal: expect.stringContaining('awarenesstraining'),
    });
    expect(byCode.get('behr-driedaagse')).toMatchObject({ kind: 'multi_day', durationDays: 3, provider: 'Behr-groep' });
    expect(byCode.get('ror-potentieel-gewelddadige-eenling')).toMatchObject({
      kind: 'lone_actor',
      targetAudience: 'Professionals van de expertisepool.',
    });
    expect(byCode.get('ror-links-rechtsextremisme')).toMatchObject({ kind: 'extremism' });
  });

  it('adds and changes trainings and sessions; 409 on a stale version or a duplicate code', async () => {
    const created = await policy.post('/api/v1/trainings', {
      code: 'dialoog-onder-druk',
      name: 'Dialoog onder druk',
      kind: 'other',
      provider: 'Stichting School en Veiligheid',
      durationDays: 1,
    });
    expect(created.status).toBe(201);
    expectProblem(
      await policy.post('/api/v1/trainings', { code: 'dialoog-onder-druk', name: 'x', kind: 'other', provider: 'y' }),
      409,
    );
    const changed = await policy.patch(`/api/v1/trainings/${created.body.id}`, { active: false, version: 1 });
    expect(changed.body).toMatchObject({ active: false, version: 2 });
    expectProblem(await policy.patch(`/api/v1/trainings/${created.body.id}`, { name: 'x', version: 1 }), 409);
    const inactive = await policy.post('/api/v1/training-sessions', {
      trainingId: created.body.id,
      heldOn: '2026-05-01',
    });
    expectProblem(inactive, 422);
    expect(pointersOf(inactive)).toEqual(['/trainingId']);

    const training = (await policy.get('/api/v1/trainings')).body.items.find(
      (x: { code: string }) => x.code === 'ror-links-rechtsextremisme',
    );
    const session = await policy.post('/api/v1/training-sessions', {
      trainingId: training.id,
      heldOn: '2026-06-11',
      location: 'Stadskantoor',
      trainer: 'RoR',
    });
    expect(session.status).toBe(201);
    expect(session.body).toMatchObject({ trainingName: training.name, participantCount: 0, attendedCount: 0 });
    const moved = await policy.patch(`/api/v1/training-sessions/${session.body.id}`, {
      heldOn: '2026-06-18',
      version: 1,
    });
    expect(moved.body.heldOn).toBe('2026-06-18');
    const list = await policy.get(`/api/v1/training-sessions?trainingId=${training.id}`);
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(session.body.id);
  });

  it('registers participants and attendance, each read and change logged (training-administration)', async () => {
    const training = (await policy.get('/api/v1/trainings')).body.items[0];
    const session = (await policy.post('/api/v1/training-sessions', { trainingId: training.id, heldOn: '2026-02-02' }))
      .body;
    const base = `/api/v1/training-sessions/${session.id}/participants`;
    const since = await lastLogId();
    const p = await director.post(base, { name: 'Deelnemer Een', organisationId: delftOrg, email: 'Een@Example.org' });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ attended: false, organisationName: 'Gemeente Delft', email: 'een@example.org' });
    const attended = await director.patch(`${base}/${p.body.id}`, { attended: true, version: 1 });
    expect(attended.body).toMatchObject({ attended: true, version: 2 });
    const list = await director.get(base);
    expect(list.body.items).toHaveLength(1);
    expect((await policy.get(`/api/v1/training-sessions/${session.id}`)).body).toMatchObject({
      participantCount: 1,
      attendedCount: 1,
    });
    expect((await director.delete(`${base}/${p.body.id}`)).status).toBe(204);
    const log = await logSince(since);
    expect(log.map((e) => [e.action, e.subject_type, e.subject_id, e.purpose_type])).toEqual([
      ['create', 'participant', p.body.id, 'training-administration'],
      ['update', 'participant', p.body.id, 'training-administration'],
      ['read', 'participant', p.body.id, 'training-administration'],
      ['delete', 'participant', p.body.id, 'training-administration'],
    ]);
    const bad = await director.post(base, { name: '', organisationId: 'x', attended: 'yes' });
    expectProblem(bad, 400);
    expect(pointersOf(bad)).toEqual(expect.arrayContaining(['/name', '/organisationId', '/attended']));
  });

  it('keeps participants from the policy officer (personal data, no second factor): 403', async () => {
    const session = (await policy.get('/api/v1/training-sessions')).body.items[0];
    expectProblem(await policy.get(`/api/v1/training-sessions/${session.id}/participants`), 403);
    expectProblem(
      await policy.post(`/api/v1/training-sessions/${session.id}/participants`, {
        name: 'x',
        organisationId: delftOrg,
      }),
      403,
    );
  });

  it('gives 403 to roles without programme work, nothing written', async () => {
    const before = (await t.db.owner.selectFrom('trainings').select('id').execute()).length;
    for (const c of [executive, police, expert]) {
      expectProblem(await c.get('/api/v1/trainings'), 403);
      expectProblem(await c.post('/api/v1/trainings', { code: 'x-y', name: 'x', kind: 'other', provider: 'y' }), 403);
    }
    expect((await t.db.owner.selectFrom('trainings').select('id').execute()).length).toBe(before);
  });

  it('answers 404 for a session of another region', async () => {
    expectProblem(await policy.get(`/api/v1/training-sessions/${otherSession}`), 404);
    expectProblem(
      await policy.patch(`/api/v1/training-sessions/${otherSession}`, { heldOn: '2026-01-02', version: 1 }),
      404,
    );
    expectProblem(await director.get(`/api/v1/training-sessions/${otherSession}/participants`), 404);
    expectProblem(
      await director.post(`/api/v1/training-sessions/${otherSession}/participants`, {
        name: 'x',
        organisationId: delftOrg,
      }),
      404,
    );
  });
});

describe('attention officers and the operational network', () => {
  it('registers officers with or without an account, and shows them per organisation', async () => {
    const since = await lastLogId();
    const withAccount = await director.post('/api/v1/attention-officers', {
      userId: await userIdByEmail(t, 'coordinator@delft.demo'),
      trainedOn: '2025-11-01',
    });
    expect(withAccount.status).toBe(201);
    expect(withAccount.body).toMatchObject({
      name: 'Carla Coördinator',
      organisationId: delftOrg,
      email: 'coordinator@delft.demo',
    });
    expectProblem(
      await director.post('/api/v1/attention-officers', { userId: await userIdByEmail(t, 'coordinator@delft.demo') }),
      409,
    );
    const named = await director.post('/api/v1/attention-officers', {
      name: 'Officier Zonder Account',
      organisationId: delftOrg,
    });
    expect(named.status).toBe(201);
    const neither = await director.post('/api/v1/attention-officers', { trainedOn: '2025-01-01' });
    expectProblem(neither, 400);
    expect(pointersOf(neither)).toContain('/userId');
    expectProblem(
      await director.patch(`/api/v1/attention-officers/${withAccount.body.id}`, { name: 'x', version: 1 }),
      422,
    );
    const trained = await director.patch(`/api/v1/attention-officers/${named.body.id}`, {
      trainedOn: '2026-01-15',
      version: 1,
    });
    expect(trained.body.trainedOn).toBe('2026-01-15');

    const one = await director.get(`/api/v1/attention-officers/${named.body.id}`);
    expect(one.body).toMatchObject({ name: 'Officier Zonder Account', trainedOn: '2026-01-15', version: 2 });
    expectProblem(await policy.get(`/api/v1/attention-officers/${named.body.id}`), 403);
    expectProblem(await director.get('/api/v1/attention-officers/00000000-0000-4000-8000-000000000000'), 404);
    const elsewhere = await t.db.owner
      .insertInto('attention_officers')
      .values({ region_id: otherRegion.regionId, name: 'Elders', organisation_id: otherRegion.organisationId })
      .returning('id')
      .executeTakeFirstOrThrow();
    expectProblem(await director.get(`/api/v1/attention-officers/${elsewhere.id}`), 404);

    const network = await director.get('/api/v1/operational-network');
    expect(network.status).toBe(200);
    const delft = network.body.items.find((o: { organisationId: string }) => o.organisationId === delftOrg);
    expect(delft.attentionOfficers.map((a: { name: string }) => a.name)).toEqual(
      expect.arrayContaining(['Carla Coördinator', 'Officier Zonder Account', 'Lisa van Dam']),
    );
    expect(delft.trainedParticipants).toBeGreaterThanOrEqual(1);

    expect((await director.delete(`/api/v1/attention-officers/${named.body.id}`)).status).toBe(204);
    const log = await logSince(since);
    const mine = log.filter((e) => e.subject_id === named.body.id);
    expect(mine.map((e) => e.action)).toEqual(['create', 'update', 'read', 'read', 'delete']);
    expect(
      mine.every((e) => e.subject_type === 'attention_officer' && e.purpose_type === 'training-administration'),
    ).toBe(true);
    expect(log.some((e) => e.subject_type === 'user' && e.action === 'create')).toBe(true);
    expectProblem(await policy.get('/api/v1/attention-officers'), 403);
    expectProblem(await policy.get('/api/v1/operational-network'), 403);
  });
});

describe('the expertise pool', () => {
  it('shows the seeded schedule: every three weeks, every third meeting thematic', async () => {
    const res = await expert.get('/api/v1/expertise-pool/meetings?limit=200');
    expect(res.status).toBe(200);
    const items = res.body.items as Array<{ sequence: number; heldOn: string; thematic: boolean }>;
    expect(items.length).toBeGreaterThanOrEqual(9);
    items.forEach((m, i) => {
      expect(m.sequence).toBe(i + 1);
      expect(m.thematic).toBe(m.sequence % 3 === 0);
      if (i > 0) {
        const prev = items[i - 1] as { heldOn: string };
        expect((Date.parse(m.heldOn) - Date.parse(prev.heldOn)) / 86_400_000).toBe(21);
      }
    });
  });

  it('plans more meetings, continuing the numbering and the thematic third after the last one', async () => {
    const existing = (await policy.get('/api/v1/expertise-pool/meetings?limit=200')).body.items;
    const last = existing[existing.length - 1];
    const early = await policy.post('/api/v1/expertise-pool/schedule', { firstOn: last.heldOn, count: 3 });
    expectProblem(early, 422);
    expect(pointersOf(early)).toEqual(['/firstOn']);
    const firstOn = new Date(Date.parse(`${last.heldOn}T00:00:00Z`) + 21 * 86_400_000).toISOString().slice(0, 10);
    const res = await policy.post('/api/v1/expertise-pool/schedule', { firstOn, count: 4 });
    expect(res.status).toBe(201);
    expect(res.body.items.map((m: { sequence: number; thematic: boolean }) => [m.sequence, m.thematic])).toEqual(
      [0, 1, 2, 3].map((i) => [last.sequence + 1 + i, (last.sequence + 1 + i) % 3 === 0]),
    );
    expect(res.body.items[0].heldOn).toBe(firstOn);
    const thematic = res.body.items.find((m: { thematic: boolean }) => m.thematic);
    const themed = await policy.patch(`/api/v1/expertise-pool/meetings/${thematic.id}`, {
      theme: 'Links-extremisme',
      version: 1,
    });
    expect(themed.body).toMatchObject({ theme: 'Links-extremisme', version: 2 });
    const bad = await policy.post('/api/v1/expertise-pool/schedule', { firstOn: '2026-02-30', count: 0 });
    expectProblem(bad, 400);
    expect(pointersOf(bad)).toEqual(expect.arrayContaining(['/firstOn', '/count']));
    expectProblem(await executive.post('/api/v1/expertise-pool/schedule', { firstOn: '2030-01-01', count: 1 }), 403);
    expectProblem(await expert.post('/api/v1/expertise-pool/schedule', { firstOn: '2030-01-01', count: 1 }), 403);
  });

  it('lists the pool members for a process director only', async () => {
    const res = await processDirector.get('/api/v1/expertise-pool/members');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([expect.objectContaining({ userId: expertId, organisationName: 'Expertisepool' })]);
    expectProblem(await director.get('/api/v1/expertise-pool/members'), 403);
    // Case work alone is not enough: only those who match (process directors) need to know the members.
    for (const c of [coordinator, police, expert]) expectProblem(await c.get('/api/v1/expertise-pool/members'), 403);
  });

  it('matches a pool member to a case: the expert becomes a member with a logged purpose and sees the case', async () => {
    const c = await seedCase(t.deps, { lastName: 'Matchtest' });
    expectProblem(await expert.get(`/api/v1/cases/${c.caseId}`), 404);
    const body = { caseId: c.caseId, expertUserId: expertId, purpose: 'Eerste duiding van de signalen' };

    // Who may not: 404 for a director who cannot see the case, 403 for the coordinator who can,
    // 403 for roles without case work. Nothing is written.
    expectProblem(await rijswijk.post('/api/v1/expertise-pool/matches', body), 404);
    expectProblem(await coordinator.post('/api/v1/expertise-pool/matches', body), 403);
    expectProblem(await director.post('/api/v1/expertise-pool/matches', body), 403);
    expectProblem(await expert.post('/api/v1/expertise-pool/matches', body), 404);
    const notExpert = await processDirector.post('/api/v1/expertise-pool/matches', {
      ...body,
      expertUserId: await userIdByEmail(t, 'politie@politie.demo'),
    });
    expectProblem(notExpert, 422);
    expect(pointersOf(notExpert)).toEqual(['/expertUserId']);
    expect(
      await t.db.owner
        .selectFrom('case_members')
        .select('user_id')
        .where('case_id', '=', c.caseId)
        .where('user_id', '=', expertId)
        .execute(),
    ).toHaveLength(0);

    const since = await lastLogId();
    const res = await processDirector.post('/api/v1/expertise-pool/matches', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      caseId: c.caseId,
      caseReference: c.reference,
      expertUserId: expertId,
      expertName: 'Ed Expert',
      purpose: 'Eerste duiding van de signalen',
      matchedByName: 'Pieter de Regisseur',
    });
    const member = await t.db.owner
      .selectFrom('case_members')
      .selectAll()
      .where('case_id', '=', c.caseId)
      .where('user_id', '=', expertId)
      .executeTakeFirstOrThrow();
    expect(member).toMatchObject({ purpose: 'expert', removed_at: null });
    const participation = await t.db.owner
      .selectFrom('case_organisations')
      .selectAll()
      .where('case_id', '=', c.caseId)
      .where('organisation_id', '=', member.organisation_id)
      .executeTakeFirstOrThrow();
    expect(participation.removed_at).toBeNull();
    const events = await t.db.owner.selectFrom('case_events').selectAll().where('case_id', '=', c.caseId).execute();
    expect(events.find((e) => e.kind === 'expert_matched')).toMatchObject({ reason: 'Eerste duiding van de signalen' });
    const log = await logSince(since);
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'update',
          record_type: 'expertise_pool_match',
          record_id: res.body.id,
          subject_type: 'user',
          subject_id: expertId,
          purpose_type: 'case',
          purpose_id: c.caseId,
        }),
        expect.objectContaining({
          record_type: 'expertise_pool_match',
          subject_type: 'person',
          subject_id: c.personId,
        }),
      ]),
    );

    // Now the expert sees the case, and the match is listed for those who see it.
    const seen = await expert.get(`/api/v1/cases/${c.caseId}`);
    expect(seen.status).toBe(200);
    expectProblem(await processDirector.post('/api/v1/expertise-pool/matches', body), 409);
    const matches = await processDirector.get(`/api/v1/expertise-pool/matches?caseId=${c.caseId}`);
    expect(matches.body.items).toHaveLength(1);
    expectProblem(await rijswijk.get(`/api/v1/expertise-pool/matches?caseId=${c.caseId}`), 404);
  });

  it('asks the pool into a case only under a signed covenant, like any organisation (422, nothing written)', async () => {
    const c = await seedCase(t.deps, { lastName: 'Convenanttest' });
    const pool = await t.db.owner
      .selectFrom('users')
      .select('organisation_id')
      .where('id', '=', expertId)
      .executeTakeFirstOrThrow();
    await t.db.owner
      .updateTable('covenant_parties')
      .set({ signed_on: null })
      .where('organisation_id', '=', pool.organisation_id)
      .execute();
    try {
      const res = await processDirector.post('/api/v1/expertise-pool/matches', {
        caseId: c.caseId,
        expertUserId: expertId,
        purpose: 'Duiding',
      });
      expectProblem(res, 422);
      expect(res.body.errors[0]).toMatchObject({ code: 'no_covenant', location: { pointer: '/expertUserId' } });
      const rows = await t.db.owner
        .selectFrom('case_organisations')
        .select('organisation_id')
        .where('case_id', '=', c.caseId)
        .execute();
      expect(rows.map((r) => r.organisation_id)).not.toContain(pool.organisation_id);
      expectProblem(await expert.get(`/api/v1/cases/${c.caseId}`), 404);
    } finally {
      await t.db.owner
        .updateTable('covenant_parties')
        .set({ signed_on: '2024-01-15' })
        .where('organisation_id', '=', pool.organisation_id)
        .execute();
    }
  });
});
