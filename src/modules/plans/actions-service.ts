import type { z } from 'zod';
import { type FieldIssue, forbidden, notFound, staleVersion } from '../../core/errors.js';
import { calendarDate } from '../../core/input.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordCaseEvent, todayInNl } from '../cases/core.js';
import {
  bodyField,
  type CaseRow,
  cursorTime,
  invalidCursor,
  loadCase,
  logCaseAccess,
  refused,
  requireNotClosed,
  takesPart,
  worksOnCase,
} from './case-access.js';
import type { Action, ActionListQuery, ActionNote, ActionUpdate, NoteCreate, PageQuery } from './schemas.js';

type ActionJson = z.infer<typeof Action>;
type ActionStatus = ActionJson['status'];

/**
 * What `createAction` needs. The meetings module calls it when a case-conference decision becomes an
 * action (then with `agendaItemId`). Keep this shape stable.
 */
export interface CreateActionInput {
  caseId: string;
  title: string;
  description?: string | null;
  ownerOrganisationId: string;
  ownerUserId?: string | null;
  /** YYYY-MM-DD */
  dueOn: string;
  planInterventionId?: string | null;
  agendaItemId?: string | null;
}

const scope = (actor: Actor) => ({ regionId: actor.regionId });

const STATUS_NL: Record<ActionStatus, string> = {
  open: 'open',
  in_progress: 'in uitvoering',
  done: 'gereed',
  cancelled: 'vervallen',
};

export function dateNl(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}-${m}-${y}`;
}

function actionsQuery(tx: Tx) {
  return tx
    .selectFrom('actions as a')
    .innerJoin('organisations as oo', 'oo.id', 'a.owner_organisation_id')
    .leftJoin('users as ou', 'ou.id', 'a.owner_user_id')
    .select([
      'a.id',
      'a.case_id',
      'a.plan_intervention_id',
      'a.agenda_item_id',
      'a.title',
      'a.description',
      'a.owner_organisation_id',
      'oo.name as owner_organisation_name',
      'a.owner_user_id',
      'ou.name as owner_user_name',
      'a.due_on',
      'a.status',
      'a.completed_at',
      'a.created_by',
      'a.created_at',
      'a.updated_at',
      'a.version',
    ]);
}

type ActionRow = Awaited<ReturnType<ReturnType<typeof actionsQuery>['executeTakeFirstOrThrow']>>;

function present(a: ActionRow, today: string): ActionJson {
  const status = a.status as ActionStatus;
  return {
    id: a.id,
    caseId: a.case_id,
    planInterventionId: a.plan_intervention_id,
    agendaItemId: a.agenda_item_id,
    title: a.title,
    description: a.description,
    ownerOrganisationId: a.owner_organisation_id,
    ownerOrganisationName: a.owner_organisation_name,
    ownerUserId: a.owner_user_id,
    ownerUserName: a.owner_user_name,
    dueOn: a.due_on,
    status,
    overdue: (status === 'open' || status === 'in_progress') && a.due_on < today,
    completedAt: a.completed_at?.toISOString() ?? null,
    createdBy: a.created_by,
    createdAt: a.created_at.toISOString(),
    updatedAt: a.updated_at.toISOString(),
    version: a.version,
  };
}

/** The action and its case, if the actor may see the case; otherwise NOT_FOUND. */
async function loadAction(tx: Tx, actor: Actor, id: string) {
  const row = await actionsQuery(tx).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('The action');
  return { row, c: await loadCase(tx, actor, row.case_id, 'The action') };
}

/** The lead changes any action; a partner changes the actions of its own organisation. */
function requireActionWriter(actor: Actor, c: CaseRow, ownerOrganisationId: string, what: string) {
  if (!c.actor_leads && actor.organisationId !== ownerOrganisationId) {
    throw forbidden(`Only the process director, the case coordinator or the owner organisation may ${what}.`);
  }
}

async function checkOwner(
  tx: Tx,
  c: CaseRow,
  organisationId: string,
  userId: string | null | undefined,
  issues: FieldIssue[],
) {
  if (!(await takesPart(tx, c.id, organisationId))) {
    issues.push(
      bodyField('/ownerOrganisationId', 'not_in_case', 'Choose an organisation that takes part in the case.'),
    );
  } else if (userId && !(await worksOnCase(tx, c, userId, organisationId))) {
    issues.push(
      bodyField('/ownerUserId', 'not_in_case', 'Choose a person of that organisation who works on the case.'),
    );
  }
}

/**
 * Adds an action to a case, in the caller's transaction: checks need-to-know (404), who may add it
 * (403: the lead for any taking-part organisation, a partner for its own), the references (422), and
 * writes the timeline event and the access-log entry. Used by POST /cases/{id}/actions and by the
 * meetings module for conference decisions.
 */
export async function createAction(
  tx: Tx,
  actor: Actor,
  traceId: string,
  now: Date,
  input: CreateActionInput,
): Promise<ActionJson> {
  const c = await loadCase(tx, actor, input.caseId);
  requireNotClosed(c);
  requireActionWriter(actor, c, input.ownerOrganisationId, 'add an action for another organisation');
  const issues: FieldIssue[] = [];
  await checkOwner(tx, c, input.ownerOrganisationId, input.ownerUserId, issues);
  if (input.planInterventionId) {
    const intervention = await tx
      .selectFrom('plan_interventions as pi')
      .innerJoin('plans as p', 'p.id', 'pi.plan_id')
      .select('pi.id')
      .where('pi.id', '=', input.planInterventionId)
      .where('p.case_id', '=', c.id)
      .executeTakeFirst();
    if (!intervention) {
      issues.push(bodyField('/planInterventionId', 'not_in_case', 'Choose an intervention of this case’s plan.'));
    }
  }
  if (input.agendaItemId) {
    const item = await tx
      .selectFrom('meeting_agenda_items')
      .select('id')
      .where('id', '=', input.agendaItemId)
      .where('case_id', '=', c.id)
      .executeTakeFirst();
    if (!item) issues.push(bodyField('/agendaItemId', 'not_in_case', 'Choose an agenda item about this case.'));
  }
  if (issues.length > 0) throw refused(issues);

  const created = await tx
    .insertInto('actions')
    .values({
      region_id: actor.regionId,
      case_id: c.id,
      plan_intervention_id: input.planInterventionId ?? null,
      agenda_item_id: input.agendaItemId ?? null,
      title: input.title,
      description: input.description ?? null,
      owner_organisation_id: input.ownerOrganisationId,
      owner_user_id: input.ownerUserId ?? null,
      due_on: input.dueOn,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await actionsQuery(tx).where('a.id', '=', created.id).executeTakeFirstOrThrow();
  await recordCaseEvent(tx, {
    regionId: actor.regionId,
    caseId: c.id,
    actorId: actor.userId,
    kind: 'action_added',
    summary: `Actie toegevoegd voor ${row.owner_organisation_name}, uiterlijk ${dateNl(row.due_on)}${input.agendaItemId ? ' (besluit casusoverleg)' : ''}`,
    params: {
      organisation: row.owner_organisation_name,
      dueOn: row.due_on,
      ...(input.agendaItemId ? { variant: 'meeting' } : {}),
    },
    at: now,
  });
  await logCaseAccess(tx, actor, traceId, c, 'create', 'action', created.id);
  return present(row, todayInNl(now));
}

export async function addAction(
  deps: Deps,
  actor: Actor,
  traceId: string,
  caseId: string,
  input: Omit<CreateActionInput, 'caseId' | 'agendaItemId'>,
) {
  return withTx(deps.db, scope(actor), (tx) => createAction(tx, actor, traceId, deps.now(), { ...input, caseId }));
}

export async function listActions(
  deps: Deps,
  actor: Actor,
  traceId: string,
  caseId: string,
  q: z.infer<typeof ActionListQuery>,
) {
  const after = decodeCursor(q.cursor, ['string', 'uuid']) as [string, string] | null;
  if (after && !calendarDate().safeParse(after[0]).success) throw invalidCursor();
  return withTx(deps.db, scope(actor), async (tx) => {
    const c = await loadCase(tx, actor, caseId);
    let query = actionsQuery(tx)
      .where('a.case_id', '=', c.id)
      .orderBy('a.due_on')
      .orderBy('a.id')
      .limit(q.limit + 1);
    if (q.status) query = query.where('a.status', '=', q.status);
    if (after) {
      query = query.where((eb) =>
        eb.or([eb('a.due_on', '>', after[0]), eb.and([eb('a.due_on', '=', after[0]), eb('a.id', '>', after[1])])]),
      );
    }
    const result = page(await query.execute(), q.limit, (a) => [a.due_on, a.id]);
    await logCaseAccess(tx, actor, traceId, c, 'read', 'action', null);
    const today = todayInNl(deps.now());
    return { items: result.items.map((a) => present(a, today)), nextCursor: result.nextCursor };
  });
}

export async function getAction(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const { row, c } = await loadAction(tx, actor, id);
    await logCaseAccess(tx, actor, traceId, c, 'read', 'action', id);
    return present(row, todayInNl(deps.now()));
  });
}

export async function updateAction(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof ActionUpdate>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const { row, c } = await loadAction(tx, actor, id);
    requireActionWriter(actor, c, row.owner_organisation_id, 'change this action');
    requireNotClosed(c);
    if (row.version !== input.version) throw staleVersion();
    const issues: FieldIssue[] = [];
    if (input.ownerUserId) await checkOwner(tx, c, row.owner_organisation_id, input.ownerUserId, issues);
    if (issues.length > 0) throw refused(issues);
    const now = deps.now();
    const from = row.status as ActionStatus;
    const status = input.status ?? from;
    const updated = await tx
      .updateTable('actions')
      .set((eb) => ({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.dueOn !== undefined ? { due_on: input.dueOn } : {}),
        ...(input.ownerUserId !== undefined ? { owner_user_id: input.ownerUserId } : {}),
        status,
        completed_at: status === 'done' ? (from === 'done' ? row.completed_at : now) : null,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw staleVersion();
    const after = await actionsQuery(tx).where('a.id', '=', id).executeTakeFirstOrThrow();
    const changes: string[] = [];
    if (status !== from) changes.push(`${STATUS_NL[from]} → ${STATUS_NL[status]}`);
    if (after.due_on !== row.due_on) changes.push(`uiterlijk ${dateNl(after.due_on)}`);
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId: c.id,
      actorId: actor.userId,
      kind: status !== from ? 'action_status_changed' : 'action_updated',
      summary: `Actie van ${after.owner_organisation_name} gewijzigd${changes.length ? `: ${changes.join(', ')}` : ''}`,
      params: {
        organisation: after.owner_organisation_name,
        ...(status !== from ? { fromActionStatus: from, toActionStatus: status } : {}),
        ...(after.due_on !== row.due_on ? { dueOn: after.due_on, variant: 'due' } : {}),
      },
      at: now,
    });
    await logCaseAccess(tx, actor, traceId, c, 'update', 'action', id);
    return present(after, todayInNl(now));
  });
}

// Progress notes -------------------------------------------------------------------------------------------

function notesQuery(tx: Tx) {
  return tx
    .selectFrom('action_notes as n')
    .innerJoin('users as u', 'u.id', 'n.author_id')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select([
      'n.id',
      'n.action_id',
      'n.author_id',
      'u.name as author_name',
      'o.name as author_organisation_name',
      'n.body',
      'n.created_at',
    ]);
}

type NoteRow = Awaited<ReturnType<ReturnType<typeof notesQuery>['executeTakeFirstOrThrow']>>;

function presentNote(n: NoteRow): z.infer<typeof ActionNote> {
  return {
    id: n.id,
    actionId: n.action_id,
    authorId: n.author_id,
    authorName: n.author_name,
    authorOrganisationName: n.author_organisation_name,
    body: n.body,
    createdAt: n.created_at.toISOString(),
  };
}

/** Everyone who works on the case may write a progress note on its actions. */
export async function addNote(
  deps: Deps,
  actor: Actor,
  traceId: string,
  actionId: string,
  input: z.infer<typeof NoteCreate>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const { row, c } = await loadAction(tx, actor, actionId);
    requireNotClosed(c);
    const now = deps.now();
    const created = await tx
      .insertInto('action_notes')
      .values({
        region_id: actor.regionId,
        action_id: actionId,
        author_id: actor.userId,
        body: input.body,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId: c.id,
      actorId: actor.userId,
      kind: 'action_note_added',
      summary: `Voortgangsnotitie bij actie van ${row.owner_organisation_name}`,
      params: { organisation: row.owner_organisation_name },
      at: now,
    });
    await logCaseAccess(tx, actor, traceId, c, 'create', 'action_note', created.id);
    return presentNote(await notesQuery(tx).where('n.id', '=', created.id).executeTakeFirstOrThrow());
  });
}

export async function listNotes(
  deps: Deps,
  actor: Actor,
  traceId: string,
  actionId: string,
  q: z.infer<typeof PageQuery>,
) {
  const after = decodeCursor(q.cursor, ['timestamp', 'uuid']) as [string, string] | null;
  const afterAt = after ? cursorTime(after[0]) : null;
  return withTx(deps.db, scope(actor), async (tx) => {
    const { c } = await loadAction(tx, actor, actionId);
    let query = notesQuery(tx)
      .where('n.action_id', '=', actionId)
      .orderBy('n.created_at')
      .orderBy('n.id')
      .limit(q.limit + 1);
    if (after && afterAt) {
      query = query.where((eb) =>
        eb.or([
          eb('n.created_at', '>', afterAt),
          eb.and([eb('n.created_at', '=', afterAt), eb('n.id', '>', after[1])]),
        ]),
      );
    }
    const result = page(await query.execute(), q.limit, (n) => [n.created_at.toISOString(), n.id]);
    await logCaseAccess(tx, actor, traceId, c, 'read', 'action', actionId);
    return { items: result.items.map(presentNote), nextCursor: result.nextCursor };
  });
}
