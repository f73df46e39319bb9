/**
 * Key figures and networks over HTTP: the seeded standing list and SNRP, CRUD with the access log for
 * every read and change of a key figure, the consent rule for membership, meetings, shared signals and
 * activities with paging, 403 for roles without the permission (nothing written), 404 across regions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRegion, expectProblem, type OtherRegion, pointersOf, userIdByEmail } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let director: Client;
let policy: Client;
let executive: Client;
let police: Client;
let other: OtherRegion;
let otherKeyFigure: string;
let otherNetwork: string;
let directorId: string;

beforeAll(async () => {
  t = await startTestApp();
  [director, policy, executive, police] = await Promise.all([
    t.signIn('netwerk@delft.demo'),
    t.signIn('beleid@delft.demo'),
    t.signIn('burgemeester@delft.demo'),
    t.signIn('politie@politie.demo'),
  ]);
  directorId = await userIdByEmail(t, 'netwerk@delft.demo');
  other = await addRegion(t, 'regio-netwerk');
  otherKeyFigure = (
    await t.db.owner
      .insertInto('key_figures')
      .values({
        region_id: other.regionId,
        name: 'Elders Sleutelfiguur',
        organisation: 'Elders',
        role: 'Voorzitter',
        consent_given_on: '2025-01-01',
        consent_scope: 'alles',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  otherNetwork = (
    await t.db.owner
      .insertInto('networks')
      .values({ region_id: other.regionId, name: 'Netwerk elders', kind: 'strategic' })
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
    .select(['action', 'record_type', 'record_id', 'subject_type', 'subject_id', 'purpose_type', 'actor_user_id'])
    .where('id', '>', id)
    .orderBy('id')
    .execute();
}

const count = async (table: 'key_figures' | 'networks' | 'network_members') =>
  Number(
    (
      await t.db.owner
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('key figures', () => {
  it('shows the seeded standing list of twenty, and logs a read per key figure', async () => {
    const since = await lastLogId();
    const res = await director.get('/api/v1/key-figures?limit=200');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(20);
    expect(res.body.items.every((k: { organisation: string }) => k.organisation.length > 0)).toBe(true);
    expect(res.body.items.filter((k: { hasConsent: boolean }) => !k.hasConsent).length).toBeGreaterThan(0);
    const log = await logSince(since);
    expect(log).toHaveLength(20);
    for (const e of log) {
      expect(e).toMatchObject({
        action: 'read',
        record_type: 'key_figure',
        subject_type: 'key_figure',
        purpose_type: 'key-figure-network',
        actor_user_id: directorId,
      });
    }
    expect(new Set(log.map((e) => e.subject_id))).toEqual(new Set(res.body.items.map((k: { id: string }) => k.id)));
  });

  it('filters and pages the list', async () => {
    const first = await director.get('/api/v1/key-figures?limit=5&withConsent=false');
    expect(first.status).toBe(200);
    expect(first.body.items.every((k: { hasConsent: boolean }) => !k.hasConsent)).toBe(true);
    const page1 = await director.get('/api/v1/key-figures?limit=7');
    const page2 = await director.get(`/api/v1/key-figures?limit=7&cursor=${page1.body.nextCursor}`);
    expect(page2.status).toBe(200);
    const ids = [...page1.body.items, ...page2.body.items].map((k: { id: string }) => k.id);
    expect(new Set(ids).size).toBe(14);
    const search = await director.get('/api/v1/key-figures?q=moskee');
    expect(search.body.items.length).toBeGreaterThanOrEqual(2);
  });

  it('creates, reads, changes and erases a key figure, each logged with its purpose', async () => {
    const since = await lastLogId();
    const created = await director.post('/api/v1/key-figures', {
      name: 'Test Sleutelfiguur',
      organisation: 'Buurtvereniging Test (fictief)',
      role: 'Voorzitter',
      phone: '015 000 0999',
      email: 'Test@Sleutelfiguren.demo',
      consentGivenOn: '2025-06-01',
      consentScope: 'Vaste lijst en uitnodigingen',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      hasConsent: true,
      active: true,
      email: 'test@sleutelfiguren.demo',
      version: 1,
    });
    const id = created.body.id;
    expect((await director.get(`/api/v1/key-figures/${id}`)).status).toBe(200);
    const changed = await director.patch(`/api/v1/key-figures/${id}`, { role: 'Secretaris', version: 1 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ role: 'Secretaris', version: 2, phone: '015 000 0999' });
    expectProblem(await director.patch(`/api/v1/key-figures/${id}`, { role: 'Oud', version: 1 }), 409, 'STALE_VERSION');
    const withdrawn = await director.patch(`/api/v1/key-figures/${id}`, {
      consentGivenOn: null,
      consentScope: null,
      version: 2,
    });
    expect(withdrawn.body.hasConsent).toBe(false);
    const erased = await director.delete(`/api/v1/key-figures/${id}`);
    expect(erased.status).toBe(204);
    expectProblem(await director.get(`/api/v1/key-figures/${id}`), 404);
    const log = (await logSince(since)).filter((e) => e.subject_id === id);
    expect(log.map((e) => e.action)).toEqual(['create', 'read', 'update', 'update', 'delete']);
    expect(log.every((e) => e.purpose_type === 'key-figure-network' && e.subject_type === 'key_figure')).toBe(true);
  });

  it('refuses half a consent (400 naming the field), a future consent (422) and unknown fields', async () => {
    const half = await director.post('/api/v1/key-figures', {
      name: 'X',
      organisation: 'Y',
      role: 'Z',
      consentGivenOn: '2025-01-01',
    });
    expectProblem(half, 400);
    expect(pointersOf(half)).toContain('/consentScope');
    const bad = await director.post('/api/v1/key-figures', { name: '', organisation: 'Y', role: 'Z', colour: 'red' });
    expectProblem(bad, 400);
    expect(pointersOf(bad)).toEqual(expect.arrayContaining(['/name', '/colour']));
    const future = await director.post('/api/v1/key-figures', {
      name: 'X',
      organisation: 'Y',
      role: 'Z',
      consentGivenOn: '2999-01-01',
      consentScope: 'alles',
    });
    expectProblem(future, 422);
    expect(pointersOf(future)).toEqual(['/consentGivenOn']);
  });

  it('keeps a key figure who took part in a network: 409, deactivate instead', async () => {
    const snrp = (await director.get('/api/v1/networks')).body.items.find(
      (n: { kind: string }) => n.kind === 'strategic',
    );
    const member = (await director.get(`/api/v1/networks/${snrp.id}/members?limit=200`)).body.items.find(
      (m: { kind: string }) => m.kind === 'key_figure',
    );
    expectProblem(await director.delete(`/api/v1/key-figures/${member.keyFigureId}`), 409);
  });

  it('is the network director’s only: 403 for the policy officer, the executive and a partner, nothing written', async () => {
    const before = await count('key_figures');
    for (const c of [policy, executive, police]) {
      expectProblem(await c.get('/api/v1/key-figures'), 403);
      expectProblem(await c.post('/api/v1/key-figures', { name: 'X', organisation: 'Y', role: 'Z' }), 403);
    }
    expect(await count('key_figures')).toBe(before);
  });

  it('answers 404 for a key figure of another region, also on change and erase', async () => {
    expectProblem(await director.get(`/api/v1/key-figures/${otherKeyFigure}`), 404);
    expectProblem(await director.patch(`/api/v1/key-figures/${otherKeyFigure}`, { role: 'X', version: 1 }), 404);
    expectProblem(await director.delete(`/api/v1/key-figures/${otherKeyFigure}`), 404);
    const stored = await t.db.owner
      .selectFrom('key_figures')
      .select('role')
      .where('id', '=', otherKeyFigure)
      .executeTakeFirst();
    expect(stored?.role).toBe('Voorzitter');
  });
});

describe('networks', () => {
  it('has the SNRP seeded with its members, a meeting, a shared signal and an activity', async () => {
    const res = await policy.get('/api/v1/networks');
    expect(res.status).toBe(200);
    const snrp = res.body.items.find((n: { name: string }) => n.name.includes('SNRP'));
    expect(snrp).toMatchObject({ kind: 'strategic' });
    expect(snrp.memberCount).toBeGreaterThanOrEqual(8);
    for (const part of ['meetings', 'signals', 'activities']) {
      const list = await policy.get(`/api/v1/networks/${snrp.id}/${part}`);
      expect(list.status, part).toBe(200);
      expect(list.body.items.length, part).toBeGreaterThanOrEqual(1);
    }
  });

  it('lets the programme staff create and change networks; 403 for an executive and a partner', async () => {
    const created = await policy.post('/api/v1/networks', {
      name: 'Netwerk Jongerenwerk',
      description: 'Jongerenwerkers uit het district',
      kind: 'operational',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ memberCount: 0, version: 1 });
    const dup = await director.post('/api/v1/networks', { name: 'netwerk jongerenwerk', kind: 'other' });
    expectProblem(dup, 409);
    const changed = await director.patch(`/api/v1/networks/${created.body.id}`, { kind: 'community', version: 1 });
    expect(changed.body).toMatchObject({ kind: 'community', version: 2 });
    const before = await count('networks');
    expectProblem(await executive.post('/api/v1/networks', { name: 'N', kind: 'other' }), 403);
    expectProblem(await police.get('/api/v1/networks'), 403);
    expect(await count('networks')).toBe(before);
  });

  it('adds members: a key figure only with consent (422 otherwise), a user of the region; logged', async () => {
    const network = (await director.post('/api/v1/networks', { name: 'Netwerk Leden', kind: 'community' })).body;
    const all = (await director.get('/api/v1/key-figures?limit=200')).body.items;
    const withConsent = all.find((k: { hasConsent: boolean; active: boolean }) => k.hasConsent && k.active);
    const without = all.find((k: { hasConsent: boolean }) => !k.hasConsent);
    const inactive = all.find((k: { active: boolean; hasConsent: boolean }) => !k.active && k.hasConsent);

    const since = await lastLogId();
    const added = await director.post(`/api/v1/networks/${network.id}/members`, { keyFigureId: withConsent.id });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ kind: 'key_figure', keyFigureId: withConsent.id, name: withConsent.name });
    const refused = await director.post(`/api/v1/networks/${network.id}/members`, { keyFigureId: without.id });
    expectProblem(refused, 422);
    expect(refused.body.errors[0]).toMatchObject({ code: 'no_consent', location: { pointer: '/keyFigureId' } });
    expectProblem(await director.post(`/api/v1/networks/${network.id}/members`, { keyFigureId: inactive.id }), 422);
    expectProblem(await director.post(`/api/v1/networks/${network.id}/members`, { keyFigureId: withConsent.id }), 409);
    expectProblem(await director.post(`/api/v1/networks/${network.id}/members`, { keyFigureId: otherKeyFigure }), 422);
    const both = await director.post(`/api/v1/networks/${network.id}/members`, {
      keyFigureId: withConsent.id,
      userId: directorId,
    });
    expectProblem(both, 400);
    const user = await director.post(`/api/v1/networks/${network.id}/members`, { userId: directorId });
    expect(user.body).toMatchObject({ kind: 'user', name: 'Nora Netwerk', organisation: 'Gemeente Delft' });

    const list = await director.get(`/api/v1/networks/${network.id}/members`);
    expect(list.body.items).toHaveLength(2);
    expect((await director.get(`/api/v1/networks/${network.id}`)).body.memberCount).toBe(2);
    const removal = await director.post(`/api/v1/networks/${network.id}/members/${added.body.id}/removal`, {});
    expect(removal.status).toBe(204);
    expect((await director.get(`/api/v1/networks/${network.id}/members`)).body.items).toHaveLength(1);
    expectProblem(await director.post(`/api/v1/networks/${network.id}/members/${added.body.id}/removal`, {}), 404);

    const log = await logSince(since);
    expect(log.map((e) => [e.action, e.record_type, e.subject_type])).toEqual([
      ['create', 'network_member', 'key_figure'],
      ['create', 'network_member', 'user'],
      ['read', 'network_member', 'key_figure'],
      ['read', 'network_member', 'user'],
      ['update', 'network_member', 'key_figure'],
      ['read', 'network_member', 'user'],
    ]);
    expect(log.every((e) => e.purpose_type === 'key-figure-network')).toBe(true);
  });

  it('keeps the member list from the policy officer (personal data): 403', async () => {
    const snrp = (await policy.get('/api/v1/networks')).body.items[0];
    expectProblem(await policy.get(`/api/v1/networks/${snrp.id}/members`), 403);
    expectProblem(await policy.post(`/api/v1/networks/${snrp.id}/members`, { userId: directorId }), 403);
  });

  it('records meetings, shared signals and activities, newest first with paging', async () => {
    const network = (await policy.post('/api/v1/networks', { name: 'Netwerk Verslag', kind: 'strategic' })).body;
    const base = `/api/v1/networks/${network.id}`;
    for (const heldOn of ['2026-01-10', '2026-03-10', '2026-02-10']) {
      expect((await policy.post(`${base}/meetings`, { heldOn, notes: `Bijeenkomst ${heldOn}` })).status).toBe(201);
    }
    const p1 = await policy.get(`${base}/meetings?limit=2`);
    expect(p1.body.items.map((m: { heldOn: string }) => m.heldOn)).toEqual(['2026-03-10', '2026-02-10']);
    const p2 = await policy.get(`${base}/meetings?limit=2&cursor=${p1.body.nextCursor}`);
    expect(p2.body.items.map((m: { heldOn: string }) => m.heldOn)).toEqual(['2026-01-10']);
    expect(p2.body.nextCursor).toBeNull();

    const signal = await policy.post(`${base}/signals`, {
      observedOn: '2026-03-01',
      theme: 'Sfeer in de wijk',
      description: 'Onrust na een demonstratie; geen personen bekend.',
    });
    expect(signal.status).toBe(201);
    expect(signal.body).toMatchObject({ observedOn: '2026-03-01', theme: 'Sfeer in de wijk' });
    const badSignal = await policy.post(`${base}/signals`, { observedOn: '1-3-2026', theme: '', name: 'Jan' });
    expectProblem(badSignal, 400);
    expect(pointersOf(badSignal)).toEqual(expect.arrayContaining(['/observedOn', '/theme', '/description', '/name']));

    const activity = await policy.post(`${base}/activities`, { title: 'Seminar', heldOn: '2026-04-01' });
    expect(activity.status).toBe(201);
    expect((await policy.get(`${base}/activities`)).body.items[0]).toMatchObject({
      title: 'Seminar',
      description: null,
    });
    expectProblem(await policy.get(`${base}/meetings?cursor=bm90LWEtY3Vyc29y`), 400);
  });

  it('answers 404 for a network of another region', async () => {
    expectProblem(await policy.get(`/api/v1/networks/${otherNetwork}`), 404);
    expectProblem(await policy.post(`/api/v1/networks/${otherNetwork}/meetings`, { heldOn: '2026-01-01' }), 404);
    expectProblem(await director.get(`/api/v1/networks/${otherNetwork}/members`), 404);
    expectProblem(await director.post(`/api/v1/networks/${otherNetwork}/members`, { userId: directorId }), 404);
    const members = await t.db.owner
      .selectFrom('network_members')
      .select('id')
      .where('network_id', '=', otherNetwork)
      .execute();
    expect(members).toHaveLength(0);
  });
});
