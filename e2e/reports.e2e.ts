/**
 * Reports and the executive dashboard in Chromium: the policy officer reads the annual report as
 * tables and charts (suppressed cells shown as "<5"/"x", never drawn as bars), changes the year, has
 * the PDF prepared (an export on the job queue) and downloads it and the CSV; the executive opens the
 * dashboard from the navigation; a partner gets the no-access page. axe-core runs on every page; the console stays free of CSP violations.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const sessions: Session[] = [];

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  for (const s of sessions) await s.close();
  await e2e?.close();
});

async function session(): Promise<Session> {
  const s = await openSession(e2e);
  sessions.push(s);
  return s;
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Hoofdmenu' });
const status = (page: Page) => page.getByRole('status').filter({ hasText: /Jaarrapportage \d{4} getoond/ });

/** The year the page shows by default: this year once its first quarter has ended. */
function latestYear(): number {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(new Date());
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return part('month') >= 4 ? part('year') : part('year') - 1;
}

describe('the annual report', () => {
  it('shows every section as a table and a chart, with suppressed cells explained and not drawn', async () => {
    const s = await session();
    const { page } = s;
    await signIn(page, 'beleid@delft.demo');
    await nav(page).getByRole('link', { name: 'Rapportages' }).click();
    await expectHeading(page, 'Rapportages');
    const year = latestYear();
    await status(page)
      .filter({ hasText: String(year) })
      .waitFor();

    // Every section of the contents list is a table with a caption, column headers and row headers.
    const sections = await page.getByRole('navigation', { name: 'Inhoud van de rapportage' }).getByRole('link').count();
    expect(sections).toBe(14);
    const tables = page.locator('main table');
    expect(await tables.count()).toBe(sections);
    for (const table of await tables.all()) {
      expect((await table.locator('caption').textContent())?.trim()).not.toBe('');
      expect(await table.locator('thead th[scope="col"]').count()).toBeGreaterThan(1);
      expect(await table.locator('tbody th[scope="row"]').count()).toBeGreaterThan(1);
    }
    // The demo region has small counts: at least one "<5" cell, read out as "minder dan 5".
    const small = page.locator('main td').filter({ hasText: '<5' });
    expect(await small.count()).toBeGreaterThan(0);
    await expect.poll(() => small.first().textContent()).toContain('minder dan 5');
    await expect.poll(() => page.getByRole('heading', { name: 'Kleine aantallen zijn afgeschermd' }).count()).toBe(1);
    // Budgets are money, shown in euros.
    await expect(
      page.locator('#rapport-budget ~ * tbody tr.schakel-report-total td').last().textContent(),
    ).resolves.toMatch(/^€\s?[\d.]+,\d\d$/);

    // Charts: one per section, each captioned, pointing to its table.
    const charts = page.locator('main figure.schakel-chart');
    expect(await charts.count()).toBe(sections);
    const phase = page.locator('figure[data-section="cases-by-phase"]');
    await expect
      .poll(() => phase.locator('figcaption').textContent())
      .toContain('De cijfers staan in de tabel hierboven.');
    // A chart leaves the bars of suppressed cells out and says how many.
    const groups = page.locator('figure[data-section="cases-by-target-group"]');
    const caption = (await groups.locator('figcaption').textContent()) ?? '';
    const leftOut = Number(/(\d+) staven? (?:is|zijn) weggelaten/.exec(caption)?.[1] ?? 0);
    const suppressedCells = await page
      .locator('#rapport-cases-by-target-group ~ * tbody tr:not(.schakel-report-total) td:not(:last-child)')
      .evaluateAll((cells) => cells.filter((c) => /<5|x/.test(c.textContent ?? '')).length);
    // Every suppressed quarter cell is one left-out bar (the year column is a margin, not drawn).
    expect(leftOut).toBeGreaterThan(0);
    expect(leftOut).toBe(suppressedCells);
    const hiddenValues = groups.locator('.schakel-chart__value--hidden');
    expect(await hiddenValues.count()).toBe(leftOut);
    await expect.poll(() => hiddenValues.first().textContent()).toMatch(/^(<5|x) \(geen staaf\)$/);
    // No bar for a hidden value: every row with a hidden value has an empty track.
    const rowsWithBarAndHidden = await groups
      .locator('.schakel-chart__row')
      .evaluateAll(
        (rows) =>
          rows.filter((r) => r.querySelector('.schakel-chart__value--hidden') && r.querySelector('.schakel-chart__bar'))
            .length,
      );
    expect(rowsWithBarAndHidden).toBe(0);
    await expectAccessible(page, 'reports page');

    // The contents list jumps to a section by keyboard.
    await page.getByRole('link', { name: 'Casussen per fase' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#rapport-cases-by-phase');
    expectCleanConsole(s);
  });

  it('changes the year, downloads PDF and CSV, and explains a year without an ended quarter', async () => {
    const s = await session();
    const { page } = s;
    await signIn(page, 'beleid@delft.demo');
    await page.goto('/reports');
    await expectHeading(page, 'Rapportages');
    const year = latestYear() - 1;
    await page.getByLabel('Jaar').selectOption(String(year));
    await page.getByRole('button', { name: 'Rapportage tonen' }).click();
    await status(page)
      .filter({ hasText: `Jaarrapportage ${year} getoond.` })
      .waitFor();
    expect(new URL(page.url()).searchParams.get('year')).toBe(String(year));
    await expect.poll(() => page.getByText(`Kalenderjaar ${year} (01-01-${year} t/m 31-12-${year}).`).count()).toBe(1);
    await expectAccessible(page, `reports page for ${year}`);

    // PDF: prepared on the server's job queue, its state shown, then a real download as application/pdf.
    await page.getByRole('button', { name: `PDF van jaarrapportage ${year} klaarzetten` }).click();
    const pdfLink = page.getByRole('link', { name: new RegExp(`^Jaarrapportage ${year} downloaden \\(pdf, `) });
    await pdfLink.waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'De PDF is klaar.' }).count()).toBe(1);
    await expect.poll(() => pdfLink.getAttribute('href')).toMatch(/^\/api\/v1\/exports\/[0-9a-f-]{36}\/content$/);
    await expectAccessible(page, `reports page for ${year} with a prepared PDF`);
    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
    expect(pdfDownload.suggestedFilename()).toBe(`jaarrapportage-${year}.pdf`);
    const pdf = await s.context.request.get((await pdfLink.getAttribute('href')) as string);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');

    // CSV: text/csv with the same guarded cells.
    const csvLink = page.getByRole('link', { name: `Jaarrapportage ${year} downloaden (csv, voor een spreadsheet)` });
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
    expect(csvDownload.suggestedFilename()).toBe(`jaarrapportage-${year}.csv`);
    const csv = await s.context.request.get((await csvLink.getAttribute('href')) as string);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const csvText = await csv.text();
    expect(csvText).toContain('section,sectionTitle,row,rowLabel,column,columnLabel,value');
    const tableHasSmall = (await page.locator('main td').filter({ hasText: '<5' }).count()) > 0;
    expect(csvText.includes(',<5')).toBe(tableHasSmall);

    // A year none of whose quarters has ended: explained, no tables.
    await page.goto(`/reports?year=${latestYear() + 1}`);
    await expectHeading(page, 'Rapportages');
    await page
      .locator('.ams-alert')
      .filter({ hasText: `Van ${latestYear() + 1} is nog geen kwartaal afgelopen` })
      .waitFor();
    expect(await page.locator('main table').count()).toBe(0);
    await expectAccessible(page, 'reports page for a year without an ended quarter');
    expectCleanConsole(s);
  });
});

describe('the executive dashboard', () => {
  it('opens from the navigation with key figures and charts, each with its table', async () => {
    const s = await session();
    const { page } = s;
    await signIn(page, 'burgemeester@delft.demo');
    await nav(page).getByRole('link', { name: 'Dashboard' }).click();
    await expectHeading(page, 'Dashboard');
    const figures = page.locator('.schakel-key-figure');
    await figures.first().waitFor();
    expect(await figures.count()).toBeGreaterThanOrEqual(5);
    await expect
      .poll(() => figures.filter({ hasText: 'Meldingen' }).locator('dd').first().textContent())
      .toMatch(/^(\d[\d.]*|<5.*|x.*)$/);
    const charts = page.locator('main figure.schakel-chart');
    expect(await charts.count()).toBeGreaterThanOrEqual(3);
    await expectAccessible(page, 'dashboard');

    // The table behind a chart opens by keyboard.
    const summary = page.getByText('Cijfers als tabel: Casussen per fase');
    await summary.focus();
    await page.keyboard.press('Enter');
    const table = page.locator('details[open] table');
    await table.waitFor();
    expect(await table.locator('tbody th[scope="row"]').count()).toBe(7);
    await expectAccessible(page, 'dashboard with a table open');

    await page.getByRole('link', { name: /Volledige jaarrapportage \d{4}/ }).click();
    await expectHeading(page, 'Rapportages');
    await status(page).waitFor();
    expectCleanConsole(s);
  });
});

describe('access', () => {
  it('gives a partner no navigation entry and the no-access page at the addresses', async () => {
    const s = await session();
    const { page } = s;
    await signIn(page, 'politie@politie.demo');
    for (const name of ['Rapportages', 'Dashboard']) {
      expect(await nav(page).getByRole('link', { name }).count()).toBe(0);
    }
    for (const address of ['/reports', '/dashboard']) {
      await page.goto(address);
      await expectHeading(page, 'Geen toegang');
    }
    await expectAccessible(page, 'no-access page for a partner');
    expectCleanConsole(s);
  });
});
