/**
 * Break-the-glass: refused without a written reason (422 naming /reason); with one, the process
 * director sees the case (where it was 404), the use is in the access log and in the privacy
 * officer's review queue; after expiry the case is gone again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { seedCase } from '../cases/testing.js';

let t: TestApp;
let rijswijk: Client;
let fg: Client;

beforeAll(async () => {
  t = await startTestApp();
  [rijswijk, fg] = await Promise.all([t.signIn('regisseur@rijswijk.demo'), t.signIn('fg@delft.demo')]);
});
afterAll(async () => {
  await t?.close();
});

const REASON = 'Acute dreiging gemeld door de politie; overleg met de Delftse regisseur is niet bereikbaar.';

describe('break-the-glass', () => {
  it('is refused without a reason, or with a reason that says nothing', async () => {
    const c = await seedCase(t.deps);
    const none = await rijswijk.post('/api/v1/break-glass', { caseId: c.caseId });
    expect(none.status).toBe(422);
    expect(pointersOf(none)).toEqual(['/reason']);
    const short = await rijswijk.post('/api/v1/break-glass', { caseId: c.caseId, reason: 'nood' });
    expect(short.status).toBe(422);
    expect(pointersOf(short)).toEqual(['/reason']);
    expect((await rijswijk.get(`/api/v1/cases/${c.caseId}`)).status).toBe(404);
    const grants = await t.db.owner
      .selectFrom('break_glass_grants')
      .selectAll()
      .where('case_id', '=', c.caseId)
      .execute();
    expect(grants).toHaveLength(0);
  });

  it('is only for process directors, and only for cases outside their need-to-know', async () => {
    const c = await seedCase(t.deps);
    const police = await t.signIn('politie@politie.demo');
    expect((await police.post('/api/v1/break-glass', { caseId: c.caseId, reason: REASON })).status).toBe(403);
    const delft = await t.signIn('regisseur@delft.demo');
    const own = await delft.post('/api/v1/break-glass', { caseId: c.caseId, reason: REASON });
    expect(own.status).toBe(422);
    expect(pointersOf(own)).toEqual(['/caseId']);
    const unknown = await rijswijk.post('/api/v1/break-glass', {
      caseId: '00000000-0000-4000-8000-000000000000',
      reason: REASON,
    });
    expect(unknown.status).toBe(404);
  });

  it('opens the case for a limited time, is logged and queued for review', async () => {
    const c = await seedCase(t.deps);
    expect((await rijswijk.get(`/api/v1/cases/${c.caseId}`)).status).toBe(404);

    const res = await rijswijk.post('/api/v1/break-glass', { caseId: c.caseId, reason: REASON });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ caseId: c.caseId, reason: REASON, active: true, reviewedAt: null });
    expect(new Date(res.body.expiresAt).getTime() - new Date(res.body.grantedAt).getTime()).toBe(4 * 3600_000);

    expect((await rijswijk.get(`/api/v1/cases/${c.caseId}`)).status).toBe(200);

    const logged = await t.db.owner
      .selectFrom('access_log')
      .select(['action', 'record_type', 'record_id', 'subject_type', 'subject_id', 'purpose_type', 'purpose_id'])
      .where('action', '=', 'break_glass')
      .where('record_id', '=', c.caseId)
      .execute();
    expect(logged).toEqual([
      {
        action: 'break_glass',
        record_type: 'case',
        record_id: c.caseId,
        subject_type: 'person',
        subject_id: c.personId,
        purpose_type: 'case',
        purpose_id: c.caseId,
      },
    ]);

    const queue = await fg.get('/api/v1/break-glass?status=unreviewed');
    expect(queue.status).toBe(200);
    const queued = queue.body.items.find((g: { id: string }) => g.id === res.body.id);
    expect(queued).toMatchObject({ caseId: c.caseId, userName: 'Rik Regisseur', reason: REASON, reviewedAt: null });

    // The privacy officer reads the log, not the case.
    expect((await fg.get(`/api/v1/cases/${c.caseId}`)).status).toBe(403);
    // Directors cannot read the review queue.
    expect((await rijswijk.get('/api/v1/break-glass')).status).toBe(403);

    const review = await fg.post(`/api/v1/break-glass/${res.body.id}/review`, {
      note: 'Besproken met de regisseur; gerechtvaardigd.',
      version: res.body.version,
    });
    expect(review.status).toBe(200);
    expect(review.body.reviewedAt).not.toBeNull();
    const again = await fg.post(`/api/v1/break-glass/${res.body.id}/review`, { note: 'Nogmaals', version: 1 });
    expect(again.status).toBe(409);
    const unreviewed = await fg.get('/api/v1/break-glass?status=unreviewed');
    expect(unreviewed.body.items.map((g: { id: string }) => g.id)).not.toContain(res.body.id);
    const all = await fg.get('/api/v1/break-glass?status=all');
    expect(all.body.items.map((g: { id: string }) => g.id)).toContain(res.body.id);

    // After four hours the glass is whole again.
    t.clock.advance(4 * 3600_000 + 60_000);
    const later = await t.signIn('regisseur@rijswijk.demo');
    expect((await later.get(`/api/v1/cases/${c.caseId}`)).status).toBe(404);
  });
});
