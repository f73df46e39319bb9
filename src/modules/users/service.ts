import type { z } from 'zod';
import { DomainError, notFound, staleVersion } from '../../core/errors.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import { rethrowConstraint } from '../../platform/db/errors.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordAccess } from '../access-log/record.js';
import { hashPassword } from '../auth/password.js';
import { assertOrganisationInRegion } from '../organisations/service.js';
import type { User, UserCreate, UserListQuery, UserUpdate } from './schemas.js';

const PURPOSE = { type: 'user-administration' } as const;

/** Users of organisations that take part in the actor's region; the join is the tenant filter. */
function usersInRegion(tx: Tx, actor: Actor) {
  return tx
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .innerJoin('region_organisations as m', (j) =>
      j.onRef('m.organisation_id', '=', 'u.organisation_id').on('m.region_id', '=', actor.regionId),
    )
    .select([
      'u.id',
      'u.email',
      'u.name',
      'u.role',
      'u.organisation_id',
      'o.name as organisation_name',
      'u.locale',
      'u.totp_enrolled_at',
      'u.disabled_at',
      'u.created_at',
      'u.version',
    ]);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof usersInRegion>['executeTakeFirstOrThrow']>>;

function present(u: UserRow): z.infer<typeof User> {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role as z.infer<typeof User>['role'],
    organisationId: u.organisation_id,
    organisationName: u.organisation_name,
    locale: u.locale === 'en' ? 'en' : 'nl',
    secondFactorEnrolled: u.totp_enrolled_at !== null,
    disabled: u.disabled_at !== null,
    createdAt: u.created_at.toISOString(),
    version: u.version,
  };
}

export async function listUsers(deps: Deps, actor: Actor, traceId: string, q: z.infer<typeof UserListQuery>) {
  const after = decodeCursor(q.cursor, ['string', 'uuid']) as [string, string] | null;
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    let query = usersInRegion(tx, actor)
      .orderBy('u.name')
      .orderBy('u.id')
      .limit(q.limit + 1);
    if (q.organisationId) query = query.where('u.organisation_id', '=', q.organisationId);
    if (q.role) query = query.where('u.role', '=', q.role);
    if (after) {
      query = query.where((eb) =>
        eb.or([eb('u.name', '>', after[0]), eb.and([eb('u.name', '=', after[0]), eb('u.id', '>', after[1])])]),
      );
    }
    const rows = await query.execute();
    const result = page(rows, q.limit, (u) => [u.name, u.id]);
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'user',
      recordId: null,
      subjects: result.items.map((u) => ({ type: 'user' as const, id: u.id })),
      purpose: PURPOSE,
    });
    return { items: result.items.map(present), nextCursor: result.nextCursor };
  });
}

export async function getUser(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const row = await usersInRegion(tx, actor).where('u.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('The user');
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'user',
      recordId: id,
      subjects: [{ type: 'user', id }],
      purpose: PURPOSE,
    });
    return present(row);
  });
}

const USER_CONSTRAINTS = { users_email_key: { pointer: '/email', detail: 'A user with this e-mail address exists.' } };

export async function createUser(deps: Deps, actor: Actor, traceId: string, input: z.infer<typeof UserCreate>) {
  const passwordHash = await hashPassword(input.initialPassword);
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    await assertOrganisationInRegion(tx, actor, input.organisationId, '/organisationId');
    const { id } = await tx
      .insertInto('users')
      .values({
        email: input.email,
        name: input.name,
        role: input.role,
        organisation_id: input.organisationId,
        locale: input.locale,
        password_hash: passwordHash,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e) => rethrowConstraint(e, USER_CONSTRAINTS));
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'create',
      recordType: 'user',
      recordId: id,
      subjects: [{ type: 'user', id }],
      purpose: PURPOSE,
    });
    return present(await usersInRegion(tx, actor).where('u.id', '=', id).executeTakeFirstOrThrow());
  });
}

/** Changes a user; disabling ends all of the user's sessions and tokens at once. */
export async function updateUser(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof UserUpdate>,
) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const existing = await usersInRegion(tx, actor).where('u.id', '=', id).executeTakeFirst();
    if (!existing) throw notFound('The user');
    if (id === actor.userId) {
      // An administrator cannot lock themselves out or drop their own rights by accident.
      const fields = [
        ...(input.disabled
          ? [{ in: 'body' as const, pointer: '/disabled', code: 'self', detail: 'You cannot block your own account.' }]
          : []),
        ...(input.role !== existing.role
          ? [{ in: 'body' as const, pointer: '/role', code: 'self', detail: 'You cannot change your own role.' }]
          : []),
      ];
      if (fields.length)
        throw new DomainError('BUSINESS_RULE', 'You cannot block your own account or change your own role.', {
          fields,
        });
    }
    await assertOrganisationInRegion(tx, actor, input.organisationId, '/organisationId');
    const now = deps.now();
    const updated = await tx
      .updateTable('users')
      .set((eb) => ({
        name: input.name,
        role: input.role,
        organisation_id: input.organisationId,
        locale: input.locale,
        disabled_at: input.disabled ? (existing.disabled_at ?? now) : null,
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw staleVersion();
    if (input.disabled || input.role !== existing.role || input.organisationId !== existing.organisation_id) {
      // A changed role or organisation changes what the user may see: start over with a new session.
      await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
    }
    if (input.disabled) {
      await tx
        .updateTable('api_tokens')
        .set({ revoked_at: now })
        .where('user_id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    }
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'user',
      recordId: id,
      subjects: [{ type: 'user', id }],
      purpose: PURPOSE,
    });
    return present(await usersInRegion(tx, actor).where('u.id', '=', id).executeTakeFirstOrThrow());
  });
}

/** The user lost their authenticator: they enrol a new one at the next sign-in. */
export async function resetSecondFactor(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const existing = await usersInRegion(tx, actor).where('u.id', '=', id).executeTakeFirst();
    if (!existing) throw notFound('The user');
    await tx
      .updateTable('users')
      .set((eb) => ({
        totp_secret: null,
        totp_enrolled_at: null,
        totp_last_step: null,
        version: eb('version', '+', 1),
        updated_at: deps.now(),
      }))
      .where('id', '=', id)
      .execute();
    await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'user',
      recordId: id,
      subjects: [{ type: 'user', id }],
      purpose: PURPOSE,
    });
    return present(await usersInRegion(tx, actor).where('u.id', '=', id).executeTakeFirstOrThrow());
  });
}
