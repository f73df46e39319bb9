import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { DomainError, notFound } from '../../core/errors.js';
import { can } from '../../core/roles.js';
import type { Tx } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/http/context.js';

/**
 * Need-to-know (PRODUCT.md §4) as a SQL condition on the `cases` table: a case is visible to
 *  - the process directors of its directing municipality,
 *  - its case coordinator,
 *  - users added to it as members, while their organisation takes part in the case.
 * Everyone else — including every role without `cases:work` — sees nothing, and gets 404.
 * Join this into every query that touches case data; never load first and check afterwards.
 */
export function caseVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'cases'>): Expression<SqlBool> => {
    if (!can(actor.role, 'cases:work')) return sql<SqlBool>`false`;
    const routes: Expression<SqlBool>[] = [
      eb('cases.case_coordinator_id', '=', actor.userId),
      eb.exists(
        eb
          .selectFrom('case_members as vis_m')
          .innerJoin('case_organisations as vis_o', (j) =>
            j.onRef('vis_o.case_id', '=', 'vis_m.case_id').onRef('vis_o.organisation_id', '=', 'vis_m.organisation_id'),
          )
          .select(sql`1`.as('one'))
          .whereRef('vis_m.case_id', '=', 'cases.id')
          .where('vis_m.user_id', '=', actor.userId)
          .where('vis_m.removed_at', 'is', null)
          .where('vis_o.removed_at', 'is', null),
      ),
      // Break-the-glass (issue 4, src/modules/privacy/break-glass.ts): an unexpired emergency grant
      // for this user and case. Expiry is compared with the actor's clock (set by the auth hook from
      // deps.now) so that tests can move time; without it the database clock is used.
      eb.exists(
        eb
          .selectFrom('break_glass_grants as vis_bg')
          .select(sql`1`.as('one'))
          .whereRef('vis_bg.case_id', '=', 'cases.id')
          .where('vis_bg.user_id', '=', actor.userId)
          .where('vis_bg.expires_at', '>', actor.now ?? sql<Date>`now()`),
      ),
    ];
    if (actor.role === 'process_director') {
      routes.push(
        eb.exists(
          eb
            .selectFrom('municipalities as vis_mu')
            .select(sql`1`.as('one'))
            .whereRef('vis_mu.id', '=', 'cases.directing_municipality_id')
            .where('vis_mu.organisation_id', '=', actor.organisationId),
        ),
      );
    }
    return eb.or(routes);
  };
}

/** Is the actor a process director of the case's directing municipality? (scope "process director only") */
export function isDirectorOf(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'cases'>): Expression<SqlBool> =>
    actor.role !== 'process_director'
      ? sql<SqlBool>`false`
      : eb.exists(
          eb
            .selectFrom('municipalities as dir_mu')
            .select(sql`1`.as('one'))
            .whereRef('dir_mu.id', '=', 'cases.directing_municipality_id')
            .where('dir_mu.organisation_id', '=', actor.organisationId),
        );
}

/** The case row if the actor may see it; otherwise NOT_FOUND (404), so existence does not leak. */
export async function requireVisibleCase(tx: Tx, actor: Actor, caseId: string) {
  const row = await tx
    .selectFrom('cases')
    .selectAll('cases')
    .select((eb) => sql<boolean>`${isDirectorOf(actor)(eb)}`.as('actor_is_director'))
    .where('cases.id', '=', caseId)
    .where(caseVisibleTo(actor))
    .executeTakeFirst();
  if (!row) throw notFound('The case');
  return row;
}

/**
 * May the actor manage the case (edit it, its membership, its phase and escalation)? Its process
 * directors (of the directing municipality) and its case coordinator may.
 */
export function managesCase(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'cases'>): Expression<SqlBool> =>
    !can(actor.role, 'cases:work')
      ? sql<SqlBool>`false`
      : eb.or([isDirectorOf(actor)(eb), eb('cases.case_coordinator_id', '=', actor.userId)]);
}

/**
 * The case row if the actor may manage it. NOT_FOUND (404) when they cannot even see it, FORBIDDEN
 * (403) when they see it but may not manage it.
 */
export async function requireManageableCase(tx: Tx, actor: Actor, caseId: string) {
  const row = await tx
    .selectFrom('cases')
    .selectAll('cases')
    .select((eb) => [
      sql<boolean>`${isDirectorOf(actor)(eb)}`.as('actor_is_director'),
      sql<boolean>`${managesCase(actor)(eb)}`.as('actor_manages'),
    ])
    .where('cases.id', '=', caseId)
    .where(caseVisibleTo(actor))
    .executeTakeFirst();
  if (!row) throw notFound('The case');
  if (!row.actor_manages) {
    throw new DomainError('FORBIDDEN', 'Only the process director or the case coordinator of this case may do this.');
  }
  return row;
}

/**
 * Sharing scope (PRODUCT.md §4) as a SQL condition on `case_contributions` joined with its `cases`
 * row: "conference" items are visible to everyone who sees the case; "process director only" items
 * to the process directors of the directing municipality and to its author ("process director only", PRODUCT.md §4).
 */
export function contributionVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'cases' | 'case_contributions'>): Expression<SqlBool> => {
    const onCases = eb as unknown as ExpressionBuilder<Database, 'cases'>;
    return eb.and([
      caseVisibleTo(actor)(onCases),
      eb.or([
        eb('case_contributions.scope', '=', 'conference'),
        eb('case_contributions.author_id', '=', actor.userId),
        isDirectorOf(actor)(onCases),
      ]),
    ]);
  };
}
