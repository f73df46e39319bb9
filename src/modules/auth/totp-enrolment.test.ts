import { sql } from 'kysely';
import { createGuardrails, generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithRole, expectProblem, firstSignIn, organisationId } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp, totpNow } from '../../../test/harness.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';

// Not in demo mode: TOTP codes cannot be replayed and new users must enrol their own second factor.
let t: TestApp;
let admin: Client;
let admin2: Client;
let delftId: string;
beforeAll(async () => {
  t = await startTestApp({ config: { demo: false } });
  admin = await t.signIn('beheer@delft.demo');
  admin2 = await t.signIn('beheer2@delft.demo');
  delftId = await organisationId(admin, 'Gemeente Delft');
});
afterAll(async () => {
  await t?.close();
});

const login = (email: string, password: string, totp?: string) =>
  t.client().post('/api/v1/auth/login', { email, password, ...(totp ? { totp } : {}) });

describe('TOTP replay protection (not in demo mode)', () => {
  it('refuses the same code a second time', async () => {
    const code = await totpNow();
    const first = await login('coordinator@delft.demo', DEMO_PASSWORD, code);
    expect(first.status).toBe(200);
    const replay = await login('coordinator@delft.demo', DEMO_PASSWORD, code);
    expectProblem(replay, 401, 'INVALID_CREDENTIALS');
    expect(replay.headers.get('set-cookie')).toBeNull();
  });

  it('remembers the used time step per user', async () => {
    const code = await totpNow();
    expect((await login('politie@politie.demo', DEMO_PASSWORD, code)).status).toBe(200);
    // Another user with the same (demo) secret is not affected by the first user's sign-in.
    expect((await login('ggz@ggz.demo', DEMO_PASSWORD, code)).status).toBe(200);
    const row = await t.db.owner
      .selectFrom('users')
      .select('totp_last_step')
      .where('email', '=', 'politie@politie.demo')
      .executeTakeFirstOrThrow();
    expect(Number(row.totp_last_step)).toBeGreaterThan(Math.floor(Date.now() / 30_000) - 2);
  });
});

describe('second-factor enrolment of a new user', () => {
  const email = 'nieuwe.regisseur@delft.demo';
  const initialPassword = 'een-heel-lang-wachtwoord';
  const password = 'mijn-eigen-geheime-zin-2026';
  let user: Client;
  let secret: string;
  let confirmCode: string;

  it('the admin creates the user; the user signs in with the password only and must enrol', async () => {
    await createUserWithRole(admin, admin2, {
      email,
      name: 'Nieuwe Regisseur',
      role: 'process_director',
      organisationId: delftId,
      initialPassword,
    });
    user = await firstSignIn(t, email, initialPassword, password);
    const me = await user.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.secondFactorEnrolled).toBe(false);
  });

  it('refuses everything but enrolment until the second factor is enrolled', async () => {
    expectProblem(await user.get('/api/v1/organisations'), 403, 'ENROLMENT_REQUIRED');
    expectProblem(await user.get('/api/v1/regions'), 403, 'ENROLMENT_REQUIRED');
    expectProblem(await user.get('/api/v1/me/api-tokens'), 403, 'ENROLMENT_REQUIRED');
    expectProblem(
      await user.post('/api/v1/me/api-tokens', {
        name: 'sluiproute',
        expiresInDays: 1,
        access: 'read_write',
        resources: null,
      }),
      403,
      'ENROLMENT_REQUIRED',
    );
  });

  it('an admin who has not enrolled gets 403 ENROLMENT_REQUIRED on GET /users', async () => {
    const adminEmail = 'nieuwe.beheerder@delft.demo';
    await createUserWithRole(admin, admin2, {
      email: adminEmail,
      name: 'Nieuwe Beheerder',
      role: 'admin',
      organisationId: delftId,
      initialPassword,
    });
    const newAdmin = await firstSignIn(t, adminEmail, initialPassword, password);
    expectProblem(await newAdmin.get('/api/v1/users'), 403, 'ENROLMENT_REQUIRED');
    expectProblem(
      await newAdmin.post('/api/v1/organisations', { name: 'Via de achterdeur', type: 'other' }),
      403,
      'ENROLMENT_REQUIRED',
    );
  });

  it('refuses a wrong confirmation code and one without a started enrolment', async () => {
    const early = await user.post('/api/v1/auth/totp-enrolment/confirmation', { code: '123456' });
    expectProblem(early, 422, 'BUSINESS_RULE');
  });

  it('enrols: a secret is handed out once and stored encrypted', async () => {
    const res = await user.post('/api/v1/auth/totp-enrolment');
    expect(res.status).toBe(200);
    secret = res.body.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32,}$/);
    expect(res.body.otpauthUri).toContain(`secret=${secret}`);
    expect(res.body.qrSvg).toMatch(/^<svg/);
    const row = await t.db.owner
      .selectFrom('users')
      .select(['totp_secret', 'totp_enrolled_at'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(row.totp_enrolled_at).toBeNull();
    expect(row.totp_secret).toBeTruthy();
    expect(row.totp_secret).not.toContain(secret);
    expect(row.totp_secret?.toLowerCase()).not.toContain(secret.toLowerCase());
    // Not plain base64/hex of the secret either: it opens only with the key.
    expect(t.deps.secrets.open(row.totp_secret as string)).toBe(secret);
    const anywhere = await sql<{ n: number }>`select count(*)::int as n from users
      where position(${secret} in coalesce(totp_secret, '')) > 0`.execute(t.db.owner);
    expect(anywhere.rows[0]?.n).toBe(0);
  });

  it('refuses a wrong code, then confirms with a code computed from the secret: full access', async () => {
    const good = await totpNow(secret);
    const bad = String((Number(good) + 500_000) % 1_000_000).padStart(6, '0');
    const wrong = await user.post('/api/v1/auth/totp-enrolment/confirmation', { code: bad });
    expectProblem(wrong, 422, 'BUSINESS_RULE');
    expect(wrong.body.errors?.[0]?.location.pointer).toBe('/code');
    expectProblem(await user.get('/api/v1/organisations'), 403, 'ENROLMENT_REQUIRED');

    confirmCode = good;
    const ok = await user.post('/api/v1/auth/totp-enrolment/confirmation', { code: good });
    expect(ok.status).toBe(200);
    expect(ok.body.secondFactorEnrolled).toBe(true);
    expect((await user.get('/api/v1/organisations')).status).toBe(200);
    expect((await user.get('/api/v1/me/api-tokens')).status).toBe(200);
  });

  it('cannot enrol twice', async () => {
    expectProblem(await user.post('/api/v1/auth/totp-enrolment'), 409, 'CONFLICT');
  });

  it('from now on needs the code at sign-in, and the code used to confirm cannot be replayed', async () => {
    expectProblem(await login(email, password), 401, 'INVALID_CREDENTIALS');
    // The code that confirmed the enrolment is still within its validity window, but it was used.
    expectProblem(await login(email, password, confirmCode), 401, 'INVALID_CREDENTIALS');
    // The demo secret does not open this account.
    expectProblem(await login(email, password, await totpNow()), 401, 'INVALID_CREDENTIALS');
    // A code of a later time step (the next one, within the allowed drift) opens it.
    const next = await generate({
      secret,
      epoch: Math.floor(Date.now() / 1000) + 30,
      guardrails: createGuardrails({ MIN_SECRET_BYTES: 10 }),
    });
    const res = await login(email, password, next);
    expect(res.status).toBe(200);
    expect(res.body.secondFactorEnrolled).toBe(true);
  });
});

describe('roles that see aggregates only', () => {
  for (const role of ['policy_officer', 'executive'] as const) {
    it(`a new ${role} is never asked to enrol a second factor`, async () => {
      const email = `nieuw.${role.replace('_', '-')}@delft.demo`;
      const initialPassword = 'een-heel-lang-wachtwoord';
      // One admin suffices for a role that sees aggregates only.
      await createUserWithRole(admin, null, {
        email,
        name: `Nieuw ${role}`,
        role,
        organisationId: delftId,
        initialPassword,
      });
      const c = await firstSignIn(t, email, initialPassword, 'mijn-eigen-geheime-zin-2026');
      const res = await c.get('/api/v1/me');
      expect(res.status).toBe(200);
      expect(res.body.secondFactorEnrolled).toBe(false);
      // Not stopped at the enrolment stage: the routes of the role answer (or refuse by role, not stage).
      const me = await c.get('/api/v1/me');
      expect(me.status).toBe(200);
      const regions = await c.get('/api/v1/regions');
      if (role === 'policy_officer') expect(regions.status).toBe(200);
      else expectProblem(regions, 403, 'FORBIDDEN');
    });
  }
});
