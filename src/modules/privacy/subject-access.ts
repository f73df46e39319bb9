/**
 * Subject access requests (inzageverzoek, AVG art. 15; issue 4 part 2). The privacy officer records a
 * request for one person, compiles every record held about them (the person record, signals, cases as
 * subject or related person, contributions, assessments and actions of those cases) with source
 * organisation and legal regime, decides per item (release, redact or withhold, with a ground; police
 * (Wpg) and judicial (Wjsg) items only after the source's consent), and exports the answer as JSON or
 * PDF together with every access-log entry about the person. Withheld items never leave the database.
 *
 * The privacy officer reads no case content otherwise: this compilation is the lawful exception, and
 * it is logged with purpose {type: 'subject-access-request', id}.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { DomainError, notFound, staleVersion } from '../../core/errors.js';
import { calendarDate, INT4_MAX } from '../../core/input.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type DocBlock, type DocModel, renderDocDocx, renderDocPdf } from '../../platform/documents.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { formatDateNl, formatDateTimeNl, label } from '../../shared/labels/index.js';
import { recordAccess } from '../access-log/record.js';
import { displayNameOf, searchNameOf } from '../persons/search-name.js';
import { collectSubjectRecords } from './subject-access-compile.js';

export const SAR_STATUSES = ['received', 'in_progress', 'awaiting_source_consent', 'decided', 'delivered'] as const;
export const REDACTED = '[weggelakt]';
const REGIMES = ['avg', 'wpg', 'wjsg', 'professional_secrecy'] as const;
export const CONSENT_STATUSES = ['pending', 'granted', 'refused'] as const;
/** Items under these regimes are disclosed only with the consent of their source (asked in Schakel). */
export const CONSENT_REGIMES: ReadonlySet<string> = new Set(['wpg', 'wjsg', 'professional_secrecy']);

export const SarCreate = z.strictObject({ personId: z.uuid(), receivedOn: calendarDate() });
export const SarUpdate = z.strictObject({
  status: z.enum(SAR_STATUSES),
  decision: z.string().trim().max(10000).nullable(),
  version: z.number().int().min(1).max(INT4_MAX),
});
export const SarItemUpdate = z.strictObject({
  disposition: z.enum(['pending', 'release', 'redact', 'withhold']),
  ground: z.string().trim().min(1).max(4000).nullable().optional(),
  version: z.number().int().min(1).max(INT4_MAX),
});
export const SarListQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const SarItemParams = z.strictObject({ id: z.uuid(), itemId: z.uuid() });

export const SarItem = z
  .object({
    id: z.uuid(),
    recordType: z.string(),
    recordId: z.string(),
    caseId: z.uuid().nullable(),
    sourceOrganisationId: z.uuid().nullable(),
    sourceOrganisationName: z.string().nullable(),
    legalRegime: z.enum(REGIMES),
    recordedAt: z.iso.datetime().nullable(),
    title: z.string(),
    content: z.string(),
    disposition: z.enum(['pending', 'release', 'redact', 'withhold']),
    ground: z.string().nullable(),
    consentStatus: z
      .enum(CONSENT_STATUSES)
      .nullable()
      .describe('The source’s decision on disclosure (Wpg, Wjsg, professional secrecy); null when not asked'),
    consentRequestId: z.uuid().nullable().describe('The newest consent request for this item'),
    consentNeeded: z.boolean().describe('Whether disclosure needs the source’s consent (by the item’s own regime)'),
    version: z.number().int(),
  })
  .meta({ id: 'SubjectAccessItem' });

export const Sar = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    personName: z.string().describe('The data subject as recorded (for the privacy officer and the answer)'),
    receivedOn: calendarDate(),
    deadlineOn: calendarDate(),
    status: z.enum(SAR_STATUSES),
    decision: z.string().nullable(),
    compiledAt: z.iso.datetime().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'SubjectAccessRequest' });
export const SarDetail = Sar.extend({ items: z.array(SarItem) }).meta({ id: 'SubjectAccessRequestDetail' });

export const SarExport = z
  .object({
    request: Sar,
    person: z.object({ id: z.uuid() }),
    items: z.array(
      z.object({
        recordType: z.string(),
        recordId: z.string(),
        sourceOrganisation: z.string().nullable(),
        legalRegime: z.enum(REGIMES),
        recordedAt: z.iso.datetime().nullable(),
        title: z.string(),
        content: z.string(),
        redacted: z.boolean(),
        ground: z.string().nullable(),
      }),
    ),
    accesses: z.array(
      z.object({
        occurredAt: z.iso.datetime(),
        actorName: z.string().nullable(),
        organisation: z.string().nullable(),
        action: z.string(),
        recordType: z.string(),
        purposeType: z.string(),
        purposeId: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'SubjectAccessExport' });
export type SarExportData = z.infer<typeof SarExport>;

const scope = (actor: Actor) => ({ regionId: actor.regionId, organisationId: actor.organisationId });
const purposeOf = (id: string) => ({ type: 'subject-access-request', id });

/** received_on + 1 month (AVG art. 12(3)); the last day of a shorter month when it has no such day. */
export function deadlineOf(receivedOn: string): string {
  const [y, m, d] = receivedOn.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const target = new Date(Date.UTC(y, m, Math.min(d, last)));
  return target.toISOString().slice(0, 10);
}

type SarRow = {
  id: string;
  person_id: string;
  received_on: string;
  deadline_on: string;
  status: string;
  decision: string | null;
  compiled_at: Date | null;
  version: number;
};

function presentSar(r: SarRow, personName: string): z.infer<typeof Sar> {
  return {
    id: r.id,
    personId: r.person_id,
    personName,
    receivedOn: r.received_on,
    deadlineOn: r.deadline_on,
    status: r.status as z.infer<typeof Sar>['status'],
    decision: r.decision,
    compiledAt: r.compiled_at?.toISOString() ?? null,
    version: r.version,
  };
}

/** The display names of the requests' persons ("Jan de Vries"), by person id. */
async function personNames(tx: Tx, personIds: string[]): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom('persons')
    .select(['id', 'first_name', 'name_prefix', 'last_name'])
    .where('id', 'in', [...new Set(personIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, displayNameOf(r)]));
}

async function present(tx: Tx, row: SarRow): Promise<z.infer<typeof Sar>> {
  const names = await personNames(tx, [row.person_id]);
  return presentSar(row, names.get(row.person_id) ?? '');
}

async function requireSar(tx: Tx, id: string, lock = false) {
  let q = tx.selectFrom('subject_access_requests').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('The subject access request');
  return row;
}

async function loadItems(tx: Tx, requestId: string) {
  const rows = await tx
    .selectFrom('sar_items as i')
    .leftJoin('organisations as o', 'o.id', 'i.source_organisation_id')
    .selectAll('i')
    .select('o.name as organisation_name')
    .select((eb) =>
      eb
        .selectFrom('sar_consent_requests as cr')
        .select('cr.id')
        .whereRef('cr.item_id', '=', 'i.id')
        .orderBy('cr.requested_at', 'desc')
        .limit(1)
        .as('consent_request_id'),
    )
    .where('i.request_id', '=', requestId)
    .orderBy('i.recorded_at')
    .orderBy('i.record_type')
    .orderBy('i.record_id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    recordType: r.record_type,
    recordId: r.record_id,
    caseId: r.case_id,
    sourceOrganisationId: r.source_organisation_id,
    sourceOrganisationName: r.organisation_name,
    legalRegime: r.legal_regime as (typeof REGIMES)[number],
    recordedAt: r.recorded_at?.toISOString() ?? null,
    title: r.title,
    content: r.content,
    disposition: r.disposition as z.infer<typeof SarItem>['disposition'],
    ground: r.ground,
    consentStatus: r.consent_status as z.infer<typeof SarItem>['consentStatus'],
    consentRequestId: r.consent_request_id ?? null,
    consentNeeded: CONSENT_REGIMES.has(r.legal_regime),
    version: r.version,
  }));
}

const nameField = (max: number) => z.string().trim().min(1).max(max);
/** Who asks: the requester's name and date of birth as on their proof of identity. A POST body: names never in URLs. */
export const SarPersonQuery = z.strictObject({
  firstName: nameField(100),
  namePrefix: nameField(20).nullable().optional(),
  lastName: nameField(100),
  dateOfBirth: calendarDate().nullable().optional(),
});
export const SarPersonMatch = z
  .object({
    personId: z.uuid(),
    name: z.string(),
    dateOfBirth: calendarDate().nullable(),
    birthMatches: z.boolean().nullable().describe('null when no date of birth was given or none is recorded'),
  })
  .meta({ id: 'SubjectAccessPersonMatch' });
export const SarPersonMatchList = z
  .object({ items: z.array(SarPersonMatch) })
  .meta({ id: 'SubjectAccessPersonMatchList' });
/** Names at least this similar (pg_trgm, 0–1) are proposed; the privacy officer checks the identity. */
export const SAR_MATCH_THRESHOLD = 0.5;
const SAR_MAX_MATCHES = 5;

/**
 * The persons held in the region who may be the requester: at most five with a similar name, the
 * same date of birth first. Only so that the privacy officer can start a request for the right
 * person; every proposed person is recorded in the access log with the subject-access purpose.
 */
export async function matchSarPersons(
  deps: Deps,
  actor: Actor,
  traceId: string,
  input: z.infer<typeof SarPersonQuery>,
): Promise<z.infer<typeof SarPersonMatchList>> {
  const name = searchNameOf(input);
  const dob = input.dateOfBirth ?? null;
  return withTx(deps.db, scope(actor), async (tx) => {
    const similarity = sql<number>`similarity(persons.search_name, ${name})`;
    let query = tx
      .selectFrom('persons')
      .select(['persons.id', 'persons.first_name', 'persons.name_prefix', 'persons.last_name', 'persons.date_of_birth'])
      .where((eb) => eb.or([eb('persons.search_name', '=', name), eb(similarity, '>=', SAR_MATCH_THRESHOLD)]));
    // The same date of birth first (a constant may not stand in ORDER BY, so only when one is given).
    if (dob !== null) query = query.orderBy(sql`coalesce(persons.date_of_birth = ${dob}::date, false) desc`);
    const rows = await query.orderBy(sql`${similarity} desc`).orderBy('persons.id').limit(SAR_MAX_MATCHES).execute();
    if (rows.length > 0) {
      await recordAccess(tx, auditActor(actor, traceId), {
        action: 'read',
        recordType: 'person',
        recordId: null,
        subjects: rows.map((r) => ({ type: 'person' as const, id: r.id })),
        purpose: { type: 'subject-access-request' },
      });
    }
    return {
      items: rows.map((r) => ({
        personId: r.id,
        name: displayNameOf(r),
        dateOfBirth: r.date_of_birth,
        birthMatches: dob === null || r.date_of_birth === null ? null : r.date_of_birth === dob,
      })),
    };
  });
}

export async function createSar(deps: Deps, actor: Actor, traceId: string, input: z.infer<typeof SarCreate>) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const person = await tx.selectFrom('persons').select('id').where('id', '=', input.personId).executeTakeFirst();
    if (!person) {
      throw new DomainError('BUSINESS_RULE', 'No person with this id is held in this region.', {
        fields: [{ in: 'body', pointer: '/personId', code: 'invalid_reference', detail: 'Unknown person.' }],
      });
    }
    const row = await tx
      .insertInto('subject_access_requests')
      .values({
        region_id: actor.regionId,
        person_id: input.personId,
        received_on: input.receivedOn,
        deadline_on: deadlineOf(input.receivedOn),
        created_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'create',
      recordType: 'subject_access_request',
      recordId: row.id,
      subjects: [{ type: 'person', id: input.personId }],
      purpose: purposeOf(row.id),
    });
    return present(tx, row);
  });
}

export async function listSars(deps: Deps, actor: Actor, traceId: string, q: z.infer<typeof SarListQuery>) {
  const after = decodeCursor(q.cursor, ['date', 'uuid']) as [string, string] | null;
  return withTx(deps.db, scope(actor), async (tx) => {
    let query = tx
      .selectFrom('subject_access_requests')
      .selectAll()
      .orderBy('deadline_on')
      .orderBy('id')
      .limit(q.limit + 1);
    if (after) {
      query = query.where((eb) =>
        eb.or([eb('deadline_on', '>', after[0]), eb.and([eb('deadline_on', '=', after[0]), eb('id', '>', after[1])])]),
      );
    }
    const rows = await query.execute();
    const result = page(rows, q.limit, (r) => [r.deadline_on, r.id]);
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'subject_access_request',
      recordId: null,
      subjects: result.items.map((r) => ({ type: 'person' as const, id: r.person_id })),
      purpose: { type: 'subject-access-request' },
    });
    const names = await personNames(
      tx,
      result.items.map((r) => r.person_id),
    );
    return {
      nextCursor: result.nextCursor,
      items: result.items.map((r) => presentSar(r, names.get(r.person_id) ?? '')),
    };
  });
}

export async function getSar(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const row = await requireSar(tx, id);
    const items = await loadItems(tx, id);
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'subject_access_request',
      recordId: id,
      subjects: [{ type: 'person', id: row.person_id }],
      purpose: purposeOf(id),
    });
    return { ...(await present(tx, row)), items };
  });
}

export async function updateSar(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof SarUpdate>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const row = await requireSar(tx, id, true);
    if (row.version !== input.version) throw staleVersion();
    if (input.status === 'decided' || input.status === 'delivered') {
      const pending = await tx
        .selectFrom('sar_items')
        .select('id')
        .where('request_id', '=', id)
        .where('disposition', '=', 'pending')
        .executeTakeFirst();
      const issues = [];
      if (pending) issues.push({ pointer: '/status', code: 'items_pending', detail: 'Decide every item first.' });
      if (!input.decision) issues.push({ pointer: '/decision', code: 'required', detail: 'Write down the decision.' });
      if (row.compiled_at === null)
        issues.push({ pointer: '/status', code: 'not_compiled', detail: 'Compile the records first.' });
      if (issues.length > 0) {
        throw new DomainError('BUSINESS_RULE', 'The request cannot be decided yet.', {
          fields: issues.map((i) => ({ in: 'body' as const, ...i })),
        });
      }
    }
    const updated = await tx
      .updateTable('subject_access_requests')
      .set({ status: input.status, decision: input.decision, updated_at: deps.now(), version: row.version + 1 })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'subject_access_request',
      recordId: id,
      subjects: [{ type: 'person', id: row.person_id }],
      purpose: purposeOf(id),
    });
    return present(tx, updated);
  });
}

export async function compileSar(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const row = await requireSar(tx, id, true);
    if (row.status === 'decided' || row.status === 'delivered') {
      throw new DomainError('ILLEGAL_TRANSITION', 'A decided request is not compiled again.');
    }
    const items = await collectSubjectRecords(tx, row.person_id);
    if (items.length > 0) {
      await tx
        .insertInto('sar_items')
        .values(items.map((i) => ({ ...i, region_id: actor.regionId, request_id: id })))
        .onConflict((oc) => oc.columns(['request_id', 'record_type', 'record_id']).doNothing())
        .execute();
    }
    const now = deps.now();
    await tx
      .updateTable('subject_access_requests')
      .set({
        compiled_at: now,
        status: row.status === 'received' ? 'in_progress' : row.status,
        updated_at: now,
        version: row.version + 1,
      })
      .where('id', '=', id)
      .execute();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'subject_access_compilation',
      recordId: id,
      subjects: [{ type: 'person', id: row.person_id }],
      purpose: purposeOf(id),
    });
    const updated = await requireSar(tx, id);
    return { ...(await present(tx, updated)), items: await loadItems(tx, id) };
  });
}

export async function updateItem(
  deps: Deps,
  actor: Actor,
  traceId: string,
  requestId: string,
  itemId: string,
  input: z.infer<typeof SarItemUpdate>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const sar = await requireSar(tx, requestId);
    if (sar.status === 'delivered') throw new DomainError('ILLEGAL_TRANSITION', 'The answer was already delivered.');
    const item = await tx
      .selectFrom('sar_items')
      .selectAll()
      .where('id', '=', itemId)
      .where('request_id', '=', requestId)
      .forUpdate()
      .executeTakeFirst();
    if (!item) throw notFound('The item');
    if (item.version !== input.version) throw staleVersion();
    const issues = [];
    if ((input.disposition === 'redact' || input.disposition === 'withhold') && !input.ground) {
      issues.push({ pointer: '/ground', code: 'required', detail: 'Record the ground for redacting or withholding.' });
    }
    // The item's own regime decides, and only the source's recorded decision releases it.
    if (
      input.disposition === 'release' &&
      CONSENT_REGIMES.has(item.legal_regime) &&
      item.consent_status !== 'granted'
    ) {
      issues.push({
        pointer: '/disposition',
        code: 'source_consent_required',
        detail:
          'Information under the Wpg, the Wjsg or professional secrecy is released only after its source consented: ask the source first.',
      });
    }
    if (issues.length > 0) {
      throw new DomainError('BUSINESS_RULE', 'The item cannot be decided like this.', {
        fields: issues.map((i) => ({ in: 'body' as const, ...i })),
      });
    }
    await tx
      .updateTable('sar_items')
      .set({
        disposition: input.disposition,
        ground: input.ground ?? null,
        version: item.version + 1,
      })
      .where('id', '=', itemId)
      .execute();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'subject_access_item',
      recordId: itemId,
      subjects: [{ type: 'person', id: sar.person_id }],
      purpose: purposeOf(requestId),
    });
    const items = await loadItems(tx, requestId);
    return items.find((i) => i.id === itemId) as z.infer<typeof SarItem>;
  });
}

/**
 * The answer to the data subject: released items in full, redacted items as "[weggelakt]" with the
 * ground, withheld and undecided items not at all (they are filtered in the query), and every access
 * to the person's data from the access log.
 */
export async function exportSar(deps: Deps, actor: Actor, traceId: string, id: string): Promise<SarExportData> {
  return withTx(deps.db, scope(actor), async (tx) => {
    const sar = await requireSar(tx, id);
    const items = await tx
      .selectFrom('sar_items as i')
      .leftJoin('organisations as o', 'o.id', 'i.source_organisation_id')
      .select([
        'i.record_type',
        'i.record_id',
        'i.legal_regime',
        'i.recorded_at',
        'i.title',
        'i.disposition',
        'i.ground',
      ])
      // The content of a redacted item never leaves the database either.
      .select((eb) =>
        eb.case().when('i.disposition', '=', 'release').then(eb.ref('i.content')).else(REDACTED).end().as('content'),
      )
      .select('o.name as organisation_name')
      .where('i.request_id', '=', id)
      .where('i.disposition', 'in', ['release', 'redact'])
      .orderBy('i.recorded_at')
      .orderBy('i.record_type')
      .execute();
    const accesses = await tx
      .selectFrom('access_log as l')
      .leftJoin('users as u', 'u.id', 'l.actor_user_id')
      .leftJoin('organisations as o', 'o.id', 'l.actor_organisation_id')
      .select(['l.occurred_at', 'u.name', 'o.name as organisation_name', 'l.action', 'l.record_type', 'l.purpose_type'])
      .select('l.purpose_id')
      .where('l.subject_type', '=', 'person')
      .where('l.subject_id', '=', sar.person_id)
      .orderBy('l.seq')
      .execute();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'export',
      recordType: 'subject_access_request',
      recordId: id,
      subjects: [{ type: 'person', id: sar.person_id }],
      purpose: purposeOf(id),
    });
    return {
      request: await present(tx, sar),
      person: { id: sar.person_id },
      items: items.map((i) => ({
        recordType: i.record_type,
        recordId: i.record_id,
        sourceOrganisation: i.organisation_name,
        legalRegime: i.legal_regime as (typeof REGIMES)[number],
        recordedAt: i.recorded_at?.toISOString() ?? null,
        title: i.title,
        content: i.content ?? REDACTED,
        redacted: i.disposition === 'redact',
        ground: i.disposition === 'redact' ? i.ground : null,
      })),
      accesses: accesses.map((a) => ({
        occurredAt: a.occurred_at.toISOString(),
        actorName: a.name,
        organisation: a.organisation_name,
        action: a.action,
        recordType: a.record_type,
        purposeType: a.purpose_type,
        purposeId: a.purpose_id,
      })),
    };
  });
}

/**
 * The letter to the person: what is held about them (released items in full, redacted ones as
 * "[weggelakt]" with the ground), where it came from, and who saw their data — built only from the
 * export (so withheld items cannot reach it), every value a label, every date dd-mm-jjjj, no ids.
 */
export function sarLetter(data: SarExportData, demo: boolean, generatedAt: Date): DocModel {
  const blocks: DocBlock[] = [
    {
      kind: 'paragraph',
      text: `U vroeg op ${formatDateNl(data.request.receivedOn)} welke gegevens over u zijn vastgelegd in Schakel, het systeem waarmee gemeente en ketenpartners de persoonsgerichte aanpak van radicalisering en extremisme uitvoeren. Hieronder vindt u die gegevens, waar ze vandaan komen en wie ze heeft ingezien.`,
    },
  ];
  if (data.request.decision) blocks.push({ kind: 'paragraph', text: `Besluit: ${data.request.decision}` });
  blocks.push({ kind: 'heading', text: 'Gegevens die over u zijn vastgelegd' });
  if (data.items.length === 0) blocks.push({ kind: 'paragraph', text: 'Er worden geen gegevens aan u verstrekt.' });
  for (const i of data.items) {
    blocks.push({ kind: 'subheading', text: i.title });
    blocks.push({
      kind: 'small',
      text: `Soort gegevens: ${label('sarRecordTypes', i.recordType)} · Bron: ${i.sourceOrganisation ?? 'onbekend'} · Wettelijk kader: ${label('legalRegimes', i.legalRegime)} · Vastgelegd: ${formatDateTimeNl(i.recordedAt)}`,
    });
    blocks.push({ kind: 'paragraph', text: i.content });
    if (i.redacted) blocks.push({ kind: 'note', text: `Reden voor weglakken: ${i.ground ?? ''}` });
  }
  blocks.push({ kind: 'heading', text: 'Wie uw gegevens heeft ingezien of verwerkt' });
  blocks.push({
    kind: 'table',
    header: ['Wanneer', 'Wie', 'Organisatie', 'Handeling', 'Doel'],
    rows: data.accesses.map((a) => [
      formatDateTimeNl(a.occurredAt),
      a.actorName ?? 'Systeem',
      a.organisation ?? '—',
      label('accessActions', a.action),
      label('purposes', a.purposeType),
    ]),
  });
  blocks.push({
    kind: 'small',
    text: 'Bent u het niet eens met dit antwoord, dan kunt u bezwaar maken bij de gemeente of een klacht indienen bij de Autoriteit Persoonsgegevens.',
  });
  return {
    title: 'Antwoord op uw inzageverzoek',
    subtitle: `Verzoek ontvangen op ${formatDateNl(data.request.receivedOn)} · beantwoord uiterlijk ${formatDateNl(data.request.deadlineOn)}`,
    blocks,
    demo,
    generatedAt,
  };
}

async function letterOf(deps: Deps, actor: Actor, traceId: string, id: string) {
  const data = await exportSar(deps, actor, traceId, id);
  const demo = await withTx(deps.db, scope(actor), async (tx) => {
    const r = await tx.selectFrom('regions').select('is_demo').where('id', '=', actor.regionId).executeTakeFirst();
    return r?.is_demo ?? false;
  });
  return { model: sarLetter(data, demo, deps.now()), fileBase: `inzageverzoek-${data.request.receivedOn}` };
}

export async function exportSarPdf(deps: Deps, actor: Actor, traceId: string, id: string) {
  const { model, fileBase } = await letterOf(deps, actor, traceId, id);
  return { pdf: await renderDocPdf(model), fileName: `${fileBase}.pdf` };
}

export async function exportSarDocx(deps: Deps, actor: Actor, traceId: string, id: string) {
  const { model, fileBase } = await letterOf(deps, actor, traceId, id);
  return { docx: await renderDocDocx(model), fileName: `${fileBase}.docx` };
}
