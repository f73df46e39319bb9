/**
 * The sign-in page and the frame around every page: demo banner, Schakel's own theme, the error
 * summary, one generic error for wrong credentials, keyboard-only sign-in and the language switch.
 * WCAG 2.1 AA (axe-core) and a clean console (no CSP violation) throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type E2E,
  expectAccessible,
  expectCleanConsole,
  expectHeading,
  fillSignIn,
  openSession,
  startE2E,
  totpNow,
} from './support.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe('sign-in page', () => {
  it('shows the demo banner, is accessible, and uses Schakel’s own theme', async () => {
    const s = await openSession(e2e);
    const { page } = s;
    await page.goto('/');
    await expectHeading(page, 'Inloggen');
    expect(new URL(page.url()).pathname).toBe('/inloggen');
    await expect(page.title()).resolves.toBe('Inloggen — Schakel');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl');
    await page.getByText('DEMO — fictieve gegevens').waitFor();
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('contentinfo').count()).toBe(1);
    // Component CSS resolves against schakel-tokens.css: dark-blue primary button, white page.
    const button = page.getByRole('button', { name: 'Inloggen' });
    await expect(button.evaluate((el) => getComputedStyle(el).backgroundColor)).resolves.toBe('rgb(21, 66, 115)');
    await expect(page.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor)).resolves.toBe(
      'rgb(255, 255, 255)',
    );
    const emailBorder = await page.getByLabel('E-mailadres').evaluate((el) => getComputedStyle(el).borderTopWidth);
    expect(emailBorder).toBe('2px');
    await expectAccessible(page, 'sign-in page');

    // Submitting empty lists every field error in a summary that takes focus.
    await button.click();
    const summary = page.locator('.schakel-error-summary');
    await summary.waitFor();
    await expect(summary.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect
      .poll(() => summary.getByRole('link').allTextContents())
      .toEqual(['Vul e-mailadres in.', 'Vul wachtwoord in.']);
    await expect.poll(() => page.getByLabel('E-mailadres').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'sign-in page with errors');
    // The summary's links move focus to the field.
    await summary.getByRole('link', { name: 'Vul wachtwoord in.' }).click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('sign-in-password');
    expectCleanConsole(s);
    await s.close();
  });

  it('rejects a wrong password with one generic message', async () => {
    const s = await openSession(e2e);
    const { page } = s;
    await page.goto('/inloggen');
    await fillSignIn(page, 'regisseur@delft.demo', 'not-the-password', await totpNow());
    await page.getByRole('button', { name: 'Inloggen' }).click();
    const summary = page.locator('.schakel-error-summary');
    await summary.waitFor();
    await expect
      .poll(() => summary.textContent())
      .toContain('De combinatie van e-mailadres, wachtwoord en code klopt niet.');
    await expect(summary.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    expect(new URL(page.url()).pathname).toBe('/inloggen');
    // The password field is emptied; the e-mail address stays.
    await expect.poll(() => page.getByLabel('Wachtwoord', { exact: true }).inputValue()).toBe('');
    await expect.poll(() => page.getByLabel('E-mailadres').inputValue()).toBe('regisseur@delft.demo');
    await expectAccessible(page, 'sign-in page after a failed sign-in');
    expectCleanConsole(s);
    await s.close();
  });

  it('signs in with the keyboard alone (Tab and Enter), starting at the skip link', async () => {
    const s = await openSession(e2e);
    const { page } = s;
    await page.goto('/inloggen');
    await expectHeading(page, 'Inloggen');
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('Direct naar de inhoud');
    // The skip link is visible when focused and leads into the main content.
    await page.getByRole('link', { name: 'Direct naar de inhoud' }).waitFor();
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('inhoud');
    let id = '';
    for (let i = 0; i < 10 && id !== 'sign-in-email'; i++) {
      await page.keyboard.press('Tab');
      id = (await focused()) ?? '';
    }
    expect(id).toBe('sign-in-email');
    await page.keyboard.type('politie@politie.demo');
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('sign-in-password');
    await page.keyboard.type('demo-schakel');
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('sign-in-totp');
    await page.keyboard.type(await totpNow());
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Welkom, Bram Wijkagent');
    // After the page changes, focus is on the new page's heading, so reading and tabbing start there.
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H1');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.closest('main') !== null)).resolves.toBe(true);
    expectCleanConsole(s);
    await s.close();
  });

  it('switches the interface to English, remembers it, and back', async () => {
    const s = await openSession(e2e);
    const { page } = s;
    await page.goto('/inloggen');
    await expectHeading(page, 'Inloggen');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expectHeading(page, 'Sign in');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByText('DEMO — fictional data').waitFor();
    await page.getByLabel('E-mail address').waitFor();
    await expectAccessible(page, 'sign-in page in English');
    await page.reload();
    await expectHeading(page, 'Sign in');
    await expect(page.evaluate(() => localStorage.getItem('schakel.language'))).resolves.toBe('en');
    // Signed in, the whole frame is English too.
    await page.getByLabel('E-mail address').fill('beheer@delft.demo');
    await page.getByLabel('Password', { exact: true }).fill('demo-schakel');
    await page.getByLabel('Code from the authenticator app').fill(await totpNow());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectHeading(page, 'Welcome, Bart Beheer');
    await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
    await page.getByText('Functional administrator').first().waitFor();
    await expectAccessible(page, 'home page in English');
    await page.getByRole('button', { name: 'Schakel over naar Nederlands' }).click();
    await expectHeading(page, 'Welkom, Bart Beheer');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl');
    expectCleanConsole(s);
    await s.close();
  });
});
