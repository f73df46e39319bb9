/**
 * Signals: registration with validation per field, need-to-know (404 outside, 403 without cases:work),
 * optimistic locking, linking and unlinking subjects with history, the indicators catalogue, and the
 * access log (one entry per person, purpose signal-intake).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, organisationId, pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let director: Client;
let coordinator: Client;
let police: Client;
let ggz: Client;
let rijswijk: Client;
let policy: Client;
let admin: Client;
let delft: string;
let rijswijkMunicipality: string;
let policeOrg: string;

beforeAll(async () => {
  t = await startTestApp();
  [director, coordinator, police, ggz, rijswijk, policy, admin] = await Promise.all([
    t.signIn('regisseur@delft.demo'),
    t.signIn('coordinator@delft.demo'),
    t.signIn('politie@politie.demo'),
    t.signIn('ggz@ggz.demo'),
    t.signIn('regisseur@rijswijk.demo'),
    t.signIn('beleid@delft.demo'),
    t.signIn('beheer@delft.demo'),
  ]);
  const municipalities = (await director.get('/api/v1/municipalities')).body.items as Array<{
    id: string;
    name: string;
  }>;
  delft = municipalities.find((m) => m.name === 'Delft')?.id as string;
  rijswijkMunicipality = municipalities.find((m) => m.name === 'Rijswijk')?.id as string;
  policeOrg = await organisationId(director, 'Politie');
});
afterAll(async () => {
  await t?.close();
});

function signalBody(overrides: Record<string, unknown> = {}) {
  return {
    // No source organisation: the signal is the registrant's own organisation's (issue 8).
    municipalityId: delft,
    reporterName: 'Wijkagent B.',
    reporterContact: 'wijkagent@politie.example',
    receivedOn: '2026-01-05',
    subjectUnknown: false,
    subjects: [{ newPerson: { firstName: 'Sem', namePrefix: 'van', lastName: 'Dijk', dateOfBirth: '2004-03-02' } }],
    indicators: ['hostile_view_of_society', 'travel_intentions'],
    ideology: 'jihadist',
    urgency: 'high',
    description: 'Uitspraken op school over uitreizen.',
    ...overrides,
  };
}

const accessLog = (recordId: string) =>
  t.db.owner.selectFrom('access_log').selectAll().where('record_id', '=', recordId).orderBy('seq').execute();

describe('indicators catalogue', () => {
  it('is seeded with the indicators of seed 001 and PRODUCT §2, in Dutch and English', async () => {
    const res = await police.get('/api/v1/indicators');
    expect(res.status).toBe(200);
    const codes = res.body.items.map((i: { code: string }) => i.code);
    expect(codes).toEqual([
      'distancing_from_trusted_people',
      'identification_with_extremist_group',
      'hostile_view_of_society',
      'rejection_of_established_order',
      'rejection_of_others',
      'travel_intentions',
      'recruiting',
      'possession_of_propaganda_or_weapons',
    ]);
    expect(res.body.items[0]).toMatchObject({ labelNl: 'Afstand nemen van vertrouwde personen', active: true });
    expect(res.body.nextCursor).toBeNull();
  });

  it('lets the admin add and deactivate indicators; a deactivated one cannot be chosen any more', async () => {
    const created = await admin.post('/api/v1/indicators', {
      code: 'online_radicalisation',
      labelNl: 'Online radicalisering',
      labelEn: 'Online radicalisation',
    });
    expect(created.status).toBe(201);
    expectProblem(
      await admin.post('/api/v1/indicators', { code: 'online_radicalisation', labelNl: 'x', labelEn: 'x' }),
      409,
    );
    expectProblem(await admin.post('/api/v1/indicators', { code: 'Bad Code', labelNl: '', labelEn: 'x' }), 400);
    expectProblem(await director.post('/api/v1/indicators', { code: 'x_y', labelNl: 'x', labelEn: 'x' }), 403);

    const ok = await police.post('/api/v1/signals', signalBody({ indicators: ['online_radicalisation'] }));
    expect(ok.status).toBe(201);

    const off = await admin.patch(`/api/v1/indicators/${created.body.id}`, { active: false, version: 1 });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ active: false, version: 2 });
    expectProblem(await admin.patch(`/api/v1/indicators/${created.body.id}`, { active: true, version: 1 }), 409);

    const list = await police.get('/api/v1/indicators');
    expect(list.body.items.map((i: { code: string }) => i.code)).not.toContain('online_radicalisation');
    const all = await admin.get('/api/v1/indicators?includeInactive=true');
    expect(all.body.items.map((i: { code: string }) => i.code)).toContain('online_radicalisation');

    const refused = await police.post('/api/v1/signals', signalBody({ indicators: ['online_radicalisation'] }));
    expectProblem(refused, 422);
    expect(pointersOf(refused)).toEqual(['/indicators/0']);
    // A signal that already had it keeps it (and may be saved with it).
    const kept = await police.get(`/api/v1/signals/${ok.body.id}`);
    expect(kept.body.indicators).toEqual([
      { code: 'online_radicalisation', labelNl: 'Online radicalisering', labelEn: 'Online radicalisation' },
    ]);
    const saved = await police.patch(`/api/v1/signals/${ok.body.id}`, {
      indicators: ['online_radicalisation', 'recruiting'],
      version: kept.body.version,
    });
    expect(saved.status).toBe(200);
  });

  it('is not for roles without case work or administration', async () => {
    expectProblem(await policy.get('/api/v1/indicators'), 403);
  });
});

describe('registering a signal', () => {
  it('creates a signal with a reference, a new person and the chosen indicators', async () => {
    const res = await police.post('/api/v1/signals', signalBody());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      reference: expect.stringMatching(/^S-\d{4}-\d{4}$/),
      status: 'received',
      municipality: { id: delft, name: 'Delft' },
      sourceOrganisation: { id: policeOrg, name: 'Politie' },
      receivedOn: '2026-01-05',
      subjectUnknown: false,
      ideology: 'jihadist',
      urgency: 'high',
      decision: null,
      canEdit: true,
      canDecide: false,
      version: 1,
    });
    expect(res.body.subjects).toHaveLength(1);
    expect(res.body.subjects[0]).toMatchObject({
      firstName: 'Sem',
      namePrefix: 'van',
      lastName: 'Dijk',
      dateOfBirth: '2004-03-02',
      linkKind: 'new_person',
    });
    expect(res.body.indicators.map((i: { code: string }) => i.code)).toEqual([
      'hostile_view_of_society',
      'travel_intentions',
    ]);
    const person = await t.db.owner
      .selectFrom('persons')
      .select('search_name')
      .where('id', '=', res.body.subjects[0].personId)
      .executeTakeFirstOrThrow();
    expect(person.search_name).toBe('sem van dijk');
  });

  it('accepts "subject unknown yet" without subjects', async () => {
    const res = await police.post('/api/v1/signals', signalBody({ subjectUnknown: true, subjects: [] }));
    expect(res.status).toBe(201);
    expect(res.body.subjects).toEqual([]);
  });

  it('names every bad field (400), and writes nothing', async () => {
    const before = await t.db.owner
      .selectFrom('signals')
      .select(({ fn }) => fn.countAll().as('n'))
      .executeTakeFirst();
    const res = await police.post('/api/v1/signals', {
      municipalityId: 'not-a-uuid',
      sourceOrganisationId: policeOrg,
      receivedOn: '05-01-2026',
      subjectUnknown: false,
      subjects: [{ newPerson: { firstName: '', lastName: 'Dijk', dateOfBirth: '2004-13-40' } }, {}],
      indicators: ['travel_intentions', 'travel_intentions'],
      ideology: 'religious',
      urgency: 'urgent',
      description: '',
      colour: 'red',
    });
    expectProblem(res, 400, 'INVALID_INPUT');
    expect(pointersOf(res).sort()).toEqual(
      [
        '/municipalityId',
        '/receivedOn',
        '/subjects/0/newPerson/firstName',
        '/subjects/0/newPerson/dateOfBirth',
        '/subjects/1/personId',
        '/indicators',
        '/ideology',
        '/urgency',
        '/description',
        '/colour',
      ].sort(),
    );
    const after = await t.db.owner
      .selectFrom('signals')
      .select(({ fn }) => fn.countAll().as('n'))
      .executeTakeFirst();
    expect(after?.n).toBe(before?.n);
  });

  it('requires subjects unless the subject is unknown, and none when it is', async () => {
    const none = await police.post('/api/v1/signals', signalBody({ subjects: [] }));
    expectProblem(none, 400);
    expect(pointersOf(none)).toEqual(['/subjects']);
    const both = await police.post('/api/v1/signals', signalBody({ subjectUnknown: true }));
    expectProblem(both, 400);
    expect(pointersOf(both)).toEqual(['/subjects']);
  });

  it('refuses unknown references and future dates with 422, naming each field', async () => {
    const res = await police.post(
      '/api/v1/signals',
      signalBody({
        municipalityId: '00000000-0000-4000-8000-000000000001',
        sourceOrganisationId: '00000000-0000-4000-8000-000000000002',
        receivedOn: '2999-01-01',
        indicators: ['no_such_indicator'],
        subjects: [{ personId: '00000000-0000-4000-8000-000000000003' }],
      }),
    );
    expectProblem(res, 422);
    expect(pointersOf(res).sort()).toEqual(
      ['/municipalityId', '/sourceOrganisationId', '/receivedOn', '/indicators/0', '/subjects/0/personId'].sort(),
    );
  });

  it('is refused (403) to roles without case work', async () => {
    expectProblem(await policy.post('/api/v1/signals', signalBody()), 403);
    expectProblem(await admin.post('/api/v1/signals', signalBody()), 403);
    expectProblem(await policy.get('/api/v1/signals'), 403);
  });
});

describe('who sees a signal', () => {
  let signalId: string;
  beforeAll(async () => {
    signalId = (await police.post('/api/v1/signals', signalBody())).body.id;
  });

  it('the registering user and the process director of the municipality see it', async () => {
    expect((await police.get(`/api/v1/signals/${signalId}`)).status).toBe(200);
    const asDirector = await director.get(`/api/v1/signals/${signalId}`);
    expect(asDirector.status).toBe(200);
    expect(asDirector.body).toMatchObject({ canEdit: true, canDecide: true });
  });

  it('others get 404: a partner of another organisation, another municipality’s director, the coordinator', async () => {
    for (const c of [ggz, rijswijk, coordinator]) {
      expectProblem(await c.get(`/api/v1/signals/${signalId}`), 404);
      expectProblem(await c.patch(`/api/v1/signals/${signalId}`, { urgency: 'acute', version: 1 }), 404);
      expectProblem(await c.get(`/api/v1/signals/${signalId}/attachments`), 404);
      const list = await c.get('/api/v1/signals?limit=200');
      expect(list.body.items.map((s: { id: string }) => s.id)).not.toContain(signalId);
    }
  });

  it('a policy officer gets 403 (no case work at all)', async () => {
    expectProblem(await policy.get(`/api/v1/signals/${signalId}`), 403);
  });

  it('a signal of Rijswijk is seen by Rijswijk’s director, not by Delft’s', async () => {
    const res = await police.post('/api/v1/signals', signalBody({ municipalityId: rijswijkMunicipality }));
    expect((await rijswijk.get(`/api/v1/signals/${res.body.id}`)).status).toBe(200);
    expectProblem(await director.get(`/api/v1/signals/${res.body.id}`), 404);
  });
});

describe('listing signals', () => {
  it('filters by status and municipality and pages with a cursor', async () => {
    // A municipality of its own, so that the demo region's signals stay out of this list.
    const place = await admin.post('/api/v1/municipalities', { name: 'Testgemeente Lijst' });
    expect(place.status).toBe(201);
    const here = `municipalityId=${place.body.id}`;
    for (let i = 0; i < 3; i++) {
      await ggz.post('/api/v1/signals', signalBody({ receivedOn: `2026-02-0${i + 1}`, municipalityId: place.body.id }));
    }
    const first = await ggz.get(`/api/v1/signals?limit=2&${here}`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0].receivedOn).toBe('2026-02-03');
    expect(first.body.items[0].subjects[0]).toMatchObject({ firstName: 'Sem', lastName: 'Dijk' });
    expect(first.body.items[0].subjects[0].dateOfBirth).toBeUndefined();
    const second = await ggz.get(`/api/v1/signals?limit=2&${here}&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect((await ggz.get(`/api/v1/signals?status=received&${here}`)).body.items).toHaveLength(3);
    expect((await ggz.get(`/api/v1/signals?status=decided&${here}`)).body.items).toEqual([]);
    expectProblem(await ggz.get('/api/v1/signals?status=lost'), 400);
    expectProblem(await ggz.get('/api/v1/signals?cursor=nonsense'), 400);
  });
});

describe('changing a signal', () => {
  it('updates with the current version; a stale version gets 409 and changes nothing', async () => {
    const created = await police.post('/api/v1/signals', signalBody());
    const id = created.body.id;
    const res = await police.patch(`/api/v1/signals/${id}`, {
      urgency: 'acute',
      description: 'Aangevuld.',
      version: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ urgency: 'acute', description: 'Aangevuld.', version: 2 });
    expectProblem(
      await director.patch(`/api/v1/signals/${id}`, { urgency: 'normal', version: 1 }),
      409,
      'STALE_VERSION',
    );
    expect((await police.get(`/api/v1/signals/${id}`)).body.urgency).toBe('acute');
    const bad = await police.patch(`/api/v1/signals/${id}`, { urgency: 'later', receivedOn: 'gisteren' });
    expectProblem(bad, 400);
    expect(pointersOf(bad).sort()).toEqual(['/receivedOn', '/urgency', '/version']);
    const unknown = await police.patch(`/api/v1/signals/${id}`, { subjectUnknown: true, version: 2 });
    expectProblem(unknown, 422);
    expect(pointersOf(unknown)).toEqual(['/subjectUnknown']);
  });
});

describe('correcting the intake data', () => {
  it('takes the whole intake form at once from the director of the municipality, logged as a change', async () => {
    const created = await police.post('/api/v1/signals', signalBody());
    const id = created.body.id as string;
    const { subjects, subjectUnknown, ...intake } = signalBody({
      reporterName: null,
      reporterContact: null,
      receivedOn: '2026-01-04',
      indicators: ['travel_intentions'],
      ideology: 'other_unclear',
      urgency: 'acute',
      legalRegime: 'wjsg',
      description: 'Gecorrigeerd: het ging om de broer.',
    });
    expect(subjects).toHaveLength(1);
    expect(subjectUnknown).toBe(false);
    const res = await director.patch(`/api/v1/signals/${id}`, { ...intake, version: created.body.version });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      reporterName: null,
      reporterContact: null,
      receivedOn: '2026-01-04',
      indicators: [expect.objectContaining({ code: 'travel_intentions' })],
      ideology: 'other_unclear',
      urgency: 'acute',
      legalRegime: 'wjsg',
      description: 'Gecorrigeerd: het ging om de broer.',
      subjects: [expect.objectContaining({ lastName: 'Dijk' })],
      version: created.body.version + 1,
    });
    const log = await accessLog(id);
    expect(log.filter((e) => e.action === 'update')).toEqual([
      expect.objectContaining({ subject_id: created.body.subjects[0].personId, purpose_type: 'signal-intake' }),
    ]);
    // The coordinator cannot see the signal; a policy officer has no case work.
    expectProblem(await coordinator.patch(`/api/v1/signals/${id}`, { urgency: 'normal', version: 2 }), 404);
    expectProblem(await policy.patch(`/api/v1/signals/${id}`, { urgency: 'normal', version: 2 }), 403);
  });
});

describe('the legal regime of a signal', () => {
  it('is recorded at intake (the source’s default unless chosen), shown, changed while open, and checked', async () => {
    const plain = await police.post('/api/v1/signals', signalBody());
    expect(plain.status).toBe(201);
    expect(plain.body).toMatchObject({ legalRegime: 'wpg', legalRegimeReason: null });
    const general = await police.post(
      '/api/v1/signals',
      signalBody({ legalRegime: 'avg', legalRegimeReason: 'Openbare uitlatingen, geen politiegegevens.' }),
    );
    expect(general.status).toBe(201);
    expect(general.body).toMatchObject({
      legalRegime: 'avg',
      legalRegimeReason: 'Openbare uitlatingen, geen politiegegevens.',
    });
    expect((await director.get(`/api/v1/signals/${general.body.id}`)).body.legalRegime).toBe('avg');

    const bad = await police.post('/api/v1/signals', signalBody({ legalRegime: 'geheim' }));
    expectProblem(bad, 400);
    expect(pointersOf(bad)).toEqual(['/legalRegime']);

    const changed = await police.patch(`/api/v1/signals/${plain.body.id}`, {
      legalRegime: 'professional_secrecy',
      version: plain.body.version,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ legalRegime: 'professional_secrecy', version: plain.body.version + 1 });
    const badChange = await police.patch(`/api/v1/signals/${plain.body.id}`, { legalRegime: 'x', version: 2 });
    expectProblem(badChange, 400);
    expect(pointersOf(badChange)).toEqual(['/legalRegime']);
  });
});

describe('linking and unlinking subjects', () => {
  it('links an existing person, undoes a link with a reason, and keeps the history', async () => {
    const a = await police.post('/api/v1/signals', signalBody());
    const existingPerson = a.body.subjects[0].personId as string;
    const b = await police.post('/api/v1/signals', signalBody({ subjectUnknown: true, subjects: [] }));
    const id = b.body.id;

    // The director links the person found by matching.
    const linked = await director.post(`/api/v1/signals/${id}/subjects`, {
      personId: existingPerson,
      reason: 'Zelfde naam en geboortedatum',
    });
    expect(linked.status).toBe(201);
    expect(linked.body.subjectUnknown).toBe(false);
    expect(linked.body.subjects).toHaveLength(1);
    expect(linked.body.subjects[0]).toMatchObject({
      personId: existingPerson,
      linkKind: 'matched_existing',
      matchReason: 'Zelfde naam en geboortedatum',
      linkedBy: { name: 'Pieter de Regisseur' },
    });
    expectProblem(await director.post(`/api/v1/signals/${id}/subjects`, { personId: existingPerson }), 409);

    const subjectId = linked.body.subjects[0].subjectId;
    const noReason = await director.post(`/api/v1/signals/${id}/subjects/${subjectId}/unlink`, {});
    expectProblem(noReason, 400);
    expect(pointersOf(noReason)).toEqual(['/reason']);
    const unlinked = await director.post(`/api/v1/signals/${id}/subjects/${subjectId}/unlink`, {
      reason: 'Andere persoon met dezelfde naam',
    });
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.subjects).toEqual([]);
    expect(unlinked.body.subjectUnknown).toBe(true);
    expect(unlinked.body.subjectHistory).toEqual([
      expect.objectContaining({
        subjectId,
        personId: existingPerson,
        linkKind: 'matched_existing',
        unlinkedAt: expect.any(String),
        unlinkedBy: expect.objectContaining({ name: 'Pieter de Regisseur' }),
        unlinkReason: 'Andere persoon met dezelfde naam',
      }),
    ]);
    // An undone link shows no personal data of that person.
    expect(unlinked.body.subjectHistory[0].firstName).toBeUndefined();
    expectProblem(
      await director.post(`/api/v1/signals/${id}/subjects/${subjectId}/unlink`, { reason: 'nogmaals' }),
      404,
    );
    // Never deleted: the row is still there.
    const rows = await t.db.owner.selectFrom('signal_subjects').selectAll().where('signal_id', '=', id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.unlinked_at).not.toBeNull();

    // Linked and unlinked are both in the access log, with the person as data subject.
    const log = await accessLog(id);
    const changes = log.filter((e) => e.action === 'update' && e.subject_id === existingPerson);
    expect(changes).toHaveLength(2);
    expect(changes.every((e) => e.purpose_type === 'signal-intake' && e.purpose_id === id)).toBe(true);
  });

  it('creates a new person and links them in one step, as at intake; a refusal writes nothing', async () => {
    const b = await police.post('/api/v1/signals', signalBody({ subjectUnknown: true, subjects: [] }));
    const id = b.body.id;
    const persons = async () =>
      Number(
        (
          await t.db.owner
            .selectFrom('persons')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await persons();

    const both = await police.post(`/api/v1/signals/${id}/subjects`, {
      personId: b.body.createdBy.id,
      newPerson: { firstName: 'Lot', lastName: 'Bakker' },
    });
    expectProblem(both, 400);
    expect(pointersOf(both)).toEqual(['/personId']);
    expect(pointersOf(await police.post(`/api/v1/signals/${id}/subjects`, {}))).toEqual(['/personId']);
    const withReason = await police.post(`/api/v1/signals/${id}/subjects`, {
      newPerson: { firstName: 'Lot', lastName: 'Bakker' },
      reason: 'lijkt op',
    });
    expect(pointersOf(withReason)).toEqual(['/reason']);
    const noName = await police.post(`/api/v1/signals/${id}/subjects`, { newPerson: { firstName: 'Lot' } });
    expectProblem(noName, 400);
    expect(pointersOf(noName)).toEqual(['/newPerson/lastName']);
    const future = await police.post(`/api/v1/signals/${id}/subjects`, {
      newPerson: { firstName: 'Lot', lastName: 'Bakker', dateOfBirth: '2999-01-01' },
    });
    expectProblem(future, 422);
    expect(pointersOf(future)).toEqual(['/newPerson/dateOfBirth']);
    // Someone who may not change the signal: 404 (cannot see it).
    expectProblem(
      await ggz.post(`/api/v1/signals/${id}/subjects`, { newPerson: { firstName: 'Lot', lastName: 'Bakker' } }),
      404,
    );
    expect(await persons()).toBe(before);

    // The partner who registered the signal adds the subject it learned about later.
    const linked = await police.post(`/api/v1/signals/${id}/subjects`, {
      newPerson: { firstName: 'Lot', namePrefix: 'de', lastName: 'Bakker', dateOfBirth: '2006-09-01' },
    });
    expect(linked.status).toBe(201);
    expect(linked.body.subjectUnknown).toBe(false);
    expect(linked.body.subjects).toEqual([
      expect.objectContaining({
        firstName: 'Lot',
        namePrefix: 'de',
        lastName: 'Bakker',
        dateOfBirth: '2006-09-01',
        linkKind: 'new_person',
        matchReason: null,
        linkedBy: expect.objectContaining({ name: 'Bram Wijkagent' }),
      }),
    ]);
    expect(await persons()).toBe(before + 1);
    const personId = linked.body.subjects[0].personId;
    const created = await t.db.owner
      .selectFrom('access_log')
      .selectAll()
      .where('record_type', '=', 'person')
      .where('record_id', '=', personId)
      .execute();
    expect(created).toEqual([
      expect.objectContaining({
        action: 'create',
        subject_id: personId,
        purpose_type: 'signal-intake',
        purpose_id: id,
      }),
    ]);
    // The director now finds the person when matching, and the signal's page shows them.
    expect((await director.get(`/api/v1/signals/${id}`)).body.subjects[0].personId).toBe(personId);
  });

  it('does not let a partner link a person it cannot see, nor a stranger link at all', async () => {
    const own = await police.post('/api/v1/signals', signalBody());
    const other = await ggz.post('/api/v1/signals', signalBody());
    const otherPerson = other.body.subjects[0].personId;
    const res = await police.post(`/api/v1/signals/${own.body.id}/subjects`, { personId: otherPerson });
    expectProblem(res, 422);
    expect(pointersOf(res)).toEqual(['/personId']);
    expectProblem(await ggz.post(`/api/v1/signals/${own.body.id}/subjects`, { personId: otherPerson }), 404);
  });
});

describe('access log', () => {
  it('records create and read with purpose signal-intake, one entry per linked person', async () => {
    const res = await police.post(
      '/api/v1/signals',
      signalBody({
        subjects: [
          { newPerson: { firstName: 'Anna', lastName: 'Bakker' } },
          { newPerson: { firstName: 'Bram', lastName: 'Bakker' } },
        ],
      }),
    );
    const id = res.body.id;
    const persons = res.body.subjects.map((s: { personId: string }) => s.personId).sort();
    await director.get(`/api/v1/signals/${id}`);
    const log = await accessLog(id);
    const created = log.filter((e) => e.action === 'create' && e.record_type === 'signal');
    expect(created.map((e) => e.subject_id).sort()).toEqual(persons);
    const reads = log.filter((e) => e.action === 'read' && e.record_type === 'signal');
    expect(reads.map((e) => e.subject_id).sort()).toEqual(persons);
    for (const e of [...created, ...reads]) {
      expect(e).toMatchObject({ purpose_type: 'signal-intake', purpose_id: id, subject_type: 'person' });
    }
    expect(reads[0]?.actor_role).toBe('process_director');

    // A list shows the subjects' names too: each listed signal is logged per subject.
    const listed = await director.get('/api/v1/signals?limit=200');
    expect(listed.body.items.map((s: { id: string }) => s.id)).toContain(id);
    const afterList = (await accessLog(id)).filter((e) => e.action === 'read' && e.record_type === 'signal');
    expect(afterList).toHaveLength(4);
    expect(
      afterList
        .slice(2)
        .map((e) => e.subject_id)
        .sort(),
    ).toEqual(persons);
    expect(afterList.every((e) => e.purpose_type === 'signal-intake' && e.purpose_id === id)).toBe(true);
  });
});
