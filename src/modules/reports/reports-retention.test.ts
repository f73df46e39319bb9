/**
 * A report over a period whose records the retention job destroyed counts the same as before: the
 * queries add the anonymous statistics (retention_statistics, migration 0010) to the live rows, in SQL,
 * before the small-cell guard. Signals per month are the exception that is allowed: the statistics keep
 * a quarter, not a month, so destroyed signals move to a "month not kept" row of their quarter. The
 * snapshot tables (cases by phase, by escalation level) do not count destroyed cases (docs/privacy.md).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { demoRegionId } from '../plans/test-support.js';
import { runRetention } from '../privacy/destruction.js';

const YEAR = 2017;

let t: TestApp;
let policy: Client;
let regionId: string;

type Section = {
  key: string;
  basis: string;
  rows: Array<{ key: string; label: string; isTotal: boolean; values: Array<number | string> }>;
};
type Report = { sections: Section[] };

const section = (report: Report, key: string) => {
  const s = report.sections.find((x) => x.key === key);
  if (!s) throw new Error(`no section ${key}`);
  return s;
};
const row = (s: Section, key: string) => {
  const r = s.rows.find((x) => x.key === key);
  if (!r) throw new Error(`no row ${key} in ${s.key}`);
  return r;
};

const yearsAgo = (years: number) => new Date(Date.now() - years * 365.25 * 24 * 3600_000);

/** The facts of the year, written as the owner: some due for destruction, some not. */
async function seed() {
  const owner = t.db.owner;
  const one = async (table: 'users' | 'municipalities' | 'organisations', column: string, value: string) =>
    (await sql<{ id: string }>`select id from ${sql.table(table)} where ${sql.ref(column)} = ${value}`.execute(owner))
      .rows[0]?.id as string;
  const director = await one('users', 'email', 'regisseur@delft.demo');
  const delft = await one('municipalities', 'name', 'Delft');
  const police = await one('organisations', 'name', 'Politie');

  const signal = async (receivedOn: string, ideology: string, due: 'decided' | 'closed' | 'live') => {
    const s = await owner
      .insertInto('signals')
      .values({
        region_id: regionId,
        reference: `RR-${randomUUID().slice(0, 8)}`,
        municipality_id: delft,
        source_organisation_id: police,
        received_on: receivedOn,
        ideology,
        urgency: 'normal',
        description: 'Fictieve melding voor de bewaartermijntest',
        created_by: director,
        ...(due === 'closed' ? { status: 'closed', closed_at: yearsAgo(3) } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (due === 'decided') {
      await owner
        .insertInto('triage_decisions')
        .values({
          region_id: regionId,
          signal_id: s.id,
          decision: 'handle_locally',
          rationale: 'Fictief besluit',
          decided_by: director,
          decided_at: new Date(`${receivedOn}T12:00:00Z`),
        })
        .execute();
      await owner.updateTable('signals').set({ status: 'decided' }).where('id', '=', s.id).execute();
    }
  };
  for (let i = 0; i < 7; i++) await signal(`${YEAR}-02-11`, 'jihadist', 'decided');
  for (let i = 0; i < 6; i++) await signal(`${YEAR}-05-03`, 'right_wing', 'closed');
  for (let i = 0; i < 5; i++) await signal(`${YEAR}-05-20`, 'right_wing', 'live');
  for (let i = 0; i < 2; i++) await signal(`${YEAR}-08-20`, 'left_wing', 'decided');

  const kase = async (targetGroup: string, openedAt: string, destroyed: boolean) => {
    const person = await owner
      .insertInto('persons')
      .values({ region_id: regionId, first_name: 'Fictief', last_name: 'Bewaar', search_name: 'fictief bewaar' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await owner
      .insertInto('cases')
      .values({
        region_id: regionId,
        reference: `RR-${randomUUID().slice(0, 8)}`,
        subject_person_id: person.id,
        target_group: targetGroup,
        ideology: 'jihadist',
        directing_municipality_id: delft,
        process_director_id: director,
        opened_at: openedAt,
        ...(destroyed
          ? { phase: 'closed', closing_kind: 'definitive', closed_at: yearsAgo(6), closing_reason: 'Doel bereikt' }
          : {}),
      })
      .execute();
  };
  for (let i = 0; i < 6; i++) await kase('radicalised', `${YEAR}-04-10T10:00:00Z`, true);
  for (let i = 0; i < 5; i++) await kase('radicalised', `${YEAR}-05-10T10:00:00Z`, false);
  for (let i = 0; i < 3; i++) await kase('returnee', `${YEAR}-10-10T10:00:00Z`, true);

  const training = await owner
    .insertInto('trainings')
    .values({
      region_id: regionId,
      code: `rr-${randomUUID().slice(0, 8)}`,
      name: 'Fictief',
      kind: 'youth',
      provider: 'X',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const session = await owner
    .insertInto('training_sessions')
    .values({ region_id: regionId, training_id: training.id, held_on: `${YEAR}-03-15`, created_by: director })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < 8; i++) {
    await owner
      .insertInto('training_participants')
      .values({
        region_id: regionId,
        session_id: session.id,
        name: `Deelnemer ${i}`,
        organisation_id: police,
        attended: i < 6,
      })
      .execute();
  }
}

async function live() {
  const r = await sql<{ signals: number; decisions: number; cases: number; participants: number }>`
    select
      (select count(*) from signals where region_id = ${regionId} and extract(year from received_on) = ${YEAR})::int as signals,
      (select count(*) from triage_decisions d join signals s on s.id = d.signal_id
        where d.region_id = ${regionId} and extract(year from s.received_on) = ${YEAR})::int as decisions,
      (select count(*) from cases where region_id = ${regionId} and extract(year from opened_at) = ${YEAR})::int as cases,
      (select count(*) from training_participants p join training_sessions s on s.id = p.session_id
        where p.region_id = ${regionId} and extract(year from s.held_on) = ${YEAR})::int as participants
  `.execute(t.db.owner);
  return r.rows[0];
}

beforeAll(async () => {
  t = await startTestApp();
  regionId = await demoRegionId(t);
  policy = await t.signIn('beleid@delft.demo');
  // The year is empty in the demo region: the test's facts are the only ones.
  expect(await live()).toEqual({ signals: 0, decisions: 0, cases: 0, participants: 0 });
  await seed();
});
afterAll(async () => {
  await t?.close();
});

describe('a report over a period with destroyed records', () => {
  it('counts the same before and after the retention job destroyed them', async () => {
    const before = await policy.get(`/api/v1/reports/annual?year=${YEAR}`);
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(await live()).toEqual({ signals: 20, decisions: 9, cases: 14, participants: 8 });

    const run = await runRetention(t.deps, { period: 'test-reports' });
    expect(run).not.toBeNull();
    // What was due is gone: the decided and closed signals, the definitively closed cases, the participants.
    expect(await live()).toEqual({ signals: 5, decisions: 0, cases: 5, participants: 0 });

    const after = await policy.get(`/api/v1/reports/annual?year=${YEAR}`);
    expect(after.status, JSON.stringify(after.body)).toBe(200);
    const b = before.body as Report;
    const a = after.body as Report;

    for (const key of [
      'signals-by-ideology',
      'triage-decisions',
      'cases-by-target-group',
      'cases-by-ideology',
      'training-participants',
    ]) {
      expect(section(a, key), key).toEqual(section(b, key));
    }
    // Spot checks that the sections really hold the destroyed records.
    expect(row(section(a, 'signals-by-ideology'), 'total').values).toEqual([7, 11, '<5', 0, 'x']);
    expect(row(section(a, 'triage-decisions'), 'handle_locally').values).toEqual([7, 0, '<5', 0, 'x']);
    expect(row(section(a, 'cases-by-target-group'), 'radicalised').values).toEqual([0, 11, 0, 0, 11]);
    expect(row(section(a, 'training-participants'), 'youth').values).toEqual([6, 0, 0, 0, 6]);

    // Signals per month: the destroyed ones keep their quarter, not their month.
    const monthsBefore = section(b, 'signals-per-month');
    const monthsAfter = section(a, 'signals-per-month');
    expect(row(monthsAfter, 'total').values).toEqual(row(monthsBefore, 'total').values);
    expect(row(monthsAfter, 'total').values).toEqual(['x']); // 2 signals in Q3: its total is "<5"
    expect(row(monthsAfter, 'q3-destroyed').values).toEqual(['<5']);
    expect(row(monthsBefore, 'm2').values).toEqual([7]);
    expect(row(monthsAfter, 'm2').values).toEqual([0]);
    expect(row(monthsAfter, 'q1-destroyed').values).toEqual([7]);
    expect(row(monthsAfter, 'm5').values).toEqual([5]);
    expect(row(monthsAfter, 'q2-destroyed').values).toEqual([6]);
    expect(monthsAfter.rows.map((r) => r.key)).toEqual([
      'm1',
      'm2',
      'm3',
      'q1-destroyed',
      'm4',
      'm5',
      'm6',
      'q2-destroyed',
      'm7',
      'm8',
      'm9',
      'q3-destroyed',
      'm10',
      'm11',
      'm12',
      'total',
    ]);
    expect(monthsBefore.rows.some((r) => r.key.endsWith('-destroyed'))).toBe(false);

    // The snapshot of cases open in the period does not count destroyed cases (the statistics keep no
    // closing date); docs/privacy.md says so.
    expect(row(section(b, 'cases-by-phase'), 'total').values).not.toEqual(
      row(section(a, 'cases-by-phase'), 'total').values,
    );
  });
});
