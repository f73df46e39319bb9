/**
 * Retention (issue 4 part 4): retention terms per record type and closing type (admin; documented
 * defaults), what is due for destruction (shared by the dry-run preview and the destruction job in
 * destruction.ts, so the preview shows exactly what the next run destroys), and `claimJobRun`, the
 * exactly-once-per-period claim a scheduled job makes first.
 *
 * The database decides again at destruction time (the SECURITY DEFINER functions of migration 0010
 * repeat these conditions with its own clock), so the application cannot destroy what is not due.
 */
import { type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import { DomainError, staleVersion } from '../../core/errors.js';
import { INT4_MAX } from '../../core/input.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { recordAccess } from '../access-log/record.js';

export const TERM_KEYS = [
  'case-definitive',
  'signal-no-case',
  'key-figure-inactive',
  'participant-after-session',
  'subscriber-unsubscribed',
  'access-log-destroyed-subject',
] as const;
export type TermKey = (typeof TERM_KEYS)[number];
export const RECORD_TYPES = [
  'case',
  'signal',
  'key_figure',
  'training_participant',
  'newsletter_subscriber',
  'access_log',
] as const;
export const CLOSING_TYPES = [
  'definitive',
  'no_case',
  'inactive',
  'session_held',
  'unsubscribed',
  'subject_destroyed',
] as const;

/**
 * Defaults; their sources are in docs/privacy.md ("Retention defaults and their sources"). The same
 * numbers are in the database function schakel_retention_months (migration 0010); a test keeps them equal.
 */
export const DEFAULT_TERMS: Record<
  TermKey,
  {
    recordType: (typeof RECORD_TYPES)[number];
    closingType: (typeof CLOSING_TYPES)[number];
    termMonths: number;
    source: string;
  }
> = {
  'case-definitive': {
    recordType: 'case',
    closingType: 'definitive',
    termMonths: 60,
    source: 'Modelconvenant 2017: vijf jaar na definitieve afsluiting van de casus',
  },
  'signal-no-case': {
    recordType: 'signal',
    closingType: 'no_case',
    termMonths: 12,
    source: 'Kortere termijn voor signalen zonder casus: één jaar na het triagebesluit',
  },
  'key-figure-inactive': {
    recordType: 'key_figure',
    closingType: 'inactive',
    termMonths: 3,
    source:
      'Toestemming (AVG art. 6 lid 1a, art. 17 lid 1b): drie maanden nadat de sleutelfiguur van de lijst is gehaald',
  },
  'participant-after-session': {
    recordType: 'training_participant',
    closingType: 'session_held',
    termMonths: 24,
    source:
      'Opslagbeperking (AVG art. 5 lid 1e): twee jaar na de trainingsbijeenkomst, voor verantwoording en herhaling',
  },
  'subscriber-unsubscribed': {
    recordType: 'newsletter_subscriber',
    closingType: 'unsubscribed',
    termMonths: 1,
    source: 'Toestemming ingetrokken (AVG art. 7 lid 3, art. 17 lid 1b): één maand na afmelding',
  },
  'access-log-destroyed-subject': {
    recordType: 'access_log',
    closingType: 'subject_destroyed',
    termMonths: 24,
    source: 'Verantwoording (AVG art. 5 lid 2): twee jaar na vernietiging van de betrokkene, voor toezicht en klachten',
  },
};

const keyOf = (recordType: string, closingType: string) =>
  (TERM_KEYS.find((k) => DEFAULT_TERMS[k].recordType === recordType && DEFAULT_TERMS[k].closingType === closingType) ??
    null) as TermKey | null;

export const RetentionTerm = z
  .object({
    key: z.enum(TERM_KEYS),
    recordType: z.enum(RECORD_TYPES),
    closingType: z.enum(CLOSING_TYPES),
    termMonths: z.number().int(),
    source: z.string(),
    isDefault: z.boolean(),
    defaultTermMonths: z.number().int().describe('The documented default (docs/privacy.md)'),
    defaultSource: z.string().describe('The source of the documented default'),
    version: z.number().int(),
  })
  .meta({ id: 'RetentionTerm' });
export type RetentionTermData = z.infer<typeof RetentionTerm>;
export const RetentionTermParams = z.strictObject({ key: z.enum(TERM_KEYS) });
export const RetentionTermUpdate = z.strictObject({
  termMonths: z.number().int().min(1).max(1200),
  source: z.string().trim().min(1).max(1000),
  version: z.number().int().min(0).max(INT4_MAX).describe('0 while the default applies'),
});

const scope = (actor: Actor) => ({ regionId: actor.regionId, organisationId: actor.organisationId });

export function requireRole(actor: Actor, roles: readonly string[]) {
  if (!roles.includes(actor.role)) throw new DomainError('FORBIDDEN', 'Your role may not do this.');
}

export async function effectiveTerms(tx: Tx): Promise<RetentionTermData[]> {
  const rows = await tx.selectFrom('retention_terms').selectAll().execute();
  return TERM_KEYS.map((key) => {
    const row = rows.find((r) => keyOf(r.record_type, r.closing_type) === key);
    const d = DEFAULT_TERMS[key];
    return {
      key,
      recordType: d.recordType,
      closingType: d.closingType,
      termMonths: row?.term_months ?? d.termMonths,
      source: row?.source ?? d.source,
      isDefault: !row,
      defaultTermMonths: d.termMonths,
      defaultSource: d.source,
      version: row?.version ?? 0,
    };
  });
}

export async function listTerms(deps: Deps, actor: Actor) {
  requireRole(actor, ['admin', 'privacy_officer']);
  return withTx(deps.db, scope(actor), async (tx) => ({ items: await effectiveTerms(tx), nextCursor: null }));
}

export async function updateTerm(deps: Deps, actor: Actor, key: TermKey, input: z.infer<typeof RetentionTermUpdate>) {
  requireRole(actor, ['admin']);
  return withTx(deps.db, scope(actor), async (tx) => {
    const d = DEFAULT_TERMS[key];
    const current = await tx
      .selectFrom('retention_terms')
      .select(['id', 'version'])
      .where('record_type', '=', d.recordType)
      .where('closing_type', '=', d.closingType)
      .forUpdate()
      .executeTakeFirst();
    if ((current?.version ?? 0) !== input.version) throw staleVersion();
    if (current) {
      await tx
        .updateTable('retention_terms')
        .set({
          term_months: input.termMonths,
          source: input.source,
          updated_by: actor.userId,
          updated_at: deps.now(),
          version: current.version + 1,
        })
        .where('id', '=', current.id)
        .execute();
    } else {
      await tx
        .insertInto('retention_terms')
        .values({
          region_id: actor.regionId,
          record_type: d.recordType,
          closing_type: d.closingType,
          term_months: input.termMonths,
          source: input.source,
          updated_by: actor.userId,
        })
        .execute();
    }
    return (await effectiveTerms(tx)).find((t) => t.key === key) as RetentionTermData;
  });
}

export const monthsBefore = (now: Date, months: number) => {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};
const dayBefore = (now: Date, months: number) => monthsBefore(now, months).toISOString().slice(0, 10);

export interface DueRecords {
  cases: Array<{ id: string; reference: string; closedAt: Date }>;
  signals: Array<{ id: string; reference: string; closedAt: Date }>;
  /** Persons nothing refers to any more (e.g. a link undone long ago), last changed before the signal term. */
  persons: string[];
  keyFigures: string[];
  trainingParticipants: string[];
  newsletterSubscribers: string[];
  casesOnLegalHold: number;
  signalsOnLegalHold: number;
  personsOnLegalHold: number;
  terms: Record<TermKey, number>;
}

/**
 * What is due for destruction at `now` in the transaction's region (legal holds excepted and counted).
 * The conditions are those of the destruction functions of migration 0010:
 * - a case closed definitively longer ago than its term;
 * - a signal without a case whose triage decision (not "open a case") or closing is older than its term;
 * - a person nothing refers to (no case, no related-person link, no signal link, no open subject access
 *   or erasure/rectification request) and not changed within the signal term;
 * - an inactive key figure last changed longer ago than its term; a training participant of a session
 *   held longer ago than its term; a newsletter subscriber who unsubscribed longer ago than its term.
 */
export async function dueForDestruction(tx: Tx, now: Date): Promise<DueRecords> {
  const terms = Object.fromEntries((await effectiveTerms(tx)).map((t) => [t.key, t.termMonths])) as Record<
    TermKey,
    number
  >;
  const caseCutoff = monthsBefore(now, terms['case-definitive']);
  const signalCutoff = monthsBefore(now, terms['signal-no-case']);
  const caseHeld = sql<SqlBool>`schakel_case_on_hold(c.id)`;
  const dueCases = tx
    .selectFrom('cases as c')
    .where('c.phase', '=', 'closed')
    .where('c.closing_kind', '=', 'definitive')
    .where('c.closed_at', '<', caseCutoff);
  const cases = await dueCases
    .select(['c.id', 'c.reference', 'c.closed_at'])
    .where(sql<SqlBool>`not ${caseHeld}`)
    .orderBy('c.closed_at')
    .orderBy('c.id')
    .execute();
  const casesHeld = await dueCases
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(caseHeld)
    .executeTakeFirst();

  const signalHeld = sql<SqlBool>`schakel_signal_on_hold(s.id)`;
  const dueSignals = tx
    .selectFrom('signals as s')
    .leftJoin('triage_decisions as d', 'd.signal_id', 's.id')
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('case_signals as cs').select('cs.case_id').whereRef('cs.signal_id', '=', 's.id'))),
    )
    .where((eb) => eb.or([eb('d.case_id', 'is', null), eb('d.id', 'is', null)]))
    .where((eb) =>
      eb.or([
        eb.and([eb('d.decision', '<>', 'open_case'), eb('d.decided_at', '<', signalCutoff)]),
        eb.and([
          eb('s.status', '=', 'closed'),
          eb('s.closed_at', '<', signalCutoff),
          eb.or([eb('d.id', 'is', null), eb('d.decided_at', '<', signalCutoff)]),
        ]),
      ]),
    );
  const signals = await dueSignals
    .select(['s.id', 's.reference', sql<Date>`coalesce(d.decided_at, s.closed_at)`.as('closed_at')])
    .where(sql<SqlBool>`not ${signalHeld}`)
    .orderBy('s.received_on')
    .orderBy('s.id')
    .execute();
  const signalsHeld = await dueSignals
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(signalHeld)
    .executeTakeFirst();

  const orphan = sql<SqlBool>`not exists (select 1 from cases x where x.subject_person_id = p.id)
    and not exists (select 1 from case_related_persons x where x.person_id = p.id)
    and not exists (select 1 from signal_subjects x where x.person_id = p.id)
    and not exists (select 1 from subject_access_requests x where x.person_id = p.id and x.status <> 'delivered')
    and not exists (select 1 from data_subject_requests x where x.person_id = p.id and x.status in ('requested', 'approved'))
    and not exists (select 1 from assessments x where x.person_id = p.id and x.updated_at >= ${signalCutoff})`;
  const orphans = tx.selectFrom('persons as p').where('p.updated_at', '<', signalCutoff).where(orphan);
  const persons = await orphans
    .select('p.id')
    .where(sql<SqlBool>`not schakel_person_on_hold(p.id)`)
    .orderBy('p.id')
    .execute();
  const personsHeld = await orphans
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(sql<SqlBool>`schakel_person_on_hold(p.id)`)
    .executeTakeFirst();

  const keyFigures = await tx
    .selectFrom('key_figures')
    .select('id')
    .where('active', '=', false)
    .where('updated_at', '<', monthsBefore(now, terms['key-figure-inactive']))
    .orderBy('id')
    .execute();
  const trainingParticipants = await tx
    .selectFrom('training_participants as p')
    .innerJoin('training_sessions as s', (j) =>
      j.onRef('s.id', '=', 'p.session_id').onRef('s.region_id', '=', 'p.region_id'),
    )
    .select('p.id')
    .where('s.held_on', '<', dayBefore(now, terms['participant-after-session']))
    .orderBy('p.id')
    .execute();
  const newsletterSubscribers = await tx
    .selectFrom('newsletter_subscribers')
    .select('id')
    .where('unsubscribed_on', '<', dayBefore(now, terms['subscriber-unsubscribed']))
    .orderBy('id')
    .execute();
  return {
    cases: cases.map((c) => ({ id: c.id, reference: c.reference, closedAt: c.closed_at as Date })),
    signals: signals.map((s) => ({ id: s.id, reference: s.reference, closedAt: new Date(s.closed_at) })),
    persons: persons.map((p) => p.id),
    keyFigures: keyFigures.map((k) => k.id),
    trainingParticipants: trainingParticipants.map((p) => p.id),
    newsletterSubscribers: newsletterSubscribers.map((n) => n.id),
    casesOnLegalHold: Number(casesHeld?.n ?? 0),
    signalsOnLegalHold: Number(signalsHeld?.n ?? 0),
    personsOnLegalHold: Number(personsHeld?.n ?? 0),
    terms,
  };
}

const Due = z.object({ id: z.uuid(), reference: z.string(), closedAt: z.iso.datetime() });
export const RetentionPreview = z
  .object({
    previewedAt: z.iso.datetime(),
    cases: z.array(Due).describe('Definitively closed cases whose term ended (with everything hanging off them)'),
    signals: z
      .array(Due)
      .describe('Signals without a case whose term ended; closedAt is the triage decision or closing'),
    casesOnLegalHold: z
      .number()
      .int()
      .describe('Due cases kept because of a legal hold (on the case or a person of it)'),
    signalsOnLegalHold: z.number().int(),
    persons: z
      .number()
      .int()
      .describe('Persons nothing refers to any more (besides the persons of the cases and signals)'),
    personsOnLegalHold: z.number().int(),
    keyFigures: z.number().int().describe('Inactive key figures whose term ended'),
    trainingParticipants: z.number().int().describe('Participants of sessions held longer ago than the term'),
    newsletterSubscribers: z.number().int().describe('Subscribers who unsubscribed longer ago than the term'),
    accessLogEntries: z
      .number()
      .int()
      .describe('Access-log entries about subjects destroyed longer ago than the access-log term'),
  })
  .meta({ id: 'RetentionPreview' });

/**
 * What the next run would destroy (dry run): the same selection the job uses. References, ids and
 * counts only — no personal data.
 */
export async function preview(deps: Deps, actor: Actor, traceId: string): Promise<z.infer<typeof RetentionPreview>> {
  requireRole(actor, ['admin', 'privacy_officer']);
  const now = deps.now();
  return withTx(deps.db, scope(actor), async (tx) => {
    const due = await dueForDestruction(tx, now);
    const plan = await sql<{ n: string }>`select n from access_log_redaction_plan()`.execute(tx);
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'retention_preview',
      recordId: null,
      subjects: [],
      purpose: { type: 'retention' },
    });
    const iso = (r: { id: string; reference: string; closedAt: Date }) => ({
      id: r.id,
      reference: r.reference,
      closedAt: r.closedAt.toISOString(),
    });
    return {
      previewedAt: now.toISOString(),
      cases: due.cases.map(iso),
      signals: due.signals.map(iso),
      casesOnLegalHold: due.casesOnLegalHold,
      signalsOnLegalHold: due.signalsOnLegalHold,
      persons: due.persons.length,
      personsOnLegalHold: due.personsOnLegalHold,
      keyFigures: due.keyFigures.length,
      trainingParticipants: due.trainingParticipants.length,
      newsletterSubscribers: due.newsletterSubscribers.length,
      accessLogEntries: Number(plan.rows[0]?.n ?? 0),
    };
  });
}

/**
 * Claims a scheduled job's run for one period (e.g. the day in Europe/Amsterdam). Exactly one caller
 * wins, however many instances start together: a session advisory lock is tried first (others give
 * up at once), then the (job, period) row is inserted with ON CONFLICT DO NOTHING, so a later
 * instance in the same period also loses. Returns true for the one caller that must run the job.
 */
export async function claimJobRun(deps: Deps, job: string, period: string, instance: string): Promise<boolean> {
  return withTx(deps.db, { regionId: null }, async (tx) => {
    const lock = await sql<{
      ok: boolean;
    }>`select pg_try_advisory_xact_lock(hashtextextended(${`job:${job}:${period}`}, 0)) as ok`.execute(tx);
    if (!lock.rows[0]?.ok) return false;
    const row = await tx
      .insertInto('job_runs')
      .values({ job, period, instance })
      .onConflict((oc) => oc.columns(['job', 'period']).doNothing())
      .returning('job')
      .executeTakeFirst();
    return row !== undefined;
  });
}

/** The period of a daily job: the date in Europe/Amsterdam. */
export function dailyPeriod(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}
