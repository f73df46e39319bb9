/**
 * Networks such as the Strategisch Netwerk Radicalisering en Polarisatie (SNRP): their members (key
 * figures or users), meetings, shared signals and activities. The network, its meetings, signals and
 * activities hold no personal data; its member list does (logged, "key-figure-network").
 */
import { type Insertable, type Selectable, sql } from 'kysely';
import type { z } from 'zod';
import { DomainError, notFound } from '../../core/errors.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import { rethrowConstraint } from '../../platform/db/errors.js';
import { afterKeyset } from '../../platform/db/keyset.js';
import type { Database } from '../../platform/db/schema.js';
import { sentColumns, updateVersioned } from '../../platform/db/versioned.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordAccess } from '../access-log/record.js';
import { beforeDateKey, decodeDateCursor, isoDay, requireActiveRegionUser, scopeOf } from './common.js';
import { KEY_FIGURE_PURPOSE, requireInvitableKeyFigure } from './key-figures-service.js';
import type {
  Network,
  NetworkActivity,
  NetworkActivityCreate,
  NetworkCreate,
  NetworkMeeting,
  NetworkMeetingCreate,
  NetworkMember,
  NetworkMemberAdd,
  NetworkSignal,
  NetworkSignalCreate,
  NetworkUpdate,
} from './schemas.js';

type Out<T extends z.ZodType> = z.infer<T>;
type PageInput = { cursor?: string | undefined; limit: number };

const NETWORK_CONSTRAINTS = {
  networks_name_key: { pointer: '/name', detail: 'A network with this name exists in the region.' },
};

function networks(tx: Tx) {
  return tx
    .selectFrom('networks as n')
    .select([
      'n.id',
      'n.name',
      'n.description',
      'n.kind',
      'n.created_at',
      'n.updated_at',
      'n.version',
      (eb) =>
        eb
          .selectFrom('network_members as nm')
          .select(sql<number>`count(*)::int`.as('c'))
          .whereRef('nm.network_id', '=', 'n.id')
          .where('nm.removed_at', 'is', null)
          .as('member_count'),
    ]);
}

type NetworkRow = Awaited<ReturnType<ReturnType<typeof networks>['executeTakeFirstOrThrow']>>;

function presentNetwork(n: NetworkRow): Out<typeof Network> {
  return {
    id: n.id,
    name: n.name,
    description: n.description,
    kind: n.kind as Out<typeof Network>['kind'],
    memberCount: Number(n.member_count ?? 0),
    createdAt: n.created_at.toISOString(),
    updatedAt: n.updated_at.toISOString(),
    version: n.version,
  };
}

async function requireNetwork(tx: Tx, id: string) {
  const n = await tx.selectFrom('networks').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  if (!n) throw notFound('The network');
  return n;
}

export async function listNetworks(deps: Deps, actor: Actor, q: PageInput) {
  const after = decodeCursor(q.cursor, ['string', 'uuid']) as [string, string] | null;
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    let query = networks(tx)
      .orderBy('n.name')
      .orderBy('n.id')
      .limit(q.limit + 1);
    if (after) {
      query = query.where((eb) => afterKeyset(eb, 'n.name', 'n.id', after));
    }
    const result = page(await query.execute(), q.limit, (n) => [n.name, n.id]);
    return { items: result.items.map(presentNetwork), nextCursor: result.nextCursor };
  });
}

export async function getNetwork(deps: Deps, actor: Actor, id: string) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const n = await networks(tx).where('n.id', '=', id).executeTakeFirst();
    if (!n) throw notFound('The network');
    return presentNetwork(n);
  });
}

export async function createNetwork(deps: Deps, actor: Actor, input: z.infer<typeof NetworkCreate>) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const { id } = await tx
      .insertInto('networks')
      .values({
        region_id: actor.regionId,
        name: input.name,
        description: input.description ?? null,
        kind: input.kind,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e) => rethrowConstraint(e, NETWORK_CONSTRAINTS));
    return presentNetwork(await networks(tx).where('n.id', '=', id).executeTakeFirstOrThrow());
  });
}

export async function updateNetwork(deps: Deps, actor: Actor, id: string, input: z.infer<typeof NetworkUpdate>) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await requireNetwork(tx, id);
    await updateVersioned(
      tx,
      'networks',
      id,
      input.version,
      sentColumns(input, { name: 'name', description: 'description', kind: 'kind' }),
      { now: deps.now(), onError: (e) => rethrowConstraint(e, NETWORK_CONSTRAINTS) },
    );
    return presentNetwork(await networks(tx).where('n.id', '=', id).executeTakeFirstOrThrow());
  });
}

// --- Members ---------------------------------------------------------------------------------------

const MEMBER_CONSTRAINTS = {
  network_members_key_figure_key: { pointer: '/keyFigureId', detail: 'Already a member of this network.' },
  network_members_user_key: { pointer: '/userId', detail: 'Already a member of this network.' },
};

function members(tx: Tx) {
  return tx
    .selectFrom('network_members as nm')
    .leftJoin('key_figures as k', 'k.id', 'nm.key_figure_id')
    .leftJoin('users as u', 'u.id', 'nm.user_id')
    .leftJoin('organisations as o', 'o.id', 'u.organisation_id')
    .leftJoin('region_roles as rr', (j) =>
      j.onRef('rr.user_id', '=', 'nm.user_id').onRef('rr.region_id', '=', 'nm.region_id'),
    )
    .select([
      'nm.id',
      'nm.network_id',
      'nm.key_figure_id',
      'nm.user_id',
      'nm.added_at',
      sql<string>`coalesce(k.name, u.name)`.as('name'),
      sql<string>`coalesce(k.organisation, o.name)`.as('organisation'),
      sql<string>`coalesce(k.role, rr.role)`.as('role'),
    ])
    .where('nm.removed_at', 'is', null);
}

type MemberRow = Awaited<ReturnType<ReturnType<typeof members>['executeTakeFirstOrThrow']>>;

function presentMember(m: MemberRow): Out<typeof NetworkMember> {
  return {
    id: m.id,
    networkId: m.network_id,
    kind: m.key_figure_id ? 'key_figure' : 'user',
    keyFigureId: m.key_figure_id,
    userId: m.user_id,
    name: m.name,
    organisation: m.organisation,
    role: m.role,
    addedAt: m.added_at.toISOString(),
  };
}

const subjectOf = (m: { key_figure_id: string | null; user_id: string | null }) =>
  m.key_figure_id
    ? { type: 'key_figure' as const, id: m.key_figure_id }
    : { type: 'user' as const, id: m.user_id as string };

export async function listMembers(deps: Deps, actor: Actor, traceId: string, networkId: string, q: PageInput) {
  const after = decodeCursor(q.cursor, ['string', 'uuid']) as [string, string] | null;
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await requireNetwork(tx, networkId);
    let query = members(tx)
      .where('nm.network_id', '=', networkId)
      .orderBy(sql`coalesce(k.name, u.name)`)
      .orderBy('nm.id')
      .limit(q.limit + 1);
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb(sql<string>`coalesce(k.name, u.name)`, '>', after[0]),
          eb.and([eb(sql<string>`coalesce(k.name, u.name)`, '=', after[0]), eb('nm.id', '>', after[1])]),
        ]),
      );
    }
    const result = page(await query.execute(), q.limit, (m) => [m.name, m.id]);
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'network_member',
      recordId: networkId,
      subjects: result.items.map(subjectOf),
      purpose: KEY_FIGURE_PURPOSE,
    });
    return { items: result.items.map(presentMember), nextCursor: result.nextCursor };
  });
}

export async function addMember(
  deps: Deps,
  actor: Actor,
  traceId: string,
  networkId: string,
  input: z.infer<typeof NetworkMemberAdd>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await requireNetwork(tx, networkId);
    if (input.keyFigureId) {
      await requireInvitableKeyFigure(tx, input.keyFigureId);
    } else {
      await requireActiveRegionUser(tx, actor, input.userId as string);
    }
    const duplicate = await members(tx)
      .where('nm.network_id', '=', networkId)
      .where((eb) =>
        input.keyFigureId
          ? eb('nm.key_figure_id', '=', input.keyFigureId)
          : eb('nm.user_id', '=', input.userId as string),
      )
      .executeTakeFirst();
    if (duplicate) {
      const pointer = input.keyFigureId ? '/keyFigureId' : '/userId';
      throw new DomainError('CONFLICT', `${duplicate.name} is already a member of this network.`, {
        fields: [{ in: 'body', pointer, code: 'duplicate', detail: 'Already a member.' }],
      });
    }
    const { id } = await tx
      .insertInto('network_members')
      .values({
        region_id: actor.regionId,
        network_id: networkId,
        key_figure_id: input.keyFigureId ?? null,
        user_id: input.userId ?? null,
        added_by: actor.userId,
        added_at: deps.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e) => rethrowConstraint(e, MEMBER_CONSTRAINTS));
    const row = await members(tx).where('nm.id', '=', id).executeTakeFirstOrThrow();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'create',
      recordType: 'network_member',
      recordId: id,
      subjects: [subjectOf(row)],
      purpose: KEY_FIGURE_PURPOSE,
    });
    return presentMember(row);
  });
}

export async function removeMember(deps: Deps, actor: Actor, traceId: string, networkId: string, memberId: string) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const removed = await tx
      .updateTable('network_members')
      .set({ removed_at: deps.now() })
      .where('id', '=', memberId)
      .where('network_id', '=', networkId)
      .where('removed_at', 'is', null)
      .returning(['key_figure_id', 'user_id'])
      .executeTakeFirst();
    if (!removed) throw notFound('The network member');
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'network_member',
      recordId: memberId,
      subjects: [subjectOf(removed)],
      purpose: KEY_FIGURE_PURPOSE,
    });
  });
}

// --- Meetings, shared signals and activities (no personal data) -------------------------------------

/** Keyset paging newest first on (date, id). */
function afterDate(after: [string, string] | null, dateColumn: string, idColumn: string) {
  return after ? beforeDateKey(after, dateColumn, idColumn) : sql<boolean>`true`;
}

/** The records of a network that are dated and hold no personal data, with the column of their date. */
const DATED = { network_meetings: 'held_on', network_signals: 'observed_on', network_activities: 'held_on' } as const;
type DatedTable = keyof typeof DATED;
type DatedRow<T extends DatedTable> = Selectable<Database[T]>;

/** A page of a network's dated records, newest first on (date, id); 404 for a network out of sight. */
async function listDated<T extends DatedTable, O>(
  deps: Deps,
  actor: Actor,
  networkId: string,
  q: PageInput,
  table: T,
  present: (row: DatedRow<T>) => O,
) {
  const after = decodeDateCursor(q.cursor);
  const dateColumn = DATED[table];
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await requireNetwork(tx, networkId);
    const rows = (await tx
      .selectFrom(table as DatedTable)
      .selectAll()
      .where('network_id', '=', networkId)
      .where(afterDate(after, dateColumn, 'id'))
      .orderBy(sql.ref(dateColumn), 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit + 1)
      .execute()) as DatedRow<T>[];
    const result = page(rows, q.limit, (r) => {
      const row = r as unknown as Record<string, string>;
      return [isoDay(row[dateColumn] as string), row.id];
    });
    return { items: result.items.map(present), nextCursor: result.nextCursor };
  });
}

/** Records a dated record of a network (its region, network and author filled in). */
async function addDated<T extends DatedTable, O>(
  deps: Deps,
  actor: Actor,
  networkId: string,
  table: T,
  values: Omit<Insertable<Database[T]>, 'region_id' | 'network_id' | 'created_by'>,
  present: (row: DatedRow<T>) => O,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await requireNetwork(tx, networkId);
    const row = await tx
      .insertInto(table as DatedTable)
      .values({ region_id: actor.regionId, network_id: networkId, ...values, created_by: actor.userId } as Insertable<
        Database[DatedTable]
      >)
      .returningAll()
      .executeTakeFirstOrThrow();
    return present(row as DatedRow<T>);
  });
}

function presentMeeting(m: {
  id: string;
  network_id: string;
  held_on: string;
  notes: string | null;
  created_at: Date;
}): Out<typeof NetworkMeeting> {
  return {
    id: m.id,
    networkId: m.network_id,
    heldOn: isoDay(m.held_on),
    notes: m.notes,
    createdAt: m.created_at.toISOString(),
  };
}

export async function listMeetings(deps: Deps, actor: Actor, networkId: string, q: PageInput) {
  return listDated(deps, actor, networkId, q, 'network_meetings', presentMeeting);
}

export async function addMeeting(
  deps: Deps,
  actor: Actor,
  networkId: string,
  input: z.infer<typeof NetworkMeetingCreate>,
) {
  return addDated(
    deps,
    actor,
    networkId,
    'network_meetings',
    { held_on: input.heldOn, notes: input.notes ?? null },
    presentMeeting,
  );
}

function presentSignal(s: {
  id: string;
  network_id: string;
  observed_on: string;
  theme: string;
  description: string;
  created_at: Date;
}): Out<typeof NetworkSignal> {
  return {
    id: s.id,
    networkId: s.network_id,
    observedOn: isoDay(s.observed_on),
    theme: s.theme,
    description: s.description,
    createdAt: s.created_at.toISOString(),
  };
}

export async function listSignals(deps: Deps, actor: Actor, networkId: string, q: PageInput) {
  return listDated(deps, actor, networkId, q, 'network_signals', presentSignal);
}

export async function addSignal(
  deps: Deps,
  actor: Actor,
  networkId: string,
  input: z.infer<typeof NetworkSignalCreate>,
) {
  return addDated(
    deps,
    actor,
    networkId,
    'network_signals',
    { observed_on: input.observedOn, theme: input.theme, description: input.description },
    presentSignal,
  );
}

function presentActivity(a: {
  id: string;
  network_id: string;
  title: string;
  held_on: string;
  description: string | null;
  created_at: Date;
}): Out<typeof NetworkActivity> {
  return {
    id: a.id,
    networkId: a.network_id,
    title: a.title,
    heldOn: isoDay(a.held_on),
    description: a.description,
    createdAt: a.created_at.toISOString(),
  };
}

export async function listActivities(deps: Deps, actor: Actor, networkId: string, q: PageInput) {
  return listDated(deps, actor, networkId, q, 'network_activities', presentActivity);
}

export async function addActivity(
  deps: Deps,
  actor: Actor,
  networkId: string,
  input: z.infer<typeof NetworkActivityCreate>,
) {
  return addDated(
    deps,
    actor,
    networkId,
    'network_activities',
    { title: input.title, held_on: input.heldOn, description: input.description ?? null },
    presentActivity,
  );
}
