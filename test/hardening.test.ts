/**
 * Small hardening of issue 8: TRUST_PROXY believes only the proxies in front (a client-sent
 * X-Forwarded-For cannot dodge the sign-in rate limit), CSV cells that a spreadsheet would run as a
 * formula are neutralised, and the embedded data directory is private (0700).
 */
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, parseTrustProxy } from '../src/config.js';
import { neutraliseCell, toCsv } from '../src/platform/csv.js';
import { databaseOptionsFrom } from '../src/platform/db/database.js';
import { resolveSecretKey } from '../src/platform/secret-key.js';
import { expectProblem } from './fixtures.js';
import { startTestApp, type TestApp } from './harness.js';

describe('TRUST_PROXY', () => {
  it('takes a hop count or proxy addresses, never "trust everything"', () => {
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.0/8, 192.168.1.7,::1')).toEqual(['10.0.0.0/8', '192.168.1.7', '::1']);
    expect(parseTrustProxy('true')).toMatch(/any client/);
    expect(parseTrustProxy('11')).toMatch(/between 1 and 10/);
    expect(parseTrustProxy('10.0.0.0/33')).toMatch(/10\.0\.0\.0\/33/);
    expect(parseTrustProxy('proxy.example')).toMatch(/proxy\.example/);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  describe('with TRUST_PROXY=1, behind one proxy', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ config: { trustProxy: 1, loginRatePerMinute: 3 } });
    });
    afterAll(async () => {
      await t?.close();
    });

    const attempt = (forwardedFor: string) =>
      t
        .client()
        .post(
          '/api/v1/auth/login',
          { email: 'niemand@delft.demo', password: 'fout-wachtwoord-123' },
          { 'x-forwarded-for': forwardedFor },
        );

    it('a client that makes up X-Forwarded-For entries is still rate limited on the address the proxy saw', async () => {
      // The proxy appends the address it saw (203.0.113.9); whatever the client sent before it is ignored.
      for (let i = 0; i < 3; i++) expectProblem(await attempt(`198.51.100.${i}, 203.0.113.9`), 401);
      const fourth = await attempt('198.51.100.77, 203.0.113.9');
      expectProblem(fourth, 429, 'RATE_LIMITED');
      expect(fourth.headers.get('retry-after')).toBeTruthy();
      // Another client behind the same proxy has its own budget.
      expectProblem(await attempt('198.51.100.1, 203.0.113.10'), 401);
    });
  });
});

describe('CSV', () => {
  it('neutralises cells that start with = + - @ tab or carriage return (OWASP), and nothing else', () => {
    for (const v of ['=1+1', '+31 6', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseCell(v)).toBe(`'${v}`);
    for (const v of ['Delft', '', 'a=b', 42, null]) expect(neutraliseCell(v)).toBe(v);
    const csv = toCsv([['=HYPERLINK("http://evil.example")', 'Delft']], { columns: ['naam', 'plaats'] });
    expect(csv).toBe(`naam,plaats\n"'=HYPERLINK(""http://evil.example"")",Delft\n`);
  });
});

describe('the embedded data directory', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'schakel-data-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is created with mode 0700, and an existing one is tightened to it', () => {
    const fresh = join(dir, 'nieuw');
    const config = loadConfig({ SCHAKEL_DATA_DIR: fresh });
    databaseOptionsFrom(config);
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    const loose = join(dir, 'los');
    resolveSecretKey(loadConfig({ SCHAKEL_DATA_DIR: loose }));
    chmodSync(loose, 0o755);
    resolveSecretKey(loadConfig({ SCHAKEL_DATA_DIR: loose }));
    expect(statSync(loose).mode & 0o777).toBe(0o700);
    expect(statSync(join(loose, 'secret.key')).mode & 0o777).toBe(0o600);
  });
});
