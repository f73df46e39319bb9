/**
 * Every sign-in is written twice: in the access log of the region the session starts in (the user is
 * the data subject, the purpose "sign-in" with the method used), and as a security event with the
 * method and, for single sign-on, the provider's `acr`. A refused sign-in of a known account, or one at
 * an identity provider, is a security event of its own (no personal data: no e-mail address, no
 * subject, no token — only the account's id when it is known, the method and the reason's code).
 */
import { sql } from 'kysely';
import type { SignInMethod } from '../../core/sign-in.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { recordAccess } from '../access-log/record.js';

export interface SignInRecord {
  userId: string;
  organisationId: string;
  role: string;
  regionId: string;
  method: SignInMethod;
  acr: string | null;
  traceId: string;
}

/** In the sign-in's own transaction: nothing signs in unlogged. */
export async function recordSignIn(tx: Tx, deps: Deps, r: SignInRecord): Promise<void> {
  // The session's region is known only now: the rest of the sign-in's transaction acts in it.
  await sql`select set_config('schakel.region_id', ${r.regionId}, true)`.execute(tx);
  await recordAccess(
    tx,
    { userId: r.userId, organisationId: r.organisationId, role: r.role, regionId: r.regionId, traceId: r.traceId },
    {
      action: 'create',
      recordType: 'session',
      recordId: null,
      subjects: [{ type: 'user', id: r.userId }],
      purpose: { type: 'sign-in', id: r.method },
    },
  );
  await tx
    .insertInto('security_events')
    .values({
      region_id: r.regionId,
      occurred_at: deps.now(),
      user_id: r.userId,
      organisation_id: r.organisationId,
      role: r.role,
      via: 'session',
      method: 'POST',
      route: r.method === 'oidc' ? '/api/v1/auth/oidc/callback' : '/api/v1/auth/login',
      record_type: 'session',
      status: 200,
      code: 'SIGNED_IN',
      trace_id: r.traceId,
      kind: 'sign_in',
      auth_method: r.method,
      acr: r.acr,
    })
    .execute();
}

export interface RefusedSignIn {
  regionId: string;
  userId: string | null;
  organisationId: string | null;
  method: SignInMethod;
  code: string;
  route: string;
  traceId: string;
}

/** In a transaction of its own: the sign-in itself was refused and wrote nothing. */
export async function recordRefusedSignIn(deps: Deps, r: RefusedSignIn): Promise<void> {
  await withTx(deps.db, { regionId: r.regionId }, (tx) =>
    tx
      .insertInto('security_events')
      .values({
        region_id: r.regionId,
        occurred_at: deps.now(),
        user_id: r.userId,
        organisation_id: r.organisationId,
        role: null,
        via: 'session',
        method: r.route.endsWith('/callback') ? 'GET' : 'POST',
        route: r.route,
        record_type: 'session',
        status: 401,
        code: r.code,
        trace_id: r.traceId,
        kind: 'sign_in_refused',
        auth_method: r.method,
        acr: null,
      })
      .execute(),
  );
}
