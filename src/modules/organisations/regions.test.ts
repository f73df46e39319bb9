/**
 * A region created through the API starts with the shared catalogues (indicators, the public assessment
 * framework, the toolbox, the programme's action lines and interventions, the training catalogue) —
 * the same ones the demo region has, written in the transaction that creates the region.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { TOOLBOX_CATEGORIES } from '../plans/catalogue.js';
import { ACTION_LINES, INTERVENTIONS } from '../programme/catalogue-data.js';
import { SEED_INDICATORS } from '../signals/catalogue.js';

let t: TestApp;
let admin: Client;
let policy: Client;

beforeAll(async () => {
  t = await startTestApp();
  [admin, policy] = await Promise.all([t.signIn('beheer@delft.demo'), t.signIn('beleid@delft.demo')]);
});
afterAll(async () => {
  await t?.close();
});

type Item = { code?: string | null; name?: string; number?: number; domains?: unknown };
/** A stable identity per catalogue item, sorted, from a list endpoint. */
async function catalogue(client: Client, path: string): Promise<string[]> {
  const res = await client.get(path);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return (res.body.items as Item[]).map((i) => String(i.code ?? i.number ?? i.name)).sort();
}

const CASE_CATALOGUES = ['/api/v1/indicators', '/api/v1/assessment-frameworks', '/api/v1/toolbox?limit=200'];
const PROGRAMME_CATALOGUES = ['/api/v1/action-lines', '/api/v1/interventions?limit=200', '/api/v1/trainings?limit=200'];

describe('creating a region', () => {
  it('seeds every catalogue the demo region has, in the new region only', async () => {
    const demo: Record<string, string[]> = {};
    for (const path of CASE_CATALOGUES) demo[path] = await catalogue(admin, path);
    for (const path of PROGRAMME_CATALOGUES) demo[path] = await catalogue(policy, path);
    const demoRegion = (await admin.get('/api/v1/me')).body.region.id as string;

    const created = await admin.post('/api/v1/regions', { code: 'hollands-midden', name: 'Hollands Midden' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const regionId = created.body.id as string;

    // The admin's organisation (Gemeente Delft) takes part in the new region and its creator is its first
    // admin; other staff of Delft work there once that region grants them a role.
    expect((await admin.put('/api/v1/me/region', { regionId })).status).toBe(200);
    expect((await policy.put('/api/v1/me/region', { regionId })).status).toBe(422);
    const policyId = (await policy.get('/api/v1/me')).body.user.id as string;
    const grant = await admin.post('/api/v1/role-grants', {
      userId: policyId,
      role: 'policy_officer',
      reason: 'Programma in de nieuwe regio',
    });
    expect(grant.status, JSON.stringify(grant.body)).toBe(201);
    expect((await policy.put('/api/v1/me/region', { regionId })).status).toBe(200);
    for (const path of CASE_CATALOGUES) expect(await catalogue(admin, path), path).toEqual(demo[path]);
    for (const path of PROGRAMME_CATALOGUES) expect(await catalogue(policy, path), path).toEqual(demo[path]);

    // Not empty, and the whole seed documents: every indicator, action line and intervention of 001.
    expect(await catalogue(admin, '/api/v1/indicators')).toEqual(SEED_INDICATORS.map((i) => i.code).sort());
    expect(await catalogue(policy, '/api/v1/action-lines')).toEqual(ACTION_LINES.map((l) => String(l.number)).sort());
    expect(await catalogue(policy, '/api/v1/interventions?limit=200')).toEqual(INTERVENTIONS.map((i) => i.code).sort());
    const toolbox = (await admin.get('/api/v1/toolbox?limit=200')).body.items as Array<{ category: string }>;
    expect(new Set(toolbox.map((i) => i.category))).toEqual(new Set(TOOLBOX_CATEGORIES));
    expect(demo['/api/v1/assessment-frameworks']).toHaveLength(1);
    expect(demo['/api/v1/trainings?limit=200']?.length).toBeGreaterThan(0);

    // The rows belong to the new tenant; the demo region's catalogue is untouched.
    const owner = t.db.owner;
    const count = async (table: 'indicators' | 'interventions' | 'toolbox_items' | 'trainings', region: string) =>
      Number(
        (
          await owner
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('region_id', '=', region)
            .executeTakeFirstOrThrow()
        ).n,
      );
    for (const table of ['indicators', 'interventions', 'toolbox_items', 'trainings'] as const) {
      expect(await count(table, regionId), table).toBeGreaterThan(0);
      expect(await count(table, regionId), table).toBe(await count(table, demoRegion));
    }
    await admin.put('/api/v1/me/region', { regionId: demoRegion });
    await policy.put('/api/v1/me/region', { regionId: demoRegion });
  });

  it('writes nothing when the region cannot be created', async () => {
    const before = Number(
      (
        await t.db.owner
          .selectFrom('indicators')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const duplicate = await admin.post('/api/v1/regions', { code: 'hollands-midden', name: 'Nog een keer' });
    expect(duplicate.status).toBe(409);
    const after = Number(
      (
        await t.db.owner
          .selectFrom('indicators')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(after).toBe(before);
  });
});
