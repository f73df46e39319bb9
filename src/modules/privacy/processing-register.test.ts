/**
 * The processing register (docs/privacy.md) cannot drift from the code: every purpose id the code
 * writes to the access log must be documented there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'web' ? [] : sourceFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

/** Purpose ids in the code: `purpose: { type: 'x' }`, `X_PURPOSE = { type: 'x' }`, `purposeOf(…)` helpers. */
function purposeIdsInCode(): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  const add = (id: string, file: string) => ids.set(id, [...(ids.get(id) ?? []), file]);
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/purpose\w*\s*(?::|=|\()[^}]*?type:\s*'([a-z][a-z-]*)'/gi)) add(m[1] as string, file);
    for (const fn of text.matchAll(/function \w*[pP]urpose\w*\([\s\S]*?\n}\n/g)) {
      for (const m of fn[0].matchAll(/type:\s*'([a-z][a-z-]*)'/g)) add(m[1] as string, file);
    }
  }
  return ids;
}

describe('processing register', () => {
  it('documents every purpose id the code writes to the access log', () => {
    const doc = readFileSync(join(ROOT, 'docs/privacy.md'), 'utf8');
    const ids = purposeIdsInCode();
    // The scan itself works: it finds the purposes we know exist.
    for (const known of ['case', 'signal-intake', 'user-administration', 'subject-access-request']) {
      expect(ids.has(known), known).toBe(true);
    }
    const undocumented = [...ids.keys()].filter((id) => !doc.includes(`| \`${id}\` |`));
    expect(undocumented, `purpose ids missing from docs/privacy.md: ${undocumented.join(', ')}`).toEqual([]);
  });
});
