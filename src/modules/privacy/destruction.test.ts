/**
 * The retention job (issue 4 part 4, "Done when"): after it ran, no table holds the destroyed
 * subject's name, date of birth or free text (every text/JSON/date column of every table is scanned);
 * held data survives; the anonymous statistics still count what was destroyed; two instances started
 * together destroy once and write one run; the access log still verifies, also after the log of the
 * destroyed subject was itself destroyed after its term.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, onServer, startTestApp, type TestApp } from '../../../test/harness.js';
import { buildApp } from '../../app.js';
import { startJobs } from '../../jobs.js';
import { openDatabase } from '../../platform/db/database.js';
import { verifyAccessLog } from '../access-log/verify.js';
import { demoRegionId, seedCase } from '../cases/testing.js';
import { retentionJob, runRetention } from './destruction.js';
import {
  ageSubject,
  type Needles,
  needles,
  type RichSubject,
  scanDatabase,
  scannedColumnCount,
  seedRichSubject,
} from './destruction-testing.js';
import { DEFAULT_TERMS, TERM_KEYS } from './retention.js';

let t: TestApp;
let director: Client;
let police: Client;
let fg: Client;
let rijswijk: Client;
let regionId: string;
let period = 0;
const nextPeriod = () => `test-${++period}`;

beforeAll(async () => {
  t = await startTestApp();
  [director, police, fg, rijswijk] = await Promise.all([
    t.signIn('regisseur@delft.demo'),
    t.signIn('politie@politie.demo'),
    t.signIn('fg@delft.demo'),
    t.signIn('regisseur@rijswijk.demo'),
  ]);
  regionId = await demoRegionId(t.deps);
});
afterAll(async () => {
  await t?.close();
});

const env = () => ({ baseUrl: t.baseUrl, owner: t.db.owner, director, police, fg, rijswijk });
const list = (n: Needles) => [n.firstName, n.lastName, n.relatedLastName, n.dateOfBirth, n.marker];

async function statistic(recordType: string, dimension: string, category: string): Promise<number> {
  const r = await t.db.owner
    .selectFrom('retention_statistics')
    .select((eb) => eb.fn.sum<string>('count').as('n'))
    .where('region_id', '=', regionId)
    .where('record_type', '=', recordType)
    .where('dimension', '=', dimension)
    .where('category', '=', category)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

async function destroyEntries(recordType: string, recordId: string) {
  return t.db.owner
    .selectFrom('access_log')
    .select(['actor_user_id', 'subject_id', 'purpose_type', 'purpose_id'])
    .where('action', '=', 'destroy')
    .where('record_type', '=', recordType)
    .where('record_id', '=', recordId)
    .execute();
}

describe('the retention job', () => {
  let destroyed: Needles;
  let subject: RichSubject;
  let held: Needles;
  let heldSubject: RichSubject;

  it('destroys a subject whose term ended everywhere, keeps a held one, counts both in the statistics', async () => {
    destroyed = needles();
    held = needles();
    subject = await seedRichSubject(env(), destroyed);
    heldSubject = await seedRichSubject(env(), held);
    await ageSubject(t.db.owner, subject, 6, destroyed.marker);
    await ageSubject(t.db.owner, heldSubject, 6, held.marker);
    // The held subject: a hold on the person holds their case and signals too.
    const hold = await fg.post('/api/v1/legal-holds', { personId: heldSubject.personId, reason: 'Lopende procedure' });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);

    // The scan works: before the run it finds the needles in many tables.
    const before = await scanDatabase(t.db.owner, list(destroyed));
    const tablesBefore = new Set(before.map((h) => h.split('.')[0]));
    for (const table of [
      'persons',
      'signals',
      'case_contributions',
      'meetings',
      'meeting_agenda_items',
      'plans',
      'actions',
      'action_notes',
      'assessments',
      'sar_items',
      'break_glass_grants',
      'legal_holds',
      'triage_decisions',
      'case_related_persons',
    ]) {
      expect(tablesBefore, table).toContain(table);
    }
    const covered = await scannedColumnCount(t.db.owner);
    expect(covered.tables).toBeGreaterThan(60);

    const preview = await fg.get('/api/v1/retention/preview');
    expect(preview.status).toBe(200);
    expect(preview.body.cases.map((c: { id: string }) => c.id)).toContain(subject.caseId);
    expect(preview.body.cases.map((c: { id: string }) => c.id)).not.toContain(heldSubject.caseId);
    expect(preview.body.signals.map((s: { id: string }) => s.id)).toContain(subject.noCaseSignalId);
    expect(preview.body.casesOnLegalHold).toBeGreaterThanOrEqual(1);
    expect(preview.body.signalsOnLegalHold).toBeGreaterThanOrEqual(1);

    const casesBefore = await statistic('case', 'target_group', 'returnee');
    const signalsBefore = await statistic('signal', 'ideology', 'jihadist');
    const run = await runRetention(t.deps, { period: nextPeriod() });
    expect(run).not.toBeNull();
    const mine = run?.regions[regionId];
    expect(mine).toMatchObject({ failed: 0 });
    expect(mine?.cases).toBeGreaterThanOrEqual(1);

    // Nothing of the destroyed subject is left in any table.
    expect(await scanDatabase(t.db.owner, list(destroyed))).toEqual([]);
    const gone = async (
      table: 'persons' | 'cases' | 'signals' | 'attachments',
      column: 'id' | 'signal_id',
      id: string,
    ) =>
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} = ${id}`.execute(t.db.owner)
      ).rows[0]?.n;
    expect(await gone('persons', 'id', subject.personId)).toBe(0);
    expect(await gone('persons', 'id', subject.relatedPersonId)).toBe(0);
    expect(await gone('cases', 'id', subject.caseId)).toBe(0);
    expect(await gone('signals', 'id', subject.signalId)).toBe(0);
    expect(await gone('signals', 'id', subject.noCaseSignalId)).toBe(0);
    expect(await gone('attachments', 'signal_id', subject.signalId)).toBe(0);
    // The meeting stays (other cases may be on it), without the person's name in its minutes.
    const meeting = await t.db.owner
      .selectFrom('meetings')
      .select('minutes_notes')
      .where('id', '=', subject.meetingId)
      .executeTakeFirstOrThrow();
    expect(meeting.minutes_notes).toContain('[vernietigd]');
    expect(meeting.minutes_notes).toContain('lopende zaken van de regio');

    // The held subject survives whole.
    const heldHits = await scanDatabase(t.db.owner, [held.marker, held.lastName, held.dateOfBirth]);
    expect(heldHits.length).toBeGreaterThan(10);
    expect(await gone('cases', 'id', heldSubject.caseId)).toBe(1);
    expect(await gone('persons', 'id', heldSubject.personId)).toBe(1);
    expect(await gone('signals', 'id', heldSubject.noCaseSignalId)).toBe(1);

    // The anonymous statistics still count what was destroyed.
    expect(await statistic('case', 'target_group', 'returnee')).toBe(casesBefore + 1);
    expect(await statistic('signal', 'ideology', 'jihadist')).toBeGreaterThanOrEqual(signalsBefore + 2);
    const stats = await t.db.owner
      .selectFrom('retention_statistics')
      .selectAll()
      .where('region_id', '=', regionId)
      .execute();
    expect(stats.every((s) => s.count > 0 && s.quarter >= 1 && s.quarter <= 4)).toBe(true);

    // A destruction record per destroyed record, without a subject; one run record.
    const caseRecord = await destroyEntries('case', subject.caseId);
    expect(caseRecord).toEqual([
      { actor_user_id: null, subject_id: null, purpose_type: 'retention', purpose_id: 'case-definitive:60m' },
    ]);
    expect(await destroyEntries('person', subject.personId)).toHaveLength(1);
    expect(await destroyEntries('signal', subject.noCaseSignalId)).toEqual([
      expect.objectContaining({ purpose_id: 'signal-no-case:12m' }),
    ]);
    const runs = await t.db.owner
      .selectFrom('access_log')
      .select(['record_id'])
      .where('record_type', '=', 'retention_run')
      .where('region_id', '=', regionId)
      .execute();
    expect(runs.some((r) => r.record_id?.startsWith(`test-${period}:cases=`))).toBe(true);

    // The chain verifies (npm run audit:verify).
    const verified = await verifyAccessLog(t.db);
    expect(verified.every((v) => v.firstBreak === null)).toBe(true);
    // The preview no longer lists the destroyed case.
    const after = await fg.get('/api/v1/retention/preview');
    expect(after.body.cases.map((c: { id: string }) => c.id)).not.toContain(subject.caseId);
  });

  it('destroys the held data once the hold is lifted', async () => {
    const holds = await fg.get(`/api/v1/legal-holds?personId=${heldSubject.personId}&active=true`);
    const [hold] = holds.body.items;
    expect(
      (await fg.post(`/api/v1/legal-holds/${hold.id}/lifting`, { reason: 'Procedure afgerond', version: hold.version }))
        .status,
    ).toBe(200);
    await runRetention(t.deps, { period: nextPeriod() });
    expect(await scanDatabase(t.db.owner, [held.marker, held.lastName, held.dateOfBirth])).toEqual([]);
  });

  it('destroys the access log of a destroyed subject after its own term, and the chain still verifies', async () => {
    const logged = () =>
      t.db.owner.selectFrom('access_log').select('seq').where('subject_id', '=', subject.personId).execute();
    expect((await logged()).length).toBeGreaterThan(5);
    // Not yet: the access-log term (24 months) has not passed since the destruction.
    await runRetention(t.deps, { period: nextPeriod() });
    expect((await logged()).length).toBeGreaterThan(5);
    await t.db.owner
      .updateTable('destroyed_subjects')
      .set({ destroyed_at: new Date(Date.now() - 3 * 365 * 24 * 3600_000) })
      .where('subject_id', '=', subject.personId)
      .execute();
    const preview = await fg.get('/api/v1/retention/preview');
    expect(preview.body.accessLogEntries).toBeGreaterThan(5);
    const run = await runRetention(t.deps, { period: nextPeriod() });
    expect(run?.regions[regionId]?.accessLogEntries).toBeGreaterThan(5);
    expect(await logged()).toEqual([]);
    const checkpoint = await t.db.owner
      .selectFrom('access_log')
      .select(['seq', 'record_id', 'subject_id'])
      .where('record_type', '=', 'access_log')
      .where('action', '=', 'destroy')
      .execute();
    expect(checkpoint).toHaveLength(1);
    expect(checkpoint[0]?.record_id).toMatch(/^redaction:\d+:[0-9a-f]{64}$/);
    const verified = await verifyAccessLog(t.db);
    expect(verified.find((v) => v.regionId === regionId)).toMatchObject({ firstBreak: null });
    expect(verified.every((v) => v.firstBreak === null)).toBe(true);

    // The verification can still fail: a kept hash removed (as the owner) breaks the chain.
    const kept = await t.db.owner
      .selectFrom('access_log_redactions')
      .selectAll()
      .where('region_id', '=', regionId)
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    await t.db.owner
      .deleteFrom('access_log_redactions')
      .where('seq', '=', kept.seq)
      .where('region_id', '=', regionId)
      .execute();
    const broken = (await verifyAccessLog(t.db)).find((v) => v.regionId === regionId);
    expect(broken?.firstBreak).toMatchObject({ kind: 'gap', expectedSeq: Number(kept.seq) });
    await t.db.owner.insertInto('access_log_redactions').values(kept).execute();
    expect((await verifyAccessLog(t.db)).find((v) => v.regionId === regionId)?.firstBreak).toBeNull();
    // … and so does a kept hash the checkpoint does not name.
    await t.db.owner
      .updateTable('access_log_redactions')
      .set({ hash: 'f'.repeat(64) })
      .where('seq', '=', kept.seq)
      .where('region_id', '=', regionId)
      .execute();
    // (Caught by the next entry's link, or — when the next entry was deleted too — by the checkpoint.)
    expect((await verifyAccessLog(t.db)).find((v) => v.regionId === regionId)?.firstBreak).toMatchObject({
      kind: expect.stringMatching(/^(link|redaction)$/),
    });
    await t.db.owner
      .updateTable('access_log_redactions')
      .set({ hash: kept.hash })
      .where('seq', '=', kept.seq)
      .where('region_id', '=', regionId)
      .execute();
  });

  it('refuses what is not due, also when the application asks the database directly', async () => {
    const open = await seedCase(t.deps);
    const refused = await sql`select schakel_destroy_case(${open.caseId}::uuid, null)`.execute(t.db.kysely).then(
      () => 'destroyed',
      (e: { code?: string }) => e.code,
    );
    // Outside a region transaction the function refuses too (no region).
    expect(refused).toBe('SK003');
    const inRegion = await t.db.kysely.transaction().execute(async (tx) => {
      await sql`select set_config('role', 'schakel_app', true), set_config('schakel.region_id', ${regionId}, true)`.execute(
        tx,
      );
      return sql`select schakel_destroy_case(${open.caseId}::uuid, null)`.execute(tx).then(
        () => 'destroyed',
        (e: { code?: string }) => e.code,
      );
    });
    expect(inRegion).toBe('SK002');
    // The application role cannot delete case content or the access log itself.
    const denied = await t.db.kysely.transaction().execute(async (tx) => {
      await sql`select set_config('role', 'schakel_app', true), set_config('schakel.region_id', ${regionId}, true)`.execute(
        tx,
      );
      return sql`delete from case_contributions where case_id = ${open.caseId}`.execute(tx).then(
        () => 'deleted',
        (e: { code?: string }) => e.code,
      );
    });
    expect(denied).toBe('42501');
    expect((await t.db.owner.selectFrom('cases').select('id').where('id', '=', open.caseId).execute()).length).toBe(1);
  });

  it('keeps the database defaults equal to the documented ones', async () => {
    const other = await t.db.kysely.transaction().execute(async (tx) => {
      // A region without own terms: the function's defaults.
      await sql`select set_config('schakel.region_id', ${'00000000-0000-4000-8000-000000000000'}, true)`.execute(tx);
      const out: Record<string, number> = {};
      for (const key of TERM_KEYS) {
        const d = DEFAULT_TERMS[key];
        const r = await sql<{
          m: number;
        }>`select schakel_retention_months(${d.recordType}, ${d.closingType}) as m`.execute(tx);
        out[key] = r.rows[0]?.m as number;
      }
      return out;
    });
    expect(other).toEqual(Object.fromEntries(TERM_KEYS.map((k) => [k, DEFAULT_TERMS[k].termMonths])));
  });
});

describe("the programme's contacts", () => {
  it('destroys inactive key figures, old participants and unsubscribed subscribers after their terms', async () => {
    const n = needles();
    const owner = t.db.owner;
    const longAgo = new Date(Date.now() - 3 * 365 * 24 * 3600_000);
    const user = await owner
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'netwerk@delft.demo')
      .executeTakeFirstOrThrow();
    const org = await owner
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', 'Gemeente Delft')
      .executeTakeFirstOrThrow();
    const keyFigure = async (name: string, active: boolean, updatedAt: Date) =>
      (
        await owner
          .insertInto('key_figures')
          .values({
            region_id: regionId,
            name,
            organisation: `Vereniging ${n.marker}`,
            role: 'Voorzitter',
            email: `${n.marker.toLowerCase()}@example.org`,
            active,
            updated_at: updatedAt,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const gone = await keyFigure(`${n.firstName} ${n.lastName}`, false, longAgo);
    const recent = await keyFigure(`${n.firstName} Recent`, false, new Date());
    const active = await keyFigure(`${n.firstName} Actief`, true, longAgo);
    const network = await owner
      .selectFrom('networks')
      .select('id')
      .where('region_id', '=', regionId)
      .executeTakeFirstOrThrow();
    await owner
      .insertInto('network_members')
      .values({
        region_id: regionId,
        network_id: network.id,
        key_figure_id: gone,
        added_by: user.id,
        removed_at: longAgo,
      })
      .execute();
    const circle = await owner
      .insertInto('contact_circles')
      .values({ region_id: regionId, incident_title: 'Incident', incident_on: '2023-01-01', created_by: user.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await owner
      .insertInto('contact_circle_invitees')
      .values({ region_id: regionId, contact_circle_id: circle.id, key_figure_id: gone, invited_by: user.id })
      .execute();

    const training = await owner
      .selectFrom('trainings')
      .select(['id', 'kind'])
      .where('region_id', '=', regionId)
      .executeTakeFirstOrThrow();
    const session = async (heldOn: string) =>
      (
        await owner
          .insertInto('training_sessions')
          .values({ region_id: regionId, training_id: training.id, held_on: heldOn, created_by: user.id })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const oldSession = await session('2022-05-10');
    const newSession = await session(new Date().toISOString().slice(0, 10));
    const participant = async (sessionId: string, name: string) =>
      (
        await owner
          .insertInto('training_participants')
          .values({ region_id: regionId, session_id: sessionId, name, organisation_id: org.id, attended: true })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const oldParticipant = await participant(oldSession, `${n.lastName} Deelnemer`);
    const newParticipant = await participant(newSession, `${n.firstName} Nieuw`);

    const subscriber = async (name: string, unsubscribedOn: string | null) =>
      (
        await owner
          .insertInto('newsletter_subscribers')
          .values({
            region_id: regionId,
            name,
            email: `${name.replaceAll(' ', '.').toLowerCase()}@example.org`,
            kind: 'professional',
            subscribed_on: '2020-01-06',
            unsubscribed_on: unsubscribedOn,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const unsubscribed = await subscriber(`${n.lastName} Abonnee`, '2024-01-01');
    const stillSubscribed = await subscriber(`${n.firstName} Abonnee`, null);

    const before = {
      keyFigures: await statistic('key_figure', 'total', 'all'),
      participants: await statistic('training_participant', 'attended_training_kind', training.kind),
      subscribers: await statistic('newsletter_subscriber', 'kind', 'professional'),
    };
    const preview = await fg.get('/api/v1/retention/preview');
    expect(preview.body.keyFigures).toBeGreaterThanOrEqual(1);
    expect(preview.body.trainingParticipants).toBeGreaterThanOrEqual(1);
    expect(preview.body.newsletterSubscribers).toBeGreaterThanOrEqual(1);

    await runRetention(t.deps, { period: nextPeriod() });
    // Due ones are gone everywhere (also from the network and the contact circle); the others stay.
    expect(await scanDatabase(owner, [n.lastName])).toEqual([]);
    const ids = async (table: 'key_figures' | 'training_participants' | 'newsletter_subscribers', list: string[]) =>
      (await owner.selectFrom(table).select('id').where('id', 'in', list).execute()).map((r) => r.id).sort();
    expect(await ids('key_figures', [gone, recent, active])).toEqual([recent, active].sort());
    expect(await ids('training_participants', [oldParticipant, newParticipant])).toEqual([newParticipant]);
    expect(await ids('newsletter_subscribers', [unsubscribed, stillSubscribed])).toEqual([stillSubscribed]);
    expect(await scanDatabase(owner, [n.marker])).toEqual([
      `key_figures.email: ${n.marker}`,
      `key_figures.organisation: ${n.marker}`,
    ]);
    // Counted, and a destruction record each.
    expect(await statistic('key_figure', 'total', 'all')).toBe(before.keyFigures + 1);
    expect(await statistic('training_participant', 'attended_training_kind', training.kind)).toBe(
      before.participants + 1,
    );
    expect(await statistic('newsletter_subscriber', 'kind', 'professional')).toBe(before.subscribers + 1);
    expect(await destroyEntries('key_figure', gone)).toEqual([
      expect.objectContaining({ purpose_type: 'retention', purpose_id: 'key-figure-inactive:3m', subject_id: null }),
    ]);
    expect(await destroyEntries('training_participant', oldParticipant)).toHaveLength(1);
    expect(await destroyEntries('newsletter_subscriber', unsubscribed)).toHaveLength(1);

    // The runs, with this region's counts, for the privacy officer.
    const runs = await fg.get('/api/v1/retention/runs?limit=200');
    expect(runs.status).toBe(200);
    expect(runs.body.items.find((r: { period: string }) => r.period === `test-${period}`)).toMatchObject({
      finishedAt: expect.any(String),
      counts: expect.objectContaining({ keyFigures: 1, trainingParticipants: 1, failed: 0 }),
    });
  });
});

/**
 * Every reference to what the job destroys, as the destruction functions of migration 0010 handle it.
 * A table added later that points at a case, person, signal, … fails this test until the destruction
 * handles it too (otherwise it would either block destruction or keep personal data).
 */
const HANDLED = [
  'action_notes.action_id',
  'actions.agenda_item_id',
  'actions.case_id',
  'actions.plan_intervention_id',
  'assessment_ratings.assessment_id',
  'assessments.case_id',
  'assessments.person_id',
  'assessments.signal_id',
  'attachments.case_id',
  'attachments.signal_id',
  'break_glass_grants.case_id',
  'case_contributions.case_id',
  'case_evaluations.case_id',
  'case_events.case_id',
  'case_members.case_id',
  'case_organisations.case_id',
  'case_related_persons.case_id',
  'case_related_persons.person_id',
  'case_signals.case_id',
  'case_signals.signal_id',
  'cases.subject_person_id',
  'contact_circle_invitees.key_figure_id',
  'data_subject_requests.case_id',
  'data_subject_requests.person_id',
  'data_subject_requests.signal_id',
  'expertise_pool_matches.case_id',
  'inclusion_decisions.case_id', // ON DELETE CASCADE (migration 0050)
  'inclusion_reviews.case_id', // ON DELETE CASCADE (migration 0050)
  'informing_records.case_id', // ON DELETE CASCADE (migration 0050)
  'intervention_evaluations.plan_intervention_id',
  'legal_holds.case_id',
  'legal_holds.person_id',
  'meeting_agenda_items.case_id',
  'network_members.key_figure_id',
  'newsletter_deliveries.subscriber_id',
  'notifications.action_id',
  'notifications.case_id',
  'person_link_requests.person_id',
  'person_link_requests.signal_id',
  'person_match_hits.person_id',
  'person_match_hits.signal_id',
  'plan_interventions.plan_id',
  'plans.case_id',
  'proportionality_reviews.case_id',
  'sar_consent_requests.request_id', // ON DELETE CASCADE (migration 0050)
  'sar_items.case_id',
  'sar_items.request_id',
  'signal_subjects.person_id',
  'signal_subjects.signal_id',
  'subject_access_requests.person_id',
  'triage_agenda.signal_id',
  'triage_decisions.case_id',
  'triage_decisions.signal_id',
];

describe('what the destruction covers', () => {
  it('handles every foreign key to a destroyed record, and every column named after one', async () => {
    const destroyed = [
      'persons',
      'cases',
      'signals',
      'key_figures',
      'training_participants',
      'newsletter_subscribers',
      'actions',
      'plans',
      'plan_interventions',
      'meeting_agenda_items',
      'assessments',
      'subject_access_requests',
    ];
    const fks = await sql<{ ref: string }>`
      select distinct cl.relname || '.' || a.attname as ref
      from pg_constraint c
        join pg_class cl on cl.oid = c.conrelid
        join pg_class rc on rc.oid = c.confrelid
        join pg_namespace ns on ns.oid = cl.relnamespace and ns.nspname = 'public'
        cross join lateral unnest(c.conkey) as k(attnum)
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
      where c.contype = 'f' and rc.relname = any(${destroyed}) and a.attname <> 'region_id'
      union
      select distinct c.table_name || '.' || c.column_name
      from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
        and c.column_name in ('case_id', 'person_id', 'signal_id', 'subject_person_id', 'key_figure_id',
          'subscriber_id', 'participant_id', 'action_id', 'plan_id', 'assessment_id')
        and c.table_name not in (select unnest(${destroyed}::text[]))
      order by 1`.execute(t.db.owner);
    const found = fks.rows.map((r) => r.ref);
    // The scan itself works: it finds the references we know of.
    expect(found).toEqual(expect.arrayContaining(['case_contributions.case_id', 'signal_subjects.person_id']));
    // Named alike, but about something else: an implementation plan of the programme.
    const unrelated = ['implementation_plan_lines.plan_id'];
    expect(found.filter((ref) => !HANDLED.includes(ref) && !unrelated.includes(ref))).toEqual([]);
  });
});

describe('exactly once per period', () => {
  it('two concurrent runs of the same period: one runs, one record of each destruction, one job run', async () => {
    const n = needles();
    const s = await seedRichSubject(env(), n);
    await ageSubject(t.db.owner, s, 6, n.marker);
    const p = nextPeriod();
    const results = await Promise.all([
      runRetention(t.deps, { period: p, instance: 'a' }),
      runRetention(t.deps, { period: p, instance: 'b' }),
    ]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await destroyEntries('case', s.caseId)).toHaveLength(1);
    const runs = await t.db.owner
      .selectFrom('job_runs')
      .selectAll()
      .where('job', '=', 'retention')
      .where('period', '=', p)
      .execute();
    expect(runs).toHaveLength(1);
    expect(runs[0]?.finished_at).not.toBeNull();
    expect(await runRetention(t.deps, { period: p, instance: 'late' })).toBeNull();
    expect(await scanDatabase(t.db.owner, list(n))).toEqual([]);
  });

  it.skipIf(!onServer)(
    'two app instances on one database, each with the job queue: the retention job runs the day once',
    async () => {
      const n = needles();
      const s = await seedRichSubject(env(), n);
      await ageSubject(t.db.owner, s, 6, n.marker);
      // Today's period may already have been claimed by an earlier test of this file: forget it.
      await t.db.owner.deleteFrom('job_runs').where('job', '=', 'retention').execute();
      // A second instance of Schakel on the same database, as a second server process would be.
      const dbName = (await sql<{ d: string }>`select current_database() as d`.execute(t.db.owner)).rows[0]
        ?.d as string;
      const ownerUrl = new URL(process.env.DATABASE_URL as string);
      ownerUrl.pathname = `/${dbName}`;
      const appUrl = new URL(ownerUrl);
      appUrl.username = 'schakel_app_login';
      appUrl.password = '';
      const db2 = await openDatabase({
        kind: 'server',
        url: appUrl.toString(),
        migrationUrl: ownerUrl.toString(),
        poolSize: 3,
      });
      const deps1 = { ...t.deps, config: { ...t.deps.config, retention: { intervalMinutes: 0, hour: 0 } } };
      const deps2 = { ...deps1, db: db2 };
      const app2 = await buildApp(deps2, { logger: false });
      const log = { info: () => {}, error: (o: object, m: string) => console.error(m, o) };
      const queues = [
        await startJobs(deps1, log, { schedule: false, pollingIntervalSeconds: 0.5 }),
        await startJobs(deps2, log, { schedule: false, pollingIntervalSeconds: 0.5 }),
      ];
      try {
        // Both instances ask for the day's run; one job each, worked by either instance.
        const job = retentionJob(deps1, { hour: 0 });
        await Promise.all(queues.map((q) => q.send(job, {})));
        for (let i = 0; i < 120; i++) {
          const stats = await queues[0]?.stats();
          if (stats && stats.queued.retention === 0 && stats.active.retention === 0) break;
          await new Promise((r) => setTimeout(r, 250));
        }
        expect((await queues[0]?.stats())?.failed.retention).toBe(0);
        const runs = await t.db.owner.selectFrom('job_runs').selectAll().where('job', '=', 'retention').execute();
        expect(runs).toHaveLength(1);
        expect(runs[0]?.finished_at).not.toBeNull();
        expect(runs[0]?.instance).toMatch(/^.+:\d+:[0-9a-f]{8}$/);
        expect(await destroyEntries('case', s.caseId)).toHaveLength(1);
        expect(await scanDatabase(t.db.owner, list(n))).toEqual([]);
        expect((await verifyAccessLog(t.db)).every((v) => v.firstBreak === null)).toBe(true);
      } finally {
        for (const q of queues) await q.stop(5);
        await app2.close();
        await db2.close();
      }
    },
  );
});
