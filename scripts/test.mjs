#!/usr/bin/env node
/**
 * `npm test` — the whole suite, in order: typecheck, lint, the sharding-blockers check, unit +
 * integration tests (on embedded PGlite, or on the PostgreSQL server of DATABASE_URL), the production
 * build, end-to-end tests in Debian's Chromium, and the Dutch API Design Rules linter on the served OpenAPI document.
 * Checks that cannot run on this machine say so and why. Ends with one line "N passed, N failed".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const bin = (name) => join(root, 'node_modules', '.bin', name);
const env = { ...process.env, SCARF_ANALYTICS: 'false', FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };

function step(name, command, args, { countAs = 1 } = {}) {
  console.log(`\n=== ${name}: ${[command, ...args].map((a) => a.replace(root, '.')).join(' ')}`);
  const started = Date.now();
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  const ok = run.status === 0;
  console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (countAs) {
    if (ok) results.passed += countAs;
    else results.failed += countAs;
  }
  if (!ok) failures.push(name);
  return ok;
}

function vitest(name, configArgs) {
  const report = join(root, '.tmp', `vitest-${name.replace(/\W+/g, '-')}.json`);
  mkdirSync(dirname(report), { recursive: true });
  rmSync(report, { force: true });
  const ok = step(
    name,
    bin('vitest'),
    ['run', ...configArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    {
      countAs: 0,
    },
  );
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    results.passed += r.numPassedTests;
    results.failed += r.numFailedTests + (ok || r.numFailedTests > 0 ? 0 : 1);
    results.skipped += r.numPendingTests + r.numTodoTests;
  } else if (!ok) {
    results.failed += 1;
  }
}

const database = process.env.DATABASE_URL ? 'the PostgreSQL server of DATABASE_URL' : 'embedded PGlite';
console.log(`Schakel test suite — database tests run on ${database}.`);
// SCHAKEL_TEST_ONLY=db: only the unit and integration tests (CI's second pass, on the server, after a
// first pass that ran everything on PGlite).
const onlyDb = process.env.SCHAKEL_TEST_ONLY === 'db';

if (!onlyDb) {
  step('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
  step('lint', bin('biome'), ['check', '.']);
}

// What blocks sharding by region_id on Citus (docs/operations.md): compared with the committed
// baseline docs/sharding-blockers.txt; a new blocker fails, the list may only shrink.
if (!onlyDb) {
  step('sharding blockers (may only shrink)', bin('tsx'), ['scripts/sharding-blockers.ts']);
}
vitest('unit and integration tests', []);
if (onlyDb) {
  console.log('\n=== build, end-to-end tests and API Design Rules linter: not run (SCHAKEL_TEST_ONLY=db).');
  console.log(`\nSchakel suite on ${database}${failures.length ? ` — failed: ${failures.join(', ')}` : ''}`);
  console.log(`${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
  process.exit(results.failed > 0 ? 1 : 0);
}

const built = step('build', 'npm', ['run', '--silent', 'build']);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!built) {
  console.log('\n=== end-to-end tests: not run, because the build failed.');
  results.failed += 1;
} else if (!existsSync(chromium)) {
  console.log(
    `\n=== end-to-end tests: SKIPPED — no Chromium at ${chromium}. Install Debian's package (apt-get install chromium) or set CHROMIUM_PATH; .ci/run does this.`,
  );
  results.skipped += 1;
} else {
  vitest('end-to-end tests', ['--config', 'vitest.e2e.config.ts']);
}

const ruleset = resolve(root, '..', 'shared', 'api-design-rules', 'linter.yaml');
if (existsSync(ruleset)) {
  const doc = join(root, '.tmp', 'openapi.json');
  if (step('OpenAPI document', bin('tsx'), ['scripts/openapi.ts', doc], { countAs: 0 })) {
    step('API Design Rules linter (0 errors required)', bin('spectral'), [
      'lint',
      '--fail-severity=error',
      '-r',
      ruleset,
      doc,
    ]);
  } else {
    results.failed += 1;
  }
} else {
  console.log(`\n=== API Design Rules linter: SKIPPED — ruleset ${ruleset} is not present outside CI.`);
  results.skipped += 1;
}

console.log(`\nSchakel suite on ${database}${failures.length ? ` — failed: ${failures.join(', ')}` : ''}`);
console.log(`${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exit(results.failed > 0 ? 1 : 0);
