/**
 * A contact circle from incident to evaluation, in Chromium (issue 5, parts 4 and 5): the network
 * director of Delft adds a key figure with recorded consent to the standing list, opens a contact
 * circle after an incident, walks the five steps of 001 in order (inviting that key figure from the
 * standing list; part of it by keyboard alone), writes the report and the process evaluation, and then
 * looks at the SNRP network. A partner (police) gets no navigation entry and the no-access page at the
 * addresses.
 *
 * axe-core (WCAG 2.0/2.1 A and AA) runs on every page visited; no browser may log a
 * Content-Security-Policy violation or an uncaught error.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { todayInNl } from '../src/modules/networks/common.js';
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
let director: Session;
let partner: Session | undefined;

beforeAll(async () => {
  e2e = await startE2E();
  director = await openSession(e2e);
  await signIn(director.page, 'netwerk@delft.demo');
});
// On failure, keep what the browser showed (set E2E_SCREENSHOTS to a directory).
afterEach(async (context) => {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir || context.task.result?.state !== 'fail') return;
  await director?.page.screenshot({ path: `${dir}/contact-circle-director.png`, fullPage: true }).catch(() => {});
  await partner?.page.screenshot({ path: `${dir}/contact-circle-partner.png`, fullPage: true }).catch(() => {});
});
afterAll(async () => {
  await partner?.close();
  await director?.close();
  await e2e?.close();
});

// A fictional key figure that the demo region does not know.
const KEY_FIGURE = 'Samira Oudeweteringh';
const INCIDENT = 'Bekladding van buurthuis De Wielen met leuzen';

function nav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Hoofdmenu' });
}

/** The success message of these pages (role=status) or of a page change (flash alert). */
function notice(page: Page, text: string | RegExp): Locator {
  return page.locator('.nw-status__text, .ams-alert').filter({ hasText: text }).first();
}

/** Ticks a radio button or checkbox by its label, as a user does (the design system hides the input). */
async function pick(page: Page, input: Locator): Promise<void> {
  const id = await input.getAttribute('id');
  await page.locator(`label[for="${id}"]`).click();
  await expect.poll(() => input.isChecked()).toBe(true);
}

/** The list item of step `n` of the checklist. */
function step(page: Page, n: number): Locator {
  return page.locator('.nw-step').nth(n - 1);
}

async function activeId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.id ?? null);
}

it('adds a key figure with consent, runs a contact circle through its five steps to the report and the process evaluation', async () => {
  const page = director.page;
  const today = todayInNl(new Date());

  // 1. The standing list of key figures, from the main navigation.
  await expect.poll(() => nav(page).getByRole('link', { name: 'Contactcirkels' }).count()).toBe(1);
  await nav(page).getByRole('link', { name: 'Sleutelfiguren' }).click();
  await expectHeading(page, 'Sleutelfiguren');
  await page.getByRole('link', { name: 'Youssef Amrani' }).waitFor();
  await expectAccessible(page, 'key figures list');

  // 2. Add a key figure; the form first refuses what is missing, naming each field.
  await page.getByRole('link', { name: 'Sleutelfiguur toevoegen' }).click();
  await expectHeading(page, 'Sleutelfiguur toevoegen');
  await expectAccessible(page, 'new key figure form');
  await page.getByLabel('Naam', { exact: true }).fill(KEY_FIGURE);
  await page.getByLabel('Datum van de toestemming').fill(today);
  await page.getByRole('button', { name: 'Sleutelfiguur toevoegen' }).click();
  const summary = page.locator('.schakel-error-summary');
  await summary.waitFor();
  await expect.poll(() => summary.textContent()).toContain('Vul organisatie in.');
  await expect.poll(() => summary.textContent()).toContain('Vul in hoe en waarvoor toestemming is gegeven.');
  await expect.poll(() => activeId(page)).not.toBeNull();
  await expectAccessible(page, 'key figure form with errors');
  await page.getByLabel('Organisatie', { exact: true }).fill('Stichting Buurtverbinding De Wielen (fictief)');
  await page.getByLabel('Rol of functie').fill('Coördinator buurtwerk');
  await page.getByLabel('Gemeente').selectOption({ label: 'Delft' });
  await page.getByLabel('Telefoonnummer').fill('015 000 0000');
  await page.getByLabel('E-mailadres').fill('s.oudeweteringh@buurtverbinding.example');
  await page
    .getByLabel('Hoe en waarvoor is toestemming gegeven')
    .fill('Mondeling bij de netwerkregisseur; vaste lijst contactcirkel en uitnodigingen na incidenten.');
  await page.getByRole('button', { name: 'Sleutelfiguur toevoegen' }).click();
  await expectHeading(page, 'Sleutelfiguren');
  await notice(page, `${KEY_FIGURE} is toegevoegd aan de vaste lijst.`).waitFor();
  const row = page.getByRole('row').filter({ hasText: KEY_FIGURE });
  await expect.poll(() => row.textContent()).toContain('Ja, sinds');
  await expectAccessible(page, 'key figures list after adding');
  // Its own page shows the recorded consent for changing it.
  await page.getByRole('link', { name: KEY_FIGURE }).click();
  await expectHeading(page, `${KEY_FIGURE} wijzigen`);
  await expect.poll(() => page.getByLabel('Datum van de toestemming').inputValue()).toBe(today);
  await expectAccessible(page, 'key figure form');

  // 3. Open a contact circle after an incident.
  await nav(page).getByRole('link', { name: 'Contactcirkels' }).click();
  await expectHeading(page, 'Contactcirkels');
  await expectAccessible(page, 'contact circles list');
  await page.getByRole('link', { name: 'Contactcirkel openen' }).click();
  await expectHeading(page, 'Contactcirkel openen na een incident');
  await expectAccessible(page, 'open contact circle form');
  await page.getByLabel('Incident', { exact: true }).fill(INCIDENT);
  await page.getByLabel('Datum van het incident').fill(today);
  await page.getByLabel('Toelichting').fill('Leuzen op de gevel; onrust onder bezoekers en buurtbewoners.');
  await page.getByRole('button', { name: 'Contactcirkel openen' }).click();
  await expectHeading(page, INCIDENT);
  await notice(page, 'is geopend').waitFor();
  await expect.poll(() => page.locator('[aria-current="step"] h3').textContent()).toContain('Stap 1.');
  await expectAccessible(page, 'contact circle at step 1');

  // 4. Step 1 by keyboard alone: type the note, Tab to the button, Enter. Focus moves on to step 2.
  await page.getByLabel('Notitie bij stap 1').focus();
  await page.keyboard.type('Insteek afgestemd met de burgemeester; uitnodiging opgesteld en verstuurd.');
  await page.keyboard.press('Tab');
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Stap 1 afronden');
  await page.keyboard.press('Enter');
  await notice(page, 'Stap 1 is afgerond.').waitFor();
  await expect.poll(() => activeId(page)).toBe('circle-step-2');
  await expect.poll(() => step(page, 1).textContent()).toContain('Afgerond op');
  await expect.poll(() => step(page, 1).textContent()).toContain('Insteek afgestemd met de burgemeester');

  // 5. Step 2 needs an invitee: completing it too early is refused with the reason.
  await page.getByRole('button', { name: 'Stap 2 afronden' }).click();
  const stepSummary = step(page, 2).locator('.schakel-error-summary');
  await stepSummary.waitFor();
  await expect
    .poll(() => stepSummary.textContent())
    .toContain('Nodig eerst ten minste één sleutelfiguur uit de vaste lijst uit');
  await expectAccessible(page, 'contact circle step 2 with an error');
  // Choose the new key figure from the standing list with the keyboard (Space), and one more by mouse.
  const newFigure = page.getByRole('checkbox', { name: new RegExp(KEY_FIGURE) });
  await newFigure.focus();
  await page.keyboard.press('Space');
  await expect.poll(() => newFigure.isChecked()).toBe(true);
  await pick(page, page.getByRole('checkbox', { name: /Ds\. Marieke Verbeek/ }));
  await page.getByRole('button', { name: 'Uitnodigen' }).click();
  await notice(page, 'Uitgenodigd:').waitFor();
  const invitees = step(page, 2).getByRole('region', { name: /Uitgenodigde sleutelfiguren/ });
  await expect.poll(() => invitees.textContent()).toContain(KEY_FIGURE);
  await expect.poll(() => invitees.textContent()).toContain('015 000 0000');
  // Invited key figures are no longer offered.
  await expect.poll(() => page.getByRole('checkbox', { name: new RegExp(KEY_FIGURE) }).count()).toBe(0);
  await expectAccessible(page, 'contact circle step 2 with invitees');
  await page.getByLabel('Notitie bij stap 2').fill('Vaste kern plus de nieuwe sleutelfiguur van het buurthuis.');
  await page.getByRole('button', { name: 'Stap 2 afronden' }).click();
  await notice(page, 'Stap 2 is afgerond.').waitFor();

  // 6. Step 3: time and place of the meeting, then complete.
  await page.getByLabel('Datum en tijd').fill(`${today}T19:30`);
  await page.getByLabel('Plaats', { exact: true }).fill('Stadhuis Delft, Burgerzaal (fictief)');
  await page.getByRole('button', { name: 'Tijd en plaats opslaan' }).click();
  await notice(page, 'Tijd en plaats van de bijeenkomst zijn opgeslagen.').waitFor();
  await page.getByLabel('Notitie bij stap 3').fill('Zaal, koffie en een tolk geregeld.');
  await page.getByRole('button', { name: 'Stap 3 afronden' }).click();
  await notice(page, 'Stap 3 is afgerond.').waitFor();
  await expectAccessible(page, 'contact circle at step 4');

  // 7. Step 4: hard and soft signals and a need collected at the meeting.
  for (const [kind, description] of [
    ['Hard signaal', 'Twee bekladdingen in een week in dezelfde straat.'],
    ['Zacht signaal', 'Bezoekers voelen zich niet meer veilig op weg naar het buurthuis.'],
    ['Behoefte', 'Meer zichtbaarheid van de wijkagent in de avond.'],
  ] as const) {
    await pick(page, page.getByRole('radio', { name: new RegExp(kind) }));
    await page.getByLabel('Omschrijving', { exact: true }).fill(description);
    await page.getByRole('button', { name: 'Signaal of behoefte vastleggen' }).click();
    await notice(page, `${kind} is vastgelegd.`).waitFor();
  }
  const observations = step(page, 4).getByRole('region', { name: 'Harde en zachte signalen en behoeften' });
  await expect.poll(() => observations.getByRole('row').count()).toBe(4);
  await page.getByRole('button', { name: 'Stap 4 afronden' }).click();
  await notice(page, 'Stap 4 is afgerond.').waitFor();

  // 8. Step 5: an action that came out of the circle, then complete the last step.
  await page.getByLabel('Actie', { exact: true }).fill('Extra surveillance rond het buurthuis');
  await page.getByLabel('Uitvoerder').fill('Politie basisteam Delft (fictief)');
  await page.getByRole('button', { name: 'Actie toevoegen' }).click();
  await notice(page, 'is toegevoegd').waitFor();
  await expectAccessible(page, 'contact circle at step 5');
  await page.getByRole('button', { name: 'Stap 5 afronden' }).click();
  await notice(page, 'Stap 5 is afgerond.').waitFor();
  await expect.poll(() => activeId(page)).toBe('circle-report');
  await expect.poll(() => page.locator('.nw-step--done').count()).toBe(5);
  await expect.poll(() => page.locator('[aria-current="step"]').count()).toBe(0);

  // 9. The report, straight after.
  await page
    .getByLabel('Verslag van de contactcirkel')
    .fill('De contactcirkel kwam bijeen met twee sleutelfiguren. Signalen, behoeften en acties zijn vastgelegd.');
  await page.getByRole('button', { name: 'Verslag opslaan' }).click();
  await notice(page, 'Het verslag is opgeslagen.').waitFor();
  // The action is still followed up after the report.
  await page.getByLabel('Status van de actie Extra surveillance rond het buurthuis').selectOption('done');
  await page.getByRole('button', { name: 'Opslaan Extra surveillance rond het buurthuis' }).click();
  await notice(page, 'staat nu op: Uitgevoerd').waitFor();
  await expectAccessible(page, 'contact circle with its report');

  // 10. The process evaluation closes the circle.
  await page.getByLabel('Bevindingen').fill('De stappen werkten; de uitnodiging ging een dag later uit dan gewenst.');
  await page.getByLabel('Wat ging goed').fill('Snelle afstemming met de burgemeester.');
  await page.getByLabel('Verbeterpunten').fill('De vaste lijst vooraf actualiseren.');
  await page.getByRole('button', { name: 'Procesevaluatie vastleggen en afsluiten' }).click();
  await notice(page, 'de contactcirkel is afgesloten').waitFor();
  await expect.poll(() => page.locator('.nw-key-facts').textContent()).toContain('Afgesloten');
  // Closed: nothing can be changed any more.
  await expect.poll(() => page.locator('form').count()).toBe(0);
  await expectAccessible(page, 'closed contact circle');

  // 11. The list shows the circle as closed with its two invitees.
  await page.getByRole('link', { name: 'Contactcirkels' }).first().click();
  await expectHeading(page, 'Contactcirkels');
  const listed = page.getByRole('row').filter({ hasText: INCIDENT });
  await expect.poll(() => listed.textContent()).toContain('Afgesloten');
  await expectAccessible(page, 'contact circles list with the closed circle');

  // The access log holds the reads of the invitees with the circle as purpose.
  const logged = await e2e.app.db.owner
    .selectFrom('access_log')
    .select(['purpose_type', 'subject_type'])
    .where('purpose_type', '=', 'contact-circle')
    .where('subject_type', '=', 'key_figure')
    .execute();
  expect(logged.length).toBeGreaterThan(0);
  expectCleanConsole(director);
});

it('shows the SNRP with members, meetings, shared signals and activities, and adds to each', async () => {
  const page = director.page;
  await nav(page).getByRole('link', { name: 'Netwerken' }).click();
  await expectHeading(page, 'Netwerken');
  await expectAccessible(page, 'networks list');
  await page
    .getByRole('link', { name: /SNRP|Strategisch Netwerk/ })
    .first()
    .click();
  await expectHeading(page, /Strategisch Netwerk|SNRP/);
  await page.getByRole('region', { name: 'Leden', exact: true }).getByRole('table').waitFor();
  await expectAccessible(page, 'network page');

  // A key figure with consent becomes a member.
  await page.getByRole('button', { name: 'Sleutelfiguur als lid toevoegen' }).click();
  await page
    .getByLabel('Sleutelfiguur', { exact: true })
    .selectOption({ label: `${KEY_FIGURE} — Stichting Buurtverbinding De Wielen (fictief)` });
  await page.getByRole('button', { name: 'Lid toevoegen' }).click();
  await notice(page, `${KEY_FIGURE} is lid geworden.`).waitFor();
  await expect.poll(() => page.getByRole('region', { name: 'Leden', exact: true }).textContent()).toContain(KEY_FIGURE);

  // A meeting, a shared (non-personal) signal and an activity.
  await page.getByRole('button', { name: 'Bijeenkomst vastleggen' }).click();
  await page.getByLabel('Wat is gedeeld en afgesproken').fill('Beeld van de spanningen na het incident gedeeld.');
  await page.getByRole('button', { name: 'Bijeenkomst opslaan' }).click();
  await notice(page, 'is vastgelegd').waitFor();
  await page.getByRole('button', { name: 'Signaal delen' }).click();
  await page.getByLabel('Thema').fill('Spanningen rond het buurthuis');
  await page.getByLabel('Signaal', { exact: true }).fill('Toename van onrust onder jongeren in de wijk.');
  await page.getByRole('button', { name: 'Signaal opslaan' }).click();
  await notice(page, 'Spanningen rond het buurthuis').waitFor();
  await page.getByRole('button', { name: 'Activiteit vastleggen' }).click();
  await page.getByLabel('Activiteit', { exact: true }).fill('Buurtgesprek over veiligheid');
  await page.getByRole('button', { name: 'Activiteit opslaan' }).click();
  await notice(page, 'Buurtgesprek over veiligheid').waitFor();
  await expectAccessible(page, 'network page after additions');

  // A new network.
  await page.getByRole('link', { name: 'Netwerken' }).first().click();
  await page.getByRole('link', { name: 'Netwerk toevoegen' }).click();
  await expectHeading(page, 'Netwerk toevoegen');
  await expectAccessible(page, 'new network form');
  await page.getByLabel('Naam').fill('Netwerk levensbeschouwelijke organisaties Delft (fictief)');
  await page.getByLabel('Soort netwerk').selectOption('community');
  await page.getByRole('button', { name: 'Aanmaken' }).click();
  await expectHeading(page, 'Netwerk levensbeschouwelijke organisaties Delft (fictief)');
  await expectAccessible(page, 'new network page');
  expectCleanConsole(director);
});

it('gives a partner no navigation entry and the no-access page at the addresses', async () => {
  partner = await openSession(e2e);
  const { page } = partner;
  await signIn(page, 'politie@politie.demo');
  for (const name of ['Contactcirkels', 'Sleutelfiguren', 'Netwerken']) {
    expect(await nav(page).getByRole('link', { name }).count()).toBe(0);
  }
  for (const address of ['/contact-circles', '/contact-circles/nieuw', '/key-figures', '/networks']) {
    await page.goto(address);
    await expectHeading(page, 'Geen toegang');
  }
  await expectAccessible(page, 'no-access page for a partner');
  expectCleanConsole(partner);
});
