/**
 * Static checks on the web app's styling and bundle: Schakel's token theme defines every `--ams-*`
 * custom property the imported component CSS reads, and the built app carries none of the city of
 * Amsterdam's brand assets (logos, icons, tokens).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const web = (path: string) => fileURLToPath(new URL(`../src/web/${path}`, import.meta.url));
const require = createRequire(import.meta.url);

function componentCss(): string[] {
  const imports = readFileSync(web('theme/components.css'), 'utf8').matchAll(/@import ["']([^"']+)["'];/g);
  return [...imports].map((m) => readFileSync(require.resolve(m[1] as string), 'utf8'));
}

const used = (css: string) => new Set([...css.matchAll(/var\((--ams-[a-z0-9-]+)/g)].map((m) => m[1] as string));
const defined = (css: string) => new Set([...css.matchAll(/(--ams-[a-z0-9-]+)\s*:/g)].map((m) => m[1] as string));

describe('Schakel token theme', () => {
  it('defines every --ams-* property that the imported component CSS uses', () => {
    const sheets = componentCss();
    expect(sheets.length).toBeGreaterThan(20);
    const needed = new Set(sheets.flatMap((css) => [...used(css)]));
    // Some properties are set by the component CSS itself (e.g. --ams-line-height inside .ams-icon).
    const selfDefined = new Set(sheets.flatMap((css) => [...defined(css)]));
    const theme = defined(readFileSync(web('theme/schakel-tokens.css'), 'utf8'));
    const missing = [...needed].filter((name) => !theme.has(name) && !selfDefined.has(name)).sort();
    expect(missing).toEqual([]);
    expect(needed.size).toBeGreaterThan(400);
  });

  it('imports no Amsterdam tokens, icons or assets in the web app source', () => {
    const files = readdirSync(web(''), { recursive: true, encoding: 'utf8' }).filter((f) =>
      /\.(tsx?|css|html)$/.test(f),
    );
    const offenders = files.filter((f) =>
      /@amsterdam\/design-system-(tokens|assets)|from '@amsterdam\/design-system-react-icons'/.test(
        readFileSync(web(f), 'utf8'),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('ships no Amsterdam logo or icon in the built bundle', () => {
    const assets = fileURLToPath(new URL('../dist/web/assets/', import.meta.url));
    const js = readdirSync(assets)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(assets + f, 'utf8'))
      .join('\n');
    expect(js).not.toMatch(/Gemeente Amsterdam logo|AmsterdamLogo|StadsarchiefLogo|SvgAirplane/);
  });
});
