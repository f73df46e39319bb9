import { describe, expect, it } from 'vitest';
import { clientKey, emailKey, lockoutSeconds } from './throttle.js';

describe('lockoutSeconds (progressive delay)', () => {
  it('does not lock below the limit', () => {
    for (let failures = 0; failures < 5; failures++) expect(lockoutSeconds(failures, 5)).toBe(0);
  });

  it('locks 30 s at the limit and doubles with every further failure', () => {
    expect(lockoutSeconds(5, 5)).toBe(30);
    expect(lockoutSeconds(6, 5)).toBe(60);
    expect(lockoutSeconds(7, 5)).toBe(120);
    expect(lockoutSeconds(8, 5)).toBe(240);
    expect(lockoutSeconds(9, 5)).toBe(480);
  });

  it('never locks longer than 15 minutes', () => {
    expect(lockoutSeconds(10, 5)).toBe(900);
    expect(lockoutSeconds(11, 5)).toBe(900);
    expect(lockoutSeconds(1000, 5)).toBe(900);
  });

  it('grows monotonically for any limit', () => {
    for (const max of [1, 3, 5, 10]) {
      let previous = 0;
      for (let failures = 0; failures < max + 20; failures++) {
        const s = lockoutSeconds(failures, max);
        expect(s).toBeGreaterThanOrEqual(previous);
        previous = s;
      }
      expect(lockoutSeconds(max - 1, max)).toBe(0);
      expect(lockoutSeconds(max, max)).toBe(30);
    }
  });
});

describe('throttle keys', () => {
  it('keys an e-mail address case- and space-insensitively, without storing it', () => {
    expect(emailKey(' Beheer@Delft.demo ')).toBe(emailKey('beheer@delft.demo'));
    expect(emailKey('beheer@delft.demo')).not.toContain('beheer');
    expect(emailKey('a@b.nl')).not.toBe(emailKey('a@b.com'));
  });

  it('keeps address and account keys apart', () => {
    expect(clientKey('127.0.0.1')).toMatch(/^ip:[0-9a-f]{64}$/);
    expect(emailKey('127.0.0.1')).toMatch(/^email:[0-9a-f]{64}$/);
  });
});
