/**
 * Passkeys (WebAuthn) as a phishing-resistant second factor: register one while signed in (also as the
 * enrolment of a new account), sign in with password + passkey, list and remove your own. The relying
 * party is this installation: its id is the host of PUBLIC_URL (or of the request without it), and
 * every response must come from exactly that origin, so an assertion made for another site is useless
 * here. Each challenge is used once; a sign-in challenge is stored for minutes, a registration challenge
 * on the session.
 */
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { DomainError, notFound } from '../../core/errors.js';
import { PASSKEY_CHALLENGE_TTL_MS } from '../../core/sign-in.js';
import { randomToken, sha256 } from '../../platform/crypto.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { passkeysRequiredIn } from './sign-in-policy.js';

/** Who relies on the passkey: the installation's host name and its exact origin. */
export interface RelyingParty {
  id: string;
  origin: string;
}

export function relyingParty(publicUrl: string | null, request: { protocol: string; host: string }): RelyingParty {
  const url = new URL(publicUrl ?? `${request.protocol}://${request.host}`);
  return { id: url.hostname, origin: url.origin };
}

const RP_NAME = 'Schakel';

export interface PasskeyView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export async function listPasskeys(deps: Deps, actor: Actor): Promise<PasskeyView[]> {
  return withTx(deps.db, { regionId: null }, async (tx) => {
    const rows = await tx
      .selectFrom('webauthn_credentials')
      .select(['id', 'name', 'created_at', 'last_used_at'])
      .where('user_id', '=', actor.userId)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: r.created_at.toISOString(),
      lastUsedAt: r.last_used_at?.toISOString() ?? null,
    }));
  });
}

/** Step 1 of a registration: options for navigator.credentials.create, the challenge kept on the session. */
export async function startPasskeyRegistration(deps: Deps, actor: Actor, sessionToken: string, rp: RelyingParty) {
  return withTx(deps.db, { regionId: null }, async (tx) => {
    const existing = await tx
      .selectFrom('webauthn_credentials')
      .select(['credential_id', 'transports'])
      .where('user_id', '=', actor.userId)
      .execute();
    const options = await generateRegistrationOptions({
      rpName: RP_NAME,
      rpID: rp.id,
      userName: actor.email,
      userDisplayName: actor.name,
      userID: new TextEncoder().encode(actor.userId),
      attestationType: 'none',
      excludeCredentials: existing.map((c) => ({ id: c.credential_id, transports: transportsOf(c.transports) })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
    });
    await tx
      .updateTable('sessions')
      .set({ webauthn_challenge: options.challenge })
      .where('id_hash', '=', sha256(sessionToken))
      .execute();
    return options;
  });
}

const invalidPasskey = (pointer: string) =>
  new DomainError('BUSINESS_RULE', 'The passkey could not be verified. Try again.', {
    fields: [{ in: 'body', pointer, code: 'invalid_passkey', detail: 'The passkey could not be verified.' }],
    securityEvent: true,
  });

/**
 * Step 2: the authenticator's answer is verified against the session's challenge (used once) and the
 * credential stored. A session that still had to enrol a second factor (or, under the region's policy,
 * a passkey) becomes a full session.
 */
export async function finishPasskeyRegistration(
  deps: Deps,
  actor: Actor,
  sessionToken: string,
  rp: RelyingParty,
  input: { name: string; response: RegistrationResponseJSON },
): Promise<PasskeyView> {
  const idHash = sha256(sessionToken);
  // The challenge is taken (and cleared) in a transaction of its own: a failed attempt uses it up.
  const expectedChallenge = await withTx(deps.db, { regionId: null }, (tx) => takeSessionChallenge(tx, idHash));
  if (!expectedChallenge) {
    throw new DomainError('BUSINESS_RULE', 'Start the registration of the passkey first.', { securityEvent: true });
  }
  return withTx(deps.db, { regionId: null }, async (tx) => {
    let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verification = await verifyRegistrationResponse({
        response: input.response,
        expectedChallenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.id,
        requireUserVerification: false,
      });
    } catch {
      throw invalidPasskey('/response');
    }
    if (!verification.verified) throw invalidPasskey('/response');
    const { credential } = verification.registrationInfo;
    const taken = await tx
      .selectFrom('webauthn_credentials')
      .select('id')
      .where('credential_id', '=', credential.id)
      .executeTakeFirst();
    if (taken) throw new DomainError('CONFLICT', 'This passkey is already registered.');
    const row = await tx
      .insertInto('webauthn_credentials')
      .values({
        user_id: actor.userId,
        credential_id: credential.id,
        public_key: Buffer.from(credential.publicKey),
        counter: credential.counter,
        transports: credential.transports ?? [],
        name: input.name.trim(),
        created_at: deps.now(),
      })
      .returning(['id', 'name', 'created_at', 'last_used_at'])
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('sessions')
      .set({ second_factor_ok: true, passkey_verified: true })
      .where('id_hash', '=', idHash)
      .execute();
    return { id: row.id, name: row.name, createdAt: row.created_at.toISOString(), lastUsedAt: null };
  });
}

/** Reads and clears the registration challenge of a session in one statement. */
async function takeSessionChallenge(tx: Tx, idHash: string): Promise<string | null> {
  const row = await tx
    .selectFrom('sessions')
    .select('webauthn_challenge')
    .where('id_hash', '=', idHash)
    .forUpdate()
    .executeTakeFirst();
  if (row?.webauthn_challenge) {
    await tx.updateTable('sessions').set({ webauthn_challenge: null }).where('id_hash', '=', idHash).execute();
  }
  return row?.webauthn_challenge ?? null;
}

/**
 * Removes one of your own passkeys. Where the region requires passkeys for your role, the last one
 * stays: remove it only after registering another.
 */
export async function removePasskey(deps: Deps, actor: Actor, id: string): Promise<void> {
  await withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const rows = await tx.selectFrom('webauthn_credentials').select('id').where('user_id', '=', actor.userId).execute();
    if (!rows.some((r) => r.id === id)) throw notFound('The passkey');
    if (rows.length === 1 && (await passkeysRequiredIn(tx, actor.regionId, actor.role))) {
      throw new DomainError('BUSINESS_RULE', 'Your region requires a passkey: register another one first.', {
        fields: [{ in: 'path', pointer: '/id', code: 'last_passkey', detail: 'This is your only passkey.' }],
      });
    }
    await tx.deleteFrom('webauthn_credentials').where('id', '=', id).where('user_id', '=', actor.userId).execute();
  });
}

/**
 * The options for signing in with a passkey, handed out after a correct password (the caller checks
 * it): the user's credentials and a fresh challenge, stored for minutes and used once.
 */
export async function passkeySignInOptions(tx: Tx, deps: Deps, userId: string, rp: RelyingParty) {
  const creds = await tx
    .selectFrom('webauthn_credentials')
    .select(['credential_id', 'transports'])
    .where('user_id', '=', userId)
    .execute();
  if (creds.length === 0) return null;
  const challenge = randomToken(32);
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    challenge: new TextEncoder().encode(challenge),
    allowCredentials: creds.map((c) => ({ id: c.credential_id, transports: transportsOf(c.transports) })),
    userVerification: 'preferred',
  });
  await tx.deleteFrom('webauthn_sign_in_challenges').where('expires_at', '<', deps.now()).execute();
  await tx
    .insertInto('webauthn_sign_in_challenges')
    .values({
      challenge: options.challenge,
      user_id: userId,
      expires_at: new Date(deps.now().getTime() + PASSKEY_CHALLENGE_TTL_MS),
    })
    .execute();
  return options;
}

/**
 * Verifies a passkey assertion of this user: the challenge it signed must be one handed out to this
 * user, unexpired, and is used up; the credential must be the user's (a removed one is not); origin and
 * relying party must be this installation's; the signature counter must move forward.
 */
export async function verifyPasskeySignIn(
  tx: Tx,
  deps: Deps,
  userId: string,
  rp: RelyingParty,
  response: AuthenticationResponseJSON,
): Promise<boolean> {
  const challenge = challengeOf(response);
  if (!challenge) return false;
  const taken = await tx
    .deleteFrom('webauthn_sign_in_challenges')
    .where('challenge', '=', challenge)
    .where('user_id', '=', userId)
    .where('expires_at', '>', deps.now())
    .returning('challenge')
    .executeTakeFirst();
  if (!taken) return false;
  const cred = await tx
    .selectFrom('webauthn_credentials')
    .select(['id', 'credential_id', 'public_key', 'counter', 'transports'])
    .where('user_id', '=', userId)
    .where('credential_id', '=', response.id)
    .executeTakeFirst();
  if (!cred) return false;
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: cred.credential_id,
        publicKey: new Uint8Array(cred.public_key),
        counter: Number(cred.counter),
        transports: transportsOf(cred.transports),
      },
      requireUserVerification: false,
    });
    if (!result.verified) return false;
    await tx
      .updateTable('webauthn_credentials')
      .set({ counter: result.authenticationInfo.newCounter, last_used_at: deps.now() })
      .where('id', '=', cred.id)
      .execute();
    return true;
  } catch {
    return false;
  }
}

/** The challenge inside the client data of an assertion (what the authenticator signed), or null. */
function challengeOf(response: AuthenticationResponseJSON): string | null {
  try {
    const data = JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8'));
    return typeof data.challenge === 'string' && data.challenge.length <= 200 ? data.challenge : null;
  } catch {
    return null;
  }
}

type Transport = 'ble' | 'cable' | 'hybrid' | 'internal' | 'nfc' | 'smart-card' | 'usb';
const TRANSPORTS: readonly Transport[] = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'];
function transportsOf(values: string[]): Transport[] {
  return values.filter((v): v is Transport => (TRANSPORTS as readonly string[]).includes(v));
}

export async function passkeyCountOf(tx: Tx, userId: string): Promise<number> {
  const row = await tx
    .selectFrom('webauthn_credentials')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
