/**
 * Legal holds (issue 4 part 4): the privacy officer or the admin suspends the destruction of a case or
 * of everything about a person, with a reason, and lifts the hold again with a reason. Held data is
 * skipped by the retention job and by erasure (the database functions of migration 0010 check the hold
 * themselves). A hold on a person also holds every case and signal about them (as subject or related
 * person). Setting, lifting and reading holds is logged with purpose `legal-hold`.
 *
 * What the privacy officer sees of a case is its reference only, never its content.
 */
import { z } from 'zod';
import { DomainError, notFound, staleVersion } from '../../core/errors.js';
import { INT4_MAX } from '../../core/input.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordAccess } from '../access-log/record.js';
import { displayNameOf } from '../persons/search-name.js';
import { requireRole } from './retention.js';

export const HOLD_ROLES = ['privacy_officer', 'admin'] as const;

export const LegalHoldCreate = z.strictObject({
  caseId: z.uuid().optional().describe('The case to hold (give caseId or personId, not both)'),
  personId: z
    .uuid()
    .optional()
    .describe('The person to hold: every case and signal about them (as subject or related person) is held too'),
  reason: z.string().trim().min(1).max(2000).describe('Why destruction is suspended (e.g. a pending procedure)'),
});

export const LegalHoldLift = z.strictObject({
  reason: z.string().trim().min(1).max(2000).describe('Why the hold ends'),
  version: z.number().int().min(1).max(INT4_MAX),
});

export const LegalHoldListQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  active: z.enum(['true', 'false']).optional().describe('true: only holds in force; false: only lifted ones'),
  caseId: z.uuid().optional(),
  personId: z.uuid().optional(),
});

const UserRef = z.object({ id: z.uuid(), name: z.string() });

export const LegalHold = z
  .object({
    id: z.uuid(),
    target: z.enum(['case', 'person']),
    caseId: z.uuid().nullable(),
    caseReference: z.string().nullable().describe('The case reference only — never case content'),
    personId: z.uuid().nullable(),
    personName: z.string().nullable().describe('For a hold on a person: the name as recorded (logged read)'),
    reason: z.string(),
    setBy: UserRef,
    setAt: z.iso.datetime(),
    active: z.boolean(),
    liftedBy: UserRef.nullable(),
    liftedAt: z.iso.datetime().nullable(),
    liftReason: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'LegalHold' });
type LegalHoldData = z.infer<typeof LegalHold>;

const scope = (actor: Actor) => ({ regionId: actor.regionId, organisationId: actor.organisationId });
const purposeOf = (id?: string) => ({ type: 'legal-hold', id: id ?? null });

function holdQuery(tx: Tx) {
  return tx
    .selectFrom('legal_holds as h')
    .leftJoin('cases as c', 'c.id', 'h.case_id')
    .leftJoin('persons as p', 'p.id', 'h.person_id')
    .leftJoin('users as s', 's.id', 'h.set_by')
    .leftJoin('users as l', 'l.id', 'h.lifted_by')
    .select([
      'h.id',
      'h.case_id',
      'h.person_id',
      'h.reason',
      'h.set_by',
      'h.set_at',
      'h.lifted_by',
      'h.lifted_at',
      'h.lift_reason',
      'h.version',
      'c.reference as case_reference',
      'c.subject_person_id as case_subject_id',
      'p.first_name',
      'p.name_prefix',
      'p.last_name',
      's.name as set_by_name',
      'l.name as lifted_by_name',
    ]);
}
type HoldRow = Awaited<ReturnType<ReturnType<typeof holdQuery>['executeTakeFirstOrThrow']>>;

function present(r: HoldRow): LegalHoldData {
  return {
    id: r.id,
    target: r.case_id ? 'case' : 'person',
    caseId: r.case_id,
    caseReference: r.case_reference,
    personId: r.person_id,
    personName:
      r.person_id && r.first_name !== null && r.last_name !== null
        ? displayNameOf({ first_name: r.first_name, name_prefix: r.name_prefix, last_name: r.last_name })
        : null,
    reason: r.reason,
    setBy: { id: r.set_by, name: r.set_by_name ?? '' },
    setAt: r.set_at.toISOString(),
    active: r.lifted_at === null,
    liftedBy: r.lifted_by ? { id: r.lifted_by, name: r.lifted_by_name ?? '' } : null,
    liftedAt: r.lifted_at?.toISOString() ?? null,
    liftReason: r.lift_reason,
    version: r.version,
  };
}

/** The data subject a hold is about: the person, or the case's subject. */
const subjectsOf = (rows: HoldRow[]) =>
  [...new Set(rows.map((r) => r.person_id ?? r.case_subject_id).filter((id): id is string => Boolean(id)))].map(
    (id) => ({ type: 'person' as const, id }),
  );

async function requireHold(tx: Tx, id: string): Promise<HoldRow> {
  const row = await holdQuery(tx).where('h.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('The legal hold');
  return row;
}

export async function createHold(deps: Deps, actor: Actor, traceId: string, input: z.infer<typeof LegalHoldCreate>) {
  requireRole(actor, HOLD_ROLES);
  if ((input.caseId === undefined) === (input.personId === undefined)) {
    throw new DomainError('INVALID_INPUT', 'Give either caseId or personId.', {
      fields: [{ in: 'body', pointer: '/caseId', code: 'one_of', detail: 'Give either caseId or personId, not both.' }],
    });
  }
  return withTx(deps.db, scope(actor), async (tx) => {
    if (input.caseId) {
      const c = await tx.selectFrom('cases').select('id').where('id', '=', input.caseId).executeTakeFirst();
      if (!c) {
        throw new DomainError('NOT_FOUND', 'The case does not exist or is not visible to you.', {
          fields: [{ in: 'body', pointer: '/caseId', code: 'not_found', detail: 'No such case in this region.' }],
        });
      }
    } else {
      const p = await tx
        .selectFrom('persons')
        .select('id')
        .where('id', '=', input.personId as string)
        .executeTakeFirst();
      if (!p) {
        throw new DomainError('NOT_FOUND', 'The person does not exist or is not visible to you.', {
          fields: [{ in: 'body', pointer: '/personId', code: 'not_found', detail: 'No such person in this region.' }],
        });
      }
    }
    const target = input.caseId ? { case_id: input.caseId } : { person_id: input.personId as string };
    const existing = await tx
      .selectFrom('legal_holds')
      .select('id')
      .where(input.caseId ? 'case_id' : 'person_id', '=', input.caseId ?? (input.personId as string))
      .where('lifted_at', 'is', null)
      .executeTakeFirst();
    if (existing) {
      throw new DomainError('CONFLICT', 'A legal hold is already in force; lift it first to set a new one.', {
        fields: [
          {
            in: 'body',
            pointer: input.caseId ? '/caseId' : '/personId',
            code: 'already_held',
            detail: `Hold ${existing.id} is in force.`,
          },
        ],
      });
    }
    const { id } = await tx
      .insertInto('legal_holds')
      .values({ region_id: actor.regionId, ...target, reason: input.reason, set_by: actor.userId, set_at: deps.now() })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e: { code?: string }) => {
        if (e.code === '23505') throw new DomainError('CONFLICT', 'A legal hold is already in force.');
        throw e;
      });
    const row = await requireHold(tx, id);
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'create',
      recordType: 'legal_hold',
      recordId: id,
      subjects: subjectsOf([row]),
      purpose: purposeOf(id),
    });
    return present(row);
  });
}

export async function liftHold(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof LegalHoldLift>,
) {
  requireRole(actor, HOLD_ROLES);
  return withTx(deps.db, scope(actor), async (tx) => {
    const current = await tx.selectFrom('legal_holds').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw notFound('The legal hold');
    if (current.version !== input.version) throw staleVersion();
    if (current.lifted_at !== null) throw new DomainError('ILLEGAL_TRANSITION', 'This legal hold was already lifted.');
    await tx
      .updateTable('legal_holds')
      .set({
        lifted_at: deps.now(),
        lifted_by: actor.userId,
        lift_reason: input.reason,
        version: current.version + 1,
      })
      .where('id', '=', id)
      .execute();
    const row = await requireHold(tx, id);
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'legal_hold',
      recordId: id,
      subjects: subjectsOf([row]),
      purpose: purposeOf(id),
    });
    return present(row);
  });
}

export async function getHold(deps: Deps, actor: Actor, traceId: string, id: string) {
  requireRole(actor, HOLD_ROLES);
  return withTx(deps.db, scope(actor), async (tx) => {
    const row = await requireHold(tx, id);
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'legal_hold',
      recordId: id,
      subjects: subjectsOf([row]),
      purpose: purposeOf(id),
    });
    return present(row);
  });
}

export async function listHolds(deps: Deps, actor: Actor, traceId: string, q: z.infer<typeof LegalHoldListQuery>) {
  requireRole(actor, HOLD_ROLES);
  const after = decodeCursor(q.cursor, ['timestamp', 'uuid']) as [string, string] | null;
  return withTx(deps.db, scope(actor), async (tx) => {
    let query = holdQuery(tx)
      .orderBy('h.set_at', 'desc')
      .orderBy('h.id', 'desc')
      .limit(q.limit + 1);
    if (q.active === 'true') query = query.where('h.lifted_at', 'is', null);
    if (q.active === 'false') query = query.where('h.lifted_at', 'is not', null);
    if (q.caseId) query = query.where('h.case_id', '=', q.caseId);
    if (q.personId) query = query.where('h.person_id', '=', q.personId);
    if (after) {
      const at = new Date(after[0]);
      query = query.where((eb) =>
        eb.or([eb('h.set_at', '<', at), eb.and([eb('h.set_at', '=', at), eb('h.id', '<', after[1])])]),
      );
    }
    const rows = await query.execute();
    const result = page(rows, q.limit, (r) => [r.set_at.toISOString(), r.id]);
    if (result.items.length > 0) {
      await recordAccess(tx, auditActor(actor, traceId), {
        action: 'read',
        recordType: 'legal_hold',
        recordId: null,
        subjects: subjectsOf(result.items),
        purpose: purposeOf(),
      });
    }
    return { items: result.items.map(present), nextCursor: result.nextCursor };
  });
}
