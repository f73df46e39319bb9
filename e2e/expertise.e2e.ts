/**
 * Expertise and the newsletter in Chromium (issue 5, parts 7 and 9). The network director plans a
 * training session, registers a participant and records attendance; adds and changes an attention
 * officer; views the expertise pool's generated schedule (every third meeting marked thematic) and plans
 * more meetings; adds a newsletter subscriber with consent, composes an issue, previews and exports it,
 * and sends it through a real SMTP server process. The process director matches a pool member to a case,
 * after which the expert is a member of that case. A partner sees none of these pages in the navigation
 * and gets the no-access page at their addresses.
 *
 * axe-core (WCAG 2.0/2.1 A and AA) runs on every page visited; no CSP violation or uncaught error.
 */
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedCase } from '../src/modules/cases/testing.js';
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
let smtp: SMTPServer;
const received: Array<{ rcptTo: string[]; raw: string }> = [];
const sessions: Session[] = [];

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  e2e = await startE2E();
  // As SMTP_HOST/SMTP_PORT/SMTP_FROM would configure it.
  e2e.app.deps.config.smtp = {
    host: '127.0.0.1',
    port: (smtp.server.address() as AddressInfo).port,
    secure: false,
    user: null,
    password: null,
    from: 'Gemeente Delft <nieuwsbrief@delft.demo>',
  };
});
afterEach(async (context) => {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir || context.task.result?.state !== 'fail') return;
  for (const [i, s] of sessions.entries()) {
    await s.page.screenshot({ path: `${dir}/expertise-${i}.png`, fullPage: true }).catch(() => {});
  }
});
afterAll(async () => {
  for (const s of sessions) await s.close();
  await e2e?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function open(email: string): Promise<Session> {
  const s = await openSession(e2e);
  sessions.push(s);
  await signIn(s.page, email);
  return s;
}

/** Ticks a radio button by its label, as a user does (the design system hides the input). */
async function pick(page: Page, input: Locator): Promise<void> {
  const id = await input.getAttribute('id');
  await page.locator(`label[for="${id}"]`).click();
  await expect.poll(() => input.isChecked()).toBe(true);
}

/** The announcement of a button's effect (role=status) or the notice after a page change. */
function notice(page: Page, text: string | RegExp): Locator {
  return page.locator('.exp-status__text, .ams-alert').filter({ hasText: text }).first();
}

function nav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Hoofdmenu' });
}

function isoInDays(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const nlDate = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

describe('the network director', () => {
  it('plans a training session, registers a participant and records attendance', async () => {
    const { page, ...s } = await open('netwerk@delft.demo');
    await nav(page).getByRole('link', { name: 'Trainingen' }).click();
    await expectHeading(page, 'Trainingen');
    const catalogue = page.getByRole('region', { name: 'Trainingen in het aanbod' });
    await expect.poll(() => catalogue.textContent()).toContain('RoR-basistraining radicalisering en extremisme');
    await expect.poll(() => catalogue.textContent()).toContain('Driedaagse Behr-training');
    await expectAccessible(page, 'trainings');

    await catalogue.getByRole('link', { name: 'RoR-training links- en rechtsextremisme' }).click();
    await expectHeading(page, 'RoR-training links- en rechtsextremisme');
    await expect.poll(() => page.locator('main').textContent()).toContain('Doelgroep');
    await expectAccessible(page, 'training page');

    // Plan a session: first a refused submit (no date), then a valid one.
    await page.getByRole('button', { name: 'Sessie plannen' }).click();
    await page.locator('.schakel-error-summary').waitFor();
    await expectAccessible(page, 'plan session form with errors');
    const heldOn = isoInDays(30);
    await page.getByLabel('Datum').fill(heldOn);
    await page.getByLabel('Locatie').fill('Stadskantoor Delft');
    await page.getByLabel('Trainer').fill('RoR');
    await page.getByRole('button', { name: 'Sessie plannen' }).click();
    await expectHeading(page, `RoR-training links- en rechtsextremisme op ${nlDate(heldOn)}`);
    await notice(page, `De sessie van ${nlDate(heldOn)} is gepland.`).waitFor();
    await expectAccessible(page, 'session page');

    // A participant, first absent, then marked present.
    await page.getByLabel('Naam').fill('Sanne Bakker');
    await page.getByLabel('Organisatie').selectOption({ label: 'Gemeente Delft' });
    await page.getByLabel('E-mailadres').fill('sanne.bakker@delft.demo');
    await page.getByRole('button', { name: 'Deelnemer aanmelden' }).click();
    await notice(page, 'Sanne Bakker is aangemeld.').waitFor();
    const row = page.locator('tbody tr').filter({ hasText: 'Sanne Bakker' });
    await expect.poll(() => row.textContent()).toContain('Afwezig');
    await row.getByRole('button', { name: 'Markeer als aanwezig Sanne Bakker' }).click();
    await notice(page, 'Sanne Bakker is als aanwezig geregistreerd.').waitFor();
    await row.getByRole('button', { name: 'Markeer als afwezig Sanne Bakker' }).waitFor();
    await expect.poll(() => row.textContent()).toContain('Aanwezig');
    await expect.poll(() => page.locator('main dl').first().textContent()).toContain('1 deelnemer, 1 aanwezig');
    await expectAccessible(page, 'session with a present participant');

    // Back on the trainings page the session counts the attendance.
    await page.getByRole('link', { name: 'RoR-training links- en rechtsextremisme' }).click();
    await expectHeading(page, 'RoR-training links- en rechtsextremisme');
    const sessionRow = page.locator('tbody tr').filter({ hasText: nlDate(heldOn) });
    await expect.poll(() => sessionRow.textContent()).toContain('Gepland');
    expectCleanConsole({ page, ...s });
  });

  it('adds an attention officer to an organisation and records their training', async () => {
    const s = sessions[0] as Session;
    const page = s.page;
    await nav(page).getByRole('link', { name: 'Aandachtsfunctionarissen' }).click();
    await expectHeading(page, 'Aandachtsfunctionarissen');
    await expectAccessible(page, 'attention officers');
    await page.getByRole('link', { name: 'Aandachtsfunctionaris toevoegen' }).click();
    await expectHeading(page, 'Aandachtsfunctionaris toevoegen');
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await page.locator('.schakel-error-summary').waitFor();
    await expectAccessible(page, 'attention officer form with errors');
    await page.getByLabel('Naam').fill('Mila Jansen');
    await page.getByLabel('Organisatie').selectOption({ label: 'Gemeente Delft' });
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await expectHeading(page, 'Aandachtsfunctionarissen');
    await notice(page, 'Mila Jansen is aangemaakt.').waitFor();
    const delft = page.locator('tbody tr').filter({ hasText: 'Gemeente Delft' }).first();
    await expect.poll(() => delft.textContent()).toContain('Mila Jansen');
    await expect.poll(() => delft.textContent()).toContain('nog niet getraind');

    await delft.getByRole('link', { name: 'Mila Jansen' }).click();
    await expectHeading(page, 'Mila Jansen wijzigen');
    await expectAccessible(page, 'attention officer edit form');
    const trainedOn = isoInDays(-10);
    await page.getByLabel('Getraind op').fill(trainedOn);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expectHeading(page, 'Aandachtsfunctionarissen');
    await notice(page, 'De wijzigingen zijn opgeslagen.').waitFor();
    await expect
      .poll(() => page.locator('tbody tr').filter({ hasText: 'Mila Jansen' }).textContent())
      .toContain(`getraind op ${nlDate(trainedOn)}`);
    expectCleanConsole(s);
  });

  it('views the generated pool schedule with every third meeting thematic, and plans three more', async () => {
    const s = sessions[0] as Session;
    const page = s.page;
    await nav(page).getByRole('link', { name: 'Expertisepool' }).click();
    await expectHeading(page, 'Expertisepool');
    const schedule = page.getByRole('region', { name: /^Bijeenkomsten van de expertisepool/ });
    const readRows = async () =>
      schedule.locator('tbody tr').evaluateAll((rows) =>
        rows.map((r) => {
          const cells = [...r.querySelectorAll('td')].map((c) => c.textContent ?? '');
          return { sequence: Number(cells[0]), date: cells[1] ?? '', kind: cells[2] ?? '' };
        }),
      );
    const rows = await readRows();
    expect(rows.length).toBeGreaterThanOrEqual(9);
    for (const r of rows) expect(r.kind).toBe(r.sequence % 3 === 0 ? 'Thematisch' : 'Regulier');
    // The seeded third meeting carries its theme.
    await expect.poll(() => schedule.textContent()).toContain('Potentieel gewelddadige eenlingen');
    // Three weeks apart.
    const toTime = (d: string) => Date.UTC(Number(d.slice(6)), Number(d.slice(3, 5)) - 1, Number(d.slice(0, 2)));
    for (let i = 1; i < rows.length; i++) {
      expect((toTime(rows[i]?.date ?? '') - toTime(rows[i - 1]?.date ?? '')) / 86_400_000).toBe(21);
    }
    // No members or matching for the network director: that is the process director's work.
    await expect.poll(() => page.getByRole('heading', { name: 'Poollid aan een casus koppelen' }).count()).toBe(0);
    await expectAccessible(page, 'expertise pool');

    await page.getByLabel('Aantal bijeenkomsten').selectOption('3');
    const preview = page.getByRole('region', { name: 'Deze bijeenkomsten worden gepland' });
    await expect.poll(() => preview.locator('tbody tr').count()).toBe(3);
    await expectAccessible(page, 'pool planning preview');
    await page.getByRole('button', { name: '3 bijeenkomsten plannen' }).click();
    await notice(page, '3 bijeenkomsten gepland, waarvan 1 thematisch.').waitFor();
    await expect.poll(async () => (await readRows()).length).toBe(rows.length + 3);
    const after = await readRows();
    for (const r of after) expect(r.kind).toBe(r.sequence % 3 === 0 ? 'Thematisch' : 'Regulier');
    expectCleanConsole(s);
  });

  it('adds a subscriber with consent, composes an issue, previews, exports and sends it', async () => {
    const s = sessions[0] as Session;
    const page = s.page;
    await nav(page).getByRole('link', { name: 'Nieuwsbrief' }).click();
    await expectHeading(page, 'Nieuwsbrief');
    await expectAccessible(page, 'newsletter');

    await page.getByRole('link', { name: 'Abonnee toevoegen' }).click();
    await expectHeading(page, 'Abonnee toevoegen');
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await page.locator('.schakel-error-summary').waitFor();
    await expectAccessible(page, 'subscriber form with errors');
    await page.getByLabel('Naam').fill('Joris Smit');
    await page.getByLabel('E-mailadres').fill('joris.smit@abonnees.demo');
    await page.getByRole('textbox', { name: /^Organisatie/ }).fill('Jongerenwerk Delft');
    await pick(page, page.getByRole('group', { name: 'Soort abonnee' }).getByRole('radio', { name: /^Professional/ }));
    await page.getByLabel('Toestemming gegeven op').fill(isoInDays(-1));
    await page.getByLabel('Hoe gaf de abonnee toestemming?').fill('Aanmeldformulier tijdens de training');
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await expectHeading(page, 'Nieuwsbrief');
    await notice(page, 'Joris Smit is toegevoegd als abonnee.').waitFor();
    const subscriber = page.locator('tbody tr').filter({ hasText: 'joris.smit@abonnees.demo' });
    await expect.poll(() => subscriber.textContent()).toContain('Aanmeldformulier tijdens de training');
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain('5 actieve abonnees met toestemming ontvangen de volgende editie.');

    // Compose, with the preview rendering the text as the e-mail will.
    await page.getByRole('link', { name: 'Nieuwe editie' }).click();
    await expectHeading(page, 'Nieuwe editie samenstellen');
    const title = 'Nieuwsbrief radicalisering en polarisatie – najaar';
    const year = new Date().getUTCFullYear();
    await page.getByLabel('Titel').fill(title);
    await page.getByLabel('Editie').selectOption(`${year}-2`);
    await page
      .getByLabel('Tekst')
      .fill('# Trends\n\nHet woord van deze editie is Zonnebloem42.\n\n- Een podcast\n- Een rapport');
    const preview = page.getByRole('article', { name: 'Voorbeeld van de nieuwsbrief' });
    await preview.getByRole('heading', { name: 'Trends', level: 3 }).waitFor();
    await expect.poll(() => preview.locator('li').count()).toBe(2);
    await expect.poll(() => preview.textContent()).toContain(`Najaar ${year}`);
    await expectAccessible(page, 'compose issue');
    await page.getByRole('button', { name: 'Editie opslaan' }).click();
    await expectHeading(page, title);
    await notice(page, 'De editie is opgeslagen als concept.').waitFor();
    await expect.poll(() => page.getByRole('article').textContent()).toContain('Zonnebloem42');
    await expectAccessible(page, 'issue page');

    // Export as HTML and as an .eml draft.
    const [html] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download als webpagina (HTML)' }).click(),
    ]);
    expect(html.suggestedFilename()).toBe(`nieuwsbrief-${year}-2.html`);
    const htmlText = await readFile((await html.path()) as string, 'utf8');
    expect(htmlText).toContain('<h2>Trends</h2>');
    expect(htmlText).toContain('Zonnebloem42');
    const [eml] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download als e-mailconcept (.eml)' }).click(),
    ]);
    expect(eml.suggestedFilename()).toBe(`nieuwsbrief-${year}-2.eml`);
    expect(await readFile((await eml.path()) as string, 'utf8')).toMatch(/^X-Unsent: 1\r?$/m);

    // Send through the SMTP server: one message per active subscriber with consent.
    received.length = 0;
    await page.getByRole('button', { name: 'Editie verzenden' }).click();
    await expectAccessible(page, 'send confirmation');
    await page.getByRole('button', { name: 'Ja, verzenden' }).click();
    // Accepted at once; the job on the queue sends the messages, and the page follows the counts.
    await notice(
      page,
      'Verzenden gestart: 5 berichten gaan de deur uit, één per abonnee. De aantallen hieronder worden bijgewerkt zolang het loopt.',
    ).waitFor();
    await page.getByText('5 bezorgd').first().waitFor();
    await expect.poll(() => received.length).toBe(5);
    expect(received.map((m) => m.rcptTo)).toContainEqual(['joris.smit@abonnees.demo']);
    const deliveries = page.getByRole('region', { name: 'Bezorging per abonnee' });
    await expect.poll(() => deliveries.locator('tbody tr').count()).toBe(5);
    await expect.poll(() => page.getByRole('link', { name: 'Wijzigen', exact: true }).count()).toBe(0);
    await expectAccessible(page, 'sent issue');
    expectCleanConsole(s);
  });
});

describe('the process director', () => {
  it('matches a pool member to a case, who then is a member of the case', async () => {
    const c = await seedCase(e2e.app.deps, { lastName: 'Poolkoppeling' });
    const s = await open('regisseur@delft.demo');
    const page = s.page;
    const links = await nav(page).getByRole('link').allTextContents();
    expect(links).toContain('Expertisepool');
    expect(links).not.toContain('Trainingen');
    await nav(page).getByRole('link', { name: 'Expertisepool' }).click();
    await expectHeading(page, 'Expertisepool');
    const members = page.getByRole('region', { name: 'Leden van de expertisepool' });
    await expect.poll(() => members.textContent()).toContain('Ed Expert');
    // The schedule is shown, but planning is the programme's work.
    await expect.poll(() => page.getByRole('button', { name: /bijeenkomsten? plannen$/ }).count()).toBe(0);
    await expectAccessible(page, 'expertise pool for the process director');

    await page.getByRole('button', { name: 'Koppelen' }).click();
    await page.locator('.schakel-error-summary').waitFor();
    await page.getByLabel('Casus', { exact: true }).selectOption(c.caseId);
    await page.getByLabel('Poollid', { exact: true }).selectOption({ label: 'Ed Expert (Expertisepool)' });
    await page.getByLabel('Doel van de koppeling').fill('Eerste duiding van de signalen');
    await expectAccessible(page, 'match form');
    await page.getByRole('button', { name: 'Koppelen' }).click();
    await notice(page, `Ed Expert is aan casus ${c.reference} gekoppeld.`).waitFor();
    const matches = page.getByRole('region', { name: `Gekoppelde poolleden van casus ${c.reference}` });
    await expect.poll(() => matches.textContent()).toContain('Eerste duiding van de signalen');
    await expectAccessible(page, 'pool match done');

    await page.getByRole('link', { name: `Naar de deelnemers van casus ${c.reference}` }).click();
    await page.getByRole('heading', { name: 'Deelnemers', level: 2 }).waitFor();
    await expect.poll(() => page.locator('main').textContent()).toContain('Ed Expert');
    expectCleanConsole(s);
  });
});

describe('a partner', () => {
  it('gets no expertise navigation and the no-access page at every expertise address', async () => {
    const s = await open('politie@politie.demo');
    const page = s.page;
    const links = await nav(page).getByRole('link').allTextContents();
    for (const label of ['Trainingen', 'Aandachtsfunctionarissen', 'Expertisepool', 'Nieuwsbrief']) {
      expect(links).not.toContain(label);
    }
    const addresses = [
      '/expertise/trainings',
      '/expertise/trainings/00000000-0000-4000-8000-000000000000',
      '/expertise/trainings/sessions/00000000-0000-4000-8000-000000000000',
      '/expertise/attention-officers',
      '/expertise/attention-officers/nieuw',
      '/expertise/pool',
      '/newsletter',
      '/newsletter/issues/nieuw',
      '/newsletter/subscribers/nieuw',
    ];
    for (const [i, address] of addresses.entries()) {
      await page.goto(address);
      await expectHeading(page, 'Geen toegang');
      if (i === 0) await expectAccessible(page, 'no-access page');
    }
    expectCleanConsole(s);
  });
});
