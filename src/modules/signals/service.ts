import { sql } from 'kysely';
import type { z } from 'zod';
import { DomainError, forbidden, notFound, staleVersion } from '../../core/errors.js';
import {
  checkAttribution,
  checkRegimeReason,
  defaultLegalRegime,
  type LegalRegime,
  regimeNeedsReason,
} from '../../core/source-attribution.js';
import type { Tx } from '../../platform/db/database.js';
import { withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { type AccessAction, recordAccess } from '../access-log/record.js';
import { nextReference, todayInNl } from '../cases/core.js';
import { assertLinkablePerson, checkDateOfBirth, insertPerson } from '../persons/service.js';
import { checkIndicatorCodes, fieldIssues } from './indicators.js';
import type {
  Signal,
  SignalCreate,
  SignalListQuery,
  SignalStatus,
  SignalSummary,
  SignalUpdate,
  SubjectLinkCreate,
  SubjectUnlink,
} from './schemas.js';
import { isSignalDirector, signalEditableBy, signalVisibleTo } from './visibility.js';

type FieldIssue = { in: 'body'; pointer: string; code: string; detail: string };

/** Open signals can still be changed, put on a triage agenda and decided. */
export function isOpenSignal(status: string): boolean {
  return status === 'received' || status === 'triage';
}

// --- Loading with need-to-know --------------------------------------------------------------------

/** The signal row with the actor's rights on it, or NOT_FOUND (404) when the actor may not see it. */
export async function requireVisibleSignal(tx: Tx, actor: Actor, id: string, options: { forUpdate?: boolean } = {}) {
  let query = tx
    .selectFrom('signals')
    .selectAll('signals')
    .select((eb) => [
      sql<boolean>`${signalEditableBy(actor)(eb)}`.as('actor_can_edit'),
      sql<boolean>`${isSignalDirector(actor)(eb)}`.as('actor_is_director'),
    ])
    .where('signals.id', '=', id)
    .where(signalVisibleTo(actor));
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('The signal');
  return row;
}

export type SignalRow = Awaited<ReturnType<typeof requireVisibleSignal>>;

/** Loads a signal for a change of its intake data: visible (404), editable (403) and still open (409). */
export async function requireEditableSignal(tx: Tx, actor: Actor, id: string) {
  const signal = await requireVisibleSignal(tx, actor, id, { forUpdate: true });
  if (!signal.actor_can_edit) {
    throw forbidden('Only whoever registered the signal and the process directors of its municipality change it.');
  }
  if (!isOpenSignal(signal.status)) {
    throw new DomainError('ILLEGAL_TRANSITION', `A signal with status "${signal.status}" can no longer be changed.`);
  }
  return signal;
}

/** Is the person actively linked to the signal? */
export async function isLinked(tx: Tx, signalId: string, personId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('signal_subjects')
    .select('id')
    .where('signal_id', '=', signalId)
    .where('person_id', '=', personId)
    .where('unlinked_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Links a person to a signal (the caller has checked who may): the link row, and the signal's subject
 * is known from then on (a new version).
 */
export async function insertSubjectLink(
  tx: Tx,
  actor: Actor,
  link: {
    signalId: string;
    personId: string;
    kind: 'new_person' | 'matched_existing';
    reason: string | null;
    at: Date;
  },
) {
  await tx
    .insertInto('signal_subjects')
    .values({
      region_id: actor.regionId,
      signal_id: link.signalId,
      person_id: link.personId,
      link_kind: link.kind,
      match_reason: link.reason,
      linked_by: actor.userId,
      linked_at: link.at,
    })
    .execute();
  await tx
    .updateTable('signals')
    .set((eb) => ({ subject_unknown: false, version: eb('version', '+', 1), updated_at: link.at }))
    .where('id', '=', link.signalId)
    .execute();
}

/** The persons a signal is (actively) about; each is a data subject in the access log. */
export async function activeSubjectIds(tx: Tx, signalId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('signal_subjects')
    .select('person_id')
    .where('signal_id', '=', signalId)
    .where('unlinked_at', 'is', null)
    .orderBy('linked_at')
    .execute();
  return rows.map((r) => r.person_id);
}

/**
 * Why a signal's data is processed: the intake of the signal, or — once the signal has led to a
 * case — that case.
 */
export async function signalPurpose(tx: Tx, signalId: string): Promise<{ type: string; id: string }> {
  const decision = await tx
    .selectFrom('triage_decisions')
    .select('case_id')
    .where('signal_id', '=', signalId)
    .executeTakeFirst();
  return decision?.case_id ? { type: 'case', id: decision.case_id } : { type: 'signal-intake', id: signalId };
}

/** Writes the access-log entries of one read or change of a signal: one per data subject. */
export async function logSignalAccess(
  tx: Tx,
  actor: Actor,
  traceId: string,
  e: { action: AccessAction; signalId: string; recordType?: string; recordId?: string; extraSubjects?: string[] },
) {
  const subjects = new Set([...(await activeSubjectIds(tx, e.signalId)), ...(e.extraSubjects ?? [])]);
  await recordAccess(tx, auditActor(actor, traceId), {
    action: e.action,
    recordType: e.recordType ?? 'signal',
    recordId: e.recordId ?? e.signalId,
    subjects: [...subjects].map((id) => ({ type: 'person' as const, id })),
    purpose: await signalPurpose(tx, e.signalId),
  });
}

/**
 * The access-log entries for a page of signals shown in a list or agenda: per signal one entry per
 * active subject, with that signal's purpose. Subjects and purposes are looked up for the whole page
 * at once.
 */
export async function logSignalReads(tx: Tx, actor: Actor, traceId: string, signalIds: string[]) {
  if (signalIds.length === 0) return;
  const [links, decisions] = await Promise.all([
    tx
      .selectFrom('signal_subjects')
      .select(['signal_id', 'person_id'])
      .where('signal_id', 'in', signalIds)
      .where('unlinked_at', 'is', null)
      .orderBy('linked_at')
      .execute(),
    tx
      .selectFrom('triage_decisions')
      .select(['signal_id', 'case_id'])
      .where('signal_id', 'in', signalIds)
      .where('case_id', 'is not', null)
      .execute(),
  ]);
  const caseOf = new Map(decisions.map((d) => [d.signal_id, d.case_id as string]));
  for (const signalId of signalIds) {
    const caseId = caseOf.get(signalId);
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'signal',
      recordId: signalId,
      subjects: links
        .filter((l) => l.signal_id === signalId)
        .map((l) => ({ type: 'person' as const, id: l.person_id })),
      purpose: caseId ? { type: 'case', id: caseId } : { type: 'signal-intake', id: signalId },
    });
  }
}

// --- Presenting -----------------------------------------------------------------------------------

const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

/** The full signal as the actor may see it (the caller has checked visibility). */
export async function presentSignal(tx: Tx, signal: SignalRow): Promise<z.infer<typeof Signal>> {
  const [municipality, organisations, creator, links, indicatorRows, decision] = await Promise.all([
    tx.selectFrom('municipalities').select('name').where('id', '=', signal.municipality_id).executeTakeFirst(),
    tx
      .selectFrom('organisations')
      .select(['id', 'name', 'type'])
      .where('id', 'in', [
        signal.registrant_organisation_id,
        ...(signal.source_organisation_id ? [signal.source_organisation_id] : []),
      ])
      .execute(),
    tx.selectFrom('users').select('name').where('id', '=', signal.created_by).executeTakeFirst(),
    tx
      .selectFrom('signal_subjects as ss')
      .innerJoin('users as lb', 'lb.id', 'ss.linked_by')
      .leftJoin('users as ub', 'ub.id', 'ss.unlinked_by')
      .innerJoin('persons as p', 'p.id', 'ss.person_id')
      .select([
        'ss.id',
        'ss.person_id',
        'ss.link_kind',
        'ss.match_reason',
        'ss.linked_at',
        'ss.linked_by',
        'lb.name as linked_by_name',
        'ss.unlinked_at',
        'ss.unlinked_by',
        'ub.name as unlinked_by_name',
        'ss.unlink_reason',
        'p.first_name',
        'p.name_prefix',
        'p.last_name',
        'p.date_of_birth',
      ])
      .where('ss.signal_id', '=', signal.id)
      .orderBy('ss.linked_at')
      .orderBy('ss.id')
      .execute(),
    signal.indicators.length === 0
      ? Promise.resolve([])
      : tx
          .selectFrom('indicators')
          .select(['code', 'label_nl', 'label_en'])
          .where('code', 'in', signal.indicators)
          .execute(),
    tx
      .selectFrom('triage_decisions')
      .select(['id', 'decision', 'referred_to', 'case_id', 'decided_at'])
      .where('signal_id', '=', signal.id)
      .executeTakeFirst(),
  ]);
  const labels = new Map(indicatorRows.map((i) => [i.code, i]));
  const organisation = (id: string | null) => organisations.find((o) => o.id === id);
  const source = organisation(signal.source_organisation_id);
  type S = z.infer<typeof Signal>;
  return {
    id: signal.id,
    reference: signal.reference,
    status: signal.status as SignalStatus,
    municipality: { id: signal.municipality_id, name: municipality?.name ?? '' },
    sourceOrganisation: signal.source_organisation_id
      ? { id: signal.source_organisation_id, name: source?.name ?? '', type: source?.type ?? 'other' }
      : null,
    reporterKind: signal.reporter_kind as S['reporterKind'],
    reporterName: signal.reporter_name,
    reporterContact: signal.reporter_contact,
    receivedOn: signal.received_on,
    subjectUnknown: signal.subject_unknown,
    subjects: links
      .filter((l) => l.unlinked_at === null)
      .map((l) => ({
        subjectId: l.id,
        personId: l.person_id,
        firstName: l.first_name,
        namePrefix: l.name_prefix,
        lastName: l.last_name,
        dateOfBirth: l.date_of_birth,
        linkKind: l.link_kind as S['subjects'][number]['linkKind'],
        matchReason: l.match_reason,
        linkedAt: l.linked_at.toISOString(),
        linkedBy: { id: l.linked_by, name: l.linked_by_name },
      })),
    subjectHistory: links.map((l) => ({
      subjectId: l.id,
      personId: l.person_id,
      linkKind: l.link_kind as S['subjects'][number]['linkKind'],
      matchReason: l.match_reason,
      linkedAt: l.linked_at.toISOString(),
      linkedBy: { id: l.linked_by, name: l.linked_by_name },
      unlinkedAt: l.unlinked_at?.toISOString() ?? null,
      unlinkedBy: ref(l.unlinked_by, l.unlinked_by_name),
      unlinkReason: l.unlink_reason,
    })),
    indicators: signal.indicators.map((code) => ({
      code,
      labelNl: labels.get(code)?.label_nl ?? code,
      labelEn: labels.get(code)?.label_en ?? code,
    })),
    ideology: signal.ideology as S['ideology'],
    urgency: signal.urgency as S['urgency'],
    description: signal.description,
    legalRegime: signal.legal_regime as S['legalRegime'],
    legalRegimeReason: signal.legal_regime_reason,
    decision: decision
      ? {
          id: decision.id,
          decision: decision.decision as NonNullable<S['decision']>['decision'],
          referredTo: decision.referred_to as NonNullable<S['decision']>['referredTo'],
          caseId: decision.case_id,
          decidedAt: decision.decided_at.toISOString(),
        }
      : null,
    createdBy: { id: signal.created_by, name: creator?.name ?? '' },
    registrantOrganisation: {
      id: signal.registrant_organisation_id,
      name: organisation(signal.registrant_organisation_id)?.name ?? '',
    },
    createdAt: signal.created_at.toISOString(),
    updatedAt: signal.updated_at.toISOString(),
    closedAt: signal.closed_at?.toISOString() ?? null,
    canEdit: Boolean(signal.actor_can_edit) && isOpenSignal(signal.status),
    canDecide: Boolean(signal.actor_is_director) && isOpenSignal(signal.status),
    version: signal.version,
  };
}

type SummaryRow = {
  id: string;
  reference: string;
  status: string;
  municipality_id: string;
  municipality_name: string;
  received_on: string;
  ideology: string;
  urgency: string;
  subject_unknown: boolean;
  created_at: Date;
  version: number;
};

/** List rows with their active subjects' names (one query for the whole page). */
export async function presentSummaries(tx: Tx, rows: SummaryRow[]): Promise<z.infer<typeof SignalSummary>[]> {
  const ids = rows.map((r) => r.id);
  const subjects =
    ids.length === 0
      ? []
      : await tx
          .selectFrom('signal_subjects as ss')
          .innerJoin('persons as p', 'p.id', 'ss.person_id')
          .select(['ss.signal_id', 'p.id', 'p.first_name', 'p.name_prefix', 'p.last_name'])
          .where('ss.signal_id', 'in', ids)
          .where('ss.unlinked_at', 'is', null)
          .orderBy('ss.linked_at')
          .execute();
  type S = z.infer<typeof SignalSummary>;
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    status: r.status as SignalStatus,
    municipality: { id: r.municipality_id, name: r.municipality_name },
    receivedOn: r.received_on,
    ideology: r.ideology as S['ideology'],
    urgency: r.urgency as S['urgency'],
    subjectUnknown: r.subject_unknown,
    subjects: subjects
      .filter((s) => s.signal_id === r.id)
      .map((s) => ({ personId: s.id, firstName: s.first_name, namePrefix: s.name_prefix, lastName: s.last_name })),
    createdAt: r.created_at.toISOString(),
    version: r.version,
  }));
}

/** The summary columns of signals, for lists and agendas (visibility is the caller's where). */
export function summaryQuery(tx: Tx) {
  return tx
    .selectFrom('signals')
    .innerJoin('municipalities as mu', 'mu.id', 'signals.municipality_id')
    .select([
      'signals.id',
      'signals.reference',
      'signals.status',
      'signals.municipality_id',
      'mu.name as municipality_name',
      'signals.received_on',
      'signals.ideology',
      'signals.urgency',
      'signals.subject_unknown',
      'signals.created_at',
      'signals.version',
    ]);
}

// --- Checks ---------------------------------------------------------------------------------------

async function checkMunicipality(tx: Tx, id: string, pointer: string): Promise<FieldIssue | null> {
  const row = await tx.selectFrom('municipalities').select('id').where('id', '=', id).executeTakeFirst();
  return row
    ? null
    : { in: 'body', pointer, code: 'unknown_reference', detail: 'Choose a municipality of this region.' };
}

/** The type of a source organisation of the region; an issue when it does not take part in the region. */
async function sourceOrganisationType(
  tx: Tx,
  actor: Actor,
  id: string | null,
): Promise<{ type: string | null; issue: FieldIssue | null }> {
  if (id === null) return { type: null, issue: null };
  const row = await tx
    .selectFrom('region_organisations as ro')
    .innerJoin('organisations as o', 'o.id', 'ro.organisation_id')
    .select('o.type')
    .where('ro.region_id', '=', actor.regionId)
    .where('ro.organisation_id', '=', id)
    .executeTakeFirst();
  if (row) return { type: row.type, issue: null };
  const detail = 'Choose an organisation of this region.';
  return { type: null, issue: { in: 'body', pointer: '/sourceOrganisationId', code: 'unknown_reference', detail } };
}

/**
 * Who the signal is attributed to and under which regime (src/core/source-attribution.ts): partners and
 * experts only to their own organisation; a weaker regime than the source's default needs a reason.
 * Returns the issues and the regime to record (the source's default when none was chosen).
 */
async function checkSource(
  tx: Tx,
  actor: Actor,
  s: {
    sourceOrganisationId: string | null;
    reporterKind: string | null;
    legalRegime?: LegalRegime;
    reason: string | null;
  },
): Promise<{ issues: FieldIssue[]; regime: LegalRegime; needsReason: boolean }> {
  const { type, issue } = await sourceOrganisationType(tx, actor, s.sourceOrganisationId);
  const regime = s.legalRegime ?? defaultLegalRegime(type);
  const found = [
    issue ?? checkAttribution(actor, s),
    issue ? null : checkRegimeReason(regime, type, s.reason, '/legalRegimeReason'),
  ].filter((i) => i !== null);
  return {
    issues: found.map((i) => ({ in: 'body' as const, ...i })),
    regime,
    needsReason: regimeNeedsReason(regime, type),
  };
}

function checkNotFuture(date: string | undefined, now: Date, pointer: string): FieldIssue | null {
  return date && date > todayInNl(now)
    ? { in: 'body', pointer, code: 'in_future', detail: 'This date cannot lie in the future.' }
    : null;
}

function throwIfAny(issues: Array<FieldIssue | null>) {
  const real = issues.filter((i): i is FieldIssue => i !== null);
  if (real.length > 0) throw fieldIssues(real);
}

// --- Use cases ------------------------------------------------------------------------------------

/** POST /signals — registers a signal with its subjects (existing or new persons). */
export async function createSignal(deps: Deps, actor: Actor, traceId: string, input: z.infer<typeof SignalCreate>) {
  const now = deps.now();
  // Without a source, the signal is the registrant's own organisation's; null names an outside reporter.
  const sourceOrganisationId =
    input.sourceOrganisationId === undefined ? actor.organisationId : input.sourceOrganisationId;
  const reporterKind = input.reporterKind ?? null;
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const source = await checkSource(tx, actor, {
      sourceOrganisationId,
      reporterKind,
      ...(input.legalRegime ? { legalRegime: input.legalRegime } : {}),
      reason: input.legalRegimeReason ?? null,
    });
    const issues: Array<FieldIssue | null> = [
      await checkMunicipality(tx, input.municipalityId, '/municipalityId'),
      ...source.issues,
      checkNotFuture(input.receivedOn, now, '/receivedOn'),
      ...(await checkIndicatorCodes(tx, input.indicators)),
    ];
    const seen = new Set<string>();
    for (const [i, s] of input.subjects.entries()) {
      if (s.personId) {
        if (seen.has(s.personId)) {
          issues.push({
            in: 'body',
            pointer: `/subjects/${i}/personId`,
            code: 'duplicate',
            detail: 'This person is named twice.',
          });
        }
        seen.add(s.personId);
        issues.push(await assertLinkablePerson(tx, actor, s.personId, `/subjects/${i}/personId`));
      }
      if (s.newPerson)
        issues.push(checkDateOfBirth(s.newPerson.dateOfBirth, now, `/subjects/${i}/newPerson/dateOfBirth`));
    }
    throwIfAny(issues);

    // New persons first: the reference counter row and the access-log chain are locked until commit,
    // so they are taken as late as possible (docs/benchmarks.md, "create a signal").
    const newPersonIds = new Map<number, string>();
    for (const [i, s] of input.subjects.entries()) {
      if (s.newPerson) newPersonIds.set(i, (await insertPerson(tx, actor, s.newPerson)).id);
    }
    const reference = await nextReference(tx, actor.regionId, 'S', todayInNl(now));
    const { id } = await tx
      .insertInto('signals')
      .values({
        region_id: actor.regionId,
        reference,
        municipality_id: input.municipalityId,
        source_organisation_id: sourceOrganisationId,
        reporter_kind: reporterKind,
        registrant_organisation_id: actor.organisationId,
        reporter_name: input.reporterName ?? null,
        reporter_contact: input.reporterContact ?? null,
        received_on: input.receivedOn,
        subject_unknown: input.subjectUnknown,
        indicators: input.indicators,
        ideology: input.ideology,
        urgency: input.urgency,
        description: input.description,
        legal_regime: source.regime,
        legal_regime_reason: input.legalRegimeReason ?? null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const newPersons = [...newPersonIds.values()];
    for (const [i, s] of input.subjects.entries()) {
      const personId = newPersonIds.get(i) ?? s.personId;
      await tx
        .insertInto('signal_subjects')
        .values({
          region_id: actor.regionId,
          signal_id: id,
          person_id: personId as string,
          link_kind: s.newPerson ? 'new_person' : 'matched_existing',
          match_reason: s.matchReason ?? null,
          linked_by: actor.userId,
          linked_at: now,
        })
        .execute();
    }
    const presented = await presentSignal(tx, await requireVisibleSignal(tx, actor, id));
    if (newPersons.length > 0) {
      await recordAccess(tx, auditActor(actor, traceId), {
        action: 'create',
        recordType: 'person',
        recordId: null,
        subjects: newPersons.map((p) => ({ type: 'person' as const, id: p })),
        purpose: { type: 'signal-intake', id },
      });
    }
    await logSignalAccess(tx, actor, traceId, { action: 'create', signalId: id });
    return presented;
  });
}

/** GET /signals — the signals the actor may see, newest received first. */
export async function listSignals(deps: Deps, actor: Actor, traceId: string, q: z.infer<typeof SignalListQuery>) {
  const after = decodeCursor(q.cursor, ['date', 'uuid']) as [string, string] | null;
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    let query = summaryQuery(tx)
      .where(signalVisibleTo(actor))
      .orderBy('signals.received_on', 'desc')
      .orderBy('signals.id', 'desc')
      .limit(q.limit + 1);
    if (q.status) query = query.where('signals.status', '=', q.status);
    if (q.municipalityId) query = query.where('signals.municipality_id', '=', q.municipalityId);
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('signals.received_on', '<', after[0]),
          eb.and([eb('signals.received_on', '=', after[0]), eb('signals.id', '<', after[1])]),
        ]),
      );
    }
    const result = page(await query.execute(), q.limit, (s) => [s.received_on, s.id]);
    const items = await presentSummaries(tx, result.items);
    await logSignalReads(
      tx,
      actor,
      traceId,
      items.map((i) => i.id),
    );
    return { items, nextCursor: result.nextCursor };
  });
}

/** GET /signals/{id} */
export async function getSignal(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const signal = await requireVisibleSignal(tx, actor, id);
    await logSignalAccess(tx, actor, traceId, { action: 'read', signalId: id });
    return presentSignal(tx, signal);
  });
}

/** PATCH /signals/{id} — changes intake data of an open signal (optimistic locking). */
export async function updateSignal(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof SignalUpdate>,
) {
  const now = deps.now();
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const signal = await requireEditableSignal(tx, actor, id);
    const subjects = await activeSubjectIds(tx, id);
    // Source and regime are checked again whenever one of them changes, on the values after the change.
    const sourceTouched = input.sourceOrganisationId !== undefined || input.reporterKind !== undefined;
    const regimeTouched = sourceTouched || input.legalRegime !== undefined || input.legalRegimeReason !== undefined;
    const reason = input.legalRegimeReason !== undefined ? input.legalRegimeReason : signal.legal_regime_reason;
    const source = await checkSource(tx, actor, {
      sourceOrganisationId:
        input.sourceOrganisationId !== undefined ? input.sourceOrganisationId : signal.source_organisation_id,
      reporterKind: input.reporterKind !== undefined ? input.reporterKind : signal.reporter_kind,
      legalRegime: input.legalRegime ?? (signal.legal_regime as LegalRegime),
      reason,
    });
    const issues: Array<FieldIssue | null> = [
      input.municipalityId ? await checkMunicipality(tx, input.municipalityId, '/municipalityId') : null,
      ...(sourceTouched
        ? source.issues
        : regimeTouched
          ? source.issues.filter((i) => i.pointer !== '/sourceOrganisationId' && i.pointer !== '/reporterKind')
          : []),
      checkNotFuture(input.receivedOn, now, '/receivedOn'),
      ...(input.indicators ? await checkIndicatorCodes(tx, input.indicators, signal.indicators) : []),
    ];
    if (input.subjectUnknown === true && subjects.length > 0) {
      issues.push({
        in: 'body',
        pointer: '/subjectUnknown',
        code: 'has_subjects',
        detail: 'The signal names a subject; unlink it first.',
      });
    }
    if (input.subjectUnknown === false && subjects.length === 0) {
      issues.push({
        in: 'body',
        pointer: '/subjectUnknown',
        code: 'no_subjects',
        detail: 'Link a subject first; the subject then is no longer unknown.',
      });
    }
    throwIfAny(issues);
    const updated = await tx
      .updateTable('signals')
      .set((eb) => ({
        ...(input.municipalityId !== undefined ? { municipality_id: input.municipalityId } : {}),
        ...(input.sourceOrganisationId !== undefined ? { source_organisation_id: input.sourceOrganisationId } : {}),
        ...(input.reporterKind !== undefined ? { reporter_kind: input.reporterKind } : {}),
        // A reason stays while the regime is weaker than the source's default; a change that ends the
        // deviation also ends the reason.
        ...(regimeTouched
          ? { legal_regime_reason: source.needsReason ? reason : (input.legalRegimeReason ?? null) }
          : {}),
        ...(input.reporterName !== undefined ? { reporter_name: input.reporterName } : {}),
        ...(input.reporterContact !== undefined ? { reporter_contact: input.reporterContact } : {}),
        ...(input.receivedOn !== undefined ? { received_on: input.receivedOn } : {}),
        ...(input.subjectUnknown !== undefined ? { subject_unknown: input.subjectUnknown } : {}),
        ...(input.indicators !== undefined ? { indicators: input.indicators } : {}),
        ...(input.ideology !== undefined ? { ideology: input.ideology } : {}),
        ...(input.urgency !== undefined ? { urgency: input.urgency } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.legalRegime !== undefined ? { legal_regime: input.legalRegime } : {}),
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw staleVersion();
    await logSignalAccess(tx, actor, traceId, { action: 'update', signalId: id });
    // After a change of municipality the actor may no longer see the signal: answer with what was saved.
    const after = await tx
      .selectFrom('signals')
      .selectAll('signals')
      .select((eb) => [
        sql<boolean>`${signalEditableBy(actor)(eb)}`.as('actor_can_edit'),
        sql<boolean>`${isSignalDirector(actor)(eb)}`.as('actor_is_director'),
      ])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return presentSignal(tx, after);
  });
}

/**
 * POST /signals/{id}/subjects — links an existing person (the human decision after matching), or
 * creates a new person and links them in the same transaction, as at intake.
 */
export async function linkSubject(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof SubjectLinkCreate>,
) {
  const now = deps.now();
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    await requireEditableSignal(tx, actor, id);
    let personId: string;
    if (input.newPerson) {
      throwIfAny([checkDateOfBirth(input.newPerson.dateOfBirth, now, '/newPerson/dateOfBirth')]);
      personId = (await insertPerson(tx, actor, input.newPerson)).id;
      await recordAccess(tx, auditActor(actor, traceId), {
        action: 'create',
        recordType: 'person',
        recordId: personId,
        subjects: [{ type: 'person', id: personId }],
        purpose: await signalPurpose(tx, id),
      });
    } else {
      personId = input.personId as string;
      throwIfAny([await assertLinkablePerson(tx, actor, personId, '/personId')]);
      if (await isLinked(tx, id, personId)) {
        throw new DomainError('CONFLICT', 'This person is already linked to the signal.', {
          fields: [{ in: 'body', pointer: '/personId', code: 'duplicate', detail: 'Already linked.' }],
        });
      }
    }
    await insertSubjectLink(tx, actor, {
      signalId: id,
      personId,
      kind: input.newPerson ? 'new_person' : 'matched_existing',
      reason: input.newPerson ? null : (input.reason ?? null),
      at: now,
    });
    await logSignalAccess(tx, actor, traceId, { action: 'update', signalId: id });
    return presentSignal(tx, await requireVisibleSignal(tx, actor, id));
  });
}

/**
 * POST /signals/{id}/subjects/{subjectId}/unlink — undoes a link. The row stays (history); when no
 * subject is left the signal's subject is unknown again.
 */
export async function unlinkSubject(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  subjectId: string,
  input: z.infer<typeof SubjectUnlink>,
) {
  const now = deps.now();
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    await requireEditableSignal(tx, actor, id);
    const link = await tx
      .updateTable('signal_subjects')
      .set({ unlinked_at: now, unlinked_by: actor.userId, unlink_reason: input.reason })
      .where('id', '=', subjectId)
      .where('signal_id', '=', id)
      .where('unlinked_at', 'is', null)
      .returning('person_id')
      .executeTakeFirst();
    if (!link) throw notFound('The link');
    const remaining = await activeSubjectIds(tx, id);
    await tx
      .updateTable('signals')
      .set((eb) => ({
        ...(remaining.length === 0 ? { subject_unknown: true } : {}),
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', id)
      .execute();
    await logSignalAccess(tx, actor, traceId, { action: 'update', signalId: id, extraSubjects: [link.person_id] });
    return presentSignal(tx, await requireVisibleSignal(tx, actor, id));
  });
}
