/**
 * Retention (issue 4 part 4), the parts that exist so far: retention terms per record type and closing
 * type (admin; documented defaults), the dry-run preview of what a run would destroy (legal holds
 * excepted), and `claimJobRun`, the exactly-once-per-period claim a scheduled job makes first.
 *
 * NOT BUILT YET: the destruction itself (anonymising names, date of birth and free text in every
 * table, anonymous statistics, a 'destroy' access-log entry per subject), the scheduler, and the API
 * to set and lift legal holds (the table exists: legal_holds).
 */
import { type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import { DomainError, staleVersion } from '../../core/errors.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { recordAccess } from '../access-log/record.js';

export const TERM_KEYS = ['case-definitive', 'signal-no-case'] as const;
type TermKey = (typeof TERM_KEYS)[number];

/** Defaults; their sources are in docs/privacy.md ("Retention defaults and their sources"). */
export const DEFAULT_TERMS: Record<
  TermKey,
  { recordType: string; closingType: string; termMonths: number; source: string }
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
};

const keyOf = (recordType: string, closingType: string) =>
  (recordType === 'case' ? 'case-definitive' : closingType === 'no_case' ? 'signal-no-case' : null) as TermKey | null;

export const RetentionTerm = z
  .object({
    key: z.enum(TERM_KEYS),
    recordType: z.enum(['case', 'signal']),
    closingType: z.enum(['definitive', 'no_case']),
    termMonths: z.number().int(),
    source: z.string(),
    isDefault: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'RetentionTerm' });
export const RetentionTermParams = z.strictObject({ key: z.enum(TERM_KEYS) });
export const RetentionTermUpdate = z.strictObject({
  termMonths: z.number().int().min(1).max(1200),
  source: z.string().trim().min(1).max(1000),
  version: z.number().int().min(0).describe('0 while the default applies'),
});

const scope = (actor: Actor) => ({ regionId: actor.regionId, organisationId: actor.organisationId });

function requireRole(actor: Actor, roles: string[]) {
  if (!roles.includes(actor.role)) throw new DomainError('FORBIDDEN', 'Your role may not do this.');
}

async function effectiveTerms(tx: Tx): Promise<Array<z.infer<typeof RetentionTerm>>> {
  const rows = await tx.selectFrom('retention_terms').selectAll().execute();
  return TERM_KEYS.map((key) => {
    const row = rows.find((r) => keyOf(r.record_type, r.closing_type) === key);
    const d = DEFAULT_TERMS[key];
    return {
      key,
      recordType: d.recordType as 'case' | 'signal',
      closingType: d.closingType as 'definitive' | 'no_case',
      termMonths: row?.term_months ?? d.termMonths,
      source: row?.source ?? d.source,
      isDefault: !row,
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
    return (await effectiveTerms(tx)).find((t) => t.key === key) as z.infer<typeof RetentionTerm>;
  });
}

export const RetentionPreview = z
  .object({
    previewedAt: z.iso.datetime(),
    cases: z.array(z.object({ id: z.uuid(), reference: z.string(), closedAt: z.iso.datetime() })),
    signals: z.array(z.object({ id: z.uuid(), reference: z.string(), closedAt: z.iso.datetime() })),
    casesOnLegalHold: z.number().int(),
  })
  .meta({ id: 'RetentionPreview' });

const monthsBefore = (now: Date, months: number) => {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};

/**
 * What the next run would destroy (dry run): definitively closed cases and signals that led to no
 * case whose term has ended; cases on legal hold are excepted and only counted. References and ids
 * only — no personal data.
 */
export async function preview(deps: Deps, actor: Actor, traceId: string): Promise<z.infer<typeof RetentionPreview>> {
  requireRole(actor, ['admin', 'privacy_officer']);
  const now = deps.now();
  return withTx(deps.db, scope(actor), async (tx) => {
    const terms = await effectiveTerms(tx);
    const caseTerm = terms.find((t) => t.key === 'case-definitive')?.termMonths ?? 60;
    const signalTerm = terms.find((t) => t.key === 'signal-no-case')?.termMonths ?? 12;
    const onHold = sql<SqlBool>`exists (select 1 from legal_holds h where h.case_id = c.id and h.lifted_at is null)`;
    const due = tx
      .selectFrom('cases as c')
      .where('c.phase', '=', 'closed')
      .where('c.closing_kind', '=', 'definitive')
      .where('c.closed_at', '<', monthsBefore(now, caseTerm));
    const cases = await due
      .select(['c.id', 'c.reference', 'c.closed_at'])
      .where(sql<SqlBool>`not ${onHold}`)
      .orderBy('c.closed_at')
      .execute();
    const held = await due
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where(onHold)
      .executeTakeFirst();
    const signals = await tx
      .selectFrom('signals as s')
      .select(['s.id', 's.reference', 's.closed_at'])
      .where('s.status', '=', 'closed')
      .where('s.closed_at', '<', monthsBefore(now, signalTerm))
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom('case_signals as cs').select('cs.case_id').whereRef('cs.signal_id', '=', 's.id')),
        ),
      )
      .orderBy('s.closed_at')
      .execute();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'retention_preview',
      recordId: null,
      subjects: [],
      purpose: { type: 'retention' },
    });
    return {
      previewedAt: now.toISOString(),
      cases: cases.map((c) => ({ id: c.id, reference: c.reference, closedAt: (c.closed_at as Date).toISOString() })),
      signals: signals.map((s) => ({
        id: s.id,
        reference: s.reference,
        closedAt: (s.closed_at as Date).toISOString(),
      })),
      casesOnLegalHold: Number(held?.n ?? 0),
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
