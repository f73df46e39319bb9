/**
 * Intake and monitoring of the case approach, as the process director of Delft: register a signal
 * with a new subject (after searching known persons), plan a triage meeting, put the signal on its
 * agenda and decide "case" with a rationale; make and finalise an assessment of the subject; find the
 * case on the priority list with filters and sorting chosen by the user; read the notifications.
 * axe-core (WCAG 2.1 A/AA) on every page and form state; the console stays free of CSP violations.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { todayInNl } from '../src/modules/cases/core.js';
import { generateNotifications } from '../src/modules/monitoring/notifications.js';
import {
  type E2E,
  expectAccessible,
  expectCleanConsole,
  expectHeading,
  fillWeging,
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
  // The reminders the scheduler would have made today (actions and reviews due or overdue in the demo cases).
  await generateNotifications(e2e.app.deps, todayInNl(new Date()));
  s = await openSession(e2e);
  page = s.page;
  await signIn(page, 'regisseur@delft.demo');
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
const summaryHasFocus = () => page.locator('.schakel-error-summary').evaluate((el) => el === document.activeElement);
/** Ticks a radio button or checkbox the way a user does: by its label (the design system hides the input itself). */
async function pick(input: Locator): Promise<void> {
  const id = await input.getAttribute('id');
  await page.locator(`label[for="${id}"]`).click();
  await expect.poll(() => input.isChecked()).toBe(true);
}
const notice = (text: string | RegExp) => page.locator('.ams-alert').filter({ hasText: text }).first();
const columnTexts = (column: number) =>
  page.locator(`tbody tr td:nth-child(${column})`).evaluateAll((cells) => cells.map((c) => c.textContent ?? ''));

// A fictional subject nobody registered before (the demo region's names come from another list).
const FIRST = 'Noor';
const LAST = 'Zwanebloemhof';
const FULL = `${FIRST} ${LAST}`;

let signalReference = '';
let signalPath = '';
let casePath = '';

describe('intake and monitoring by the process director', () => {
  it('registers a signal: required fields named, known persons searched, "new person" chosen by the user', async () => {
    await nav('Meldingen').click();
    await expectHeading(page, 'Meldingen');
    await expectAccessible(page, 'signals list');

    // Filter by status: only received signals remain.
    await page.getByLabel('Status').selectOption({ label: 'Ontvangen' });
    await page.getByRole('button', { name: 'Filteren' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('received');
    await expect.poll(async () => new Set(await columnTexts(7))).toEqual(new Set(['Ontvangen']));

    await page.getByRole('link', { name: 'Nieuwe melding' }).click();
    await expectHeading(page, 'Nieuwe melding');
    await expectAccessible(page, 'new signal form');

    // Nothing filled in: every missing field is named, and the subject asks for a name and a choice.
    await page.getByRole('button', { name: 'Melding registreren' }).click();
    await expect
      .poll(summaryLinks)
      .toEqual([
        'Kies ideologie.',
        'Vul omschrijving in.',
        'Vul voornaam (betrokkene 1) in.',
        'Vul achternaam (betrokkene 1) in.',
      ]);
    await expect(summaryHasFocus()).resolves.toBe(true);
    await expectAccessible(page, 'new signal form with errors');

    await page.getByLabel('Naam van de melder').fill('Wijkagent Delft-Noord');
    await page.getByLabel('Ideologie').selectOption({ label: 'Jihadistisch' });
    await pick(page.getByRole('radiogroup', { name: 'Urgentie' }).getByLabel('Hoog'));
    await pick(page.getByLabel('Reisintenties'));
    await pick(page.getByLabel('Afstand nemen van vertrouwde personen'));
    await page
      .getByLabel('Omschrijving')
      .fill('Zorgelijke uitlatingen op school over uitreizen; melding van de mentor.');
    // The legal regime of the information, as a contribution has it; AVG unless chosen.
    const regime = page.getByRole('radiogroup', { name: 'Juridisch kader' });
    await expect.poll(() => regime.getByRole('radio', { name: 'AVG' }).isChecked()).toBe(true);
    await pick(regime.getByRole('radio', { name: 'Wpg — politiegegevens' }));
    await page.getByLabel('Voornaam').fill(FIRST);
    await page.getByLabel('Achternaam').fill(LAST);
    await page.getByLabel('Geboortedatum').fill('2007-03-14');

    // Without a search there is nothing to choose: the form says so.
    await page.getByRole('button', { name: 'Melding registreren' }).click();
    await expect
      .poll(summaryLinks)
      .toEqual(['Kies of u betrokkene 1 koppelt aan een bekende persoon of als nieuwe persoon registreert.']);

    await page.getByRole('button', { name: 'Zoek bekende personen' }).click();
    const choice = page.getByRole('radiogroup', { name: 'Wie is betrokkene 1?' });
    await choice.waitFor();
    await expect.poll(() => choice.getByRole('radio', { name: 'Nieuwe persoon' }).isChecked()).toBe(false);
    await expectAccessible(page, 'new signal form with the list of known persons');
    await pick(choice.getByRole('radio', { name: 'Nieuwe persoon' }));

    await page.getByRole('button', { name: 'Melding registreren' }).click();
    await expectHeading(page, /^Melding S-\d{4}-\d{4}$/);
    signalReference = ((await page.locator('h1').textContent()) ?? '').replace('Melding ', '');
    signalPath = new URL(page.url()).pathname;
    await notice(`Melding ${signalReference} is geregistreerd.`).waitFor();
    const subjects = page.getByRole('table', { name: 'Betrokkenen van deze melding' });
    await expect.poll(() => subjects.locator('tbody tr').first().textContent()).toContain(FULL);
    await expect.poll(() => subjects.locator('tbody tr').first().textContent()).toContain('Nieuwe persoon');
    await expect.poll(() => page.getByText('Reisintenties').count()).toBe(1);
    await expect.poll(() => page.getByText('Wpg — politiegegevens').count()).toBe(1);
    await expectAccessible(page, 'signal page');
  });

  it('corrects the intake data of the open signal: fields named, then saved', async () => {
    await page.goto(signalPath);
    await expectHeading(page, `Melding ${signalReference}`);
    await page.getByRole('button', { name: 'Gegevens wijzigen' }).click();
    const heading = page.getByRole('heading', { name: 'Gegevens van de melding wijzigen' });
    await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true);
    // The form holds what was registered.
    await expect.poll(() => page.getByLabel('Naam van de melder').inputValue()).toBe('Wijkagent Delft-Noord');
    await expect(
      page
        .getByRole('radiogroup', { name: 'Juridisch kader' })
        .getByRole('radio', { name: 'Wpg — politiegegevens' })
        .isChecked(),
    ).resolves.toBe(true);
    await page.getByLabel('Omschrijving').fill('');
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await expect.poll(summaryLinks).toEqual(['Vul omschrijving in.']);
    await expectAccessible(page, 'signal edit form with an error');
    await page
      .getByLabel('Omschrijving')
      .fill('Zorgelijke uitlatingen op school over uitreizen; melding van de mentor, aangevuld door de wijkagent.');
    await pick(page.getByRole('radiogroup', { name: 'Urgentie' }).getByLabel('Acuut'));
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await notice('De gegevens van de melding zijn opgeslagen.').waitFor();
    await page.getByText('aangevuld door de wijkagent', { exact: false }).waitFor();
    await expect.poll(() => page.locator('.schakel-details').first().textContent()).toContain('Acuut');
    await expectAccessible(page, 'signal page after a correction');
  });

  it('links a known person after a search and undoes the link with a reason, kept in the history', async () => {
    // A person of the demo region, as another signal names them.
    const api = await e2e.app.signIn('regisseur@delft.demo');
    const listed = await api.get('/api/v1/signals?status=decided&limit=1');
    const known = listed.body.items[0].subjects[0] as {
      firstName: string;
      namePrefix: string | null;
      lastName: string;
    };
    const knownName = [known.firstName, known.namePrefix, known.lastName].filter(Boolean).join(' ');

    await page.goto(signalPath);
    await expectHeading(page, `Melding ${signalReference}`);
    await page.getByRole('button', { name: 'Betrokkene koppelen' }).click();
    const linkHeading = page.getByRole('heading', { name: 'Betrokkene koppelen' });
    await expect.poll(() => linkHeading.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByLabel('Voornaam').fill(known.firstName);
    if (known.namePrefix) await page.getByLabel('Tussenvoegsel').fill(known.namePrefix);
    await page.getByLabel('Achternaam').fill(known.lastName);
    await page.getByRole('button', { name: 'Zoek bekende personen' }).click();
    const candidate = page.getByRole('radio', { name: `Koppel aan deze persoon: ${knownName}` });
    await candidate.waitFor({ state: 'attached' });
    // The reasons are shown with the candidate, e.g. "naam lijkt 100% op".
    await expect
      .poll(async () => page.locator(`#${await candidate.getAttribute('aria-describedby')}`).textContent())
      .toMatch(/naam lijkt \d+% op/);
    await expectAccessible(page, 'link form with candidates');
    await pick(candidate);
    await page.getByRole('button', { name: 'Koppelen', exact: true }).click();
    await notice(`${knownName} is gekoppeld aan deze melding.`).waitFor();
    const subjects = page.getByRole('table', { name: 'Betrokkenen van deze melding' });
    await expect
      .poll(() => subjects.locator('tbody tr').filter({ hasText: knownName }).textContent())
      .toContain('Gekoppeld aan bekende persoon');

    await page.getByRole('button', { name: `${knownName} ontkoppelen` }).click();
    await page.getByRole('button', { name: 'Ontkoppelen', exact: true }).click();
    await expect.poll(summaryLinks).toEqual(['Vul reden van ontkoppelen in.']);
    await expectAccessible(page, 'unlink form with an error');
    await page.getByLabel('Reden van ontkoppelen').fill('Een andere persoon met dezelfde naam.');
    await page.getByRole('button', { name: 'Ontkoppelen', exact: true }).click();
    await notice(`${knownName} is ontkoppeld van deze melding.`).waitFor();
    await expect.poll(() => subjects.locator('tbody tr').count()).toBe(1);
    const history = page.getByRole('table', { name: 'Alle koppelingen van betrokkenen, ook ongedaan gemaakte' });
    const undone = history.locator('tbody tr').filter({ hasText: 'Een andere persoon met dezelfde naam.' });
    await expect.poll(() => undone.textContent()).toContain('Ontkoppelde persoon');
    await expectAccessible(page, 'signal page with its link history');
  });

  it('adds an attachment to the signal, refusing a file type it does not take', async () => {
    await page.goto(signalPath);
    await expectHeading(page, `Melding ${signalReference}`);
    const file = page.getByLabel('Bijlage toevoegen');
    await file.setInputFiles({ name: 'script.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
    await page.getByRole('button', { name: 'Uploaden' }).click();
    await expect
      .poll(summaryLinks)
      .toEqual(['Dit soort bestand kan niet worden toegevoegd. Kies een pdf, png, jpeg, docx, txt of eml.']);
    await expectAccessible(page, 'signal page with an attachment error');
    await file.setInputFiles({
      name: 'gespreksnotitie.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Gespreksnotitie van de mentor (fictief).\n'),
    });
    await page.getByRole('button', { name: 'Uploaden' }).click();
    await notice('gespreksnotitie.txt is toegevoegd.').waitFor();
    const download = page.getByRole('link', { name: 'gespreksnotitie.txt downloaden' });
    await expect
      .poll(() => download.getAttribute('href'))
      .toMatch(/^\/api\/v1\/signals\/[0-9a-f-]+\/attachments\/[0-9a-f-]+$/);
  });

  it('plans a triage meeting, puts the signal on the agenda and decides "case" with a rationale', async () => {
    await nav('Afstemmingsoverleg').click();
    await expectHeading(page, 'Afstemmingsoverleg');
    await expectAccessible(page, 'triage meetings');
    await expect.poll(() => page.getByLabel('Gemeente').inputValue()).not.toBe('');
    await page.getByRole('button', { name: 'Overleg plannen' }).click();
    await expectHeading(page, /^Afstemmingsoverleg \d{2}-\d{2}-\d{4}$/);
    await notice(/is gepland\.$/).waitFor();
    await expect.poll(() => page.getByText('Er staan nog geen meldingen op de agenda.').count()).toBe(1);
    await expectAccessible(page, 'new triage meeting');

    const value = await page.locator('option', { hasText: signalReference }).getAttribute('value');
    await page.getByLabel('Open melding').selectOption(value ?? '');
    await page.getByRole('button', { name: 'Op de agenda zetten' }).click();
    await notice(`Melding ${signalReference} staat op de agenda.`).waitFor();
    const agendaRow = page.locator('tbody tr').filter({ hasText: signalReference });
    await expect.poll(() => agendaRow.textContent()).toContain(FULL);
    await expectAccessible(page, 'triage meeting with its agenda');

    await page.getByRole('button', { name: `Besluit vastleggen over ${signalReference}` }).click();
    const heading = page.getByRole('heading', { name: `Besluit over melding ${signalReference}` });
    await heading.waitFor();
    await expect(heading.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.getByRole('button', { name: 'Besluit vastleggen', exact: true }).click();
    await expect.poll(summaryLinks).toEqual(['Kies besluit.', 'Vul onderbouwing in.']);
    await expectAccessible(page, 'triage decision form with errors');

    await pick(page.getByRole('radio', { name: 'Casus voor het casusoverleg' }));
    await page.getByRole('heading', { name: 'Gegevens van de nieuwe casus' }).waitFor();
    // The only subject of the signal is chosen; the signal's ideology and municipality are the defaults.
    await expect.poll(() => page.getByRole('radio', { name: FULL }).isChecked()).toBe(true);
    await expect.poll(() => page.getByLabel('Ideologie').inputValue()).toBe('jihadist');
    await page.getByRole('button', { name: 'Besluit vastleggen', exact: true }).click();
    await expect
      .poll(summaryLinks)
      .toEqual([
        'Vul onderbouwing in.',
        'Kies doelgroep.',
        'Kies ten minste één criterium dat van toepassing is.',
        'De weging gebeurt door gemeente, politie en Openbaar Ministerie samen: kies ze alle drie.',
      ]);
    await page.getByLabel('Doelgroep').selectOption({ label: 'Voorgenomen uitreiziger' });
    await page.getByLabel(/^Risicogroep/).selectOption({ label: 'Risicogroep 2' });
    await pick(page.getByRole('radiogroup', { name: 'Prioriteit' }).getByLabel('Hoog'));
    await page
      .getByLabel('Onderbouwing')
      .fill('Concrete uitreisintenties en afstand tot ouders: multidisciplinaire aanpak in het casusoverleg nodig.');
    await fillWeging(page);
    await expectAccessible(page, 'triage decision form for a case');
    await page.getByRole('button', { name: 'Besluit vastleggen', exact: true }).click();

    const done = notice(/is vastgelegd en casus C-\d{4}-\d{4} is geopend\./);
    await done.waitFor();
    const caseLink = done.getByRole('link', { name: /^Naar casus C-\d{4}-\d{4}$/ });
    casePath = (await caseLink.getAttribute('href')) ?? '';
    expect(casePath).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
    await expect.poll(() => agendaRow.textContent()).toContain('Casus voor het casusoverleg');
    // The agenda links to the case opened, by its reference.
    await expect(
      agendaRow.getByRole('link', { name: /^Naar casus C-\d{4}-\d{4}$/ }).getAttribute('href'),
    ).resolves.toBe(casePath);
    await expectAccessible(page, 'triage meeting after the decision');

    // The signal shows the decision, its rationale and the way to the case.
    await agendaRow.getByRole('link', { name: signalReference }).click();
    await expectHeading(page, `Melding ${signalReference}`);
    await page.getByText('Concrete uitreisintenties en afstand tot ouders', { exact: false }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: /^Naar casus C-/ }).getAttribute('href')).toBe(casePath);
  });

  it('makes a draft assessment of the subject: a rating per factor as words, with evidence and source', async () => {
    await page.goto(signalPath);
    await expectHeading(page, `Melding ${signalReference}`);
    await page.getByRole('link', { name: `Nieuwe duiding en inschatting voor ${FULL}` }).click();
    await expectHeading(page, `Nieuwe duiding en inschatting van ${FULL}`);
    await expectAccessible(page, 'new assessment form');
    // Ratings are radio buttons with words; there is no number input or slider anywhere on the form.
    await expect.poll(() => page.locator('input[type="range"], input[type="number"]').count()).toBe(0);

    const factor = (name: string) => page.getByRole('group', { name, exact: true });
    await pick(factor('Uitreisintenties').getByRole('radio', { name: 'Sterk aanwezig' }));
    await factor('Uitreisintenties')
      .getByLabel('Toelichting en feiten')
      .fill('Heeft tegenover de mentor gezegd binnenkort te willen vertrekken.');
    await factor('Uitreisintenties')
      .getByLabel(/^Bronorganisatie/)
      .selectOption({ label: 'Politie' });
    await pick(factor('Toegang tot wapens of middelen').getByRole('radio', { name: 'Niet waargenomen' }));
    // Evidence without a rating is named as an error.
    await factor('Intentie of plannen om geweld te gebruiken')
      .getByLabel('Toelichting en feiten')
      .fill('Geen aanwijzingen.');
    await page.getByRole('button', { name: 'Concept opslaan' }).click();
    await expect.poll(summaryLinks).toEqual(['Kies beoordeling (Intentie of plannen om geweld te gebruiken).']);
    await pick(factor('Intentie of plannen om geweld te gebruiken').getByRole('radio', { name: 'Onbekend' }));
    await page.getByRole('button', { name: 'Concept opslaan' }).click();
    await notice('Het concept is opgeslagen.').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/assessments\/[0-9a-f-]{36}$/);
    await expectHeading(page, `Duiding en inschatting (concept) van ${FULL}`);
    await expect
      .poll(() => factor('Uitreisintenties').getByRole('radio', { name: 'Sterk aanwezig' }).isChecked())
      .toBe(true);
    await expectAccessible(page, 'draft assessment');
  });

  it('finalises the assessment: the level and rationale are required, the result cannot change', async () => {
    // Finalising needs the assessor's own level and rationale.
    await page.getByRole('button', { name: 'Definitief maken' }).click();
    await expect.poll(summaryLinks).toEqual(['Kies zorgniveau.', 'Vul formulering en onderbouwing in.']);
    await pick(page.getByRole('radiogroup', { name: 'Zorgniveau' }).getByRole('radio', { name: 'Midden' }));
    await page
      .getByLabel('Formulering en onderbouwing')
      .fill('Uitreisintenties zijn concreet, maar er zijn beschermende factoren in het gezin. Zorgniveau midden.');
    await page.getByRole('button', { name: 'Definitief maken' }).click();
    await page.getByText('Weet u zeker dat u deze duiding en inschatting definitief wilt maken?').waitFor();
    await expectAccessible(page, 'assessment finalise confirmation');
    await page.getByRole('button', { name: 'Ja, definitief maken' }).click();
    await notice('De duiding en inschatting is definitief vastgelegd.').waitFor();
    await expectHeading(page, `Duiding en inschatting van ${FULL}`);
    await page.getByText('Deze duiding en inschatting is definitief en kan niet meer worden gewijzigd.').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Concept opslaan' }).count()).toBe(0);
    const risks = page.getByRole('table', { name: "Veiligheidsrisico's: beoordeling per factor" });
    await expect
      .poll(() => risks.locator('tbody tr').filter({ hasText: 'Uitreisintenties' }).textContent())
      .toContain('Sterk aanwezig');
    await expect
      .poll(() => risks.locator('tbody tr').filter({ hasText: 'Uitreisintenties' }).textContent())
      .toContain('Politie-informatie');
    await expectAccessible(page, 'final assessment');

    await page.getByRole('link', { name: 'Alle versies van deze persoon' }).click();
    await expectHeading(page, `Verloop van duiding en inschatting van ${FULL}`);
    await expect
      .poll(() => page.locator('.schakel-trend-list li').allTextContents())
      .toEqual([expect.stringMatching(/^\d{2}-\d{2}-\d{4}: Midden$/)]);
    await expectAccessible(page, 'assessment versions of a person');
  });

  it('shows the new case on the priority list, filtered and sorted as the user chooses', async () => {
    await nav('Geprioriteerde lijst').click();
    await expectHeading(page, 'Geprioriteerde lijst');
    await expectAccessible(page, 'priority list');

    // Only cases in preparation: the new case is there, with the level its assessor chose.
    await page.getByLabel('Fase').selectOption({ label: 'Voorbereiding' });
    await page.getByRole('button', { name: 'Toepassen' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('fase')).toBe('preparation');
    await expect.poll(async () => new Set(await columnTexts(3))).toEqual(new Set(['Voorbereiding']));
    const row = page.locator('tbody tr').filter({ has: page.locator(`a[href="${casePath}"]`) });
    await expect.poll(() => row.textContent()).toContain(FULL);
    await expect.poll(() => row.textContent()).toContain('Midden');
    await expect.poll(() => row.textContent()).toContain('Nog niet besproken');
    await expectAccessible(page, 'priority list filtered by phase');

    // Sorted by priority, descending: every "Hoog" before every "Normaal"; the header says so.
    await page.getByRole('button', { name: 'Filters wissen' }).click();
    await page.getByLabel('Sorteren op').selectOption({ label: 'Prioriteit' });
    await page.getByLabel('Volgorde').selectOption({ label: 'Aflopend' });
    await page.getByRole('button', { name: 'Toepassen' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?sorteer=priority&richting=desc');
    await page.getByText('Casussen, gesorteerd op prioriteit (aflopend)', { exact: false }).waitFor();
    const highFirst = (list: string[]) => [...list].sort((a, b) => (a === b ? 0 : a === 'Hoog' ? -1 : 1));
    await expect
      .poll(async () => {
        const priorities = await columnTexts(5);
        return priorities.length > 1 && priorities.join() === highFirst(priorities).join();
      })
      .toBe(true);
    await expect
      .poll(() => page.getByRole('columnheader', { name: 'Prioriteit' }).getAttribute('aria-sort'))
      .toBe('descending');
    await expectAccessible(page, 'priority list sorted by priority');

    // The overdue-review filter keeps only rows marked "achterstallig".
    await pick(page.getByLabel('Alleen casussen met een achterstallige toetsing'));
    await page.getByRole('button', { name: 'Toepassen' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('toetsingAchterstallig')).toBe('1');
    await expect.poll(async () => (await columnTexts(7)).every((text) => text.includes('achterstallig'))).toBe(true);
  });

  it('counts unread notifications in the header and marks one as read', async () => {
    const bell = page.getByRole('banner').getByRole('link', { name: /^Berichten/ });
    const before = Number(((await bell.getAttribute('aria-label')) ?? '').match(/(\d+) ongelezen/)?.[1] ?? '0');
    expect(before).toBeGreaterThan(0);
    await bell.click();
    await expectHeading(page, 'Berichten');
    await expectAccessible(page, 'notifications');
    await page
      .getByRole('button', { name: /markeren als gelezen$/ })
      .first()
      .click();
    await notice('Het bericht is gemarkeerd als gelezen.').waitFor();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe(`Berichten, ${before - 1} ongelezen`);
    await expectAccessible(page, 'notifications after marking one read');
  });

  it('lets a partner register a signal without person matching, marked as police information; English too', async () => {
    const partner = await openSession(e2e);
    const p = partner.page;
    try {
      await signIn(p, 'politie@politie.demo');
      await p.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Meldingen' }).click();
      await expectHeading(p, 'Meldingen');
      await p.getByRole('link', { name: 'Nieuwe melding' }).click();
      await expectHeading(p, 'Nieuwe melding');
      // A partner's signal is its own organisation's: shown, not chosen (issue 8); its regime the police default.
      await p.getByText('Bron: Politie (uw organisatie)', { exact: false }).waitFor();
      await expect.poll(() => p.getByLabel('Organisatie van de melder').count()).toBe(0);
      await expect
        .poll(() =>
          p.getByRole('radiogroup', { name: 'Juridisch kader' }).getByRole('radio', { name: /^Wpg/ }).isChecked(),
        )
        .toBe(true);
      // Partners may not search persons: the form says so and offers "new person" only.
      await p
        .getByText('Alleen procesregisseurs en casuscoördinatoren kunnen bekende personen zoeken.', { exact: false })
        .waitFor();
      await expect.poll(() => p.getByRole('button', { name: 'Zoek bekende personen' }).count()).toBe(0);
      await p.getByLabel('Gemeente').selectOption({ label: 'Rijswijk' });
      await p.getByLabel('Ideologie').selectOption({ label: 'Rechts-extremistisch' });
      await p.getByLabel('Omschrijving').fill('Aangetroffen propaganda bij een controle (fictief).');
      await p.getByLabel('Voornaam').fill('Sem');
      await p.getByLabel('Achternaam').fill('Dijkveldhorst');
      const id = await p.getByRole('radio', { name: 'Nieuwe persoon' }).getAttribute('id');
      await p.locator(`label[for="${id}"]`).click();
      await expectAccessible(p, 'new signal form of a partner');
      await p.getByRole('button', { name: 'Melding registreren' }).click();
      await expectHeading(p, /^Melding S-\d{4}-\d{4}$/);
      await p.getByText('Politie-informatie').waitFor();
      await expectAccessible(p, 'signal page of a partner');

      // A second subject learned of later: the partner registers and links the new person in one step.
      await p.getByRole('button', { name: 'Betrokkene koppelen' }).click();
      await p.getByLabel('Voornaam').fill('Lotte');
      await p.getByLabel('Achternaam').fill('Dijkveldhorst');
      const newId = await p.getByRole('radio', { name: 'Nieuwe persoon' }).getAttribute('id');
      await p.locator(`label[for="${newId}"]`).click();
      await expectAccessible(p, 'link form of a partner');
      await p.getByRole('button', { name: 'Koppelen', exact: true }).click();
      await p.locator('.ams-alert').filter({ hasText: 'Lotte Dijkveldhorst is gekoppeld aan deze melding.' }).waitFor();
      const linked = p.getByRole('table', { name: 'Betrokkenen van deze melding' }).locator('tbody tr');
      await expect.poll(() => linked.count()).toBe(2);
      await expect
        .poll(() => linked.filter({ hasText: 'Lotte Dijkveldhorst' }).textContent())
        .toContain('Nieuwe persoon');

      await p
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Geprioriteerde lijst' })
        .click();
      await expectHeading(p, 'Geprioriteerde lijst');
      await expectAccessible(p, 'priority list of a partner');
      await p.getByRole('button', { name: 'English' }).click();
      await expectHeading(p, 'Priority list');
      await p.getByText('Cases, sorted by reference (ascending)', { exact: false }).waitFor();
      await expect.poll(() => p.locator('html').getAttribute('lang')).toBe('en');
      await expectAccessible(p, 'priority list in English');
      expectCleanConsole(partner);
    } finally {
      await partner.close();
    }
  });

  it('links the home page to the case modules', async () => {
    await nav('Start').click();
    await expectHeading(page, /^Welkom, /);
    const cards = await page.locator('.schakel-cards a').allTextContents();
    expect(cards).toEqual(
      expect.arrayContaining([
        'Meldingen',
        'Afstemmingsoverleg',
        'Casussen',
        'Casusoverleggen',
        'Geprioriteerde lijst',
      ]),
    );
    await expect(
      page.locator('.schakel-cards').getByRole('link', { name: 'Casussen' }).getAttribute('href'),
    ).resolves.toBe('/cases');
    await expect(
      page.locator('.schakel-cards').getByRole('link', { name: 'Casusoverleggen' }).getAttribute('href'),
    ).resolves.toBe('/meetings');
  });
});
