import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { can, ROLES } from '../../core/roles.js';
import { INTERVENTIONS } from './catalogue-data.js';

let t: TestApp;
let policy: Client;
let executive: Client;
let partner: Client;

beforeAll(async () => {
  t = await startTestApp();
  [policy, executive, partner] = await Promise.all([
    t.signIn('beleid@delft.demo'),
    t.signIn('burgemeester@delft.demo'),
    t.signIn('politie@politie.demo'),
  ]);
});
afterAll(async () => {
  await t?.close();
});

type Intervention = {
  id: string;
  code: string | null;
  name: string;
  actionLine: { number: number; title: string };
  goal: string;
  targetGroupDirect: string;
  targetGroupIndirect: string | null;
  execution: string;
  provider: string;
  protectiveFactors: Array<{ code: number; label: string }>;
  aspects: string[];
  evaluationTypes: string[];
  version: number;
};

async function allInterventions(client: Client, query = ''): Promise<Intervention[]> {
  const items: Intervention[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: { items: Intervention[]; nextCursor: string | null } } = await client.get(
      `/api/v1/interventions?limit=6${query}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

/** Every intervention in the tables of seed 001 (implementation plan Delft 2020), by action line. */
const SEED_001 = [
  [1, 'Contactcirkel'],
  [2, 'Quickscan rechtsextremisme Delft en district'],
  [2, 'Quickscan parallelle samenlevingen Delft'],
  [2, 'Strategisch Netwerk Radicalisering en Polarisatie (SNRP)'],
  [2, 'BOUNCE up (train-de-trainer) en BOUNCE young'],
  [2, 'Theatervoorstelling Count me In'],
  [2, 'Workshoptraject UnderPressure'],
  [2, 'Weerbaar opvoeden'],
  [3, 'Werkbijeenkomsten aandachtsfunctionarissen radicalisering'],
  [3, 'RoR-training links- en rechtsextremisme'],
  [3, 'RoR-jeugd'],
  [3, 'Driedaagse Behr-training multicultureel vakmanschap en radicalisering'],
  [3, 'Terugkomdag Behr-training multicultureel vakmanschap en radicalisering'],
  [3, 'RoR-training Potentieel Gewelddadige Eenling (PGE)'],
  [3, 'RoR-basistraining radicalisering en extremisme'],
  [3, 'Nieuwsbrief trends en actualiteiten radicalisering en polarisatie'],
  [4, 'PGA'],
  [4, 'Expertisepool'],
  [4, 'Duiding'],
  [4, 'Informatieanalyse'],
] as const;

describe('action lines and the intervention catalogue', () => {
  it('has the four action lines of seed 001 with their exact titles', async () => {
    const res = await policy.get('/api/v1/action-lines');
    expect(res.status).toBe(200);
    expect(res.body.items.map((l: { number: number; title: string }) => [l.number, l.title])).toEqual([
      [1, 'Verminderen maatschappelijke onrust en ongewenste polarisatie'],
      [2, 'Vergroten weerbaarheid'],
      [3, 'Bevorderen deskundigheid'],
      [4, 'Persoonsgerichte aanpak'],
    ]);
    expect(res.body.items.map((l: { interventionCount: number }) => l.interventionCount)).toEqual([1, 7, 8, 4]);
    expect(res.body.items[3].aspects).toEqual(['signalling', 'preventing', 'intervening']);
  });

  it('holds every intervention of the tables of seed 001 with goal, target group and execution', async () => {
    const items = await allInterventions(policy);
    expect(items).toHaveLength(SEED_001.length);
    expect(INTERVENTIONS).toHaveLength(SEED_001.length);
    for (const [line, name] of SEED_001) {
      const item = items.find((i) => i.name === name);
      expect(item, name).toBeDefined();
      expect(item?.actionLine.number, name).toBe(line);
      for (const field of ['goal', 'targetGroupDirect', 'execution'] as const) {
        expect(item?.[field].trim().length, `${name}: ${field}`).toBeGreaterThan(10);
      }
      expect(item?.provider.trim(), name).not.toBe('');
      expect(item?.aspects.length, name).toBeGreaterThan(0);
    }
    // In catalogue order: action line, then name.
    const order = items.map((i) => [i.actionLine.number, i.name] as const);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)));
  });

  it('keeps the protective factors, aspects and evaluation types of the seed', async () => {
    const items = await allInterventions(policy);
    const byName = (name: string) => items.find((i) => i.name === name) as Intervention;
    const codes = (name: string) => byName(name).protectiveFactors.map((f) => f.code);
    expect(codes('Strategisch Netwerk Radicalisering en Polarisatie (SNRP)')).toEqual([2, 5, 6, 7, 10]);
    expect(codes('Theatervoorstelling Count me In')).toEqual([1, 3, 4, 5, 6, 10]);
    expect(codes('Workshoptraject UnderPressure')).toEqual([4, 5, 6, 10]);
    expect(byName('Weerbaar opvoeden').protectiveFactors).toEqual([
      { code: 5, label: 'Steun van belangrijke volwassenen en voorzieningen in de omgeving' },
    ]);
    expect(byName('Contactcirkel').evaluationTypes).toEqual(['process']);
    expect(byName('Contactcirkel').execution).toMatch(/burgemeester/);
    expect(byName('BOUNCE up (train-de-trainer) en BOUNCE young').targetGroupIndirect).toMatch(/10-13 jaar/);
    expect(byName('PGA').aspects).toContain('intervening');
    const factors = await policy.get('/api/v1/protective-factors');
    expect(factors.body.items).toHaveLength(10);
    expect(factors.body.items[9]).toEqual({ code: 10, label: 'Positieve identiteit' });
  });

  it('filters by action line and searches the texts', async () => {
    const line3 = await allInterventions(policy, '&actionLine=3');
    expect(line3).toHaveLength(8);
    expect(line3.every((i) => i.actionLine.number === 3)).toBe(true);
    const fake = await allInterventions(policy, `&q=${encodeURIComponent('nepnieuws')}`);
    expect(fake.map((i) => i.name)).toEqual(['Workshoptraject UnderPressure']);
    const ror = await allInterventions(policy, '&q=RoR&actionLine=3');
    expect(ror.map((i) => i.name)).toContain('RoR-jeugd');
    // Wildcards in the search text are taken literally.
    expect(await allInterventions(policy, `&q=${encodeURIComponent('%_')}`)).toEqual([]);
  });

  it('filters by aspect, protective factor and target group, alone and together', async () => {
    const names = (list: Intervention[]) => list.map((i) => i.name).sort();
    const expected = (keep: (i: (typeof INTERVENTIONS)[number]) => boolean) =>
      INTERVENTIONS.filter(keep)
        .map((i) => i.name)
        .sort();
    const intervening = await allInterventions(policy, '&aspect=intervening');
    expect(intervening.length).toBeGreaterThan(0);
    expect(names(intervening)).toEqual(expected((i) => (i.aspects as readonly string[]).includes('intervening')));
    const factor5 = await allInterventions(policy, '&protectiveFactor=5');
    expect(names(factor5)).toEqual(expected((i) => (i.protectiveFactors as readonly number[]).includes(5)));
    const parents = await allInterventions(policy, `&targetGroup=${encodeURIComponent('ouders')}`);
    expect(names(parents)).toContain('Weerbaar opvoeden');
    expect(names(parents)).toEqual(
      expected((i) => `${i.targetGroupDirect} ${i.targetGroupIndirect ?? ''}`.toLowerCase().includes('ouders')),
    );
    // The target group filter does not search the goal or the execution.
    const goalOnly = await allInterventions(policy, `&targetGroup=${encodeURIComponent('nepnieuws')}`);
    expect(goalOnly).toEqual([]);
    const both = await allInterventions(policy, '&aspect=preventing&actionLine=2&protectiveFactor=5');
    expect(both.every((i) => i.actionLine.number === 2 && i.aspects.includes('preventing'))).toBe(true);
    expect(names(both)).toEqual(
      expected(
        (i) =>
          i.actionLine === 2 &&
          (i.aspects as readonly string[]).includes('preventing') &&
          (i.protectiveFactors as readonly number[]).includes(5),
      ),
    );
    expectProblem(await policy.get('/api/v1/interventions?aspect=repressing'), 400);
    expectProblem(await policy.get('/api/v1/interventions?protectiveFactor=11'), 400);
  });

  it('reads one intervention; an unknown id is 404', async () => {
    const [first] = await allInterventions(policy, '&actionLine=1');
    const res = await executive.get(`/api/v1/interventions/${first?.id}`);
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Contactcirkel');
    expectProblem(await policy.get('/api/v1/interventions/00000000-0000-4000-8000-000000000000'), 404);
  });

  it('adds and changes an intervention with optimistic locking', async () => {
    const created = await policy.post('/api/v1/interventions', {
      actionLine: 2,
      name: 'Dialoogtafels in de wijk',
      goal: 'Bewoners gaan met elkaar in gesprek over spanningen in de wijk.',
      targetGroupDirect: 'Bewoners van de wijk',
      execution: 'Vier dialoogtafels per jaar onder leiding van een gespreksleider.',
      provider: 'Welzijnsorganisatie',
      protectiveFactors: [1, 2],
      aspects: ['preventing'],
      evaluationTypes: ['process'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ version: 1, active: true, targetGroupIndirect: null });
    const changed = await policy.patch(`/api/v1/interventions/${created.body.id}`, {
      actionLine: 1,
      protectiveFactors: [3],
      version: 1,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, actionLine: { number: 1 }, name: 'Dialoogtafels in de wijk' });
    expect(changed.body.protectiveFactors).toEqual([{ code: 3, label: 'Prosociale normen' }]);
    expectProblem(await policy.patch(`/api/v1/interventions/${created.body.id}`, { name: 'Oud', version: 1 }), 409);
    const retired = await policy.patch(`/api/v1/interventions/${created.body.id}`, { active: false, version: 2 });
    expect(retired.body.active).toBe(false);
    expect((await allInterventions(policy)).some((i) => i.id === created.body.id)).toBe(false);
    expect((await allInterventions(policy, '&includeInactive=true')).some((i) => i.id === created.body.id)).toBe(true);
  });

  it('names every bad field of an intervention at once', async () => {
    const res = await policy.post('/api/v1/interventions', {
      actionLine: 0,
      name: '',
      goal: 'x',
      targetGroupDirect: 'x',
      execution: 'x',
      provider: 'x',
      protectiveFactors: [11, 1, 1],
      aspects: ['repressing'],
      colour: 'red',
    });
    expectProblem(res, 400);
    expect(pointersOf(res)).toEqual(
      expect.arrayContaining(['/actionLine', '/name', '/protectiveFactors/0', '/aspects/0', '/colour']),
    );
    const unknownLine = await policy.post('/api/v1/interventions', {
      actionLine: 9,
      name: 'n',
      goal: 'g',
      targetGroupDirect: 't',
      execution: 'e',
      provider: 'p',
    });
    expectProblem(unknownLine, 422);
    expect(pointersOf(unknownLine)).toEqual(['/actionLine']);
  });

  it('lets only programme:work change the catalogue and keeps roles without reports:read out', async () => {
    const body = { actionLine: 1, name: 'n', goal: 'g', targetGroupDirect: 't', execution: 'e', provider: 'p' };
    expectProblem(await executive.post('/api/v1/interventions', body), 403);
    const [first] = await allInterventions(policy, '&actionLine=1');
    expectProblem(await executive.patch(`/api/v1/interventions/${first?.id}`, { name: 'x', version: 1 }), 403);
    expectProblem(await partner.get('/api/v1/interventions'), 403);
    expectProblem(await partner.get('/api/v1/action-lines'), 403);
  });

  it('declares reads as reports:read because every role with programme:work also has reports:read', () => {
    for (const role of ROLES) {
      if (can(role, 'programme:work')) expect(can(role, 'reports:read'), role).toBe(true);
    }
  });
});

describe('evaluations of interventions', () => {
  let interventionId: string;
  beforeAll(async () => {
    const items = await allInterventions(policy, `&q=${encodeURIComponent('Count me In')}`);
    interventionId = items[0]?.id as string;
  });

  it('records, reads, lists, filters and changes an evaluation', async () => {
    const created = await policy.post('/api/v1/evaluations', {
      interventionId,
      kind: 'process',
      title: 'Procesevaluatie voorstellingen najaar',
      conductedOn: '2025-12-01',
      findings: 'Negen van de tien voorstellingen gingen door; het nagesprek werkte het best in kleine groepen.',
      followUpActions: [
        { text: 'Nagesprek in kleinere groepen plannen', owner: 'Stichting School en Veiligheid', done: false },
        { text: 'Docenten vooraf trainen', dueOn: '2026-03-01', done: true },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'process',
      version: 1,
      intervention: { id: interventionId, name: 'Theatervoorstelling Count me In', actionLine: 2 },
      followUpActions: [
        {
          text: 'Nagesprek in kleinere groepen plannen',
          owner: 'Stichting School en Veiligheid',
          dueOn: null,
          done: false,
        },
        { text: 'Docenten vooraf trainen', owner: null, dueOn: '2026-03-01', done: true },
      ],
    });
    const id = created.body.id;
    expect((await executive.get(`/api/v1/evaluations/${id}`)).body.title).toBe('Procesevaluatie voorstellingen najaar');

    await policy.post('/api/v1/evaluations', {
      interventionId,
      kind: 'plan',
      title: 'Planevaluatie',
      conductedOn: '2025-01-15',
      findings: 'Het plan sluit aan bij de vraag van de scholen.',
    });
    const list = await policy.get(`/api/v1/evaluations?interventionId=${interventionId}`);
    expect(list.body.items.map((e: { kind: string }) => e.kind)).toEqual(['process', 'plan']); // newest first
    const plans = await policy.get(`/api/v1/evaluations?interventionId=${interventionId}&kind=plan`);
    expect(plans.body.items).toHaveLength(1);
    const paged = await policy.get(`/api/v1/evaluations?interventionId=${interventionId}&limit=1`);
    const next = await policy.get(
      `/api/v1/evaluations?interventionId=${interventionId}&limit=1&cursor=${paged.body.nextCursor}`,
    );
    expect(next.body.items[0].kind).toBe('plan');
    expect(next.body.nextCursor).toBeNull();

    const changed = await policy.patch(`/api/v1/evaluations/${id}`, {
      followUpActions: [{ text: 'Nagesprek in kleinere groepen plannen', done: true }],
      version: 1,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, kind: 'process' });
    expect(changed.body.followUpActions).toEqual([
      { text: 'Nagesprek in kleinere groepen plannen', owner: null, dueOn: null, done: true },
    ]);
    expectProblem(await policy.patch(`/api/v1/evaluations/${id}`, { title: 'Oud', version: 1 }), 409);
    expect((await policy.get(`/api/v1/evaluations/${id}`)).body.version).toBe(2);
  });

  it('names every bad field of an evaluation at once', async () => {
    const res = await policy.post('/api/v1/evaluations', {
      interventionId: 'not-a-uuid',
      kind: 'impact',
      title: '',
      conductedOn: '2025-13-01',
      findings: '',
      followUpActions: [{ text: '', done: 'no' }],
    });
    expectProblem(res, 400);
    expect(pointersOf(res)).toEqual(
      expect.arrayContaining([
        '/interventionId',
        '/kind',
        '/title',
        '/conductedOn',
        '/findings',
        '/followUpActions/0/text',
        '/followUpActions/0/done',
      ]),
    );
    expectProblem(await policy.post('/api/v1/evaluations', {}), 400);
  });

  it('refuses an evaluation in the future of an unknown intervention, naming both rules', async () => {
    const res = await policy.post('/api/v1/evaluations', {
      interventionId: '00000000-0000-4000-8000-000000000000',
      kind: 'effect',
      title: 'Effectevaluatie',
      conductedOn: '2999-01-01',
      findings: 'Nog niet uitgevoerd.',
    });
    expectProblem(res, 422);
    expect(pointersOf(res).sort()).toEqual(['/conductedOn', '/interventionId']);
    expect((await policy.get('/api/v1/evaluations?kind=effect')).body.items).toEqual([]);
  });

  it('is 404 for an unknown evaluation and 403 for roles without the permission', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expectProblem(await policy.get(`/api/v1/evaluations/${missing}`), 404);
    expectProblem(await policy.patch(`/api/v1/evaluations/${missing}`, { title: 'x', version: 1 }), 404);
    const body = { interventionId, kind: 'plan', title: 't', conductedOn: '2025-01-01', findings: 'f' };
    expectProblem(await executive.post('/api/v1/evaluations', body), 403);
    expectProblem(await partner.get('/api/v1/evaluations'), 403);
  });
});
