import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
    retry: 0,
    // Journeys through many pages (a dozen sign-ins in roles.e2e.ts) on a busy two-core machine.
    testTimeout: 120_000,
    hookTimeout: 90_000,
    // Pages load their data after they render: give expect.poll time on a busy machine.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
