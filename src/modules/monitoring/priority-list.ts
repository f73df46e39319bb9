/**
 * The priority list (geprioriteerde lijst, PRODUCT.md §2.7): every open case the actor may see, and
 * provisionally closed cases whose revisit date has come, with the facts people sort and filter on.
 * The order is the column the user chose — never a computed rank. One SQL query per page; its text is
 * committed in docs/queries/priority-list.sql.
 */
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import { concernTrend, daysBetween, type Phase } from '../../core/case-lifecycle.js';
import { isDue } from '../../core/wgpa.js';
import { withTx } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, fitsCursorPart, page } from '../../platform/http/pagination.js';
import { recordAccess } from '../access-log/record.js';
import { todayInNl } from '../cases/core.js';
import { displayName, invalidCursor } from '../cases/presenters.js';
import { caseVisibleTo } from '../cases/visibility.js';
import { LIST_PHASES, type PriorityListItem, type PriorityListOptions, type Sort } from './schemas.js';

type Out<T extends z.ZodType> = z.infer<T>;

/** Sort expressions. A missing date sorts as "never": no review planned = far future, no conference = long ago. */
const SORT_KEY: Record<Sort, { expr: RawBuilder<unknown>; cast: 'text' | 'date' | 'int' }> = {
  reference: { expr: sql`cases.reference`, cast: 'text' },
  nextReviewOn: { expr: sql`coalesce(cases.next_review_on, date '9999-12-31')`, cast: 'date' },
  lastConferenceOn: { expr: sql`coalesce(cases.last_conference_on, date '0001-01-01')`, cast: 'date' },
  // The lifecycle order of the phases.
  phase: {
    expr: sql`array_position(array[${sql.join(LIST_PHASES.map((p) => sql.lit(p)))}]::text[], cases.phase)`,
    cast: 'int',
  },
  priority: { expr: sql`case cases.priority when 'high' then 2 else 1 end`, cast: 'int' },
};

function cursorValue(sort: Sort, value: unknown): RawBuilder<unknown> {
  const { cast } = SORT_KEY[sort];
  if (!fitsCursorPart(value, cast === 'date' ? 'date' : cast === 'int' ? 'integer' : 'string')) {
    throw invalidCursor();
  }
  return sql`${value}::${sql.raw(cast)}`;
}

/** The query of one page of the list (limit + 1 rows, for the next cursor). */
export function priorityListQuery(db: Kysely<Database>, actor: Actor, q: PriorityListOptions, today: string) {
  const key = SORT_KEY[q.sort];
  const after = decodeCursor(q.cursor, 2);
  const openPhases = LIST_PHASES.filter((p) => p !== 'closed_provisional');
  let query = db
    .selectFrom('cases')
    .innerJoin('persons as p', 'p.id', 'cases.subject_person_id')
    .innerJoin('municipalities as mu', 'mu.id', 'cases.directing_municipality_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('assessments as a')
          .select([
            sql<string | null>`(array_agg(a.concern_level order by a.sequence desc))[1]`.as('latest'),
            sql<string | null>`(array_agg(a.concern_level order by a.sequence desc))[2]`.as('previous'),
          ])
          .whereRef('a.person_id', '=', 'cases.subject_person_id')
          .where('a.status', '=', 'final')
          .as('lvl'),
      (join) => join.onTrue(),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('actions as ac')
          .select((e) => e.fn.countAll<string>().as('overdue'))
          .whereRef('ac.case_id', '=', 'cases.id')
          .where('ac.status', 'in', ['open', 'in_progress'])
          .where('ac.due_on', '<', today)
          .as('act'),
      (join) => join.onTrue(),
    )
    // Wgpa: the newest informing record of the case (informed, or deferred until a date).
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('informing_records as ir')
          .select(['ir.outcome as informing', 'ir.reconsider_on'])
          .whereRef('ir.case_id', '=', 'cases.id')
          .orderBy('ir.recorded_at', 'desc')
          .orderBy('ir.id', 'desc')
          .limit(1)
          .as('inf'),
      (join) => join.onTrue(),
    )
    .select([
      'cases.id',
      'cases.reference',
      'cases.subject_person_id',
      'p.first_name',
      'p.name_prefix',
      'p.last_name',
      'cases.directing_municipality_id',
      'mu.name as municipality_name',
      'cases.phase',
      'cases.escalation_level',
      'cases.priority',
      'cases.target_group',
      'lvl.latest',
      'lvl.previous',
      'cases.next_review_on',
      'act.overdue',
      'cases.last_conference_on',
      'cases.revisit_on',
      'cases.next_inclusion_review_on',
      'inf.informing',
      'inf.reconsider_on',
      'cases.version',
      key.expr.as('sort_key'),
    ])
    .where(caseVisibleTo(actor))
    .where((eb) =>
      eb.or([
        eb('cases.phase', 'in', openPhases),
        eb.and([eb('cases.phase', '=', 'closed_provisional'), eb('cases.revisit_on', '<=', today)]),
      ]),
    );
  if (q.phase) query = query.where('cases.phase', '=', q.phase);
  if (q.municipalityId) query = query.where('cases.directing_municipality_id', '=', q.municipalityId);
  if (q.concernLevel) query = query.where('lvl.latest', '=', q.concernLevel);
  if (q.overdueOnly) query = query.where(sql<SqlBool>`act.overdue > 0`);
  if (q.reviewOverdue) {
    query = query.where('cases.phase', 'in', openPhases).where('cases.next_review_on', '<', today);
  }
  if (q.safeguardsDue) {
    // An inclusion review or a deferred informing whose date has come.
    query = query
      .where('cases.phase', 'in', openPhases)
      .where((eb) =>
        eb.or([
          eb('cases.next_inclusion_review_on', '<=', today),
          eb.and([eb('inf.informing', '=', 'deferred'), eb('inf.reconsider_on', '<=', today)]),
        ]),
      );
  }
  const op = sql.raw(q.direction === 'asc' ? '>' : '<');
  if (after) {
    const afterKey = cursorValue(q.sort, after[0]);
    if (!fitsCursorPart(after[1], 'string')) throw invalidCursor();
    query = query.where(
      sql<SqlBool>`(${key.expr}, cases.reference) ${op} (${afterKey}, ${after[1]}::text)` as Expression<SqlBool>,
    );
  }
  query = query.orderBy(key.expr, q.direction);
  // The reference (unique in a region) breaks ties, so that keyset paging is exact.
  if (q.sort !== 'reference') query = query.orderBy('cases.reference', q.direction);
  return query.limit(q.limit + 1);
}

type Row = Awaited<ReturnType<ReturnType<typeof priorityListQuery>['execute']>>[number];

function present(r: Row, today: string): Out<typeof PriorityListItem> {
  const phase = r.phase as Phase;
  return {
    caseId: r.id,
    reference: r.reference,
    subject: { id: r.subject_person_id, name: displayName(r) },
    directingMunicipality: { id: r.directing_municipality_id, name: r.municipality_name },
    phase: phase as Out<typeof PriorityListItem>['phase'],
    escalationLevel: r.escalation_level as Out<typeof PriorityListItem>['escalationLevel'],
    priority: r.priority as Out<typeof PriorityListItem>['priority'],
    targetGroup: r.target_group as Out<typeof PriorityListItem>['targetGroup'],
    concernLevel: (r.latest ?? null) as Out<typeof PriorityListItem>['concernLevel'],
    concernTrend: concernTrend(r.previous ?? null, r.latest ?? null),
    nextReviewOn: r.next_review_on,
    isReviewOverdue: phase !== 'closed_provisional' && r.next_review_on !== null && r.next_review_on < today,
    overdueActions: Number(r.overdue ?? 0),
    lastConferenceOn: r.last_conference_on,
    daysSinceLastConference: r.last_conference_on ? daysBetween(r.last_conference_on, today) : null,
    revisitOn: r.revisit_on,
    isBackOnList: phase === 'closed_provisional',
    nextInclusionReviewOn: r.next_inclusion_review_on,
    isInclusionReviewDue: phase !== 'closed_provisional' && isDue(r.next_inclusion_review_on, today),
    informing: (r.informing ?? null) as Out<typeof PriorityListItem>['informing'],
    informingReconsiderOn: r.informing === 'deferred' ? (r.reconsider_on ?? null) : null,
    isInformingDue: phase !== 'closed_provisional' && r.informing === 'deferred' && isDue(r.reconsider_on, today),
    version: r.version,
  };
}

export async function priorityList(deps: Deps, actor: Actor, traceId: string, q: PriorityListOptions) {
  const today = todayInNl(deps.now());
  return withTx(deps.db, { regionId: actor.regionId, organisationId: actor.organisationId }, async (tx) => {
    const rows = await priorityListQuery(tx, actor, q, today).execute();
    const result = page(rows, q.limit, (r) => [r.sort_key, r.reference]);
    if (result.items.length > 0) {
      // One entry per subject shown; the list serves many cases, so its purpose is the list itself.
      await recordAccess(tx, auditActor(actor, traceId), {
        action: 'read',
        recordType: 'case',
        recordId: null,
        subjects: result.items.map((r) => ({ type: 'person' as const, id: r.subject_person_id })),
        purpose: { type: 'priority-list' },
      });
    }
    return { items: result.items.map((r) => present(r, today)), nextCursor: result.nextCursor };
  });
}
