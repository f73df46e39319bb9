/**
 * Access-log review for the privacy officer: filters by organisation, case and record type; CSV
 * export (itself logged); the chain's verification for the officer's region; anomaly views.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { organisationId } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { seedCase } from '../cases/testing.js';
import { exportAccessLog } from '../exports/test-support.js';

let t: TestApp;
let fg: Client;
let director: Client;

beforeAll(async () => {
  t = await startTestApp({ jobs: true });
  [fg, director] = await Promise.all([t.signIn('fg@delft.demo'), t.signIn('regisseur@delft.demo')]);
});
afterAll(async () => {
  vi.useRealTimers();
  await t?.close();
});

describe('access-log review', () => {
  it('filters by case, organisation and record type, and exports CSV (logged)', async () => {
    const c = await seedCase(t.deps);
    expect((await director.get(`/api/v1/cases/${c.caseId}`)).status).toBe(200);
    const byCase = await fg.get(`/api/v1/access-log?caseId=${c.caseId}`);
    expect(byCase.status).toBe(200);
    expect(byCase.body.items.length).toBeGreaterThan(0);
    for (const e of byCase.body.items) expect(e).toMatchObject({ purposeType: 'case', purposeId: c.caseId });
    expect(byCase.body.items.map((e: { subjectId: string }) => e.subjectId)).toContain(c.personId);

    const delft = await organisationId(fg, 'Gemeente Delft');
    const politie = await organisationId(fg, 'Politie');
    const byOrg = await fg.get(`/api/v1/access-log?caseId=${c.caseId}&organisationId=${delft}&recordType=case`);
    expect(byOrg.body.items.length).toBeGreaterThan(0);
    for (const e of byOrg.body.items) expect(e).toMatchObject({ actorOrganisationId: delft, recordType: 'case' });
    const none = await fg.get(`/api/v1/access-log?caseId=${c.caseId}&organisationId=${politie}`);
    expect(none.body.items).toEqual([]);

    const text = await exportAccessLog(fg, { caseId: c.caseId });
    expect(text.split('\n')[0]).toBe(
      'seq,occurredAt,actorUserId,actorName,actorOrganisationId,actorRole,action,recordType,recordId,subjectType,subjectId,purposeType,purposeId,result,traceId',
    );
    expect(text).toContain(c.personId);
    const exported = await fg.get('/api/v1/access-log?action=export&recordType=access_log');
    expect(exported.body.items.length).toBeGreaterThan(0);

    // Only the privacy officer reads the log.
    expect((await director.post('/api/v1/exports', { kind: 'access-log-csv', filters: {} })).status).toBe(403);
    expect((await director.get('/api/v1/access-log/anomalies?kind=break-glass')).status).toBe(403);
  });

  it('verifies the chain of its own region and stores the result', async () => {
    const res = await fg.get('/api/v1/access-log/verification');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ intact: true, firstBreak: null, firstBreakSeq: null });
    expect(res.body.entries).toBeGreaterThan(0);
    const stored = await t.db.owner.selectFrom('access_log_verifications').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ intact: true, entries: String(res.body.entries) });
    // The stored results can be read back without verifying again (the page's "last verified").
    const list = await fg.get('/api/v1/access-log/verifications');
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toEqual({
      verifiedAt: res.body.verifiedAt,
      verifiedByName: 'Femke Gegevensbescherming',
      entries: res.body.entries,
      intact: true,
      firstBreakSeq: null,
    });
    expect((await director.get('/api/v1/access-log/verifications')).status).toBe(403);
  });

  it('shows break-the-glass use and users reading many persons in a day', async () => {
    const a = await seedCase(t.deps);
    const b = await seedCase(t.deps);
    const rijswijk = await t.signIn('regisseur@rijswijk.demo');
    const grant = await rijswijk.post('/api/v1/break-glass', {
      caseId: a.caseId,
      reason: 'Acute melding van de politie, Delft is niet bereikbaar.',
    });
    expect(grant.status).toBe(201);
    const bg = await fg.get('/api/v1/access-log/anomalies?kind=break-glass');
    expect(bg.status).toBe(200);
    expect(bg.body.items.map((i: { entry: { recordId: string } }) => i.entry.recordId)).toContain(a.caseId);

    await director.get(`/api/v1/cases/${a.caseId}`);
    await director.get(`/api/v1/cases/${b.caseId}`);
    const many = await fg.get('/api/v1/access-log/anomalies?kind=many-persons&threshold=1');
    expect(many.status).toBe(200);
    const mine = many.body.items.find((i: { actorName: string }) => i.actorName === 'Pieter de Regisseur');
    expect(mine).toBeDefined();
    expect(mine.distinctPersons).toBeGreaterThan(1);
    expect(mine.activeOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const few = await fg.get('/api/v1/access-log/anomalies?kind=many-persons');
    expect(few.body.items.find((i: { actorName: string }) => i.actorName === 'Pieter de Regisseur')).toBeUndefined();
  });

  it('shows reads outside office hours (Europe/Amsterdam)', async () => {
    const c = await seedCase(t.deps);
    // Saturday 3:00 in Amsterdam: only Date is faked, so the server keeps running.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-21T02:00:00Z'));
    const night = await t.signIn('regisseur@delft.demo');
    expect((await night.get(`/api/v1/cases/${c.caseId}`)).status).toBe(200);
    vi.useRealTimers();
    const res = await fg.get('/api/v1/access-log/anomalies?kind=outside-office-hours&limit=200');
    expect(res.status).toBe(200);
    const entries = res.body.items.map((i: { entry: { purposeId: string; occurredAt: string } }) => i.entry);
    expect(entries.some((e: { purposeId: string }) => e.purposeId === c.caseId)).toBe(true);
    const daytime = await fg.get(
      '/api/v1/access-log/anomalies?kind=outside-office-hours&from=2026-11-23T09:00:00%2B01:00&to=2026-11-23T18:00:00%2B01:00',
    );
    expect(daytime.body.items).toEqual([]);
  });
});
