/**
 * The agenda of a case conference and, per case on it, the BOB steps (seed 000 phase II):
 * beeldvorming (contributions, each with source organisation, legal regime and sharing scope),
 * oordeelsvorming (the shared judgement) and besluitvorming (decisions, each an action in the plan).
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import { nextPhase, type Phase } from '../../core/case-lifecycle.js';
import { DomainError, type FieldIssue, staleVersion } from '../../core/errors.js';
import { assertMeetingAllows, meetingAllows } from '../../core/meeting-lifecycle.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import { rethrowConstraint } from '../../platform/db/errors.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { recordAccess } from '../access-log/record.js';
import { contributionRegime } from '../cases/contributions.js';
import { recordCaseEvent, todayInNl } from '../cases/core.js';
import { contributionVisibleTo, requireVisibleCase } from '../cases/visibility.js';
import { createAction } from '../plans/actions-service.js';
import { loadCase, takesPart, worksOnCase } from '../plans/case-access.js';
import {
  type AgendaItemRow,
  type MeetingRow,
  requireChair,
  requireVisibleAgendaItem,
  requireVisibleMeeting,
  visibleAgendaItems,
  visibleRankOf,
} from './access.js';
import {
  type ContributionRow,
  type DecisionRow,
  logPerCase,
  presentAgendaItem,
  presentContribution,
  presentDecision,
} from './presenters.js';
import type {
  AgendaItemCreate,
  AgendaItemUpdate,
  ContributionCreate,
  DecisionCreate,
  JudgementUpdate,
} from './schemas.js';

const scope = (actor: Actor) => ({ regionId: actor.regionId });

/** The meeting's calendar date in the Netherlands: the date of "the last conference" of a case. */
export const meetingDate = (m: Pick<MeetingRow, 'starts_at'>) => todayInNl(m.starts_at);
const dutchDate = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

function businessRule(message: string, fields: FieldIssue[]): DomainError {
  return new DomainError('BUSINESS_RULE', message, { fields });
}

/** Puts a case the chair can see on the agenda; a case in preparation moves to analysis. */
export async function addAgendaItem(
  deps: Deps,
  actor: Actor,
  traceId: string,
  meetingId: string,
  input: z.infer<typeof AgendaItemCreate>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    // The update lock serialises agenda changes of one meeting (positions) and its status changes.
    const meeting = await requireVisibleMeeting(tx, actor, meetingId, 'update');
    requireChair(meeting, actor, 'change the agenda');
    assertMeetingAllows(meeting.status, 'add_agenda_item');
    const theCase = await requireVisibleCase(tx, actor, input.caseId);
    if (theCase.phase === 'closed') {
      throw businessRule('A definitively closed case cannot be put on the agenda.', [
        { in: 'body', pointer: '/caseId', code: 'case_closed', detail: 'This case is closed definitively.' },
      ]);
    }
    const { max } = await tx
      .selectFrom('meeting_agenda_items')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('meeting_id', '=', meetingId)
      .executeTakeFirstOrThrow();
    const { id } = await tx
      .insertInto('meeting_agenda_items')
      .values({
        region_id: actor.regionId,
        meeting_id: meetingId,
        case_id: theCase.id,
        position: (max ?? 0) + 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e) =>
        rethrowConstraint(e, {
          meeting_agenda_items_meeting_id_case_id_key: {
            pointer: '/caseId',
            detail: 'This case is already on the agenda of this meeting.',
          },
        }),
      );
    const date = dutchDate(meetingDate(meeting));
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId: theCase.id,
      actorId: actor.userId,
      kind: 'meeting_scheduled',
      summary: `Geagendeerd voor het casusoverleg van ${date}`,
      params: { date: meetingDate(meeting) },
    });
    if (theCase.phase === 'preparation') {
      const to = nextPhase(theCase.phase as Phase, { kind: 'discuss' });
      await tx
        .updateTable('cases')
        .set((eb) => ({ phase: to, version: eb('version', '+', 1), updated_at: deps.now() }))
        .where('id', '=', theCase.id)
        .where('phase', '=', theCase.phase)
        .execute();
      await recordCaseEvent(tx, {
        regionId: actor.regionId,
        caseId: theCase.id,
        actorId: actor.userId,
        kind: 'phase_changed',
        summary: 'Fase gewijzigd van voorbereiding naar analyse (geagendeerd voor casusoverleg)',
        params: { fromPhase: theCase.phase, toPhase: to, variant: 'meeting' },
      });
    }
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'case',
      recordId: theCase.id,
      subjects: [{ type: 'person', id: theCase.subject_person_id }],
      purpose: { type: 'case', id: theCase.id },
    });
    return presentRanked(tx, actor, meetingId, id);
  });
}

/** Moves an agenda item to another place (1 = first) and/or sets its status (chair only). */
export async function updateAgendaItem(
  deps: Deps,
  actor: Actor,
  traceId: string,
  meetingId: string,
  itemId: string,
  input: z.infer<typeof AgendaItemUpdate>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const meeting = await requireVisibleMeeting(tx, actor, meetingId, 'update');
    requireChair(meeting, actor, 'change the agenda');
    const item = await requireVisibleAgendaItem(tx, actor, meetingId, itemId, true);
    if (item.version !== input.version) throw staleVersion();
    assertMeetingAllows(meeting.status, 'change_agenda_item');
    if (input.status === 'discussed' && !meetingAllows(meeting.status, 'decide')) {
      throw new DomainError('CONFLICT', 'A case can be marked as discussed only during or after the meeting.');
    }
    if (input.position !== undefined) await moveItem(tx, actor, meetingId, itemId, input.position);
    await tx
      .updateTable('meeting_agenda_items')
      .set((eb) => ({ ...(input.status ? { status: input.status } : {}), version: eb('version', '+', 1) }))
      .where('id', '=', itemId)
      .execute();
    if (input.status === 'discussed' && item.status !== 'discussed')
      await markDiscussed(tx, deps, actor, meeting, item);
    await logPerCase(tx, actor, traceId, { action: 'update', recordType: 'meeting_agenda_item', recordId: itemId }, [
      item,
    ]);
    return presentRanked(tx, actor, meetingId, itemId);
  });
}

async function presentRanked(tx: Tx, actor: Actor, meetingId: string, itemId: string) {
  const item = await requireVisibleAgendaItem(tx, actor, meetingId, itemId);
  return presentAgendaItem(item, await visibleRankOf(tx, actor, meetingId, itemId));
}

/**
 * Moves an item to `position` in the order the actor sees (1 = first): it lands just before the
 * visible item now at that place, or after the last visible one. Items of cases the actor cannot see
 * keep their order; the whole agenda is renumbered 1..n and only positions change.
 */
async function moveItem(tx: Tx, actor: Actor, meetingId: string, itemId: string, position: number) {
  const all = await tx
    .selectFrom('meeting_agenda_items')
    .select(['id', 'position'])
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const visible = new Set((await visibleAgendaItems(tx, actor, meetingId).execute()).map((r) => r.id));
  const others = all.filter((r) => r.id !== itemId);
  const visibleOthers = others.filter((r) => visible.has(r.id));
  const before = visibleOthers[position - 1];
  const lastVisible = visibleOthers[visibleOthers.length - 1];
  const at = before ? others.indexOf(before) : lastVisible ? others.indexOf(lastVisible) + 1 : others.length;
  const ordered = [...others.slice(0, at), { id: itemId, position: -1 }, ...others.slice(at)];
  for (const [i, r] of ordered.entries()) {
    if (r.position !== i + 1) {
      await tx
        .updateTable('meeting_agenda_items')
        .set({ position: i + 1 })
        .where('id', '=', r.id)
        .execute();
    }
  }
}

/** A discussed case records the meeting's date as its last conference (never moving it back). */
async function markDiscussed(tx: Tx, deps: Deps, actor: Actor, meeting: MeetingRow, item: AgendaItemRow) {
  const date = meetingDate(meeting);
  await tx
    .updateTable('cases')
    .set((eb) => ({
      last_conference_on: sql<string>`greatest(coalesce(${eb.ref('last_conference_on')}, ${date}::date), ${date}::date)`,
      version: eb('version', '+', 1),
      updated_at: deps.now(),
    }))
    .where('id', '=', item.case_id)
    .execute();
  await recordCaseEvent(tx, {
    regionId: actor.regionId,
    caseId: item.case_id,
    actorId: actor.userId,
    kind: 'meeting_discussed',
    summary: `Besproken in het casusoverleg van ${dutchDate(date)}`,
    params: { date },
  });
}

/** Takes a case off the agenda before the meeting starts (the case keeps its phase). */
export async function removeAgendaItem(deps: Deps, actor: Actor, traceId: string, meetingId: string, itemId: string) {
  await withTx(deps.db, scope(actor), async (tx) => {
    const meeting = await requireVisibleMeeting(tx, actor, meetingId, 'update');
    requireChair(meeting, actor, 'change the agenda');
    const item = await requireVisibleAgendaItem(tx, actor, meetingId, itemId, true);
    assertMeetingAllows(meeting.status, 'remove_agenda_item');
    await tx.deleteFrom('meeting_agenda_items').where('id', '=', itemId).execute();
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId: item.case_id,
      actorId: actor.userId,
      kind: 'meeting_unscheduled',
      summary: `Van de agenda van het casusoverleg van ${dutchDate(meetingDate(meeting))} gehaald`,
      params: { date: meetingDate(meeting) },
    });
    await logPerCase(tx, actor, traceId, { action: 'delete', recordType: 'meeting_agenda_item', recordId: itemId }, [
      item,
    ]);
  });
}

/**
 * Contributions of this meeting for the items' cases, filtered in the SQL by the one need-to-know
 * and sharing-scope rule of the case module (cases/visibility.ts).
 */
export function visibleContributions(tx: Tx, actor: Actor, meetingId: string, caseIds: string[]) {
  return tx
    .selectFrom('case_contributions')
    .innerJoin('cases', 'cases.id', 'case_contributions.case_id')
    .innerJoin('organisations as o', 'o.id', 'case_contributions.organisation_id')
    .innerJoin('users as author', 'author.id', 'case_contributions.author_id')
    .select([
      'case_contributions.id',
      'case_contributions.case_id',
      'case_contributions.meeting_id',
      'case_contributions.body',
      'case_contributions.legal_regime',
      'case_contributions.legal_regime_reason',
      'case_contributions.scope',
      'case_contributions.organisation_id',
      'o.name as organisation_name',
      'o.type as organisation_type',
      'case_contributions.author_id',
      'author.name as author_name',
      'case_contributions.created_at',
    ])
    .where('case_contributions.meeting_id', '=', meetingId)
    .where('case_contributions.case_id', 'in', caseIds.length > 0 ? caseIds : ['00000000-0000-0000-0000-000000000000'])
    .where(contributionVisibleTo(actor))
    .orderBy('case_contributions.created_at')
    .orderBy('case_contributions.id');
}

/** The decisions (actions) taken on agenda items, with their owners. */
export function decisionsOf(tx: Tx, itemIds: string[]) {
  return tx
    .selectFrom('actions as a')
    .innerJoin('organisations as o', 'o.id', 'a.owner_organisation_id')
    .leftJoin('users as u', 'u.id', 'a.owner_user_id')
    .select([
      'a.id',
      'a.case_id',
      'a.agenda_item_id',
      'a.title',
      'a.description',
      'a.owner_organisation_id',
      'o.name as owner_organisation_name',
      'a.owner_user_id',
      'u.name as owner_user_name',
      'a.due_on',
      'a.status',
      'a.created_at',
      'a.version',
    ])
    .where('a.agenda_item_id', 'in', itemIds.length > 0 ? itemIds : ['00000000-0000-0000-0000-000000000000'])
    .orderBy('a.created_at')
    .orderBy('a.id');
}

async function itemDetail(tx: Tx, actor: Actor, item: AgendaItemRow) {
  const contributions = (await visibleContributions(tx, actor, item.meeting_id, [
    item.case_id,
  ]).execute()) as ContributionRow[];
  const decisions = (await decisionsOf(tx, [item.id]).execute()) as DecisionRow[];
  return {
    ...presentAgendaItem(item, await visibleRankOf(tx, actor, item.meeting_id, item.id)),
    judgement: item.judgement,
    contributions: contributions.map(presentContribution),
    decisions: decisions.map(presentDecision),
  };
}

/** One agenda item with its picture, judgement and decisions (logged as a read of the case). */
export async function getAgendaItem(deps: Deps, actor: Actor, traceId: string, meetingId: string, itemId: string) {
  return withTx(deps.db, scope(actor), async (tx) => {
    await requireVisibleMeeting(tx, actor, meetingId);
    const item = await requireVisibleAgendaItem(tx, actor, meetingId, itemId);
    await logPerCase(tx, actor, traceId, { action: 'read', recordType: 'meeting_agenda_item', recordId: itemId }, [
      item,
    ]);
    return itemDetail(tx, actor, item);
  });
}

/**
 * Beeldvorming: anyone who can see the case adds what their organisation knows, labelled with the
 * source organisation (the author's), the legal regime and the sharing scope.
 */
export async function addContribution(
  deps: Deps,
  actor: Actor,
  traceId: string,
  meetingId: string,
  itemId: string,
  input: z.infer<typeof ContributionCreate>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const meeting = await requireVisibleMeeting(tx, actor, meetingId, 'share');
    const item = await requireVisibleAgendaItem(tx, actor, meetingId, itemId);
    assertMeetingAllows(meeting.status, 'contribute');
    const regime = await contributionRegime(tx, actor, input);
    const { id } = await tx
      .insertInto('case_contributions')
      .values({
        region_id: actor.regionId,
        case_id: item.case_id,
        meeting_id: meetingId,
        organisation_id: actor.organisationId,
        author_id: actor.userId,
        body: input.body,
        ...regime,
        scope: input.scope,
        created_at: deps.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'create',
      recordType: 'case_contribution',
      recordId: id,
      subjects: [{ type: 'person', id: item.subject_person_id }],
      purpose: { type: 'case', id: item.case_id },
    });
    const row = (await visibleContributions(tx, actor, meetingId, [item.case_id])
      .where('case_contributions.id', '=', id)
      .executeTakeFirstOrThrow()) as ContributionRow;
    return presentContribution(row);
  });
}

/** Oordeelsvorming: the chair records the shared judgement on the case. */
export async function putJudgement(
  deps: Deps,
  actor: Actor,
  traceId: string,
  meetingId: string,
  itemId: string,
  input: z.infer<typeof JudgementUpdate>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const meeting = await requireVisibleMeeting(tx, actor, meetingId, 'share');
    requireChair(meeting, actor, 'record the judgement');
    const item = await requireVisibleAgendaItem(tx, actor, meetingId, itemId, true);
    if (item.version !== input.version) throw staleVersion();
    assertMeetingAllows(meeting.status, 'judge');
    await tx
      .updateTable('meeting_agenda_items')
      .set((eb) => ({ judgement: input.judgement.length > 0 ? input.judgement : null, version: eb('version', '+', 1) }))
      .where('id', '=', itemId)
      .execute();
    await logPerCase(tx, actor, traceId, { action: 'update', recordType: 'meeting_agenda_item', recordId: itemId }, [
      item,
    ]);
    return itemDetail(tx, actor, await requireVisibleAgendaItem(tx, actor, meetingId, itemId));
  });
}

/**
 * Besluitvorming: each decision becomes an action in the case's plan (actions.agenda_item_id set);
 * the item counts as discussed and the case records the meeting's date as its last conference.
 */
export async function addDecision(
  deps: Deps,
  actor: Actor,
  traceId: string,
  meetingId: string,
  itemId: string,
  input: z.infer<typeof DecisionCreate>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const meeting = await requireVisibleMeeting(tx, actor, meetingId, 'share');
    requireChair(meeting, actor, 'record a decision');
    const item = await requireVisibleAgendaItem(tx, actor, meetingId, itemId, true);
    assertMeetingAllows(meeting.status, 'decide');
    await assertDecisionInput(tx, actor, item.case_id, input, todayInNl(deps.now()));
    // The plans module owns actions: it checks who may add one, writes the row, the timeline event
    // ("besluit casusoverleg") and the access-log entry.
    const { id: actionId } = await createAction(tx, actor, traceId, deps.now(), {
      caseId: item.case_id,
      agendaItemId: item.id,
      title: input.title,
      description: input.description || null,
      ownerOrganisationId: input.ownerOrganisationId,
      ownerUserId: input.ownerUserId ?? null,
      dueOn: input.dueOn,
    });
    await tx
      .updateTable('meeting_agenda_items')
      .set((eb) => ({ status: 'discussed', version: eb('version', '+', 1) }))
      .where('id', '=', itemId)
      .execute();
    await markDiscussed(tx, deps, actor, meeting, item);
    const row = (await decisionsOf(tx, [itemId]).where('a.id', '=', actionId).executeTakeFirstOrThrow()) as DecisionRow;
    return presentDecision(row);
  });
}

/**
 * All field errors of a decision at once: the owner organisation takes part in the case, the owner
 * (if named) is of that organisation and works on the case, the due date is today or later. The same
 * rules as the plans module's createAction (which checks again), so every bad field is named in one go.
 */
async function assertDecisionInput(
  tx: Tx,
  actor: Actor,
  caseId: string,
  input: z.infer<typeof DecisionCreate>,
  today: string,
) {
  const fields: FieldIssue[] = [];
  const c = await loadCase(tx, actor, caseId);
  if (!(await takesPart(tx, c.id, input.ownerOrganisationId))) {
    fields.push({
      in: 'body',
      pointer: '/ownerOrganisationId',
      code: 'not_in_case',
      detail: 'Choose an organisation that takes part in this case.',
    });
  } else if (input.ownerUserId && !(await worksOnCase(tx, c, input.ownerUserId, input.ownerOrganisationId))) {
    fields.push({
      in: 'body',
      pointer: '/ownerUserId',
      code: 'not_in_case',
      detail: 'Choose a person of the owner organisation who works on this case.',
    });
  }
  if (input.dueOn < today) {
    fields.push({ in: 'body', pointer: '/dueOn', code: 'in_past', detail: 'Choose today or a later date.' });
  }
  if (fields.length > 0) throw businessRule('The decision cannot be recorded as given.', fields);
}
