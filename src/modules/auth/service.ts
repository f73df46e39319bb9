import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { DomainError } from '../../core/errors.js';
import { requiresSecondFactor } from '../../core/roles.js';
import { passkeyPending, type SignInMethod } from '../../core/sign-in.js';
import { randomToken, sha256 } from '../../platform/crypto.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { passkeyCountOf, passkeySignInOptions, type RelyingParty, verifyPasskeySignIn } from './passkeys.js';
import { verifyPassword } from './password.js';
import {
  activeGrantsOf,
  activeRoleIn,
  findLiveSession,
  findLiveToken,
  findUserByEmail,
  type RegionGrant,
} from './queries.js';
import { recordRefusedSignIn, recordSignIn } from './sign-in-events.js';
import { passkeysRequiredIn } from './sign-in-policy.js';
import { admitAttempt, clearFailures, recordFailure } from './throttle.js';
import { checkTotp, newTotpSecret, totpQrSvg, totpUri } from './totp.js';

const invalidCredentials = () =>
  new DomainError(
    'INVALID_CREDENTIALS',
    'Sign-in failed: the e-mail address, password or authentication code is not correct.',
  );

export interface SignInResult {
  sessionToken: string;
  actor: Actor;
  mustEnrolSecondFactor: boolean;
}

type UserRow = NonNullable<Awaited<ReturnType<typeof findUserByEmail>>>;

/**
 * The first step of every password sign-in: the attempt is admitted by the rate limit and lockout
 * (throws 429 otherwise), the account looked up, and the password checked — in constant work, also for
 * an unknown or blocked account, so that the answer tells nothing about which it was.
 */
async function checkPassword(deps: Deps, input: { email: string; password: string; clientIp: string }) {
  const policy = { maxFailures: deps.config.loginMaxFailures, ratePerMinute: deps.config.loginRatePerMinute };
  const email = input.email.trim().toLowerCase();
  const user = await withTx(deps.db, { regionId: null }, async (tx) => {
    await admitAttempt(tx, policy, email, input.clientIp);
    return findUserByEmail(tx, email);
  });
  const passwordOk = await verifyPassword(user && !user.disabled_at ? user.password_hash : null, input.password);
  return { policy, email, user, passwordOk };
}

/**
 * Checks e-mail, password and (once enrolled) the second factor — a TOTP code or a passkey — and opens a
 * new session with a new id. Every failure looks the same to the caller and counts towards the
 * account's lockout; a refused passkey of a known account is also a security event.
 */
export async function signIn(
  deps: Deps,
  input: {
    email: string;
    password: string;
    totp?: string | undefined;
    passkey?: AuthenticationResponseJSON | undefined;
    clientIp: string;
    traceId: string;
    rp: RelyingParty;
  },
): Promise<SignInResult> {
  const { policy, email, user, passwordOk } = await checkPassword(deps, input);
  let totpStep: number | null = null;
  let method: SignInMethod = 'password';
  let ok = passwordOk && user !== undefined && user.disabled_at === null;
  const totpEnrolled = Boolean(user?.totp_enrolled_at && user.totp_secret);
  const passkeys = ok && user ? await withTx(deps.db, { regionId: null }, (tx) => passkeyCountOf(tx, user.id)) : 0;
  const enrolled = totpEnrolled || passkeys > 0;
  if (ok && user && input.passkey && passkeys > 0) {
    const passkey = input.passkey;
    // Its own transaction: the challenge is used up even when the assertion fails.
    ok = await withTx(deps.db, { regionId: null }, (tx) => verifyPasskeySignIn(tx, deps, user.id, input.rp, passkey));
    method = 'password_passkey';
    if (!ok) await refuse(deps, user, 'password_passkey', 'PASSKEY_INVALID', input.traceId);
  } else if (ok && user && totpEnrolled && input.totp) {
    const secret = deps.secrets.open(user.totp_secret as string);
    // Replay protection would make the shared demo secret unusable by two people at once.
    const after = deps.config.demo || user.totp_last_step === null ? null : Number(user.totp_last_step);
    totpStep = await checkTotp(secret, input.totp, after);
    ok = totpStep !== null;
    method = 'password_totp';
  } else if (ok && enrolled) {
    ok = false;
  }
  if (!ok || !user) {
    await withTx(deps.db, { regionId: null }, (tx) => recordFailure(tx, policy, email));
    throw invalidCredentials();
  }

  const result = await withTx(deps.db, { regionId: null, organisationId: user.organisation_id }, async (tx) => {
    await clearFailures(tx, email);
    if (totpStep !== null) {
      await tx.updateTable('users').set({ totp_last_step: totpStep }).where('id', '=', user.id).execute();
    }
    return openSession(tx, deps, user, {
      method,
      acr: null,
      passkeyVerified: method === 'password_passkey',
      // A second factor for anyone who can see personal data in any region they work in.
      enrolmentDue: (grants) => !enrolled && grants.some((g) => requiresSecondFactor(g.role)),
      traceId: input.traceId,
    });
  });
  return result;
}

/**
 * Step 1 of signing in with a passkey: after a correct password, the options for the browser. A wrong
 * password, or an account without passkeys, fails like any sign-in (and counts towards the lockout).
 */
export async function passkeySignInStart(
  deps: Deps,
  input: { email: string; password: string; clientIp: string; rp: RelyingParty },
) {
  const { policy, email, user, passwordOk } = await checkPassword(deps, input);
  const options =
    passwordOk && user && !user.disabled_at
      ? await withTx(deps.db, { regionId: null }, (tx) => passkeySignInOptions(tx, deps, user.id, input.rp))
      : null;
  if (!options) {
    await withTx(deps.db, { regionId: null }, (tx) => recordFailure(tx, policy, email));
    throw invalidCredentials();
  }
  return options;
}

async function refuse(deps: Deps, user: UserRow, method: SignInMethod, code: string, traceId: string) {
  const home = await withTx(deps.db, { regionId: null }, (tx) =>
    tx.selectFrom('organisations').select('home_region_id').where('id', '=', user.organisation_id).executeTakeFirst(),
  );
  if (!home?.home_region_id) return;
  await recordRefusedSignIn(deps, {
    regionId: home.home_region_id,
    userId: user.id,
    organisationId: user.organisation_id,
    method,
    code,
    route: '/api/v1/auth/login',
    traceId,
  });
}

/**
 * Opens a session for a user whose credentials were checked, in the first region where a grant is in
 * effect (the home region first), and logs the sign-in. Shared by password sign-in and single sign-on.
 */
export async function openSession(
  tx: Tx,
  deps: Deps,
  user: Pick<UserRow, 'id' | 'organisation_id' | 'email' | 'name' | 'locale' | 'password_must_change'>,
  how: {
    method: SignInMethod;
    acr: string | null;
    passkeyVerified: boolean;
    enrolmentDue: (grants: RegionGrant[]) => boolean;
    oidcProvider?: string;
    idTokenSealed?: string | null;
    traceId: string;
  },
): Promise<SignInResult> {
  const grants = await activeGrantsOf(tx, user.id);
  const grant = grants[0];
  if (!grant) {
    throw new DomainError(
      'NO_ROLE',
      'Your account holds no role in any region yet (or its grant still awaits approval). Ask your admin.',
    );
  }
  const mustEnrol = how.enrolmentDue(grants);
  const sessionToken = randomToken();
  const csrfToken = randomToken();
  const now = deps.now();
  await tx
    .insertInto('sessions')
    .values({
      id_hash: sha256(sessionToken),
      user_id: user.id,
      region_id: grant.regionId,
      csrf_token: csrfToken,
      second_factor_ok: !mustEnrol,
      password_change_required: how.method === 'oidc' ? false : user.password_must_change,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + deps.config.sessionMaxMs),
      auth_method: mustEnrol ? 'password' : how.method,
      acr: how.acr,
      passkey_verified: how.passkeyVerified,
      oidc_provider: how.oidcProvider ?? null,
      id_token_sealed: how.idTokenSealed ?? null,
    })
    .execute();
  const passkeyDue = passkeyPending({
    policyRequiresPasskeys: await passkeysRequiredIn(tx, grant.regionId, grant.role),
    role: grant.role,
    method: how.method,
    passkeyVerified: how.passkeyVerified,
  });
  await recordSignIn(tx, deps, {
    userId: user.id,
    organisationId: user.organisation_id,
    role: grant.role,
    regionId: grant.regionId,
    method: mustEnrol ? 'password' : how.method,
    acr: how.acr,
    traceId: how.traceId,
  });
  const actor: Actor = {
    userId: user.id,
    organisationId: user.organisation_id,
    role: grant.role,
    regionId: grant.regionId,
    email: user.email,
    name: user.name,
    locale: user.locale === 'en' ? 'en' : 'nl',
    via: 'session',
    secondFactorOk: !mustEnrol && !passkeyDue,
    mustChangePassword: how.method === 'oidc' ? false : user.password_must_change,
    csrfToken,
    tokenScope: null,
    signIn: {
      method: mustEnrol ? 'password' : how.method,
      acr: how.acr,
      passkeyVerified: how.passkeyVerified,
      passkeyDue,
    },
  };
  return { sessionToken, actor, mustEnrolSecondFactor: mustEnrol || passkeyDue };
}

/** Ends the session; returns what single logout at the identity provider needs (for an SSO session). */
export async function signOut(deps: Deps, sessionToken: string) {
  return withTx(deps.db, { regionId: null }, async (tx) => {
    const row = await tx
      .deleteFrom('sessions')
      .where('id_hash', '=', sha256(sessionToken))
      .returning(['oidc_provider', 'id_token_sealed'])
      .executeTakeFirst();
    return { provider: row?.oidc_provider ?? null, idTokenSealed: row?.id_token_sealed ?? null };
  });
}

/** How often a used session's last_seen_at is written (see resumeSession). */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

/**
 * Resolves a session cookie to the actor. Ends the session when it has been idle too long or has
 * passed its absolute lifetime; a disabled user's session does not resolve at all.
 */
export async function resumeSession(deps: Deps, sessionToken: string): Promise<Actor> {
  const idHash = sha256(sessionToken);
  const now = deps.now();
  const actor = await withTx(deps.db, { regionId: null }, async (tx): Promise<Actor | 'expired'> => {
    const s = await findLiveSession(tx, idHash);
    if (!s) {
      throw new DomainError('UNAUTHENTICATED', 'You are not signed in.');
    }
    const idle = now.getTime() - s.last_seen_at.getTime() > deps.config.sessionIdleMs;
    if (idle || s.expires_at.getTime() <= now.getTime()) {
      // Returned, not thrown: a throw would roll the delete back and leave the session in place.
      await tx.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
      return 'expired';
    }
    // The role comes from the grant in effect in the session's region, read at every request: a
    // revoked grant stops the session at once, even before the revocation deleted it.
    const role = await activeRoleIn(tx, s.user_id, s.region_id);
    if (!role) {
      await tx.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
      return 'expired';
    }
    // Touch the session at most once a minute: a request that only reads then commits no write (and
    // waits for no disk flush). The idle time is measured from the last touch, so a session can end up
    // to SESSION_TOUCH_INTERVAL early — never late.
    if (now.getTime() - s.last_seen_at.getTime() >= SESSION_TOUCH_INTERVAL_MS) {
      await tx.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
    }
    // The region's passkey policy bites at once: a session made without a passkey must register one.
    const passkeyDue = passkeyPending({
      policyRequiresPasskeys: s.passkeys_required === true,
      role,
      method: s.auth_method,
      passkeyVerified: s.passkey_verified,
    });
    return {
      userId: s.user_id,
      organisationId: s.organisation_id,
      role,
      regionId: s.region_id,
      email: s.email,
      name: s.name,
      locale: s.locale === 'en' ? 'en' : 'nl',
      via: 'session',
      secondFactorOk: s.second_factor_ok && !passkeyDue,
      mustChangePassword: s.password_change_required,
      csrfToken: s.csrf_token,
      tokenScope: null,
      signIn: { method: s.auth_method, acr: s.acr, passkeyVerified: s.passkey_verified, passkeyDue },
    };
  });
  if (actor === 'expired') {
    throw new DomainError('SESSION_EXPIRED', 'Your session has expired. Please sign in again.');
  }
  return actor;
}

export async function resumeToken(deps: Deps, token: string): Promise<Actor> {
  return withTx(deps.db, { regionId: null }, async (tx) => {
    const t = await findLiveToken(tx, sha256(token), deps.now());
    const role = t ? await activeRoleIn(tx, t.user_id, t.region_id) : null;
    if (!t || !role || t.password_must_change) {
      throw new DomainError('UNAUTHENTICATED', 'The API token is unknown, expired or revoked.');
    }
    // Written at most once a minute, like a session's use: a reading request then commits nothing.
    if (!t.last_used_at || deps.now().getTime() - t.last_used_at.getTime() >= SESSION_TOUCH_INTERVAL_MS) {
      await tx.updateTable('api_tokens').set({ last_used_at: deps.now() }).where('id', '=', t.id).execute();
    }
    return {
      userId: t.user_id,
      organisationId: t.organisation_id,
      role,
      regionId: t.region_id,
      email: t.email,
      name: t.name,
      locale: t.locale === 'en' ? 'en' : 'nl',
      via: 'token',
      secondFactorOk: true,
      mustChangePassword: false,
      csrfToken: null,
      tokenScope: { access: t.access, resources: t.resources },
    };
  });
}

/** Step 1 of enrolment: a fresh secret, kept sealed until the user proves they hold it. */
export async function startTotpEnrolment(deps: Deps, actor: Actor) {
  const secret = newTotpSecret();
  const uri = totpUri(secret, actor.email);
  await withTx(deps.db, { regionId: null }, async (tx) => {
    const user = await tx
      .selectFrom('users')
      .select('totp_enrolled_at')
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    if (user.totp_enrolled_at) {
      throw new DomainError('CONFLICT', 'A second factor is already enrolled for this account.');
    }
    await tx
      .updateTable('users')
      .set({ totp_secret: deps.secrets.seal(secret), updated_at: deps.now() })
      .where('id', '=', actor.userId)
      .execute();
  });
  return { secret, otpauthUri: uri, qrSvg: await totpQrSvg(uri) };
}

/** Step 2: the code proves possession; the session becomes a full session. */
export async function confirmTotpEnrolment(deps: Deps, actor: Actor, sessionToken: string, code: string) {
  await withTx(deps.db, { regionId: null }, async (tx) => {
    const user = await tx
      .selectFrom('users')
      .select(['totp_secret', 'totp_enrolled_at'])
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    if (user.totp_enrolled_at) {
      throw new DomainError('CONFLICT', 'A second factor is already enrolled for this account.');
    }
    if (!user.totp_secret) {
      throw new DomainError('BUSINESS_RULE', 'Start the enrolment first.');
    }
    const step = await checkTotp(deps.secrets.open(user.totp_secret), code, null);
    if (step === null) {
      throw new DomainError('BUSINESS_RULE', 'The code is not correct. Check the time on your device.', {
        fields: [{ in: 'body', pointer: '/code', code: 'invalid_code', detail: 'The code is not correct.' }],
      });
    }
    await tx
      .updateTable('users')
      .set({ totp_enrolled_at: deps.now(), totp_last_step: step, updated_at: deps.now() })
      .where('id', '=', actor.userId)
      .execute();
    await tx
      .updateTable('sessions')
      .set({ second_factor_ok: true, auth_method: 'password_totp' })
      .where('id_hash', '=', sha256(sessionToken))
      .execute();
  });
}

/**
 * Switches the session to another region in which the user holds a grant in effect; the role there
 * is that grant's. Explicit: a session acts in one region at a time, an API token in the region it
 * was made in.
 */
export async function switchRegion(deps: Deps, actor: Actor, sessionToken: string, regionId: string): Promise<Actor> {
  if (actor.via !== 'session') {
    throw new DomainError('FORBIDDEN', 'An API token is bound to one region.');
  }
  return withTx(deps.db, { regionId: null, organisationId: actor.organisationId }, async (tx) => {
    const role = await activeRoleIn(tx, actor.userId, regionId);
    if (!role) {
      throw new DomainError('BUSINESS_RULE', 'You hold no role in that region.', {
        fields: [
          { in: 'body', pointer: '/regionId', code: 'unknown_reference', detail: 'Choose one of your regions.' },
        ],
      });
    }
    await tx.updateTable('sessions').set({ region_id: regionId }).where('id_hash', '=', sha256(sessionToken)).execute();
    return { ...actor, regionId, role };
  });
}
