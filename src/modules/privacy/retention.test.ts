/**
 * Retention (partial): terms with defaults and admin changes, the dry-run preview (legal hold
 * excepted), and the exactly-once claim of a job run for a period.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { withTx } from '../../platform/db/database.js';
import { actorFor, seedCase } from '../cases/testing.js';
import { claimJobRun, dailyPeriod } from './retention.js';

let t: TestApp;
let admin: Client;
let fg: Client;

beforeAll(async () => {
  t = await startTestApp();
  [admin, fg] = await Promise.all([t.signIn('beheer@delft.demo'), t.signIn('fg@delft.demo')]);
});
afterAll(async () => {
  await t?.close();
});

describe('retention', () => {
  it('has documented defaults the admin can change', async () => {
    const res = await fg.get('/api/v1/retention-terms');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ key: 'case-definitive', termMonths: 60, isDefault: true, version: 0 }),
      expect.objectContaining({ key: 'signal-no-case', termMonths: 12, isDefault: true, version: 0 }),
      expect.objectContaining({ key: 'key-figure-inactive', termMonths: 3, isDefault: true }),
      expect.objectContaining({ key: 'participant-after-session', termMonths: 24, isDefault: true }),
      expect.objectContaining({ key: 'subscriber-unsubscribed', termMonths: 1, isDefault: true }),
      expect.objectContaining({ key: 'access-log-destroyed-subject', termMonths: 24, isDefault: true }),
    ]);
    for (const item of res.body.items) {
      expect(item).toMatchObject({ defaultTermMonths: item.termMonths, defaultSource: item.source });
    }
    expect(
      (await fg.put('/api/v1/retention-terms/signal-no-case', { termMonths: 6, source: 'x', version: 0 })).status,
    ).toBe(403);
    const set = await admin.put('/api/v1/retention-terms/signal-no-case', {
      termMonths: 6,
      source: 'Besluit FG 2026-03',
      version: 0,
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ termMonths: 6, isDefault: false, version: 1 });
    expect(
      (await admin.put('/api/v1/retention-terms/signal-no-case', { termMonths: 7, source: 'x', version: 0 })).status,
    ).toBe(409);
    expect((await (await t.signIn('regisseur@delft.demo')).get('/api/v1/retention-terms')).status).toBe(403);
  });

  it('previews the cases whose term ended, except those on legal hold', async () => {
    const due = await seedCase(t.deps);
    const held = await seedCase(t.deps);
    const director = await actorFor(t.deps, 'regisseur@delft.demo');
    const longAgo = new Date(Date.now() - 6 * 365 * 24 * 3600_000);
    await withTx(t.deps.db, { regionId: director.regionId }, async (tx) => {
      for (const id of [due.caseId, held.caseId]) {
        await tx
          .updateTable('cases')
          .set({ phase: 'closed', closing_kind: 'definitive', closed_at: longAgo, closing_reason: 'Doel bereikt' })
          .where('id', '=', id)
          .execute();
      }
      await tx
        .insertInto('legal_holds')
        .values({
          region_id: director.regionId,
          case_id: held.caseId,
          reason: 'Lopende procedure',
          set_by: director.userId,
        })
        .execute();
    });
    const res = await admin.get('/api/v1/retention/preview');
    expect(res.status).toBe(200);
    const ids = res.body.cases.map((c: { id: string }) => c.id);
    expect(ids).toContain(due.caseId);
    expect(ids).not.toContain(held.caseId);
    expect(res.body.casesOnLegalHold).toBeGreaterThanOrEqual(1);
    // Nothing is destroyed by a preview.
    const person = await t.db.owner
      .selectFrom('persons')
      .select('last_name')
      .where('id', '=', due.personId)
      .executeTakeFirst();
    expect(person?.last_name).toBeTruthy();
  });

  it('lets exactly one of several instances claim a period', async () => {
    const period = dailyPeriod(new Date());
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((instance) => claimJobRun(t.deps, 'retention', period, instance)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await claimJobRun(t.deps, 'retention', period, 'late')).toBe(false);
    const rows = await sql<{ n: string }>`select count(*) as n from job_runs where job = 'retention'`.execute(
      t.db.owner,
    );
    expect(Number(rows.rows[0]?.n)).toBe(1);
  });
});
