/**
 * Erasure and rectification requests (AVG art. 16 and 17; issue 4 part 3). The privacy officer (or
 * the admin) records a data subject's request with its reason: for erasure its scope (everything
 * about the person, one case, or one signal), for rectification the proposed change of the person's
 * recorded data. A second person — never the requester (four eyes, also a check in the database) —
 * approves or rejects it. An approved erasure destroys that data at once with the same database
 * functions as the retention job (legal holds excepted: approval is then refused); an approved
 * rectification applies the change. Every step is in the access log (purposes `erasure-request`,
 * `rectification-request`).
 *
 * When the person is destroyed the request's free text (reason, change, note) is scrubbed; who asked,
 * who approved and when stay as the record of the decision.
 */
import { type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import { DomainError, notFound, staleVersion } from '../../core/errors.js';
import { calendarDate, INT4_MAX } from '../../core/input.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordAccess } from '../access-log/record.js';
import { displayNameOf, searchNameOf } from '../persons/search-name.js';
import { executeErasure } from './destruction.js';
import { requireRole } from './retention.js';

export const REQUEST_ROLES = ['privacy_officer', 'admin'] as const;
export type RequestKind = 'erasure' | 'rectification';
export const REQUEST_STATUSES = ['requested', 'approved', 'rejected', 'executed'] as const;
const GENDERS = ['female', 'male', 'other', 'unknown'] as const;

const reason = z.string().trim().min(1).max(4000).describe('The data subject’s request and its grounds, in words');
const receivedOn = calendarDate().describe('When the request was received');

export const ErasureRequestCreate = z.strictObject({
  personId: z.uuid().describe('The data subject (find them with POST /subject-access-requests/person-matches)'),
  scope: z
    .enum(['person', 'case', 'signal'])
    .describe('person: everything about the person; case: one case (caseId); signal: one signal (signalId)'),
  caseId: z.uuid().optional().describe('With scope "case": a case whose subject is the person'),
  signalId: z.uuid().optional().describe('With scope "signal": a signal about the person'),
  reason,
  receivedOn,
});

const name = (max: number) => z.string().trim().min(1).max(max);
export const PersonChange = z
  .strictObject({
    firstName: name(100).optional(),
    namePrefix: name(20).nullable().optional(),
    lastName: name(100).optional(),
    dateOfBirth: calendarDate().nullable().optional(),
    gender: z.enum(GENDERS).nullable().optional(),
  })
  .meta({ id: 'PersonChange' });

export const RectificationRequestCreate = z.strictObject({
  personId: z.uuid().describe('The data subject (find them with POST /subject-access-requests/person-matches)'),
  change: PersonChange.describe('The corrected values of the person’s recorded data (at least one field)'),
  reason,
  receivedOn,
});

export const RequestDecision = z.strictObject({
  note: z.string().trim().min(1).max(4000).optional().describe('The approver’s note (required to reject)'),
  version: z.number().int().min(1).max(INT4_MAX),
});

export const RequestListQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  status: z.enum(REQUEST_STATUSES).optional(),
  personId: z.uuid().optional(),
});

const UserRef = z.object({ id: z.uuid(), name: z.string() });
const Counts = z.object({
  cases: z.number().int(),
  signals: z.number().int(),
  persons: z.number().int(),
});

const requestFields = {
  id: z.uuid(),
  personId: z.uuid().nullable().describe('null once the person has been destroyed'),
  personName: z.string().nullable().describe('The person as recorded now; null once destroyed'),
  receivedOn: calendarDate(),
  reason: z.string().nullable().describe('null once scrubbed (the person was destroyed)'),
  status: z.enum(REQUEST_STATUSES).describe('requested → executed (approved and carried out at once) or rejected'),
  requestedBy: UserRef,
  requestedAt: z.iso.datetime(),
  decidedBy: UserRef.nullable(),
  decidedAt: z.iso.datetime().nullable(),
  decisionNote: z.string().nullable(),
  executedAt: z.iso.datetime().nullable(),
  scrubbedAt: z.iso.datetime().nullable(),
  version: z.number().int(),
};

export const ErasureRequest = z
  .object({
    ...requestFields,
    scope: z.enum(['person', 'case', 'signal']),
    caseId: z.uuid().nullable(),
    signalId: z.uuid().nullable(),
    result: Counts.nullable().describe('What the execution destroyed (counts; ids are in the access log)'),
  })
  .meta({ id: 'ErasureRequest' });

export const RectificationRequest = z
  .object({
    ...requestFields,
    change: PersonChange.nullable().describe('null once scrubbed'),
  })
  .meta({ id: 'RectificationRequest' });

type ErasureData = z.infer<typeof ErasureRequest>;
type RectificationData = z.infer<typeof RectificationRequest>;

const scope = (actor: Actor) => ({ regionId: actor.regionId, organisationId: actor.organisationId });
const purposeOf = (kind: RequestKind, id?: string) => ({
  type: kind === 'erasure' ? 'erasure-request' : 'rectification-request',
  id: id ?? null,
});

const field = (code: 'NOT_FOUND' | 'BUSINESS_RULE' | 'INVALID_INPUT', pointer: string, fcode: string, detail: string) =>
  new DomainError(code, detail, { fields: [{ in: 'body', pointer, code: fcode, detail }] });

function requestQuery(tx: Tx, kind: RequestKind) {
  return tx
    .selectFrom('data_subject_requests as r')
    .leftJoin('persons as p', 'p.id', 'r.person_id')
    .leftJoin('users as q', 'q.id', 'r.requested_by')
    .leftJoin('users as d', 'd.id', 'r.decided_by')
    .selectAll('r')
    .select([
      'p.first_name',
      'p.name_prefix',
      'p.last_name',
      'q.name as requested_by_name',
      'd.name as decided_by_name',
    ])
    .where('r.kind', '=', kind);
}
type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['executeTakeFirstOrThrow']>>;

function presentBase(r: RequestRow) {
  return {
    id: r.id,
    personId: r.person_id,
    personName:
      r.person_id && r.first_name !== null && r.last_name !== null
        ? displayNameOf({ first_name: r.first_name, name_prefix: r.name_prefix, last_name: r.last_name })
        : null,
    receivedOn: r.received_on,
    reason: r.reason,
    status: r.status as (typeof REQUEST_STATUSES)[number],
    requestedBy: { id: r.requested_by, name: r.requested_by_name ?? '' },
    requestedAt: r.requested_at.toISOString(),
    decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name ?? '' } : null,
    decidedAt: r.decided_at?.toISOString() ?? null,
    decisionNote: r.decision_note,
    executedAt: r.executed_at?.toISOString() ?? null,
    scrubbedAt: r.scrubbed_at?.toISOString() ?? null,
    version: r.version,
  };
}

function present(kind: 'erasure', r: RequestRow): ErasureData;
function present(kind: 'rectification', r: RequestRow): RectificationData;
function present(kind: RequestKind, r: RequestRow): ErasureData | RectificationData;
function present(kind: RequestKind, r: RequestRow): ErasureData | RectificationData {
  if (kind === 'erasure') {
    const result = r.result as { cases?: string[]; signals?: string[]; persons?: string[] } | null;
    return {
      ...presentBase(r),
      scope: r.scope as ErasureData['scope'],
      caseId: r.case_id,
      signalId: r.signal_id,
      result: result
        ? {
            cases: result.cases?.length ?? 0,
            signals: result.signals?.length ?? 0,
            persons: result.persons?.length ?? 0,
          }
        : null,
    };
  }
  return { ...presentBase(r), change: (r.proposed_change as RectificationData['change']) ?? null };
}

const subjectOf = (r: { person_id: string | null }) =>
  r.person_id ? [{ type: 'person' as const, id: r.person_id }] : [];

async function requireRequest(tx: Tx, kind: RequestKind, id: string): Promise<RequestRow> {
  const row = await requestQuery(tx, kind).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(kind === 'erasure' ? 'The erasure request' : 'The rectification request');
  return row;
}

async function requirePerson(tx: Tx, personId: string) {
  const person = await tx.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirst();
  if (!person) throw field('NOT_FOUND', '/personId', 'not_found', 'No person with this id is held in this region.');
  return person;
}

export async function createErasureRequest(
  deps: Deps,
  actor: Actor,
  traceId: string,
  input: z.infer<typeof ErasureRequestCreate>,
): Promise<ErasureData> {
  requireRole(actor, REQUEST_ROLES);
  const issues = [];
  if (input.scope === 'case' && !input.caseId) issues.push({ pointer: '/caseId', detail: 'Give the case to erase.' });
  if (input.scope !== 'case' && input.caseId)
    issues.push({ pointer: '/caseId', detail: 'Only scope "case" has a caseId.' });
  if (input.scope === 'signal' && !input.signalId)
    issues.push({ pointer: '/signalId', detail: 'Give the signal to erase.' });
  if (input.scope !== 'signal' && input.signalId)
    issues.push({ pointer: '/signalId', detail: 'Only scope "signal" has a signalId.' });
  if (issues.length > 0) {
    throw new DomainError('INVALID_INPUT', `The request has ${issues.length} invalid field(s).`, {
      fields: issues.map((i) => ({ in: 'body' as const, code: 'scope_mismatch', ...i })),
    });
  }
  return withTx(deps.db, scope(actor), async (tx) => {
    await requirePerson(tx, input.personId);
    if (input.caseId) {
      const c = await tx
        .selectFrom('cases')
        .select('subject_person_id')
        .where('id', '=', input.caseId)
        .executeTakeFirst();
      if (!c) throw field('NOT_FOUND', '/caseId', 'not_found', 'No case with this id in this region.');
      if (c.subject_person_id !== input.personId) {
        throw field('BUSINESS_RULE', '/caseId', 'not_about_person', 'The person is not the subject of this case.');
      }
    }
    if (input.signalId) {
      const s = await tx.selectFrom('signals').select('id').where('id', '=', input.signalId).executeTakeFirst();
      if (!s) throw field('NOT_FOUND', '/signalId', 'not_found', 'No signal with this id in this region.');
      const about = await tx
        .selectFrom('signal_subjects')
        .select('id')
        .where('signal_id', '=', input.signalId)
        .where('person_id', '=', input.personId)
        .executeTakeFirst();
      if (!about) throw field('BUSINESS_RULE', '/signalId', 'not_about_person', 'The signal is not about this person.');
    }
    const { id } = await tx
      .insertInto('data_subject_requests')
      .values({
        region_id: actor.regionId,
        kind: 'erasure',
        person_id: input.personId,
        scope: input.scope,
        case_id: input.caseId ?? null,
        signal_id: input.signalId ?? null,
        received_on: input.receivedOn,
        reason: input.reason,
        requested_by: actor.userId,
        requested_at: deps.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'create',
      recordType: 'erasure_request',
      recordId: id,
      subjects: [{ type: 'person', id: input.personId }],
      purpose: purposeOf('erasure', id),
    });
    return present('erasure', await requireRequest(tx, 'erasure', id));
  });
}

export async function createRectificationRequest(
  deps: Deps,
  actor: Actor,
  traceId: string,
  input: z.infer<typeof RectificationRequestCreate>,
): Promise<RectificationData> {
  requireRole(actor, REQUEST_ROLES);
  const change = Object.fromEntries(Object.entries(input.change).filter(([, v]) => v !== undefined));
  if (Object.keys(change).length === 0) {
    throw field('INVALID_INPUT', '/change', 'empty_change', 'Give at least one corrected value.');
  }
  return withTx(deps.db, scope(actor), async (tx) => {
    await requirePerson(tx, input.personId);
    const { id } = await tx
      .insertInto('data_subject_requests')
      .values({
        region_id: actor.regionId,
        kind: 'rectification',
        person_id: input.personId,
        received_on: input.receivedOn,
        reason: input.reason,
        proposed_change: JSON.stringify(change),
        requested_by: actor.userId,
        requested_at: deps.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'create',
      recordType: 'rectification_request',
      recordId: id,
      subjects: [{ type: 'person', id: input.personId }],
      purpose: purposeOf('rectification', id),
    });
    return present('rectification', await requireRequest(tx, 'rectification', id));
  });
}

export async function getRequest(deps: Deps, actor: Actor, traceId: string, kind: RequestKind, id: string) {
  requireRole(actor, REQUEST_ROLES);
  return withTx(deps.db, scope(actor), async (tx) => {
    const row = await requireRequest(tx, kind, id);
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: `${kind}_request`,
      recordId: id,
      subjects: subjectOf(row),
      purpose: purposeOf(kind, id),
    });
    return present(kind, row);
  });
}

export async function listRequests(
  deps: Deps,
  actor: Actor,
  traceId: string,
  kind: RequestKind,
  q: z.infer<typeof RequestListQuery>,
) {
  requireRole(actor, REQUEST_ROLES);
  const after = decodeCursor(q.cursor, ['timestamp', 'uuid']) as [string, string] | null;
  return withTx(deps.db, scope(actor), async (tx) => {
    let query = requestQuery(tx, kind)
      .orderBy('r.requested_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(q.limit + 1);
    if (q.status) query = query.where('r.status', '=', q.status);
    if (q.personId) query = query.where('r.person_id', '=', q.personId);
    if (after) {
      const at = new Date(after[0]);
      query = query.where((eb) =>
        eb.or([eb('r.requested_at', '<', at), eb.and([eb('r.requested_at', '=', at), eb('r.id', '<', after[1])])]),
      );
    }
    const rows = await query.execute();
    const result = page(rows, q.limit, (r) => [r.requested_at.toISOString(), r.id]);
    const subjects = [...new Set(result.items.map((r) => r.person_id).filter((p): p is string => Boolean(p)))];
    if (result.items.length > 0) {
      await recordAccess(tx, auditActor(actor, traceId), {
        action: 'read',
        recordType: `${kind}_request`,
        recordId: null,
        subjects: subjects.map((id) => ({ type: 'person' as const, id })),
        purpose: purposeOf(kind),
      });
    }
    return { items: result.items.map((r) => present(kind, r)), nextCursor: result.nextCursor };
  });
}

/** The request, locked, in a state a decision applies to; four eyes checked. */
async function decidable(tx: Tx, actor: Actor, kind: RequestKind, id: string, version: number) {
  const row = await tx
    .selectFrom('data_subject_requests')
    .selectAll()
    .where('id', '=', id)
    .where('kind', '=', kind)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(kind === 'erasure' ? 'The erasure request' : 'The rectification request');
  if (row.version !== version) throw staleVersion();
  if (row.status !== 'requested') {
    throw new DomainError('ILLEGAL_TRANSITION', `This request has already been decided (status "${row.status}").`);
  }
  if (row.requested_by === actor.userId) {
    throw new DomainError(
      'FOUR_EYES_REQUIRED',
      'Four eyes: a request is approved or rejected by someone other than the person who recorded it.',
    );
  }
  return row;
}

export async function rejectRequest(
  deps: Deps,
  actor: Actor,
  traceId: string,
  kind: RequestKind,
  id: string,
  input: z.infer<typeof RequestDecision>,
) {
  requireRole(actor, REQUEST_ROLES);
  if (!input.note) throw field('INVALID_INPUT', '/note', 'required', 'Say why the request is rejected.');
  return withTx(deps.db, scope(actor), async (tx) => {
    const row = await decidable(tx, actor, kind, id, input.version);
    await tx
      .updateTable('data_subject_requests')
      .set({
        status: 'rejected',
        decided_by: actor.userId,
        decided_at: deps.now(),
        decision_note: input.note ?? null,
        version: row.version + 1,
      })
      .where('id', '=', id)
      .execute();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: `${kind}_request`,
      recordId: id,
      subjects: subjectOf(row),
      purpose: purposeOf(kind, id),
    });
    return present(kind, await requireRequest(tx, kind, id));
  });
}

/**
 * Approves a request and carries it out in the same transaction: nothing is approved that could not
 * be executed. Refused with 422 (naming /personId, /caseId or /signalId) when a legal hold applies or
 * the subject no longer exists.
 */
export async function approveRequest(
  deps: Deps,
  actor: Actor,
  traceId: string,
  kind: RequestKind,
  id: string,
  input: z.infer<typeof RequestDecision>,
) {
  requireRole(actor, REQUEST_ROLES);
  return withTx(deps.db, scope(actor), async (tx) => {
    const row = await decidable(tx, actor, kind, id, input.version);
    const now = deps.now();
    if (kind === 'erasure') await refuseWhenHeldOrGone(tx, row);
    else if (!row.person_id) {
      throw field('BUSINESS_RULE', '/personId', 'gone', 'The person no longer exists: nothing to rectify.');
    }
    await tx
      .updateTable('data_subject_requests')
      .set({ status: 'approved', decided_by: actor.userId, decided_at: now, decision_note: input.note ?? null })
      .where('id', '=', id)
      .execute();
    const audit = auditActor(actor, traceId);
    await recordAccess(tx, audit, {
      action: 'update',
      recordType: `${kind}_request`,
      recordId: id,
      subjects: subjectOf(row),
      purpose: purposeOf(kind, id),
    });
    let result: unknown = null;
    if (kind === 'erasure') {
      result = await executeErasure(tx, audit, row);
    } else {
      await applyRectification(
        tx,
        audit,
        row.person_id as string,
        row.proposed_change as Record<string, unknown>,
        id,
        now,
      );
    }
    await tx
      .updateTable('data_subject_requests')
      .set({
        status: 'executed',
        executed_at: now,
        result: result === null ? null : JSON.stringify(result),
        version: row.version + 1,
      })
      .where('id', '=', id)
      .execute();
    return present(kind, await requireRequest(tx, kind, id));
  });
}

async function refuseWhenHeldOrGone(
  tx: Tx,
  row: { person_id: string | null; scope: string | null; case_id: string | null; signal_id: string | null },
) {
  if (!row.person_id) {
    throw field('BUSINESS_RULE', '/personId', 'gone', 'The person was already destroyed: nothing left to erase.');
  }
  const held = (pointer: string, what: string) =>
    field('BUSINESS_RULE', pointer, 'legal_hold', `${what} is on legal hold; lift the hold before erasing.`);
  if (row.scope === 'case') {
    if (!row.case_id) throw field('BUSINESS_RULE', '/caseId', 'gone', 'The case was already destroyed.');
    const r = await sql<{ held: boolean }>`select schakel_case_on_hold(${row.case_id}::uuid) as held`.execute(tx);
    if (r.rows[0]?.held) throw held('/caseId', 'The case');
    return;
  }
  if (row.scope === 'signal') {
    if (!row.signal_id) throw field('BUSINESS_RULE', '/signalId', 'gone', 'The signal was already destroyed.');
    const r = await sql<{ held: boolean }>`select schakel_signal_on_hold(${row.signal_id}::uuid) as held`.execute(tx);
    if (r.rows[0]?.held) throw held('/signalId', 'The signal');
    return;
  }
  // Scope person: the person, and every case of theirs (a hold on a related person holds the case).
  const personHeld = await sql<{
    held: boolean;
  }>`select schakel_person_on_hold(${row.person_id}::uuid) as held`.execute(tx);
  if (personHeld.rows[0]?.held) throw held('/personId', 'The person');
  const heldCase = await tx
    .selectFrom('cases')
    .select('id')
    .where('subject_person_id', '=', row.person_id)
    .where(sql<SqlBool>`schakel_case_on_hold(cases.id)`)
    .executeTakeFirst();
  if (heldCase) throw held('/personId', 'A case of the person');
  // Their links to other cases and signals are removed and their names redacted there: not in held ones.
  const heldLink = await sql<{ held: boolean }>`select
      exists (select 1 from case_related_persons r where r.person_id = ${row.person_id}::uuid and schakel_case_on_hold(r.case_id))
      or exists (select 1 from signal_subjects s where s.person_id = ${row.person_id}::uuid and schakel_signal_on_hold(s.signal_id))
      as held`.execute(tx);
  if (heldLink.rows[0]?.held) throw held('/personId', 'A case or signal the person is linked to');
}

async function applyRectification(
  tx: Tx,
  audit: ReturnType<typeof auditActor>,
  personId: string,
  change: Record<string, unknown>,
  requestId: string,
  now: Date,
) {
  const person = await tx
    .selectFrom('persons')
    .selectAll()
    .where('id', '=', personId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const has = (k: string) => Object.hasOwn(change, k);
  const next = {
    first_name: has('firstName') ? (change.firstName as string) : person.first_name,
    name_prefix: has('namePrefix') ? (change.namePrefix as string | null) : person.name_prefix,
    last_name: has('lastName') ? (change.lastName as string) : person.last_name,
    date_of_birth: has('dateOfBirth') ? (change.dateOfBirth as string | null) : person.date_of_birth,
    gender: has('gender') ? (change.gender as string | null) : person.gender,
  };
  await tx
    .updateTable('persons')
    .set({
      ...next,
      search_name: searchNameOf({ firstName: next.first_name, namePrefix: next.name_prefix, lastName: next.last_name }),
      updated_at: now,
      version: person.version + 1,
    })
    .where('id', '=', personId)
    .execute();
  await recordAccess(tx, audit, {
    action: 'update',
    recordType: 'person',
    recordId: personId,
    subjects: [{ type: 'person', id: personId }],
    purpose: purposeOf('rectification', requestId),
  });
}
