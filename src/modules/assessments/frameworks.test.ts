import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { createCase } from '../plans/test-support.js';
import { FRAMEWORK_DOMAINS, PUBLIC_FRAMEWORK_NAME } from './catalogue.js';

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

const NJI_TOP_TEN = [
  'Sociale binding',
  'Kansen voor betrokkenheid',
  'Prosociale normen',
  'Erkenning en waardering voor positief gedrag',
  'Steun van belangrijke volwassenen en voorzieningen in de omgeving',
  'Constructieve tijdsbesteding',
  'Competenties',
  'Cognitieve vaardigheden',
  'Schoolmotivatie',
  'Positieve identiteit',
];

describe('assessment frameworks', () => {
  it('seeds the public framework of seed 003 with the four domains and the NJI top ten, in order', async () => {
    const res = await director.get('/api/v1/assessment-frameworks');
    expect(res.status).toBe(200);
    const framework = res.body.items.find((f: { name: string }) => f.name === PUBLIC_FRAMEWORK_NAME);
    expect(framework).toBeDefined();
    expect(framework.active).toBe(true);
    const domains = [...new Set(framework.factors.map((f: { domain: string }) => f.domain))];
    expect(domains).toEqual([...FRAMEWORK_DOMAINS]);
    const protective = framework.factors.filter((f: { domain: string }) => f.domain === 'protective');
    expect(protective.map((f: { labelNl: string }) => f.labelNl)).toEqual(NJI_TOP_TEN);
    for (const f of framework.factors) {
      expect(f.labelEn.length).toBeGreaterThan(0);
      // Schakel's own wordings: nothing of the licensed instruments.
      expect(`${f.code} ${f.labelNl} ${f.labelEn} ${f.guidance ?? ''}`).not.toMatch(/vera|erg\s?22|trap-?18/i);
    }
    for (const domain of ['security_risk', 'ideological_content', 'vulnerability']) {
      expect(framework.factors.filter((f: { domain: string }) => f.domain === domain).length).toBeGreaterThanOrEqual(5);
    }
    // No weights or positions that could be summed.
    for (const f of framework.factors)
      expect(Object.keys(f).sort()).toEqual(['code', 'domain', 'guidance', 'id', 'labelEn', 'labelNl'].sort());
  });

  it('is readable by case workers and the administrator, not by a policy officer', async () => {
    expect((await admin.get('/api/v1/assessment-frameworks')).status).toBe(200);
    const partner = await t.signIn('politie@politie.demo');
    expect((await partner.get('/api/v1/assessment-frameworks')).status).toBe(200);
    const policy = await t.signIn('beleid@delft.demo');
    expectProblem(await policy.get('/api/v1/assessment-frameworks'), 403);
  });

  it('lets the administrator configure a region framework; others may not', async () => {
    const body = {
      name: 'Eigen kader Haaglanden',
      description: 'Regionaal kader voor een test.',
      factors: [
        { domain: 'security_risk', labelNl: 'Eigen risicofactor', labelEn: 'Own risk factor' },
        { domain: 'protective', code: 'own_protective', labelNl: 'Eigen beschermende factor', labelEn: 'Own factor' },
      ],
    };
    expectProblem(await director.post('/api/v1/assessment-frameworks', body), 403);
    const res = await admin.post('/api/v1/assessment-frameworks', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.factors.map((f: { code: string }) => f.code)).toEqual(['security_risk_1', 'own_protective']);
    expect(res.body.version).toBe(1);

    const stale = await admin.patch(`/api/v1/assessment-frameworks/${res.body.id}`, { active: false, version: 7 });
    expectProblem(stale, 409, 'STALE_VERSION');
    const off = await admin.patch(`/api/v1/assessment-frameworks/${res.body.id}`, { active: false, version: 1 });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect(off.body.version).toBe(2);

    const active = await director.get('/api/v1/assessment-frameworks');
    expect(active.body.items.map((f: { id: string }) => f.id)).not.toContain(res.body.id);
    const all = await director.get('/api/v1/assessment-frameworks?includeInactive=true');
    expect(all.body.items.map((f: { id: string }) => f.id)).toContain(res.body.id);

    // A deactivated framework is not used for new assessments.
    const c = await createCase(t);
    const refused = await director.post('/api/v1/assessments', {
      personId: c.personId,
      caseId: c.caseId,
      frameworkId: res.body.id,
      assessedOn: '2026-02-01',
    });
    expectProblem(refused, 422);
    expect(pointersOf(refused)).toEqual(['/frameworkId']);
  });

  it('names every bad field of a framework', async () => {
    const res = await admin.post('/api/v1/assessment-frameworks', {
      name: '',
      factors: [
        { domain: 'astrology', labelNl: 'x', labelEn: 'x' },
        { domain: 'protective', code: 'dup', labelNl: 'a', labelEn: 'a' },
        { domain: 'protective', code: 'dup', labelNl: 'b', labelEn: 'b', weight: 3 },
      ],
    });
    expectProblem(res, 400, 'INVALID_INPUT');
    expect(pointersOf(res)).toEqual(expect.arrayContaining(['/name', '/factors/0/domain', '/factors/2/weight']));
    const empty = await admin.post('/api/v1/assessment-frameworks', { name: 'Leeg', factors: [] });
    expectProblem(empty, 400);
    expect(pointersOf(empty)).toEqual(['/factors']);
    const dup = await admin.post('/api/v1/assessment-frameworks', {
      name: 'Dubbel',
      factors: [
        { domain: 'protective', code: 'dup', labelNl: 'a', labelEn: 'a' },
        { domain: 'protective', code: 'dup', labelNl: 'b', labelEn: 'b' },
      ],
    });
    expectProblem(dup, 400);
    expect(pointersOf(dup)).toEqual(['/factors/1/code']);
    expectProblem(await admin.patch('/api/v1/assessment-frameworks/not-a-uuid', { version: 1 }), 400);
    expectProblem(
      await admin.patch('/api/v1/assessment-frameworks/00000000-0000-4000-8000-000000000000', { version: 1 }),
      404,
    );
  });
});
