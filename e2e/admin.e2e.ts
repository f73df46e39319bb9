/**
 * The functional administrator's pages: regions, organisations, municipalities and users (list,
 * create, edit, block, reset second factor) and personal API tokens. axe-core runs on every page and
 * form state; the console must stay free of CSP violations.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queueFailingExport } from '../src/modules/exports/test-support.js';
import {
  type E2E,
  expectAccessible,
  expectCleanConsole,
  expectHeading,
  openSession,
  type Session,
  signIn,
  startE2E,
} from './support.js';

let e2e: E2E;
let s: Session;
let page: Page;

beforeAll(async () => {
  e2e = await startE2E();
  s = await openSession(e2e);
  page = s.page;
  await signIn(page, 'beheer@delft.demo');
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
const summaryText = () => page.locator('.schakel-error-summary').textContent();
const summaryHasFocus = () => page.locator('.schakel-error-summary').evaluate((el) => el === document.activeElement);
const row = (text: string) => page.locator('tbody tr').filter({ hasText: text });
const notice = (text: string) => page.locator('.ams-alert').filter({ hasText: text }).first();

describe('functional administrator', () => {
  it('creates and renames a region', async () => {
    await nav("Regio's").click();
    await expectHeading(page, "Regio's");
    await expect.poll(() => row('Haaglanden (DEMO)').count()).toBe(1);
    await expectAccessible(page, 'regions list');

    await page.getByRole('link', { name: 'Nieuwe regio' }).click();
    await expectHeading(page, 'Nieuwe regio');
    await expectAccessible(page, 'new region form');
    await page.getByLabel('Code').fill('Hollands Midden');
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    await expect
      .poll(summaryLinks)
      .toEqual(['Gebruik alleen kleine letters, cijfers en streepjes (2 tot 40 tekens).', 'Vul naam in.']);
    await expect(summaryHasFocus()).resolves.toBe(true);
    await expectAccessible(page, 'new region form with errors');
    await page.getByLabel('Code').fill('hollands-midden');
    await page.getByLabel('Naam').fill('Hollands Midden');
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    await expectHeading(page, "Regio's");
    await notice('Hollands Midden is aangemaakt.').waitFor();
    await expect.poll(() => row('hollands-midden').count()).toBe(1);

    await page.getByRole('link', { name: 'Wijzigen Hollands Midden' }).click();
    await expectHeading(page, 'Regio Hollands Midden wijzigen');
    await expectAccessible(page, 'edit region form');
    await page.getByLabel('Naam').fill('Veiligheidsregio Hollands Midden');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expectHeading(page, "Regio's");
    await notice('De wijzigingen zijn opgeslagen.').waitFor();
    await expect.poll(() => row('Veiligheidsregio Hollands Midden').count()).toBe(1);
  });

  it('creates an organisation, renames it, and is told when someone else changed it first', async () => {
    await nav('Organisaties').click();
    await expectHeading(page, 'Organisaties');
    await row('Politie').first().waitFor();
    await expectAccessible(page, 'organisations list');

    await page.getByRole('link', { name: 'Nieuwe organisatie' }).click();
    await expectHeading(page, 'Nieuwe organisatie');
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    await expect.poll(summaryLinks).toEqual(['Vul naam in.', 'Kies soort organisatie.']);
    await expectAccessible(page, 'new organisation form with errors');
    await page.getByLabel('Naam').fill('Stichting Jongerenwerk Delft');
    await page.getByLabel('Soort organisatie').selectOption({ label: 'Welzijn' });
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    await expectHeading(page, 'Organisaties');
    await notice('Stichting Jongerenwerk Delft is aangemaakt.').waitFor();
    await expect.poll(() => row('Stichting Jongerenwerk Delft').textContent()).toContain('Welzijn');

    // Someone else renames it while the form is open: saving says so, and reloading fetches their change.
    await page.getByRole('link', { name: 'Wijzigen Stichting Jongerenwerk Delft' }).click();
    await expectHeading(page, 'Organisatie Stichting Jongerenwerk Delft wijzigen');
    await expectAccessible(page, 'edit organisation form');
    const other = await e2e.app.signIn('beheer@delft.demo');
    const list = await other.get('/api/v1/organisations');
    const org = list.body.items.find((o: { name: string }) => o.name === 'Stichting Jongerenwerk Delft');
    const changed = await other.patch(`/api/v1/organisations/${org.id}`, {
      name: 'Jongerenwerk Delft (gewijzigd)',
      type: 'welfare',
      version: org.version,
    });
    expect(changed.status).toBe(200);
    await page.getByLabel('Naam').fill('Jongerenwerk Delft');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(summaryText).toContain('Dit record is intussen door iemand anders gewijzigd.');
    await expect(summaryHasFocus()).resolves.toBe(true);
    await expectAccessible(page, 'edit organisation form after a conflict');
    await page.getByRole('button', { name: 'Gegevens opnieuw laden' }).click();
    await expect.poll(() => page.getByLabel('Naam').inputValue()).toBe('Jongerenwerk Delft (gewijzigd)');
    await page.getByLabel('Naam').fill('Jongerenwerk Delft');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expectHeading(page, 'Organisaties');
    await expect.poll(() => row('Jongerenwerk Delft').textContent()).toContain('Welzijn');
  });

  it('creates a municipality, with the field errors of both the form and the server', async () => {
    await nav('Gemeenten').click();
    await expectHeading(page, 'Gemeenten');
    await expect.poll(() => row('Delft').first().textContent()).toContain('GM0503');
    await expectAccessible(page, 'municipalities list');

    await page.getByRole('link', { name: 'Nieuwe gemeente' }).click();
    await expectHeading(page, 'Nieuwe gemeente');
    await expectAccessible(page, 'new municipality form');
    await page.getByLabel('CBS-gemeentecode').fill('1926');
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    await expect
      .poll(summaryLinks)
      .toEqual(['Vul naam in.', 'Vul een CBS-gemeentecode in: GM gevolgd door 4 cijfers, zoals GM0503.']);
    await page.getByLabel('Naam', { exact: true }).fill('Pijnacker-Nootdorp');
    await page.getByLabel('CBS-gemeentecode').fill('GM1926');
    await page.getByLabel(/^District/).fill('District E');
    await page.getByLabel('Organisatie van de gemeente').selectOption({ label: 'Gemeente Delft' });
    await page.getByText('Coördinerende gemeente van het district').click();
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    // District E already has Delft as coordinating municipality: the server names the field.
    await expect.poll(summaryLinks).toEqual(['Het district heeft al een coördinerende gemeente.']);
    await expect(summaryHasFocus()).resolves.toBe(true);
    await expectAccessible(page, 'new municipality form with a server-side field error');
    await page.getByText('Coördinerende gemeente van het district').click();
    await page.getByLabel('Organisatie van de gemeente').selectOption({ label: 'Geen organisatie gekoppeld' });
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    await expectHeading(page, 'Gemeenten');
    await notice('Pijnacker-Nootdorp is aangemaakt.').waitFor();
    await expect.poll(() => row('Pijnacker-Nootdorp').textContent()).toContain('GM1926');

    await page.getByRole('link', { name: 'Wijzigen Pijnacker-Nootdorp' }).click();
    await expectHeading(page, 'Gemeente Pijnacker-Nootdorp wijzigen');
    await expect.poll(() => page.getByLabel('CBS-gemeentecode').inputValue()).toBe('GM1926');
    await expectAccessible(page, 'edit municipality form');
    await page.getByLabel(/^District/).fill('District F');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expectHeading(page, 'Gemeenten');
    await expect.poll(() => row('Pijnacker-Nootdorp').textContent()).toContain('District F');
  });

  it('creates a user, edits and blocks and unblocks them, and resets a second factor', async () => {
    await nav('Gebruikers').click();
    await expectHeading(page, 'Gebruikers');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(13);
    await expectAccessible(page, 'users list');

    await page.getByRole('link', { name: 'Nieuwe gebruiker' }).click();
    await expectHeading(page, 'Nieuwe gebruiker');
    await expectAccessible(page, 'new user form');
    await page.getByLabel('E-mailadres').fill('regisseur@delft.demo');
    await page.getByLabel('Eerste wachtwoord').fill('te-kort');
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    await expect
      .poll(summaryLinks)
      .toEqual([
        'Vul naam in.',
        'Kies rol.',
        'Kies organisatie.',
        'Het eerste wachtwoord moet minimaal 12 tekens lang zijn.',
      ]);
    await expectAccessible(page, 'new user form with errors');
    await page.getByLabel('Naam').fill('Jamal Jongerenwerker');
    await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'Ketenpartner' });
    await page.getByLabel('Organisatie').selectOption({ label: 'Jongerenwerk Delft' });
    await page.getByLabel('Eerste wachtwoord').fill('een-lang-eerste-wachtwoord');
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    // The address is taken: the server says so about the e-mail field.
    await expect.poll(summaryLinks).toEqual(['Er bestaat al een gebruiker met dit e-mailadres.']);
    await page.getByLabel('E-mailadres').fill('jamal@jongerenwerk.demo');
    await page.getByLabel('Eerste wachtwoord').fill('een-lang-eerste-wachtwoord');
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    await expectHeading(page, 'Gebruiker Jamal Jongerenwerker');
    await notice('Jamal Jongerenwerker is aangemaakt.').waitFor();
    await expect.poll(() => page.locator('dl').first().textContent()).toContain('Niet ingesteld');
    // A partner sees personal data: the role waits for a second admin.
    const roles = page.locator('section[aria-labelledby="user-roles"]');
    await expect.poll(() => roles.textContent()).toContain('Aangevraagde rol');
    await expect.poll(() => roles.textContent()).toContain('Ketenpartner');
    await expectAccessible(page, 'user page');
    const admin2 = await e2e.app.signIn('beheer2@delft.demo');
    const request = (await admin2.get('/api/v1/role-grants?status=requested')).body.items.find(
      (g: { user: { email: string } }) => g.user.email === 'jamal@jongerenwerk.demo',
    );
    expect((await admin2.post(`/api/v1/role-grants/${request.id}/approval`, { version: request.version })).status).toBe(
      200,
    );
    await page.reload();
    await expectHeading(page, 'Gebruiker Jamal Jongerenwerker');

    await page.getByLabel('Naam').fill('Jamal El Amrani');
    await page.getByLabel('Taal').selectOption({ label: 'Engels' });
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await notice('De wijzigingen zijn opgeslagen.').waitFor();
    await expectHeading(page, 'Gebruiker Jamal El Amrani');

    await page.getByRole('button', { name: 'Account blokkeren' }).click();
    await notice('Het account is geblokkeerd.').waitFor();
    await expect.poll(() => page.locator('dl').first().textContent()).toContain('Geblokkeerd');
    const blocked = await e2e.app.client().post('/api/v1/auth/login', {
      email: 'jamal@jongerenwerk.demo',
      password: 'een-lang-eerste-wachtwoord',
    });
    expect(blocked.status).toBe(401);
    await expectAccessible(page, 'user page of a blocked user');
    await page.getByRole('button', { name: 'Account deblokkeren' }).click();
    await notice('Het account is gedeblokkeerd.').waitFor();
    await expect.poll(() => page.locator('dl').first().textContent()).toContain('Actief');

    await nav('Gebruikers').click();
    await expectHeading(page, 'Gebruikers');
    await page.getByLabel('Filter op rol').selectOption({ label: 'Ketenpartner' });
    await page.getByRole('button', { name: 'Filteren' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(3);
    await expect.poll(() => row('Jamal El Amrani').textContent()).toContain('Jongerenwerk Delft');
    await expectAccessible(page, 'users list filtered by role');

    // Reset the second factor of a demo user, after confirming.
    await page.getByRole('link', { name: 'Gerda van de GGZ' }).click();
    await expectHeading(page, 'Gebruiker Gerda van de GGZ');
    await page.getByRole('button', { name: 'Tweede factor resetten' }).click();
    await page.getByText('Weet u zeker dat u de tweede factor van Gerda van de GGZ wilt resetten?').waitFor();
    await expectAccessible(page, 'user page asking to confirm a reset');
    await page.getByRole('button', { name: 'Ja, tweede factor resetten' }).click();
    await notice('De tweede factor is gereset.').waitFor();
    await expect.poll(() => page.locator('dl').first().textContent()).toContain('Niet ingesteld');
  });

  it('creates a personal API token, shows it once, and revokes it', async () => {
    await nav('API-tokens').click();
    await expectHeading(page, 'API-tokens');
    await page.getByText('U hebt nog geen API-tokens.').waitFor();
    await expectAccessible(page, 'API tokens page');
    await page.getByLabel('Geldig (dagen)').fill('400');
    await page.getByRole('button', { name: 'Token aanmaken' }).click();
    await expect.poll(summaryLinks).toEqual(['Vul naam in.', 'Vul een aantal dagen in van 1 tot en met 365.']);
    await page.getByLabel('Naam').fill('Koppeling zaaksysteem');
    await page.getByLabel('Geldig (dagen)').fill('30');
    await page.getByText('Lezen en wijzigen').click();
    await page.getByRole('button', { name: 'Token aanmaken' }).click();
    await notice('Token aangemaakt').waitFor();
    const token = (await page.locator('[data-token]').textContent()) ?? '';
    expect(token.length).toBeGreaterThan(20);
    await expect.poll(() => row('Koppeling zaaksysteem').textContent()).toContain('Actief');
    await expectAccessible(page, 'API tokens page with a new token');
    // The token works against the API.
    const client = e2e.app.client();
    client.bearer = token;
    await expect(client.get('/api/v1/me').then((r) => r.status)).resolves.toBe(200);

    await page.getByRole('button', { name: 'Token Koppeling zaaksysteem intrekken' }).click();
    await page.getByRole('button', { name: 'Ja, intrekken' }).click();
    await notice('Het token Koppeling zaaksysteem is ingetrokken.').waitFor();
    await expect.poll(() => row('Koppeling zaaksysteem').textContent()).toContain('Ingetrokken');
    await expect.poll(() => page.locator('[data-token]').count()).toBe(0);
    await expect(client.get('/api/v1/me').then((r) => r.status)).resolves.toBe(401);
  });

  it('sees a background job that failed after its retries and runs it again once its cause is mended', async () => {
    const { db } = e2e.app;
    // An export whose filters are broken: the job fails on every attempt and ends as a dead letter.
    const broken = await queueFailingExport(e2e.app, 'fg@delft.demo', 'e2e');

    await nav('Achtergrondtaken').click();
    await expectHeading(page, 'Mislukte achtergrondtaken');
    await expect
      .poll(
        async () => {
          await page.reload();
          return row('Export').count();
        },
        { timeout: 40_000, interval: 1000 },
      )
      .toBe(1);
    expect(await row('Export').textContent()).toContain('Deze regio');
    await expectAccessible(page, 'failed jobs');

    await db.owner
      .updateTable('exports')
      .set({ params: JSON.stringify({}), status: 'running' })
      .where('id', '=', broken.id)
      .execute();
    await page.getByRole('button', { name: 'Opnieuw uitvoeren Export' }).click();
    await notice('De taak "Export" staat weer in de wachtrij.').waitFor();
    await expect.poll(() => row('Export').count()).toBe(0);
    await expect
      .poll(
        async () =>
          (await db.owner.selectFrom('exports').select('status').where('id', '=', broken.id).executeTakeFirst())
            ?.status,
        { timeout: 20_000 },
      )
      .toBe('done');
  }, 90_000);
});
