import { sql } from 'kysely';
import type { z } from 'zod';
import { DomainError, type FieldIssue, forbidden, notFound, staleVersion } from '../../core/errors.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordAccess } from '../access-log/record.js';
import { recordCaseEvent } from '../cases/core.js';
import { caseVisibleTo } from '../cases/visibility.js';
import type { FrameworkDomain } from './catalogue.js';
import type {
  Assessment,
  AssessmentCreate,
  AssessmentSummary,
  AssessmentUpdate,
  CONCERN_LEVELS,
  PersonAssessmentsQuery,
  RATINGS,
} from './schemas.js';
import { assessmentVisibleTo } from './visibility.js';

type ConcernLevel = (typeof CONCERN_LEVELS)[number];
type Rating = (typeof RATINGS)[number];

const CONCERN_NL: Record<ConcernLevel, string> = { low: 'laag', medium: 'midden', high: 'hoog', acute: 'acuut' };

const scope = (actor: Actor) => ({ regionId: actor.regionId });

const refused = (fields: FieldIssue[], message = 'The request was refused; see the fields.') =>
  new DomainError('BUSINESS_RULE', message, { fields });
const bodyField = (pointer: string, code: string, detail: string): FieldIssue => ({
  in: 'body',
  pointer,
  code,
  detail,
});

/** Assessments the actor may see, with what the presenter needs. */
function visibleAssessments(tx: Tx, actor: Actor) {
  return tx
    .selectFrom('assessments')
    .innerJoin('assessment_frameworks as f', 'f.id', 'assessments.framework_id')
    .innerJoin('users as au', 'au.id', 'assessments.assessed_by')
    .innerJoin('organisations as ao', 'ao.id', 'assessments.organisation_id')
    .where(assessmentVisibleTo(actor))
    .select([
      'assessments.id',
      'assessments.person_id',
      'assessments.case_id',
      'assessments.signal_id',
      'assessments.framework_id',
      'f.name as framework_name',
      'assessments.sequence',
      'assessments.status',
      'assessments.concern_level',
      'assessments.rationale',
      'assessments.assessed_on',
      'assessments.assessed_by',
      'au.name as assessor_name',
      'assessments.organisation_id',
      'ao.name as organisation_name',
      'assessments.finalised_at',
      'assessments.created_at',
      'assessments.updated_at',
      'assessments.version',
    ]);
}

type AssessmentRow = Awaited<ReturnType<ReturnType<typeof visibleAssessments>['executeTakeFirstOrThrow']>>;

const assessorOf = (a: AssessmentRow) => ({
  userId: a.assessed_by,
  name: a.assessor_name,
  organisationId: a.organisation_id,
  organisationName: a.organisation_name,
});

function presentSummary(a: AssessmentRow): z.infer<typeof AssessmentSummary> {
  return {
    id: a.id,
    personId: a.person_id,
    caseId: a.case_id,
    signalId: a.signal_id,
    frameworkName: a.framework_name,
    sequence: a.sequence,
    status: a.status as 'draft' | 'final',
    concernLevel: a.concern_level as ConcernLevel | null,
    assessedOn: a.assessed_on,
    assessor: assessorOf(a),
    finalisedAt: a.finalised_at?.toISOString() ?? null,
  };
}

async function present(tx: Tx, a: AssessmentRow): Promise<z.infer<typeof Assessment>> {
  const ratings = await tx
    .selectFrom('assessment_ratings as r')
    .innerJoin('framework_factors as ff', 'ff.id', 'r.factor_id')
    .leftJoin('organisations as so', 'so.id', 'r.source_organisation_id')
    .select([
      'r.factor_id',
      'ff.domain',
      'ff.code',
      'ff.label_nl',
      'ff.label_en',
      'r.rating',
      'r.evidence',
      'r.source_organisation_id',
      'so.name as source_organisation_name',
      'r.observed_on',
    ])
    .where('r.assessment_id', '=', a.id)
    .orderBy('ff.sort')
    .orderBy('ff.code')
    .execute();
  return {
    id: a.id,
    personId: a.person_id,
    caseId: a.case_id,
    signalId: a.signal_id,
    frameworkId: a.framework_id,
    frameworkName: a.framework_name,
    sequence: a.sequence,
    status: a.status as 'draft' | 'final',
    concernLevel: a.concern_level as ConcernLevel | null,
    rationale: a.rationale,
    assessedOn: a.assessed_on,
    assessor: assessorOf(a),
    ratings: ratings.map((r) => ({
      factorId: r.factor_id,
      domain: r.domain as FrameworkDomain,
      code: r.code,
      labelNl: r.label_nl,
      labelEn: r.label_en,
      rating: r.rating as Rating,
      evidence: r.evidence,
      sourceOrganisationId: r.source_organisation_id,
      sourceOrganisationName: r.source_organisation_name,
      observedOn: r.observed_on,
    })),
    finalisedAt: a.finalised_at?.toISOString() ?? null,
    createdAt: a.created_at.toISOString(),
    updatedAt: a.updated_at.toISOString(),
    version: a.version,
  };
}

/** Why the actor processes this assessment: its case, or the intake of its signal. */
function purposeOf(a: { case_id: string | null; signal_id: string | null }) {
  return a.case_id ? { type: 'case', id: a.case_id } : { type: 'signal-intake', id: a.signal_id };
}

async function logAccess(
  tx: Tx,
  actor: Actor,
  traceId: string,
  action: 'read' | 'create' | 'update',
  a: { id: string; person_id: string; case_id: string | null; signal_id: string | null },
) {
  await recordAccess(tx, auditActor(actor, traceId), {
    action,
    recordType: 'assessment',
    recordId: a.id,
    subjects: [{ type: 'person', id: a.person_id }],
    purpose: purposeOf(a),
  });
}

async function requireVisible(tx: Tx, actor: Actor, id: string) {
  const row = await visibleAssessments(tx, actor).where('assessments.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('The assessment');
  return row;
}

/** A draft is the assessor's own professional judgement: only they change or finalise it. */
function requireChangeableBy(actor: Actor, a: AssessmentRow) {
  if (a.status === 'final') {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      'A finalised assessment cannot change. Start a new assessment to record a new judgement.',
    );
  }
  if (a.assessed_by !== actor.userId) throw forbidden('Only the assessor changes or finalises a draft assessment.');
}

export async function createAssessment(
  deps: Deps,
  actor: Actor,
  traceId: string,
  input: z.infer<typeof AssessmentCreate>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    if (!input.caseId && !input.signalId) {
      const detail = 'Bind the assessment to a case or to a signal.';
      throw refused([bodyField('/caseId', 'required', detail), bodyField('/signalId', 'required', detail)], detail);
    }
    const issues: FieldIssue[] = [];
    if (input.caseId) {
      const theCase = await tx
        .selectFrom('cases')
        .select(['cases.id', 'cases.subject_person_id'])
        .where('cases.id', '=', input.caseId)
        .where(caseVisibleTo(actor))
        .executeTakeFirst();
      if (!theCase) {
        throw refused([bodyField('/caseId', 'unknown_reference', 'Choose a case you take part in.')]);
      }
      const aboutCasePerson =
        theCase.subject_person_id === input.personId ||
        (await tx
          .selectFrom('case_related_persons')
          .select('id')
          .where('case_id', '=', theCase.id)
          .where('person_id', '=', input.personId)
          .where('removed_at', 'is', null)
          .executeTakeFirst()) !== undefined;
      if (!aboutCasePerson) {
        issues.push(
          bodyField('/personId', 'not_in_case', 'The person is not the subject or a related person of the case.'),
        );
      }
      if (input.signalId) {
        const linked = await tx
          .selectFrom('case_signals')
          .select('signal_id')
          .where('case_id', '=', theCase.id)
          .where('signal_id', '=', input.signalId)
          .executeTakeFirst();
        if (!linked) issues.push(bodyField('/signalId', 'not_in_case', 'The signal does not belong to the case.'));
      }
    } else if (input.signalId) {
      const signal = await tx
        .selectFrom('signals as s')
        .select('s.id')
        .where('s.id', '=', input.signalId)
        .where((eb) =>
          eb.or([
            eb('s.created_by', '=', actor.userId),
            actor.role === 'process_director'
              ? eb.exists(
                  eb
                    .selectFrom('municipalities as mu')
                    .select(sql`1`.as('one'))
                    .whereRef('mu.id', '=', 's.municipality_id')
                    .where('mu.organisation_id', '=', actor.organisationId),
                )
              : sql<boolean>`false`,
          ]),
        )
        .executeTakeFirst();
      if (!signal) throw refused([bodyField('/signalId', 'unknown_reference', 'Choose a signal you work on.')]);
      const subject = await tx
        .selectFrom('signal_subjects')
        .select('id')
        .where('signal_id', '=', signal.id)
        .where('person_id', '=', input.personId)
        .where('unlinked_at', 'is', null)
        .executeTakeFirst();
      if (!subject) issues.push(bodyField('/personId', 'not_in_signal', 'The person is not a subject of the signal.'));
    }
    const framework = await tx
      .selectFrom('assessment_frameworks')
      .select('id')
      .where('id', '=', input.frameworkId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!framework) issues.push(bodyField('/frameworkId', 'unknown_reference', 'Choose an active framework.'));
    if (issues.length > 0) throw refused(issues);

    // Sequence numbers per person are gap-free and never reused: serialise per person.
    await sql`select pg_advisory_xact_lock(hashtextextended(${`assessment-sequence:${input.personId}`}, 0))`.execute(
      tx,
    );
    const last = await tx
      .selectFrom('assessments')
      .select((eb) => eb.fn.max('sequence').as('last'))
      .where('person_id', '=', input.personId)
      .executeTakeFirst();
    const sequence = Number(last?.last ?? 0) + 1;
    const now = deps.now();
    const created = await tx
      .insertInto('assessments')
      .values({
        region_id: actor.regionId,
        person_id: input.personId,
        case_id: input.caseId ?? null,
        signal_id: input.signalId ?? null,
        framework_id: input.frameworkId,
        sequence,
        assessed_on: input.assessedOn,
        assessed_by: actor.userId,
        organisation_id: actor.organisationId,
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'person_id', 'case_id', 'signal_id'])
      .executeTakeFirstOrThrow();
    if (created.case_id) {
      await recordCaseEvent(tx, {
        regionId: actor.regionId,
        caseId: created.case_id,
        actorId: actor.userId,
        kind: 'assessment_started',
        summary: `Duiding en inschatting ${sequence} gestart`,
        params: { sequence },
        at: now,
      });
    }
    await logAccess(tx, actor, traceId, 'create', created);
    return present(tx, await requireVisible(tx, actor, created.id));
  });
}

export async function getAssessment(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const row = await requireVisible(tx, actor, id);
    await logAccess(tx, actor, traceId, 'read', row);
    return present(tx, row);
  });
}

/** Replaces the ratings of a draft and sets its concern level and rationale (all chosen by the assessor). */
export async function updateAssessment(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof AssessmentUpdate>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const row = await requireVisible(tx, actor, id);
    requireChangeableBy(actor, row);
    if (row.version !== input.version) throw staleVersion();

    const factorIds = [...new Set(input.ratings.map((r) => r.factorId))];
    const known = new Set(
      factorIds.length === 0
        ? []
        : (
            await tx
              .selectFrom('framework_factors')
              .select('id')
              .where('framework_id', '=', row.framework_id)
              .where('id', 'in', factorIds)
              .execute()
          ).map((f) => f.id),
    );
    const sourceIds = [
      ...new Set(input.ratings.flatMap((r) => (r.sourceOrganisationId ? [r.sourceOrganisationId] : []))),
    ];
    const knownSources = new Set(
      sourceIds.length === 0
        ? []
        : (
            await tx
              .selectFrom('region_organisations')
              .select('organisation_id')
              .where('region_id', '=', actor.regionId)
              .where('organisation_id', 'in', sourceIds)
              .execute()
          ).map((o) => o.organisation_id),
    );
    const issues: FieldIssue[] = [];
    input.ratings.forEach((r, i) => {
      if (!known.has(r.factorId)) {
        issues.push(bodyField(`/ratings/${i}/factorId`, 'unknown_reference', 'Not a factor of this framework.'));
      }
      if (r.sourceOrganisationId && !knownSources.has(r.sourceOrganisationId)) {
        issues.push(
          bodyField(
            `/ratings/${i}/sourceOrganisationId`,
            'unknown_reference',
            'Choose an organisation of this region.',
          ),
        );
      }
    });
    if (issues.length > 0) throw refused(issues);

    const now = deps.now();
    const updated = await tx
      .updateTable('assessments')
      .set((eb) => ({
        ...(input.concernLevel !== undefined ? { concern_level: input.concernLevel } : {}),
        ...(input.rationale !== undefined ? { rationale: input.rationale } : {}),
        ...(input.assessedOn !== undefined ? { assessed_on: input.assessedOn } : {}),
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw staleVersion();
    await tx.deleteFrom('assessment_ratings').where('assessment_id', '=', id).execute();
    if (input.ratings.length > 0) {
      await tx
        .insertInto('assessment_ratings')
        .values(
          input.ratings.map((r) => ({
            region_id: actor.regionId,
            assessment_id: id,
            factor_id: r.factorId,
            rating: r.rating,
            evidence: r.evidence ?? null,
            source_organisation_id: r.sourceOrganisationId ?? null,
            observed_on: r.observedOn ?? null,
          })),
        )
        .execute();
    }
    await logAccess(tx, actor, traceId, 'update', row);
    return present(tx, await requireVisible(tx, actor, id));
  });
}

/**
 * Finalises a draft: the assessor's chosen concern level and written rationale are required. After
 * this the assessment never changes; a new judgement is a new assessment (the next in the trend).
 */
export async function finaliseAssessment(deps: Deps, actor: Actor, traceId: string, id: string, version: number) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const row = await requireVisible(tx, actor, id);
    requireChangeableBy(actor, row);
    if (row.version !== version) throw staleVersion();
    const issues: FieldIssue[] = [];
    if (!row.concern_level) {
      issues.push(bodyField('/concernLevel', 'required', 'Choose the concern level (low, medium, high or acute).'));
    }
    if (!row.rationale || row.rationale.trim().length === 0) {
      issues.push(bodyField('/rationale', 'required', 'Write the rationale of your judgement.'));
    }
    if (issues.length > 0) {
      throw refused(issues, 'An assessment is finalised with a chosen concern level and a written rationale.');
    }
    const now = deps.now();
    const updated = await tx
      .updateTable('assessments')
      .set((eb) => ({ status: 'final', finalised_at: now, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw staleVersion();
    if (row.case_id) {
      await recordCaseEvent(tx, {
        regionId: actor.regionId,
        caseId: row.case_id,
        actorId: actor.userId,
        kind: 'assessment_finalised',
        summary: `Duiding en inschatting ${row.sequence} vastgesteld (zorgniveau ${CONCERN_NL[row.concern_level as ConcernLevel]})`,
        params: { sequence: row.sequence, concernLevel: row.concern_level as ConcernLevel },
        at: now,
      });
    }
    await logAccess(tx, actor, traceId, 'update', row);
    return present(tx, await requireVisible(tx, actor, id));
  });
}

/** The assessments of a person that the actor may see, oldest first: this list is the trend. */
export async function listPersonAssessments(
  deps: Deps,
  actor: Actor,
  traceId: string,
  personId: string,
  q: z.infer<typeof PersonAssessmentsQuery>,
) {
  const after = decodeCursor(q.cursor, ['integer']) as [number] | null;
  return withTx(deps.db, scope(actor), async (tx) => {
    let query = visibleAssessments(tx, actor)
      .where('assessments.person_id', '=', personId)
      .orderBy('assessments.sequence')
      .limit(q.limit + 1);
    if (after) query = query.where('assessments.sequence', '>', after[0]);
    const result = page(await query.execute(), q.limit, (a) => [a.sequence]);
    for (const a of result.items) await logAccess(tx, actor, traceId, 'read', a);
    return { items: result.items.map(presentSummary), nextCursor: result.nextCursor };
  });
}

/**
 * When triage opens a case from a signal, the signal's assessments follow the case (and from then on
 * its need-to-know). For the triage module; runs in its transaction.
 */
export async function linkSignalAssessmentsToCase(tx: Tx, signalId: string, caseId: string): Promise<number> {
  const result = await tx
    .updateTable('assessments')
    .set({ case_id: caseId })
    .where('signal_id', '=', signalId)
    .where('case_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
