/**
 * Who may grant whom access, in the browser (issue 8): an admin creates an account whose role waits
 * for a second admin; the second admin approves it in the queue; the new user must first replace the
 * admin-set password (a breached one is refused, in Dutch) and then enrol a second factor. A user with
 * roles in two regions switches explicitly. The privacy officer sees who collects refusals. axe-core on
 * every page; no CSP violation.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type E2E,
  expectAccessible,
  expectCleanConsole,
  expectHeading,
  openSession,
  pick,
  type Session,
  signIn,
  signOut,
  startE2E,
} from './support.js';

let e2e: E2E;
let s: Session;
let page: Page;

beforeAll(async () => {
  e2e = await startE2E();
  s = await openSession(e2e);
  page = s.page;
});
afterEach(() => {
  expectCleanConsole(s);
});
afterAll(async () => {
  await s?.close();
  await e2e?.close();
});

const nav = (name: string) => page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name });
const summaryLinks = () => page.locator('.schakel-error-summary').getByRole('link').allTextContents();
const notice = (text: string) => page.locator('.ams-alert').filter({ hasText: text }).first();

describe('four eyes, first sign-in and region switch', () => {
  it('an admin creates an account; its role waits for a second admin', async () => {
    await signIn(page, 'beheer@delft.demo');
    await nav('Gebruikers').click();
    await expectHeading(page, 'Gebruikers');
    await page.getByRole('link', { name: 'Nieuwe gebruiker' }).click();
    await expectHeading(page, 'Nieuwe gebruiker');
    await page.getByLabel('E-mailadres').fill('nina@delft.demo');
    await page.getByLabel('Naam').fill('Nina Nieuw');
    await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'Casuscoördinator' });
    await page.getByLabel('Reden voor de rol').fill('Nieuwe casuscoördinator voor district E');
    await page.getByLabel('Organisatie').selectOption({ label: 'Gemeente Delft' });
    // Only organisations whose home region is this one are offered.
    const offered = await page.getByLabel('Organisatie').locator('option').allTextContents();
    expect(offered).toContain('Politie');
    await page.getByLabel('Eerste wachtwoord').fill('start-sleutel-2026-abc');
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    await expectHeading(page, 'Gebruiker Nina Nieuw');
    const roles = page.locator('section[aria-labelledby="user-roles"]');
    await expect.poll(() => roles.textContent()).toContain('Aangevraagde rol');
    await expectAccessible(page, 'user page with a pending role');

    // The requester sees the request in the queue, but may only withdraw it.
    await nav('Rollen').click();
    await expectHeading(page, 'Rollen en aanvragen');
    const open = page.locator('section[aria-labelledby="grants-open"] tbody tr').filter({ hasText: 'Nina Nieuw' });
    await expect.poll(() => open.textContent()).toContain('uw eigen aanvraag');
    expect(await open.getByRole('button', { name: /goedkeuren/ }).count()).toBe(0);
    await expectAccessible(page, 'role grants page of the requester');
    await signOut(page);
  });

  it('a second admin approves it in the queue', async () => {
    await signIn(page, 'beheer2@delft.demo');
    await nav('Rollen').click();
    await expectHeading(page, 'Rollen en aanvragen');
    await page.getByRole('button', { name: 'Aanvraag van Casuscoördinator voor Nina Nieuw goedkeuren' }).click();
    await notice('De rol van Nina Nieuw is goedgekeurd en gaat direct in.').waitFor();
    await expect
      .poll(() => page.locator('section[aria-labelledby="grants-history"] tbody tr').first().textContent())
      .toContain('Actief');
    await expectAccessible(page, 'role grants page after approval');
    await signOut(page);
  });

  it('the new user first replaces the admin-set password, then enrols a second factor', async () => {
    await page.goto('/inloggen');
    await page.getByLabel('E-mailadres').fill('nina@delft.demo');
    await page.getByLabel('Wachtwoord', { exact: true }).fill('start-sleutel-2026-abc');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expectHeading(page, 'Wachtwoord wijzigen');
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).count()).resolves.toBe(0);
    await expectAccessible(page, 'forced password change');
    // Another page is not reachable yet.
    await page.goto('/cases');
    await expectHeading(page, 'Wachtwoord wijzigen');

    await page.getByLabel('Wachtwoord dat u van de beheerder kreeg').fill('start-sleutel-2026-abc');
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('Welkom12345!');
    await page.getByLabel('Nieuw wachtwoord herhalen').fill('Welkom12345!');
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await expect
      .poll(summaryLinks)
      .toEqual([
        'Dit wachtwoord staat in lijsten van uitgelekte of veelgebruikte wachtwoorden. Kies een ander wachtwoord.',
      ]);
    await expectAccessible(page, 'password change refused');

    await page.getByLabel('Wachtwoord dat u van de beheerder kreeg').fill('start-sleutel-2026-abc');
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('fiets-regen-koffie-molen');
    await page.getByLabel('Nieuw wachtwoord herhalen').fill('fiets-regen-koffie-molen');
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    // A case coordinator sees personal data: the second factor comes next.
    await expectHeading(page, 'Tweestapsverificatie instellen');
  });

  it('a user with roles in two regions switches explicitly, and works there with the role held there', async () => {
    const admin = await e2e.app.signIn('beheer@delft.demo');
    const region = await admin.post('/api/v1/regions', {
      code: `regio-${randomUUID().slice(0, 6)}`,
      name: 'Regio Westland-Oost',
    });
    expect(region.status).toBe(201);
    expect((await admin.put('/api/v1/me/region', { regionId: region.body.id })).status).toBe(200);
    const grant = await admin.post('/api/v1/role-grants', {
      email: 'beleid@delft.demo',
      role: 'executive',
      reason: 'Bestuurlijke rapportage',
    });
    expect(grant.body.status).toBe('active');

    await page.context().clearCookies();
    await signIn(page, 'beleid@delft.demo');
    const switcher = page.getByLabel('Regio');
    await expect
      .poll(() => switcher.locator('option').allTextContents())
      .toEqual(['Haaglanden (DEMO) (Beleidsmedewerker)', 'Regio Westland-Oost (Bestuurder)']);
    await expectAccessible(page, 'header with a region switch');
    await switcher.selectOption({ label: 'Regio Westland-Oost (Bestuurder)' });
    await page.getByRole('button', { name: 'Wisselen' }).click();
    await expect
      .poll(() => page.getByRole('status').allTextContents())
      .toContain('U werkt nu in Regio Westland-Oost als Bestuurder.');
    await expect.poll(() => page.locator('.schakel-header__user-role').textContent()).toBe('Bestuurder');
    await signOut(page);
  });
});

describe('the privacy officer sees who collects refusals', () => {
  it('lists a user who probed case ids', async () => {
    const prober = await e2e.app.signIn('regisseur@rijswijk.demo');
    for (let i = 0; i < 7; i++) expect((await prober.get(`/api/v1/cases/${randomUUID()}`)).status).toBe(404);
    await page.context().clearCookies();
    await signIn(page, 'fg@delft.demo');
    await page.goto('/toegangslog/afwijkingen');
    await expectHeading(page, 'Afwijkingen in het toegangslog');
    await pick(page, page.getByRole('radio', { name: /^Geweigerde verzoeken/ }));
    await page.getByRole('button', { name: 'Tonen' }).click();
    const row = page.locator('tbody tr').filter({ hasText: 'Rik Regisseur' });
    await expect.poll(() => row.textContent()).toContain('GET /api/v1/cases/:id');
    await expectAccessible(page, 'refusals anomaly view');
  });
});
