/**
 * Account administration. The home region of an organisation administers its users: it creates them,
 * changes them, disables them and resets their second factor or password. Another region sees only
 * the users who hold (or were asked) a grant there, and can do nothing to their accounts — only to its
 * own grants (grants.ts).
 */
import type { z } from 'zod';
import { DomainError, forbidden, notFound, staleVersion } from '../../core/errors.js';
import { administersAccount } from '../../core/grants.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import { rethrowConstraint } from '../../platform/db/errors.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordAccess } from '../access-log/record.js';
import { hashPassword } from '../auth/password.js';
import { assertAcceptablePassword } from '../auth/passwords.js';
import { endSessionsAndTokens } from '../auth/queries.js';
import { requestGrantIn } from './grants.js';
import { type UserRow, usersInRegion } from './queries.js';
import type { PasswordReset, User, UserCreate, UserListQuery, UserUpdate } from './schemas.js';

const PURPOSE = { type: 'user-administration' } as const;

function present(u: UserRow, actor: Actor): z.infer<typeof User> {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role as z.infer<typeof User>['role'],
    requestedRole: u.requested_role as z.infer<typeof User>['requestedRole'],
    organisationId: u.organisation_id,
    organisationName: u.organisation_name,
    administered: administersAccount(actor.regionId, u.home_region_id),
    locale: u.locale === 'en' ? 'en' : 'nl',
    secondFactorEnrolled: u.totp_enrolled_at !== null,
    passwordMustChange: u.password_must_change,
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
    if (q.role) {
      const role = q.role;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('role_grants as fg')
            .select('fg.id')
            .whereRef('fg.user_id', '=', 'u.id')
            .where('fg.region_id', '=', actor.regionId)
            .where('fg.status', '=', 'active')
            .where('fg.role', '=', role),
        ),
      );
    }
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
    return { items: result.items.map((u) => present(u, actor)), nextCursor: result.nextCursor };
  });
}

async function requireVisibleUser(tx: Tx, actor: Actor, id: string): Promise<UserRow> {
  const row = await usersInRegion(tx, actor).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('The user');
  return row;
}

/** The user's account is administered by this region; otherwise a refusal written as a security event. */
export async function requireAdministeredUser(tx: Tx, actor: Actor, id: string): Promise<UserRow> {
  const row = await requireVisibleUser(tx, actor, id);
  if (!administersAccount(actor.regionId, row.home_region_id)) {
    throw forbidden("This account is administered by its organisation's home region; here you manage only its grant.");
  }
  return row;
}

/** The user as presented after it was read or changed, with the access-log entry about that user. */
async function loggedUser(tx: Tx, actor: Actor, traceId: string, id: string, action: 'read' | 'create' | 'update') {
  const row = await requireVisibleUser(tx, actor, id);
  await recordAccess(tx, auditActor(actor, traceId), {
    action,
    recordType: 'user',
    recordId: id,
    subjects: [{ type: 'user', id }],
    purpose: PURPOSE,
  });
  return present(row, actor);
}

export async function getUser(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, { regionId: actor.regionId }, (tx) => loggedUser(tx, actor, traceId, id, 'read'));
}

const USER_CONSTRAINTS = { users_email_key: { pointer: '/email', detail: 'A user with this e-mail address exists.' } };

/** An organisation whose users this region administers; a field error (and a security event) otherwise. */
export async function assertAdministeredOrganisation(tx: Tx, actor: Actor, organisationId: string, pointer: string) {
  const org = await tx
    .selectFrom('organisations')
    .select('home_region_id')
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!org || !administersAccount(actor.regionId, org.home_region_id)) {
    const detail = 'Choose an organisation whose accounts this region administers (its home region).';
    throw new DomainError('BUSINESS_RULE', detail, {
      fields: [{ in: 'body', pointer, code: 'not_administered', detail }],
      securityEvent: true,
    });
  }
}

/**
 * A new account of an organisation this region administers, with the password an admin set (to be
 * changed at the first sign-in) and a request for its first role in this region — in effect at once
 * only for a role without personal data; otherwise when a second admin approves it.
 */
export async function createUser(deps: Deps, actor: Actor, traceId: string, input: z.infer<typeof UserCreate>) {
  assertAcceptablePassword(input.initialPassword, { email: input.email, name: input.name }, '/initialPassword');
  const passwordHash = await hashPassword(input.initialPassword);
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    await assertAdministeredOrganisation(tx, actor, input.organisationId, '/organisationId');
    const { id } = await tx
      .insertInto('users')
      .values({
        email: input.email,
        name: input.name,
        organisation_id: input.organisationId,
        locale: input.locale,
        password_hash: passwordHash,
        password_must_change: true,
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
    await requestGrantIn(tx, deps, actor, traceId, {
      userId: id,
      role: input.role,
      reason: input.reason ?? 'Nieuw account',
    });
    return present(await requireVisibleUser(tx, actor, id), actor);
  });
}

/**
 * Changes an account of this region's organisations. Disabling, or moving the user to another
 * organisation, ends all of their sessions and API tokens at once. Roles are changed through grants.
 */
export async function updateUser(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof UserUpdate>,
) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const existing = await requireAdministeredUser(tx, actor, id);
    if (id === actor.userId && input.disabled) {
      // An administrator cannot lock themselves out by accident.
      const detail = 'You cannot block your own account.';
      throw new DomainError('BUSINESS_RULE', detail, {
        fields: [{ in: 'body', pointer: '/disabled', code: 'self', detail }],
      });
    }
    if (input.organisationId !== existing.organisation_id) {
      await assertAdministeredOrganisation(tx, actor, input.organisationId, '/organisationId');
    }
    const now = deps.now();
    const updated = await tx
      .updateTable('users')
      .set((eb) => ({
        name: input.name,
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
    if (input.disabled && existing.disabled_at === null) {
      await endSessionsAndTokens(tx, id, 'disabled', now);
    } else if (input.organisationId !== existing.organisation_id) {
      // Another organisation changes what the user may see: start over.
      await endSessionsAndTokens(tx, id, 'grant_changed', now);
    }
    return loggedUser(tx, actor, traceId, id, 'update');
  });
}

/** The user lost their authenticator: they enrol a new one at the next sign-in; sessions and tokens end. */
export async function resetSecondFactor(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    await requireAdministeredUser(tx, actor, id);
    const now = deps.now();
    await tx
      .updateTable('users')
      .set((eb) => ({
        totp_secret: null,
        totp_enrolled_at: null,
        totp_last_step: null,
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', id)
      .execute();
    await endSessionsAndTokens(tx, id, 'second_factor_reset', now);
    return loggedUser(tx, actor, traceId, id, 'update');
  });
}

/**
 * The user forgot their password: an admin sets a temporary one, which the user must change at the
 * next sign-in. All of the user's sessions and API tokens end at once.
 */
export async function resetPassword(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof PasswordReset>,
) {
  if (id === actor.userId) {
    throw new DomainError('BUSINESS_RULE', 'Change your own password under "Wachtwoord wijzigen".', {
      fields: [{ in: 'path', pointer: '/id', code: 'self', detail: 'Change your own password yourself.' }],
    });
  }
  const target = await withTx(deps.db, { regionId: actor.regionId }, (tx) => requireAdministeredUser(tx, actor, id));
  assertAcceptablePassword(input.temporaryPassword, { email: target.email, name: target.name }, '/temporaryPassword');
  const hash = await hashPassword(input.temporaryPassword);
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    await requireAdministeredUser(tx, actor, id);
    const now = deps.now();
    const updated = await tx
      .updateTable('users')
      .set((eb) => ({
        password_hash: hash,
        password_must_change: true,
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw staleVersion();
    await endSessionsAndTokens(tx, id, 'password_reset', now);
    return loggedUser(tx, actor, traceId, id, 'update');
  });
}
