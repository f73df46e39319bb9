/**
 * Attention officers (aandachtsfunctionarissen) per organisation, and the operational network: the
 * trained professionals of the district, shown per organisation. Officers are people (a user of the
 * region, or someone named without an account): every read and change is logged with the processing
 * activity "training-administration".
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import { DomainError, notFound } from '../../core/errors.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import { afterKeyset } from '../../platform/db/keyset.js';
import { sentColumns, updateVersioned } from '../../platform/db/versioned.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordAccess } from '../access-log/record.js';
import { isoDay, refuse, requireActiveRegionUser, scopeOf } from '../networks/common.js';
import type {
  AttentionOfficer,
  AttentionOfficerCreate,
  AttentionOfficerListQuery,
  AttentionOfficerUpdate,
  OperationalNetworkOrganisation,
} from './schemas.js';
import { assertRegionOrganisation, TRAINING_PURPOSE } from './trainings-service.js';

type Out<T extends z.ZodType> = z.infer<T>;

function officers(tx: Tx) {
  return tx
    .selectFrom('attention_officers as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select([
      'a.id',
      'a.user_id',
      sql<string>`coalesce(u.name, a.name)`.as('name'),
      'u.email',
      'a.organisation_id',
      'o.name as organisation_name',
      'a.trained_on',
      'a.created_at',
      'a.updated_at',
      'a.version',
    ]);
}

type OfficerRow = Awaited<ReturnType<ReturnType<typeof officers>['executeTakeFirstOrThrow']>>;

function presentOfficer(a: OfficerRow): Out<typeof AttentionOfficer> {
  return {
    id: a.id,
    userId: a.user_id,
    name: a.name,
    email: a.email,
    organisationId: a.organisation_id,
    organisationName: a.organisation_name,
    trainedOn: a.trained_on === null ? null : isoDay(a.trained_on),
    createdAt: a.created_at.toISOString(),
    updatedAt: a.updated_at.toISOString(),
    version: a.version,
  };
}

const subjectOf = (a: { id: string; user_id: string | null }) =>
  a.user_id ? { type: 'user' as const, id: a.user_id } : { type: 'attention_officer' as const, id: a.id };

export async function listOfficers(
  deps: Deps,
  actor: Actor,
  traceId: string,
  q: z.infer<typeof AttentionOfficerListQuery>,
) {
  const after = decodeCursor(q.cursor, ['string', 'uuid']) as [string, string] | null;
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const nameExpr = sql<string>`coalesce(u.name, a.name)`;
    let query = officers(tx)
      .orderBy(nameExpr)
      .orderBy('a.id')
      .limit(q.limit + 1);
    if (q.organisationId) query = query.where('a.organisation_id', '=', q.organisationId);
    if (after) {
      query = query.where((eb) => afterKeyset(eb, nameExpr, 'a.id', after));
    }
    const result = page(await query.execute(), q.limit, (a) => [a.name, a.id]);
    if (result.items.length > 0) {
      await recordAccess(tx, auditActor(actor, traceId), {
        action: 'read',
        recordType: 'attention_officer',
        recordId: null,
        subjects: result.items.map(subjectOf),
        purpose: TRAINING_PURPOSE,
      });
    }
    return { items: result.items.map(presentOfficer), nextCursor: result.nextCursor };
  });
}

/** One attention officer (e.g. to change them), the read logged for that officer only. */
export async function getOfficer(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const a = await officers(tx).where('a.id', '=', id).executeTakeFirst();
    if (!a) throw notFound('The attention officer');
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'attention_officer',
      recordId: a.id,
      subjects: [subjectOf(a)],
      purpose: TRAINING_PURPOSE,
    });
    return presentOfficer(a);
  });
}

export async function createOfficer(
  deps: Deps,
  actor: Actor,
  traceId: string,
  input: z.infer<typeof AttentionOfficerCreate>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    let organisationId = input.organisationId;
    if (input.userId) {
      const user = await requireActiveRegionUser(tx, actor, input.userId);
      if (organisationId && organisationId !== user.organisation_id) {
        throw refuse(
          '/organisationId',
          'not_users_organisation',
          'An officer with an account is of its own organisation.',
        );
      }
      organisationId = user.organisation_id;
      const existing = await tx
        .selectFrom('attention_officers')
        .select('id')
        .where('user_id', '=', input.userId)
        .executeTakeFirst();
      if (existing) {
        throw new DomainError('CONFLICT', 'This user is already an attention officer.', {
          fields: [{ in: 'body', pointer: '/userId', code: 'duplicate', detail: 'Already an attention officer.' }],
        });
      }
    } else {
      await assertRegionOrganisation(tx, actor, organisationId as string, '/organisationId');
    }
    const { id } = await tx
      .insertInto('attention_officers')
      .values({
        region_id: actor.regionId,
        user_id: input.userId ?? null,
        name: input.userId ? null : (input.name ?? null),
        organisation_id: organisationId as string,
        trained_on: input.trainedOn ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await officers(tx).where('a.id', '=', id).executeTakeFirstOrThrow();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'create',
      recordType: 'attention_officer',
      recordId: id,
      subjects: [subjectOf(row)],
      purpose: TRAINING_PURPOSE,
    });
    return presentOfficer(row);
  });
}

export async function updateOfficer(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof AttentionOfficerUpdate>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const existing = await tx.selectFrom('attention_officers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!existing) throw notFound('The attention officer');
    if (existing.user_id && (input.name !== undefined || input.organisationId !== undefined)) {
      throw refuse(
        input.name !== undefined ? '/name' : '/organisationId',
        'from_account',
        'The name and organisation of an officer with an account come from the account.',
      );
    }
    if (input.organisationId) await assertRegionOrganisation(tx, actor, input.organisationId, '/organisationId');
    await updateVersioned(
      tx,
      'attention_officers',
      id,
      input.version,
      sentColumns(input, { name: 'name', organisationId: 'organisation_id', trainedOn: 'trained_on' }),
      { now: deps.now() },
    );
    const row = await officers(tx).where('a.id', '=', id).executeTakeFirstOrThrow();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'attention_officer',
      recordId: id,
      subjects: [subjectOf(row)],
      purpose: TRAINING_PURPOSE,
    });
    return presentOfficer(row);
  });
}

export async function deleteOfficer(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const removed = await tx
      .deleteFrom('attention_officers')
      .where('id', '=', id)
      .returning(['id', 'user_id'])
      .executeTakeFirst();
    if (!removed) throw notFound('The attention officer');
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'delete',
      recordType: 'attention_officer',
      recordId: id,
      subjects: [subjectOf(removed)],
      purpose: TRAINING_PURPOSE,
    });
  });
}

/**
 * The operational network (001, action line 4): per organisation of the region its attention officers
 * and how many of its people attended a training. Organisations with neither are left out.
 */
export async function operationalNetwork(deps: Deps, actor: Actor, traceId: string) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const orgs = await tx
      .selectFrom('organisations as o')
      .innerJoin('region_organisations as ro', (j) =>
        j.onRef('ro.organisation_id', '=', 'o.id').on('ro.region_id', '=', actor.regionId),
      )
      .select([
        'o.id',
        'o.name',
        'o.type',
        (eb) =>
          eb
            .selectFrom('training_participants as p')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('p.organisation_id', '=', 'o.id')
            .where('p.attended', '=', true)
            .as('trained'),
      ])
      .orderBy('o.name')
      .execute();
    const all = await officers(tx).orderBy(sql`coalesce(u.name, a.name)`).orderBy('a.id').execute();
    if (all.length > 0) {
      await recordAccess(tx, auditActor(actor, traceId), {
        action: 'read',
        recordType: 'attention_officer',
        recordId: null,
        subjects: all.map(subjectOf),
        purpose: TRAINING_PURPOSE,
      });
    }
    const items: Array<Out<typeof OperationalNetworkOrganisation>> = [];
    for (const o of orgs) {
      const mine = all.filter((a) => a.organisation_id === o.id);
      const trained = Number(o.trained ?? 0);
      if (mine.length === 0 && trained === 0) continue;
      items.push({
        organisationId: o.id,
        organisationName: o.name,
        organisationType: o.type,
        attentionOfficers: mine.map(presentOfficer),
        trainedParticipants: trained,
      });
    }
    return { items, nextCursor: null };
  });
}
