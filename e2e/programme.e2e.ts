/**
 * The programme of issue 5 in Chromium, as the policy officer of Delft (the coordinating municipality):
 * find an intervention in the catalogue by searching, change it; start Delft's implementation plan for
 * this year, add a line with a budget in euros and change it; see it in the district overview; record an
 * evaluation and a quick scan. The executive reads without changing; another municipality is told the
 * district overview is the coordinating municipality's; a partner (GGZ) has no programme in the
 * navigation and gets "Geen toegang" on its addresses.
 *
 * axe-core (WCAG 2.0/2.1 A and AA) runs on every page visited; no browser may log a
 * Content-Security-Policy violation or an uncaught error.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { todayInNl } from '../src/modules/cases/core.js';
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
let policy: Session;
const others: Session[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  policy = await openSession(e2e);
  await signIn(policy.page, 'beleid@delft.demo');
});
afterEach(async (context) => {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir || context.task.result?.state !== 'fail') return;
  await policy?.page.screenshot({ path: `${dir}/programme-policy.png`, fullPage: true }).catch(() => {});
});
afterAll(async () => {
  for (const s of others) await s.close();
  await policy?.close();
  await e2e?.close();
});

/** Ticks a radio button or checkbox by its label, as a user does (the design system hides the input). */
async function pick(page: Page, input: Locator): Promise<void> {
  const id = await input.getAttribute('id');
  await page.locator(`label[for="${id}"]`).click();
  await expect.poll(() => input.isChecked()).toBe(true);
}

function flash(page: Page, text: string | RegExp): Locator {
  return page.locator('.ams-alert').filter({ hasText: text }).first();
}

const subNav = (page: Page) => page.getByRole('navigation', { name: 'Onderdelen van het programma' });

it('runs the catalogue, an implementation plan, the district overview, an evaluation and a quick scan', async () => {
  const page = policy.page;
  const year = Number(todayInNl(new Date()).slice(0, 4));

  // 1. The catalogue from the main navigation, grouped by action line.
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Programma' }).click();
  await expectHeading(page, 'Interventies');
  await page.getByRole('heading', { name: /^Actielijn 4: Persoonsgerichte aanpak/ }).waitFor();
  await expectAccessible(page, 'intervention catalogue');

  // 2. Search for a word of an intervention's goal, and filter by aspect and target group.
  await page.getByLabel('Zoeken', { exact: true }).fill('nepnieuws');
  await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
  await page.getByRole('status').filter({ hasText: '1 interventie gevonden.' }).waitFor();
  await page.getByRole('link', { name: 'Workshoptraject UnderPressure' }).waitFor();
  await page.getByRole('button', { name: 'Filters wissen' }).click();
  await page.getByLabel('Aspect', { exact: true }).selectOption({ label: 'Ingrijpen' });
  await page.getByLabel('Doelgroep', { exact: true }).fill('procesregisseur');
  await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
  await page.getByRole('link', { name: 'Duiding', exact: true }).waitFor();
  await expect.poll(() => page.getByRole('link', { name: 'Workshoptraject UnderPressure' }).count()).toBe(0);
  await expectAccessible(page, 'filtered catalogue');
  await page.getByLabel('Zoeken', { exact: true }).fill('UnderPressure');
  await page.getByLabel('Aspect', { exact: true }).selectOption({ label: 'Alle aspecten' });
  await page.getByLabel('Doelgroep', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
  await page.getByRole('link', { name: 'Workshoptraject UnderPressure' }).click();

  // 3. The intervention with all its fields.
  await expectHeading(page, 'Workshoptraject UnderPressure');
  for (const term of [
    'Doel',
    'Directe doelgroep',
    'Indirecte doelgroep',
    'Uitvoering',
    'Aanbieder',
    'Beschermende factoren (NJI top tien)',
    'Aspecten',
    'Soort evaluatie',
  ]) {
    await page
      .locator('dt')
      .filter({ hasText: new RegExp(`^${term.replace(/[()]/g, '\\$&')}$`) })
      .waitFor();
  }
  await expectAccessible(page, 'intervention page');

  // 4. Change it: the provider and one more protective factor.
  await page.getByRole('link', { name: 'Interventie wijzigen' }).click();
  await expectHeading(page, 'Workshoptraject UnderPressure wijzigen');
  await expectAccessible(page, 'intervention form');
  await page.getByLabel('Aanbieder').fill('Stichting Weerbaar Delft');
  const factors = page.getByRole('group', { name: 'Beschermende factoren die de interventie versterkt' });
  await pick(page, factors.getByRole('checkbox', { name: '7. Competenties' }));
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expectHeading(page, 'Workshoptraject UnderPressure');
  await flash(page, 'De wijzigingen zijn opgeslagen.').waitFor();
  await page.getByText('Stichting Weerbaar Delft').waitFor();
  await page.getByText('7. Competenties').waitFor();
  await expectAccessible(page, 'intervention after saving');

  // 5. Delft's implementation plan for this year.
  await subNav(page).getByRole('link', { name: 'Uitvoeringsplannen' }).click();
  await expectHeading(page, 'Uitvoeringsplannen');
  await expectAccessible(page, 'implementation plans (empty)');
  await page.getByRole('link', { name: 'Nieuw uitvoeringsplan' }).click();
  await expectHeading(page, 'Nieuw uitvoeringsplan');
  await expect.poll(() => page.getByLabel('Gemeente').inputValue()).not.toBe('');
  expect(await page.getByLabel('Gemeente').locator('option:checked').textContent()).toBe('Delft');
  expect(await page.getByLabel('Jaar').inputValue()).toBe(String(year));
  await page.getByLabel('Totaal budget').fill('abc');
  await page.getByRole('button', { name: 'Aanmaken' }).click();
  await page.getByRole('link', { name: /bedrag in euro’s/ }).waitFor();
  await expectAccessible(page, 'new plan form with an error');
  await page.getByLabel('Totaal budget').fill('80.000');
  await page.getByRole('button', { name: 'Aanmaken' }).click();
  await expectHeading(page, `Uitvoeringsplan Delft ${year}`);
  await flash(page, `Het uitvoeringsplan Delft ${year} is aangemaakt.`).waitFor();
  await page.getByText('€ 80.000,00').waitFor();
  await expectAccessible(page, 'new plan');

  // 6. A line with a budget in euros, then its actual number.
  const addForm = page.getByRole('form', { name: 'Interventie toevoegen' });
  await addForm.getByLabel('Interventie').selectOption({ label: 'Workshoptraject UnderPressure' });
  await addForm.getByLabel('Gepland aantal activiteiten').fill('4');
  await addForm.getByLabel('Budget').fill('12.500,50');
  await addForm.getByRole('button', { name: 'Toevoegen' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: 'Workshoptraject UnderPressure is aan het plan toegevoegd.' })
    .waitFor();
  const lines = page.getByRole('region', { name: /^Interventies in het uitvoeringsplan Delft/ });
  const row = lines.getByRole('row').filter({ hasText: 'Workshoptraject UnderPressure' });
  await row.getByText('€ 12.500,50').waitFor();
  await expectAccessible(page, 'plan with a line');
  await row.getByRole('link', { name: 'Wijzigen Workshoptraject UnderPressure' }).click();
  await expectHeading(page, `Workshoptraject UnderPressure in het uitvoeringsplan Delft ${year}`);
  expect(await page.getByLabel('Budget').inputValue()).toBe('12500,50');
  await page.getByLabel('Gerealiseerd aantal activiteiten').fill('2');
  await page.getByLabel('Status').selectOption({ label: 'Loopt' });
  await expectAccessible(page, 'plan line form');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expectHeading(page, `Uitvoeringsplan Delft ${year}`);
  await flash(page, 'De wijzigingen zijn opgeslagen.').waitFor();
  await row.getByRole('cell', { name: 'Loopt' }).waitFor();

  // 7. The district overview: the line under Delft, the other municipalities without a plan.
  await subNav(page).getByRole('link', { name: 'Districtsoverzicht' }).click();
  await expectHeading(page, 'Districtsoverzicht uitvoeringsplannen');
  const matrix = page.getByRole('region', { name: /^Interventies × gemeenten van District E in/ });
  await matrix.waitFor();
  const header = await matrix.locator('thead th').allTextContents();
  expect(header[0]).toBe('Interventie');
  expect(header).toEqual(expect.arrayContaining(['Delft', 'Rijswijk', 'Westland', 'Midden-Delfland', 'District']));
  const delftColumn = header.indexOf('Delft');
  const cells = matrix.getByRole('row').filter({ hasText: 'Workshoptraject UnderPressure' }).locator('th, td');
  const delftCell = (await cells.allTextContents())[delftColumn] ?? '';
  expect(delftCell).toContain('4 gepland');
  expect(delftCell).toContain('2 gerealiseerd');
  expect(delftCell.replace(/\s/g, ' ')).toContain('€ 12.500,50');
  const plans = page.getByRole('region', { name: /^Uitvoeringsplannen van District E/ });
  await plans.getByRole('row').filter({ hasText: 'Rijswijk' }).getByText('Geen plan').waitFor();
  await expectAccessible(page, 'district overview');

  // 8. An evaluation of the intervention, with a follow-up action.
  await subNav(page).getByRole('link', { name: 'Evaluaties' }).click();
  await expectHeading(page, 'Evaluaties');
  await expectAccessible(page, 'evaluations (empty)');
  await page.getByRole('link', { name: 'Nieuwe evaluatie' }).click();
  await expectHeading(page, 'Nieuwe evaluatie');
  await page.getByRole('button', { name: 'Aanmaken' }).click();
  await page.getByRole('link', { name: 'Kies interventie.' }).waitFor();
  await expectAccessible(page, 'evaluation form with errors');
  await page.getByLabel('Interventie').selectOption({ label: 'Workshoptraject UnderPressure' });
  await pick(page, page.getByRole('radio', { name: 'Procesevaluatie' }));
  await page.getByLabel('Titel').fill('Procesevaluatie UnderPressure voorjaar');
  await page.getByLabel('Datum van de evaluatie').fill(todayInNl(new Date()));
  await page
    .getByLabel('Bevindingen')
    .fill('De workshops sloten goed aan; docenten willen de nabespreking zelf leiden.');
  await page.getByRole('button', { name: 'Vervolgactie toevoegen' }).click();
  const action = page.getByRole('group', { name: 'Vervolgactie 1' });
  await action.getByLabel('Actie').fill('Docenten trainen in de nabespreking');
  await action.getByLabel('Eigenaar').fill('Stichting Weerbaar Delft');
  await expectAccessible(page, 'evaluation form filled in');
  await page.getByRole('button', { name: 'Aanmaken' }).click();
  await expectHeading(page, 'Procesevaluatie UnderPressure voorjaar');
  await flash(page, 'De evaluatie Procesevaluatie UnderPressure voorjaar is vastgelegd.').waitFor();
  await page.getByRole('cell', { name: 'Docenten trainen in de nabespreking' }).waitFor();
  await expectAccessible(page, 'evaluation page');
  await page.getByRole('link', { name: 'Evaluatie wijzigen' }).click();
  await expectHeading(page, 'Procesevaluatie UnderPressure voorjaar wijzigen');
  await pick(page, page.getByRole('group', { name: 'Vervolgactie 1' }).getByRole('checkbox', { name: 'Gedaan' }));
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await flash(page, 'De wijzigingen zijn opgeslagen.').waitFor();
  await page.getByRole('row').filter({ hasText: 'Docenten trainen' }).getByRole('cell', { name: 'Ja' }).waitFor();
  await subNav(page).getByRole('link', { name: 'Evaluaties' }).click();
  await page.getByRole('link', { name: 'Procesevaluatie UnderPressure voorjaar' }).waitFor();
  await expectAccessible(page, 'evaluations list');

  // 9. A quick scan: completed, with a recommended action; the dates are checked before sending.
  await subNav(page).getByRole('link', { name: 'Quickscans en analyses' }).click();
  await expectHeading(page, 'Quickscans en analyses');
  await expectAccessible(page, 'quick scans (empty)');
  await page.getByRole('link', { name: 'Nieuwe quickscan' }).click();
  await expectHeading(page, 'Nieuwe quickscan');
  await page.getByLabel('Titel').fill('Quickscan polarisatie Tanthof');
  await page.getByLabel('Thema', { exact: true }).fill('Polarisatie');
  await page.getByLabel('Gebied', { exact: true }).fill('Tanthof, Delft');
  await page.getByLabel('Opdrachtgever').fill('Gemeente Delft');
  await page.getByLabel('Onderzoeker').fill('Bureau Wijkanalyse');
  await pick(page, page.getByRole('radio', { name: 'Afgerond' }));
  await page.getByRole('button', { name: 'Aanmaken' }).click();
  await page.getByRole('link', { name: 'Vul de datum in waarop de quickscan is afgerond.' }).waitFor();
  await expectAccessible(page, 'quick scan form with an error');
  await page.getByLabel('Gestart op').fill(`${year - 1}-11-01`);
  await page.getByLabel('Afgerond op').fill(`${year - 1}-12-15`);
  await page
    .getByLabel('Bevindingen')
    .fill('Spanningen rond de sluiting van het buurthuis; geen aanwijzingen voor radicalisering.');
  await page.getByRole('button', { name: 'Aanbevolen actie toevoegen' }).click();
  await page
    .getByRole('group', { name: 'Aanbevolen actie 1' })
    .getByLabel('Actie')
    .fill('Dialoogavond in het buurthuis');
  await page.getByRole('button', { name: 'Aanmaken' }).click();
  await expectHeading(page, 'Quickscan polarisatie Tanthof');
  await flash(page, 'De quickscan Quickscan polarisatie Tanthof is vastgelegd.').waitFor();
  await page.getByRole('cell', { name: 'Dialoogavond in het buurthuis' }).waitFor();
  await expectAccessible(page, 'quick scan page');
  await page.getByRole('link', { name: 'Quickscan wijzigen' }).click();
  await expectHeading(page, 'Quickscan polarisatie Tanthof wijzigen');
  await expectAccessible(page, 'quick scan form');
  await page
    .getByRole('group', { name: 'Aanbevolen actie 1' })
    .getByLabel('Status')
    .selectOption({ label: 'In uitvoering' });
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await flash(page, 'De wijzigingen zijn opgeslagen.').waitFor();
  await page.getByRole('cell', { name: 'In uitvoering' }).waitFor();
  await subNav(page).getByRole('link', { name: 'Quickscans en analyses' }).click();
  await page.getByRole('link', { name: 'Quickscan polarisatie Tanthof' }).waitFor();
  await expectAccessible(page, 'quick scans list');

  expectCleanConsole(policy);
});

it('lets the executive read the programme without changing it', async () => {
  const executive = await openSession(e2e);
  others.push(executive);
  const page = executive.page;
  await signIn(page, 'burgemeester@delft.demo');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Programma' }).click();
  await expectHeading(page, 'Interventies');
  expect(await page.getByRole('link', { name: 'Nieuwe interventie' }).count()).toBe(0);
  await page.getByRole('link', { name: 'Contactcirkel' }).click();
  await expectHeading(page, 'Contactcirkel');
  expect(await page.getByRole('link', { name: 'Interventie wijzigen' }).count()).toBe(0);
  await expectAccessible(page, 'intervention page (read only)');
  await page.goto(`${new URL(page.url()).pathname}/wijzigen`);
  await expectHeading(page, 'Geen toegang');
  expectCleanConsole(executive);
});

it('tells a municipality that does not coordinate that the district overview is not theirs', async () => {
  const director = await openSession(e2e);
  others.push(director);
  const page = director.page;
  await signIn(page, 'regisseur@rijswijk.demo');
  await page.goto('/programme/district');
  await expectHeading(page, 'Districtsoverzicht uitvoeringsplannen');
  await page.locator('.ams-alert').filter({ hasText: 'Alleen de coördinerende gemeente' }).waitFor();
  expect(await page.getByRole('region', { name: /^Interventies ×/ }).count()).toBe(0);
  await expectAccessible(page, 'district overview for another municipality');
  expectCleanConsole(director);
});

it('keeps a partner without the permission out: no navigation entry, "Geen toegang" on the addresses', async () => {
  const partner = await openSession(e2e);
  others.push(partner);
  const page = partner.page;
  await signIn(page, 'ggz@ggz.demo');
  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
  await nav.waitFor();
  expect(await nav.getByRole('link', { name: 'Programma' }).count()).toBe(0);
  for (const path of [
    '/programme/interventions',
    '/programme/implementation-plans',
    '/programme/district',
    '/programme/evaluations/nieuw',
    '/programme/quick-scans',
  ]) {
    await page.goto(path);
    await expectHeading(page, 'Geen toegang');
  }
  await expectAccessible(page, 'forbidden page');
  expectCleanConsole(partner);
});
