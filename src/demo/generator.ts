/**
 * Deterministic synthetic data for the case approach: the ~40 fictional cases of the demo region and
 * the volume of the benchmark (`npm run bench`) come from the same code, with a different scale.
 *
 * Everything is drawn from a seeded generator (./random.ts), so a seed gives the same region every
 * time: names, dates relative to "today", phases, memberships. Identifiers come from a second stream
 * keyed by seed and region, so two regions never share an id. The generator looks up what the region
 * already has — organisations, municipalities, users, and the catalogues of other modules (indicators,
 * assessment framework, toolbox) — and creates none of those: without a framework there are no
 * assessments, without a toolbox no plan interventions, without indicators signals carry none.
 *
 * No access-log entries are written here: the demo starts with an empty log (the benchmark writes
 * its own, see ./access-log-generator.ts).
 */
import { sql } from 'kysely';
import { PHASES, type Phase } from '../core/case-lifecycle.js';
import { defaultLegalRegime, type LegalRegime, regimeNeedsReason } from '../core/source-attribution.js';
import { todayInNl } from '../modules/cases/core.js';
import { searchNameOf } from '../modules/persons/search-name.js';
import type { Tx } from '../platform/db/database.js';
import { BulkTable } from './bulk-insert.js';
import { dayOf, isoOf, momentOf } from './dates.js';
import { fictionalName, givenName } from './names.js';
import { Random } from './random.js';
import {
  ACTION_TITLES,
  ASSESSMENT_RATIONALES,
  CLOSING_REASONS,
  CONTRIBUTIONS,
  PLAN_GOALS,
  PROBLEM_ANALYSIS,
  SIGNAL_DESCRIPTIONS,
  TRIAGE_RATIONALES,
} from './texts.js';

/** The demo users whose slice of cases the scale fixes (CONVENTIONS.md). */
export const SLICE_USERS = {
  politie: 'politie@politie.demo',
  ggz: 'ggz@ggz.demo',
  coordinator: 'coordinator@delft.demo',
  expert: 'expert@pool.demo',
} as const;

export interface RegionScale {
  /** All cases; `openCases` of them in preparation…monitoring, `provisionalCases` closed provisionally. */
  cases: number;
  openCases: number;
  provisionalCases: number;
  /** All persons: subjects, related persons and persons only named in signals. */
  persons: number;
  signals: number;
  /** How far back cases and signals go. */
  historyYears: number;
  /** Weight per directing municipality (by name); only municipalities with a process director count. */
  directing: Readonly<Record<string, number>>;
  /** Share of the cases the named demo users take part in (politie, ggz: of all cases; coordinator: of its
   * own municipality's cases), ggz's overlap with politie, and the number of open cases of the expert. */
  slices: { politie: number; ggz: number; ggzOverlap: number; coordinator: number; expertCases: number };
  /** Case conferences every so many days over the last `conferenceWindowDays` days (plus the next one). */
  conferenceEveryDays: number;
  conferenceWindowDays: number;
  /** Discussions per case at most (past conferences). */
  maxDiscussions: number;
  /** Share of closed-provisional cases whose revisit date has already come. */
  revisitDueShare: number;
  /** Share of the framework's factors rated in each assessment. */
  ratedFactorShare: number;
}

export const DEMO_SCALE: RegionScale = {
  cases: 40,
  openCases: 28,
  provisionalCases: 6,
  persons: 130,
  signals: 115,
  historyYears: 3,
  directing: { Delft: 0.8, Rijswijk: 0.2 },
  slices: { politie: 0.3, ggz: 0.2, ggzOverlap: 0.5, coordinator: 0.32, expertCases: 2 },
  conferenceEveryDays: 28,
  conferenceWindowDays: 120,
  maxDiscussions: 2,
  revisitDueShare: 0.5,
  ratedFactorShare: 0.5,
};

/** The volume of issue 3's benchmark. Westland and Midden-Delfland direct cases only when they have a director. */
export const BENCH_SCALE: RegionScale = {
  cases: 20_000,
  openCases: 4_000,
  provisionalCases: 1_000,
  persons: 100_000,
  signals: 200_000,
  historyYears: 8,
  directing: { Delft: 0.5, Rijswijk: 0.2, Westland: 0.2, 'Midden-Delfland': 0.1 },
  slices: { politie: 0.2, ggz: 0.1, ggzOverlap: 0.3, coordinator: 0.1, expertCases: 40 },
  conferenceEveryDays: 14,
  conferenceWindowDays: 8 * 365,
  maxDiscussions: 3,
  revisitDueShare: 0.3,
  ratedFactorShare: 0.25,
};

export interface GenerateOptions {
  regionId: string;
  seed: number;
  scale: 'demo' | 'bench' | RegionScale;
  /** "Now" for relative dates (overdue actions, revisit dates); default the current time. */
  now?: Date;
  onProgress?: (step: string) => void;
}

export interface GeneratedRegion {
  cases: number;
  casesByPhase: Record<Phase, number>;
  /** Rows written per table. */
  rows: Record<string, number>;
  catalogues: { indicators: number; frameworkFactors: number; toolboxItems: number };
}

// --- What the region already has ------------------------------------------------------------------

interface Municipality {
  id: string;
  name: string;
  organisationId: string | null;
  isCoordinating: boolean;
}
interface Org {
  id: string;
  name: string;
  type: string;
}
interface User {
  id: string;
  email: string;
  role: string;
  organisationId: string;
}

async function loadRegion(tx: Tx, regionId: string) {
  const municipalities: Municipality[] = (
    await tx
      .selectFrom('municipalities')
      .select(['id', 'name', 'organisation_id', 'is_coordinating'])
      .where('region_id', '=', regionId)
      .orderBy('name')
      .execute()
  ).map((m) => ({ id: m.id, name: m.name, organisationId: m.organisation_id, isCoordinating: m.is_coordinating }));
  const orgs: Org[] = await tx
    .selectFrom('organisations')
    .innerJoin('region_organisations as ro', 'ro.organisation_id', 'organisations.id')
    .select(['organisations.id', 'organisations.name', 'organisations.type'])
    .where('ro.region_id', '=', regionId)
    .orderBy('organisations.name')
    .execute();
  const users: User[] = (
    await tx
      .selectFrom('users')
      .innerJoin('region_roles as rr', 'rr.user_id', 'users.id')
      .select(['users.id', 'users.email', 'rr.role', 'users.organisation_id'])
      .where('rr.region_id', '=', regionId)
      .where('users.disabled_at', 'is', null)
      .orderBy('users.email')
      .execute()
  ).map((u) => ({ id: u.id, email: u.email, role: u.role, organisationId: u.organisation_id }));
  const indicators = (
    await tx
      .selectFrom('indicators')
      .select('code')
      .where('region_id', '=', regionId)
      .where('active', '=', true)
      .orderBy('sort')
      .orderBy('code')
      .execute()
  ).map((r) => r.code);
  const framework = await tx
    .selectFrom('assessment_frameworks')
    .select('id')
    .where('region_id', '=', regionId)
    .where('active', '=', true)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  const factors = framework
    ? await tx
        .selectFrom('framework_factors')
        .select(['id', 'domain'])
        .where('framework_id', '=', framework.id)
        .orderBy('sort')
        .orderBy('code')
        .execute()
    : [];
  const settings = await tx
    .selectFrom('region_settings')
    .select(['twbmt_enabled', 'proportionality_interval_days'])
    .where('region_id', '=', regionId)
    .executeTakeFirst();
  const toolbox = (
    await tx
      .selectFrom('toolbox_items')
      .select(['id', 'category', 'target_groups', 'organisation_types'])
      .where('region_id', '=', regionId)
      .where('active', '=', true)
      .orderBy('code')
      .execute()
  ).filter((t) => settings?.twbmt_enabled !== false || t.category !== 'twbmt');
  const counters = new Map<string, number>();
  for (const c of await tx
    .selectFrom('reference_counters')
    .select(['kind', 'year', 'last_value'])
    .where('region_id', '=', regionId)
    .execute()) {
    counters.set(`${c.kind}-${c.year}`, c.last_value);
  }
  return {
    municipalities,
    orgs,
    users,
    indicators,
    framework: framework ? { id: framework.id, factors } : null,
    toolbox,
    counters,
    intervalDays: settings?.proportionality_interval_days ?? 91,
  };
}

// --- Planned rows -----------------------------------------------------------------------------------

interface Person {
  id: string;
  firstName: string;
  namePrefix: string | null;
  lastName: string;
  dob: string | null;
  gender: string;
  residenceId: string;
  createdBy: string | null;
  createdDay: number;
}

interface SignalPlan {
  id: string;
  day: number;
  municipalityId: string;
  triageMunicipality: Municipality;
  sourceOrg: Org;
  createdBy: string;
  subjects: string[];
  ideology: string;
  caseId: string | null;
  reference?: string;
}

interface Member {
  userId: string;
  organisationId: string;
  purpose: 'partner' | 'expert';
}

interface CasePlan {
  id: string;
  phase: Phase;
  municipality: Municipality;
  directorId: string;
  coordinatorId: string | null;
  openedDay: number;
  closedDay: number | null;
  revisitDay: number | null;
  targetGroup: string;
  riskGroup: number | null;
  ideology: string;
  priority: 'normal' | 'high';
  escalation: 'local' | 'regional' | 'national';
  subject: Person;
  orgs: string[];
  members: Member[];
  reference?: string;
}

const TARGET_GROUPS = {
  radicalised: 35,
  recruiter: 8,
  intending_traveller: 10,
  stay_at_home: 5,
  departed: 4,
  returnee: 6,
  detainee: 10,
  family_member: 22,
} as const;
const IDEOLOGIES = { jihadist: 35, right_wing: 30, left_wing: 8, anti_government: 17, other_unclear: 10 } as const;
const CONCERN = ['low', 'medium', 'high', 'acute'] as const;
const LEGAL_REGIME: Record<string, string> = {
  police: 'wpg',
  public_prosecutor: 'wjsg',
  probation: 'wjsg',
  mental_health: 'professional_secrecy',
};
const OPEN_PHASE_WEIGHTS: Record<'preparation' | 'analysis' | 'execution' | 'monitoring', number> = {
  preparation: 0.15,
  analysis: 0.2,
  execution: 0.35,
  monitoring: 0.3,
};

/** Splits `n` over weighted keys so the parts add up to `n` (largest remainder). */
function apportion<K extends string>(n: number, weights: Readonly<Record<K, number>>): Record<K, number> {
  const keys = Object.keys(weights) as K[];
  const total = keys.reduce((s, k) => s + weights[k], 0);
  const raw = keys.map((k) => (n * weights[k]) / total);
  const out = {} as Record<K, number>;
  keys.forEach((k, i) => {
    out[k] = Math.floor(raw[i] as number);
  });
  let left = n - keys.reduce((s, k) => s + out[k], 0);
  const order = keys
    .map((k, i) => ({ k, frac: (raw[i] as number) - Math.floor(raw[i] as number) }))
    .sort((a, b) => b.frac - a.frac);
  for (const { k } of order) {
    if (left <= 0) break;
    out[k] += 1;
    left -= 1;
  }
  return out;
}

/** About `share` of the items of each group (groups keep e.g. phases represented), total rounded. */
function stratifiedPick<T>(rng: Random, groups: readonly T[][], share: number): T[] {
  const total = groups.reduce((s, g) => s + g.length, 0);
  const weights: Record<string, number> = {};
  groups.forEach((g, i) => {
    weights[String(i)] = g.length;
  });
  const counts = total > 0 ? apportion(Math.round(total * share), weights) : {};
  return groups.flatMap((g, i) =>
    rng.sample(g, Math.min(g.length, (counts as Record<string, number>)[String(i)] ?? 0)),
  );
}

export async function generateRegionData(tx: Tx, options: GenerateOptions): Promise<GeneratedRegion> {
  const scale = options.scale === 'demo' ? DEMO_SCALE : options.scale === 'bench' ? BENCH_SCALE : options.scale;
  const progress = options.onProgress ?? (() => {});
  const regionId = options.regionId;
  const now = options.now ?? new Date();
  const today = dayOf(todayInNl(now));
  const history = scale.historyYears * 365;
  const rng = new Random(`schakel-synthetic:${options.seed}`);
  const ids = new Random(`schakel-synthetic-ids:${options.seed}:${regionId}`);
  const region = await loadRegion(tx, regionId);

  const orgById = new Map(region.orgs.map((o) => [o.id, o]));
  const usersByOrg = new Map<string, User[]>();
  for (const u of region.users) usersByOrg.set(u.organisationId, [...(usersByOrg.get(u.organisationId) ?? []), u]);
  const userByEmail = new Map(region.users.map((u) => [u.email, u]));
  const named = {
    politie: userByEmail.get(SLICE_USERS.politie),
    ggz: userByEmail.get(SLICE_USERS.ggz),
    coordinator: userByEmail.get(SLICE_USERS.coordinator),
    expert: userByEmail.get(SLICE_USERS.expert),
  };
  const namedIds = new Set(Object.values(named).flatMap((u) => (u ? [u.id] : [])));
  const directorsByMunicipality = new Map(
    region.municipalities.map((m) => [
      m.id,
      region.users.filter((u) => u.role === 'process_director' && u.organisationId === m.organisationId),
    ]),
  );
  const directorsOf = (m: Municipality) => directorsByMunicipality.get(m.id) ?? [];
  const organisationOfUser = new Map(region.users.map((u) => [u.id, u.organisationId]));
  const directing = region.municipalities.filter(
    (m) => directorsOf(m).length > 0 && (scale.directing[m.name] ?? 0) > 0,
  );
  if (directing.length === 0) {
    const withDirector = region.municipalities.filter((m) => directorsOf(m).length > 0);
    if (withDirector.length === 0) throw new Error('The region has no process director to direct cases.');
    directing.push(...withDirector);
  }
  const coordinating = directing.find((m) => m.isCoordinating) ?? (directing[0] as Municipality);
  const triageMunicipalityOf = (m: Municipality) => (directing.includes(m) ? m : coordinating);
  const partnerOrgs = region.orgs.filter((o) => o.type !== 'municipality' && o.type !== 'expertise_pool');
  const orgOfType = (type: string) => region.orgs.find((o) => o.type === type) ?? null;
  const policeOrg = orgOfType('police');
  const authorsOf = (orgId: string) =>
    (usersByOrg.get(orgId) ?? []).filter((u) =>
      ['partner', 'expert', 'process_director', 'case_coordinator'].includes(u.role),
    );

  // Buffers, written in foreign-key order at the end.
  const t = {
    persons: new BulkTable('persons', {
      id: 'uuid',
      region_id: 'uuid',
      first_name: 'text',
      name_prefix: 'text',
      last_name: 'text',
      date_of_birth: 'date',
      gender: 'text',
      residence_municipality_id: 'uuid',
      search_name: 'text',
      created_by: 'uuid',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    }),
    signals: new BulkTable('signals', {
      id: 'uuid',
      region_id: 'uuid',
      reference: 'text',
      municipality_id: 'uuid',
      source_organisation_id: 'uuid',
      registrant_organisation_id: 'uuid',
      reporter_kind: 'text',
      reporter_name: 'text',
      received_on: 'date',
      subject_unknown: 'bool',
      indicators: 'text[]',
      ideology: 'text',
      urgency: 'text',
      description: 'text',
      legal_regime: 'text',
      status: 'text',
      created_by: 'uuid',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
      closed_at: 'timestamptz',
    }),
    signalSubjects: new BulkTable('signal_subjects', {
      id: 'uuid',
      region_id: 'uuid',
      signal_id: 'uuid',
      person_id: 'uuid',
      link_kind: 'text',
      match_reason: 'text',
      linked_by: 'uuid',
      linked_at: 'timestamptz',
    }),
    triageMeetings: new BulkTable('triage_meetings', {
      id: 'uuid',
      region_id: 'uuid',
      municipality_id: 'uuid',
      held_on: 'date',
      status: 'text',
      chair_id: 'uuid',
      created_at: 'timestamptz',
    }),
    triageAgenda: new BulkTable('triage_agenda', {
      region_id: 'uuid',
      triage_meeting_id: 'uuid',
      signal_id: 'uuid',
      position: 'int',
    }),
    triageDecisions: new BulkTable('triage_decisions', {
      id: 'uuid',
      region_id: 'uuid',
      triage_meeting_id: 'uuid',
      signal_id: 'uuid',
      decision: 'text',
      referred_to: 'text',
      rationale: 'text',
      case_id: 'uuid',
      decided_by: 'uuid',
      decided_at: 'timestamptz',
    }),
    cases: new BulkTable('cases', {
      id: 'uuid',
      region_id: 'uuid',
      reference: 'text',
      subject_person_id: 'uuid',
      target_group: 'text',
      risk_group: 'smallint',
      ideology: 'text',
      directing_municipality_id: 'uuid',
      process_director_id: 'uuid',
      case_coordinator_id: 'uuid',
      priority: 'text',
      phase: 'text',
      escalation_level: 'text',
      opened_at: 'timestamptz',
      closed_at: 'timestamptz',
      closing_kind: 'text',
      closing_reason: 'text',
      revisit_on: 'date',
      next_review_on: 'date',
      last_conference_on: 'date',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    }),
    caseSignals: new BulkTable('case_signals', { region_id: 'uuid', case_id: 'uuid', signal_id: 'uuid' }),
    related: new BulkTable('case_related_persons', {
      id: 'uuid',
      region_id: 'uuid',
      case_id: 'uuid',
      person_id: 'uuid',
      relation: 'text',
      added_by: 'uuid',
      added_at: 'timestamptz',
    }),
    caseOrgs: new BulkTable('case_organisations', {
      region_id: 'uuid',
      case_id: 'uuid',
      organisation_id: 'uuid',
      added_by: 'uuid',
      added_at: 'timestamptz',
    }),
    members: new BulkTable('case_members', {
      region_id: 'uuid',
      case_id: 'uuid',
      user_id: 'uuid',
      organisation_id: 'uuid',
      purpose: 'text',
      added_by: 'uuid',
      added_at: 'timestamptz',
    }),
    assessments: new BulkTable('assessments', {
      id: 'uuid',
      region_id: 'uuid',
      person_id: 'uuid',
      case_id: 'uuid',
      signal_id: 'uuid',
      framework_id: 'uuid',
      sequence: 'int',
      status: 'text',
      concern_level: 'text',
      rationale: 'text',
      assessed_on: 'date',
      assessed_by: 'uuid',
      organisation_id: 'uuid',
      finalised_at: 'timestamptz',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    }),
    ratings: new BulkTable('assessment_ratings', {
      id: 'uuid',
      region_id: 'uuid',
      assessment_id: 'uuid',
      factor_id: 'uuid',
      rating: 'text',
      evidence: 'text',
      source_organisation_id: 'uuid',
      observed_on: 'date',
    }),
    meetings: new BulkTable('meetings', {
      id: 'uuid',
      region_id: 'uuid',
      title: 'text',
      starts_at: 'timestamptz',
      ends_at: 'timestamptz',
      location: 'text',
      chair_id: 'uuid',
      status: 'text',
      minutes_notes: 'text',
      minutes_approved_by: 'uuid',
      minutes_approved_at: 'timestamptz',
      created_at: 'timestamptz',
    }),
    agenda: new BulkTable('meeting_agenda_items', {
      id: 'uuid',
      region_id: 'uuid',
      meeting_id: 'uuid',
      case_id: 'uuid',
      position: 'int',
      judgement: 'text',
      status: 'text',
    }),
    attendance: new BulkTable('meeting_attendance', {
      region_id: 'uuid',
      meeting_id: 'uuid',
      organisation_id: 'uuid',
      present: 'bool',
      attendees: 'text',
    }),
    contributions: new BulkTable('case_contributions', {
      id: 'uuid',
      region_id: 'uuid',
      case_id: 'uuid',
      meeting_id: 'uuid',
      organisation_id: 'uuid',
      author_id: 'uuid',
      body: 'text',
      legal_regime: 'text',
      legal_regime_reason: 'text',
      scope: 'text',
      created_at: 'timestamptz',
    }),
    plans: new BulkTable('plans', {
      id: 'uuid',
      region_id: 'uuid',
      case_id: 'uuid',
      problem_analysis: 'text',
      goals: 'jsonb',
      status: 'text',
      adopted_at: 'timestamptz',
      next_review_on: 'date',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    }),
    interventions: new BulkTable('plan_interventions', {
      id: 'uuid',
      region_id: 'uuid',
      plan_id: 'uuid',
      toolbox_item_id: 'uuid',
      goal: 'text',
      responsible_organisation_id: 'uuid',
      responsible_user_id: 'uuid',
      status: 'text',
      starts_on: 'date',
      ends_on: 'date',
      created_at: 'timestamptz',
    }),
    actions: new BulkTable('actions', {
      id: 'uuid',
      region_id: 'uuid',
      case_id: 'uuid',
      plan_intervention_id: 'uuid',
      agenda_item_id: 'uuid',
      title: 'text',
      description: 'text',
      owner_organisation_id: 'uuid',
      owner_user_id: 'uuid',
      due_on: 'date',
      status: 'text',
      completed_at: 'timestamptz',
      created_by: 'uuid',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    }),
    actionNotes: new BulkTable('action_notes', {
      id: 'uuid',
      region_id: 'uuid',
      action_id: 'uuid',
      author_id: 'uuid',
      body: 'text',
      created_at: 'timestamptz',
    }),
    reviews: new BulkTable('proportionality_reviews', {
      id: 'uuid',
      region_id: 'uuid',
      case_id: 'uuid',
      reviewed_on: 'date',
      reviewer_id: 'uuid',
      measures: 'jsonb',
      reasoning: 'text',
      next_review_on: 'date',
      created_at: 'timestamptz',
    }),
    events: new BulkTable('case_events', {
      region_id: 'uuid',
      case_id: 'uuid',
      occurred_at: 'timestamptz',
      actor_id: 'uuid',
      kind: 'text',
      summary: 'text',
      reason: 'text',
    }),
    caseEvaluations: new BulkTable('case_evaluations', {
      id: 'uuid',
      region_id: 'uuid',
      case_id: 'uuid',
      kind: 'text',
      findings: 'text',
      follow_up: 'text',
      author_id: 'uuid',
      created_at: 'timestamptz',
    }),
    interventionEvaluations: new BulkTable('intervention_evaluations', {
      id: 'uuid',
      region_id: 'uuid',
      plan_intervention_id: 'uuid',
      kind: 'text',
      findings: 'text',
      author_id: 'uuid',
      created_at: 'timestamptz',
    }),
  };

  // --- 1. Cases: phase, direction, dates, people ----------------------------------------------------
  progress('planning cases');
  const openCounts = apportion(scale.openCases, OPEN_PHASE_WEIGHTS);
  const phases: Phase[] = [];
  for (const p of PHASES) {
    const n =
      p === 'closed_provisional'
        ? scale.provisionalCases
        : p === 'closed'
          ? scale.cases - scale.openCases - scale.provisionalCases
          : openCounts[p as keyof typeof openCounts];
    for (let i = 0; i < n; i += 1) phases.push(p);
  }
  // Direction is spread evenly over the phases (systematic assignment in phase order).
  const directingWeights: Record<string, number> = {};
  for (const m of directing) directingWeights[m.id] = scale.directing[m.name] ?? 1;
  const perMunicipality = apportion(phases.length, directingWeights);
  const pattern: Municipality[] = [];
  {
    const left = { ...perMunicipality };
    for (let i = 0; i < phases.length; i += 1) {
      // The municipality furthest behind its share goes next.
      let best = directing[0] as Municipality;
      let bestLag = Number.NEGATIVE_INFINITY;
      for (const m of directing) {
        const target = ((perMunicipality[m.id] ?? 0) * (i + 1)) / phases.length;
        const done = (perMunicipality[m.id] ?? 0) - (left[m.id] ?? 0);
        const lag = target - done;
        if ((left[m.id] ?? 0) > 0 && lag > bestLag) {
          bestLag = lag;
          best = m;
        }
      }
      left[best.id] = (left[best.id] ?? 0) - 1;
      pattern.push(best);
    }
  }

  const persons: Person[] = [];
  const newPerson = (
    residenceId: string,
    day: number,
    createdBy: string | null,
    family?: string,
    ageRange = [14, 60],
  ) => {
    const name = fictionalName(rng);
    const ageYears = rng.int(ageRange[0] as number, ageRange[1] as number);
    const dobDay = today - ageYears * 365 - rng.int(0, 364);
    // Days 1, 10, 15, 20 and 31 are left out: test fixtures like 2001-01-01 must not collide with the demo.
    const dob = isoOf(dobDay);
    const dd = Number(dob.slice(8, 10));
    const safeDob = [1, 10, 15, 20, 31].includes(dd) ? isoOf(dobDay + 2) : dob;
    const p: Person = {
      id: ids.uuid(),
      firstName: name.firstName,
      namePrefix: family ? null : name.namePrefix,
      lastName: family ?? name.lastName,
      dob: rng.chance(0.97) ? safeDob : null,
      gender: name.gender,
      residenceId,
      createdBy,
      createdDay: day,
    };
    persons.push(p);
    return p;
  };

  const openRange: Record<Phase, [number, number]> = {
    preparation: [1, 28],
    analysis: [14, 120],
    execution: [60, Math.min(900, history)],
    monitoring: [150, Math.min(1400, history)],
    closed_provisional: [240, history],
    closed: [240, history],
  };

  // Triage meetings fall on day today+2 (the next one) and every 7 days before it.
  const upcomingTriage = today + 2;
  const triageDayOnOrBefore = (day: number) => upcomingTriage - 7 * Math.ceil((upcomingTriage - day) / 7);
  /** The first triage meeting after the day a signal came in. */
  const nextTriageDay = (day: number) => upcomingTriage - 7 * Math.floor((upcomingTriage - day - 1) / 7);

  // Escalation levels of the open cases in exact proportions, so even the demo has every level.
  const escalationCounts = apportion(scale.openCases, { local: 25, regional: 62, national: 13 });
  const openEscalations = rng.shuffle(
    (Object.keys(escalationCounts) as Array<keyof typeof escalationCounts>).flatMap((k) =>
      Array.from({ length: escalationCounts[k] }, () => k),
    ),
  );
  const cases: CasePlan[] = [];
  phases.forEach((phase, i) => {
    const municipality = pattern[i] as Municipality;
    const directorId = rng.pick(directorsOf(municipality)).id;
    const [minAgo, maxAgo] = openRange[phase];
    // Cases are opened in a weekly triage meeting (see nextTriageDay).
    const openedDay = triageDayOnOrBefore(today - rng.int(minAgo, Math.max(minAgo, maxAgo)));
    let closedDay: number | null = null;
    let revisitDay: number | null = null;
    if (phase === 'closed_provisional') {
      closedDay = today - rng.int(20, Math.max(20, Math.min(360, today - openedDay - 120)));
      revisitDay = rng.chance(scale.revisitDueShare)
        ? Math.max(closedDay + 30, today - rng.int(1, 45))
        : today + rng.int(14, 240);
      if (revisitDay > today - 1 && revisitDay <= today) revisitDay = today - 1;
    } else if (phase === 'closed') {
      closedDay = today - rng.int(1, Math.max(1, today - openedDay - 120));
    }
    const residence = municipality === coordinating && rng.chance(0.4) ? rng.pick(region.municipalities) : municipality;
    const targetGroup = rng.weighted(TARGET_GROUPS);
    const subject = newPerson(
      residence.id,
      openedDay - rng.int(7, 40),
      directorId,
      undefined,
      targetGroup === 'family_member' ? [8, 65] : [15, 45],
    );
    const isOpen = phase !== 'closed' && phase !== 'closed_provisional';
    cases.push({
      id: ids.uuid(),
      phase,
      municipality,
      directorId,
      coordinatorId: null,
      openedDay,
      closedDay,
      revisitDay,
      targetGroup,
      riskGroup: rng.chance(0.8) ? rng.int(1, 5) : null,
      ideology: rng.weighted(IDEOLOGIES),
      priority: rng.chance(isOpen ? 0.2 : 0.1) ? 'high' : 'normal',
      escalation: isOpen
        ? (openEscalations.pop() ?? 'regional')
        : rng.weighted({ local: 40, regional: 55, national: 5 }),
      subject,
      orgs: municipality.organisationId ? [municipality.organisationId] : [],
      members: [],
    });
  });

  // --- 2. Who takes part: the named demo users' slices, then the other partners ----------------------
  const byPhase = PHASES.map((p) => cases.filter((c) => c.phase === p));
  const addMember = (c: CasePlan, u: User, purpose: 'partner' | 'expert' = 'partner') => {
    if (!c.orgs.includes(u.organisationId)) c.orgs.push(u.organisationId);
    if (!c.members.some((m) => m.userId === u.id))
      c.members.push({ userId: u.id, organisationId: u.organisationId, purpose });
  };
  const politieSet = new Set<CasePlan>();
  if (named.politie) {
    for (const c of stratifiedPick(rng, byPhase, scale.slices.politie)) {
      addMember(c, named.politie);
      politieSet.add(c);
    }
  }
  if (named.ggz) {
    const ggzTotal = Math.round(cases.length * scale.slices.ggz);
    const overlap = Math.round(ggzTotal * scale.slices.ggzOverlap);
    const fromPolitie = rng.sample([...politieSet], overlap);
    const others = stratifiedPick(
      rng,
      byPhase.map((g) => g.filter((c) => !politieSet.has(c))),
      (ggzTotal - fromPolitie.length) / Math.max(1, cases.length - politieSet.size),
    );
    for (const c of [...fromPolitie, ...others]) addMember(c, named.ggz);
  }
  if (named.coordinator) {
    const own = byPhase.map((g) =>
      g.filter((c) => c.municipality.organisationId === named.coordinator?.organisationId),
    );
    for (const c of stratifiedPick(rng, own, scale.slices.coordinator)) c.coordinatorId = named.coordinator.id;
  }
  if (named.expert) {
    const candidates = cases.filter((c) => c.phase === 'analysis' || c.phase === 'execution');
    for (const c of rng.sample(candidates, scale.slices.expertCases)) addMember(c, named.expert, 'expert');
  }
  const otherCoordinators = region.users.filter((u) => u.role === 'case_coordinator' && !namedIds.has(u.id));
  for (const c of cases) {
    if (!c.coordinatorId) {
      const own = otherCoordinators.filter((u) => u.organisationId === c.municipality.organisationId);
      if (own.length > 0 && rng.chance(0.7)) c.coordinatorId = rng.pick(own).id;
    }
    // Several partners per case: police mostly, and one to three others.
    if (policeOrg && !c.orgs.includes(policeOrg.id) && rng.chance(0.75)) c.orgs.push(policeOrg.id);
    const candidates = partnerOrgs.filter((o) => !c.orgs.includes(o.id) && o.type !== 'police');
    const wanted = Math.max(rng.int(1, 3), 3 - c.orgs.length);
    for (const o of rng.sample(candidates, wanted)) c.orgs.push(o.id);
    // Each partner organisation sends someone (users other than the named demo users, if the region has them).
    for (const orgId of c.orgs) {
      const org = orgById.get(orgId);
      if (!org || org.type === 'municipality') continue;
      const staff = (usersByOrg.get(orgId) ?? []).filter(
        (u) => !namedIds.has(u.id) && (u.role === 'partner' || u.role === 'expert'),
      );
      if (staff.length > 0 && rng.chance(0.85))
        addMember(c, rng.pick(staff), org.type === 'expertise_pool' ? 'expert' : 'partner');
    }
  }

  // --- 3. Related persons --------------------------------------------------------------------------------
  progress('planning persons and signals');
  const relatedOf = new Map<CasePlan, Array<{ person: Person; relation: string }>>();
  const relatedBudget = Math.max(0, Math.floor((scale.persons - cases.length) * 0.35));
  let relatedCount = 0;
  for (const c of cases) {
    const list: Array<{ person: Person; relation: string }> = [];
    const n = rng.int(0, 3);
    for (let k = 0; k < n && relatedCount < relatedBudget; k += 1) {
      const relation = rng.weighted({ parent: 35, sibling: 25, partner: 15, network: 20, child: 5 });
      const family =
        relation === 'parent' || relation === 'sibling' || relation === 'child' ? c.subject.lastName : undefined;
      const age: [number, number] =
        relation === 'parent'
          ? [38, 70]
          : relation === 'child'
            ? [1, 12]
            : relation === 'sibling'
              ? [10, 40]
              : [16, 50];
      const p = newPerson(
        c.subject.residenceId,
        Math.min(today, c.openedDay + rng.int(0, 60)),
        c.directorId,
        family,
        age,
      );
      if (family && rng.chance(0.3)) p.firstName = givenName(rng, p.gender === 'male' ? 'male' : 'female');
      list.push({ person: p, relation });
      relatedCount += 1;
    }
    relatedOf.set(c, list);
  }

  // --- 4. Signals: those that led to a case, then those about other persons ------------------------------
  const signals: SignalPlan[] = [];
  const sourceOrgs = region.orgs.filter((o) => o.type !== 'expertise_pool');
  const sourceWeights: Record<string, number> = {};
  for (const o of sourceOrgs) sourceWeights[o.id] = o.type === 'police' ? 6 : o.type === 'municipality' ? 2 : 1;
  const creatorFor = (org: Org, triage: Municipality) => {
    const own = authorsOf(org.id).filter((u) => u.role !== 'expert');
    return own.length > 0 ? rng.pick(own).id : rng.pick(directorsOf(triage)).id;
  };
  const caseSignalsOf = new Map<CasePlan, SignalPlan[]>();
  for (const c of cases) {
    const n = Math.min(rng.int(1, 3), Math.max(1, scale.signals - signals.length));
    const list: SignalPlan[] = [];
    for (let k = 0; k < n; k += 1) {
      const org = orgById.get(rng.weighted(sourceWeights)) as Org;
      const s: SignalPlan = {
        id: ids.uuid(),
        day: c.openedDay - rng.int(1 + k * 10, 12 + k * 20),
        municipalityId: c.subject.residenceId,
        triageMunicipality: c.municipality,
        sourceOrg: org,
        createdBy: creatorFor(org, c.municipality),
        subjects: [c.subject.id],
        ideology: c.ideology,
        caseId: c.id,
      };
      list.push(s);
      signals.push(s);
    }
    list.sort((a, b) => a.day - b.day);
    c.subject.createdDay = (list[0] as SignalPlan).day;
    c.subject.createdBy = (list[0] as SignalPlan).createdBy;
    caseSignalsOf.set(c, list);
  }
  const loose: Person[] = [];
  const looseCount = Math.max(0, scale.persons - persons.length);
  for (let k = 0; k < looseCount; k += 1) {
    loose.push(newPerson(rng.pick(region.municipalities).id, today - rng.int(1, history), null));
  }
  const looseSignals = Math.max(0, scale.signals - signals.length);
  for (let k = 0; k < looseSignals; k += 1) {
    // The first signals name each person once; the rest repeat persons already known (matches).
    const unknown = loose.length === 0 || rng.chance(0.05);
    const person = unknown ? null : k < loose.length ? (loose[k] as Person) : rng.pick(loose);
    const municipality =
      region.municipalities.find((m) => m.id === person?.residenceId) ?? rng.pick(region.municipalities);
    const triage = triageMunicipalityOf(municipality);
    const org = orgById.get(rng.weighted(sourceWeights)) as Org;
    const day = today - (k < 12 && scale.signals < 1000 ? rng.int(0, 9) : rng.int(0, history - 1));
    signals.push({
      id: ids.uuid(),
      day,
      municipalityId: municipality.id,
      triageMunicipality: triage,
      sourceOrg: org,
      createdBy: creatorFor(org, triage),
      subjects: person ? [person.id] : [],
      ideology: rng.weighted(IDEOLOGIES),
      caseId: null,
    });
  }

  // References in order of arrival, continuing the region's counters.
  const counters = new Map(region.counters);
  const nextRef = (kind: 'S' | 'C', day: number) => {
    const year = Number(isoOf(day).slice(0, 4));
    const key = `${kind}-${year}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return `${kind}-${year}-${String(n).padStart(4, '0')}`;
  };
  for (const s of [...signals].sort((a, b) => a.day - b.day || (a.id < b.id ? -1 : 1)))
    s.reference = nextRef('S', s.day);
  for (const c of [...cases].sort((a, b) => a.openedDay - b.openedDay || (a.id < b.id ? -1 : 1)))
    c.reference = nextRef('C', c.openedDay);

  // --- 5. Triage meetings (weekly per directing municipality) and decisions ----------------------------
  progress('triage');
  const triageMeetings = new Map<string, { id: string; day: number; position: number }>();
  const triageMeetingFor = (m: Municipality, day: number) => {
    const key = `${m.id}:${day}`;
    let meeting = triageMeetings.get(key);
    if (!meeting) {
      meeting = { id: ids.uuid(), day, position: 0 };
      triageMeetings.set(key, meeting);
      t.triageMeetings.push({
        id: meeting.id,
        region_id: regionId,
        municipality_id: m.id,
        held_on: isoOf(day),
        status: day > today ? 'planned' : 'held',
        chair_id: rng.pick(directorsOf(m)).id,
        created_at: momentOf(day - 7, 9),
      });
    }
    return meeting;
  };
  const personById = new Map(persons.map((p) => [p.id, p]));
  const seenPerson = new Set<string>();
  const indicatorPick = () => (region.indicators.length > 0 ? rng.sample(region.indicators, rng.int(1, 4)) : []);
  const caseById = new Map(cases.map((c) => [c.id, c]));
  for (const s of [...signals].sort((a, b) => a.day - b.day)) {
    const c = s.caseId ? caseById.get(s.caseId) : undefined;
    let status: string;
    let meetingDay: number | null;
    if (s.caseId) {
      meetingDay = null; // decided below, in the meeting that opened the case
      status = 'decided';
    } else {
      meetingDay = nextTriageDay(s.day);
      status = meetingDay > today ? (rng.chance(0.6) ? 'triage' : 'received') : 'closed';
    }
    const decisionKind =
      status === 'closed'
        ? rng.weighted({ handle_locally: 40, refer: 30, no_action: 30 })
        : status === 'decided'
          ? 'open_case'
          : null;
    const decidedDay = s.caseId ? (c as CasePlan).openedDay : (meetingDay as number);
    t.signals.push({
      id: s.id,
      region_id: regionId,
      reference: s.reference as string,
      municipality_id: s.municipalityId,
      source_organisation_id: s.sourceOrg.id,
      // The bulk load runs without triggers: the registrant's organisation is named here (migration 0017).
      registrant_organisation_id: organisationOfUser.get(s.createdBy) as string,
      reporter_kind: 'professional',
      reporter_name: `Medewerker ${s.sourceOrg.name}`,
      received_on: isoOf(s.day),
      subject_unknown: s.subjects.length === 0,
      indicators: indicatorPick(),
      ideology: s.ideology,
      urgency: rng.weighted({ normal: 75, high: 20, acute: 5 }),
      description: rng.pick(SIGNAL_DESCRIPTIONS),
      // Recorded under the source's default regime (src/core/source-attribution.ts).
      legal_regime: defaultLegalRegime(s.sourceOrg.type),
      status,
      created_by: s.createdBy,
      created_at: momentOf(s.day, rng.int(7, 15), rng.int(0, 59)),
      updated_at: momentOf(decisionKind ? decidedDay : s.day, 14),
      closed_at: status === 'closed' ? momentOf(decidedDay, 14) : null,
    });
    for (const personId of s.subjects) {
      const known = seenPerson.has(personId);
      seenPerson.add(personId);
      const p = personById.get(personId);
      if (p && !known) {
        p.createdDay = s.day;
        p.createdBy = s.createdBy;
      }
      t.signalSubjects.push({
        id: ids.uuid(),
        region_id: regionId,
        signal_id: s.id,
        person_id: personId,
        link_kind: known ? 'matched_existing' : 'new_person',
        match_reason: known ? 'Naam en geboortedatum komen overeen met een bekende persoon.' : null,
        linked_by: s.createdBy,
        linked_at: momentOf(s.day, 16),
      });
    }
    if (status === 'received') continue;
    const meeting = triageMeetingFor(s.triageMunicipality, s.caseId ? decidedDay : (meetingDay as number));
    meeting.position += 1;
    t.triageAgenda.push({
      region_id: regionId,
      triage_meeting_id: meeting.id,
      signal_id: s.id,
      position: meeting.position,
    });
    if (decisionKind) {
      t.triageDecisions.push({
        id: ids.uuid(),
        region_id: regionId,
        triage_meeting_id: meeting.id,
        signal_id: s.id,
        decision: decisionKind,
        referred_to: decisionKind === 'refer' ? rng.weighted({ care: 50, youth: 25, top_x: 15, other: 10 }) : null,
        rationale: TRIAGE_RATIONALES[decisionKind as keyof typeof TRIAGE_RATIONALES],
        case_id: s.caseId,
        decided_by: rng.pick(directorsOf(s.triageMunicipality)).id,
        decided_at: momentOf(decidedDay, 11),
      });
    }
  }

  // --- 6. Case conferences ----------------------------------------------------------------------------
  progress('case conferences');
  const chairId = rng.pick(directorsOf(coordinating)).id;
  const conferenceDays: number[] = [];
  const nextConference = today + 5;
  for (
    let d = nextConference - scale.conferenceEveryDays;
    d >= today - scale.conferenceWindowDays;
    d -= scale.conferenceEveryDays
  ) {
    conferenceDays.unshift(d);
  }
  const lastPast = conferenceDays[conferenceDays.length - 1];
  interface Conference {
    id: string;
    day: number;
    orgs: Set<string>;
    position: number;
  }
  const conferences: Conference[] = [...conferenceDays, nextConference].map((day) => ({
    id: ids.uuid(),
    day,
    orgs: new Set<string>(),
    position: 0,
  }));
  const upcoming = conferences[conferences.length - 1] as Conference;
  for (const m of conferences) {
    const past = m.day < today;
    const status = !past ? 'scheduled' : m.day === lastPast ? 'held' : 'minutes_approved';
    t.meetings.push({
      id: m.id,
      region_id: regionId,
      title: `Casusoverleg ${isoOf(m.day)}`,
      starts_at: momentOf(m.day, 8),
      ends_at: momentOf(m.day, 11),
      location: 'Zorg- en Veiligheidshuis, vergaderzaal 2',
      chair_id: chairId,
      status,
      minutes_notes: past
        ? 'Casussen besproken volgens de BOB-methode; besluiten zijn als acties in de plannen van aanpak opgenomen.'
        : null,
      minutes_approved_by: status === 'minutes_approved' ? chairId : null,
      minutes_approved_at: status === 'minutes_approved' ? momentOf(m.day + 7, 10) : null,
      created_at: momentOf(m.day - 21, 9),
    });
  }

  // --- 7. Per case: organisations, members, assessments, plan, actions, reviews, timeline ---------------
  progress('case details');
  const pickAuthor = (c: CasePlan, orgId: string) => {
    const member = c.members.filter((m) => m.organisationId === orgId);
    if (member.length > 0) return rng.pick(member).userId;
    if (orgId === c.municipality.organisationId)
      return c.coordinatorId && rng.chance(0.5) ? c.coordinatorId : c.directorId;
    return null;
  };
  const casesByPhase = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
  for (const c of cases) {
    casesByPhase[c.phase] += 1;
    const isOpen = c.closedDay === null;
    const end = c.closedDay ?? today;
    const event = (
      day: number,
      kind: string,
      summary: string,
      actorId: string | null = c.directorId,
      reason: string | null = null,
    ) =>
      t.events.push({
        region_id: regionId,
        case_id: c.id,
        occurred_at: momentOf(day, rng.int(7, 15), rng.int(0, 59)),
        actor_id: actorId,
        kind,
        summary,
        reason,
      });
    event(c.openedDay, 'opened', `Casus ${c.reference} geopend`);

    for (const s of caseSignalsOf.get(c) ?? [])
      t.caseSignals.push({ region_id: regionId, case_id: c.id, signal_id: s.id });
    for (const r of relatedOf.get(c) ?? []) {
      t.related.push({
        id: ids.uuid(),
        region_id: regionId,
        case_id: c.id,
        person_id: r.person.id,
        relation: r.relation,
        added_by: c.directorId,
        added_at: momentOf(Math.min(r.person.createdDay, end), 12),
      });
    }
    for (const orgId of c.orgs) {
      t.caseOrgs.push({
        region_id: regionId,
        case_id: c.id,
        organisation_id: orgId,
        added_by: c.directorId,
        added_at: momentOf(c.openedDay, 10),
      });
    }
    for (const m of c.members) {
      const day = Math.min(end, c.openedDay + rng.int(0, 14));
      t.members.push({
        region_id: regionId,
        case_id: c.id,
        user_id: m.userId,
        organisation_id: m.organisationId,
        purpose: m.purpose,
        added_by: c.directorId,
        added_at: momentOf(day, 10),
      });
    }
    if (c.escalation !== 'regional') {
      const day = c.openedDay + Math.floor((end - c.openedDay) / 2);
      event(
        day,
        c.escalation === 'national' ? 'escalated' : 'de_escalated',
        c.escalation === 'national' ? 'Opgeschaald naar landelijk niveau' : 'Afgeschaald naar lokaal niveau',
        c.directorId,
        c.escalation === 'national'
          ? 'Zorgen overstijgen de regio; landelijke maatregelen nodig.'
          : 'Zorgen zijn afgenomen; lokaal te volgen.',
      );
    }

    // Conferences that discussed the case.
    const window = conferences.filter((m) => m.day < today && m.day >= c.openedDay + 3 && m.day <= end);
    const discussed =
      c.phase === 'preparation'
        ? []
        : rng.sample(window, rng.int(1, scale.maxDiscussions)).sort((a, b) => a.day - b.day);
    const agendaItems: Array<{ id: string; day: number; meetingId: string }> = [];
    const onAgenda = [...discussed];
    if (isOpen && (c.phase === 'preparation' || rng.chance(0.25))) onAgenda.push(upcoming);
    for (const m of onAgenda) {
      m.position += 1;
      for (const o of c.orgs) m.orgs.add(o);
      const item = { id: ids.uuid(), day: m.day, meetingId: m.id };
      if (m !== upcoming) agendaItems.push(item);
      t.agenda.push({
        id: item.id,
        region_id: regionId,
        meeting_id: m.id,
        case_id: c.id,
        position: m.position,
        judgement:
          m === upcoming ? null : 'Gedeeld beeld: de zorgen zijn besproken; de partners volgen het plan van aanpak.',
        status: m === upcoming ? 'pending' : 'discussed',
      });
      if (m !== upcoming) event(m.day, 'discussed', 'Besproken in het casusoverleg');
    }
    let lastConference: number | null =
      discussed.length > 0 ? (discussed[discussed.length - 1] as Conference).day : null;
    if (lastConference === null && c.phase !== 'preparation' && end - c.openedDay > 20) {
      // Discussed before the period the region's conferences cover.
      lastConference = c.openedDay + rng.int(7, Math.max(7, Math.min(end - c.openedDay - 1, 120)));
    }

    // Assessments (duiding en inschatting): 1–3 versions, each with a concern level chosen by a person.
    const nAssess =
      c.phase === 'preparation'
        ? rng.int(0, 1)
        : c.phase === 'analysis'
          ? 1
          : c.phase === 'execution'
            ? rng.int(1, 2)
            : rng.int(2, 3);
    if (region.framework && nAssess > 0) {
      let li = Number(rng.weighted({ 0: 10, 1: 45, 2: 35, 3: 10 }));
      const first = c.openedDay - rng.int(0, 6);
      const span = Math.max(1, end - first);
      for (let k = 0; k < nAssess; k += 1) {
        if (k > 0) li = Math.max(0, Math.min(3, li + (isOpen ? rng.int(-1, 1) : rng.int(-1, 0))));
        const level = CONCERN[li] as (typeof CONCERN)[number];
        const day = Math.min(end, first + Math.floor((span * k) / nAssess));
        const assessorOrg = rng.pick(c.orgs);
        const assessor = pickAuthor(c, assessorOrg) ?? c.directorId;
        const assessorOrgId =
          assessor === c.directorId || assessor === c.coordinatorId
            ? (c.municipality.organisationId ?? assessorOrg)
            : assessorOrg;
        const id = ids.uuid();
        t.assessments.push({
          id,
          region_id: regionId,
          person_id: c.subject.id,
          case_id: c.id,
          signal_id: k === 0 ? ((caseSignalsOf.get(c) ?? [])[0]?.id ?? null) : null,
          framework_id: region.framework.id,
          sequence: k + 1,
          status: 'final',
          concern_level: level,
          rationale: ASSESSMENT_RATIONALES[level],
          assessed_on: isoOf(day),
          assessed_by: assessor,
          organisation_id: assessorOrgId,
          finalised_at: momentOf(day, 15),
          created_at: momentOf(day, 9),
          updated_at: momentOf(day, 15),
        });
        event(day, 'assessment_finalised', `Duiding en inschatting versie ${k + 1} vastgesteld`, assessor);
        const factors = region.framework.factors;
        const rated = rng.sample(
          factors,
          Math.max(Math.min(3, factors.length), Math.round(factors.length * scale.ratedFactorShare)),
        );
        for (const f of rated) {
          t.ratings.push({
            id: ids.uuid(),
            region_id: regionId,
            assessment_id: id,
            factor_id: f.id,
            rating: rng.weighted({ not_observed: 30, present: 40, strongly_present: 15, unknown: 15 }),
            evidence:
              f.domain === 'protective'
                ? 'Waargenomen door de partner in het contact met betrokkene.'
                : 'Blijkt uit de ingebrachte informatie van de partners.',
            source_organisation_id: rng.pick(c.orgs),
            observed_on: isoOf(day - rng.int(0, 30)),
          });
        }
      }
    }

    // Contributions (beeldvorming): each with source organisation, legal regime and sharing scope.
    // Every partner member brings in what their organisation knows; the municipality adds its own.
    const contributors = c.phase === 'preparation' ? [] : [...new Set(c.members.map((m) => m.organisationId))];
    if (c.municipality.organisationId && (c.phase !== 'preparation' || rng.chance(0.5))) {
      contributors.push(c.municipality.organisationId);
    }
    for (const orgId of contributors) {
      const org = orgById.get(orgId) as Org;
      const author = pickAuthor(c, orgId);
      if (!author) continue;
      const item = agendaItems.length > 0 && rng.chance(0.6) ? rng.pick(agendaItems) : null;
      const day = item ? item.day : Math.min(end, c.openedDay + rng.int(1, Math.max(1, end - c.openedDay)));
      // Drawn in this order (body, then regime) so that the demo's random sequence stays as it was.
      const body = rng.pick(CONTRIBUTIONS[org.type] ?? (CONTRIBUTIONS.other as readonly string[]));
      const regime = (LEGAL_REGIME[org.type] ??
        (org.type === 'municipality' ? 'avg' : rng.weighted({ avg: 80, professional_secrecy: 20 }))) as LegalRegime;
      t.contributions.push({
        id: ids.uuid(),
        region_id: regionId,
        case_id: c.id,
        meeting_id: item?.meetingId ?? null,
        organisation_id: orgId,
        author_id: author,
        body,
        legal_regime: regime,
        // Under a weaker regime than the organisation's default only with a stated reason, as in the app.
        legal_regime_reason: regimeNeedsReason(regime, org.type)
          ? 'Algemene informatie, met toestemming gedeeld.'
          : null,
        scope: rng.chance(0.2) ? 'process_director' : 'conference',
        created_at: momentOf(day, rng.int(7, 10)),
      });
    }

    // Plan of approach, interventions from the toolbox, actions.
    const hasPlan = c.phase !== 'preparation' && (c.phase !== 'analysis' || rng.chance(0.7));
    const adopted = hasPlan && c.phase !== 'analysis';
    const adoptedDay = Math.min(end, c.openedDay + rng.int(20, 60));
    const interventionIds: string[] = [];
    if (hasPlan) {
      const planId = ids.uuid();
      const planReview = isOpen ? today + rng.int(-20, 60) : null;
      t.plans.push({
        id: planId,
        region_id: regionId,
        case_id: c.id,
        problem_analysis: PROBLEM_ANALYSIS,
        goals: JSON.stringify(rng.sample(PLAN_GOALS, rng.int(1, 3)).map((text) => ({ id: ids.uuid(), text }))),
        status: adopted ? 'adopted' : 'draft',
        adopted_at: adopted ? momentOf(adoptedDay, 12) : null,
        next_review_on: planReview === null ? null : isoOf(planReview),
        created_at: momentOf(c.openedDay + 7, 9),
        updated_at: momentOf(adopted ? adoptedDay : c.openedDay + 7, 12),
      });
      if (adopted) event(adoptedDay, 'plan_adopted', 'Plan van aanpak vastgesteld');
      const fitting = region.toolbox.filter(
        (x) => x.target_groups.length === 0 || x.target_groups.includes(c.targetGroup),
      );
      const pool = fitting.length > 0 ? fitting : region.toolbox;
      for (const item of rng.sample(pool, pool.length > 0 ? rng.int(1, 3) : 0)) {
        const orgs = c.orgs.filter((o) => item.organisation_types.includes((orgById.get(o) as Org).type));
        const orgId = orgs.length > 0 ? rng.pick(orgs) : rng.pick(c.orgs);
        const id = ids.uuid();
        interventionIds.push(id);
        const startDay = adopted ? adoptedDay : c.openedDay + 10;
        t.interventions.push({
          id,
          region_id: regionId,
          plan_id: planId,
          toolbox_item_id: item.id,
          goal: rng.pick(PLAN_GOALS),
          responsible_organisation_id: orgId,
          responsible_user_id: pickAuthor(c, orgId),
          status: !adopted
            ? 'planned'
            : isOpen
              ? rng.weighted({ active: 70, planned: 20, completed: 10 })
              : rng.weighted({ completed: 80, stopped: 20 }),
          starts_on: isoOf(startDay),
          ends_on: isOpen ? isoOf(today + rng.int(30, 240)) : isoOf(end),
          created_at: momentOf(c.openedDay + 7, 10),
        });
        if (!isOpen && c.phase === 'closed' && rng.chance(0.5)) {
          t.interventionEvaluations.push({
            id: ids.uuid(),
            region_id: regionId,
            plan_intervention_id: id,
            kind: rng.weighted({ plan: 20, process: 30, effect: 50 }),
            findings: 'De interventie is uitgevoerd zoals gepland en droeg bij aan de doelen van het plan.',
            author_id: c.directorId,
            created_at: momentOf(end, 13),
          });
        }
      }
    }
    const nActions =
      c.phase === 'preparation' ? rng.int(0, 1) : c.phase === 'analysis' ? rng.int(1, 2) : hasPlan ? rng.int(2, 5) : 0;
    for (let k = 0; k < nActions; k += 1) {
      const orgId = rng.pick(c.orgs);
      const owner = pickAuthor(c, orgId);
      let status: string;
      let due: number;
      let completed: number | null = null;
      if (isOpen) {
        const kind = rng.weighted({ done: 30, overdue: 15, soon: 20, later: 35 });
        if (kind === 'done') {
          due = today - rng.int(1, 120);
          completed = Math.max(c.openedDay, due - rng.int(0, 5));
          status = 'done';
        } else if (kind === 'overdue') {
          due = today - rng.int(1, 30);
          status = rng.chance(0.5) ? 'open' : 'in_progress';
        } else {
          due = kind === 'soon' ? today + rng.int(0, 7) : today + rng.int(8, 90);
          status = rng.chance(0.6) ? 'open' : 'in_progress';
        }
        if (due < c.openedDay) due = c.openedDay + rng.int(1, 14);
      } else {
        due = Math.max(c.openedDay + 1, end - rng.int(1, 60));
        status = rng.chance(0.9) ? 'done' : 'cancelled';
        completed = status === 'done' ? Math.min(end, due) : null;
      }
      const id = ids.uuid();
      const item = agendaItems.length > 0 && rng.chance(0.5) ? rng.pick(agendaItems) : null;
      const createdDay = Math.min(item?.day ?? c.openedDay + rng.int(0, 20), due, today);
      t.actions.push({
        id,
        region_id: regionId,
        case_id: c.id,
        plan_intervention_id: interventionIds.length > 0 && rng.chance(0.6) ? rng.pick(interventionIds) : null,
        agenda_item_id: item?.id ?? null,
        title: c.phase === 'preparation' ? 'Informatie verzamelen voor het casusoverleg' : rng.pick(ACTION_TITLES),
        description: null,
        owner_organisation_id: orgId,
        owner_user_id: owner,
        due_on: isoOf(due),
        status,
        completed_at: completed === null ? null : momentOf(completed, 15),
        created_by: c.directorId,
        created_at: momentOf(createdDay, 12),
        updated_at: momentOf(completed ?? createdDay, 15),
      });
      if ((status === 'done' || status === 'in_progress') && rng.chance(0.5)) {
        t.actionNotes.push({
          id: ids.uuid(),
          region_id: regionId,
          action_id: id,
          author_id: owner ?? c.directorId,
          body:
            status === 'done'
              ? 'Afgerond; verslag gedeeld met de partners.'
              : 'Eerste contact heeft plaatsgevonden; vervolg gepland.',
          created_at: momentOf(Math.min(completed ?? today, today), 16),
        });
      }
    }

    // Proportionality reviews of the measures (some overdue); the case's next review date follows them.
    let nextReview: number | null = null;
    if (isOpen) {
      if (adopted) {
        const overdue = rng.chance(0.2);
        let last = overdue ? today - region.intervalDays - rng.int(1, 60) : today - rng.int(0, region.intervalDays - 1);
        const reviews: number[] = [];
        while (last >= adoptedDay + 14 && reviews.length < 3) {
          reviews.push(last);
          last -= region.intervalDays;
        }
        for (const day of reviews.reverse()) {
          t.reviews.push({
            id: ids.uuid(),
            region_id: regionId,
            case_id: c.id,
            reviewed_on: isoOf(day),
            reviewer_id: c.directorId,
            measures: JSON.stringify(
              interventionIds.map((planInterventionId) => ({
                planInterventionId,
                necessary: true,
                proportionate: true,
                leastIntrusive: rng.chance(0.85),
                note: 'Maatregel is nog nodig en in verhouding tot de zorgen.',
              })),
            ),
            reasoning: 'De maatregelen zijn nog noodzakelijk, proportioneel en de minst ingrijpende mogelijkheid.',
            next_review_on: isoOf(day + region.intervalDays),
            created_at: momentOf(day, 14),
          });
          event(day, 'proportionality_reviewed', 'Proportionaliteit en subsidiariteit getoetst');
        }
        const latest = reviews[reviews.length - 1];
        nextReview = latest === undefined ? adoptedDay + region.intervalDays : latest + region.intervalDays;
      } else {
        nextReview = c.openedDay + region.intervalDays;
      }
    }

    // Phase history on the timeline.
    if (c.phase !== 'preparation') {
      event(discussed[0]?.day ?? c.openedDay + 7, 'phase_changed', 'Fase gewijzigd: voorbereiding → analyse');
    }
    if (adopted) event(adoptedDay, 'phase_changed', 'Fase gewijzigd: analyse → uitvoering');
    if (c.phase === 'monitoring' || (!isOpen && rng.chance(0.6))) {
      event(Math.min(end, adoptedDay + rng.int(60, 240)), 'phase_changed', 'Fase gewijzigd: uitvoering → monitoring');
    }
    if (c.closedDay !== null) {
      event(
        c.closedDay,
        c.phase === 'closed' ? 'closed_definitively' : 'closed_provisionally',
        c.phase === 'closed'
          ? 'Casus definitief afgesloten'
          : `Casus voorlopig afgesloten; heroverweging op ${isoOf(c.revisitDay as number)}`,
        c.directorId,
        c.phase === 'closed' ? CLOSING_REASONS.definitive : CLOSING_REASONS.provisional,
      );
    }
    if (c.phase === 'closed' && rng.chance(0.6)) {
      for (const kind of ['process', 'cooperation'] as const) {
        t.caseEvaluations.push({
          id: ids.uuid(),
          region_id: regionId,
          case_id: c.id,
          kind,
          findings:
            kind === 'process'
              ? 'De stappen van de persoonsgerichte aanpak zijn doorlopen; de doorlooptijd was passend.'
              : 'De samenwerking tussen de partners verliep goed; informatie werd tijdig gedeeld.',
          follow_up: null,
          author_id: c.directorId,
          created_at: momentOf(c.closedDay as number, 15),
        });
      }
    }

    const updatedDay = Math.min(today, Math.max(c.closedDay ?? c.openedDay, lastConference ?? c.openedDay));
    t.cases.push({
      id: c.id,
      region_id: regionId,
      reference: c.reference as string,
      subject_person_id: c.subject.id,
      target_group: c.targetGroup,
      risk_group: c.riskGroup,
      ideology: c.ideology,
      directing_municipality_id: c.municipality.id,
      process_director_id: c.directorId,
      case_coordinator_id: c.coordinatorId,
      priority: c.priority,
      phase: c.phase,
      escalation_level: c.escalation,
      opened_at: momentOf(c.openedDay, 11),
      closed_at: c.closedDay === null ? null : momentOf(c.closedDay, 14),
      closing_kind: c.phase === 'closed_provisional' ? 'provisional' : c.phase === 'closed' ? 'definitive' : null,
      closing_reason:
        c.phase === 'closed_provisional'
          ? CLOSING_REASONS.provisional
          : c.phase === 'closed'
            ? CLOSING_REASONS.definitive
            : null,
      revisit_on: c.revisitDay === null ? null : isoOf(c.revisitDay),
      next_review_on: nextReview === null ? null : isoOf(nextReview),
      last_conference_on: lastConference === null ? null : isoOf(lastConference),
      created_at: momentOf(c.openedDay, 11),
      updated_at: momentOf(updatedDay, 16),
    });
  }
  for (const m of conferences) {
    if (m.day > today) continue;
    for (const orgId of [...m.orgs].sort()) {
      t.attendance.push({
        region_id: regionId,
        meeting_id: m.id,
        organisation_id: orgId,
        present: rng.chance(0.92),
        attendees: null,
      });
    }
  }
  for (const p of persons) {
    t.persons.push({
      id: p.id,
      region_id: regionId,
      first_name: p.firstName,
      name_prefix: p.namePrefix,
      last_name: p.lastName,
      date_of_birth: p.dob,
      gender: p.gender,
      residence_municipality_id: p.residenceId,
      search_name: searchNameOf(p),
      created_by: p.createdBy,
      created_at: momentOf(p.createdDay, 16),
      updated_at: momentOf(p.createdDay, 16),
    });
  }

  // --- 8. Write, parents before children --------------------------------------------------------------
  const rows: Record<string, number> = {};
  for (const table of [
    t.persons,
    t.signals,
    t.signalSubjects,
    t.triageMeetings,
    t.triageAgenda,
    t.cases,
    t.triageDecisions,
    t.caseSignals,
    t.related,
    t.caseOrgs,
    t.members,
    t.assessments,
    t.ratings,
    t.meetings,
    t.agenda,
    t.attendance,
    t.contributions,
    t.plans,
    t.interventions,
    t.interventionEvaluations,
    t.actions,
    t.actionNotes,
    t.reviews,
    t.events,
    t.caseEvaluations,
  ]) {
    progress(`writing ${table.table}`);
    rows[table.table] = await table.flush(tx);
  }
  for (const [key, value] of counters) {
    if (region.counters.get(key) === value) continue;
    const [kind, year] = key.split('-') as [string, string];
    await sql`insert into reference_counters (region_id, kind, year, last_value)
      values (${regionId}, ${kind}, ${Number(year)}, ${value})
      on conflict (region_id, kind, year) do update set last_value = greatest(reference_counters.last_value, excluded.last_value)`.execute(
      tx,
    );
  }
  return {
    cases: cases.length,
    casesByPhase,
    rows,
    catalogues: {
      indicators: region.indicators.length,
      frameworkFactors: region.framework?.factors.length ?? 0,
      toolboxItems: region.toolbox.length,
    },
  };
}
