import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { withTx } from '../../platform/db/database.js';
import type { Actor } from '../../platform/http/context.js';
import { actorInRegion } from '../auth/test-support.js';
import { todayInNl } from '../cases/core.js';
import { openCase } from '../cases/open-case.js';

let t: TestApp;
let regionId: string;
let director: Client;
let politie: Client;
let ggz: Client;
const ids = {} as Record<
  'director' | 'politie' | 'ggz' | 'rijswijk' | 'politieOrg' | 'ggzOrg' | 'delftOrg' | 'delftMun' | 'rijswijkMun',
  string
>;

async function actorFor(email: string): Promise<Actor> {
  return actorInRegion(t.db, email, regionId);
}

let personCounter = 0;
/** A subject person and a case opened by a process director, written directly (not via signals). */
async function makeCase(directorEmail = 'regisseur@delft.demo', municipalityId = ids.delftMun) {
  const actor = await actorFor(directorEmail);
  personCounter += 1;
  const firstName = `Testpersoon${personCounter}`;
  const lastName = `Achternaam${personCounter}`;
  return withTx(t.deps.db, { regionId }, async (tx) => {
    const person = await tx
      .insertInto('persons')
      .values({
        region_id: regionId,
        first_name: firstName,
        last_name: lastName,
        search_name: `${firstName} ${lastName}`.toLowerCase(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const c = await openCase(tx, actor, 'test-trace', t.deps.now(), {
      subjectPersonId: person.id,
      signalIds: [],
      targetGroup: 'radicalised',
      riskGroup: null,
      ideology: 'other_unclear',
      directingMunicipalityId: municipalityId,
      caseCoordinatorId: null,
      priority: 'normal',
    });
    return { id: c.id, reference: c.reference, personId: person.id, name: `${firstName} ${lastName}` };
  });
}

/** Makes an organisation take part in a case and one of its users a member. */
async function addMember(caseId: string, organisationId: string, userId: string) {
  await withTx(t.deps.db, { regionId }, async (tx) => {
    await tx
      .insertInto('case_organisations')
      .values({ region_id: regionId, case_id: caseId, organisation_id: organisationId, added_by: ids.director })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await tx
      .insertInto('case_members')
      .values({
        region_id: regionId,
        case_id: caseId,
        user_id: userId,
        organisation_id: organisationId,
        added_by: ids.director,
      })
      .execute();
  });
}

const inHours = (h: number) => new Date(t.deps.now().getTime() + h * 3600_000).toISOString();

async function schedule(c: Client = director, title = 'Casusoverleg district E') {
  const res = await c.post('/api/v1/meetings', {
    title,
    startsAt: inHours(24),
    endsAt: inHours(26),
    location: 'Stadskantoor Delft, zaal 3',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number; startsAt: string };
}

async function addItem(meetingId: string, caseId: string) {
  const res = await director.post(`/api/v1/meetings/${meetingId}/agenda-items`, { caseId });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
}

async function transition(meetingId: string, to: string) {
  const m = await director.get(`/api/v1/meetings/${meetingId}`);
  const res = await director.post(`/api/v1/meetings/${meetingId}/transitions`, { to, version: m.body.version });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { version: number; status: string };
}

async function caseRow(id: string) {
  return t.db.owner
    .selectFrom('cases')
    .select(['phase', 'version', 'last_conference_on'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  t = await startTestApp();
  const region = await t.db.owner
    .selectFrom('regions')
    .select('id')
    .where('code', '=', 'haaglanden')
    .executeTakeFirstOrThrow();
  regionId = region.id;
  const user = async (email: string) =>
    (await t.db.owner.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const org = async (name: string) =>
    (await t.db.owner.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const mun = async (name: string) =>
    (await t.db.owner.selectFrom('municipalities').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  ids.director = await user('regisseur@delft.demo');
  ids.politie = await user('politie@politie.demo');
  ids.ggz = await user('ggz@ggz.demo');
  ids.rijswijk = await user('regisseur@rijswijk.demo');
  ids.politieOrg = await org('Politie');
  ids.ggzOrg = await org('GGZ Delfland');
  ids.delftOrg = await org('Gemeente Delft');
  ids.delftMun = await mun('Delft');
  ids.rijswijkMun = await mun('Rijswijk');
  director = await t.signIn('regisseur@delft.demo');
  politie = await t.signIn('politie@politie.demo');
  ggz = await t.signIn('ggz@ggz.demo');
});
afterAll(async () => {
  await t?.close();
});

describe('scheduling a case conference', () => {
  it('lets a process director schedule and chair it; others cannot see an empty meeting', async () => {
    const m = await schedule();
    expect(m).toMatchObject({
      title: 'Casusoverleg district E',
      status: 'scheduled',
      location: 'Stadskantoor Delft, zaal 3',
      chair: { id: ids.director, name: 'Pieter de Regisseur' },
      isChair: true,
      allowedTransitions: ['in_progress', 'cancelled'],
      version: 1,
    });
    const list = await director.get('/api/v1/meetings');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(m.id);
    expect(list.body.nextCursor === null || typeof list.body.nextCursor === 'string').toBe(true);
    expect(
      (await director.get('/api/v1/meetings?when=past')).body.items.map((i: { id: string }) => i.id),
    ).not.toContain(m.id);
    expectProblem(await politie.get(`/api/v1/meetings/${m.id}`), 404);
    expect((await politie.get('/api/v1/meetings')).body.items.map((i: { id: string }) => i.id)).not.toContain(m.id);
  });

  it('pages upcoming meetings soonest first and past meetings latest first', async () => {
    const made: string[] = [];
    for (const h of [300, 301, 302]) {
      const res = await director.post('/api/v1/meetings', {
        title: `Overleg +${h}`,
        startsAt: inHours(h),
        endsAt: inHours(h + 1),
      });
      made.push(res.body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await director.get(`/api/v1/meetings?limit=2${q}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => made.includes(id))).toEqual(made);
    const older = await director.post('/api/v1/meetings', {
      title: 'Gisteren',
      startsAt: inHours(-48),
      endsAt: inHours(-46),
    });
    const oldest = await director.post('/api/v1/meetings', {
      title: 'Eergisteren',
      startsAt: inHours(-72),
      endsAt: inHours(-70),
    });
    const past = (await director.get('/api/v1/meetings?when=past')).body.items.map((i: { id: string }) => i.id);
    expect(past.indexOf(older.body.id)).toBeLessThan(past.indexOf(oldest.body.id));
    expect(past).not.toContain(made[0]);
    const cancelled = (await director.get('/api/v1/meetings?status=cancelled')).body.items;
    for (const m of cancelled) expect(m.status).toBe('cancelled');
  });

  it('refuses scheduling by other roles', async () => {
    const body = { title: 'x', startsAt: inHours(1), endsAt: inHours(2) };
    expectProblem(await politie.post('/api/v1/meetings', body), 403);
    const coordinator = await t.signIn('coordinator@delft.demo');
    expectProblem(await coordinator.post('/api/v1/meetings', body), 403);
    const beleid = await t.signIn('beleid@delft.demo');
    expectProblem(await beleid.post('/api/v1/meetings', body), 403);
    expectProblem(await beleid.get('/api/v1/meetings'), 403);
  });

  it('names every bad field', async () => {
    const res = await director.post('/api/v1/meetings', {
      title: '',
      startsAt: 'tomorrow',
      endsAt: 5,
      location: 'x'.repeat(201),
      colour: 'red',
    });
    expectProblem(res, 400, 'INVALID_INPUT');
    expect(pointersOf(res).sort()).toEqual(['/colour', '/endsAt', '/location', '/startsAt', '/title']);
    const backwards = await director.post('/api/v1/meetings', { title: 'x', startsAt: inHours(3), endsAt: inHours(2) });
    expectProblem(backwards, 400);
    expect(pointersOf(backwards)).toEqual(['/endsAt']);
    const m = await schedule();
    const patch = await director.patch(`/api/v1/meetings/${m.id}`, { title: ' ', version: 'one' });
    expectProblem(patch, 400);
    expect(pointersOf(patch).sort()).toEqual(['/title', '/version']);
    expectProblem(await director.get('/api/v1/meetings?when=soon&limit=500'), 400);
    expectProblem(await director.get('/api/v1/meetings?cursor=nonsense'), 400);
    expectProblem(await director.get('/api/v1/meetings/not-a-uuid'), 400);
  });

  it('updates with the current version and refuses a stale one (409)', async () => {
    const m = await schedule();
    const ok = await director.patch(`/api/v1/meetings/${m.id}`, { title: 'Casusoverleg (verplaatst)', version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ title: 'Casusoverleg (verplaatst)', version: 2 });
    const stale = await director.patch(`/api/v1/meetings/${m.id}`, { location: 'Elders', version: 1 });
    expectProblem(stale, 409, 'STALE_VERSION');
    expect((await director.get(`/api/v1/meetings/${m.id}`)).body.location).toBe('Stadskantoor Delft, zaal 3');
    const endBeforeStart = await director.patch(`/api/v1/meetings/${m.id}`, { endsAt: inHours(1), version: 2 });
    expectProblem(endBeforeStart, 400);
  });

  it('follows the lifecycle; an illegal transition is 409 and changes nothing', async () => {
    const m = await schedule();
    const illegal = await director.post(`/api/v1/meetings/${m.id}/transitions`, { to: 'held', version: 1 });
    expectProblem(illegal, 409, 'ILLEGAL_TRANSITION');
    expect((await director.get(`/api/v1/meetings/${m.id}`)).body).toMatchObject({ status: 'scheduled', version: 1 });
    expectProblem(await director.post(`/api/v1/meetings/${m.id}/transitions`, { to: 'done', version: 1 }), 400);
    const cancelled = await transition(m.id, 'cancelled');
    expect(cancelled.status).toBe('cancelled');
    expectProblem(
      await director.post(`/api/v1/meetings/${m.id}/transitions`, { to: 'in_progress', version: cancelled.version }),
      409,
    );
    expectProblem(await director.patch(`/api/v1/meetings/${m.id}`, { title: 'x', version: cancelled.version }), 409);
  });
});

describe('the agenda', () => {
  it('puts a visible case on the agenda and moves it from preparation to analysis', async () => {
    const c = await makeCase();
    const before = await caseRow(c.id);
    expect(before.phase).toBe('preparation');
    const m = await schedule();
    const item = await addItem(m.id, c.id);
    expect(item).toMatchObject({
      meetingId: m.id,
      position: 1,
      status: 'pending',
      case: { id: c.id, reference: c.reference, phase: 'analysis', subjectName: c.name },
    });
    const after = await caseRow(c.id);
    expect(after.phase).toBe('analysis');
    expect(after.version).toBe(before.version + 1);
    const events = await t.db.owner
      .selectFrom('case_events')
      .select(['kind', 'summary'])
      .where('case_id', '=', c.id)
      .execute();
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['meeting_scheduled', 'phase_changed']));
    for (const e of events) expect(e.summary).not.toContain(c.name);
    // Twice on one agenda: conflict. A case already in analysis keeps its phase on another agenda.
    expectProblem(await director.post(`/api/v1/meetings/${m.id}/agenda-items`, { caseId: c.id }), 409);
    const m2 = await schedule();
    await addItem(m2.id, c.id);
    expect((await caseRow(c.id)).version).toBe(after.version);
  });

  it('404s a case the chair cannot see and a case that does not exist', async () => {
    const rijswijkCase = await makeCase('regisseur@rijswijk.demo', ids.rijswijkMun);
    const m = await schedule();
    expectProblem(await director.post(`/api/v1/meetings/${m.id}/agenda-items`, { caseId: rijswijkCase.id }), 404);
    expectProblem(
      await director.post(`/api/v1/meetings/${m.id}/agenda-items`, { caseId: '00000000-0000-4000-8000-000000000000' }),
      404,
    );
    expect((await caseRow(rijswijkCase.id)).phase).toBe('preparation');
    const bad = await director.post(`/api/v1/meetings/${m.id}/agenda-items`, { caseId: 'abc', extra: true });
    expectProblem(bad, 400);
    expect(pointersOf(bad).sort()).toEqual(['/caseId', '/extra']);
  });

  it('orders items by position, and removes them only before the meeting starts', async () => {
    const [a, b, c] = [await makeCase(), await makeCase(), await makeCase()];
    const m = await schedule();
    const ia = await addItem(m.id, a.id);
    await addItem(m.id, b.id);
    const ic = await addItem(m.id, c.id);
    const moved = await director.patch(`/api/v1/meetings/${m.id}/agenda-items/${ic.id}`, {
      position: 1,
      version: ic.version,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.position).toBe(1);
    const order = (await director.get(`/api/v1/meetings/${m.id}`)).body.agendaItems.map(
      (i: { case: { id: string } }) => i.case.id,
    );
    expect(order).toEqual([c.id, a.id, b.id]);
    expectProblem(
      await director.patch(`/api/v1/meetings/${m.id}/agenda-items/${ic.id}`, { position: 2, version: ic.version }),
      409,
      'STALE_VERSION',
    );
    const del = await director.delete(`/api/v1/meetings/${m.id}/agenda-items/${ia.id}`);
    expect(del.status).toBe(204);
    expect((await director.get(`/api/v1/meetings/${m.id}`)).body.agendaItems).toHaveLength(2);
    await transition(m.id, 'in_progress');
    expectProblem(await director.delete(`/api/v1/meetings/${m.id}/agenda-items/${ic.id}`), 409);
  });
});

describe('need-to-know on the agenda and BOB', () => {
  let meetingId: string;
  let shared: Awaited<ReturnType<typeof makeCase>>;
  let hidden: Awaited<ReturnType<typeof makeCase>>;
  let sharedItem: string;
  let hiddenItem: string;

  beforeAll(async () => {
    shared = await makeCase();
    hidden = await makeCase();
    await addMember(shared.id, ids.politieOrg, ids.politie);
    await addMember(shared.id, ids.ggzOrg, ids.ggz);
    const m = await schedule();
    meetingId = m.id;
    hiddenItem = (await addItem(meetingId, hidden.id)).id;
    sharedItem = (await addItem(meetingId, shared.id)).id;
  });

  it('shows a partner only the items of cases it takes part in — no placeholders', async () => {
    const asPolitie = await politie.get(`/api/v1/meetings/${meetingId}`);
    expect(asPolitie.status).toBe(200);
    expect(asPolitie.body.isChair).toBe(false);
    expect(asPolitie.body.allowedTransitions).toEqual([]);
    expect(asPolitie.body.agendaItems).toHaveLength(1);
    // Numbered among the items it can see: no gap betrays the hidden item before it.
    expect(asPolitie.body.agendaItems[0]).toMatchObject({ id: sharedItem, position: 1, case: { id: shared.id } });
    expect((await politie.get(`/api/v1/meetings/${meetingId}/agenda-items/${sharedItem}`)).body.position).toBe(1);
    const text = JSON.stringify(asPolitie.body);
    expect(text).not.toContain(hidden.id);
    expect(text).not.toContain(hidden.reference);
    expect(text).not.toContain(hidden.name);
    expectProblem(await politie.get(`/api/v1/meetings/${meetingId}/agenda-items/${hiddenItem}`), 404);
    const asDirector = (await director.get(`/api/v1/meetings/${meetingId}`)).body.agendaItems;
    expect(asDirector.map((i: { id: string; position: number }) => [i.id, i.position])).toEqual([
      [hiddenItem, 1],
      [sharedItem, 2],
    ]);
    // The partner's list shows the meeting (it sees a case on it); the Rijswijk director's does not.
    expect((await politie.get('/api/v1/meetings')).body.items.map((i: { id: string }) => i.id)).toContain(meetingId);
    const rijswijk = await t.signIn('regisseur@rijswijk.demo');
    expectProblem(await rijswijk.get(`/api/v1/meetings/${meetingId}`), 404);
  });

  it('logs the read per visible case subject, with the case as purpose', async () => {
    await politie.get(`/api/v1/meetings/${meetingId}`);
    const entries = await t.db.owner
      .selectFrom('access_log')
      .select(['subject_id', 'purpose_type', 'purpose_id', 'action'])
      .where('actor_user_id', '=', ids.politie)
      .where('record_type', '=', 'meeting')
      .where('record_id', '=', meetingId)
      .execute();
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expect(e).toMatchObject({
        subject_id: shared.personId,
        purpose_type: 'case',
        purpose_id: shared.id,
        action: 'read',
      });
    }
  });

  it('lets a partner contribute from its own session, marked with its organisation', async () => {
    const res = await politie.post(`/api/v1/meetings/${meetingId}/agenda-items/${sharedItem}/contributions`, {
      body: 'Bekend bij de wijkagent; recent contact met de groep.',
      legalRegime: 'wpg',
      scope: 'conference',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      caseId: shared.id,
      meetingId,
      legalRegime: 'wpg',
      scope: 'conference',
      sourceOrganisation: { id: ids.politieOrg, name: 'Politie', type: 'police' },
      policeOrProsecution: true,
      author: { id: ids.politie },
    });
    const seen = await ggz.get(`/api/v1/meetings/${meetingId}/agenda-items/${sharedItem}`);
    expect(seen.status).toBe(200);
    expect(seen.body.contributions.map((c: { id: string }) => c.id)).toContain(res.body.id);
    // Not on a case it cannot see.
    expectProblem(
      await politie.post(`/api/v1/meetings/${meetingId}/agenda-items/${hiddenItem}/contributions`, {
        body: 'x',
        legalRegime: 'wpg',
        scope: 'conference',
      }),
      404,
    );
    const bad = await politie.post(`/api/v1/meetings/${meetingId}/agenda-items/${sharedItem}/contributions`, {
      body: '',
      legalRegime: 'gdpr',
      scope: 'everyone',
    });
    expectProblem(bad, 400);
    expect(pointersOf(bad).sort()).toEqual(['/body', '/legalRegime', '/scope']);
  });

  it('shows process-director-only contributions to the director and the author organisation only', async () => {
    const url = `/api/v1/meetings/${meetingId}/agenda-items/${sharedItem}`;
    const fromDirector = await director.post(`${url}/contributions`, {
      body: 'Alleen voor de regisseur: melding van de school.',
      legalRegime: 'avg',
      scope: 'process_director',
    });
    expect(fromDirector.status).toBe(201);
    const fromPolitie = await politie.post(`${url}/contributions`, {
      body: 'Alleen voor de regisseur: lopend onderzoek.',
      legalRegime: 'wpg',
      scope: 'process_director',
    });
    expect(fromPolitie.status).toBe(201);
    const idsOf = (res: { body: { contributions: Array<{ id: string }> } }) => res.body.contributions.map((c) => c.id);
    const asDirector = idsOf(await director.get(url));
    expect(asDirector).toEqual(expect.arrayContaining([fromDirector.body.id, fromPolitie.body.id]));
    const asPolitie = idsOf(await politie.get(url));
    expect(asPolitie).toContain(fromPolitie.body.id);
    expect(asPolitie).not.toContain(fromDirector.body.id);
    const asGgz = idsOf(await ggz.get(url));
    expect(asGgz).not.toContain(fromDirector.body.id);
    expect(asGgz).not.toContain(fromPolitie.body.id);
  });

  it('applies the one sharing-scope rule of the case: the meeting shows what the case shows, per user', async () => {
    const url = `/api/v1/meetings/${meetingId}/agenda-items/${sharedItem}`;
    const caseId = (await director.get(url)).body.case.id as string;
    for (const client of [director, politie, ggz]) {
      const inMeeting = ((await client.get(url)).body.contributions as Array<{ id: string }>).map((c) => c.id).sort();
      const res = await client.get(`/api/v1/cases/${caseId}/contributions?meetingId=${meetingId}&limit=200`);
      expect(res.status).toBe(200);
      const inCase = (res.body.items as Array<{ id: string }>).map((c) => c.id).sort();
      expect(inMeeting.length).toBeGreaterThan(0);
      expect(inMeeting).toEqual(inCase);
    }
  });

  it('records the judgement and decisions; each decision is an action of the case', async () => {
    const url = `/api/v1/meetings/${meetingId}/agenda-items/${sharedItem}`;
    const item = (await director.get(url)).body;
    // Not before the meeting starts.
    expectProblem(await director.put(`${url}/judgement`, { judgement: 'Zorgelijk', version: item.version }), 409);
    await transition(meetingId, 'in_progress');
    expectProblem(await politie.put(`${url}/judgement`, { judgement: 'x', version: item.version }), 403);
    expectProblem(await politie.post(`/api/v1/meetings/${meetingId}/transitions`, { to: 'held', version: 1 }), 403);
    expectProblem(await politie.patch(`/api/v1/meetings/${meetingId}`, { title: 'x', version: 1 }), 403);
    expectProblem(await politie.post(`/api/v1/meetings/${meetingId}/agenda-items`, { caseId: shared.id }), 403);

    const judged = await director.put(`${url}/judgement`, {
      judgement: 'Gedeeld beeld: zorgen over toenemende isolatie.',
      version: item.version,
    });
    expect(judged.status, JSON.stringify(judged.body)).toBe(200);
    expect(judged.body).toMatchObject({
      judgement: 'Gedeeld beeld: zorgen over toenemende isolatie.',
      version: item.version + 1,
    });
    expectProblem(
      await director.put(`${url}/judgement`, { judgement: 'ander', version: item.version }),
      409,
      'STALE_VERSION',
    );

    const dueOn = todayInNl(new Date(t.deps.now().getTime() + 14 * 86400_000));
    const before = await caseRow(shared.id);
    const decision = await director.post(`${url}/decisions`, {
      title: 'Huisbezoek door wijkagent',
      description: 'Samen met de GGZ.',
      ownerOrganisationId: ids.politieOrg,
      ownerUserId: ids.politie,
      dueOn,
    });
    expect(decision.status, JSON.stringify(decision.body)).toBe(201);
    expect(decision.body).toMatchObject({
      caseId: shared.id,
      agendaItemId: sharedItem,
      title: 'Huisbezoek door wijkagent',
      ownerOrganisation: { id: ids.politieOrg, name: 'Politie' },
      ownerUser: { id: ids.politie },
      dueOn,
      status: 'open',
    });
    const action = await t.db.owner
      .selectFrom('actions')
      .select(['case_id', 'agenda_item_id', 'owner_organisation_id', 'due_on', 'created_by'])
      .where('id', '=', decision.body.id)
      .executeTakeFirstOrThrow();
    expect(action).toEqual({
      case_id: shared.id,
      agenda_item_id: sharedItem,
      owner_organisation_id: ids.politieOrg,
      due_on: dueOn,
      created_by: ids.director,
    });
    const kinds = await t.db.owner.selectFrom('case_events').select('kind').where('case_id', '=', shared.id).execute();
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['action_added', 'meeting_discussed']));
    const logged = await t.db.owner
      .selectFrom('access_log')
      .select(['subject_id', 'purpose_id'])
      .where('action', '=', 'create')
      .where('record_type', '=', 'action')
      .where('record_id', '=', decision.body.id)
      .execute();
    expect(logged).toEqual([{ subject_id: shared.personId, purpose_id: shared.id }]);
    const after = await caseRow(shared.id);
    const meeting = (await director.get(`/api/v1/meetings/${meetingId}`)).body;
    expect(after.last_conference_on).toBe(todayInNl(new Date(meeting.startsAt)));
    expect(after.version).toBe(before.version + 1);
    const detail = (await politie.get(url)).body;
    expect(detail.status).toBe('discussed');
    expect(detail.decisions.map((d: { id: string }) => d.id)).toEqual([decision.body.id]);

    const wrong = await director.post(`${url}/decisions`, {
      title: 'Iets',
      ownerOrganisationId: ids.delftOrg,
      ownerUserId: ids.politie,
      dueOn: '2001-01-01',
    });
    expectProblem(wrong, 422);
    expect(pointersOf(wrong).sort()).toEqual(['/dueOn', '/ownerUserId']);
    const notInCase = await director.post(`${url}/decisions`, {
      title: 'Iets',
      ownerOrganisationId: (
        await t.db.owner
          .selectFrom('organisations')
          .select('id')
          .where('name', '=', 'Reclassering')
          .executeTakeFirstOrThrow()
      ).id,
      dueOn,
    });
    expectProblem(notInCase, 422);
    expect(pointersOf(notInCase)).toEqual(['/ownerOrganisationId']);
    const bad = await director.post(`${url}/decisions`, { title: '', ownerOrganisationId: 'x', dueOn: '31-12-2030' });
    expectProblem(bad, 400);
    expect(pointersOf(bad).sort()).toEqual(['/dueOn', '/ownerOrganisationId', '/title']);
    expectProblem(
      await politie.post(`${url}/decisions`, { title: 'x', ownerOrganisationId: ids.politieOrg, dueOn }),
      403,
    );
  });

  it('drafts minutes, approves them only by the chair of a held meeting, and freezes them', async () => {
    const minutesUrl = `/api/v1/meetings/${meetingId}/minutes`;
    let m = (await director.get(`/api/v1/meetings/${meetingId}`)).body;
    expect(m.status).toBe('in_progress');
    const drafted = await director.put(minutesUrl, {
      notes: 'Opening; vorige notulen vastgesteld.',
      version: m.version,
    });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(200);
    expect(drafted.body).toMatchObject({ notes: 'Opening; vorige notulen vastgesteld.', approved: false });
    expectProblem(await politie.put(minutesUrl, { notes: 'x', version: drafted.body.version }), 403);
    // Not yet held.
    expectProblem(
      await director.post(`${minutesUrl}/approval`, { version: drafted.body.version }),
      409,
      'ILLEGAL_TRANSITION',
    );
    const attendance = await director.put(`/api/v1/meetings/${meetingId}/attendance`, [
      { organisationId: ids.politieOrg, present: true, attendees: 'Wijkagent (Politie)' },
      { organisationId: ids.ggzOrg, present: false },
    ]);
    expect(attendance.status, JSON.stringify(attendance.body)).toBe(200);
    expect(attendance.body.items).toHaveLength(2);
    await transition(meetingId, 'held');
    m = (await director.get(`/api/v1/meetings/${meetingId}`)).body;
    expect(m.attendance).toEqual(
      expect.arrayContaining([
        {
          organisationId: ids.politieOrg,
          organisationName: 'Politie',
          present: true,
          attendees: 'Wijkagent (Politie)',
        },
      ]),
    );
    expectProblem(await politie.post(`${minutesUrl}/approval`, { version: m.version }), 403);
    expectProblem(await director.post(`${minutesUrl}/approval`, { version: m.version - 1 }), 409, 'STALE_VERSION');
    const approved = await director.post(`${minutesUrl}/approval`, { version: m.version });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({
      approved: true,
      status: 'minutes_approved',
      approvedBy: { id: ids.director },
    });
    const v = approved.body.version;
    expectProblem(await director.put(minutesUrl, { notes: 'gewijzigd', version: v }), 409);
    expectProblem(await director.post(`${minutesUrl}/approval`, { version: v }), 409);
    expectProblem(await director.patch(`/api/v1/meetings/${meetingId}`, { title: 'x', version: v }), 409);
    expectProblem(await director.put(`/api/v1/meetings/${meetingId}/attendance`, []), 409);
    const item = (await director.get(`/api/v1/meetings/${meetingId}/agenda-items/${sharedItem}`)).body;
    expectProblem(
      await director.put(`/api/v1/meetings/${meetingId}/agenda-items/${sharedItem}/judgement`, {
        judgement: 'later',
        version: item.version,
      }),
      409,
    );
    expectProblem(
      await politie.post(`/api/v1/meetings/${meetingId}/agenda-items/${sharedItem}/contributions`, {
        body: 'te laat',
        legalRegime: 'wpg',
        scope: 'conference',
      }),
      409,
    );
    expect((await director.get(minutesUrl)).body.notes).toBe('Opening; vorige notulen vastgesteld.');
  });

  it('renders the minutes as PDF, logged as an export per visible subject', async () => {
    const res = await politie.request('GET', `/api/v1/meetings/${meetingId}/minutes.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/pdf/);
    expect(String(res.body).startsWith('%PDF')).toBe(true);
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="verslag-casusoverleg-\d{4}-\d{2}-\d{2}\.pdf"$/);
    expect(disposition).not.toContain(shared.name);
    const exports = await t.db.owner
      .selectFrom('access_log')
      .select(['subject_id', 'purpose_id'])
      .where('actor_user_id', '=', ids.politie)
      .where('action', '=', 'export')
      .where('record_id', '=', meetingId)
      .execute();
    expect(exports).toEqual([{ subject_id: shared.personId, purpose_id: shared.id }]);
    const asDirector = await director.request('GET', `/api/v1/meetings/${meetingId}/minutes.pdf`);
    expect(String(asDirector.body).startsWith('%PDF')).toBe(true);
  });

  it('gives an ICS invitation without personal data of subjects', async () => {
    const res = await politie.request('GET', `/api/v1/meetings/${meetingId}/invitation.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = String(res.body);
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('SUMMARY:Casusoverleg district E');
    expect(ics).toContain('LOCATION:Stadskantoor Delft');
    expect(ics).toContain('Pieter de Regisseur');
    for (const c of [shared, hidden]) {
      expect(ics).not.toContain(c.name);
      expect(ics).not.toContain(c.reference);
      expect(ics).not.toContain(c.id);
    }
    expect(res.headers.get('content-disposition') ?? '').toMatch(/casusoverleg-\d{4}-\d{2}-\d{2}\.ics/);
    const outsider = await t.signIn('regisseur@rijswijk.demo');
    expectProblem(await outsider.request('GET', `/api/v1/meetings/${meetingId}/invitation.ics`), 404);
  });

  it('loses access on the next request once the member is removed', async () => {
    await withTx(t.deps.db, { regionId }, async (tx) => {
      await tx
        .updateTable('case_members')
        .set({ removed_at: new Date() })
        .where('case_id', '=', shared.id)
        .where('user_id', '=', ids.ggz)
        .execute();
    });
    expectProblem(await ggz.get(`/api/v1/meetings/${meetingId}`), 404);
    expectProblem(await ggz.get(`/api/v1/meetings/${meetingId}/agenda-items/${sharedItem}`), 404);
    expectProblem(await ggz.request('GET', `/api/v1/meetings/${meetingId}/minutes.pdf`), 404);
  });
});

describe('attendance', () => {
  it('names duplicate and unknown organisations per field', async () => {
    const m = await schedule();
    const dup = await director.put(`/api/v1/meetings/${m.id}/attendance`, [
      { organisationId: ids.politieOrg, present: true },
      { organisationId: ids.politieOrg, present: false },
    ]);
    expectProblem(dup, 400);
    expect(pointersOf(dup)).toEqual(['/1/organisationId']);
    const unknown = await director.put(`/api/v1/meetings/${m.id}/attendance`, [
      { organisationId: ids.politieOrg, present: true },
      { organisationId: '00000000-0000-4000-8000-000000000000', present: true },
    ]);
    expectProblem(unknown, 422);
    expect(pointersOf(unknown)).toEqual(['/1/organisationId']);
    const bad = await director.put(`/api/v1/meetings/${m.id}/attendance`, [{ organisationId: 'x', present: 'yes' }]);
    expectProblem(bad, 400);
    expect(pointersOf(bad).sort()).toEqual(['/0/organisationId', '/0/present']);
    const none = await sql<{
      n: string;
    }>`select count(*)::text as n from meeting_attendance where meeting_id = ${m.id}`.execute(t.db.owner);
    expect(none.rows[0]?.n).toBe('0');
  });
});
