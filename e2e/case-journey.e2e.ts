/**
 * The end-to-end journey of issue 3, in Chromium: a process director of Delft registers a signal about
 * a new person, assesses that person and decides "case" in the triage meeting; on the case page they
 * let the police take part and add its officer; they schedule a case conference, put the case on the
 * agenda and start it; the officer contributes police information (Wpg) to that agenda item from a
 * second browser; the director sees it labelled Politie/Wpg, records the judgement and a decision (which
 * becomes an action), ends the meeting and approves the minutes; writes and adopts the plan of approach
 * with an intervention from the toolbox; marks the action done; closes the case provisionally with a
 * revisit date; the case is not on the priority list — until the server's clock passes the revisit date.
 *
 * One test with numbered steps. axe-core (WCAG 2.0/2.1 A and AA) runs on every page visited; neither
 * browser may log a Content-Security-Policy violation or an uncaught error.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { addDays } from '../src/core/case-lifecycle.js';
import { todayInNl } from '../src/modules/cases/core.js';
import {
  type E2E,
  expectAccessible,
  expectCleanConsole,
  expectHeading,
  fillSignIn,
  fillWeging,
  openSession,
  type Session,
  signIn,
  startE2E,
  totpNow,
} from './support.js';

let e2e: E2E;
let director: Session;
let officer: Session;

beforeAll(async () => {
  e2e = await startE2E();
  // One sign-in for the director, shared by both tests (a second factor code is never accepted twice).
  director = await openSession(e2e);
  await signIn(director.page, 'regisseur@delft.demo');
});
// On failure, keep what each browser showed (set E2E_SCREENSHOTS to a directory).
afterEach(async (context) => {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir || context.task.result?.state !== 'fail') return;
  await director?.page.screenshot({ path: `${dir}/case-journey-director.png`, fullPage: true }).catch(() => {});
  await officer?.page.screenshot({ path: `${dir}/case-journey-officer.png`, fullPage: true }).catch(() => {});
});
afterAll(async () => {
  await officer?.close();
  await director?.close();
  await e2e?.close();
});

// A fictional subject that the demo region does not know.
const FIRST = 'Jelmer';
const LAST = 'Kaardebolstra';
const FULL = `${FIRST} ${LAST}`;
const DECISION = 'Politie deelt de uitkomst van het buurtonderzoek';
const INTERVENTION_GOAL = 'Betrokkene neemt afstand van het extremistische netwerk.';

/** A call to the API with the page's own session (cookie and CSRF token), as the web app makes it. */
async function apiInPage(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/v1/me')).json();
      const res = await fetch(`/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    { method, path, body },
  );
}

/** Ticks a radio button or checkbox by its label, as a user does (the design system hides the input). */
async function pick(page: Page, input: Locator): Promise<void> {
  const id = await input.getAttribute('id');
  await page.locator(`label[for="${id}"]`).click();
  await expect.poll(() => input.isChecked()).toBe(true);
}

/** The success message of the case-work pages (role=status) or of a page change (flash alert). */
function notice(page: Page, text: string | RegExp): Locator {
  return page.locator('.cw-status__text, .ams-alert').filter({ hasText: text }).first();
}

async function userIdOf(email: string): Promise<{ id: string; name: string }> {
  const admin = await e2e.app.signIn('beheer@delft.demo');
  const res = await admin.get('/api/v1/users?limit=200');
  const user = (res.body.items as { id: string; email: string; name: string }[]).find((u) => u.email === email);
  if (!user) throw new Error(`no user ${email}`);
  return user;
}

it('walks a signal through assessment, triage, case, case conference, plan, action, provisional closing and back onto the list', async () => {
  const started = Date.now();
  const timings: string[] = [];
  let last = started;
  /** Notes how long the step before took (printed at the end: the journey must stay fast). */
  const step = (name: string) => {
    const now = Date.now();
    timings.push(`${name} ${((now - last) / 1000).toFixed(1)} s`);
    last = now;
  };
  const today = todayInNl(new Date());
  const page = director.page;

  step('sign-in');
  // 1. A signal about a new person (the intake page of the signals module).
  await page.goto('/signals/new');
  await expectHeading(page, 'Nieuwe melding');
  await page.getByLabel('Ideologie').selectOption({ label: 'Rechts-extremistisch' });
  await page
    .getByLabel('Omschrijving')
    .fill('Deelt extreemrechtse propaganda in een schoolgroep; melding van de mentor.');
  await page.getByLabel('Voornaam').fill(FIRST);
  await page.getByLabel('Achternaam').fill(LAST);
  await page.getByRole('button', { name: 'Zoek bekende personen' }).click();
  const who = page.getByRole('radiogroup', { name: 'Wie is betrokkene 1?' });
  await who.waitFor();
  await pick(page, who.getByRole('radio', { name: 'Nieuwe persoon' }));
  await expectAccessible(page, 'new signal form');
  await page.getByRole('button', { name: 'Melding registreren' }).click();
  await expectHeading(page, /^Melding S-\d{4}-\d{4}$/);
  const signalReference = ((await page.locator('h1').textContent()) ?? '').replace('Melding ', '');
  const signalPath = new URL(page.url()).pathname;
  await expectAccessible(page, 'signal page');

  step('1 signal');
  // 2. An assessment of the subject: one factor rated, the concern level chosen by the assessor.
  await page.getByRole('link', { name: `Nieuwe duiding en inschatting voor ${FULL}` }).click();
  await expectHeading(page, `Nieuwe duiding en inschatting van ${FULL}`);
  await pick(
    page,
    page.getByRole('group', { name: 'Uitreisintenties', exact: true }).getByRole('radio', { name: 'Niet waargenomen' }),
  );
  await expectAccessible(page, 'new assessment form');
  await page.getByRole('button', { name: 'Concept opslaan' }).click();
  await expectHeading(page, `Duiding en inschatting (concept) van ${FULL}`);
  await pick(page, page.getByRole('radiogroup', { name: 'Zorgniveau' }).getByRole('radio', { name: 'Midden' }));
  await page
    .getByLabel('Formulering en onderbouwing')
    .fill('Zorgelijke identificatie met een extremistische groep; het gezin is een beschermende factor.');
  await page.getByRole('button', { name: 'Definitief maken' }).click();
  await page.getByRole('button', { name: 'Ja, definitief maken' }).click();
  await expectHeading(page, `Duiding en inschatting van ${FULL}`);
  await expectAccessible(page, 'final assessment');

  step('2 assessment');
  // 3. Triage: the signal on a triage meeting's agenda, decision "case" with a rationale → case opened.
  await page.goto('/triage');
  await expectHeading(page, 'Afstemmingsoverleg');
  await page.getByRole('button', { name: 'Overleg plannen' }).click();
  await expectHeading(page, /^Afstemmingsoverleg \d{2}-\d{2}-\d{4}$/);
  const signalOption = await page.locator('option', { hasText: signalReference }).getAttribute('value');
  await page.getByLabel('Open melding').selectOption(signalOption ?? '');
  await page.getByRole('button', { name: 'Op de agenda zetten' }).click();
  await page.getByRole('button', { name: `Besluit vastleggen over ${signalReference}` }).click();
  await pick(page, page.getByRole('radio', { name: 'Casus voor het casusoverleg' }));
  await page.getByLabel('Doelgroep').selectOption({ label: 'Geradicaliseerde persoon' });
  await page.getByLabel('Onderbouwing').fill('Multidisciplinaire aanpak nodig: school, politie en gezin.');
  await fillWeging(page);
  await expectAccessible(page, 'triage decision form');
  await page.getByRole('button', { name: 'Besluit vastleggen', exact: true }).click();
  const opened = page.locator('.ams-alert').filter({ hasText: /casus C-\d{4}-\d{4} is geopend/ });
  await opened.waitFor();
  await opened.getByRole('link', { name: /^Naar casus C-\d{4}-\d{4}$/ }).click();
  await expectHeading(page, /^Casus C-\d{4}-\d{4}$/);
  const caseReference = ((await page.locator('h1').textContent()) ?? '').replace('Casus ', '');
  const casePath = new URL(page.url()).pathname;
  expect(casePath).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
  const keyFacts = page.locator('.cw-key-facts');
  await expect.poll(() => keyFacts.textContent()).toContain('Voorbereiding');
  // The concern level is the assessor's word, not a score.
  await expect.poll(() => keyFacts.textContent()).toContain('Midden');
  await expect
    .poll(() => page.getByRole('link', { name: 'Nieuwe duiding en inschatting' }).getAttribute('href'))
    .toMatch(/^\/assessments\/new\?personId=[0-9a-f-]{36}&caseId=[0-9a-f-]{36}$/);
  await expectAccessible(page, 'case overview');
  expect(signalPath).toMatch(/^\/signals\//);

  step('3 triage');
  // 4. The police take part, and its officer becomes a member of the case.
  const sections = page.getByRole('navigation', { name: 'Onderdelen van de casus' });
  await sections.getByRole('link', { name: 'Deelnemers' }).click();
  await page.getByRole('heading', { name: 'Deelnemers', level: 2 }).waitFor();
  await page.getByLabel('Organisatie', { exact: true }).selectOption({ label: 'Politie' });
  await page.getByRole('button', { name: 'Organisatie toevoegen' }).click();
  await notice(page, 'Politie neemt nu deel aan de casus.').waitFor();
  const officerUser = await userIdOf('politie@politie.demo');
  // The member picker offers the staff of the participating organisations (GET …/member-candidates).
  await page.getByLabel('Organisatie van het lid').selectOption({ label: 'Politie' });
  await page.getByLabel('Medewerker', { exact: true }).selectOption(officerUser.id);
  await page.getByRole('button', { name: 'Lid toevoegen' }).click();
  await notice(page, `${officerUser.name} is lid van de casus.`).waitFor();
  const policeRow = page
    .locator('tbody tr')
    .filter({ hasText: 'Politie/OM-informatie' })
    .filter({ hasText: 'Politie' });
  await expect.poll(() => policeRow.first().textContent()).toContain(officerUser.name);
  await expectAccessible(page, 'case participants');

  step('4 participants');
  // 5. A case conference: scheduled, the case on its agenda, started.
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Casusoverleggen' }).click();
  await expectHeading(page, 'Casusoverleggen');
  await expectAccessible(page, 'case conferences');
  await page.getByRole('link', { name: 'Casusoverleg plannen' }).click();
  await expectHeading(page, 'Casusoverleg plannen');
  await page.getByLabel('Titel').fill(`Casusoverleg ${caseReference}`);
  await page.getByLabel('Locatie').fill('Stadskantoor Delft, zaal 3');
  await expectAccessible(page, 'schedule a case conference');
  await page.getByRole('button', { name: 'Casusoverleg plannen' }).click();
  await expectHeading(page, `Casusoverleg ${caseReference}`);
  const meetingPath = new URL(page.url()).pathname;
  const caseOption = await page.locator('option', { hasText: caseReference }).getAttribute('value');
  await page.getByLabel('Casus', { exact: true }).selectOption(caseOption ?? '');
  await page.getByRole('button', { name: 'Op de agenda zetten' }).click();
  await notice(page, `${caseReference} staat op de agenda.`).waitFor();
  await page.getByRole('button', { name: 'Casusoverleg starten' }).click();
  await notice(page, 'De status is nu: Bezig.').waitFor();
  await expectAccessible(page, 'case conference in progress');
  const agendaLink = page.getByRole('link', { name: `Bespreken ${caseReference}` });
  const itemPath = (await agendaLink.getAttribute('href')) ?? '';
  expect(itemPath).toMatch(/^\/meetings\/[0-9a-f-]{36}\/items\/[0-9a-f-]{36}$/);

  step('5 meeting');
  // 6. The police officer, in a browser of their own, adds police information (Wpg) to the picture.
  officer = await openSession(e2e);
  const op = officer.page;
  await signIn(op, 'politie@politie.demo');
  await op.goto(meetingPath);
  await expectHeading(op, `Casusoverleg ${caseReference}`);
  await op.getByRole('link', { name: `Bespreken ${caseReference}` }).click();
  await expectHeading(op, `Bespreking ${caseReference}`);
  await op
    .getByRole('textbox', { name: 'Informatie' })
    .fill('Betrokkene is bekend van twee incidenten bij demonstraties (politieregistratie).');
  await pick(op, op.getByRole('radio', { name: /^Wpg — politiegegevens/ }));
  await expectAccessible(op, 'agenda item, as the police officer');
  await op.getByRole('button', { name: 'Bijdrage toevoegen' }).click();
  await notice(op, 'Uw bijdrage is toegevoegd.').waitFor();
  expectCleanConsole(officer);

  step('6 officer');
  // 7. The director sees it labelled Politie / Wpg, records the judgement and a decision (→ action).
  await page.goto(itemPath);
  await expectHeading(page, `Bespreking ${caseReference}`);
  const contribution = page.getByRole('article', { name: 'Informatie van Politie' });
  const labels = await contribution
    .locator('.cw-info-labels > div')
    .evaluateAll((pairs) => pairs.map((p) => [p.querySelector('dt')?.textContent, p.querySelector('dd')?.textContent]));
  expect(labels).toEqual([
    ['Bron', 'Politie'],
    ['Juridisch kader', 'Wpg — politiegegevens'],
    ['Gedeeld met', 'Hele casusoverleg'],
    ['Politie/OM-informatie', 'Politie/OM-informatie'],
  ]);
  await page
    .getByLabel('Gezamenlijk oordeel')
    .fill('Zorgen gedeeld; een persoonsgerichte aanpak met zorg en drang is nodig.');
  await page.getByRole('button', { name: 'Oordeel opslaan' }).click();
  await notice(page, 'Het oordeel is opgeslagen.').waitFor();
  await page.getByLabel('Besluit', { exact: true }).fill(DECISION);
  await page.getByLabel('Eigenaar (organisatie)').selectOption({ label: 'Politie' });
  await page.getByLabel('Eigenaar (persoon)').selectOption({ label: officerUser.name });
  await page.getByLabel('Deadline').fill(addDays(today, 14));
  await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
  await notice(page, `Het besluit "${DECISION}" is vastgelegd`).waitFor();
  await expect.poll(() => page.getByRole('table', { name: 'Besluiten' }).textContent()).toContain(DECISION);
  await expectAccessible(page, 'agenda item with picture, judgement and decision');

  // The meeting ends; the chair approves the minutes.
  await page.getByRole('link', { name: /^Terug naar / }).click();
  await expectHeading(page, `Casusoverleg ${caseReference}`);
  await page.getByRole('button', { name: 'Casusoverleg beëindigen' }).click();
  await notice(page, 'De status is nu: Gehouden.').waitFor();
  const minutes = page.locator('section[aria-labelledby="meeting-minutes"]');
  await expect.poll(() => minutes.textContent()).toContain('Concept');
  await page.getByRole('button', { name: 'Verslag vaststellen' }).click();
  await notice(page, 'De status is nu: Verslag vastgesteld.').waitFor();
  await expect.poll(() => minutes.textContent()).toMatch(/Vastgesteld op .* door /);
  await expect
    .poll(() => page.getByRole('link', { name: 'Verslag downloaden (pdf)' }).getAttribute('href'))
    .toMatch(/^\/api\/v1\/meetings\/[0-9a-f-]{36}\/minutes\.pdf$/);
  await expectAccessible(page, 'case conference with approved minutes');

  step('7 BOB and minutes');
  // 8. The plan of approach: problem analysis, a goal, an intervention from the toolbox; adopted.
  await page.goto(`${casePath}/plan`);
  await page.getByRole('heading', { name: 'Plan van aanpak', level: 2 }).waitFor();
  await page.getByLabel('Probleemanalyse').fill('Identificatie met een extremistische groep; isolement op school.');
  await page.getByLabel('Doel 1').fill(INTERVENTION_GOAL);
  await page.getByRole('button', { name: 'Plan opslaan' }).click();
  await notice(page, 'Het plan van aanpak is aangemaakt.').waitFor();
  const interventionName = 'Mentor of maatje';
  await page.getByLabel('Interventie uit de instrumentenkoffer').selectOption({ label: interventionName });
  await page.getByLabel('Doel', { exact: true }).selectOption({ label: INTERVENTION_GOAL });
  await page.getByLabel('Verantwoordelijke organisatie').selectOption({ label: 'Gemeente Delft' });
  await page.getByRole('button', { name: 'Interventie toevoegen' }).click();
  await notice(page, `${interventionName} is aan het plan toegevoegd.`).waitFor();
  await page.getByRole('button', { name: 'Plan vaststellen' }).click();
  await notice(page, 'Het plan van aanpak is vastgesteld.').waitFor();
  await expect
    .poll(() => page.locator('section[aria-labelledby="case-plan"]').textContent())
    .toMatch(/Vastgesteld op \d{2}-\d{2}-\d{4}/);
  await expect.poll(() => keyFacts.textContent()).toContain('Uitvoering');
  await expectAccessible(page, 'adopted plan of approach');

  step('8 plan');
  // 9. The decision is an action of the case; it is marked done.
  await sections.getByRole('link', { name: 'Acties' }).click();
  await page.getByRole('heading', { name: 'Acties', level: 2 }).waitFor();
  const actionRow = page.locator('tbody tr').filter({ hasText: DECISION });
  await expect.poll(() => actionRow.textContent()).toContain('Besluit uit het casusoverleg');
  await page.getByLabel(`Status van ${DECISION}`).selectOption({ label: 'Gereed' });
  await actionRow.getByRole('button', { name: /^Opslaan/ }).click();
  await notice(page, `De status van "${DECISION}" is nu: Gereed.`).waitFor();
  await expectAccessible(page, 'actions');

  step('9 action');
  // 10. Closed provisionally, with a reason and a revisit date the day after tomorrow.
  const revisitOn = addDays(today, 2);
  await sections.getByRole('link', { name: 'Fase en afsluiting' }).click();
  await page.getByRole('heading', { name: 'Fase en afsluiting', level: 2 }).waitFor();
  await page.getByRole('button', { name: 'Voorlopig afsluiten' }).click();
  const closing = page.locator('#case-transition-form');
  await closing.getByLabel('Reden').fill('Doelen bereikt; afsluiten maar niet uit het oog verliezen.');
  await closing.getByLabel('Herbeoordelingsdatum').fill(revisitOn);
  await expectAccessible(page, 'provisional closing form');
  await page.getByRole('button', { name: 'Voorlopig afsluiten bevestigen' }).click();
  await notice(page, 'De casus is nu in de fase Voorlopig afgesloten.').waitFor();
  await expect.poll(() => keyFacts.textContent()).toContain('Voorlopig afgesloten');

  step('10 closing');
  // 11. Not on the priority list while the revisit date lies ahead.
  const listPath = '/monitoring?fase=closed_provisional';
  await page.goto(listPath);
  await expectHeading(page, 'Geprioriteerde lijst');
  await page.locator('.schakel-loading').waitFor({ state: 'detached' });
  await expect.poll(() => page.locator(`a[href="${casePath}"]`).count()).toBe(0);
  await expectAccessible(page, 'priority list before the revisit date');
  expectCleanConsole(director);

  step('11 not on list');
  // 12. Three days later (the server's clock moves; the session has long expired): back on the list.
  e2e.app.clock.advance(3 * 24 * 3_600_000);
  await page.goto(listPath);
  await expectHeading(page, 'Inloggen');
  await fillSignIn(page, 'regisseur@delft.demo', undefined, await totpNow());
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expectHeading(page, 'Geprioriteerde lijst');
  const back = page.locator('tbody tr').filter({ has: page.locator(`a[href="${casePath}"]`) });
  await back.waitFor();
  await expect.poll(() => back.textContent()).toContain('terug op de lijst');
  await expect.poll(() => back.textContent()).toContain(FULL);
  await expectAccessible(page, 'priority list after the revisit date');
  expectCleanConsole(director);

  step('12 back on list');
  console.info(`case journey took ${Math.round((Date.now() - started) / 1000)} s: ${timings.join(', ')}`);
}, 120_000);

it('shows every section of a case accessibly, in Dutch and English; names missing input; explains a refused or stale step', async () => {
  const page = director.page;
  const summaryLinks = () => page.locator('.schakel-error-summary').getByRole('link').allTextContents();
  const summaryHasFocus = () => page.locator('.schakel-error-summary').evaluate((el) => el === document.activeElement);

  // The list, filtered by phase.
  await page.goto('/cases');
  await expectHeading(page, 'Casussen');
  await page.getByLabel('Fase').selectOption({ label: 'Monitoring' });
  await page.getByRole('button', { name: 'Filteren' }).click();
  const phases = () =>
    page.locator('tbody tr td:nth-child(4)').evaluateAll((cells) => cells.map((c) => c.textContent ?? ''));
  await expect.poll(async () => new Set(await phases())).toEqual(new Set(['Monitoring']));
  await expectAccessible(page, 'case list filtered by phase');

  // A demo case in monitoring: its overview with the edit form open.
  await page.locator('tbody tr a').first().click();
  await expectHeading(page, /^Casus C-\d{4}-\d{4}$/);
  const casePath = new URL(page.url()).pathname;
  const caseId = casePath.split('/').pop() ?? '';
  await page.getByRole('button', { name: 'Gegevens wijzigen' }).click();
  await page.getByRole('heading', { name: 'Gegevens van de casus wijzigen' }).waitFor();
  await expectAccessible(page, 'case overview with the edit form');

  // Information: nothing filled in → the missing text named, the summary takes focus. The legal regime
  // starts at the default of the user's organisation (a municipality: AVG), so it is never missing.
  const sections = page.getByRole('navigation', { name: 'Onderdelen van de casus' });
  await sections.getByRole('link', { name: 'Informatie' }).click();
  await page.getByRole('button', { name: 'Informatie toevoegen' }).click();
  await expect.poll(summaryLinks).toEqual(['Vul informatie in.']);
  await expect(summaryHasFocus()).resolves.toBe(true);
  await expectAccessible(page, 'case information with errors');

  for (const name of ['Tijdlijn', 'Plan van aanpak', 'Acties', 'Toetsing', 'Evaluatie']) {
    await sections.getByRole('link', { name }).click();
    await page.getByRole('heading', { name, level: 2 }).waitFor();
    await page.locator('.schakel-loading').first().waitFor({ state: 'detached' });
    await expectAccessible(page, `case section ${name}`);
  }

  // A refused step (422): the revisit date must lie ahead; the field is named.
  await sections.getByRole('link', { name: 'Fase en afsluiting' }).click();
  await page.getByRole('button', { name: 'Voorlopig afsluiten' }).click();
  const form = page.locator('#case-transition-form');
  await form.getByLabel('Reden').fill('Test');
  await form.getByLabel('Herbeoordelingsdatum').fill('2020-01-01');
  await form.getByRole('button', { name: 'Voorlopig afsluiten bevestigen' }).click();
  await expect.poll(summaryLinks).toEqual(['Herbeoordelingsdatum moet in de toekomst liggen.']);
  await expectAccessible(page, 'provisional closing refused');
  await form.getByRole('button', { name: 'Annuleren' }).click();

  // A stale step (409): someone else changed the case meanwhile; the page says so and reloads.
  const changed = await apiInPage(page, 'GET', `/cases/${caseId}`);
  const other = await apiInPage(page, 'PATCH', `/cases/${caseId}`, {
    priority: changed.body.priority === 'high' ? 'normal' : 'high',
    version: changed.body.version,
  });
  expect(other.status).toBe(200);
  await page.getByRole('button', { name: 'Hervatten', exact: true }).click();
  await page.getByRole('button', { name: 'Hervatten bevestigen' }).click();
  await page
    .locator('.schakel-error-summary')
    .filter({ hasText: 'Dit record is intussen door iemand anders gewijzigd.' })
    .waitFor();
  await page.locator('#case-transition-form').getByRole('button', { name: 'Opnieuw laden' }).click();
  await page.getByRole('button', { name: 'Hervatten bevestigen' }).click();
  await notice(page, 'De casus is nu in de fase Uitvoering.').waitFor();

  // In English.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { name: 'Phase and closing', level: 2 }).waitFor();
  await expectHeading(page, /^Case C-\d{4}-\d{4}$/);
  await expect.poll(() => page.locator('.cw-key-facts').textContent()).toContain('Execution');
  await expectAccessible(page, 'case lifecycle in English');
  // The timeline speaks English too: its lines are kept as codes with parameters.
  await page.getByRole('navigation', { name: 'Parts of the case' }).getByRole('link', { name: 'Timeline' }).click();
  await page.getByRole('heading', { name: 'Timeline', level: 2 }).waitFor();
  await expect
    .poll(() => page.locator('.cw-timeline__what').first().textContent())
    .toBe('Phase: monitoring → execution');
  await page.getByRole('button', { name: 'Schakel over naar Nederlands' }).click();
  await page.getByRole('heading', { name: 'Tijdlijn', level: 2 }).waitFor();
  await expect
    .poll(() => page.locator('.cw-timeline__what').first().textContent())
    .toBe('Fase: monitoring → uitvoering');
  expectCleanConsole(director);
});
