/**
 * The contact circle over HTTP: from the incident through the five steps, the report and the process
 * evaluation to closed; steps in order (409, nothing written), missing work (422), the consent rule
 * for invitees, what each phase allows, the access log for the invitees' personal data, 403 for roles
 * without the permission and 404 for a circle of another region.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRegion, expectProblem, pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let director: Client;
let policy: Client;
let executive: Client;
let police: Client;
let keyFigures: Array<{ id: string; name: string; hasConsent: boolean; active: boolean }>;
let otherCircle: string;

beforeAll(async () => {
  t = await startTestApp();
  [director, policy, executive, police] = await Promise.all([
    t.signIn('netwerk@delft.demo'),
    t.signIn('beleid@delft.demo'),
    t.signIn('burgemeester@delft.demo'),
    t.signIn('politie@politie.demo'),
  ]);
  keyFigures = (await director.get('/api/v1/key-figures?limit=200')).body.items;
  const other = await addRegion(t, 'regio-cirkel');
  otherCircle = (
    await t.db.owner
      .insertInto('contact_circles')
      .values({
        region_id: other.regionId,
        incident_title: 'Elders',
        incident_on: '2026-01-01',
        created_by: other.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await t?.close();
});

const consenting = () => keyFigures.filter((k) => k.hasConsent && k.active);
const url = (id: string, rest = '') => `/api/v1/contact-circles/${id}${rest}`;

async function open(title = 'Incident bij een gebedshuis') {
  const res = await director.post('/api/v1/contact-circles', {
    incidentTitle: title,
    incidentOn: '2026-03-02',
    description: 'Bekladding van de gevel met leuzen; onrust in de wijk.',
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number };
}

async function complete(id: string, step: number, version: number, notes?: string) {
  return director.post(url(id, `/steps/${step}/completion`), { version, ...(notes ? { notes } : {}) });
}

async function circleRow(id: string) {
  return t.db.owner.selectFrom('contact_circles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('a contact circle from incident to evaluation', () => {
  it('walks the five steps in order, then the report and the process evaluation close it', async () => {
    let c = await open();
    expect(c).toMatchObject({ status: 'in_progress', phase: 'step_1', currentStep: 1, completedSteps: 0 });
    expect((c as unknown as { steps: unknown[] }).steps).toHaveLength(5);

    // 1. Align with the mayor and draft the invitation (time and place may go in already).
    let res = await director.put(url(c.id, '/meeting'), {
      heldAt: '2026-03-05T19:30:00+01:00',
      location: 'Stadhuis Delft, Burgerzaal (fictief)',
      version: c.version,
    });
    expect(res.status).toBe(200);
    res = await complete(c.id, 1, res.body.version, 'Insteek afgestemd met de burgemeester; uitnodiging verstuurd.');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ phase: 'step_2', currentStep: 2 });
    expect(res.body.steps[0]).toMatchObject({ completed: true, completedByName: 'Nora Netwerk' });

    // 2. Choose the contacts from the standing list.
    const [a, b, d] = consenting();
    for (const k of [a, b, d]) {
      const inv = await director.post(url(c.id, '/invitees'), { keyFigureId: k?.id });
      expect(inv.status).toBe(201);
      expect(inv.body).toMatchObject({ keyFigureId: k?.id, name: k?.name });
    }
    res = await complete(c.id, 2, res.body.version);
    expect(res.body).toMatchObject({ phase: 'step_3' });
    expect(res.body.invitees).toHaveLength(3);

    // 3. Arrange the meeting.
    res = await complete(c.id, 3, res.body.version, 'Zaal, koffie en tolk geregeld.');
    expect(res.body).toMatchObject({ phase: 'step_4' });

    // 4. Collect hard and soft signals and needs.
    for (const [kind, description] of [
      ['hard', 'Twee bekladdingen in een week in dezelfde straat.'],
      ['soft', 'Ouders durven hun kinderen niet alleen naar de les te laten gaan.'],
      ['need', 'Behoefte aan extra zichtbaarheid van de wijkagent.'],
    ]) {
      expect((await director.post(url(c.id, '/signals-and-needs'), { kind, description })).status).toBe(201);
    }
    res = await complete(c.id, 4, res.body.version);
    expect(res.body.phase).toBe('step_5');
    expect(res.body.signalsAndNeeds.map((o: { kind: string }) => o.kind)).toEqual(['hard', 'soft', 'need']);

    // 5. Set out and carry out the actions.
    const action = await director.post(url(c.id, '/actions'), {
      title: 'Extra surveillance rond het gebedshuis',
      owner: 'Politie basisteam Delft',
      dueOn: '2026-03-20',
    });
    expect(action.status).toBe(201);
    expect(action.body).toMatchObject({ status: 'open', version: 1 });
    res = await complete(c.id, 5, res.body.version);
    expect(res.body).toMatchObject({ status: 'report_due', phase: 'report', currentStep: null, completedSteps: 5 });

    // The report, then the process evaluation that closes the circle.
    const evalTooEarly = await director.put(url(c.id, '/evaluation'), { findings: 'x', version: res.body.version });
    expectProblem(evalTooEarly, 409, 'ILLEGAL_TRANSITION');
    res = await director.put(url(c.id, '/report'), {
      text: 'Verslag: de contactcirkel kwam bijeen met drie sleutelfiguren; signalen en acties zijn vastgelegd.',
      version: res.body.version,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'evaluation_due', report: { writtenByName: 'Nora Netwerk' } });
    // Actions are still followed up after the report.
    const done = await director.patch(url(c.id, `/actions/${action.body.id}`), { status: 'done', version: 1 });
    expect(done.body).toMatchObject({ status: 'done', version: 2 });
    res = await director.put(url(c.id, '/evaluation'), {
      findings: 'De stappen werkten; de uitnodiging ging laat uit.',
      whatWentWell: 'Snelle afstemming met de burgemeester.',
      improvements: 'Vaste lijst vooraf actualiseren.',
      version: res.body.version,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'closed',
      phase: 'closed',
      evaluation: { findings: expect.any(String), whatWentWell: expect.any(String), evaluatedByName: 'Nora Netwerk' },
    });
    expect(Object.values(res.body.allowed).every((v) => v === false)).toBe(true);

    // Closed: nothing changes any more.
    expectProblem(await director.put(url(c.id, '/report'), { text: 'nieuw', version: res.body.version }), 409);
    expectProblem(await director.put(url(c.id, '/evaluation'), { findings: 'x', version: res.body.version }), 409);
    expectProblem(await director.patch(url(c.id, `/actions/${action.body.id}`), { status: 'open', version: 2 }), 409);
    expectProblem(await director.patch(url(c.id), { incidentTitle: 'Anders', version: res.body.version }), 409);

    const list = await director.get('/api/v1/contact-circles?status=closed');
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(c.id);
    c = list.body.items.find((x: { id: string }) => x.id === c.id);
    expect(c).toMatchObject({ inviteeCount: 3, completedSteps: 5, status: 'closed' });
  });
});

describe('the rules along the way', () => {
  it('completes steps only in order: out of order is 409 and writes nothing', async () => {
    const c = await open('Volgorde');
    const before = await circleRow(c.id);
    expectProblem(await complete(c.id, 3, c.version), 409, 'ILLEGAL_TRANSITION');
    expectProblem(await complete(c.id, 2, c.version), 409, 'ILLEGAL_TRANSITION');
    const after = await circleRow(c.id);
    expect(after.version).toBe(before.version);
    expect(after.completed_steps).toBe(0);
    const steps = await t.db.owner
      .selectFrom('contact_circle_steps')
      .select('step')
      .where('contact_circle_id', '=', c.id)
      .execute();
    expect(steps).toHaveLength(0);
    const one = await complete(c.id, 1, c.version);
    expect(one.status).toBe(200);
    expectProblem(await complete(c.id, 1, one.body.version), 409, 'ILLEGAL_TRANSITION');
    expectProblem(await complete(c.id, 2, c.version), 422); // nobody invited yet (checked before the version)
    expectProblem(await director.post(url(c.id, '/steps/6/completion'), { version: 2 }), 400);
  });

  it('refuses a stale version with 409', async () => {
    const c = await open('Versie');
    await complete(c.id, 1, c.version);
    await director.post(url(c.id, '/invitees'), { keyFigureId: consenting()[0]?.id });
    expectProblem(await complete(c.id, 2, c.version), 409, 'STALE_VERSION');
  });

  it('needs the work of a step before completing it (422 naming what is missing)', async () => {
    const c = await open('Werk');
    let v = (await complete(c.id, 1, c.version)).body.version;
    let res = await complete(c.id, 2, v);
    expectProblem(res, 422);
    expect(pointersOf(res)).toEqual(['/invitees']);
    await director.post(url(c.id, '/invitees'), { keyFigureId: consenting()[1]?.id });
    v = (await complete(c.id, 2, v)).body.version;
    res = await complete(c.id, 3, v);
    expectProblem(res, 422);
    expect(pointersOf(res)).toEqual(['/meeting']);
    v = (
      await director.put(url(c.id, '/meeting'), { heldAt: '2026-03-06T19:00:00Z', location: 'Buurthuis', version: v })
    ).body.version;
    v = (await complete(c.id, 3, v)).body.version;
    res = await complete(c.id, 4, v);
    expect(pointersOf(res)).toEqual(['/signalsAndNeeds']);
  });

  it('invites only key figures with consent (422), active, of the region, once', async () => {
    const c = await open('Toestemming');
    const v = (await complete(c.id, 1, c.version)).body.version;
    const without = keyFigures.find((k) => !k.hasConsent);
    const inactive = keyFigures.find((k) => !k.active);
    const refused = await director.post(url(c.id, '/invitees'), { keyFigureId: without?.id });
    expectProblem(refused, 422);
    expect(refused.body.errors[0]).toMatchObject({ code: 'no_consent', location: { pointer: '/keyFigureId' } });
    expectProblem(await director.post(url(c.id, '/invitees'), { keyFigureId: inactive?.id }), 422);
    const stored = await t.db.owner
      .selectFrom('contact_circle_invitees')
      .select('id')
      .where('contact_circle_id', '=', c.id)
      .execute();
    expect(stored).toHaveLength(0);
    const k = consenting()[2];
    const ok = await director.post(url(c.id, '/invitees'), { keyFigureId: k?.id });
    expect(ok.status).toBe(201);
    expectProblem(await director.post(url(c.id, '/invitees'), { keyFigureId: k?.id }), 409);
    // Withdrawn consent afterwards: a new invitation is refused.
    const other = consenting()[3] as { id: string };
    const current = (await director.get(`/api/v1/key-figures/${other.id}`)).body;
    await director.patch(`/api/v1/key-figures/${other.id}`, {
      consentGivenOn: null,
      consentScope: null,
      version: current.version,
    });
    expectProblem(await director.post(url(c.id, '/invitees'), { keyFigureId: other.id }), 422);
    const after = (await director.get(`/api/v1/key-figures/${other.id}`)).body;
    await director.patch(`/api/v1/key-figures/${other.id}`, {
      consentGivenOn: '2025-05-05',
      consentScope: 'Vaste lijst',
      version: after.version,
    });
    // Withdrawing an invitation in step 2.
    const removal = await director.post(url(c.id, `/invitees/${ok.body.id}/removal`), {});
    expect(removal.status).toBe(204);
    expect((await director.get(url(c.id))).body.invitees).toHaveLength(0);
    expect(v).toBeGreaterThan(1);
  });

  it('allows each kind of work in its phase only (409 outside it)', async () => {
    const c = await open('Fasen');
    // Step 1: no invitations, signals or actions yet.
    expectProblem(await director.post(url(c.id, '/invitees'), { keyFigureId: consenting()[0]?.id }), 409, 'CONFLICT');
    expectProblem(await director.post(url(c.id, '/signals-and-needs'), { kind: 'soft', description: 'x' }), 409);
    expectProblem(await director.post(url(c.id, '/actions'), { title: 'x', owner: 'y' }), 409);
    // Report before step 5.
    expectProblem(
      await director.put(url(c.id, '/report'), { text: 'te vroeg', version: c.version }),
      409,
      'ILLEGAL_TRANSITION',
    );
    const detail = (await director.get(url(c.id))).body;
    expect(detail.allowed).toMatchObject({ arrangeMeeting: true, invite: false, writeReport: false });
  });

  it('logs every read and change of the invitees with the circle as purpose', async () => {
    const c = await open('Logboek');
    const v = (await complete(c.id, 1, c.version)).body.version;
    const since = String(
      (
        await t.db.owner
          .selectFrom('access_log')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirst()
      )?.id ?? 0,
    );
    const [a, b] = consenting();
    const inv = await director.post(url(c.id, '/invitees'), { keyFigureId: a?.id });
    await director.post(url(c.id, '/invitees'), { keyFigureId: b?.id });
    await director.get(url(c.id));
    await director.post(url(c.id, `/invitees/${inv.body.id}/removal`), {});
    const log = await t.db.owner
      .selectFrom('access_log')
      .select(['action', 'record_type', 'subject_type', 'subject_id', 'purpose_type', 'purpose_id'])
      .where('id', '>', since)
      .orderBy('id')
      .execute();
    expect(log.every((e) => e.purpose_type === 'contact-circle' && e.purpose_id === c.id)).toBe(true);
    expect(log.every((e) => e.subject_type === 'key_figure')).toBe(true);
    expect(log.map((e) => [e.action, e.subject_id])).toEqual([
      ['create', a?.id],
      ['create', b?.id],
      ...[a, b]
        .map((k) => k as { id: string; name: string })
        .sort((x, y) => x.name.localeCompare(y.name))
        .map((k) => ['read', k.id]),
      ['delete', a?.id],
    ]);
    expect(v).toBeGreaterThan(1);
  });

  it('is the network director’s only: 403 for the policy officer, an executive and a partner; nothing written', async () => {
    const before = (await t.db.owner.selectFrom('contact_circles').select('id').execute()).length;
    for (const c of [policy, executive, police]) {
      expectProblem(await c.get('/api/v1/contact-circles'), 403);
      expectProblem(await c.post('/api/v1/contact-circles', { incidentTitle: 'x', incidentOn: '2026-01-01' }), 403);
    }
    expect((await t.db.owner.selectFrom('contact_circles').select('id').execute()).length).toBe(before);
  });

  it('answers 404 for a circle of another region, on reading and on every change', async () => {
    expectProblem(await director.get(url(otherCircle)), 404);
    expectProblem(await complete(otherCircle, 1, 1), 404);
    expectProblem(await director.post(url(otherCircle, '/invitees'), { keyFigureId: consenting()[0]?.id }), 404);
    expectProblem(await director.put(url(otherCircle, '/report'), { text: 'x', version: 1 }), 404);
    expect((await circleRow(otherCircle)).completed_steps).toBe(0);
    const list = await director.get('/api/v1/contact-circles?limit=200');
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(otherCircle);
  });

  it('refuses bad input naming every field', async () => {
    const res = await director.post('/api/v1/contact-circles', {
      incidentTitle: '',
      incidentOn: '2026-13-01',
      extra: 1,
    });
    expectProblem(res, 400);
    expect(pointersOf(res)).toEqual(expect.arrayContaining(['/incidentTitle', '/incidentOn', '/extra']));
  });
});
