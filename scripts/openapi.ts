/**
 * Writes the served OpenAPI document to a file (default dist/openapi.json), exactly as
 * GET /api/v1/openapi.json returns it, so the ADR linter can check it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { startTestApp } from '../test/harness.js';

const out = process.argv[2] ?? 'dist/openapi.json';
const t = await startTestApp({ demo: false });
try {
  const res = await fetch(`${t.baseUrl}/api/v1/openapi.json`);
  if (!res.ok) throw new Error(`GET /api/v1/openapi.json answered ${res.status}`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(await res.json(), null, 2)}\n`);
  console.log(`OpenAPI document written to ${out}`);
} finally {
  await t.close();
}
