import { DomainError, notFound } from '../../core/errors.js';
import type { TokenAccess } from '../../core/token-scope.js';
import { randomToken, sha256 } from '../../platform/crypto.js';
import { withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';

export const TOKEN_MAX_DAYS = 365;

/** Resources that are not for tokens to be limited to (who am I, signing in). */
const NOT_LIMITABLE = new Set(['me', 'auth', 'instance', 'openapi.json']);

/** The resources a token can be limited to, in name order. */
export function tokenResources(apiResources: ReadonlySet<string>): string[] {
  return [...apiResources].filter((r) => !NOT_LIMITABLE.has(r)).sort();
}

function present(t: {
  id: string;
  name: string;
  prefix: string;
  access: TokenAccess;
  resources: string[] | null;
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    access: t.access,
    resources: t.resources,
    createdAt: t.created_at.toISOString(),
    expiresAt: t.expires_at.toISOString(),
    lastUsedAt: t.last_used_at?.toISOString() ?? null,
    revokedAt: t.revoked_at?.toISOString() ?? null,
  };
}

/**
 * A personal API token: shown once, stored as a SHA-256 hash, always expiring, bound to the region of
 * the session that made it, and scoped: read-only or read-write, and all or a list of resources.
 */
export async function createApiToken(
  deps: Deps,
  actor: Actor,
  input: { name: string; expiresInDays: number; access: TokenAccess; resources: string[] | null },
  limitable: readonly string[],
) {
  if (actor.via !== 'session') {
    throw new DomainError('FORBIDDEN', 'API tokens can only be created from a signed-in session.');
  }
  const unknown = (input.resources ?? []).map((r, i) => ({ r, i })).filter(({ r }) => !limitable.includes(r));
  if (unknown.length > 0) {
    throw new DomainError('INVALID_INPUT', 'The token names resources that do not exist.', {
      fields: unknown.map(({ r, i }) => ({
        in: 'body' as const,
        pointer: `/resources/${i}`,
        code: 'unknown_resource',
        detail: `"${r}" is not an API resource.`,
      })),
    });
  }
  const secret = `skl_${randomToken(32)}`;
  const now = deps.now();
  const row = await withTx(deps.db, { regionId: null }, (tx) =>
    tx
      .insertInto('api_tokens')
      .values({
        user_id: actor.userId,
        region_id: actor.regionId,
        name: input.name,
        token_hash: sha256(secret),
        prefix: secret.slice(0, 8),
        access: input.access,
        resources: input.resources === null ? null : [...new Set(input.resources)].sort(),
        created_at: now,
        expires_at: new Date(now.getTime() + input.expiresInDays * 86_400_000),
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  return { ...present(row), token: secret };
}

export async function listApiTokens(deps: Deps, actor: Actor) {
  const rows = await withTx(deps.db, { regionId: null }, (tx) =>
    tx.selectFrom('api_tokens').selectAll().where('user_id', '=', actor.userId).orderBy('created_at', 'desc').execute(),
  );
  return rows.map(present);
}

export async function revokeApiToken(deps: Deps, actor: Actor, id: string) {
  const result = await withTx(deps.db, { regionId: null }, (tx) =>
    tx
      .updateTable('api_tokens')
      .set({ revoked_at: deps.now(), revoke_reason: 'user' })
      .where('id', '=', id)
      .where('user_id', '=', actor.userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst(),
  );
  if (result.numUpdatedRows === 0n) throw notFound('The token');
}
