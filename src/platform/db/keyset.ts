import type { ExpressionBuilder, ReferenceExpression } from 'kysely';

/**
 * The keyset condition of the next page for a list ordered on (sortKey, idKey): the rows after the
 * decoded cursor `after` (see decodeCursor in platform/http/pagination), ascending or descending.
 * `.where((eb) => afterKeyset(eb, 'n.name', 'n.id', after))`.
 */
export function afterKeyset<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  sortKey: ReferenceExpression<DB, TB>,
  idKey: ReferenceExpression<DB, TB>,
  after: readonly [unknown, unknown],
  direction: 'asc' | 'desc' = 'asc',
) {
  const op = direction === 'asc' ? '>' : '<';
  // The values come from a cursor whose shape decodeCursor checked; SQL gets them as parameters.
  const [sortValue, id] = after as [never, never];
  return eb.or([eb(sortKey, op, sortValue), eb.and([eb(sortKey, '=', sortValue), eb(idKey, op, id)])]);
}
