/**
 * Each demo user lands on the home page of their role, with only the navigation that role may use;
 * the 404 and no-access pages; a session that ends sends the user back to sign in. axe-core on every
 * home page, and a clean console.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../src/demo/seed.js';
import {
  type E2E,
  expectAccessible,
  expectCleanConsole,
  expectHeading,
  fillSignIn,
  openSession,
  signIn,
  signOut,
  startE2E,
  totpNow,
} from './support.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const ROLE_LABELS: Record<string, string> = {
  admin: 'Functioneel beheerder',
  process_director: 'Procesregisseur',
  case_coordinator: 'Casuscoördinator',
  partner: 'Ketenpartner',
  expert: 'Lid expertisepool',
  network_director: 'Netwerkregisseur',
  policy_officer: 'Beleidsmedewerker',
  executive: 'Bestuurder',
  privacy_officer: 'Functionaris gegevensbescherming',
  privacy_contact: 'Privacycontactpersoon',
};

/** Navigation per role: only what the role's permissions allow. */
const NAV: Record<string, string[]> = {
  admin: [
    'Start',
    "Regio's",
    'Organisaties',
    'Gemeenten',
    'Gebruikers',
    'Rollen',
    'Achtergrondtaken',
    'Convenanten',
    'Bewaartermijnen',
    'Correctie en wissen',
    'API-tokens',
  ],
  process_director: [
    'Start',
    'Meldingen',
    'Afstemmingsoverleg',
    'Koppelverzoeken',
    'Casussen',
    'Casusoverleggen',
    'Geprioriteerde lijst',
    'Organisaties',
    'Gemeenten',
    'Programma',
    'Expertisepool',
    'Rapportages',
    'Convenanten',
    'API-tokens',
  ],
  case_coordinator: [
    'Start',
    'Meldingen',
    'Casussen',
    'Casusoverleggen',
    'Geprioriteerde lijst',
    'Organisaties',
    'Gemeenten',
    'API-tokens',
  ],
  partner: [
    'Start',
    'Meldingen',
    'Casussen',
    'Casusoverleggen',
    'Geprioriteerde lijst',
    'Organisaties',
    'Gemeenten',
    'API-tokens',
  ],
  expert: [
    'Start',
    'Casussen',
    'Casusoverleggen',
    'Geprioriteerde lijst',
    'Organisaties',
    'Gemeenten',
    'Expertisepool',
    'API-tokens',
  ],
  network_director: [
    'Start',
    'Organisaties',
    'Gemeenten',
    'Programma',
    'Contactcirkels',
    'Sleutelfiguren',
    'Netwerken',
    'Trainingen',
    'Aandachtsfunctionarissen',
    'Expertisepool',
    'Nieuwsbrief',
    'Rapportages',
    'API-tokens',
  ],
  policy_officer: [
    'Start',
    'Organisaties',
    'Gemeenten',
    'Programma',
    'Netwerken',
    'Trainingen',
    'Expertisepool',
    'Nieuwsbrief',
    'Rapportages',
    'API-tokens',
  ],
  executive: ['Start', 'Programma', 'Dashboard', 'Rapportages'],
  privacy_contact: ['Start', 'Organisaties', 'Gemeenten', 'Toestemmingsverzoeken'],
  privacy_officer: [
    'Start',
    'Organisaties',
    'Gemeenten',
    'Gebruikers',
    'Rollen',
    'Toegangslog',
    'Inzageverzoeken',
    'Noodtoegang',
    'Convenanten',
    'Bewaartermijnen',
    'Correctie en wissen',
    'API-tokens',
  ],
};

describe('home page per role', () => {
  it('every demo user lands on the home page of their role, with only the navigation it may use', async () => {
    const s = await openSession(e2e);
    const { page } = s;
    for (const user of DEMO_USERS) {
      await signIn(page, user.email);
      await expectHeading(page, `Welkom, ${user.name}`);
      expect(new URL(page.url()).pathname).toBe('/');
      await expect.poll(() => page.locator(`[data-role="${user.role}"]`).count()).toBe(1);
      const roleLabel = ROLE_LABELS[user.role] as string;
      await expect.poll(() => page.locator('.schakel-header__user-role').textContent()).toBe(roleLabel);
      await expect.poll(() => page.locator('.schakel-header__region').textContent()).toContain('Haaglanden (DEMO)');
      await page.getByText('DEMO — fictieve gegevens').waitFor();
      const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
      await expect.poll(() => nav.getByRole('link').allTextContents()).toEqual(NAV[user.role]);
      // The home page says what the role does and offers what it may use.
      await page.getByRole('heading', { name: 'Uw rol in Schakel' }).waitFor();
      await page.getByRole('heading', { name: 'Wat u nu kunt doen' }).waitFor();
      expect(await page.locator('h1').count()).toBe(1);
      // Every card on the home page leads to a page in this role's navigation (or its notifications),
      // and every page of the navigation but the home page has a card.
      const navHrefs = await nav.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      const cardHrefs = await page
        .locator('.schakel-cards a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      for (const href of cardHrefs) expect([...navHrefs, '/notifications'], user.email).toContain(href);
      for (const href of navHrefs.filter((h) => h !== '/')) expect(cardHrefs, user.email).toContain(href);
      await expectAccessible(page, `home page of ${user.role} (${user.email})`);
      await signOut(page);
      await page.getByText('U bent uitgelogd.').waitFor();
    }
    await expectAccessible(page, 'sign-in page after signing out');
    expectCleanConsole(s);
    await s.close();
  });

  it('shows a 404 page for unknown addresses, signed in or not, and asks to sign in for protected pages', async () => {
    const s = await openSession(e2e);
    const { page } = s;
    await page.goto('/bestaat-niet');
    await expectHeading(page, 'Pagina niet gevonden');
    await expectAccessible(page, '404 page (signed out)');
    await page.goto('/beheer/gebruikers');
    await expectHeading(page, 'Inloggen');
    await fillSignIn(page, 'beheer@delft.demo', undefined, await totpNow());
    await page.getByRole('button', { name: 'Inloggen' }).click();
    // After signing in, the page that was asked for opens.
    await expectHeading(page, 'Gebruikers');
    await page.goto('/bestaat-niet');
    await expectHeading(page, 'Pagina niet gevonden');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
    await expectAccessible(page, '404 page (signed in)');
    // A page outside the role's permissions says so instead of failing.
    await page.goto('/toegangslog');
    await expectHeading(page, 'Geen toegang');
    await expectAccessible(page, 'no-access page');
    expectCleanConsole(s);
    await s.close();
  });

  it('sends a user whose session ended back to the sign-in page with a message', async () => {
    const s = await openSession(e2e);
    const { page } = s;
    await signIn(page, 'coordinator@delft.demo');
    // The session ends on the server (here: its cookie is dropped), then the user navigates on.
    await s.context.clearCookies();
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Organisaties' }).click();
    await expectHeading(page, 'Inloggen');
    await page.getByText('Uw sessie is verlopen. Log opnieuw in.').waitFor();
    expectCleanConsole(s);
    await s.close();
  });
});
