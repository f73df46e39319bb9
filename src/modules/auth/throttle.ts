import { sql } from 'kysely';
import { DomainError } from '../../core/errors.js';
import { sha256 } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/database.js';

export interface ThrottlePolicy {
  /** Consecutive failures for one e-mail address before it is locked. */
  maxFailures: number;
  /** Sign-in attempts per client address per minute. */
  ratePerMinute: number;
}

/** Lock duration after the n-th failure beyond the limit: 30 s, 1 min, 2 min, … up to 15 min. */
export function lockoutSeconds(failures: number, maxFailures: number): number {
  if (failures < maxFailures) return 0;
  return Math.min(30 * 2 ** (failures - maxFailures), 15 * 60);
}

export const emailKey = (email: string) => `email:${sha256(email.trim().toLowerCase())}`;
export const clientKey = (ip: string) => `ip:${sha256(ip)}`;

/**
 * Counts this attempt against the client address and refuses it when the address is over its rate
 * or the e-mail address is locked. Known and unknown addresses are treated alike.
 */
export async function admitAttempt(tx: Tx, policy: ThrottlePolicy, email: string, ip: string): Promise<void> {
  const now = Date.now();
  const client = await sql<{ window_attempts: number; window_started_at: Date }>`
    insert into login_throttle (key_hash, window_started_at, window_attempts)
    values (${clientKey(ip)}, now(), 1)
    on conflict (key_hash) do update set
      window_attempts = case when login_throttle.window_started_at < now() - interval '1 minute'
        then 1 else login_throttle.window_attempts + 1 end,
      window_started_at = case when login_throttle.window_started_at < now() - interval '1 minute'
        then now() else login_throttle.window_started_at end,
      updated_at = now()
    returning window_attempts, window_started_at`.execute(tx);
  const row = client.rows[0];
  if (row && row.window_attempts > policy.ratePerMinute) {
    const retry = 60 - (now - row.window_started_at.getTime()) / 1000;
    throw new DomainError('RATE_LIMITED', 'Too many sign-in attempts from this address. Try again later.', {
      retryAfterSeconds: retry,
    });
  }
  const account = await tx
    .selectFrom('login_throttle')
    .select('locked_until')
    .where('key_hash', '=', emailKey(email))
    .executeTakeFirst();
  if (account?.locked_until && account.locked_until.getTime() > now) {
    throw new DomainError(
      'RATE_LIMITED',
      'Too many failed sign-ins for this account. It is temporarily locked; try again later.',
      { retryAfterSeconds: (account.locked_until.getTime() - now) / 1000 },
    );
  }
}

export async function recordFailure(tx: Tx, policy: ThrottlePolicy, email: string): Promise<void> {
  const result = await sql<{ failures: number }>`
    insert into login_throttle (key_hash, failures) values (${emailKey(email)}, 1)
    on conflict (key_hash) do update set failures = login_throttle.failures + 1, updated_at = now()
    returning failures`.execute(tx);
  const failures = result.rows[0]?.failures ?? 1;
  const seconds = lockoutSeconds(failures, policy.maxFailures);
  if (seconds > 0) {
    await tx
      .updateTable('login_throttle')
      .set({ locked_until: new Date(Date.now() + seconds * 1000) })
      .where('key_hash', '=', emailKey(email))
      .execute();
  }
}

export async function clearFailures(tx: Tx, email: string): Promise<void> {
  await tx.deleteFrom('login_throttle').where('key_hash', '=', emailKey(email)).execute();
}
