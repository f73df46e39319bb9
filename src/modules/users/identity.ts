/**
 * An admin's part in signing in (issue 15): the identity providers of the organisations this region
 * administers (the client secret write-only, sealed at rest), and the reset of a user's lost passkeys
 * under the four-eyes rule — one admin asks, another admin of the region approves, never the user.
 */
import { z } from 'zod';
import { issuerAllowed } from '../../config.js';
import { DomainError, notFound, staleVersion } from '../../core/errors.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { recordAccess } from '../access-log/record.js';
import { forgetProvider } from '../auth/oidc.js';
import { endSessionsAndTokens } from '../auth/queries.js';
import { assertAdministeredOrganisation, requireAdministeredUser } from './service.js';

const Issuer = z.url().max(500).refine(issuerAllowed, 'An https address (http only on a loopback address)');

export const IdentityProviderInput = z.strictObject({
  organisationId: z.uuid(),
  displayName: z.string().trim().min(1).max(120),
  issuer: Issuer,
  clientId: z.string().trim().min(1).max(500),
  clientSecret: z.string().min(1).max(2000).optional().describe('Write-only; leave out to keep the stored one'),
  clearClientSecret: z.boolean().default(false).describe('A public client: remove the stored secret'),
  scopes: z
    .string()
    .trim()
    .min(6)
    .max(500)
    .regex(/(^| )openid( |$)/, 'The scopes include openid')
    .default('openid email profile'),
  enabled: z.boolean().default(true),
  emailAlwaysVerified: z
    .boolean()
    .default(false)
    .describe('The provider issues only verified addresses of the organisation and sends no email_verified (Entra ID)'),
});
export const IdentityProviderUpdate = IdentityProviderInput.extend({
  version: z.number().int().min(1).max(2_147_483_647),
});

export const IdentityProvider = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    organisationName: z.string(),
    displayName: z.string(),
    issuer: z.string(),
    clientId: z.string(),
    clientSecretSet: z.boolean(),
    scopes: z.string(),
    enabled: z.boolean(),
    emailAlwaysVerified: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'IdentityProvider' });

function providersOf(tx: Tx, regionId: string) {
  return tx
    .selectFrom('identity_providers as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select([
      'p.id',
      'p.organisation_id',
      'o.name as organisation_name',
      'p.display_name',
      'p.issuer',
      'p.client_id',
      'p.client_secret_sealed',
      'p.scopes',
      'p.enabled',
      'p.email_always_verified',
      'p.version',
    ])
    .where('p.region_id', '=', regionId);
}

type ProviderRow = Awaited<ReturnType<ReturnType<typeof providersOf>['executeTakeFirstOrThrow']>>;

function present(r: ProviderRow): z.infer<typeof IdentityProvider> {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    displayName: r.display_name,
    issuer: r.issuer,
    clientId: r.client_id,
    clientSecretSet: r.client_secret_sealed !== null,
    scopes: r.scopes,
    enabled: r.enabled,
    emailAlwaysVerified: r.email_always_verified,
    version: r.version,
  };
}

export function listIdentityProviders(deps: Deps, actor: Actor) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => ({
    items: (await providersOf(tx, actor.regionId).orderBy('p.display_name').execute()).map(present),
    nextCursor: null,
  }));
}

async function requireProvider(tx: Tx, actor: Actor, id: string) {
  const row = await providersOf(tx, actor.regionId).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('The identity provider');
  return row;
}

export function getIdentityProvider(deps: Deps, actor: Actor, id: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => present(await requireProvider(tx, actor, id)));
}

const oneProviderPerOrganisation = () => {
  const detail = 'This organisation already has an identity provider.';
  return new DomainError('CONFLICT', detail, {
    fields: [{ in: 'body', pointer: '/organisationId', code: 'duplicate', detail }],
  });
};

/**
 * Plain http on a loopback address is for the tests and a demo installation only: elsewhere it would let
 * an admin make the server fetch from its own machine (discovery, keys, tokens).
 */
function assertReachableIssuer(deps: Deps, issuer: string) {
  if (new URL(issuer).protocol === 'https:' || deps.config.demo) return;
  const detail = 'Give an https address.';
  throw new DomainError('BUSINESS_RULE', detail, {
    fields: [{ in: 'body', pointer: '/issuer', code: 'https_required', detail }],
    securityEvent: true,
  });
}

export function createIdentityProvider(deps: Deps, actor: Actor, input: z.infer<typeof IdentityProviderInput>) {
  assertReachableIssuer(deps, input.issuer);
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    await assertAdministeredOrganisation(tx, actor, input.organisationId, '/organisationId');
    const taken = await tx
      .selectFrom('identity_providers')
      .select('id')
      .where('organisation_id', '=', input.organisationId)
      .executeTakeFirst();
    if (taken) throw oneProviderPerOrganisation();
    const { id } = await tx
      .insertInto('identity_providers')
      .values({
        region_id: actor.regionId,
        organisation_id: input.organisationId,
        display_name: input.displayName,
        issuer: input.issuer,
        client_id: input.clientId,
        client_secret_sealed: input.clientSecret ? deps.secrets.seal(input.clientSecret) : null,
        scopes: input.scopes,
        enabled: input.enabled,
        email_always_verified: input.emailAlwaysVerified,
        created_at: deps.now(),
        updated_at: deps.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return present(await requireProvider(tx, actor, id));
  });
}

export function updateIdentityProvider(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof IdentityProviderUpdate>,
) {
  assertReachableIssuer(deps, input.issuer);
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const existing = await requireProvider(tx, actor, id);
    if (input.organisationId !== existing.organisation_id) {
      await assertAdministeredOrganisation(tx, actor, input.organisationId, '/organisationId');
      const taken = await tx
        .selectFrom('identity_providers')
        .select('id')
        .where('organisation_id', '=', input.organisationId)
        .executeTakeFirst();
      if (taken) throw oneProviderPerOrganisation();
    }
    const secret = input.clearClientSecret
      ? null
      : input.clientSecret
        ? deps.secrets.seal(input.clientSecret)
        : existing.client_secret_sealed;
    const updated = await tx
      .updateTable('identity_providers')
      .set((eb) => ({
        organisation_id: input.organisationId,
        display_name: input.displayName,
        issuer: input.issuer,
        client_id: input.clientId,
        client_secret_sealed: secret,
        scopes: input.scopes,
        enabled: input.enabled,
        email_always_verified: input.emailAlwaysVerified,
        version: eb('version', '+', 1),
        updated_at: deps.now(),
      }))
      .where('id', '=', id)
      .where('region_id', '=', actor.regionId)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw staleVersion();
    forgetProvider(id);
    return present(await requireProvider(tx, actor, id));
  });
}

export function deleteIdentityProvider(deps: Deps, actor: Actor, id: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    await requireProvider(tx, actor, id);
    await tx.deleteFrom('identity_providers').where('id', '=', id).where('region_id', '=', actor.regionId).execute();
    forgetProvider(id);
  });
}

// --- Passkey reset under four eyes ------------------------------------------------------------------

export const PasskeyReset = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    userName: z.string(),
    reason: z.string(),
    requestedByName: z.string(),
    requestedAt: z.iso.datetime(),
    status: z.enum(['pending', 'approved', 'refused']),
    decidedByName: z.string().nullable(),
    decidedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'PasskeyReset' });

function resetsOf(tx: Tx, regionId: string) {
  return tx
    .selectFrom('passkey_resets as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .innerJoin('users as q', 'q.id', 'r.requested_by')
    .leftJoin('users as d', 'd.id', 'r.decided_by')
    .select([
      'r.id',
      'r.user_id',
      'u.name as user_name',
      'r.reason',
      'r.requested_by',
      'q.name as requested_by_name',
      'r.requested_at',
      'r.status',
      'd.name as decided_by_name',
      'r.decided_at',
    ])
    .where('r.region_id', '=', regionId);
}
type ResetRow = Awaited<ReturnType<ReturnType<typeof resetsOf>['executeTakeFirstOrThrow']>>;

function presentReset(r: ResetRow): z.infer<typeof PasskeyReset> {
  return {
    id: r.id,
    userId: r.user_id,
    userName: r.user_name,
    reason: r.reason,
    requestedByName: r.requested_by_name,
    requestedAt: r.requested_at.toISOString(),
    status: r.status,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at?.toISOString() ?? null,
  };
}

const PURPOSE = { type: 'user-administration' };

export function listPasskeyResets(deps: Deps, actor: Actor, traceId: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const rows = await resetsOf(tx, actor.regionId).orderBy('r.requested_at', 'desc').limit(200).execute();
    if (rows.length > 0) {
      await recordAccess(tx, auditActor(actor, traceId), {
        action: 'read',
        recordType: 'passkey_reset',
        recordId: null,
        subjects: [...new Set(rows.map((r) => r.user_id))].map((id) => ({ type: 'user' as const, id })),
        purpose: PURPOSE,
      });
    }
    return { items: rows.map(presentReset), nextCursor: null };
  });
}

/** One admin asks for the reset of a user's passkeys (the user lost them); nothing changes yet. */
export function requestPasskeyReset(deps: Deps, actor: Actor, traceId: string, userId: string, reason: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    await requireAdministeredUser(tx, actor, userId);
    if (userId === actor.userId) {
      const detail = 'Another admin asks for the reset of your own passkeys.';
      throw new DomainError('FOUR_EYES_REQUIRED', detail, { securityEvent: true });
    }
    const pending = await tx
      .selectFrom('passkey_resets')
      .select('id')
      .where('user_id', '=', userId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (pending) throw new DomainError('CONFLICT', 'A reset of this user’s passkeys already awaits approval.');
    const { id } = await tx
      .insertInto('passkey_resets')
      .values({
        region_id: actor.regionId,
        user_id: userId,
        reason,
        requested_by: actor.userId,
        requested_at: deps.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'create',
      recordType: 'passkey_reset',
      recordId: id,
      subjects: [{ type: 'user', id: userId }],
      purpose: PURPOSE,
    });
    return presentReset(await resetsOf(tx, actor.regionId).where('r.id', '=', id).executeTakeFirstOrThrow());
  });
}

/**
 * A second admin decides. On approval the user's passkeys are removed, and all their sessions and API
 * tokens end at once; the user signs in with password (and authenticator app, when enrolled) and
 * registers a new passkey.
 */
export function decidePasskeyReset(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  decision: 'approved' | 'refused',
) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    // Lock the request first (one decision), then read it with the names.
    await tx.selectFrom('passkey_resets').select('id').where('id', '=', id).forUpdate().execute();
    const row = await resetsOf(tx, actor.regionId).where('r.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('The reset request');
    if (row.status !== 'pending') throw new DomainError('CONFLICT', 'This request has been decided already.');
    if (row.requested_by === actor.userId || row.user_id === actor.userId) {
      throw new DomainError('FOUR_EYES_REQUIRED', 'A second admin approves this request, not the admin who made it.', {
        securityEvent: true,
      });
    }
    await requireAdministeredUser(tx, actor, row.user_id);
    const now = deps.now();
    await tx
      .updateTable('passkey_resets')
      .set({ status: decision, decided_by: actor.userId, decided_at: now })
      .where('id', '=', id)
      .execute();
    if (decision === 'approved') {
      await tx.deleteFrom('webauthn_credentials').where('user_id', '=', row.user_id).execute();
      await endSessionsAndTokens(tx, row.user_id, 'second_factor_reset', now);
    }
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'passkey_reset',
      recordId: id,
      subjects: [{ type: 'user', id: row.user_id }],
      purpose: PURPOSE,
    });
    return presentReset(await resetsOf(tx, actor.regionId).where('r.id', '=', id).executeTakeFirstOrThrow());
  });
}
