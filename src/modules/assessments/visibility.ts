import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { can } from '../../core/roles.js';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/http/context.js';
import { caseVisibleTo } from '../cases/visibility.js';

/**
 * Need-to-know for assessments, as a SQL condition on the `assessments` table:
 *  - bound to a case: exactly who may see the case (caseVisibleTo);
 *  - bound only to a signal (before triage): the process directors of the signal's municipality and
 *    the user who registered the signal;
 *  - otherwise: nobody.
 */
export function assessmentVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'assessments'>): Expression<SqlBool> => {
    if (!can(actor.role, 'cases:work')) return sql<SqlBool>`false`;
    const viaCase = eb.and([
      eb('assessments.case_id', 'is not', null),
      eb.exists(
        eb
          .selectFrom('cases')
          .select(sql`1`.as('one'))
          .whereRef('cases.id', '=', 'assessments.case_id')
          .where((ceb) => caseVisibleTo(actor)(ceb as unknown as ExpressionBuilder<Database, 'cases'>)),
      ),
    ]);
    const viaSignal = eb.and([
      eb('assessments.case_id', 'is', null),
      eb('assessments.signal_id', 'is not', null),
      eb.exists(
        eb
          .selectFrom('signals as vis_s')
          .select(sql`1`.as('one'))
          .whereRef('vis_s.id', '=', 'assessments.signal_id')
          .where((seb) =>
            seb.or([
              seb('vis_s.created_by', '=', actor.userId),
              actor.role === 'process_director'
                ? seb.exists(
                    seb
                      .selectFrom('municipalities as vis_sm')
                      .select(sql`1`.as('one'))
                      .whereRef('vis_sm.id', '=', 'vis_s.municipality_id')
                      .where('vis_sm.organisation_id', '=', actor.organisationId),
                  )
                : sql<SqlBool>`false`,
            ]),
          ),
      ),
    ]);
    return eb.or([viaCase, viaSignal]);
  };
}
