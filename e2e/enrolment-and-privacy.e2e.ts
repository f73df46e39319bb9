/**
 * A new account enrols its authenticator app at first sign-in; the privacy officer searches the
 * access log; roles that may only read see the administration read-only. axe-core on every page.
 */
import { createGuardrails, generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type E2E,
  expectAccessible,
  expectCleanConsole,
  expectHeading,
  fillSignIn,
  openSession,
  signIn,
  startE2E,
} from './support.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const PASSWORD = 'een-lang-eerste-wachtwoord';

describe('second factor enrolment', () => {
  it('makes a new user set up an authenticator app at first sign-in, then lands on the home page', async () => {
    const admin = await e2e.app.signIn('beheer@delft.demo');
    const orgs = await admin.get('/api/v1/organisations');
    const police = orgs.body.items.find((o: { type: string }) => o.type === 'police');
    const created = await admin.post('/api/v1/users', {
      email: 'nieuw@politie.demo',
      name: 'Noor Nieuw',
      role: 'partner',
      organisationId: police.id,
      locale: 'nl',
      initialPassword: PASSWORD,
    });
    expect(created.status).toBe(201);
    // A partner sees personal data: a second admin approves the role first (four eyes).
    const admin2 = await e2e.app.signIn('beheer2@delft.demo');
    const request = (await admin2.get(`/api/v1/role-grants?userId=${created.body.id}&status=requested`)).body.items[0];
    expect((await admin2.post(`/api/v1/role-grants/${request.id}/approval`, { version: request.version })).status).toBe(
      200,
    );

    const s = await openSession(e2e);
    const { page } = s;
    await page.goto('/inloggen');
    await fillSignIn(page, 'nieuw@politie.demo', PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    // First the admin-set password is replaced, then the second factor.
    await expectHeading(page, 'Wachtwoord wijzigen');
    await page.getByLabel('Wachtwoord dat u van de beheerder kreeg').fill(PASSWORD);
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('fiets-regen-koffie-molen');
    await page.getByLabel('Nieuw wachtwoord herhalen').fill('fiets-regen-koffie-molen');
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await expectHeading(page, 'Tweestapsverificatie instellen');
    expect(new URL(page.url()).pathname).toBe('/tweestapsverificatie');
    // No navigation until the second factor is set up; other pages lead back here.
    await expect.poll(() => page.getByRole('navigation', { name: 'Hoofdmenu' }).count()).toBe(0);
    const qr = page.getByRole('img', { name: 'QR-code om Schakel toe te voegen aan uw authenticator-app' });
    await qr.waitFor();
    await expect.poll(() => qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    await expect(qr.evaluate((img) => (img as HTMLImageElement).naturalWidth > 0)).resolves.toBe(true);
    const shown = (await page.locator('.schakel-secret code').textContent()) ?? '';
    const secret = shown.replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expectAccessible(page, 'second factor enrolment page');

    await page.goto('/beheer/organisaties');
    await expectHeading(page, 'Tweestapsverificatie instellen');
    const secretAfter = ((await page.locator('.schakel-secret code').textContent()) ?? '').replace(/\s+/g, '');

    await page.getByLabel('Code uit de authenticator-app').fill('000000');
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await expect
      .poll(() => page.locator('.schakel-error-summary').getByRole('link').allTextContents())
      .toEqual(['De code klopt niet. Controleer of de tijd op uw telefoon goed staat.']);
    await expectAccessible(page, 'second factor enrolment page with a wrong code');

    const code = await generate({ secret: secretAfter, guardrails: createGuardrails({ MIN_SECRET_BYTES: 10 }) });
    await page.getByLabel('Code uit de authenticator-app').fill(code);
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await expectHeading(page, 'Welkom, Noor Nieuw');
    await page.getByText('Tweestapsverificatie is ingesteld.').waitFor();
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
    await expectAccessible(page, 'home page after enrolment');
    expectCleanConsole(s);
    await s.close();
  });
});

describe('privacy officer', () => {
  it('searches the access log, with filters and paging', async () => {
    // Make enough log entries for more than one page: an administrator looks at a user 60 times.
    const admin = await e2e.app.signIn('beheer@delft.demo');
    const users = await admin.get('/api/v1/users');
    const ggz = users.body.items.find((u: { email: string }) => u.email === 'ggz@ggz.demo');
    for (let i = 0; i < 60; i++) await admin.get(`/api/v1/users/${ggz.id}`);

    const s = await openSession(e2e);
    const { page } = s;
    await signIn(page, 'fg@delft.demo');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Toegangslog' }).click();
    await expectHeading(page, 'Toegangslog');
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(50);
    await expect.poll(() => rows.first().textContent()).toMatch(/\d{2}-\d{2}-\d{4} \d{2}:\d{2}/);
    await expectAccessible(page, 'access log');
    await page.getByRole('button', { name: 'Meer laden' }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(50);

    // Who looked at Gerda's account? Filter on the subject and on the staff member.
    await page.getByLabel('Betrokkene (ID)').fill(ggz.id);
    await page.getByLabel('Medewerker').selectOption({ label: 'Bart Beheer (Gemeente Delft)' });
    await page.getByLabel('Handeling').selectOption({ label: 'Inzien' });
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await expect.poll(() => rows.count()).toBe(50);
    await expect.poll(() => rows.first().textContent()).toContain('Bart Beheer');
    await expect.poll(() => rows.first().textContent()).toContain('Gebruikersbeheer');
    await page.getByLabel('Handeling').selectOption({ label: 'Aanmaken' });
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByText('Geen vermeldingen gevonden.').waitFor();

    // A date range that ends before it starts is refused in the form.
    await page.getByLabel('Vanaf datum').fill('2025-03-10');
    await page.getByLabel('Tot en met datum').fill('2025-03-01');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await expect
      .poll(() => page.locator('.schakel-error-summary').getByRole('link').allTextContents())
      .toEqual(['De einddatum ligt voor de begindatum.']);
    await expectAccessible(page, 'access log with a filter error');
    await page.getByRole('button', { name: 'Filters wissen' }).click();
    await expect.poll(() => rows.count()).toBe(50);
    // A data subject in the table can be chosen as filter directly.
    await rows
      .filter({ hasText: 'Gebruikersbeheer' })
      .first()
      .getByRole('button', { name: /alleen vermeldingen over deze betrokkene tonen/ })
      .click();
    await expect.poll(() => page.getByLabel('Betrokkene (ID)').inputValue()).toMatch(/^[0-9a-f-]{36}$/);

    // The privacy officer sees users, organisations and municipalities, but cannot change them.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Gebruikers' }).click();
    await expectHeading(page, 'Gebruikers');
    await expect.poll(() => page.getByRole('link', { name: 'Nieuwe gebruiker' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Bart Beheer' }).click();
    await expectHeading(page, 'Gebruiker Bart Beheer');
    await expect.poll(() => page.getByRole('button', { name: 'Account blokkeren' }).count()).toBe(0);
    await expect.poll(() => page.locator('dl').textContent()).toContain('Functioneel beheerder');
    await expectAccessible(page, 'read-only user page');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Organisaties' }).click();
    await expectHeading(page, 'Organisaties');
    await expect.poll(() => page.getByRole('link', { name: 'Nieuwe organisatie' }).count()).toBe(0);
    await expectAccessible(page, 'read-only organisations list');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Gemeenten' }).click();
    await expectHeading(page, 'Gemeenten');
    await expect.poll(() => page.getByRole('link', { name: 'Nieuwe gemeente' }).count()).toBe(0);
    await expectAccessible(page, 'read-only municipalities list');
    // Administration forms are not for this role.
    await page.goto('/beheer/organisaties/nieuw');
    await expectHeading(page, 'Geen toegang');
    expectCleanConsole(s);
    await s.close();
  });
});
