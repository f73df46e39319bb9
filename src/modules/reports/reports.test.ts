import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { PHASES } from '../../core/case-lifecycle.js';
import { reportablePeriod } from '../../core/small-cells.js';
import { AGGREGATE_MARKING } from '../../platform/pdf.js';
import { pdfText } from '../../platform/test-support.js';
import { todayInNl } from '../cases/core.js';
import { exportAnnualReportPdf } from '../exports/test-support.js';
import { TARGET_GROUPS } from '../plans/catalogue.js';
import { actorFor, demoRegionId } from '../plans/test-support.js';
import { IDEOLOGIES as SIGNAL_IDEOLOGIES } from '../signals/schemas.js';
import { DECISIONS } from '../triage/schemas.js';
import * as labels from './labels.js';
import { annualReport } from './service.js';

let t: TestApp;
let policy: Client;
let executive: Client;
let partner: Client;
let regionId: string;

type Section = {
  key: string;
  basis: string;
  available: boolean;
  columns: Array<{ key: string; label: string }>;
  rows: Array<{ key: string; label: string; isTotal: boolean; values: Array<number | string> }>;
};

/** Facts written straight into the database (as the owner), dated where the test needs them. */
async function insertCases(cases: Array<{ targetGroup: string; ideology: string; openedAt: string }>) {
  const owner = t.db.owner;
  const director = await owner
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'regisseur@delft.demo')
    .executeTakeFirstOrThrow();
  const delft = await owner
    .selectFrom('municipalities')
    .select('id')
    .where('name', '=', 'Delft')
    .executeTakeFirstOrThrow();
  for (const c of cases) {
    const person = await owner
      .insertInto('persons')
      .values({ region_id: regionId, first_name: 'Fictief', last_name: 'Rapport', search_name: 'fictief rapport' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await owner
      .insertInto('cases')
      .values({
        region_id: regionId,
        reference: `R-${randomUUID().slice(0, 8)}`,
        subject_person_id: person.id,
        target_group: c.targetGroup,
        ideology: c.ideology,
        directing_municipality_id: delft.id,
        process_director_id: director.id,
        opened_at: c.openedAt,
      })
      .execute();
  }
}

async function insertSignals(signals: Array<{ receivedOn: string; ideology: string }>) {
  const owner = t.db.owner;
  const director = await owner
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'regisseur@delft.demo')
    .executeTakeFirstOrThrow();
  const delft = await owner
    .selectFrom('municipalities')
    .select('id')
    .where('name', '=', 'Delft')
    .executeTakeFirstOrThrow();
  const police = await owner
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', 'Politie')
    .executeTakeFirstOrThrow();
  for (const s of signals) {
    await owner
      .insertInto('signals')
      .values({
        region_id: regionId,
        reference: `RS-${randomUUID().slice(0, 8)}`,
        municipality_id: delft.id,
        source_organisation_id: police.id,
        received_on: s.receivedOn,
        ideology: s.ideology,
        urgency: 'normal',
        description: 'Fictieve melding voor de rapportagetest',
        created_by: director.id,
      })
      .execute();
  }
}

const section = (report: { sections: Section[] }, key: string) => {
  const s = report.sections.find((x) => x.key === key);
  if (!s) throw new Error(`no section ${key}`);
  return s;
};
const row = (s: Section, key: string) => {
  const r = s.rows.find((x) => x.key === key);
  if (!r) throw new Error(`no row ${key} in ${s.key}`);
  return r;
};
const column = (s: Section, key: string) => s.rows.map((r) => r.values[s.columns.findIndex((c) => c.key === key)]);

/** The report's promise: no published value is a count from 1 to 4. */
function expectNoSmallCount(report: { sections: Section[] }) {
  for (const s of report.sections) {
    if (s.basis === 'budget') continue; // amounts of money, not counts
    for (const r of s.rows) {
      for (const v of r.values) {
        if (typeof v === 'number') expect(v === 0 || v >= 5, `${s.key}/${r.key}: ${v}`).toBe(true);
        else expect(['<5', 'x']).toContain(v);
      }
    }
  }
}

beforeAll(async () => {
  // The job queue builds the PDF (an asynchronous export since issue 9 point 3).
  t = await startTestApp({ jobs: true });
  regionId = await demoRegionId(t);
  [policy, executive, partner] = await Promise.all([
    t.signIn('beleid@delft.demo'),
    t.signIn('burgemeester@delft.demo'),
    t.signIn('politie@politie.demo'),
  ]);
  // 2019 is empty in the demo region: the test's facts are the only ones.
  const before = await sql<{
    n: number;
  }>`select (select count(*) from cases where extract(year from opened_at) = 2019)::int
    + (select count(*) from signals where extract(year from received_on) = 2019)::int as n`.execute(t.db.owner);
  expect(before.rows[0]?.n).toBe(0);
  await insertCases([
    ...Array.from({ length: 3 }, () => ({
      targetGroup: 'returnee',
      ideology: 'jihadist',
      openedAt: '2019-05-10T10:00:00Z',
    })),
    ...Array.from({ length: 7 }, () => ({
      targetGroup: 'radicalised',
      ideology: 'jihadist',
      openedAt: '2019-05-20T10:00:00Z',
    })),
  ]);
  await insertSignals([
    ...Array.from({ length: 2 }, () => ({ receivedOn: '2019-01-15', ideology: 'right_wing' })),
    ...Array.from({ length: 6 }, () => ({ receivedOn: '2019-02-11', ideology: 'jihadist' })),
    ...Array.from({ length: 9 }, () => ({ receivedOn: '2019-04-03', ideology: 'jihadist' })),
  ]);
});
afterAll(async () => {
  await t?.close();
});

describe('the annual report', () => {
  it('shows "<5" for 3 returnees next to 7 radicalised, with a second cell hidden in the quarter', async () => {
    const res = await policy.get('/api/v1/reports/annual?year=2019');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.period).toEqual({
      year: 2019,
      quarters: 4,
      fromOn: '2019-01-01',
      toOn: '2019-12-31',
      complete: true,
    });
    const groups = section(res.body, 'cases-by-target-group');
    expect(groups.columns.map((c) => c.key)).toEqual(['q1', 'q2', 'q3', 'q4', 'year']);
    expect(row(groups, 'returnee').values).toEqual([0, '<5', 0, 0, 'x']);
    expect(row(groups, 'radicalised').values).toEqual([0, 7, 0, 0, 7]);
    expect(row(groups, 'total').values).toEqual([0, 10, 0, 0, 10]);
    // With the total 10 and the 7 shown, the 3 would be 10 − 7: a second cell of the quarter is hidden.
    const q2 = column(groups, 'q2');
    expect(q2.filter((v) => v === '<5')).toHaveLength(2);
    expect(row(groups, 'recruiter').values).toEqual([0, '<5', 0, 0, 'x']); // an empty cell, shown as "<5"
    expectNoSmallCount(res.body);
  });

  it('protects the signals per month and per ideology together', async () => {
    const report = (await policy.get('/api/v1/reports/annual?year=2019')).body;
    const months = section(report, 'signals-per-month');
    // January 2 is small; March (empty) is hidden with it, so that 8 − 6 does not give it away.
    expect(months.rows.slice(0, 4).map((r) => r.values[0])).toEqual(['<5', 6, '<5', 9]);
    expect(row(months, 'total').values).toEqual([17]);
    const ideology = section(report, 'signals-by-ideology');
    expect(row(ideology, 'right_wing').values).toEqual(['<5', 0, 0, 0, 'x']);
    expect(row(ideology, 'jihadist').values).toEqual([6, 9, 0, 0, 15]);
    expect(row(ideology, 'total').values).toEqual([8, 9, 0, 0, 17]);
    expect(column(ideology, 'q1').filter((v) => v === '<5').length).toBeGreaterThanOrEqual(2);
    expectNoSmallCount(report);
  });

  it('has every section, snapshot tables for phase and escalation, and counts of activities', async () => {
    const report = (await executive.get('/api/v1/reports/annual?year=2019')).body;
    // Inclusions (Wgpa weging) are counted per criterion of the region, labelled in its own words.
    const inclusions = report.sections.find((s: Section) => s.key === 'inclusions-by-criterion');
    expect(inclusions.rows.map((r: { label: string }) => r.label)).toContain(
      'Er zijn concrete aanwijzingen dat de persoon radicaliseert: gedragingen of uitingen die wijzen op een ontwikkeling naar extremisme.',
    );
    expect(report.sections.map((s: Section) => s.key)).toEqual([
      'signals-per-month',
      'signals-by-ideology',
      'triage-decisions',
      'cases-by-target-group',
      'cases-by-ideology',
      'inclusions-by-criterion',
      'cases-by-phase',
      'cases-by-escalation-level',
      'interventions-run',
      'interventions-planned',
      'budget',
      'training-sessions',
      'training-participants',
      'evaluations-by-kind',
    ]);
    const phase = section(report, 'cases-by-phase');
    expect(row(phase, 'preparation').values).toEqual([10]); // the ten cases of 2019, still in preparation
    expect(row(section(report, 'cases-by-escalation-level'), 'regional').values).toEqual([10]);
    const run = section(report, 'interventions-run');
    expect(run.rows.map((r) => r.key)).toEqual([
      'action-line-1',
      'action-line-2',
      'action-line-3',
      'action-line-4',
      'total',
    ]);
    expect(run.columns.map((c) => c.label)).toEqual(['Delft', 'Midden-Delfland', 'Rijswijk', 'Westland', 'Totaal']);
    expect(section(report, 'training-sessions').available).toBe(true); // migration 0005 made the tables
    expect(report.suppression.note).toMatch(/<5/);
    expect(report.demo).toBe(true);
  });

  it('adds the budgets of the implementation plans in cents, not suppressed, next to the activities', async () => {
    const owner = t.db.owner;
    const municipality = async (name: string) =>
      (await owner.selectFrom('municipalities').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    const intervention = async (line: number) =>
      (
        await owner
          .selectFrom('interventions as i')
          .innerJoin('action_lines as a', 'a.id', 'i.action_line_id')
          .select('i.id')
          .where('a.number', '=', line)
          .where('i.region_id', '=', regionId)
          .orderBy('i.code')
          .executeTakeFirstOrThrow()
      ).id;
    const creator = (
      await owner.selectFrom('users').select('id').where('email', '=', 'beleid@delft.demo').executeTakeFirstOrThrow()
    ).id;
    const plan = async (name: string) =>
      (
        await owner
          .insertInto('implementation_plans')
          .values({ region_id: regionId, municipality_id: await municipality(name), year: 2019, created_by: creator })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const [delft, rijswijk] = [await plan('Delft'), await plan('Rijswijk')];
    const line = async (
      planId: string,
      actionLine: number,
      v: { planned: number; actual: number; cents: number; status?: string },
    ) =>
      owner
        .insertInto('implementation_plan_lines')
        .values({
          region_id: regionId,
          plan_id: planId,
          intervention_id: await intervention(actionLine),
          planned_count: v.planned,
          actual_count: v.actual,
          budget_cents: v.cents,
          ...(v.status ? { status: v.status } : {}),
        })
        .execute();
    await line(delft, 1, { planned: 10, actual: 8, cents: 2_500_000_00 });
    await line(rijswijk, 1, { planned: 2, actual: 3, cents: 3 });
    await line(delft, 2, { planned: 6, actual: 6, cents: 150_000 });
    await line(rijswijk, 2, { planned: 9, actual: 0, cents: 999_999, status: 'cancelled' });

    const report = (await policy.get('/api/v1/reports/annual?year=2019')).body;
    const budget = section(report, 'budget');
    expect(budget).toMatchObject({ basis: 'budget', available: true });
    expect(budget.columns.map((c) => c.label)).toEqual(['Delft', 'Midden-Delfland', 'Rijswijk', 'Westland', 'Totaal']);
    // Exact sums in cents (€ 2.5 million is beyond a 32-bit count), a 3-cent line shown as 3, cancelled left out.
    expect(row(budget, 'action-line-1').values).toEqual([250_000_000, 0, 3, 0, 250_000_003]);
    expect(row(budget, 'action-line-2').values).toEqual([150_000, 0, 0, 0, 150_000]);
    expect(row(budget, 'total').values).toEqual([250_150_000, 0, 3, 0, 250_150_003]);
    // The activities of the same plans are counts, and do go through the guard.
    const run = section(report, 'interventions-run');
    expect(row(run, 'action-line-1').values[2]).toBe('<5');
    expectNoSmallCount(report);

    const csv = (await policy.get('/api/v1/reports/annual.csv?year=2019')).body as string;
    expect(csv).toContain('budget,Begroting per actielijn en gemeente,action-line-1,');
    expect(csv).toMatch(/budget,[^\n]*,total,Totaal,total,Totaal,250150003,cents/);
    const text = pdfText((await exportAnnualReportPdf(policy, 2019)).bytes);
    expect(text).toContain('Begroting per actielijn en gemeente');
    expect(text).toContain('€\u00a02.501.500,03'); // Dutch currency format, with a no-break space
  });

  it('reports the running year only through its last completed quarter, and no future year', async () => {
    const today = todayInNl(new Date());
    const thisYear = Number(today.slice(0, 4));
    const expected = reportablePeriod(thisYear, today);
    const res = await policy.get(`/api/v1/reports/annual?year=${thisYear}`);
    if (expected) {
      expect(res.status).toBe(200);
      expect(res.body.period).toEqual(expected);
      expect(section(res.body, 'cases-by-target-group').columns).toHaveLength(expected.quarters + 1);
      expectNoSmallCount(res.body);
    } else {
      expectProblem(res, 422);
    }
    const future = await policy.get(`/api/v1/reports/annual?year=${thisYear + 1}`);
    expectProblem(future, 422);
    expect(future.body.errors[0].location.pointer).toBe('/year');
    expectProblem(await policy.get('/api/v1/reports/annual?year=abc'), 400);
    expectProblem(await policy.get('/api/v1/reports/annual'), 400);
  });

  it('a small count cannot be recovered by subtracting the report through Q3 from the whole year', async () => {
    // Years far ahead hold no demo data; "today" is handed to the use case directly.
    await insertCases([
      ...Array.from({ length: 6 }, () => ({
        targetGroup: 'detainee',
        ideology: 'right_wing',
        openedAt: '2041-08-01T10:00:00Z',
      })),
      ...Array.from({ length: 2 }, () => ({
        targetGroup: 'detainee',
        ideology: 'right_wing',
        openedAt: '2041-11-01T10:00:00Z',
      })),
      ...Array.from({ length: 5 }, () => ({
        targetGroup: 'radicalised',
        ideology: 'right_wing',
        openedAt: '2041-11-02T10:00:00Z',
      })),
    ]);
    const actor = await actorFor(t, 'beleid@delft.demo');
    const at = (iso: string) => ({ ...t.deps, now: () => new Date(iso) });
    const throughQ3 = await annualReport(at('2041-11-20T12:00:00Z'), actor, 'trace-a', 2041, 'json');
    const wholeYear = await annualReport(at('2042-01-05T12:00:00Z'), actor, 'trace-b', 2041, 'json');
    const a = section(throughQ3 as never, 'cases-by-target-group');
    const ab = section(wholeYear as never, 'cases-by-target-group');
    expect(a.columns.map((c) => c.key)).toEqual(['q1', 'q2', 'q3', 'year']);
    expect(row(a, 'detainee').values).toEqual([0, 0, 6, 6]);
    // The third quarter is published identically in both reports …
    expect(column(ab, 'q3')).toEqual(column(a, 'q3'));
    // … and the year is withheld where the fourth quarter hides a small count: 8 − 6 would give the 2.
    expect(row(ab, 'detainee').values).toEqual([0, 0, 6, '<5', 'x']);
    expect(row(ab, 'radicalised').values).toEqual([0, 0, 0, 5, 5]);
    expectNoSmallCount(throughQ3 as never);
    expectNoSmallCount(wholeYear as never);
  });

  it('logs each generation once, without a data subject, for the purpose of reporting', async () => {
    const before = await sql<{
      n: number;
    }>`select count(*)::int as n from access_log where record_type = 'report'`.execute(t.db.owner);
    await policy.get('/api/v1/reports/annual.csv?year=2019');
    const entries = await t.db.owner
      .selectFrom('access_log')
      .select(['action', 'record_id', 'subject_type', 'subject_id', 'purpose_type'])
      .where('record_type', '=', 'report')
      .orderBy('seq', 'desc')
      .execute();
    expect(entries).toHaveLength((before.rows[0]?.n ?? 0) + 1);
    expect(entries[0]).toEqual({
      action: 'export',
      record_id: 'annual-2019.csv',
      subject_type: null,
      subject_id: null,
      purpose_type: 'reporting',
    });
  });

  it('downloads as CSV with a section column', async () => {
    const res = await policy.get('/api/v1/reports/annual.csv?year=2019');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/jaarrapportage-2019\.csv/);
    const lines = (res.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('section,sectionTitle,row,rowLabel,column,columnLabel,value,unit');
    expect(lines).toContain(
      'cases-by-target-group,Geopende casussen per doelgroep,returnee,Terugkeerder,q2,2e kwartaal,<5,count',
    );
    expect(lines).toContain(
      'cases-by-target-group,Geopende casussen per doelgroep,radicalised,Geradicaliseerde persoon,year,2019,7,count',
    );
    for (const line of lines.slice(1)) {
      const [value, unit] = line.split(',').slice(-2) as [string, string];
      if (unit === 'count') expect(['1', '2', '3', '4']).not.toContain(value);
      else expect(unit).toBe('cents');
    }
  });

  it('downloads as PDF (an export made on the job queue)', async () => {
    const res = await exportAnnualReportPdf(policy, 2019);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/jaarrapportage-2019\.pdf/);
    const bytes = res.bytes;
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(bytes.length).toBeGreaterThan(2000);
    // What the reader sees: aggregates only, marked as such on every page, with the guarded cells.
    const text = pdfText(bytes);
    expect(text).toContain('Jaarrapportage aanpak radicalisering 2019');
    expect(text).toContain(`DEMO — fictieve gegevens · ${AGGREGATE_MARKING}`);
    expect(text).not.toContain('bevat persoonsgegevens');
    expect(text).toContain('Geopende casussen per doelgroep');
    expect(text).toMatch(/Terugkeerder0<500x/); // the row as drawn: 0, <5, 0, 0 and the withheld year
    const pages = Number(/Pagina 1 van (\d+)/.exec(text)?.[1]);
    expect(text.split('\n').filter((l) => l.endsWith(AGGREGATE_MARKING))).toHaveLength(pages);
  });

  it('is for reports:read only', async () => {
    expectProblem(await partner.get('/api/v1/reports/annual?year=2019'), 403);
    expectProblem(await partner.get('/api/v1/reports/annual.csv?year=2019'), 403);
    expectProblem(await partner.post('/api/v1/exports', { kind: 'annual-report-pdf', year: 2019 }), 403);
    expectProblem(await partner.get('/api/v1/dashboard'), 403);
    const admin = await t.signIn('beheer@delft.demo');
    expectProblem(await admin.get('/api/v1/reports/annual?year=2019'), 403);
    expectProblem(await t.client().get('/api/v1/dashboard'), 401);
  });
});

describe('the executive dashboard', () => {
  it('shows the running year through its last completed quarter (or the last year), guarded', async () => {
    const res = await executive.get('/api/v1/dashboard');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const today = todayInNl(new Date());
    const thisYear = Number(today.slice(0, 4));
    expect(res.body.kind).toBe('dashboard');
    expect(res.body.period).toEqual(reportablePeriod(thisYear, today) ?? reportablePeriod(thisYear - 1, today));
    expect(res.body.sections.length).toBeGreaterThan(8);
    // The demo region's cases and signals: whatever they are, no count of 1–4 is shown.
    expectNoSmallCount(res.body);
  });
});

describe('report labels', () => {
  it('cover exactly the categories the database allows', () => {
    const keys = (c: ReadonlyArray<{ key: string }>) => c.map((x) => x.key);
    expect(keys(labels.TARGET_GROUPS)).toEqual([...TARGET_GROUPS]);
    expect(keys(labels.PHASES)).toEqual([...PHASES]);
    expect(keys(labels.IDEOLOGIES)).toEqual([...SIGNAL_IDEOLOGIES]);
    expect(keys(labels.TRIAGE_DECISIONS)).toEqual([...DECISIONS]);
  });
});
