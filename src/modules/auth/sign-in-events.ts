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
  await signInEvent(tx, deps, {
    regionId: r.regionId,
    userId: r.userId,
    organisationId: r.organisationId,
    role: r.role,
    method: r.method,
    acr: r.acr,
    route: r.method === 'oidc' ? '/api/v1/auth/oidc/callback' : '/api/v1/auth/login',
    status: 200,
    code: 'SIGNED_IN',
    kind: 'sign_in',
    traceId: r.traceId,
  });
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
    signInEvent(tx, deps, { ...r, role: null, acr: null, status: 401, kind: 'sign_in_refused' }),
  );
}

/** One security event about signing in: no personal data, the route template and the method only. */
function signInEvent(
  tx: Tx,
  deps: Deps,
  e: {
    regionId: string;
    userId: string | null;
    organisationId: string | null;
    role: string | null;
    method: SignInMethod;
    acr: string | null;
    route: string;
    status: number;
    code: string;
    kind: 'sign_in' | 'sign_in_refused';
    traceId: string;
  },
) {
  return tx
    .insertInto('security_events')
    .values({
      region_id: e.regionId,
      occurred_at: deps.now(),
      user_id: e.userId,
      organisation_id: e.organisationId,
      role: e.role,
      via: 'session',
      // The way back from the identity provider is a GET; every other sign-in step a POST.
      method: e.route.endsWith('/callback') ? 'GET' : 'POST',
      route: e.route,
      record_type: 'session',
      status: e.status,
      code: e.code,
      trace_id: e.traceId,
      kind: e.kind,
      auth_method: e.method,
      acr: e.acr,
    })
    .execute();
}
