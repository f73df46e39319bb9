/**
 * The sign-in policy of a region (issue 15): whether the roles that see personal data must sign in
 * with a passkey. An admin of the region sets it; it bites at the next request of every session in the
 * region (see resumeSession), not only at the next sign-in.
 */
import { DomainError, staleVersion } from '../../core/errors.js';
import { type Role, requiresSecondFactor } from '../../core/roles.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';

export interface SignInPolicy {
  passkeysRequired: boolean;
  version: number;
}

async function read(tx: Tx, regionId: string): Promise<SignInPolicy> {
  const row = await tx
    .selectFrom('sign_in_policies')
    .select(['passkeys_required', 'version'])
    .where('region_id', '=', regionId)
    .executeTakeFirst();
  return { passkeysRequired: row?.passkeys_required ?? false, version: row?.version ?? 1 };
}

export async function passkeysRequiredIn(tx: Tx, regionId: string, role: Role): Promise<boolean> {
  return requiresSecondFactor(role) && (await read(tx, regionId)).passkeysRequired;
}

export function getSignInPolicy(deps: Deps, actor: Actor): Promise<SignInPolicy> {
  return withTx(deps.db, { regionId: actor.regionId }, (tx) => read(tx, actor.regionId));
}

export function updateSignInPolicy(deps: Deps, actor: Actor, input: SignInPolicy): Promise<SignInPolicy> {
  // The admin who requires passkeys would otherwise lock their own session out: they use one first.
  const own = actor.signIn;
  if (input.passkeysRequired && own && own.method !== 'oidc' && !own.passkeyVerified) {
    const detail = 'Register a passkey for yourself (or sign in with it) before you require passkeys.';
    throw new DomainError('BUSINESS_RULE', detail, {
      fields: [{ in: 'body', pointer: '/passkeysRequired', code: 'own_passkey_first', detail }],
    });
  }
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    await tx
      .insertInto('sign_in_policies')
      .values({ region_id: actor.regionId })
      .onConflict((oc) => oc.column('region_id').doNothing())
      .execute();
    const updated = await tx
      .updateTable('sign_in_policies')
      .set((eb) => ({
        passkeys_required: input.passkeysRequired,
        version: eb('version', '+', 1),
        updated_at: deps.now(),
      }))
      .where('region_id', '=', actor.regionId)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw staleVersion();
    return read(tx, actor.regionId);
  });
}
