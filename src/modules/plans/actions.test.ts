import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { withTx } from '../../platform/db/database.js';
import { createAction } from './actions-service.js';
import {
  accessEntries,
  actorFor,
  createCase,
  organisationIdByName,
  removeOrganisationFromCase,
  type TestCase,
} from './test-support.js';

let t: TestApp;
let director: Client;
let coordinator: Client;
let police: Client;
let ggz: Client;
let rijswijk: Client;
let policy: Client;
let politieId: string;
let delftId: string;
let c: TestCase;

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
  politieId = await organisationIdByName(t, 'Politie');
  delftId = await organisationIdByName(t, 'Gemeente Delft');
  c = await createCase(t, { partners: [{ organisation: 'Politie', members: ['politie@politie.demo'] }] });
});
afterAll(async () => {
  await t?.close();
});

async function eventsOf(caseId: string) {
  return t.deps.db.owner
    .selectFrom('case_events')
    .select(['kind', 'summary'])
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
}

describe('actions', () => {
  it('are added for organisations that take part, by the lead or for a partner’s own organisation', async () => {
    const politieUser = await actorFor(t, 'politie@politie.demo');
    const created = await director.post(`/api/v1/cases/${c.caseId}/actions`, {
      title: 'Gesprek met school plannen',
      description: 'Afstemmen met de mentor.',
      ownerOrganisationId: politieId,
      ownerUserId: politieUser.userId,
      dueOn: '2099-03-01',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      caseId: c.caseId,
      title: 'Gesprek met school plannen',
      ownerOrganisationName: 'Politie',
      ownerUserName: 'Bram Wijkagent',
      dueOn: '2099-03-01',
      status: 'open',
      overdue: false,
      completedAt: null,
      planInterventionId: null,
      agendaItemId: null,
      version: 1,
    });
    const own = await police.post(`/api/v1/cases/${c.caseId}/actions`, {
      title: 'Bestuurlijke rapportage opstellen',
      ownerOrganisationId: politieId,
      dueOn: '2020-01-15',
    });
    expect(own.status).toBe(201);
    expect(own.body.overdue).toBe(true);
    expectProblem(
      await police.post(`/api/v1/cases/${c.caseId}/actions`, {
        title: 'x',
        ownerOrganisationId: delftId,
        dueOn: '2099-01-01',
      }),
      403,
    );
    const ggzId = await organisationIdByName(t, 'GGZ Delfland');
    const ggzUser = await actorFor(t, 'ggz@ggz.demo');
    const notInCase = await director.post(`/api/v1/cases/${c.caseId}/actions`, {
      title: 'x',
      ownerOrganisationId: ggzId,
      dueOn: '2099-01-01',
      planInterventionId: '00000000-0000-4000-8000-000000000000',
    });
    expectProblem(notInCase, 422);
    expect(pointersOf(notInCase)).toEqual(['/ownerOrganisationId', '/planInterventionId']);
    const wrongOwner = await director.post(`/api/v1/cases/${c.caseId}/actions`, {
      title: 'x',
      ownerOrganisationId: politieId,
      ownerUserId: ggzUser.userId,
      dueOn: '2099-01-01',
    });
    expectProblem(wrongOwner, 422);
    expect(pointersOf(wrongOwner)).toEqual(['/ownerUserId']);

    const bad = await director.post(`/api/v1/cases/${c.caseId}/actions`, {
      title: '',
      ownerOrganisationId: 'politie',
      dueOn: '01-03-2026',
      priority: 'high',
    });
    expectProblem(bad, 400);
    expect(pointersOf(bad).sort()).toEqual(['/dueOn', '/ownerOrganisationId', '/priority', '/title']);

    const list = await coordinator.get(`/api/v1/cases/${c.caseId}/actions`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { dueOn: string }) => a.dueOn)).toEqual(['2020-01-15', '2099-03-01']);
    const page1 = await coordinator.get(`/api/v1/cases/${c.caseId}/actions?limit=1`);
    const page2 = await coordinator.get(`/api/v1/cases/${c.caseId}/actions?limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((a: { id: string }) => a.id)).toEqual([created.body.id]);
    expect(page2.body.nextCursor).toBeNull();
    const forged = Buffer.from(JSON.stringify(['2026-99-99', randomUUID()])).toString('base64url');
    expectProblem(await coordinator.get(`/api/v1/cases/${c.caseId}/actions?cursor=${forged}`), 400);
    const open = await coordinator.get(`/api/v1/cases/${c.caseId}/actions?status=done`);
    expect(open.body.items).toEqual([]);

    const summaries = (await eventsOf(c.caseId)).map((e) => e.summary);
    expect(summaries).toContain('Actie toegevoegd voor Politie, uiterlijk 01-03-2099');
    // Titles are free text and may name people: they stay out of the timeline.
    expect(summaries.join(' ')).not.toContain('school');
  });

  it('are changed by the lead or the owner organisation; done sets completedAt; stale versions are refused', async () => {
    const a = (
      await director.post(`/api/v1/cases/${c.caseId}/actions`, {
        title: 'Huisbezoek',
        ownerOrganisationId: politieId,
        dueOn: '2099-04-01',
      })
    ).body;
    const progress = await police.patch(`/api/v1/actions/${a.id}`, { status: 'in_progress', version: 1 });
    expect(progress.status, JSON.stringify(progress.body)).toBe(200);
    expect(progress.body).toMatchObject({ status: 'in_progress', completedAt: null, version: 2 });
    expectProblem(await police.patch(`/api/v1/actions/${a.id}`, { status: 'done', version: 1 }), 409, 'STALE_VERSION');
    const done = await police.patch(`/api/v1/actions/${a.id}`, { status: 'done', version: 2 });
    expect(done.body.status).toBe('done');
    expect(done.body.completedAt).toEqual(expect.any(String));
    const reopened = await coordinator.patch(`/api/v1/actions/${a.id}`, {
      status: 'open',
      dueOn: '2099-05-01',
      title: 'Huisbezoek (opnieuw)',
      description: null,
      version: 3,
    });
    expect(reopened.body).toMatchObject({ status: 'open', completedAt: null, dueOn: '2099-05-01', version: 4 });
    const renamed = await police.patch(`/api/v1/actions/${a.id}`, { title: 'Huisbezoek met wijkagent', version: 4 });
    expect(renamed.body).toMatchObject({ status: 'open', title: 'Huisbezoek met wijkagent', version: 5 });

    const delftAction = (
      await director.post(`/api/v1/cases/${c.caseId}/actions`, {
        title: 'Casus agenderen',
        ownerOrganisationId: delftId,
        dueOn: '2099-01-01',
      })
    ).body;
    expectProblem(await police.patch(`/api/v1/actions/${delftAction.id}`, { status: 'done', version: 1 }), 403);
    expectProblem(await ggz.patch(`/api/v1/actions/${a.id}`, { status: 'done', version: 4 }), 404);
    expectProblem(await rijswijk.get(`/api/v1/actions/${a.id}`), 404);
    expectProblem(await policy.get(`/api/v1/actions/${a.id}`), 403);
    const bad = await police.patch(`/api/v1/actions/${a.id}`, {
      status: 'finished',
      dueOn: 'tomorrow',
      ownerOrganisationId: delftId,
    });
    expectProblem(bad, 400);
    expect(pointersOf(bad).sort()).toEqual(['/dueOn', '/ownerOrganisationId', '/status', '/version']);
    const ggzUser = await actorFor(t, 'ggz@ggz.demo');
    const wrongOwner = await police.patch(`/api/v1/actions/${a.id}`, { ownerUserId: ggzUser.userId, version: 5 });
    expectProblem(wrongOwner, 422);
    expect(pointersOf(wrongOwner)).toEqual(['/ownerUserId']);

    const kinds = (await eventsOf(c.caseId)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['action_added', 'action_status_changed', 'action_updated']));
    const entries = await accessEntries(t, a.id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'update', 'update', 'update']);
    for (const e of entries) {
      expect(e).toMatchObject({
        record_type: 'action',
        subject_id: c.personId,
        purpose_type: 'case',
        purpose_id: c.caseId,
      });
    }
  });

  it('carry progress notes from everyone on the case', async () => {
    const a = (
      await director.post(`/api/v1/cases/${c.caseId}/actions`, {
        title: 'Overleg',
        ownerOrganisationId: delftId,
        dueOn: '2099-02-01',
      })
    ).body;
    const note = await police.post(`/api/v1/actions/${a.id}/notes`, { body: 'Afspraak staat.' });
    expect(note.status, JSON.stringify(note.body)).toBe(201);
    expect(note.body).toMatchObject({
      actionId: a.id,
      authorName: 'Bram Wijkagent',
      authorOrganisationName: 'Politie',
    });
    await director.post(`/api/v1/actions/${a.id}/notes`, { body: 'Gesprek gevoerd.' });
    const notes = await coordinator.get(`/api/v1/actions/${a.id}/notes`);
    expect(notes.body.items.map((n: { body: string }) => n.body)).toEqual(['Afspraak staat.', 'Gesprek gevoerd.']);
    const first = await coordinator.get(`/api/v1/actions/${a.id}/notes?limit=1`);
    const second = await coordinator.get(`/api/v1/actions/${a.id}/notes?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((n: { body: string }) => n.body)).toEqual(['Gesprek gevoerd.']);
    expectProblem(await ggz.post(`/api/v1/actions/${a.id}/notes`, { body: 'x' }), 404);
    expectProblem(await ggz.get(`/api/v1/actions/${a.id}/notes`), 404);
    const bad = await police.post(`/api/v1/actions/${a.id}/notes`, { body: '   ', author: 'x' });
    expectProblem(bad, 400);
    expect(pointersOf(bad).sort()).toEqual(['/author', '/body']);
    expect((await eventsOf(c.caseId)).map((e) => e.kind)).toContain('action_note_added');
    const noteLog = await accessEntries(t, note.body.id);
    expect(noteLog).toMatchObject([{ action: 'create', record_type: 'action_note', subject_id: c.personId }]);
  });

  it('disappear for a member whose organisation leaves the case', async () => {
    const cs = await createCase(t, { partners: [{ organisation: 'GGZ Delfland', members: ['ggz@ggz.demo'] }] });
    const ggzId = await organisationIdByName(t, 'GGZ Delfland');
    const a = await ggz.post(`/api/v1/cases/${cs.caseId}/actions`, {
      title: 'Intake',
      ownerOrganisationId: ggzId,
      dueOn: '2099-01-01',
    });
    expect(a.status).toBe(201);
    await removeOrganisationFromCase(t, cs.caseId, 'GGZ Delfland');
    expectProblem(await ggz.get(`/api/v1/actions/${a.body.id}`), 404);
    expectProblem(await ggz.get(`/api/v1/cases/${cs.caseId}/actions`), 404);
  });
});

describe('createAction (service contract for the meetings module)', () => {
  it('turns a conference decision into an action bound to its agenda item, in the caller’s transaction', async () => {
    const chair = await actorFor(t, 'regisseur@delft.demo');
    const other = await createCase(t);
    const { itemId, otherItemId } = await withTx(t.deps.db, { regionId: chair.regionId }, async (tx) => {
      const meeting = await tx
        .insertInto('meetings')
        .values({
          region_id: chair.regionId,
          title: 'Casusoverleg',
          starts_at: new Date('2026-03-01T09:00:00Z'),
          ends_at: new Date('2026-03-01T11:00:00Z'),
          chair_id: chair.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const item = await tx
        .insertInto('meeting_agenda_items')
        .values({ region_id: chair.regionId, meeting_id: meeting.id, case_id: c.caseId, position: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      const otherItem = await tx
        .insertInto('meeting_agenda_items')
        .values({ region_id: chair.regionId, meeting_id: meeting.id, case_id: other.caseId, position: 2 })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { itemId: item.id, otherItemId: otherItem.id };
    });
    const action = await withTx(t.deps.db, { regionId: chair.regionId }, (tx) =>
      createAction(tx, chair, randomUUID(), t.deps.now(), {
        caseId: c.caseId,
        agendaItemId: itemId,
        title: 'Besluit: huisbezoek',
        description: null,
        ownerOrganisationId: politieId,
        ownerUserId: null,
        dueOn: '2099-03-15',
      }),
    );
    expect(action).toMatchObject({ caseId: c.caseId, agendaItemId: itemId, status: 'open', version: 1 });
    expect((await police.get(`/api/v1/actions/${action.id}`)).body.agendaItemId).toBe(itemId);
    expect((await eventsOf(c.caseId)).map((e) => e.summary)).toContain(
      'Actie toegevoegd voor Politie, uiterlijk 15-03-2099 (besluit casusoverleg)',
    );

    // An agenda item about another case is refused, and nothing is written.
    const before = await t.deps.db.owner.selectFrom('actions').select('id').execute();
    await expect(
      withTx(t.deps.db, { regionId: chair.regionId }, (tx) =>
        createAction(tx, chair, randomUUID(), t.deps.now(), {
          caseId: c.caseId,
          agendaItemId: otherItemId,
          title: 'x',
          ownerOrganisationId: politieId,
          dueOn: '2099-03-15',
        }),
      ),
    ).rejects.toMatchObject({ code: 'BUSINESS_RULE', extra: { fields: [{ pointer: '/agendaItemId' }] } });
    expect(await t.deps.db.owner.selectFrom('actions').select('id').execute()).toHaveLength(before.length);
  });
});
