import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRegion, expectProblem, userIdByEmail } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { type ChainedEntry, entryHash } from '../../core/audit-chain.js';
import { DEMO_REGION_CODE } from '../../demo/seed.js';
import { withTx } from '../../platform/db/database.js';
import { recordAccess } from './record.js';
import { describeBreak, verifyAccessLog } from './verify.js';

let t: TestApp;
let admin: Client;
let regionA: string;
let adminId: string;
let delftOrgId: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn('beheer@delft.demo');
  regionA = (
    await t.db.owner.selectFrom('regions').select('id').where('code', '=', DEMO_REGION_CODE).executeTakeFirstOrThrow()
  ).id;
  adminId = await userIdByEmail(t, 'beheer@delft.demo');
  const me = await admin.get('/api/v1/me');
  delftOrgId = me.body.user.organisation.id;
});
afterAll(async () => {
  await t?.close();
});

const entriesOf = (regionId: string) =>
  t.db.owner.selectFrom('access_log').selectAll().where('region_id', '=', regionId).orderBy('seq').execute();

async function sqlstate(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
    return 'no error';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

/** Writes `n` entries to a region's chain the way the product does (recordAccess in the app role). */
async function writeEntries(regionId: string, n: number) {
  for (let i = 0; i < n; i++) {
    await withTx(t.db, { regionId }, (tx) =>
      recordAccess(
        tx,
        { userId: null, organisationId: null, role: null, regionId, traceId: randomUUID() },
        {
          action: 'read',
          recordType: 'user',
          recordId: null,
          subjects: [{ type: 'user', id: `subject-${i}` }],
          purpose: { type: 'user-administration' },
        },
      ),
    );
  }
}

/** As the owner: switch the append-only trigger off, change the log, switch it on again. */
async function tamper(statement: ReturnType<typeof sql>) {
  await sql`alter table access_log disable trigger access_log_append_only`.execute(t.db.owner);
  try {
    await statement.execute(t.db.owner);
  } finally {
    await sql`alter table access_log enable trigger access_log_append_only`.execute(t.db.owner);
  }
}

describe('every read and change of a user is logged', () => {
  it('a list read writes one entry per listed user, with actor, organisation, role, region, purpose and trace id', async () => {
    const before = (await entriesOf(regionA)).length;
    const res = await admin.get('/api/v1/users?limit=200');
    expect(res.status).toBe(200);
    const entries = (await entriesOf(regionA)).slice(before);
    const ids = res.body.items.map((u: { id: string }) => u.id);
    expect(ids.length).toBeGreaterThan(5);
    expect(entries).toHaveLength(ids.length);
    expect(entries.map((e) => e.subject_id).sort()).toEqual([...ids].sort());
    for (const e of entries) {
      expect(e).toMatchObject({
        region_id: regionA,
        actor_user_id: adminId,
        actor_organisation_id: delftOrgId,
        actor_role: 'admin',
        action: 'read',
        record_type: 'user',
        subject_type: 'user',
        purpose_type: 'user-administration',
        result: 'ok',
      });
    }
    const traceIds = new Set(entries.map((e) => e.trace_id));
    expect(traceIds.size).toBe(1);
    expect([...traceIds][0]).toMatch(/^[0-9a-f]{32}$/);

    await admin.get('/api/v1/users?limit=1');
    const next = (await entriesOf(regionA)).slice(before + ids.length);
    expect(next).toHaveLength(1);
    expect(next[0]?.trace_id).not.toBe([...traceIds][0]);
  });

  it('reading, creating and changing one user each write one entry about that user (creating: and one about the role asked for)', async () => {
    const target = await userIdByEmail(t, 'ggz@ggz.demo');
    let before = (await entriesOf(regionA)).length;
    const read = await admin.get(`/api/v1/users/${target}`);
    expect(read.status).toBe(200);
    let entries = (await entriesOf(regionA)).slice(before);
    expect(entries).toEqual([
      expect.objectContaining({ action: 'read', record_id: target, subject_id: target, actor_user_id: adminId }),
    ]);

    before = (await entriesOf(regionA)).length;
    const created = await admin.post('/api/v1/users', {
      email: 'gelogd@delft.demo',
      name: 'Gelogd',
      role: 'case_coordinator',
      organisationId: delftOrgId,
      initialPassword: 'een-heel-lang-wachtwoord',
    });
    expect(created.status).toBe(201);
    entries = (await entriesOf(regionA)).slice(before);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'create',
        record_type: 'user',
        subject_id: created.body.id,
        purpose_type: 'user-administration',
        actor_role: 'admin',
      }),
      expect.objectContaining({
        action: 'create',
        record_type: 'role_grant',
        subject_id: created.body.id,
        purpose_type: 'user-administration',
      }),
    ]);

    before = (await entriesOf(regionA)).length;
    const u = created.body;
    const updated = await admin.put(`/api/v1/users/${u.id}`, {
      name: 'Gelogd en gewijzigd',
      organisationId: u.organisationId,
      locale: 'en',
      disabled: false,
      version: u.version,
    });
    expect(updated.status).toBe(200);
    entries = (await entriesOf(regionA)).slice(before);
    expect(entries).toEqual([expect.objectContaining({ action: 'update', subject_id: u.id })]);
  });

  it('a refused or failed request leaves no entry', async () => {
    // Signing in is itself logged (issue 15): sign in first, then count.
    const politie = await t.signIn('politie@politie.demo');
    const before = (await entriesOf(regionA)).length;
    expectProblem(await admin.get(`/api/v1/users/${randomUUID()}`), 404, 'NOT_FOUND');
    expectProblem(await politie.get('/api/v1/users'), 403, 'FORBIDDEN');
    expect(await entriesOf(regionA)).toHaveLength(before);
  });

  it('the privacy officer can see who read a person’s data; reading the log is logged too', async () => {
    const target = await userIdByEmail(t, 'ggz@ggz.demo');
    const fg = await t.signIn('fg@delft.demo');
    const before = (await entriesOf(regionA)).length;
    const res = await fg.get(`/api/v1/access-log?subjectId=${target}`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const e of res.body.items) expect(e.subjectId).toBe(target);
    expect(res.body.items.map((e: { actorUserId: string }) => e.actorUserId)).toContain(adminId);
    const entries = (await entriesOf(regionA)).slice(before);
    expect(entries).toEqual([
      expect.objectContaining({
        record_type: 'access_log',
        purpose_type: 'access-log-review',
        actor_role: 'privacy_officer',
      }),
    ]);
  });
});

describe('the access log is append-only', () => {
  it('the app role cannot UPDATE, DELETE or TRUNCATE it', async () => {
    expect((await entriesOf(regionA)).length).toBeGreaterThan(0);
    const before = JSON.stringify(await entriesOf(regionA));
    for (const statement of [
      sql`update access_log set purpose_type = 'nieuwsgierigheid'`,
      sql`delete from access_log`,
      sql`truncate access_log`,
    ]) {
      const code = await sqlstate(() => withTx(t.db, { regionId: regionA }, (tx) => statement.execute(tx)));
      expect(code, statement.compile(t.db.kysely).sql).toBe('42501');
    }
    expect(JSON.stringify(await entriesOf(regionA))).toBe(before);
  });

  it('even the owner cannot change it while the append-only triggers are on', async () => {
    const before = JSON.stringify(await entriesOf(regionA));
    for (const statement of [
      sql`update access_log set purpose_type = 'nieuwsgierigheid' where seq = 1`,
      sql`delete from access_log where seq = 1`,
      sql`truncate access_log`,
    ]) {
      const error = await statement.execute(t.db.owner).then(
        () => 'no error',
        (e: Error) => e.message,
      );
      expect(error, statement.compile(t.db.kysely).sql).toMatch(/append-only/);
    }
    expect(JSON.stringify(await entriesOf(regionA))).toBe(before);
  });

  it('the app role cannot add an entry that does not extend the chain', async () => {
    const head = await t.db.owner
      .selectFrom('access_log_heads')
      .selectAll()
      .where('region_id', '=', regionA)
      .executeTakeFirstOrThrow();
    const forged = (seq: number, prevHash: string) =>
      sqlstate(() =>
        withTx(t.db, { regionId: regionA }, (tx) =>
          tx
            .insertInto('access_log')
            .values({
              region_id: regionA,
              seq,
              occurred_at: new Date(),
              action: 'read',
              record_type: 'user',
              purpose_type: 'vervalst',
              result: 'ok',
              trace_id: 'vervalst',
              prev_hash: prevHash,
              hash: 'f'.repeat(64),
            })
            .execute(),
        ),
      );
    expect(await forged(Number(head.seq) + 5, head.hash)).toBe('40001');
    expect(await forged(Number(head.seq) + 1, '0'.repeat(64))).toBe('40001');
    expect(await forged(Number(head.seq), head.hash)).not.toBe('no error');
    // Nor can it move the head.
    const moved = await sqlstate(() =>
      withTx(t.db, { regionId: regionA }, (tx) =>
        tx.updateTable('access_log_heads').set({ seq: '1' }).where('region_id', '=', regionA).execute(),
      ),
    );
    expect(moved).toBe('42501');
  });
});

describe('the hash chain', () => {
  it('is intact after normal use', async () => {
    const results = await verifyAccessLog(t.db);
    const a = results.find((r) => r.regionId === regionA);
    expect(a?.firstBreak).toBeNull();
    expect(a?.entries).toBe((await entriesOf(regionA)).length);
    expect(results.every((r) => r.firstBreak === null)).toBe(true);
  });

  it('does not fork under concurrent writers: seq stays 1..n without gaps, and verifies', async () => {
    const target = await userIdByEmail(t, 'regisseur@delft.demo');
    const others = await Promise.all([t.signIn('fg@delft.demo'), t.signIn('beheer@delft.demo')]);
    const clients = [admin, ...others];
    const before = (await entriesOf(regionA)).length;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (clients[i % clients.length] as Client).get(`/api/v1/users/${target}`)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const entries = await entriesOf(regionA);
    expect(entries.length).toBe(before + 20);
    expect(entries.map((e) => Number(e.seq))).toEqual(Array.from({ length: entries.length }, (_, i) => i + 1));
    for (let i = 1; i < entries.length; i++) {
      expect(entries[i]?.prev_hash).toBe(entries[i - 1]?.hash);
    }
    expect(new Set(entries.slice(before).map((e) => e.trace_id)).size).toBe(20);
    const result = (await verifyAccessLog(t.db)).find((r) => r.regionId === regionA);
    expect(result).toMatchObject({ firstBreak: null, entries: entries.length });
  });

  it('names a changed entry (kind hash), and only in its own region', async () => {
    const r = await addRegion(t, 'log-hash');
    await writeEntries(r.regionId, 5);
    expect((await verifyAccessLog(t.db)).find((v) => v.regionId === r.regionId)?.firstBreak).toBeNull();
    const victim = (await entriesOf(r.regionId))[2];
    if (!victim) throw new Error('no entry');
    await tamper(sql`update access_log set purpose_type = 'nieuwsgierigheid' where id = ${victim.id}`);
    const results = await verifyAccessLog(t.db);
    const broken = results.find((v) => v.regionId === r.regionId);
    expect(broken?.firstBreak).toEqual({ kind: 'hash', regionId: r.regionId, seq: 3, id: String(victim.id) });
    expect(broken?.entries).toBe(2);
    expect(describeBreak(broken?.firstBreak as NonNullable<typeof broken>['firstBreak'] & object)).toContain(
      `seq 3 (id ${victim.id})`,
    );
    expect(results.find((v) => v.regionId === regionA)?.firstBreak).toBeNull();
  });

  it('names a deleted middle entry (kind gap)', async () => {
    const r = await addRegion(t, 'log-gap');
    await writeEntries(r.regionId, 5);
    await tamper(sql`delete from access_log where region_id = ${r.regionId} and seq = 3`);
    const broken = (await verifyAccessLog(t.db)).find((v) => v.regionId === r.regionId);
    expect(broken?.firstBreak).toEqual({ kind: 'gap', regionId: r.regionId, expectedSeq: 3, foundSeq: 4 });
  });

  it('names deleted newest entries (kind truncated), which the chain alone cannot show', async () => {
    const r = await addRegion(t, 'log-trunc');
    await writeEntries(r.regionId, 5);
    await tamper(sql`delete from access_log where region_id = ${r.regionId} and seq = 5`);
    const broken = (await verifyAccessLog(t.db)).find((v) => v.regionId === r.regionId);
    expect(broken?.firstBreak).toEqual({ kind: 'truncated', regionId: r.regionId, headSeq: 5, lastSeq: 4 });
    expect(broken?.entries).toBe(4);
  });

  it('names the next entry (kind link) when a changed entry was given a matching new hash', async () => {
    const r = await addRegion(t, 'log-link');
    await writeEntries(r.regionId, 4);
    const victim = (await entriesOf(r.regionId))[1];
    if (!victim) throw new Error('no entry');
    // A careful forger changes entry 2 and recomputes its hash: entry 2 checks out, entry 3 no longer links.
    const changed: ChainedEntry = {
      regionId: victim.region_id,
      seq: Number(victim.seq),
      occurredAt: victim.occurred_at.toISOString(),
      actorUserId: victim.actor_user_id,
      actorOrganisationId: victim.actor_organisation_id,
      actorRole: victim.actor_role,
      action: victim.action,
      recordType: victim.record_type,
      recordId: victim.record_id,
      subjectType: victim.subject_type,
      subjectId: 'iemand-anders',
      purposeType: victim.purpose_type,
      purposeId: victim.purpose_id,
      result: victim.result,
      traceId: victim.trace_id,
      prevHash: victim.prev_hash,
    };
    await tamper(
      sql`update access_log set subject_id = 'iemand-anders', hash = ${entryHash(changed)} where id = ${victim.id}`,
    );
    const next = (await entriesOf(r.regionId))[2];
    const broken = (await verifyAccessLog(t.db)).find((v) => v.regionId === r.regionId);
    expect(broken?.firstBreak).toEqual({ kind: 'link', regionId: r.regionId, seq: 3, id: String(next?.id) });
  });
});
