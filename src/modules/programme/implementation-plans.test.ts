import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { addDemoUser, municipalityId } from './test-support.js';

let t: TestApp;
let delft: Client; // policy officer of Delft, the coordinating municipality of district E
let rijswijk: Client; // policy officer of Rijswijk
let delftExecutive: Client;
let rijswijkDirector: Client; // process director of Rijswijk: reports:read, no programme:work
let partner: Client;
const ids = { delft: '', rijswijk: '', westland: '' };
const interventions: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  await addDemoUser(t, 'beleid@rijswijk.test', 'policy_officer', 'Gemeente Rijswijk');
  [delft, rijswijk, delftExecutive, rijswijkDirector, partner] = await Promise.all([
    t.signIn('beleid@delft.demo'),
    t.signIn('beleid@rijswijk.test'),
    t.signIn('burgemeester@delft.demo'),
    t.signIn('regisseur@rijswijk.demo'),
    t.signIn('politie@politie.demo'),
  ]);
  ids.delft = await municipalityId(t, 'Delft');
  ids.rijswijk = await municipalityId(t, 'Rijswijk');
  ids.westland = await municipalityId(t, 'Westland');
  const all = await delft.get('/api/v1/interventions?limit=200');
  for (const i of all.body.items as Array<{ id: string; code: string }>) interventions[i.code] = i.id;
});
afterAll(async () => {
  await t?.close();
});

const YEAR = 2026;

describe('implementation plans', () => {
  let delftPlan: { id: string; version: number };
  let rijswijkPlan: { id: string; version: number };
  let rijswijkLine: { id: string; version: number };

  it('a municipality starts its own plan for a year and adds interventions with numbers and budget', async () => {
    const res = await delft.post('/api/v1/implementation-plans', {
      municipalityId: ids.delft,
      year: YEAR,
      budgetTotalCents: 12_500_000,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      municipality: { id: ids.delft, name: 'Delft' },
      year: YEAR,
      status: 'draft',
      budgetTotalCents: 12_500_000,
      linesBudgetCents: 0,
      lineCount: 0,
      canEdit: true,
      lines: [],
      version: 1,
    });
    delftPlan = res.body;
    const line = await delft.post(`/api/v1/implementation-plans/${delftPlan.id}/lines`, {
      interventionId: interventions['count-me-in'],
      plannedCount: 10,
      actualCount: 4,
      budgetCents: 2_000_000,
      status: 'running',
    });
    expect(line.status, JSON.stringify(line.body)).toBe(201);
    expect(line.body).toMatchObject({
      planId: delftPlan.id,
      intervention: { id: interventions['count-me-in'], name: 'Theatervoorstelling Count me In', actionLine: 2 },
      plannedCount: 10,
      actualCount: 4,
      budgetCents: 2_000_000,
      status: 'running',
      note: null,
      version: 1,
    });
    await delft.post(`/api/v1/implementation-plans/${delftPlan.id}/lines`, {
      interventionId: interventions.contactcirkel,
      plannedCount: 2,
      budgetCents: 150_000,
    });
    await delft.post(`/api/v1/implementation-plans/${delftPlan.id}/lines`, {
      interventionId: interventions.underpressure,
      plannedCount: 5,
      budgetCents: 900_000,
      status: 'cancelled',
      note: 'Geen aanbieder beschikbaar',
    });
    const plan = await delft.get(`/api/v1/implementation-plans/${delftPlan.id}`);
    expect(plan.body.lines.map((l: { intervention: { name: string } }) => l.intervention.name)).toEqual([
      'Contactcirkel',
      'Theatervoorstelling Count me In',
      'Workshoptraject UnderPressure',
    ]);
    expect(plan.body).toMatchObject({ lineCount: 3, linesBudgetCents: 2_150_000 }); // cancelled left out
  });

  it('has one plan per municipality per year and one line per intervention', async () => {
    const again = await delft.post('/api/v1/implementation-plans', { municipalityId: ids.delft, year: YEAR });
    expectProblem(again, 409);
    expect(pointersOf(again)).toEqual(['/year']);
    const line = await delft.post(`/api/v1/implementation-plans/${delftPlan.id}/lines`, {
      interventionId: interventions['count-me-in'],
      plannedCount: 1,
      budgetCents: 0,
    });
    expectProblem(line, 409);
    expect(pointersOf(line)).toEqual(['/interventionId']);
  });

  it('names every bad field and refuses unknown references', async () => {
    const bad = await delft.post('/api/v1/implementation-plans', {
      municipalityId: 'x',
      year: 1999,
      budgetTotalCents: -1,
    });
    expectProblem(bad, 400);
    expect(pointersOf(bad).sort()).toEqual(['/budgetTotalCents', '/municipalityId', '/year']);
    const unknown = await delft.post('/api/v1/implementation-plans', {
      municipalityId: '00000000-0000-4000-8000-000000000000',
      year: YEAR,
    });
    expectProblem(unknown, 422);
    expect(pointersOf(unknown)).toEqual(['/municipalityId']);
    const badLine = await delft.post(`/api/v1/implementation-plans/${delftPlan.id}/lines`, {
      interventionId: interventions.pga,
      plannedCount: -1,
      budgetCents: 1.5,
      status: 'paused',
    });
    expectProblem(badLine, 400);
    expect(pointersOf(badLine).sort()).toEqual(['/budgetCents', '/plannedCount', '/status']);
    const unknownIntervention = await delft.post(`/api/v1/implementation-plans/${delftPlan.id}/lines`, {
      interventionId: '00000000-0000-4000-8000-000000000000',
      plannedCount: 1,
      budgetCents: 0,
    });
    expectProblem(unknownIntervention, 422);
    expect(pointersOf(unknownIntervention)).toEqual(['/interventionId']);
  });

  it('changes a plan and a line with optimistic locking', async () => {
    const adopted = await delft.patch(`/api/v1/implementation-plans/${delftPlan.id}`, {
      status: 'adopted',
      note: 'Vastgesteld door het college',
      version: 1,
    });
    expect(adopted.status).toBe(200);
    expect(adopted.body).toMatchObject({ status: 'adopted', note: 'Vastgesteld door het college', version: 2 });
    expectProblem(
      await delft.patch(`/api/v1/implementation-plans/${delftPlan.id}`, { status: 'draft', version: 1 }),
      409,
    );
    expectProblem(
      await delft.patch(`/api/v1/implementation-plans/${delftPlan.id}`, { status: 'closed', version: 2 }),
      400,
    );
    delftPlan = adopted.body;
  });

  it('another municipality starts its own plan but cannot write one for someone else', async () => {
    expectProblem(await rijswijk.post('/api/v1/implementation-plans', { municipalityId: ids.delft, year: 2027 }), 403);
    // The coordinating municipality sees the district's plans but writes only its own.
    expectProblem(await delft.post('/api/v1/implementation-plans', { municipalityId: ids.rijswijk, year: YEAR }), 403);
    const res = await rijswijk.post('/api/v1/implementation-plans', { municipalityId: ids.rijswijk, year: YEAR });
    expect(res.status).toBe(201);
    rijswijkPlan = res.body;
    const line = await rijswijk.post(`/api/v1/implementation-plans/${rijswijkPlan.id}/lines`, {
      interventionId: interventions['count-me-in'],
      plannedCount: 3,
      actualCount: 3,
      budgetCents: 600_000,
      status: 'done',
    });
    expect(line.status).toBe(201);
    rijswijkLine = line.body;
    await rijswijk.post(`/api/v1/implementation-plans/${rijswijkPlan.id}/lines`, {
      interventionId: interventions['weerbaar-opvoeden'],
      plannedCount: 4,
      budgetCents: 300_000,
    });
  });

  it('a non-coordinating municipality gets 404 for another municipality’s plan and its lines', async () => {
    expectProblem(await rijswijk.get(`/api/v1/implementation-plans/${delftPlan.id}`), 404);
    expectProblem(await rijswijk.patch(`/api/v1/implementation-plans/${delftPlan.id}`, { note: 'x', version: 2 }), 404);
    const delftLines = (await delft.get(`/api/v1/implementation-plans/${delftPlan.id}`)).body.lines;
    expectProblem(
      await rijswijk.post(`/api/v1/implementation-plans/${delftPlan.id}/lines`, {
        interventionId: interventions.pga,
        plannedCount: 1,
        budgetCents: 0,
      }),
      404,
    );
    expectProblem(
      await rijswijk.patch(`/api/v1/implementation-plan-lines/${delftLines[0].id}`, { plannedCount: 0, version: 1 }),
      404,
    );
    expectProblem(await rijswijkDirector.get(`/api/v1/implementation-plans/${delftPlan.id}`), 404);
    const list = await rijswijk.get(`/api/v1/implementation-plans?year=${YEAR}`);
    expect(list.body.items.map((p: { municipality: { name: string } }) => p.municipality.name)).toEqual(['Rijswijk']);
    // Nothing was changed by the refused requests.
    const plan = await delft.get(`/api/v1/implementation-plans/${delftPlan.id}`);
    expect(plan.body).toMatchObject({ version: 2, lineCount: 3 });
  });

  it('the coordinating municipality sees the district’s plans, read-only for the others', async () => {
    const list = await delft.get(`/api/v1/implementation-plans?year=${YEAR}`);
    expect(
      list.body.items.map((p: { municipality: { name: string }; canEdit: boolean }) => [
        p.municipality.name,
        p.canEdit,
      ]),
    ).toEqual([
      ['Delft', true],
      ['Rijswijk', false],
    ]);
    const other = await delft.get(`/api/v1/implementation-plans/${rijswijkPlan.id}`);
    expect(other.status).toBe(200);
    expect(other.body.canEdit).toBe(false);
    expectProblem(await delft.patch(`/api/v1/implementation-plans/${rijswijkPlan.id}`, { note: 'x', version: 1 }), 403);
    expectProblem(
      await delft.patch(`/api/v1/implementation-plan-lines/${rijswijkLine.id}`, { plannedCount: 9, version: 1 }),
      403,
    );
    expectProblem(
      await delft.post(`/api/v1/implementation-plans/${rijswijkPlan.id}/lines`, {
        interventionId: interventions.pga,
        plannedCount: 1,
        budgetCents: 0,
      }),
      403,
    );
    const byMunicipality = await delft.get(`/api/v1/implementation-plans?municipalityId=${ids.rijswijk}`);
    expect(byMunicipality.body.items).toHaveLength(1);
    const paged = await delft.get(`/api/v1/implementation-plans?limit=1`);
    expect(paged.body.nextCursor).not.toBeNull();
    const next = await delft.get(`/api/v1/implementation-plans?limit=1&cursor=${paged.body.nextCursor}`);
    expect(next.body.items[0].id).not.toBe(paged.body.items[0].id);
  });

  it('changes a line of its own plan; a stale version is 409', async () => {
    const res = await rijswijk.patch(`/api/v1/implementation-plan-lines/${rijswijkLine.id}`, {
      actualCount: 2,
      note: 'Eén voorstelling verplaatst',
      version: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      actualCount: 2,
      plannedCount: 3,
      note: 'Eén voorstelling verplaatst',
      version: 2,
    });
    expectProblem(
      await rijswijk.patch(`/api/v1/implementation-plan-lines/${rijswijkLine.id}`, { actualCount: 3, version: 1 }),
      409,
    );
    expectProblem(
      await rijswijk.patch('/api/v1/implementation-plan-lines/00000000-0000-4000-8000-000000000000', {
        actualCount: 3,
        version: 1,
      }),
      404,
    );
  });

  it('gives the coordinating municipality the district comparison with totals per action line', async () => {
    const res = await delft.get(`/api/v1/implementation-plans/district-comparison?year=${YEAR}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.district).toBe('District E');
    expect(res.body.municipalities.map((m: { name: string }) => m.name)).toEqual([
      'Delft',
      'Midden-Delfland',
      'Rijswijk',
      'Westland',
    ]);
    const byName = (name: string) => res.body.municipalities.find((m: { name: string }) => m.name === name);
    expect(byName('Delft').plan).toMatchObject({ id: delftPlan.id, status: 'adopted', budgetTotalCents: 12_500_000 });
    expect(byName('Westland').plan).toBeNull();
    expect(byName('Delft').totals).toEqual({ plannedCount: 12, actualCount: 4, budgetCents: 2_150_000 });
    expect(byName('Rijswijk').totals).toEqual({ plannedCount: 7, actualCount: 2, budgetCents: 900_000 });
    const countMeIn = res.body.interventions.find(
      (i: { intervention: { id: string } }) => i.intervention.id === interventions['count-me-in'],
    );
    expect(countMeIn.cells).toEqual([
      { municipalityId: ids.delft, plannedCount: 10, actualCount: 4, budgetCents: 2_000_000, status: 'running' },
      { municipalityId: ids.rijswijk, plannedCount: 3, actualCount: 2, budgetCents: 600_000, status: 'done' },
    ]);
    expect(countMeIn.totals).toEqual({ plannedCount: 13, actualCount: 6, budgetCents: 2_600_000 });
    const line2 = res.body.actionLines.find((l: { number: number }) => l.number === 2);
    expect(line2.title).toBe('Vergroten weerbaarheid');
    // Count me In in Delft and Rijswijk, Weerbaar opvoeden in Rijswijk; UnderPressure was cancelled.
    expect(line2.totals).toEqual({ plannedCount: 17, actualCount: 6, budgetCents: 2_900_000 });
    expect(line2.cells.find((c: { municipalityId: string }) => c.municipalityId === ids.westland)).toEqual({
      municipalityId: ids.westland,
      plannedCount: 0,
      actualCount: 0,
      budgetCents: 0,
    });
    expect(res.body.actionLines.map((l: { number: number }) => l.number)).toEqual([1, 2, 3, 4]);
    expect(res.body.totals).toEqual({ plannedCount: 19, actualCount: 6, budgetCents: 3_050_000 });
    // The mayor of Delft reads it too (reports:read).
    expect((await delftExecutive.get(`/api/v1/implementation-plans/district-comparison?year=${YEAR}`)).status).toBe(
      200,
    );
    const empty = await delft.get('/api/v1/implementation-plans/district-comparison?year=2030');
    expect(empty.body.totals).toEqual({ plannedCount: 0, actualCount: 0, budgetCents: 0 });
  });

  it('refuses the district comparison to a municipality that does not coordinate', async () => {
    expectProblem(await rijswijk.get(`/api/v1/implementation-plans/district-comparison?year=${YEAR}`), 403);
    expectProblem(await delft.get('/api/v1/implementation-plans/district-comparison'), 400);
  });

  it('403 for roles without the permission', async () => {
    expectProblem(
      await delftExecutive.post('/api/v1/implementation-plans', { municipalityId: ids.delft, year: 2031 }),
      403,
    );
    expectProblem(
      await delftExecutive.patch(`/api/v1/implementation-plans/${delftPlan.id}`, { note: 'x', version: 2 }),
      403,
    );
    expectProblem(await partner.get('/api/v1/implementation-plans'), 403);
    expectProblem(await partner.get(`/api/v1/implementation-plans/${delftPlan.id}`), 403);
    expectProblem(await partner.get(`/api/v1/implementation-plans/district-comparison?year=${YEAR}`), 403);
    // The mayor reads the plans of the district.
    expect((await delftExecutive.get(`/api/v1/implementation-plans/${rijswijkPlan.id}`)).body.canEdit).toBe(false);
  });
});
