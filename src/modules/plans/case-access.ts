import { sql } from 'kysely';
import { DomainError, type FieldIssue, forbidden, notFound } from '../../core/errors.js';
import type { Tx } from '../../platform/db/database.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { type AccessAction, recordAccess } from '../access-log/record.js';
import { caseVisibleTo, isDirectorOf } from '../cases/visibility.js';

/**
 * The case a plan, intervention or action belongs to, if the actor may see it (need-to-know in the
 * SQL); otherwise NOT_FOUND. `actor_leads`: the actor is a process director of the directing
 * municipality or the case coordinator — the people who write the plan.
 */
export async function loadCase(tx: Tx, actor: Actor, caseId: string, what = 'The case') {
  const row = await findCase(tx, actor, caseId);
  if (!row) throw notFound(what);
  return row;
}

/** As {@link loadCase}, but undefined when the case is absent or not visible. */
export async function findCase(tx: Tx, actor: Actor, caseId: string) {
  return tx
    .selectFrom('cases')
    .select([
      'cases.id',
      'cases.region_id',
      'cases.reference',
      'cases.subject_person_id',
      'cases.target_group',
      'cases.phase',
      'cases.directing_municipality_id',
      'cases.case_coordinator_id',
      'cases.version',
    ])
    .select((eb) => [
      sql<boolean>`${isDirectorOf(actor)(eb)}`.as('actor_is_director'),
      sql<boolean>`(${isDirectorOf(actor)(eb)} or ${eb('cases.case_coordinator_id', '=', actor.userId)})`.as(
        'actor_leads',
      ),
    ])
    .where('cases.id', '=', caseId)
    .where(caseVisibleTo(actor))
    .executeTakeFirst();
}

export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

export function requireLead(c: CaseRow, what = 'change the plan of approach') {
  if (!c.actor_leads) throw forbidden(`Only the process director or the case coordinator of this case may ${what}.`);
}

/** A definitively closed case keeps its plan and actions as they were. */
export function requireNotClosed(c: CaseRow) {
  if (c.phase === 'closed') {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      'The case is closed definitively; its plan and actions no longer change.',
    );
  }
}

export const bodyField = (pointer: string, code: string, detail: string): FieldIssue => ({
  in: 'body',
  pointer,
  code,
  detail,
});

export const refused = (fields: FieldIssue[], message = 'The request was refused; see the fields.') =>
  new DomainError('BUSINESS_RULE', message, { fields });

/** Does the organisation take part in the case (and was not removed)? */
export async function takesPart(tx: Tx, caseId: string, organisationId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('case_organisations')
    .select('organisation_id')
    .where('case_id', '=', caseId)
    .where('organisation_id', '=', organisationId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Is the user, of the given organisation, someone who works on the case: an active member, the case
 * coordinator, or a process director of the directing municipality? A responsible person or action
 * owner must be able to see the case.
 */
export async function worksOnCase(tx: Tx, c: CaseRow, userId: string, organisationId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('users as u')
    .select('u.id')
    .where('u.id', '=', userId)
    .where('u.organisation_id', '=', organisationId)
    .where('u.disabled_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('u.id', '=', c.case_coordinator_id),
        eb.exists(
          eb
            .selectFrom('case_members as m')
            .select(sql`1`.as('one'))
            .where('m.case_id', '=', c.id)
            .whereRef('m.user_id', '=', 'u.id')
            .where('m.removed_at', 'is', null),
        ),
        eb.and([
          eb.exists(
            eb
              .selectFrom('region_roles as rr')
              .select(sql`1`.as('one'))
              .whereRef('rr.user_id', '=', 'u.id')
              .where('rr.region_id', '=', c.region_id)
              .where('rr.role', '=', 'process_director'),
          ),
          eb.exists(
            eb
              .selectFrom('municipalities as mu')
              .select(sql`1`.as('one'))
              .where('mu.id', '=', c.directing_municipality_id)
              .whereRef('mu.organisation_id', '=', 'u.organisation_id'),
          ),
        ]),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** One access-log entry: the case's subject person, for the purpose of the case. */
export async function logCaseAccess(
  tx: Tx,
  actor: Actor,
  traceId: string,
  c: CaseRow,
  action: AccessAction,
  recordType: string,
  recordId: string | null,
) {
  await recordAccess(tx, auditActor(actor, traceId), {
    action,
    recordType,
    recordId,
    subjects: [{ type: 'person', id: c.subject_person_id }],
    purpose: { type: 'case', id: c.id },
  });
}

export const invalidCursor = () =>
  new DomainError('INVALID_INPUT', 'The cursor is not valid.', {
    fields: [
      { in: 'query', pointer: '/cursor', code: 'invalid_cursor', detail: 'Use the nextCursor of a previous page.' },
    ],
  });

/** A timestamp from a cursor; a forged one is invalid input, not a database error. */
export function cursorTime(value: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw invalidCursor();
  return at;
}
