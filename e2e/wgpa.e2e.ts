/**
 * The Wgpa's safeguards in Chromium (issue 12): the process director opens a case in the triage
 * meeting only with a complete weging (criteria with reasons; gemeente, politie and OM); the case's
 * Waarborgen section shows it; informing the person is deferred with a legal ground and a date, and
 * when that date comes the case is back on the priority list; an overdue inclusion review is on the
 * list until it is recorded. axe-core on every page and form state; no console errors.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { todayInNl } from '../src/modules/cases/core.js';
import { municipalityId } from '../test/fixtures.js';
import {
  type E2E,
  expectAccessible,
  expectCleanConsole,
  expectHeading,
  fillWeging,
  openSession,
  pick,
  type Session,
  signIn,
  startE2E,
} from './support.js';

let e2e: E2E;
let director: Session;

const FIRST = 'Wessel';
const LAST = 'Wegingstra';

beforeAll(async () => {
  e2e = await startE2E();
  const police = await e2e.app.signIn('politie@politie.demo');
  const res = await police.post('/api/v1/signals', {
    municipalityId: await municipalityId(police, 'Delft'),
    receivedOn: todayInNl(new Date()),
    subjects: [{ newPerson: { firstName: FIRST, lastName: LAST, dateOfBirth: '2001-02-03' } }],
    ideology: 'jihadist',
    urgency: 'normal',
    description: 'Uitingen in een online groep die geweld verheerlijken.',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  signalReference = res.body.reference;
  director = await openSession(e2e);
  await signIn(director.page, 'regisseur@delft.demo');
});
afterEach(() => {
  expectCleanConsole(director);
});
afterAll(async () => {
  await director?.close();
  await e2e?.close();
});

let signalReference = '';
let casePath = '';
const summaryLinks = () => director.page.locator('.schakel-error-summary').getByRole('link').allTextContents();

describe('the Wgpa safeguards', () => {
  it('opens a case only with a complete weging, and shows it on the case', async () => {
    const page = director.page;
    await page.goto('/triage');
    await expectHeading(page, 'Afstemmingsoverleg');
    await page.getByRole('button', { name: 'Overleg plannen' }).click();
    await expectHeading(page, /^Afstemmingsoverleg \d{2}-\d{2}-\d{4}$/);
    const option = await page.locator('option', { hasText: signalReference }).getAttribute('value');
    await page.getByLabel('Open melding').selectOption(option ?? '');
    await page.getByRole('button', { name: 'Op de agenda zetten' }).click();
    await page.getByRole('button', { name: `Besluit vastleggen over ${signalReference}` }).click();
    await pick(page, page.getByRole('radio', { name: 'Casus voor het casusoverleg' }));
    await page.getByLabel('Doelgroep').selectOption({ label: 'Geradicaliseerde persoon' });
    await page.getByLabel('Onderbouwing').fill('Gezamenlijke aanpak nodig.');
    await page.getByRole('heading', { name: 'Weging (Wgpa)' }).waitFor();
    // Without the weging: both parts named in the error summary; nothing is written.
    await page.getByRole('button', { name: 'Besluit vastleggen', exact: true }).click();
    await expect
      .poll(summaryLinks)
      .toEqual([
        'Kies ten minste één criterium dat van toepassing is.',
        'De weging gebeurt door gemeente, politie en Openbaar Ministerie samen: kies ze alle drie.',
      ]);
    await expectAccessible(page, 'triage decision with an incomplete weging');
    await fillWeging(page, 'Verheerlijkt geweld in een online groep; politie en OM delen de zorg.');
    await expectAccessible(page, 'triage decision with the weging');
    await page.getByRole('button', { name: 'Besluit vastleggen', exact: true }).click();
    const opened = page.locator('.ams-alert').filter({ hasText: /casus C-\d{4}-\d{4} is geopend/ });
    await opened.waitFor();
    await opened.getByRole('link', { name: /^Naar casus C-\d{4}-\d{4}$/ }).click();
    await expectHeading(page, /^Casus C-\d{4}-\d{4}$/);
    casePath = new URL(page.url()).pathname;

    await page.getByRole('link', { name: 'Waarborgen' }).click();
    await page.getByRole('heading', { name: 'Waarborgen (Wgpa)' }).waitFor();
    const inclusion = page.locator('section[aria-labelledby="case-inclusion"]');
    await expect.poll(() => inclusion.textContent()).toContain('Verheerlijkt geweld in een online groep');
    await expect
      .poll(() => inclusion.textContent())
      .toMatch(/Gemeente Delft.*Openbaar Ministerie|Openbaar Ministerie.*Gemeente Delft/);
    await expectAccessible(page, 'case safeguards');
  });

  it('defers informing the person with a ground and a date; on that date the case is back on the list', async () => {
    const page = director.page;
    await page.goto(`${casePath}/safeguards`);
    const informing = page.locator('section[aria-labelledby="case-informing"]');
    await informing.getByText('Nog niet vastgelegd of en hoe de betrokkene is geïnformeerd.').waitFor();
    await pick(page, informing.getByRole('radio', { name: 'Informeren uitgesteld' }));
    await informing.getByRole('button', { name: 'Informeren vastleggen' }).click();
    await expect
      .poll(summaryLinks)
      .toEqual(['Kies grond voor uitstel.', 'Vul redenen in.', 'Vul opnieuw bekijken op in.']);
    await expectAccessible(page, 'informing form with errors');
    await informing.getByLabel('Grond voor uitstel').selectOption({ label: 'De veiligheid van anderen' });
    await informing.getByLabel('Redenen').fill('Informeren nu zou de veiligheid van een melder in gevaar brengen.');
    const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await informing.getByLabel('Opnieuw bekijken op').fill(inAMonth);
    await informing.getByRole('button', { name: 'Informeren vastleggen' }).click();
    await page.getByText('Het informeren van de betrokkene is vastgelegd.').waitFor();
    await expect.poll(() => informing.textContent()).toContain('Informeren uitgesteld (De veiligheid van anderen)');
    await expectAccessible(page, 'informing deferred');

    // The date comes (moved in the database: the clock of the browser is not the server's).
    const caseId = casePath.split('/').pop() as string;
    await e2e.app.db.owner
      .updateTable('informing_records')
      .set({ reconsider_on: todayInNl(new Date()) })
      .where('case_id', '=', caseId)
      .execute();
    await page.goto('/monitoring');
    await expectHeading(page, 'Geprioriteerde lijst');
    await pick(
      page,
      page.getByRole('checkbox', { name: 'Alleen casussen met een Wgpa-waarborg die nu aan de beurt is' }),
    );
    await page.getByRole('button', { name: 'Toepassen' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('waarborgen')).toBe('1');
    const row = page.locator('tbody tr').filter({ hasText: `${FIRST} ${LAST}` });
    await expect.poll(() => row.textContent()).toContain('informeren heroverwegen sinds');
    await expectAccessible(page, 'priority list with safeguards due');
  });

  it('records an overdue inclusion review, after which the case leaves the list', async () => {
    const page = director.page;
    const caseId = casePath.split('/').pop() as string;
    await e2e.app.db.owner
      .updateTable('cases')
      .set({ next_inclusion_review_on: '2020-01-01' })
      .where('id', '=', caseId)
      .execute();
    await page.goto('/monitoring?waarborgen=1');
    const row = page.locator('tbody tr').filter({ hasText: `${FIRST} ${LAST}` });
    await expect.poll(() => row.textContent()).toContain('toets op opname sinds 01-01-2020');
    await page.goto(`${casePath}/safeguards`);
    const review = page.locator('section[aria-labelledby="case-inclusion-review"]');
    await review.getByText('Volgende toets uiterlijk 01-01-2020.').waitFor();
    await pick(page, review.getByRole('radio', { name: 'Blijft in de aanpak' }));
    await review.getByLabel('Redenen').fill('De zorgen blijven; het plan loopt nog.');
    await review.getByRole('button', { name: 'Toets vastleggen' }).click();
    await page.getByText('De toets is vastgelegd.').waitFor();
    await expect.poll(() => review.textContent()).toContain('Blijft in de aanpak');
    await expect.poll(() => review.textContent()).not.toContain('01-01-2020.');
    await expectAccessible(page, 'inclusion review recorded');
    // Informing is still due, so the case stays on the filtered list — but no longer for the review.
    await page.goto('/monitoring?waarborgen=1');
    await expect.poll(() => row.textContent()).not.toContain('toets op opname sinds');
  });
});
