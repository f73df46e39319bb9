import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { can } from '../../core/roles.js';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/http/context.js';
import { caseVisibleTo } from '../cases/visibility.js';
import { signalVisibleTo } from '../signals/visibility.js';

/**
 * Need-to-know for persons, as a SQL condition on `persons`: a person is visible only through a
 * signal or a case the actor can see — as an active subject of a signal, the subject of a case, or a
 * related person of a case. There is no way to see a person that nobody reported to you.
 */
export function personVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'persons'>): Expression<SqlBool> => {
    if (!can(actor.role, 'cases:work')) return sql<SqlBool>`false`;
    return eb.or([
      eb.exists(
        eb
          .selectFrom('signal_subjects as pv_ss')
          .innerJoin('signals', 'signals.id', 'pv_ss.signal_id')
          .select(sql`1`.as('one'))
          .whereRef('pv_ss.person_id', '=', 'persons.id')
          .where('pv_ss.unlinked_at', 'is', null)
          .where((e) => signalVisibleTo(actor)(e as unknown as ExpressionBuilder<Database, 'signals'>)),
      ),
      eb.exists(
        eb
          .selectFrom('cases')
          .select(sql`1`.as('one'))
          .whereRef('cases.subject_person_id', '=', 'persons.id')
          .where((e) => caseVisibleTo(actor)(e as unknown as ExpressionBuilder<Database, 'cases'>)),
      ),
      eb.exists(
        eb
          .selectFrom('case_related_persons as pv_rp')
          .innerJoin('cases', 'cases.id', 'pv_rp.case_id')
          .select(sql`1`.as('one'))
          .whereRef('pv_rp.person_id', '=', 'persons.id')
          .where('pv_rp.removed_at', 'is', null)
          .where((e) => caseVisibleTo(actor)(e as unknown as ExpressionBuilder<Database, 'cases'>)),
      ),
    ]);
  };
}
