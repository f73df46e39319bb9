import { DomainError } from '../../core/errors.js';
import { reportablePeriod } from '../../core/small-cells.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { recordAccess } from '../access-log/record.js';
import { todayInNl } from '../cases/core.js';
import {
  activitySection,
  budgetSection,
  type Category,
  type Period,
  periodSection,
  quarterCounts,
  type Section,
  SUPPRESSION_NOTE,
  signalSections,
  snapshotSection,
  unavailableSection,
} from './build.js';
import {
  ESCALATION_LEVELS,
  EVALUATION_KINDS,
  IDEOLOGIES,
  PHASES,
  TARGET_GROUPS,
  TRAINING_KINDS,
  TRIAGE_DECISIONS,
} from './labels.js';
import * as q from './queries.js';

export interface Report {
  kind: 'annual' | 'dashboard';
  year: number;
  period: Period;
  generatedAt: string;
  demo: boolean;
  suppression: { threshold: number; note: string };
  sections: Section[];
}

/** Every aggregate of the report, each through the guard. Runs in the caller's transaction. */
async function buildReport(tx: Tx, actor: Actor, period: Period): Promise<Section[]> {
  const region = actor.regionId;
  const sections: Section[] = [];

  const byMonth = await q.signalsByMonth(tx, region, period);
  const byIdeology = quarterCounts(period, IDEOLOGIES, await q.signalsByQuarterAndIdeology(tx, region, period));
  const destroyed = await q.destroyedSignalsByQuarter(tx, region, period);
  const signals = signalSections(period, IDEOLOGIES, byMonth, byIdeology, destroyed);
  sections.push(signals.perMonth, signals.perIdeology);

  sections.push(
    periodSection(
      {
        key: 'triage-decisions',
        title: 'Besluiten in het afstemmingsoverleg',
        description: 'Besluiten over meldingen naar kwartaal van het besluit en soort besluit.',
      },
      period,
      TRIAGE_DECISIONS,
      quarterCounts(period, TRIAGE_DECISIONS, await q.triageDecisionsByQuarter(tx, region, period)),
    ),
    periodSection(
      {
        key: 'cases-by-target-group',
        title: 'Geopende casussen per doelgroep',
        description: 'Casussen (persoonsgerichte aanpak) naar kwartaal van opening en doelgroep.',
      },
      period,
      TARGET_GROUPS,
      quarterCounts(period, TARGET_GROUPS, await q.casesOpenedByQuarter(tx, region, period, 'target_group')),
    ),
    periodSection(
      {
        key: 'cases-by-ideology',
        title: 'Geopende casussen per ideologie',
        description: 'Casussen naar kwartaal van opening en ideologie.',
      },
      period,
      IDEOLOGIES,
      quarterCounts(period, IDEOLOGIES, await q.casesOpenedByQuarter(tx, region, period, 'ideology')),
    ),
  );

  const criteria = await q.inclusionCriteriaOf(tx, region);
  sections.push(
    periodSection(
      {
        key: 'inclusions-by-criterion',
        title: 'Opnames in de aanpak per criterium (weging)',
        description:
          'Besluiten tot opname in de persoonsgerichte aanpak naar kwartaal van de weging en het criterium dat van toepassing was; een besluit op twee criteria telt bij beide.',
      },
      period,
      criteria,
      quarterCounts(period, criteria, await q.inclusionsByQuarterAndCriterion(tx, region, period)),
    ),
  );

  const snapshotNote =
    'Casussen die in de periode open waren, naar hun stand op de dag van het rapport. Dit is een stand, geen ' +
    'telling van de periode: twee rapporten op verschillende dagen verschillen door casussen die intussen verder zijn gegaan.';
  const phases = await q.casesActiveByState(tx, region, period, 'phase');
  sections.push(
    snapshotSection(
      { key: 'cases-by-phase', title: 'Casussen per fase', description: snapshotNote },
      PHASES,
      PHASES.map((p) => phases.get(p.key) ?? 0),
    ),
  );
  const levels = await q.casesActiveByState(tx, region, period, 'escalation_level');
  sections.push(
    snapshotSection(
      { key: 'cases-by-escalation-level', title: 'Casussen per opschalingsniveau', description: snapshotNote },
      ESCALATION_LEVELS,
      ESCALATION_LEVELS.map((l) => levels.get(l.key) ?? 0),
    ),
  );

  sections.push(...(await activitySections(tx, actor, period)));

  if (await q.trainingTablesExist(tx)) {
    sections.push(
      periodSection(
        {
          key: 'training-sessions',
          title: 'Gegeven trainingen',
          description: 'Trainingsbijeenkomsten naar kwartaal en soort training.',
        },
        period,
        TRAINING_KINDS,
        quarterCounts(period, TRAINING_KINDS, await q.trainingSessionsByQuarter(tx, region, period), 'other'),
      ),
      periodSection(
        {
          key: 'training-participants',
          title: 'Deelnemers aan trainingen',
          description: 'Deelnemers die aanwezig waren, naar kwartaal en soort training.',
        },
        period,
        TRAINING_KINDS,
        quarterCounts(period, TRAINING_KINDS, await q.trainingParticipantsByQuarter(tx, region, period), 'other'),
      ),
    );
  } else {
    const missing = 'Niet beschikbaar: deze installatie registreert (nog) geen trainingen.';
    sections.push(
      unavailableSection({ key: 'training-sessions', title: 'Gegeven trainingen', description: missing }),
      unavailableSection({ key: 'training-participants', title: 'Deelnemers aan trainingen', description: missing }),
    );
  }

  sections.push(
    periodSection(
      {
        key: 'evaluations-by-kind',
        title: 'Uitgevoerde evaluaties',
        description: 'Plan-, proces- en effectevaluaties van interventies naar kwartaal van uitvoering.',
      },
      period,
      EVALUATION_KINDS,
      quarterCounts(period, EVALUATION_KINDS, await q.evaluationsByQuarter(tx, region, period)),
    ),
  );
  return sections;
}

/** Interventions per action line and municipality, from the implementation plans of the year. */
async function activitySections(tx: Tx, actor: Actor, period: Period): Promise<Section[]> {
  const lines = await tx
    .selectFrom('action_lines')
    .select(['number', 'title'])
    .where('region_id', '=', actor.regionId)
    .orderBy('number')
    .execute();
  const municipalities = await tx
    .selectFrom('municipalities')
    .select(['id', 'name'])
    .where('region_id', '=', actor.regionId)
    .orderBy('name')
    .execute();
  const rows = await q.activitiesOfYear(tx, actor.regionId, period.year);
  const rowCats: Category[] = lines.map((l) => ({ key: `action-line-${l.number}`, label: `${l.number}. ${l.title}` }));
  const colCats: Category[] = municipalities.map((m) => ({ key: m.id, label: m.name }));
  const matrix = (pick: 'planned' | 'actual' | 'budget_cents') =>
    lines.map((l) =>
      municipalities.map((m) => {
        const r = rows.find((x) => x.action_line === l.number && x.municipality_id === m.id);
        return r ? r[pick] : 0;
      }),
    );
  if (rowCats.length === 0 || colCats.length === 0) return [];
  const description =
    'Aantallen activiteiten (bijvoorbeeld voorstellingen, trainingen, bijeenkomsten) uit de uitvoeringsplannen van ' +
    `${period.year}, per actielijn en gemeente; geannuleerde regels tellen niet mee.`;
  return [
    activitySection(
      { key: 'interventions-run', title: 'Uitgevoerde interventies', description },
      rowCats,
      colCats,
      matrix('actual'),
    ),
    activitySection(
      { key: 'interventions-planned', title: 'Geplande interventies', description },
      rowCats,
      colCats,
      matrix('planned'),
    ),
    budgetSection(
      {
        key: 'budget',
        title: 'Begroting per actielijn en gemeente',
        description:
          `Begrote bedragen in eurocenten uit de uitvoeringsplannen van ${period.year}, per actielijn en gemeente; ` +
          'geannuleerde regels tellen niet mee. Bedragen zijn geen aantallen personen en worden niet afgeschermd.',
      },
      rowCats,
      colCats,
      matrix('budget_cents'),
    ),
  ];
}

async function regionIsDemo(tx: Tx, regionId: string): Promise<boolean> {
  const row = await tx.selectFrom('regions').select('is_demo').where('id', '=', regionId).executeTakeFirst();
  return row?.is_demo ?? false;
}

/**
 * The period the yearly report of `year` covers: only whole fixed periods, a year that has ended or the
 * running year through its last completed quarter. A year none of whose quarters has ended is refused
 * (422, naming the field `/year` of the query or the body) — by the asynchronous PDF export as well, when
 * it is started, so that the user hears it at once and not as a failed job.
 */
export function annualPeriod(deps: Pick<Deps, 'now'>, year: number, location: 'query' | 'body' = 'query'): Period {
  const period = reportablePeriod(year, todayInNl(deps.now()));
  if (!period) {
    throw new DomainError('BUSINESS_RULE', `No quarter of ${year} has ended yet; only whole quarters are reported.`, {
      fields: [
        { in: location, pointer: '/year', code: 'no_complete_quarter', detail: 'Choose a year with an ended quarter.' },
      ],
    });
  }
  return period;
}

/**
 * The yearly report to the council and the input for the NCTV funding request (see {@link annualPeriod}).
 * Generating it is logged once (no data subject: aggregates are not personal data).
 */
export async function annualReport(
  deps: Deps,
  actor: Actor,
  traceId: string,
  year: number,
  format: 'json' | 'csv' | 'pdf',
): Promise<Report> {
  const period = annualPeriod(deps, year);
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const sections = await buildReport(tx, actor, period);
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'export',
      recordType: 'report',
      recordId: `annual-${year}.${format}`,
      subjects: [],
      purpose: { type: 'reporting' },
    });
    return assemble('annual', period, sections, deps, await regionIsDemo(tx, actor.regionId));
  });
}

/**
 * The executive dashboard: the same aggregates for the running year through its last completed
 * quarter — or, in the first quarter, for the previous year.
 */
export async function dashboard(deps: Deps, actor: Actor, traceId: string): Promise<Report> {
  const today = todayInNl(deps.now());
  const thisYear = Number(today.slice(0, 4));
  const period = reportablePeriod(thisYear, today) ?? (reportablePeriod(thisYear - 1, today) as Period);
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const sections = await buildReport(tx, actor, period);
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'report',
      recordId: `dashboard-${period.year}`,
      subjects: [],
      purpose: { type: 'reporting' },
    });
    return assemble('dashboard', period, sections, deps, await regionIsDemo(tx, actor.regionId));
  });
}

function assemble(kind: Report['kind'], period: Period, sections: Section[], deps: Deps, demo: boolean): Report {
  return {
    kind,
    year: period.year,
    period,
    generatedAt: deps.now().toISOString(),
    demo,
    suppression: { threshold: 5, note: SUPPRESSION_NOTE },
    sections,
  };
}
