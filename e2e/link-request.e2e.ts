/**
 * Persons across municipalities (issue 8): the process director of Rijswijk registers a signal from a
 * school about a person known only to Delft. The search shows him only "known to Delft" and whom to
 * contact; he asks Delft to link the person. The process director of Delft sees the request with what
 * she needs to decide, and accepts it; then the person is linked to the Rijswijk signal. axe-core on
 * every page and form state; the console stays free of CSP violations.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { municipalityId } from '../test/fixtures.js';
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
let rijswijk: Session;
let delft: Session;

// A fictional person nobody in the demo region has (its names come from another list).
const FIRST = 'Karel';
const LAST = 'Zwaluwstaart';

beforeAll(async () => {
  e2e = await startE2E();
  // The police reported him in Delft: he is known to Delft only.
  const police = await e2e.app.signIn('politie@politie.demo');
  const res = await police.post('/api/v1/signals', {
    municipalityId: await municipalityId(police, 'Delft'),
    receivedOn: '2026-03-01',
    subjects: [{ newPerson: { firstName: FIRST, lastName: LAST, dateOfBirth: '1986-06-06' } }],
    ideology: 'right_wing',
    urgency: 'normal',
    description: 'Melding van de wijkagent.',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  [rijswijk, delft] = await Promise.all([openSession(e2e), openSession(e2e)]);
  await signIn(rijswijk.page, 'regisseur@rijswijk.demo');
  await signIn(delft.page, 'regisseur@delft.demo');
});
afterEach(() => {
  expectCleanConsole(rijswijk);
  expectCleanConsole(delft);
});
afterAll(async () => {
  await rijswijk?.close();
  await delft?.close();
  await e2e?.close();
});

/** Ticks a radio button the way a user does: by its label (the design system hides the input itself). */
async function pick(page: Page, input: Locator): Promise<void> {
  const id = await input.getAttribute('id');
  await page.locator(`label[for="${id}"]`).click();
  await expect.poll(() => input.isChecked()).toBe(true);
}
const summaryLinks = (page: Page) => page.locator('.schakel-error-summary').getByRole('link').allTextContents();
const notice = (page: Page, text: string | RegExp) => page.locator('.ams-alert').filter({ hasText: text }).first();

let signalPath = '';

describe('a link request across municipalities', () => {
  it('Rijswijk registers a signal from a school; the search says only "known to Delft"; he asks for a link', async () => {
    const page = rijswijk.page;
    await page.goto('/signals/new');
    await expectHeading(page, 'Nieuwe melding');

    // An outside reporter: a school, no organisation of the region. The registrant is named.
    await pick(
      page,
      page.getByRole('radiogroup', { name: 'Wie meldt?' }).getByRole('radio', { name: /Iemand van buiten/ }),
    );
    await page.getByLabel('Soort melder').selectOption({ label: 'School' });
    await page.getByLabel('Naam van de melder').fill('Mentor, Christelijk Lyceum');
    await expect.poll(() => page.getByText(/U registreert deze melding als .+ \(Gemeente Rijswijk\)/).count()).toBe(1);
    await page.getByLabel('Gemeente', { exact: true }).selectOption({ label: 'Rijswijk' });
    await page.getByLabel('Ideologie').selectOption({ label: 'Rechts-extremistisch' });
    await page.getByLabel('Omschrijving').fill('Zorgen van school over uitlatingen in de klas.');
    await page.getByLabel('Voornaam').fill(FIRST);
    await page.getByLabel('Achternaam').fill(LAST);
    await page.getByLabel('Geboortedatum').fill('1986-06-06');
    await page.getByRole('button', { name: 'Zoek bekende personen' }).click();

    const choice = page.getByRole('radiogroup', { name: 'Wie is betrokkene 1?' });
    await choice.waitFor();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('bekend bij een andere gemeente');
    const ask = choice.getByRole('radio', { name: 'Vraag Delft om deze persoon te koppelen' });
    await ask.waitFor({ state: 'attached' });
    // The hit names Delft and whom to contact there — nothing about the person.
    const hitText = (await choice.textContent()) ?? '';
    expect(hitText).toContain('regisseur@delft.demo');
    expect(hitText).not.toContain('06-06-1986');
    expect(hitText).not.toMatch(/Bekend in \d+ melding/);
    await expectAccessible(page, 'new signal form with a hit');

    await pick(page, ask);
    await page.getByRole('button', { name: 'Melding registreren' }).click();
    await expect.poll(() => summaryLinks(page)).toEqual(['Vul toelichting voor de procesregisseur in.']);
    await expectAccessible(page, 'new signal form with a hit chosen and an error');
    await page
      .getByLabel('Toelichting voor de procesregisseur')
      .fill('School meldt zorgen; zelfde naam en geboortedatum. Graag afstemmen.');
    await page.getByRole('button', { name: 'Melding registreren' }).click();

    await expectHeading(page, /^Melding S-\d{4}-\d{4}$/);
    signalPath = new URL(page.url()).pathname;
    await notice(page, 'Er is een koppelverzoek gestuurd aan Delft.').waitFor();
    await expect.poll(() => page.getByText('Er is (nog) geen betrokkene gekoppeld.').count()).toBe(1);
    const requests = page.getByRole('table', { name: 'Koppelverzoeken van deze melding' });
    await expect.poll(() => requests.locator('tbody tr').first().textContent()).toContain('In behandeling');
    // Source and registrant, both shown.
    await expect.poll(() => page.getByText('Melder van buiten (geen organisatie in de regio)').count()).toBe(1);
    await expect.poll(() => page.getByText(/door .+ \(Gemeente Rijswijk\)/).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'signal page with a pending link request');
  });

  it('Delft sees the request with what she needs, refuses only with a reason, and accepts', async () => {
    const page = delft.page;
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Koppelverzoeken' }).click();
    await expectHeading(page, 'Koppelverzoeken');
    const request = page.getByRole('region', {
      name: `Verzoek om ${FIRST} ${LAST} te koppelen aan een melding van Rijswijk`,
    });
    await request.waitFor();
    const text = (await request.textContent()) ?? '';
    expect(text).toContain('06-06-1986');
    expect(text).toContain('School meldt zorgen; zelfde naam en geboortedatum.');
    expect(text).toContain('Gemeente Rijswijk');
    await expectAccessible(page, 'link requests page');

    await request.getByRole('button', { name: 'Weigeren' }).click();
    await expect.poll(() => summaryLinks(page)).toEqual(['Geef aan waarom u het verzoek weigert.']);
    await expectAccessible(page, 'link requests page with an error');

    await request.getByLabel(/Toelichting aan de aanvrager/).fill('Bekend bij ons; bel even voor afstemming.');
    await request.getByRole('button', { name: 'Koppeling aanvaarden' }).click();
    await notice(page, `Het koppelverzoek voor ${FIRST} ${LAST} is aanvaard`).waitFor();
    await expect.poll(() => page.getByText('Er zijn geen koppelverzoeken om over te beslissen.').count()).toBe(1);
    const decided = page.getByRole('table', { name: 'Eerder besloten' });
    await expect.poll(() => decided.locator('tbody tr').first().textContent()).toContain('Aanvaard');
    await expectAccessible(page, 'link requests page after the decision');
  });

  it('then the person is linked to the Rijswijk signal', async () => {
    const page = rijswijk.page;
    await page.goto(signalPath);
    const subjects = page.getByRole('table', { name: 'Betrokkenen van deze melding' });
    await expect.poll(() => subjects.locator('tbody tr').first().textContent()).toContain(`${FIRST} ${LAST}`);
    await expect
      .poll(() => subjects.locator('tbody tr').first().textContent())
      .toContain('Gekoppeld aan bekende persoon');
    const requests = page.getByRole('table', { name: 'Koppelverzoeken van deze melding' });
    await expect.poll(() => requests.locator('tbody tr').first().textContent()).toContain('Aanvaard');
    await expect
      .poll(() => requests.locator('tbody tr').first().textContent())
      .toContain('Bekend bij ons; bel even voor afstemming.');
    await expectAccessible(page, 'signal page with the accepted link');
  });
});
