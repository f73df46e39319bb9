import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn('beheer@delft.demo');
});
afterAll(async () => {
  await t?.close();
});

describe('/me', () => {
  it('says whether the role must use a second factor', async () => {
    expect((await admin.get('/api/v1/me')).body.secondFactorRequired).toBe(true);
    const executive = await t.signIn('burgemeester@delft.demo');
    expect((await executive.get('/api/v1/me')).body.secondFactorRequired).toBe(false);
  });

  it('switches to another region of the organisation, and refuses a region it does not take part in', async () => {
    const before = (await admin.get('/api/v1/me')).body;
    const created = await admin.post('/api/v1/regions', { code: 'test-regio-b', name: 'Regio B' });
    expect(created.status).toBe(201);
    const switched = await admin.put('/api/v1/me/region', { regionId: created.body.id });
    expect(switched.status).toBe(200);
    expect(switched.body.region.id).toBe(created.body.id);
    // The new region has no municipalities yet: the tenant scope really changed.
    expect((await admin.get('/api/v1/municipalities')).body.items).toEqual([]);
    const back = await admin.put('/api/v1/me/region', { regionId: before.region.id });
    expect(back.status).toBe(200);
    expect((await admin.get('/api/v1/municipalities')).body.items.length).toBeGreaterThan(0);

    const partner = await t.signIn('politie@politie.demo');
    const refused = await partner.put('/api/v1/me/region', { regionId: created.body.id });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].location.pointer).toBe('/regionId');
    expect((await partner.get('/api/v1/me')).body.region.id).toBe(before.region.id);
  });

  it('an administrator cannot block their own account', async () => {
    const me = (await admin.get('/api/v1/me')).body;
    const self = (await admin.get(`/api/v1/users/${me.user.id}`)).body;
    const res = await admin.put(`/api/v1/users/${me.user.id}`, {
      name: self.name,
      organisationId: self.organisationId,
      locale: self.locale,
      disabled: true,
      version: self.version,
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { location: { pointer: string } }) => e.location.pointer).sort()).toEqual([
      '/disabled',
    ]);
    const after = (await admin.get(`/api/v1/users/${me.user.id}`)).body;
    expect(after.version).toBe(self.version);
    expect(after.disabled).toBe(false);
  });
});
