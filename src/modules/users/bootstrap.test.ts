/**
 * A new installation's first admins, created by the operator (npm run accounts:bootstrap): two of them
 * and the four-eyes rule works from the first grant on; the temporary password must be changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, firstSignIn } from '../../../test/fixtures.js';
import { startTestApp, type TestApp, totpNow } from '../../../test/harness.js';
import { DEMO_TOTP_SECRET } from '../../demo/seed.js';
import { bootstrapAdmin } from './bootstrap.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: false });
});
afterAll(async () => {
  await t?.close();
});

const input = {
  regionCode: 'utrecht',
  regionName: 'Regio Utrecht',
  organisationName: 'Gemeente Utrecht',
  organisationType: 'municipality',
};

describe('bootstrapping the first admins', () => {
  it('creates the region, its home organisation and two admins who then apply four eyes', async () => {
    const first = await bootstrapAdmin(t.db, { ...input, email: 'Eerste@Utrecht.example', name: 'Eerste Beheerder' });
    expect(first).toMatchObject({ regionCreated: true, organisationCreated: true, email: 'eerste@utrecht.example' });
    expect(first.temporaryPassword).toMatch(/^[A-Za-z2-9]{20}$/);
    const second = await bootstrapAdmin(t.db, { ...input, email: 'tweede@utrecht.example', name: 'Tweede Beheerder' });
    expect(second).toMatchObject({ regionCreated: false, organisationCreated: false });
    await expect(bootstrapAdmin(t.db, { ...input, email: 'eerste@utrecht.example', name: 'Nog eens' })).rejects.toThrow(
      /exists/,
    );

    // The temporary password opens nothing but the password change; then enrolment.
    const a = await firstSignIn(t, 'eerste@utrecht.example', first.temporaryPassword, 'fiets-regen-koffie-molen-1');
    expectProblem(await a.get('/api/v1/users'), 403, 'ENROLMENT_REQUIRED');
    // (The second factor is enrolled in the app, as totp-enrolment.test.ts shows; here directly.)
    await t.db.owner
      .updateTable('users')
      .set({ totp_enrolled_at: new Date(), totp_secret: t.deps.secrets.seal(DEMO_TOTP_SECRET) })
      .where('email', 'in', ['eerste@utrecht.example', 'tweede@utrecht.example'])
      .execute();
    await t.db.owner.deleteFrom('sessions').execute();
    const adminA = await firstSignInEnrolled('eerste@utrecht.example', 'fiets-regen-koffie-molen-1');
    const b = t.client();
    const loginB = await b.post('/api/v1/auth/login', {
      email: 'tweede@utrecht.example',
      password: second.temporaryPassword,
      totp: await totpNow(),
    });
    expect(loginB.body.mustChangePassword).toBe(true);
    expect(
      (
        await b.put('/api/v1/me/password', {
          currentPassword: second.temporaryPassword,
          newPassword: 'fiets-regen-koffie-molen-2',
        })
      ).status,
    ).toBe(200);
    expect((await b.get('/api/v1/me')).body.user.role).toBe('admin');

    const org = (await adminA.get('/api/v1/organisations')).body.items[0];
    expect(org).toMatchObject({ name: 'Gemeente Utrecht', administered: true });
    const created = await adminA.post('/api/v1/users', {
      email: 'regisseur@utrecht.example',
      name: 'Regisseur Utrecht',
      role: 'process_director',
      organisationId: org.id,
      initialPassword: 'een-heel-lang-wachtwoord',
    });
    expect(created.body).toMatchObject({ role: null, requestedRole: 'process_director' });
    const grant = (await adminA.get(`/api/v1/role-grants?userId=${created.body.id}`)).body.items[0];
    expectProblem(await adminA.post(`/api/v1/role-grants/${grant.id}/approval`, { version: grant.version }), 403);
    expect((await b.post(`/api/v1/role-grants/${grant.id}/approval`, { version: grant.version })).status).toBe(200);
  });

  it('refuses an organisation another region administers', async () => {
    await expect(
      bootstrapAdmin(t.db, {
        ...input,
        regionCode: 'elders',
        regionName: 'Elders',
        email: 'derde@utrecht.example',
        name: 'Derde',
      }),
    ).rejects.toThrow(/another region/);
  });
});

async function firstSignInEnrolled(email: string, password: string) {
  const c = t.client();
  const res = await c.post('/api/v1/auth/login', { email, password, totp: await totpNow() });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return c;
}
