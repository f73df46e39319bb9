/**
 * A user changes their own password: the current one, and a new one that passes the password policy
 * (length, not breached or common, not built on their name). Afterwards every other session and every
 * API token of the user has ended, and the session in use continues under a new id.
 */
import { DomainError, type FieldIssue } from '../../core/errors.js';
import { PASSWORD_PROBLEM_TEXT, type PasswordProblem, passwordProblems } from '../../core/password-policy.js';
import { randomToken, sha256 } from '../../platform/crypto.js';
import { withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { hashPassword, verifyPassword } from './password.js';
import { endSessionsAndTokens } from './queries.js';
import { admitAttempt, recordFailure } from './throttle.js';

/** A refused new password: one field error per problem, written as a security event. */
export function weakPasswordError(problems: PasswordProblem[], pointer: string): DomainError {
  const fields: FieldIssue[] = problems.map((p) => ({
    in: 'body',
    pointer,
    code: `password_${p}`,
    detail: PASSWORD_PROBLEM_TEXT[p],
  }));
  return new DomainError('BUSINESS_RULE', 'Choose a stronger password.', { fields, securityEvent: true });
}

/** Checks a password an admin sets for someone else (initial or reset): the same policy. */
export function assertAcceptablePassword(
  password: string,
  personal: { email?: string; name?: string },
  pointer: string,
): void {
  const problems = passwordProblems(password, personal);
  if (problems.length > 0) throw weakPasswordError(problems, pointer);
}

export async function changeOwnPassword(
  deps: Deps,
  actor: Actor,
  sessionToken: string,
  input: { currentPassword: string; newPassword: string },
  clientIp: string,
): Promise<{ sessionToken: string; csrfToken: string }> {
  if (actor.via !== 'session') {
    throw new DomainError('FORBIDDEN', 'A password is changed in a signed-in session, not with an API token.');
  }
  const policy = { maxFailures: deps.config.loginMaxFailures, ratePerMinute: deps.config.loginRatePerMinute };
  const user = await withTx(deps.db, { regionId: null }, async (tx) => {
    // A stolen session cannot guess the current password faster than sign-in allows.
    await admitAttempt(tx, policy, actor.email, clientIp);
    return tx
      .selectFrom('users')
      .select(['password_hash', 'email', 'name'])
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow();
  });
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await withTx(deps.db, { regionId: null }, (tx) => recordFailure(tx, policy, actor.email));
    throw new DomainError('BUSINESS_RULE', 'The current password is not correct.', {
      fields: [
        { in: 'body', pointer: '/currentPassword', code: 'incorrect', detail: 'The current password is not correct.' },
      ],
      securityEvent: true,
    });
  }
  const problems = passwordProblems(input.newPassword, {
    email: user.email,
    name: user.name,
    current: input.currentPassword,
  });
  if (problems.length > 0) throw weakPasswordError(problems, '/newPassword');
  const hash = await hashPassword(input.newPassword);
  const now = deps.now();
  const next = { sessionToken: randomToken(), csrfToken: randomToken() };
  await withTx(deps.db, { regionId: null }, async (tx) => {
    await tx
      .updateTable('users')
      .set((eb) => ({
        password_hash: hash,
        password_must_change: false,
        password_changed_at: now,
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', actor.userId)
      .execute();
    const current = await tx
      .selectFrom('sessions')
      .selectAll()
      .where('id_hash', '=', sha256(sessionToken))
      .executeTakeFirstOrThrow();
    await endSessionsAndTokens(tx, actor.userId, 'password_changed', now);
    // The session in use goes on under a new id (and CSRF token): whoever held the old one is out.
    await tx
      .insertInto('sessions')
      .values({
        id_hash: sha256(next.sessionToken),
        user_id: actor.userId,
        region_id: current.region_id,
        csrf_token: next.csrfToken,
        second_factor_ok: current.second_factor_ok,
        password_change_required: false,
        created_at: now,
        last_seen_at: now,
        expires_at: current.expires_at,
        auth_method: current.auth_method,
        acr: current.acr,
        passkey_verified: current.passkey_verified,
        oidc_provider: current.oidc_provider,
        id_token_sealed: current.id_token_sealed,
      })
      .execute();
  });
  return next;
}
