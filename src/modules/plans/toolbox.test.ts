import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { TOOLBOX_CATEGORIES } from './catalogue.js';
import { createCase, demoRegionId, organisationIdByName } from './test-support.js';

let t: TestApp;
let director: Client;
let admin: Client;

beforeAll(async () => {
  t = await startTestApp();
  director = await t.signIn('regisseur@delft.demo');
  admin = await t.signIn('beheer@delft.demo');
});
afterAll(async () => {
  await t?.close();
});

type Item = {
  id: string;
  code: string;
  category: string;
  targetGroups: string[];
  organisationTypes: string[];
  active: boolean;
  version: number;
};

async function allItems(client: Client, query = ''): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const sep: string = query ? '&' : '';
    const res: { status: number; body: { items: Item[]; nextCursor: string | null } } = await client.get(
      `/api/v1/toolbox?limit=7${sep}${query}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

async function setTwbmt(enabled: boolean) {
  const regionId = await demoRegionId(t);
  await t.deps.db.owner
    .insertInto('region_settings')
    .values({ region_id: regionId, twbmt_enabled: enabled })
    .onConflict((oc) => oc.column('region_id').doUpdateSet({ twbmt_enabled: enabled }))
    .execute();
}

describe('toolbox (instrumentenkoffer)', () => {
  it('is seeded with every category, target groups and organisation types, in catalogue order', async () => {
    const items = await allItems(director);
    const categories = [...new Set(items.map((i) => i.category))];
    expect(categories).toEqual([...TOOLBOX_CATEGORIES]);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(items.map((i) => i.code)).toEqual(
      expect.arrayContaining([
        'criminal_investigation',
        'conditional_release_special_conditions',
        'administrative_report',
        'area_ban_bylaw',
        'closure_of_premises',
        'twbmt_reporting_duty',
        'twbmt_contact_ban',
        'twbmt_area_ban',
        'twbmt_exit_ban',
        'passport_invalidation',
        'passport_alert',
        'care_mental_health',
        'education',
        'work_and_income',
        'housing',
        'mentor_buddy',
        'exit_programme',
        'family_support',
        'debt_counselling',
        'external_expert_duiding',
        'expertise_pool',
      ]),
    );
    for (const i of items) {
      expect(i.targetGroups.length).toBeGreaterThan(0);
      expect(i.organisationTypes.length).toBeGreaterThan(0);
    }
  });

  it('filters by target group, organisation type and category', async () => {
    const family = await allItems(director, 'targetGroup=family_member');
    expect(family.length).toBeGreaterThan(0);
    for (const i of family) expect(i.targetGroups).toContain('family_member');
    expect(family.map((i) => i.code)).toContain('family_support');
    const police = await allItems(director, 'organisationType=police&category=passport');
    expect(police.map((i) => i.code).sort()).toEqual(['passport_alert', 'passport_invalidation']);
    const bad = await director.get('/api/v1/toolbox?targetGroup=anyone&category=magic&limit=0');
    expectProblem(bad, 400);
    expect(pointersOf(bad).sort()).toEqual(['/category', '/limit', '/targetGroup']);
    expectProblem(await director.get('/api/v1/toolbox?cursor=WyJ4Il0'), 400);
  });

  it('hides Twbmt measures and refuses them in plans while the region switch is off', async () => {
    const c = await createCase(t, { partners: [{ organisation: 'Politie', members: ['politie@politie.demo'] }] });
    const plan = await director.post(`/api/v1/cases/${c.caseId}/plan`, {});
    expect(plan.status).toBe(201);
    const twbmt = (await allItems(director, 'category=twbmt')).find((i) => i.code === 'twbmt_reporting_duty');
    expect(twbmt).toBeDefined();
    const politie = await organisationIdByName(t, 'Politie');
    const body = { toolboxItemId: twbmt?.id, responsibleOrganisationId: politie };
    try {
      await setTwbmt(false);
      expect(await allItems(director, 'category=twbmt')).toEqual([]);
      expect((await allItems(director)).some((i) => i.category === 'twbmt')).toBe(false);
      const refused = await director.post(`/api/v1/plans/${plan.body.id}/interventions`, body);
      expectProblem(refused, 422);
      expect(pointersOf(refused)).toEqual(['/toolboxItemId']);
      expect(refused.body.errors[0].code).toBe('twbmt_disabled');
    } finally {
      await setTwbmt(true);
    }
    expect((await allItems(director, 'category=twbmt')).length).toBe(4);
    const allowed = await director.post(`/api/v1/plans/${plan.body.id}/interventions`, body);
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(201);
    expect(allowed.body.toolboxItem.category).toBe('twbmt');
  });

  it('is maintained by the administrator only; stale versions and duplicates are refused', async () => {
    const body = {
      code: 'buurtbemiddeling',
      nameNl: 'Buurtbemiddeling',
      nameEn: 'Neighbourhood mediation',
      category: 'influencing',
      targetGroups: ['radicalised', 'family_member'],
      organisationTypes: ['welfare'],
    };
    expectProblem(await director.post('/api/v1/toolbox', body), 403);
    const created = await admin.post('/api/v1/toolbox', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ ...body, active: true, version: 1, description: null, legalBasis: null });
    const dup = await admin.post('/api/v1/toolbox', body);
    expectProblem(dup, 409);
    expect(pointersOf(dup)).toEqual(['/code']);

    const stale = await admin.patch(`/api/v1/toolbox/${created.body.id}`, { active: false, version: 3 });
    expectProblem(stale, 409, 'STALE_VERSION');
    const off = await admin.patch(`/api/v1/toolbox/${created.body.id}`, { active: false, version: 1 });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ active: false, version: 2 });
    expect((await allItems(director)).map((i) => i.id)).not.toContain(created.body.id);
    expect((await allItems(admin, 'includeInactive=true')).map((i) => i.id)).toContain(created.body.id);
    expectProblem(await director.patch(`/api/v1/toolbox/${created.body.id}`, { active: true, version: 2 }), 403);
    expectProblem(await admin.patch('/api/v1/toolbox/00000000-0000-4000-8000-000000000000', { version: 1 }), 404);

    const bad = await admin.post('/api/v1/toolbox', {
      code: 'Bad Code',
      nameNl: '',
      category: 'nudging',
      targetGroups: [],
      organisationTypes: ['police', 'police'],
      colour: 'red',
    });
    expectProblem(bad, 400);
    expect(pointersOf(bad)).toEqual(
      expect.arrayContaining([
        '/code',
        '/nameNl',
        '/nameEn',
        '/category',
        '/targetGroups',
        '/organisationTypes',
        '/colour',
      ]),
    );
  });

  it('is not for roles without case work or administration', async () => {
    const policy = await t.signIn('beleid@delft.demo');
    expectProblem(await policy.get('/api/v1/toolbox'), 403);
    const fg = await t.signIn('fg@delft.demo');
    expectProblem(await fg.get('/api/v1/toolbox'), 403);
  });
});
