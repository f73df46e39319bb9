/**
 * The privacy officer's work in Chromium (issue 4): a subject access request for a demo person from
 * start to PDF — one item withheld with a ground, a police (Wpg) item released only after the source's
 * consent — whose PDF and JSON never contain the withheld text; a process director opens a case outside
 * their need-to-know with "Toegang in noodgeval" and the privacy officer reviews that use; the admin
 * registers a covenant and sets a retention term; the access log with its filters, CSV export, chain
 * verification and anomaly views. The privacy officer never reaches case content; a partner sees no
 * privacy pages. axe-core (WCAG 2.1 A/AA) on every page; no CSP violation or script error.
 */
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { docxText, machineValuesIn, pdfText } from '../src/platform/test-support.js';
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
afterEach(async (context) => {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir || context.task.result?.state !== 'fail') return;
  for (const [i, s] of sessions.entries()) {
    await s.page.screenshot({ path: `${dir}/privacy-${i}.png`, fullPage: true }).catch(() => {});
  }
});
afterAll(async () => {
  for (const s of sessions) await s.close().catch(() => {});
  await e2e?.close();
});

async function session(email: string): Promise<Session> {
  const s = await openSession(e2e);
  sessions.push(s);
  await signIn(s.page, email);
  return s;
}

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
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Hoofdmenu' });
const summaryLinks = (scope: Page | Locator) => scope.locator('.schakel-error-summary').getByRole('link');

// Short unique tokens, so that a line break in the PDF cannot hide them.
const WITHHELD_TOKEN = 'Kraaiennest7731';
const WITHHELD = `Anonieme tipgever (${WITHHELD_TOKEN}) meldt een ontmoeting op het station; niet delen met betrokkene.`;
const RELEASED_TOKEN = 'Vrijgave4412';
const RELEASED = `Betrokkene volgt sinds maart een opleiding (${RELEASED_TOKEN}).`;
const GROUND = 'Art. 41 lid 1 sub i UAVG: bescherming van de tipgever.';
const BREAK_GLASS_REASON =
  'Politie meldt acute dreiging rond deze persoon; de regisseur van Rijswijk is niet bereikbaar.';

interface DemoPerson {
  id: string;
  first_name: string;
  name_prefix: string | null;
  last_name: string;
  date_of_birth: string;
  case_id: string;
}

/**
 * A demo person who is the subject of an open Delft case with exactly one police or prosecution
 * contribution and as few records as possible (so that every item can be decided in the browser).
 */
async function demoPersonWithPoliceItem(): Promise<DemoPerson> {
  const rows = await sql<DemoPerson & { n: string }>`
    select p.id, p.first_name, p.name_prefix, p.last_name, p.date_of_birth::text as date_of_birth, c.id as case_id,
      (select count(*) from signal_subjects ss where ss.person_id = p.id)
      + (select count(*) from case_contributions cc where cc.case_id = c.id)
      + (select count(*) from actions a where a.case_id = c.id)
      + (select count(*) from assessments a where a.case_id = c.id or a.person_id = p.id) as n
    from cases c
    join persons p on p.id = c.subject_person_id
    join municipalities m on m.id = c.directing_municipality_id
    where m.name = 'Delft' and c.phase in ('analysis', 'execution', 'monitoring') and p.date_of_birth is not null
      and (select count(*) from cases c2 where c2.subject_person_id = p.id) = 1
      and not exists (select 1 from case_related_persons r where r.person_id = p.id)
      and (select count(*) from case_contributions cc where cc.case_id = c.id and cc.legal_regime in ('wpg', 'wjsg')) = 1
      and not exists (
        select 1 from signal_subjects ss
        join signals s on s.id = ss.signal_id
        join organisations o on o.id = s.source_organisation_id
        where ss.person_id = p.id and o.type in ('police', 'public_prosecutor'))
    order by n, p.id
    limit 1`.execute(e2e.app.db.owner);
  const person = rows.rows[0];
  if (!person) throw new Error('the demo region has no suitable person');
  return person;
}

/** An open case of another municipality (Rijswijk), outside the Delft process director's need-to-know. */
async function rijswijkCase(): Promise<string> {
  const rows = await sql<{ id: string }>`
    select c.id from cases c join municipalities m on m.id = c.directing_municipality_id
    where m.name = 'Rijswijk' and c.phase in ('analysis', 'execution', 'monitoring')
    order by c.id limit 1`.execute(e2e.app.db.owner);
  const id = rows.rows[0]?.id;
  if (!id) throw new Error('the demo region has no open Rijswijk case');
  return id;
}

describe('privacy officer', () => {
  it('answers a subject access request from start to PDF, withholding one item', async () => {
    const person = await demoPersonWithPoliceItem();
    const fullName = [person.first_name, person.name_prefix, person.last_name].filter(Boolean).join(' ');

    // The process director of Delft records two more pieces of information in the person's case.
    const director = await e2e.app.signIn('regisseur@delft.demo');
    for (const body of [WITHHELD, RELEASED]) {
      const res = await director.post(`/api/v1/cases/${person.case_id}/contributions`, {
        body,
        legalRegime: 'avg',
        scope: 'conference',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }

    const fg = await session('fg@delft.demo');
    const { page } = fg;
    await nav(page).getByRole('link', { name: 'Inzageverzoeken' }).click();
    await expectHeading(page, 'Inzageverzoeken');
    await expectAccessible(page, 'subject access requests (empty)');
    await page.getByRole('link', { name: 'Nieuw inzageverzoek' }).click();
    await expectHeading(page, 'Nieuw inzageverzoek');

    // Searching needs a name; then the requester is found by name and date of birth.
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await expect.poll(() => summaryLinks(page).allTextContents()).toEqual(['Vul voornaam in.', 'Vul achternaam in.']);
    await expectAccessible(page, 'new subject access request with errors');
    await page.getByLabel('Voornaam').fill(person.first_name);
    if (person.name_prefix) await page.getByLabel('Tussenvoegsel').fill(person.name_prefix);
    await page.getByLabel('Achternaam').fill(person.last_name);
    await page.getByLabel('Geboortedatum').fill(person.date_of_birth);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('heading', { name: /^2\. Verzoek vastleggen/ }).waitFor();
    await expectAccessible(page, 'new subject access request with matches');
    await page.getByRole('button', { name: 'Verzoek vastleggen' }).click();
    await expect.poll(() => summaryLinks(page).allTextContents()).toEqual(['Kies de persoon voor wie het verzoek is.']);
    const match = page.getByRole('radio', { name: new RegExp(`^${fullName}, geboren`) });
    await pick(page, match);
    await page.getByLabel('Ontvangen op').fill('2026-01-05');
    await page.getByRole('button', { name: 'Verzoek vastleggen' }).click();
    await expectHeading(page, `Inzageverzoek van ${fullName}`);
    await page.getByText('Het inzageverzoek is vastgelegd. Het moet uiterlijk 05-02-2026 beantwoord zijn.').waitFor();
    await expect.poll(() => page.locator('dl').first().textContent()).toContain('05-02-2026');

    // Collect every record about the person.
    await page.getByRole('button', { name: 'Gegevens verzamelen' }).click();
    await page.getByText(/^\d+ stukken gevonden\.$/).waitFor();
    await expectAccessible(page, 'subject access request with items');
    const items = page.locator('.pv-items > li');
    const count = await items.count();
    expect(count).toBeGreaterThan(5);
    // Every item shows its source organisation and legal regime.
    for (let i = 0; i < count; i++) {
      const facts = (await items.nth(i).locator('dl').textContent()) ?? '';
      expect(facts).toMatch(/Bron.+Regime(AVG|Wpg|Wjsg|Beroepsgeheim)/);
    }

    // A decision cannot be recorded while items are pending.
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Besloten' });
    await page.getByLabel('Besluit', { exact: true }).fill('Inzage verleend; één stuk niet verstrekt.');
    await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await expect.poll(() => summaryLinks(page).allTextContents()).toEqual(['Besluit eerst over elk stuk.']);

    // The withheld item needs a ground.
    const withheld = items.filter({ hasText: WITHHELD_TOKEN });
    await pick(page, withheld.getByRole('radio', { name: 'Niet verstrekken' }));
    await withheld.getByRole('button', { name: /^Besluit opslaan/ }).click();
    await expect.poll(() => summaryLinks(withheld).allTextContents()).toEqual(['Vul grond in.']);
    await expectAccessible(page, 'subject access item with an error');
    await withheld.getByLabel('Grond').fill(GROUND);
    await withheld.getByRole('button', { name: /^Besluit opslaan/ }).click();
    await expect.poll(() => withheld.locator('dl').textContent()).toContain(`Niet verstrekt — ${GROUND}`);

    // The police item: released only after the source's consent.
    // Items under the Wpg, the Wjsg or professional secrecy need their source's consent; one police item
    // is asked for here, the others are withheld below.
    const needingConsent = items.filter({ has: page.getByText('Toestemming bron nodig') });
    await expect.poll(() => needingConsent.count()).toBeGreaterThanOrEqual(1);
    const police = needingConsent.filter({ hasText: 'Bron' }).filter({ hasText: 'Politie' }).first();
    await pick(page, police.getByRole('radio', { name: 'Vrijgeven' }));
    await police.getByRole('button', { name: /^Besluit opslaan/ }).click();
    await expect
      .poll(() => summaryLinks(police).allTextContents())
      .toEqual(['Geef dit stuk pas vrij als de bron toestemming heeft gegeven.']);
    // The privacy officer asks the police; the police's privacy contact decides, seeing only that item.
    await police.getByLabel('Beslissing gevraagd uiterlijk').fill('2099-01-15');
    await police.getByRole('button', { name: 'Toestemming vragen aan Politie' }).click();
    await expect
      .poll(() => police.locator('dl').textContent())
      .toContain('Toestemming van de bronToestemming gevraagd');
    await expectAccessible(page, 'subject access item with consent asked');
    const contact = await session('privacy@politie.demo');
    await nav(contact.page).getByRole('link', { name: 'Toestemmingsverzoeken' }).click();
    await expectHeading(contact.page, 'Toestemmingsverzoeken');
    const asked = contact.page.locator('article.pv-item').first();
    await expect.poll(() => asked.textContent()).toContain('Beslissen uiterlijk 15-01-2099');
    await expect.poll(() => contact.page.getByText(WITHHELD_TOKEN).count()).toBe(0);
    await asked.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await expect.poll(() => summaryLinks(asked).allTextContents()).toEqual(['Kies uw besluit.', 'Vul reden in.']);
    await expectAccessible(contact.page, 'consent request with errors');
    await pick(contact.page, asked.getByRole('radio', { name: 'Toestemming geven' }));
    await asked.getByLabel('Reden').fill('Geen lopend onderzoek; verstrekking schaadt de opsporing niet.');
    await asked.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await contact.page.getByText('Uw besluit is vastgelegd.').waitFor();
    await expect.poll(() => contact.page.getByRole('heading', { name: 'Besloten' }).count()).toBe(1);
    await expectAccessible(contact.page, 'consent request decided');
    expectCleanConsole(contact);
    // Back at the privacy officer: the item can now be released.
    await page.reload();
    await expect.poll(() => police.locator('dl').textContent()).toContain('Toestemming van de bronToestemming gegeven');
    await pick(page, police.getByRole('radio', { name: 'Vrijgeven' }));
    await police.getByRole('button', { name: /^Besluit opslaan/ }).click();
    await expect.poll(() => police.locator('dl').textContent()).toContain('BesluitVrijgegeven');

    // Release everything else.
    for (let i = 0; i < count; i++) {
      const item = items.nth(i);
      const facts = (await item.locator('dl').textContent()) ?? '';
      if (!facts.includes('Nog niet besloten')) continue;
      if (facts.includes('nog niet gevraagd')) {
        // Not asked of its source: not disclosed.
        await pick(page, item.getByRole('radio', { name: 'Niet verstrekken' }));
        await item.getByLabel('Grond').fill('Toestemming van de bron niet gevraagd; art. 41 UAVG.');
        await item.getByRole('button', { name: /^Besluit opslaan/ }).click();
        await expect.poll(() => item.locator('dl').textContent()).toContain('BesluitNiet verstrekt');
        continue;
      }
      await pick(page, item.getByRole('radio', { name: 'Vrijgeven' }));
      await item.getByRole('button', { name: /^Besluit opslaan/ }).click();
      await expect.poll(() => item.locator('dl').textContent()).toContain('BesluitVrijgegeven');
    }
    await page.getByText(`Over alle ${count} stukken is besloten.`).waitFor();

    // (The page was reloaded after the police decided: the decision text is written again.)
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Besloten' });
    await page.getByLabel('Besluit', { exact: true }).fill('Inzage verleend; één stuk niet verstrekt.');
    await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await expect.poll(() => page.locator('dl').first().textContent()).toContain('StatusBesloten');
    await expectAccessible(page, 'decided subject access request');

    // The answer as PDF and JSON: the released text is there, the withheld one is not.
    const [pdfDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Antwoord downloaden (pdf)' }).click(),
    ]);
    const pdf = pdfText(await readFile((await pdfDownload.path()) as string));
    expect(pdf).toContain('Antwoord op uw inzageverzoek');
    // The same letter as an editable Word document; neither shows a code, a UUID or an ISO date.
    const [docxDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Antwoord downloaden (Word, bewerkbaar)' }).click(),
    ]);
    const docx = docxText(await readFile((await docxDownload.path()) as string));
    expect(docx).toContain(RELEASED_TOKEN);
    expect(docx).not.toContain(WITHHELD_TOKEN);
    for (const text of [pdf, docx])
      expect(machineValuesIn(text, ['case_contribution', 'subject-access-request'])).toEqual([]);
    expect(pdf).toContain(RELEASED_TOKEN);
    expect(pdf).not.toContain(WITHHELD_TOKEN);
    expect(pdf).not.toContain('tipgever');
    const [jsonDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Antwoord downloaden (json)' }).click(),
    ]);
    const json = await readFile((await jsonDownload.path()) as string, 'utf8');
    expect(JSON.parse(json).request.personName).toBe(fullName);
    expect(json).toContain(RELEASED_TOKEN);
    expect(json).not.toContain(WITHHELD_TOKEN);
    expect(json).not.toContain('tipgever');

    // The list shows the request with its deadline; the access log is filtered on the person.
    await nav(page).getByRole('link', { name: 'Inzageverzoeken' }).click();
    await expectHeading(page, 'Inzageverzoeken');
    await page.getByRole('row', { name: new RegExp(`${fullName}.*05-01-2026.*05-02-2026.*Besloten`) }).waitFor();
    await expectAccessible(page, 'subject access requests');
    await page.getByRole('link', { name: fullName }).click();
    await page.getByRole('link', { name: /wie de gegevens van deze persoon inzag/ }).click();
    await expectHeading(page, 'Toegangslog');
    await expect.poll(() => page.getByLabel('Betrokkene (ID)').inputValue()).toBe(person.id);
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(0);

    // The privacy officer never reaches case content: the page says "no access", the API 403.
    await page.goto(`/cases/${person.case_id}`);
    await expectHeading(page, 'Geen toegang');
    await expect.poll(() => page.getByText(WITHHELD_TOKEN).count()).toBe(0);
    expect((await apiInPage(page, 'GET', `/cases/${person.case_id}`)).status).toBe(403);
    expectCleanConsole(fg);
  });

  it('reviews a break-the-glass use that a process director took on the case page', async () => {
    const caseId = await rijswijkCase();
    const director = await session('regisseur@delft.demo');
    const { page } = director;
    await page.goto(`/cases/${caseId}`);
    await expectHeading(page, 'Pagina niet gevonden');
    await page.getByRole('heading', { name: 'Toegang in noodgeval' }).waitFor();
    await expectAccessible(page, 'case not found with emergency access');
    await page.getByRole('button', { name: 'Toegang in noodgeval vragen' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('break-glass-reason');
    await page.getByRole('button', { name: 'Casus openen in noodgeval' }).click();
    await expect
      .poll(() => summaryLinks(page).allTextContents())
      .toEqual(['Schrijf op waarom u noodtoegang nodig hebt.']);
    await expectAccessible(page, 'emergency access form with an error');
    await page.getByLabel('Reden voor de noodtoegang').fill(BREAK_GLASS_REASON);
    await page.getByRole('button', { name: 'Casus openen in noodgeval' }).click();
    await page.getByText(/U hebt noodtoegang tot deze casus tot /).waitFor();
    await expectHeading(page, /^Casus /);
    expectCleanConsole(director);

    const fg = await session('fg@delft.demo');
    const p = fg.page;
    await nav(p).getByRole('link', { name: 'Noodtoegang' }).click();
    await expectHeading(p, 'Noodtoegang beoordelen');
    const card = p.locator('.pv-item').filter({ hasText: BREAK_GLASS_REASON });
    await card.waitFor();
    const facts = (await card.locator('dl').textContent()) ?? '';
    expect(facts).toContain('Pieter de Regisseur (Gemeente Delft)');
    expect(facts).toContain(caseId);
    expect(facts).toContain('Nog geldig');
    await expectAccessible(p, 'break-the-glass review queue');
    await card.getByRole('button', { name: /^Als beoordeeld markeren/ }).click();
    await expect.poll(() => summaryLinks(card).allTextContents()).toEqual(['Vul bevinding in.']);
    await card.getByLabel('Bevinding').fill('Terecht: acute melding van de politie, achteraf besproken met Rijswijk.');
    await card.getByRole('button', { name: /^Als beoordeeld markeren/ }).click();
    await p.getByText(/^De noodtoegang van Pieter de Regisseur op .* is beoordeeld\.$/).waitFor();
    await expect.poll(() => p.locator('.pv-item').filter({ hasText: BREAK_GLASS_REASON }).count()).toBe(0);
    await pick(p, p.getByRole('radio', { name: 'Alle noodtoegang' }));
    await expect
      .poll(() => p.locator('.pv-item').filter({ hasText: BREAK_GLASS_REASON }).locator('dl').textContent())
      .toContain('Terecht: acute melding');
    await expectAccessible(p, 'all break-the-glass use');

    // The same use in the anomaly view of the access log.
    await nav(p).getByRole('link', { name: 'Toegangslog' }).click();
    await expectHeading(p, 'Toegangslog');
    await p.getByRole('link', { name: 'Afwijkingen bekijken' }).click();
    await expectHeading(p, 'Afwijkingen in het toegangslog');
    await expectAccessible(p, 'anomalies: outside office hours');
    await pick(p, p.getByRole('radio', { name: 'Noodtoegang' }));
    await p.getByRole('button', { name: 'Tonen' }).click();
    await p.getByRole('table', { name: 'Noodtoegang, nieuwste eerst' }).waitFor();
    await expect.poll(() => p.locator('tbody tr').first().textContent()).toContain('Pieter de Regisseur');
    await expectAccessible(p, 'anomalies: break-the-glass');
    await pick(p, p.getByRole('radio', { name: 'Veel personen op één dag' }));
    await p.getByLabel('Drempel (aantal personen)').fill('1');
    await p.getByRole('button', { name: 'Tonen' }).click();
    await expect.poll(() => new URL(p.url()).searchParams.get('threshold')).toBe('1');
    await p
      .locator('.schakel-loading')
      .waitFor({ state: 'detached' })
      .catch(() => {});
    await expectAccessible(p, 'anomalies: many persons');
    expectCleanConsole(fg);
  });

  it('searches the access log by organisation and case, exports CSV and verifies the chain', async () => {
    const fg = await session('fg@delft.demo');
    const { page } = fg;
    await nav(page).getByRole('link', { name: 'Toegangslog' }).click();
    await expectHeading(page, 'Toegangslog');
    const chain = page.getByRole('region', { name: 'Controle van de keten' });
    await page.getByText(/De keten van het toegangslog is nog niet gecontroleerd|Laatst gecontroleerd op/).waitFor();
    await chain.getByRole('button', { name: 'Keten nu controleren' }).click();
    await expect
      .poll(() => chain.textContent())
      .toMatch(
        /Laatst gecontroleerd op .* door Femke Gegevensbescherming: de keten van [\d.]+ vermeldingen is intact\./,
      );

    await page.getByLabel('Organisatie', { exact: true }).selectOption({ label: 'Gemeente Delft' });
    await page.getByLabel('Casus (ID)').fill('geen-id');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await expect
      .poll(() => summaryLinks(page).allTextContents())
      .toEqual(['Een casus-ID bestaat uit 32 cijfers en letters a–f met streepjes.']);
    await page.getByLabel('Casus (ID)').fill('');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('organisationId')).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'access log filtered on an organisation');
    // The export is made in the background: progress, then a download link for this user only.
    await page.getByRole('button', { name: 'Zoekresultaat exporteren (csv)' }).click();
    const csvLink = page.getByRole('link', { name: /^Export downloaden \(csv, / });
    await csvLink.waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'De export is klaar' }).count()).toBe(1);
    await expect.poll(() => csvLink.getAttribute('href')).toMatch(/^\/api\/v1\/exports\/[0-9a-f-]{36}\/content$/);
    await expectAccessible(page, 'access log with a finished export');
    const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
    const csv = await readFile((await download.path()) as string, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^seq,occurredAt,actorUserId,actorName,actorOrganisationId/);
    expect(csv.split('\n').length).toBeGreaterThan(2);
    expectCleanConsole(fg);
  });
});

describe('covenants and retention', () => {
  it('lets the administrator register a covenant and change a retention term; others read', async () => {
    const admin = await session('beheer@delft.demo');
    const { page } = admin;
    await nav(page).getByRole('link', { name: 'Convenanten' }).click();
    await expectHeading(page, 'Convenanten');
    await page.getByRole('link', { name: /Convenant persoonsgerichte aanpak radicalisering Haaglanden/ }).waitFor();
    await expectAccessible(page, 'covenant register');
    await page.getByRole('link', { name: 'Convenant registreren' }).click();
    await expectHeading(page, 'Convenant registreren');
    await pick(page, page.getByRole('radio', { name: /^Getekend/ }));
    await page.getByRole('button', { name: 'Partij toevoegen' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('covenant-parties.0.organisationId');
    await page.getByRole('button', { name: 'Registreren' }).click();
    await expect
      .poll(() => summaryLinks(page).allTextContents())
      .toEqual([
        'Vul titel in.',
        'Vul de datum van ondertekening in: een getekend of beëindigd convenant heeft er een.',
        'Vul grondslag in.',
        'Kies organisatie van partij 1.',
      ]);
    await expectAccessible(page, 'covenant form with errors');
    await page.getByLabel('Titel').fill('Convenant zorg- en veiligheidsketen Delft 2026');
    await page.getByLabel('Datum ondertekening', { exact: true }).fill('2026-02-01');
    await page.getByLabel('Grondslag').fill('Art. 6 lid 1 sub e AVG; art. 20 Wpg; modelconvenant 2017.');
    await page.getByLabel('Organisatie van partij 1').selectOption({ label: 'Politie' });
    await page.getByLabel('Datum ondertekening door partij 1').fill('2026-02-01');
    const share = page.getByRole('group', { name: 'Gegevens die partij 1 mag verstrekken' });
    await pick(page, share.getByRole('checkbox', { name: 'Politiegegevens (Wpg)' }));
    await pick(page, share.getByRole('checkbox', { name: 'Signalen' }));
    const receive = page.getByRole('group', { name: 'Gegevens die partij 1 mag ontvangen' });
    await pick(page, receive.getByRole('checkbox', { name: 'Plannen van aanpak en acties' }));
    await page.getByRole('button', { name: 'Partij toevoegen' }).click();
    await page.getByLabel('Organisatie van partij 2').selectOption({ label: 'GGZ Delfland' });
    await page.getByRole('button', { name: 'GGZ Delfland verwijderen als partij' }).click();
    await expect.poll(() => page.getByLabel('Organisatie van partij 2').count()).toBe(0);
    await expectAccessible(page, 'covenant form filled in');
    await page.getByRole('button', { name: 'Registreren' }).click();
    await expectHeading(page, 'Convenant zorg- en veiligheidsketen Delft 2026');
    await page.getByText('Convenant zorg- en veiligheidsketen Delft 2026 is aangemaakt.').waitFor();
    await page
      .getByRole('row', { name: 'Politie 01-02-2026 Signalen, Politiegegevens (Wpg) Plannen van aanpak en acties' })
      .waitFor();
    await expectAccessible(page, 'covenant page');
    await page.getByRole('link', { name: 'Convenant wijzigen' }).click();
    await expectHeading(page, 'Convenant zorg- en veiligheidsketen Delft 2026 wijzigen');
    await expect.poll(() => page.getByLabel('Organisatie van partij 1').inputValue()).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByLabel('Kenmerk van het document').fill('DLF-2026-014');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();
    await expect.poll(() => page.locator('dl').textContent()).toContain('DLF-2026-014');

    // Retention: the administrator changes a term; the default and its source stay visible.
    await nav(page).getByRole('link', { name: 'Bewaartermijnen' }).click();
    await expectHeading(page, 'Bewaartermijnen');
    await page
      .getByText(/Modelconvenant 2017: vijf jaar na definitieve afsluiting/)
      .first()
      .waitFor();
    await page.getByRole('heading', { name: 'Voorbeeld van de volgende vernietiging' }).waitFor();
    await page.getByText(/^Berekend op /).waitFor();
    await expectAccessible(page, 'retention');
    await page.getByRole('button', { name: 'Wijzigen Signaal zonder casus' }).click();
    await expectHeading(page, 'Bewaartermijnen');
    await page.getByLabel('Termijn in maanden').fill('0');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect
      .poll(() => summaryLinks(page).allTextContents())
      .toEqual(['Vul een hele termijn tussen 1 en 1200 maanden in.']);
    await expectAccessible(page, 'retention term form with an error');
    await page.getByLabel('Termijn in maanden').fill('18');
    await page.getByLabel('Bron', { exact: true }).fill('Besluit stuurgroep Veiligheidshuis, 12 maart 2026');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De termijn "Signaal zonder casus" is opgeslagen.').waitFor();
    await page.getByRole('row', { name: /^Signaal als het geen casus werd 18 maanden Besluit stuurgroep/ }).waitFor();
    await expect
      .poll(() => page.getByRole('row', { name: /18 maanden/ }).textContent())
      .toContain('Afwijkend van de standaard: 12 maanden');
    expectCleanConsole(admin);

    // The privacy officer reads the register and the terms, but changes nothing.
    const fg = await session('fg@delft.demo');
    const p = fg.page;
    await nav(p).getByRole('link', { name: 'Convenanten' }).click();
    await expectHeading(p, 'Convenanten');
    await p.getByRole('link', { name: 'Convenant zorg- en veiligheidsketen Delft 2026' }).click();
    await expectHeading(p, 'Convenant zorg- en veiligheidsketen Delft 2026');
    await expect.poll(() => p.getByRole('link', { name: 'Convenant wijzigen' }).count()).toBe(0);
    await expect.poll(() => p.getByRole('link', { name: 'Convenant registreren' }).count()).toBe(0);
    await nav(p).getByRole('link', { name: 'Bewaartermijnen' }).click();
    await expectHeading(p, 'Bewaartermijnen');
    await p.getByRole('row', { name: /18 maanden/ }).waitFor();
    await expect.poll(() => p.getByRole('button', { name: /^Wijzigen/ }).count()).toBe(0);
    await expectAccessible(p, 'retention for the privacy officer');
    expectCleanConsole(fg);
  });

  it('sets and lifts legal holds on a person and on a case', async () => {
    const person = await demoPersonWithPoliceItem();
    const fullName = [person.first_name, person.name_prefix, person.last_name].filter(Boolean).join(' ');
    const caseId = await rijswijkCase();
    const reference = (
      await sql<{ reference: string }>`select reference from cases where id = ${caseId}`.execute(e2e.app.db.owner)
    ).rows[0]?.reference;
    const fg = await session('fg@delft.demo');
    const { page } = fg;
    await nav(page).getByRole('link', { name: 'Bewaartermijnen' }).click();
    await expectHeading(page, 'Bewaartermijnen');
    const holds = page.getByRole('region', { name: 'Juridische blokkades' });
    await holds.getByText('Geen blokkades.').waitFor();
    await holds.getByRole('button', { name: 'Nieuwe blokkade' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('hold-new-heading');
    // A hold needs a person (found first) and a reason.
    await holds.getByRole('button', { name: 'Blokkade instellen' }).click();
    await expect
      .poll(() => summaryLinks(holds).allTextContents())
      .toEqual(['Zoek de persoon en kies wie het is.', 'Vul reden in.']);
    await expectAccessible(page, 'new legal hold with errors');
    await holds.getByLabel('Voornaam').fill(person.first_name);
    if (person.name_prefix) await holds.getByLabel('Tussenvoegsel').fill(person.name_prefix);
    await holds.getByLabel('Achternaam').fill(person.last_name);
    await holds.getByRole('button', { name: 'Zoeken' }).click();
    await pick(page, holds.getByRole('radio', { name: new RegExp(`^${fullName}, geboren`) }));
    await holds.getByLabel('Reden', { exact: true }).fill('Klacht bij de Autoriteit Persoonsgegevens loopt nog.');
    await holds.getByRole('button', { name: 'Blokkade instellen' }).click();
    await page.getByText(`De blokkade op ${fullName} is ingesteld.`).waitFor();
    const personCard = holds.locator('.pv-item').filter({ hasText: `Persoon ${fullName}` });
    await expect.poll(() => personCard.textContent()).toContain('Klacht bij de Autoriteit Persoonsgegevens');

    // A case by its ID.
    await holds.getByRole('button', { name: 'Nieuwe blokkade' }).click();
    await pick(page, holds.getByRole('radio', { name: 'Eén casus' }));
    await holds.getByLabel('Casus (ID)').fill(caseId);
    await holds.getByLabel('Reden', { exact: true }).fill('Strafzaak tegen betrokkene loopt.');
    await holds.getByRole('button', { name: 'Blokkade instellen' }).click();
    await page.getByText(`De blokkade op ${reference} is ingesteld.`).waitFor();
    await expectAccessible(page, 'legal holds');

    // Lifting needs a reason.
    await personCard.getByRole('button', { name: /^Blokkade opheffen/ }).click();
    await personCard.getByRole('button', { name: 'Opheffen' }).click();
    await expect.poll(() => summaryLinks(personCard).allTextContents()).toEqual(['Vul reden van opheffen in.']);
    await personCard.getByLabel('Reden van opheffen').fill('De klacht is afgehandeld.');
    await personCard.getByRole('button', { name: 'Opheffen' }).click();
    await page.getByText(new RegExp(`^De blokkade op ${fullName} is opgeheven\\.`)).waitFor();
    await expect.poll(() => holds.locator('.pv-item').count()).toBe(1);
    await pick(page, holds.getByRole('radio', { name: 'Opgeheven' }));
    await expect.poll(() => holds.locator('.pv-item').first().textContent()).toContain('De klacht is afgehandeld.');
    await expectAccessible(page, 'lifted legal holds');
    expectCleanConsole(fg);
  });

  it('records rectification and erasure requests that a second person decides', async () => {
    const person = await demoPersonWithPoliceItem();
    const fullName = [person.first_name, person.name_prefix, person.last_name].filter(Boolean).join(' ');
    const fg = await session('fg@delft.demo');
    const { page } = fg;
    await nav(page).getByRole('link', { name: 'Correctie en wissen' }).click();
    await expectHeading(page, 'Correctie en wissen');
    await page.getByText('Er zijn geen verzoeken om correctie.').waitFor();
    await expectAccessible(page, 'rectification and erasure requests (empty)');
    await page.getByRole('link', { name: 'Nieuw verzoek' }).click();
    await expectHeading(page, 'Nieuw verzoek om correctie of wissen');
    await page.getByRole('button', { name: 'Verzoek vastleggen' }).click();
    await expect
      .poll(() => summaryLinks(page).allTextContents())
      .toEqual(['Kies de soort verzoek.', 'Kies de persoon voor wie het verzoek is.', 'Vul verzoek en reden in.']);
    await expectAccessible(page, 'new request with errors');
    await page.getByLabel('Voornaam').fill(person.first_name);
    if (person.name_prefix) await page.getByLabel('Tussenvoegsel').fill(person.name_prefix);
    await page.getByLabel('Achternaam').fill(person.last_name);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await pick(page, page.getByRole('radio', { name: new RegExp(`^${fullName}, geboren`) }));
    await pick(page, page.getByRole('radio', { name: /^Correctie/ }));
    await page.getByRole('button', { name: 'Verzoek vastleggen' }).click();
    await expect
      .poll(() => summaryLinks(page).allTextContents())
      .toEqual(['Vul ten minste één verbeterde waarde in.', 'Vul verzoek en reden in.']);
    await page.getByLabel('Nieuwe voornaam').fill(`${person.first_name}a`);
    await page
      .getByLabel('Verzoek en reden')
      .fill('Betrokkene wijst erop dat de voornaam verkeerd is gespeld (paspoort gezien).');
    await expectAccessible(page, 'new rectification request');
    await page.getByRole('button', { name: 'Verzoek vastleggen' }).click();
    await expectHeading(page, `Verzoek om correctie van ${fullName}`);
    await page.getByText('Het verzoek is vastgelegd. Een tweede persoon moet erover beslissen.').waitFor();
    await page.getByText('U hebt dit verzoek zelf vastgelegd.', { exact: false }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Goedkeuren en verbeteren' }).count()).toBe(0);
    await expectAccessible(page, 'rectification request (four eyes)');
    const rectificationUrl = page.url();

    // An erasure request for one signal about the person.
    const signal = (
      await sql<{ id: string }>`select ss.signal_id as id from signal_subjects ss where ss.person_id = ${person.id}
        order by ss.signal_id limit 1`.execute(e2e.app.db.owner)
    ).rows[0]?.id as string;
    await nav(page).getByRole('link', { name: 'Correctie en wissen' }).click();
    await page.getByRole('link', { name: 'Nieuw verzoek' }).click();
    await page.getByLabel('Voornaam').fill(person.first_name);
    if (person.name_prefix) await page.getByLabel('Tussenvoegsel').fill(person.name_prefix);
    await page.getByLabel('Achternaam').fill(person.last_name);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await pick(page, page.getByRole('radio', { name: new RegExp(`^${fullName}, geboren`) }));
    await pick(page, page.getByRole('radio', { name: /^Wissen/ }));
    await pick(page, page.getByRole('radio', { name: /^Eén signaal/ }));
    await page.getByLabel('Signaal (ID)').fill(signal);
    await page
      .getByLabel('Verzoek en reden')
      .fill('Betrokkene vraagt het signaal te wissen: het berust op een persoonsverwisseling.');
    await page.getByRole('button', { name: 'Verzoek vastleggen' }).click();
    await expectHeading(page, `Verzoek om wissen van ${fullName}`);
    const erasureUrl = page.url();
    expectCleanConsole(fg);

    // The administrator decides: the correction is approved, the erasure rejected with a note.
    const admin = await session('beheer@delft.demo');
    const a = admin.page;
    await nav(a).getByRole('link', { name: 'Correctie en wissen' }).click();
    await expectHeading(a, 'Correctie en wissen');
    await a
      .getByRole('row', { name: new RegExp(`${fullName}.*Femke Gegevensbescherming.*Wacht op besluit`) })
      .first()
      .waitFor();
    await expectAccessible(a, 'rectification and erasure requests');
    await a.goto(new URL(rectificationUrl).pathname);
    await expectHeading(a, `Verzoek om correctie van ${fullName}`);
    await expect.poll(() => a.locator('dl').textContent()).toContain(`Voornaam: ${person.first_name}a`);
    await expectAccessible(a, 'rectification request to decide');
    await a.getByRole('button', { name: 'Goedkeuren en verbeteren' }).click();
    await a.getByText('Het verzoek is goedgekeurd en de gegevens zijn verbeterd.').waitFor();
    await expect.poll(() => a.locator('dl').textContent()).toContain('Uitgevoerd');
    const renamed = await sql<{ first_name: string }>`select first_name from persons where id = ${person.id}`.execute(
      e2e.app.db.owner,
    );
    expect(renamed.rows[0]?.first_name).toBe(`${person.first_name}a`);

    await a.goto(new URL(erasureUrl).pathname);
    await expectHeading(a, /^Verzoek om wissen van /);
    await a.getByRole('button', { name: 'Afwijzen' }).click();
    await expect
      .poll(() => summaryLinks(a).allTextContents())
      .toEqual(['Schrijf op waarom het verzoek wordt afgewezen.']);
    await a.getByLabel('Toelichting').fill('Het signaal is juist; de verwisseling is niet aannemelijk gemaakt.');
    await a.getByRole('button', { name: 'Afwijzen' }).click();
    await a.getByText('Het verzoek is afgewezen.').waitFor();
    await expect.poll(() => a.locator('dl').textContent()).toContain('Afgewezen');
    const kept = await sql<{ n: string }>`select count(*) as n from signals where id = ${signal}`.execute(
      e2e.app.db.owner,
    );
    expect(Number(kept.rows[0]?.n)).toBe(1);
    expectCleanConsole(admin);
  });

  it('shows a partner no privacy pages', async () => {
    const partner = await session('politie@politie.demo');
    const { page } = partner;
    const links = await nav(page).getByRole('link').allTextContents();
    for (const label of [
      'Inzageverzoeken',
      'Noodtoegang',
      'Convenanten',
      'Bewaartermijnen',
      'Correctie en wissen',
      'Toegangslog',
    ]) {
      expect(links).not.toContain(label);
    }
    for (const path of [
      '/privacy/subject-access',
      '/privacy/break-glass',
      '/privacy/covenants',
      '/privacy/retention',
    ]) {
      await page.goto(path);
      await expectHeading(page, 'Geen toegang');
    }
    await expectAccessible(page, 'no access page');
    expectCleanConsole(partner);
  });
});
