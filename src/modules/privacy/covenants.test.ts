/**
 * The covenant register: admins write, admins/privacy officers/process directors read; an
 * organisation without a signed covenant of the region cannot be added to a case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { seedCase } from '../cases/testing.js';

let t: TestApp;
let admin: Client;
let director: Client;

beforeAll(async () => {
  t = await startTestApp();
  [admin, director] = await Promise.all([t.signIn('beheer@delft.demo'), t.signIn('regisseur@delft.demo')]);
});
afterAll(async () => {
  await t?.close();
});

describe('covenant register', () => {
  it('has the demo covenant with every demo organisation, readable by admin, privacy officer and director', async () => {
    const orgs = await admin.get('/api/v1/organisations');
    for (const c of [admin, director, await t.signIn('fg@delft.demo')]) {
      const res = await c.get('/api/v1/covenants');
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0].status).toBe('signed');
      expect(res.body.items[0].parties).toHaveLength(orgs.body.items.length);
    }
    expect((await (await t.signIn('politie@politie.demo')).get('/api/v1/covenants')).status).toBe(403);
    expect((await director.post('/api/v1/covenants', {})).status).toBe(403);
  });

  it('refuses an organisation without a signed covenant on a case, until it signs', async () => {
    const c = await seedCase(t.deps);
    const org = await admin.post('/api/v1/organisations', { name: 'Stichting Buurtwerk', type: 'other' });
    expect(org.status).toBe(201);
    const refused = await director.post(`/api/v1/cases/${c.caseId}/organisations`, { organisationId: org.body.id });
    expect(refused.status).toBe(422);
    expect(pointersOf(refused)).toEqual(['/organisationId']);

    // A draft covenant, or a party that has not signed, is not enough.
    const draft = await admin.post('/api/v1/covenants', {
      title: 'Aanvullend convenant buurtwerk',
      legalBasis: 'Art. 6 lid 1 sub e AVG',
      status: 'draft',
      parties: [{ organisationId: org.body.id, mayShare: ['signals'], mayReceive: [] }],
    });
    expect(draft.status).toBe(201);
    expect(
      (await director.post(`/api/v1/cases/${c.caseId}/organisations`, { organisationId: org.body.id })).status,
    ).toBe(422);

    const noDate = await admin.put(`/api/v1/covenants/${draft.body.id}`, {
      title: draft.body.title,
      legalBasis: draft.body.legalBasis,
      status: 'signed',
      parties: [{ organisationId: org.body.id, mayShare: ['signals'] }],
      version: draft.body.version,
    });
    expect(noDate.status).toBe(422);
    expect(pointersOf(noDate)).toEqual(['/signedOn']);

    const signed = await admin.put(`/api/v1/covenants/${draft.body.id}`, {
      title: draft.body.title,
      legalBasis: draft.body.legalBasis,
      status: 'signed',
      signedOn: '2026-01-05',
      parties: [{ organisationId: org.body.id, signedOn: '2026-01-05', mayShare: ['signals'], mayReceive: [] }],
      version: draft.body.version,
    });
    expect(signed.status).toBe(200);
    expect(signed.body.version).toBe(2);
    const stale = await admin.put(`/api/v1/covenants/${draft.body.id}`, {
      title: 'x',
      legalBasis: 'y',
      status: 'draft',
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(
      (await director.post(`/api/v1/cases/${c.caseId}/organisations`, { organisationId: org.body.id })).status,
    ).toBe(201);
    // A signed covenant cannot be deleted.
    expect((await admin.delete(`/api/v1/covenants/${draft.body.id}`)).status).toBe(409);
  });

  it('names bad parties', async () => {
    const res = await admin.post('/api/v1/covenants', {
      title: 'Fout',
      legalBasis: 'AVG',
      status: 'draft',
      parties: [{ organisationId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(res.status).toBe(422);
    expect(pointersOf(res)).toEqual(['/parties/0/organisationId']);
    const draft = await admin.post('/api/v1/covenants', { title: 'Weg', legalBasis: 'AVG', status: 'draft' });
    expect((await admin.delete(`/api/v1/covenants/${draft.body.id}`)).status).toBe(204);
    expect((await admin.get(`/api/v1/covenants/${draft.body.id}`)).status).toBe(404);
  });
});
