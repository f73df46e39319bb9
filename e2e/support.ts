/**
 * Browser test support: the real Schakel server (in-process, demo region, built web app served),
 * Chromium through playwright-core, axe-core for WCAG 2.1 AA, and a watch on the console for
 * Content-Security-Policy violations.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../src/demo/seed.js';
import { startTestApp, type TestApp, totpNow } from '../test/harness.js';
import { CHROMIUM } from './global-setup.js';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface E2E {
  app: TestApp;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  const app = await startTestApp({ serveWeb: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    app,
    browser,
    baseUrl: app.baseUrl,
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

/** A fresh browser profile with a page that reports CSP violations and script errors. */
export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console messages and securitypolicyviolation events about the Content-Security-Policy. */
  cspViolations: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openSession(e2e: E2E, options: { locale?: string } = {}): Promise<Session> {
  const context = await e2e.browser.newContext({
    baseURL: e2e.baseUrl,
    locale: options.locale ?? 'nl-NL',
    viewport: { width: 1280, height: 900 },
  });
  // Also catch violations that Chromium reports only as events (injected by the test runner, not the app).
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  const page = await context.newPage();
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/content security policy|CSP violation/i.test(text)) cspViolations.push(text);
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    context,
    page,
    cspViolations,
    pageErrors,
    async close() {
      await context.close();
    },
  };
}

/** No CSP violation and no uncaught script error happened in this session. */
export function expectCleanConsole(session: Session): void {
  expect(session.cspViolations, 'Content-Security-Policy violations').toEqual([]);
  expect(session.pageErrors, 'uncaught errors in the page').toEqual([]);
}

/** axe-core finds no WCAG 2.1 A/AA violation on the page as it is now. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `accessibility violations on ${what}`).toEqual([]);
}

/** Waits until the page shows its h1 with the given text. */
export async function expectHeading(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('h1').filter({ hasText: text }).first().waitFor({ state: 'visible' });
}

export async function fillSignIn(page: Page, email: string, password = DEMO_PASSWORD, totp?: string) {
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  if (totp !== undefined) await page.getByLabel('Code uit de authenticator-app').fill(totp);
}

/** Signs in a demo user through the sign-in page and waits for the home page. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/inloggen');
  await expectHeading(page, 'Inloggen');
  await fillSignIn(page, email, DEMO_PASSWORD, await totpNow());
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expectHeading(page, /^Welkom, /);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expectHeading(page, 'Inloggen');
}

export { totpNow };

/** Checks a radio button or checkbox the way a user does: by clicking its label (the input is styled away). */
export async function pick(page: Page, input: Locator): Promise<void> {
  const id = await input.getAttribute('id');
  await page.locator(`label[for="${id}"]`).click();
  await expect.poll(() => input.isChecked()).toBe(true);
}

/**
 * The weging (Wgpa) of a decision to open a case, as a process director fills it in: the region's first
 * inclusion criterion with its reasons, and the municipality, the police and the public prosecutor.
 */
export async function fillWeging(
  page: Page,
  reasons = 'Uitingen en gedrag wijzen op een ontwikkeling naar extremisme; een gezamenlijke aanpak is nodig.',
  municipality = 'Gemeente Delft',
): Promise<void> {
  const criteria = page.getByRole('group', { name: 'Criteria die van toepassing zijn' });
  await pick(page, criteria.getByRole('checkbox').first());
  await criteria.getByLabel('Redenen voor dit criterium').fill(reasons);
  const parties = page.getByRole('group', { name: 'Deelnemers aan de weging' });
  for (const name of [municipality, 'Politie', 'Openbaar Ministerie']) {
    await pick(page, parties.getByRole('checkbox', { name: new RegExp(`^${name} \\(`) }));
  }
}
