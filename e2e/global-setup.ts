import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import testSetup from '../test/global-setup.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The browser tests drive the built web app: fail at once, with the fix, when a piece is missing.
 * Then the same preparation as the other tests: the database every test app starts from.
 */
export default async function setup(project?: TestProject): Promise<() => Promise<void>> {
  const index = fileURLToPath(new URL('../dist/web/index.html', import.meta.url));
  if (!existsSync(index)) {
    throw new Error(`The built web app is missing (${index}). Run \`npx vite build\` before the e2e tests.`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}. Install it (apt-get update && apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return testSetup(project);
}
