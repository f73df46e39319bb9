import { DomainError, notFound } from '../../core/errors.js';
import { randomToken, sha256 } from '../../platform/crypto.js';
import { withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';

export const TOKEN_MAX_DAYS = 365;

function present(t: {
  id: string;
  name: string;
  prefix: string;
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.created_at.toISOString(),
    expiresAt: t.expires_at.toISOString(),
    lastUsedAt: t.last_used_at?.toISOString() ?? null,
    revokedAt: t.revoked_at?.toISOString() ?? null,
  };
}

/** A personal API token: shown once, stored as a SHA-256 hash, always expiring. */
export async function createApiToken(deps: Deps, actor: Actor, input: { name: string; expiresInDays: number }) {
  if (actor.via !== 'session') {
    throw new DomainError('FORBIDDEN', 'API tokens can only be created from a signed-in session.');
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
      .set({ revoked_at: deps.now() })
      .where('id', '=', id)
      .where('user_id', '=', actor.userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst(),
  );
  if (result.numUpdatedRows === 0n) throw notFound('The token');
}
