import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { can } from '../../core/roles.js';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/http/context.js';
import { caseVisibleTo } from '../cases/visibility.js';

/**
 * Need-to-know for signals, as a SQL condition on `signals` (like caseVisibleTo for cases). A signal
 * is visible to
 *  - the user who registered it,
 *  - the process directors of the signal's municipality (they own intake and triage),
 *  - anyone who can see a case the signal led to (case_signals + caseVisibleTo).
 * Everyone else gets 404. Join this into every query that reads signal data.
 */
export function signalVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'signals'>): Expression<SqlBool> => {
    if (!can(actor.role, 'cases:work')) return sql<SqlBool>`false`;
    const routes: Expression<SqlBool>[] = [
      eb('signals.created_by', '=', actor.userId),
      eb.exists(
        eb
          .selectFrom('case_signals as sv_cs')
          .innerJoin('cases', 'cases.id', 'sv_cs.case_id')
          .select(sql`1`.as('one'))
          .whereRef('sv_cs.signal_id', '=', 'signals.id')
          .where((e) => caseVisibleTo(actor)(e as unknown as ExpressionBuilder<Database, 'cases'>)),
      ),
    ];
    if (actor.role === 'process_director') routes.push(isSignalDirector(actor)(eb));
    return eb.or(routes);
  };
}

/** Is the actor a process director of the signal's municipality? (triage decisions, intake) */
export function isSignalDirector(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'signals'>): Expression<SqlBool> =>
    actor.role !== 'process_director'
      ? sql<SqlBool>`false`
      : eb.exists(
          eb
            .selectFrom('municipalities as sv_mu')
            .select(sql`1`.as('one'))
            .whereRef('sv_mu.id', '=', 'signals.municipality_id')
            .where('sv_mu.organisation_id', '=', actor.organisationId),
        );
}

/**
 * May the actor change the signal's intake data (fields, subjects, attachments)? The one who
 * registered it and the process directors of its municipality; people who see the signal only
 * through a case read it.
 */
export function signalEditableBy(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'signals'>): Expression<SqlBool> =>
    eb.or([eb('signals.created_by', '=', actor.userId), isSignalDirector(actor)(eb)]);
}
