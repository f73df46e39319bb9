/**
 * Shared helpers of the foundation's integration tests: problem+json assertions, a second region made
 * directly in the database (as the owner, past row-level security), and a snapshot of what is stored
 * so that a test can prove that a refused request wrote nothing.
 */
import { sql } from 'kysely';
import { expect } from 'vitest';
import { DEMO_TOTP_SECRET } from '../src/demo/seed.js';
import { grantRoleDirectly } from '../src/modules/auth/test-support.js';
import type { Client, Response, TestApp } from './harness.js';

/** Asserts an RFC 9457 problem response with the given status (and code) and no stack trace. */
export function expectProblem(res: Response, status: number, code?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status });
  if (code) expect(res.body.code).toBe(code);
  expectNoStackTrace(res.body);
}

export function expectNoStackTrace(body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  expect(text).not.toMatch(/\bstack\b/i);
  expect(text).not.toMatch(/\n\s+at |\bat .+:\d+:\d+|node_modules|\.ts:\d+|\.js:\d+/);
}

/** The JSON pointers named in a 400's `errors`. */
export function pointersOf(res: Response): string[] {
  return ((res.body?.errors ?? []) as Array<{ location: { pointer: string } }>).map((e) => e.location.pointer);
}

export interface OtherRegion {
  regionId: string;
  organisationId: string;
  municipalityId: string;
  userId: string;
  email: string;
}

/**
 * A second tenant: region, organisation (taking part only in that region), a municipality and an
 * admin user with the demo password and TOTP secret. Written as the owner role, past RLS.
 */
export async function addRegion(t: TestApp, code: string): Promise<OtherRegion> {
  const owner = t.db.owner;
  const { password_hash } = await owner
    .selectFrom('users')
    .select('password_hash')
    .where('email', '=', 'beheer@delft.demo')
    .executeTakeFirstOrThrow();
  const region = await owner
    .insertInto('regions')
    .values({ code, name: `Regio ${code}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const org = await owner
    .insertInto('organisations')
    .values({ name: `Gemeente ${code}`, type: 'municipality', home_region_id: region.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await owner.insertInto('region_organisations').values({ region_id: region.id, organisation_id: org.id }).execute();
  const municipality = await owner
    .insertInto('municipalities')
    .values({ region_id: region.id, organisation_id: org.id, name: `Gemeente ${code}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const email = `beheer@${code}.test`;
  const user = await owner
    .insertInto('users')
    .values({
      email,
      name: `Beheer ${code}`,
      organisation_id: org.id,
      password_hash,
      totp_secret: t.deps.secrets.seal(DEMO_TOTP_SECRET),
      totp_enrolled_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await grantRoleDirectly(t.db, { userId: user.id, regionId: region.id, role: 'admin' });
  return {
    regionId: region.id,
    organisationId: org.id,
    municipalityId: municipality.id,
    userId: user.id,
    email,
  };
}

const TABLES = [
  'regions',
  'organisations',
  'region_organisations',
  'municipalities',
  'users',
  'api_tokens',
  'access_log',
  'login_throttle',
] as const;

/** The id of the newest access-log entry (0 when empty): entries after it are what a test did since. */
export async function lastAccessLogId(t: TestApp): Promise<string> {
  const r = await t.db.owner
    .selectFrom('access_log')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return String(r?.id ?? 0);
}

/**
 * Row counts of every foundation table and the sum of the record versions, read as the owner: equal
 * snapshots mean nothing was inserted, deleted or updated.
 */
export async function snapshot(t: TestApp): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const r = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(t.db.owner);
    out[table] = r.rows[0]?.n ?? '?';
  }
  const versions = await sql<{ v: string }>`select (
      (select coalesce(sum(version), 0) from regions) + (select coalesce(sum(version), 0) from organisations) +
      (select coalesce(sum(version), 0) from municipalities) + (select coalesce(sum(version), 0) from users)
    )::text as v`.execute(t.db.owner);
  out.versions = versions.rows[0]?.v ?? '?';
  const tokens = await sql<{
    n: string;
  }>`select count(*)::text as n from api_tokens where revoked_at is not null`.execute(t.db.owner);
  out.revokedTokens = tokens.rows[0]?.n ?? '?';
  return out;
}

/** The demo organisation id of a name, through the API as the given client. */
export async function organisationId(c: Client, name: string): Promise<string> {
  const res = await c.get('/api/v1/organisations');
  const org = (res.body.items as Array<{ id: string; name: string }>).find((o) => o.name === name);
  if (!org) throw new Error(`organisation ${name} not found`);
  return org.id;
}

/** The demo municipality id of a name, through the API as the given client. */
export async function municipalityId(c: Client, name: string): Promise<string> {
  const res = await c.get('/api/v1/municipalities');
  const m = (res.body.items as Array<{ id: string; name: string }>).find((x) => x.name === name);
  if (!m) throw new Error(`municipality ${name} not found`);
  return m.id;
}

export async function userIdByEmail(t: TestApp, email: string): Promise<string> {
  const row = await t.db.owner.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return row.id;
}

export interface NewUser {
  email: string;
  name: string;
  role: string;
  organisationId: string;
  initialPassword: string;
  locale?: 'nl' | 'en';
}

/**
 * A new account through the API, as an admin does it: `admin` creates the user with a request for the
 * role, and `approver` — a second admin — approves it (four eyes; not needed for roles without personal
 * data). Returns the user's id.
 */
export async function createUserWithRole(admin: Client, approver: Client | null, user: NewUser): Promise<string> {
  const created = await admin.post('/api/v1/users', user);
  if (created.status !== 201)
    throw new Error(`create ${user.email}: ${created.status} ${JSON.stringify(created.body)}`);
  if (approver) {
    const grants = await approver.get(`/api/v1/role-grants?userId=${created.body.id}&status=requested`);
    const grant = grants.body.items[0];
    if (!grant) throw new Error(`no open request for ${user.email}`);
    const approved = await approver.post(`/api/v1/role-grants/${grant.id}/approval`, { version: grant.version });
    if (approved.status !== 200)
      throw new Error(`approve ${user.email}: ${approved.status} ${JSON.stringify(approved.body)}`);
  }
  return created.body.id;
}

/**
 * The first sign-in of a new account: with the admin-set password, which must then be changed. Returns
 * the client, signed in (still at the enrolment stage when its role needs a second factor).
 */
export async function firstSignIn(t: TestApp, email: string, initialPassword: string, newPassword: string) {
  const c = t.client();
  const login = await c.post('/api/v1/auth/login', { email, password: initialPassword });
  if (login.status !== 200) throw new Error(`first sign-in ${email}: ${login.status} ${JSON.stringify(login.body)}`);
  expect(login.body.mustChangePassword).toBe(true);
  const changed = await c.put('/api/v1/me/password', { currentPassword: initialPassword, newPassword });
  if (changed.status !== 200)
    throw new Error(`password change ${email}: ${changed.status} ${JSON.stringify(changed.body)}`);
  return c;
}
