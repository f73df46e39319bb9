/**
 * Signing in the way a municipality does (issue 15), clicked through in Chromium:
 * - single sign-on against a real OpenID provider started by the test (its development login form),
 *   and the Dutch explanation on the sign-in page when the provider's answer is refused;
 * - passkeys with the DevTools protocol's virtual authenticator: register, sign in, remove;
 * - the region's policy that requires passkeys, set by an admin, and a director who must register one.
 * The relying party of the passkeys is "localhost": the browser opens the app at http://localhost:PORT.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/demo/seed.js';
import { Browser, loginAtProvider, type RunningProvider, startOpenIdProvider } from '../test/identity-peers.js';
import { type E2E, expectAccessible, expectHeading, fillSignIn, startE2E, totpNow } from './support.js';

let e2e: E2E;
let idp: RunningProvider;
let localBase: string;

beforeAll(async () => {
  e2e = await startE2E();
  const port = new URL(e2e.baseUrl).port;
  localBase = `http://localhost:${port}`;
  e2e.app.deps.config.publicUrl = localBase;
  idp = await startOpenIdProvider({
    clientId: 'schakel-e2e',
    clientSecret: 'e2e-secret',
    redirectUri: `${localBase}/api/v1/auth/oidc/callback`,
    postLogoutRedirectUri: `${localBase}/inloggen`,
    accounts: [
      { sub: 'delft-regisseur', email: 'regisseur@delft.demo' },
      { sub: 'delft-onbekend', email: 'onbekend@delft.demo' },
    ],
  });
  e2e.app.deps.config.oidc = {
    issuer: idp.issuer,
    clientId: 'schakel-e2e',
    clientSecret: 'e2e-secret',
    organisation: 'Gemeente Delft',
    scopes: 'openid email profile',
    emailAlwaysVerified: false,
  };
});

afterAll(async () => {
  await idp?.close();
  await e2e?.close();
});

async function localSession() {
  // Like openSession, on a context whose base is http://localhost:PORT (the passkeys' relying party).
  const context = await e2e.browser.newContext({
    baseURL: localBase,
    locale: 'nl-NL',
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (m) => {
    if (/content security policy/i.test(m.text())) cspViolations.push(m.text());
  });
  return { context, page, pageErrors, cspViolations, close: () => context.close() };
}

/** A platform authenticator with user verification, answering at once (DevTools protocol). */
async function virtualAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
  };
}

async function signInWithCode(page: Page, email: string) {
  await page.goto('/inloggen');
  await expectHeading(page, 'Inloggen');
  await fillSignIn(page, email, DEMO_PASSWORD, await totpNow());
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
}

describe('single sign-on with the organisation', () => {
  it('signs the process director in through the municipality’s identity provider', async () => {
    const s = await localSession();
    const { page } = s;
    await page.goto('/inloggen');
    await expectHeading(page, 'Inloggen');
    await page.getByRole('heading', { name: 'Inloggen met uw organisatie' }).waitFor();
    await expectAccessible(page, 'sign-in page with single sign-on');
    await page.getByRole('link', { name: 'Inloggen met uw organisatie (Gemeente Delft)' }).click();
    // The provider's own (development) sign-in form.
    await page.locator('input[name="login"]').fill('delft-regisseur');
    await page.locator('input[name="password"]').fill('anything');
    await page.locator('button[type="submit"]').click();
    await expectHeading(page, /^Welkom, Pieter de Regisseur/);
    expect(new URL(page.url()).origin).toBe(localBase);
    expect(s.pageErrors).toEqual([]);
    await s.close();
  });

  it('explains in Dutch when the provider knows the person but Schakel does not, and signs nobody in', async () => {
    const s = await localSession();
    const { page } = s;
    await page.goto('/inloggen');
    await page.getByRole('link', { name: 'Inloggen met uw organisatie (Gemeente Delft)' }).click();
    await page.locator('input[name="login"]').fill('delft-onbekend');
    await page.locator('input[name="password"]').fill('anything');
    await page.locator('button[type="submit"]').click();
    await expectHeading(page, 'Inloggen');
    await page.getByText('Inloggen via uw organisatie is niet gelukt').waitFor();
    await page.getByText('Schakel heeft (nog) geen account voor u').waitFor();
    await expectAccessible(page, 'sign-in page after a refused single sign-on');
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    expect(me).toBe(401);
    await s.close();
  });

  it('refuses a callback opened in another browser than the one that started it', async () => {
    // The sign-in starts in one browser (here a plain HTTP client with its own cookies)…
    const first = new Browser();
    const start = await first.request(`${localBase}/api/v1/auth/oidc/start?provider=env`);
    const callback = await loginAtProvider(
      first,
      start.location ?? '',
      'delft-regisseur',
      `${localBase}/api/v1/auth/oidc/callback`,
    );
    // …and its way back is opened in Chromium, which never started it.
    const other = await localSession();
    await other.page.goto(callback);
    await expectHeading(other.page, 'Inloggen');
    await other.page.getByText('niet in deze browser begonnen').waitFor();
    const me = await other.page.evaluate(async () => (await fetch('/api/v1/me')).status);
    expect(me).toBe(401);
    await other.close();
  });
});

describe('passkeys', () => {
  it('registers a passkey, signs in with it, and removes it', async () => {
    const s = await localSession();
    const { context, page } = s;
    const authenticator = await virtualAuthenticator(context, page);
    await signInWithCode(page, 'coordinator@delft.demo');
    await expectHeading(page, /^Welkom, /);
    await page.getByRole('link', { name: 'Passkeys' }).click();
    await expectHeading(page, 'Passkeys');
    await page.getByText('U hebt nog geen passkeys.').waitFor();
    await page.getByLabel('Naam van de passkey').fill('Laptop werk');
    await page.getByRole('button', { name: 'Passkey registreren' }).click();
    await page.getByText('De passkey Laptop werk is geregistreerd.').waitFor();
    await page.getByRole('cell', { name: 'Laptop werk', exact: true }).waitFor();
    expect(await authenticator.credentials()).toHaveLength(1);
    await expectAccessible(page, 'passkeys page');

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await expectHeading(page, 'Inloggen');
    await page.getByLabel('E-mailadres').fill('coordinator@delft.demo');
    await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Passkey gebruiken' }).click();
    await expectHeading(page, /^Welkom, Carla/);

    await page.getByRole('link', { name: 'Passkeys' }).click();
    await page.getByRole('button', { name: 'Passkey Laptop werk verwijderen' }).click();
    await page.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await page.getByText('De passkey Laptop werk is verwijderd.').waitFor();
    await page.getByText('U hebt nog geen passkeys.').waitFor();
    expect(s.pageErrors).toEqual([]);
    expect(s.cspViolations).toEqual([]);
    await s.close();
  });

  it('an admin requires passkeys; a director signed in with the app must register one before going on', async () => {
    const admin = await localSession();
    await virtualAuthenticator(admin.context, admin.page);
    await signInWithCode(admin.page, 'beheer@delft.demo');
    await expectHeading(admin.page, /^Welkom, /);
    // The admin needs a passkey of their own first.
    await admin.page.goto('/passkeys');
    await admin.page.getByLabel('Naam van de passkey').fill('Beheersleutel');
    await admin.page.getByRole('button', { name: 'Passkey registreren' }).click();
    await admin.page.getByText('De passkey Beheersleutel is geregistreerd.').waitFor();
    await admin.page.goto('/beheer/gebruikers');
    await admin.page.getByRole('link', { name: 'Inloggen en passkeys' }).click();
    await expectHeading(admin.page, 'Inloggen en passkeys');
    await expectAccessible(admin.page, 'sign-in administration');
    await admin.page.locator('label', { hasText: 'Passkeys verplicht voor rollen die persoonsgegevens zien' }).click();
    await admin.page.getByText('Passkeys zijn nu verplicht.').waitFor();

    const director = await localSession();
    await virtualAuthenticator(director.context, director.page);
    await signInWithCode(director.page, 'regisseur@delft.demo');
    await expectHeading(director.page, 'Passkey instellen');
    await director.page.getByText('Een code uit een authenticator-app is niet genoeg.').waitFor();
    await expectAccessible(director.page, 'passkey enrolment under the policy');
    await director.page.getByLabel('Naam van de passkey').fill('Telefoon');
    await director.page.getByRole('button', { name: 'Passkey registreren' }).click();
    await expectHeading(director.page, /^Welkom, Pieter/);

    // Back to no policy, for the other tests in this file.
    await admin.page.locator('label', { hasText: 'Passkeys verplicht voor rollen die persoonsgegevens zien' }).click();
    await admin.page.getByText('Passkeys zijn niet langer verplicht.').waitFor();
    expect(admin.pageErrors).toEqual([]);
    expect(director.cspViolations).toEqual([]);
    await admin.close();
    await director.close();
  });
});
