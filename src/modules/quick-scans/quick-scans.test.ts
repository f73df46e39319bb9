import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let policy: Client;
let network: Client;
let executive: Client;
let partner: Client;

beforeAll(async () => {
  t = await startTestApp();
  [policy, network, executive, partner] = await Promise.all([
    t.signIn('beleid@delft.demo'),
    t.signIn('netwerk@delft.demo'),
    t.signIn('burgemeester@delft.demo'),
    t.signIn('ggz@ggz.demo'),
  ]);
});
afterAll(async () => {
  await t?.close();
});

const scan = {
  title: 'Quickscan rechtsextremisme Delft en district',
  theme: 'Rechtsextremisme',
  area: 'Delft en district E',
  commissioner: 'Gemeente Delft',
  researcher: 'Onderzoeksbureau (extern)',
};

describe('quick scans', () => {
  let id: string;

  it('records a quick scan, reads it and lists it', async () => {
    const res = await policy.post('/api/v1/quick-scans', { ...scan, startedOn: '2026-02-01' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      ...scan,
      status: 'planned',
      startedOn: '2026-02-01',
      completedOn: null,
      findings: null,
      recommendedActions: [],
      version: 1,
    });
    id = res.body.id;
    expect((await executive.get(`/api/v1/quick-scans/${id}`)).body.title).toBe(scan.title);
    await network.post('/api/v1/quick-scans', {
      ...scan,
      title: 'Quickscan parallelle samenlevingen Delft',
      theme: 'Parallelle samenlevingen',
      area: 'Delft',
    });
    const list = await executive.get('/api/v1/quick-scans');
    expect(list.body.items.map((s: { title: string }) => s.title)).toEqual([
      'Quickscan parallelle samenlevingen Delft',
      scan.title,
    ]);
    const found = await policy.get(`/api/v1/quick-scans?q=${encodeURIComponent('parallel')}`);
    expect(found.body.items).toHaveLength(1);
    const paged = await policy.get('/api/v1/quick-scans?limit=1');
    const next = await policy.get(`/api/v1/quick-scans?limit=1&cursor=${paged.body.nextCursor}`);
    expect(next.body.items[0].id).toBe(id);
    expect(next.body.nextCursor).toBeNull();
    const forged = Buffer.from(JSON.stringify(['yesterday', id])).toString('base64url');
    expectProblem(await policy.get(`/api/v1/quick-scans?cursor=${forged}`), 400);
  });

  it('completes a scan with findings and recommended actions; a stale version is 409', async () => {
    const res = await policy.patch(`/api/v1/quick-scans/${id}`, {
      status: 'completed',
      completedOn: '2026-05-15',
      findings: 'Beperkte, vooral online activiteit; geen georganiseerde groep zichtbaar in het district.',
      recommendedActions: [
        { text: 'Aandachtsfunctionarissen trainen in online signalen', status: 'in_progress' },
        { text: 'Terugkoppeling aan het SNRP' },
      ],
      version: 1,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: 'completed',
      completedOn: '2026-05-15',
      version: 2,
      recommendedActions: [
        { text: 'Aandachtsfunctionarissen trainen in online signalen', status: 'in_progress' },
        { text: 'Terugkoppeling aan het SNRP', status: 'open' },
      ],
    });
    expectProblem(await policy.patch(`/api/v1/quick-scans/${id}`, { title: 'Oud', version: 1 }), 409);
    const completed = await policy.get('/api/v1/quick-scans?status=completed');
    expect(completed.body.items.map((s: { id: string }) => s.id)).toEqual([id]);
  });

  it('names every bad field at once, including dates that do not fit the status', async () => {
    const bad = await policy.post('/api/v1/quick-scans', {
      title: '',
      theme: 'x',
      area: 'x',
      researcher: 'x',
      status: 'done',
      startedOn: '2026-02-30',
      recommendedActions: [{ text: '', status: 'maybe' }],
    });
    expectProblem(bad, 400);
    expect(pointersOf(bad)).toEqual(
      expect.arrayContaining([
        '/title',
        '/commissioner',
        '/status',
        '/startedOn',
        '/recommendedActions/0/text',
        '/recommendedActions/0/status',
      ]),
    );
    const noDate = await policy.post('/api/v1/quick-scans', { ...scan, status: 'completed' });
    expectProblem(noDate, 400);
    expect(pointersOf(noDate)).toEqual(['/completedOn']);
    const backwards = await policy.patch(`/api/v1/quick-scans/${id}`, { startedOn: '2026-06-01', version: 2 });
    expectProblem(backwards, 400);
    expect(pointersOf(backwards)).toEqual(['/completedOn']);
    expect((await policy.get(`/api/v1/quick-scans/${id}`)).body).toMatchObject({ startedOn: '2026-02-01', version: 2 });
  });

  it('removes a quick scan; unknown ones are 404', async () => {
    const extra = await policy.post('/api/v1/quick-scans', { ...scan, title: 'Per ongeluk' });
    const del = await policy.delete(`/api/v1/quick-scans/${extra.body.id}`);
    expect(del.status).toBe(204);
    expectProblem(await policy.get(`/api/v1/quick-scans/${extra.body.id}`), 404);
    expectProblem(await policy.delete(`/api/v1/quick-scans/${extra.body.id}`), 404);
    expectProblem(await policy.patch(`/api/v1/quick-scans/${extra.body.id}`, { title: 'x', version: 1 }), 404);
  });

  it('403 for roles without the permission', async () => {
    expectProblem(await executive.post('/api/v1/quick-scans', scan), 403);
    expectProblem(await executive.patch(`/api/v1/quick-scans/${id}`, { title: 'x', version: 2 }), 403);
    expectProblem(await executive.delete(`/api/v1/quick-scans/${id}`), 403);
    expectProblem(await partner.get('/api/v1/quick-scans'), 403);
    expectProblem(await partner.get(`/api/v1/quick-scans/${id}`), 403);
  });
});
