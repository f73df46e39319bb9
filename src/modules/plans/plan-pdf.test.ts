import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { planFileName } from './plan-pdf.js';
import { accessEntries, createCase, createPerson, organisationIdByName } from './test-support.js';

let t: TestApp;
let director: Client;
let police: Client;

beforeAll(async () => {
  t = await startTestApp();
  director = await t.signIn('regisseur@delft.demo');
  police = await t.signIn('politie@politie.demo');
});
afterAll(async () => {
  await t?.close();
});

/** Raw download: the harness client reads text, a PDF needs bytes. */
async function download(client: Client, path: string) {
  const res = await fetch(`${client.baseUrl}${path}`, { headers: client.cookie ? { cookie: client.cookie } : {} });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('plan of approach as PDF', () => {
  it('is produced with the case reference in its name, never the person, and logged as an export', async () => {
    const person = await createPerson(t, 'Yusuf', 'Voorbeeldnaam');
    const c = await createCase(t, {
      personId: person,
      targetGroup: 'returnee',
      partners: [{ organisation: 'Politie', members: ['politie@politie.demo'] }],
    });
    expectProblem(await director.get(`/api/v1/cases/${c.caseId}/plan.pdf`), 404);
    const plan = await director.post(`/api/v1/cases/${c.caseId}/plan`, {
      problemAnalysis: 'Terugkeer na verblijf in conflictgebied; zorgen over netwerk.',
      goals: [{ text: 'Stabiele woonsituatie' }, { text: 'Zicht op contacten' }],
      nextReviewOn: '2026-06-01',
    });
    const toolbox = await director.get('/api/v1/toolbox?category=influencing&limit=200');
    const housing = toolbox.body.items.find((i: { code: string }) => i.code === 'housing');
    const politie = await organisationIdByName(t, 'Politie');
    await director.post(`/api/v1/plans/${plan.body.id}/interventions`, {
      toolboxItemId: housing.id,
      responsibleOrganisationId: politie,
      startsOn: '2026-02-01',
    });
    await director.post(`/api/v1/cases/${c.caseId}/actions`, {
      title: 'Woningcorporatie benaderen',
      ownerOrganisationId: politie,
      dueOn: '2026-03-01',
    });

    const res = await download(police, `/api/v1/cases/${c.caseId}/plan.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/pdf/);
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toBe(`attachment; filename="${planFileName(c.reference)}"`);
    expect(disposition).toContain(c.reference);
    expect(disposition).not.toMatch(/Yusuf|Voorbeeldnaam/);
    expect(res.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(res.bytes.length).toBeGreaterThan(2000);
    expect(res.bytes.subarray(-8).toString('latin1')).toContain('%%EOF');
    // Uncompressed text would show the name; pdfmake compresses streams, so check the metadata at least.
    expect(res.bytes.toString('latin1')).not.toMatch(/Yusuf|Voorbeeldnaam/);

    const entries = await accessEntries(t, plan.body.id);
    const exports = entries.filter((e) => e.action === 'export');
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({
      record_type: 'plan',
      subject_type: 'person',
      subject_id: person,
      purpose_type: 'case',
      purpose_id: c.caseId,
    });
  });

  it('is not available outside the case (404) nor to roles without case work (403)', async () => {
    const c = await createCase(t);
    await director.post(`/api/v1/cases/${c.caseId}/plan`, {});
    expect((await download(director, `/api/v1/cases/${c.caseId}/plan.pdf`)).status).toBe(200);
    expectProblem(await police.get(`/api/v1/cases/${c.caseId}/plan.pdf`), 404);
    const rijswijk = await t.signIn('regisseur@rijswijk.demo');
    expectProblem(await rijswijk.get(`/api/v1/cases/${c.caseId}/plan.pdf`), 404);
    const policy = await t.signIn('beleid@delft.demo');
    expectProblem(await policy.get(`/api/v1/cases/${c.caseId}/plan.pdf`), 403);
    expectProblem(await director.get('/api/v1/cases/nope/plan.pdf'), 400);
  });
});
