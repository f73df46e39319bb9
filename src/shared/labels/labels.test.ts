import { describe, expect, it } from 'vitest';
import { catalogues, formatDateNl, formatDateTimeNl, label } from './index.js';

describe('the label catalogue', () => {
  it('has the same groups and keys in Dutch and English, and no empty label', () => {
    const nl = catalogues.nl as Record<string, Record<string, string>>;
    const en = catalogues.en as Record<string, Record<string, string>>;
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const group of Object.keys(nl)) {
      expect(Object.keys(en[group] ?? {}).sort(), group).toEqual(Object.keys(nl[group] ?? {}).sort());
      for (const value of [...Object.values(nl[group] ?? {}), ...Object.values(en[group] ?? {})]) {
        expect(value.trim().length, group).toBeGreaterThan(0);
      }
    }
  });

  it('labels a value, and never shows an unknown code', () => {
    expect(label('phases', 'execution')).toBe('Uitvoering');
    expect(label('phases', 'execution', 'en')).toBe('Execution');
    expect(label('phases', 'no_such_phase')).toBe('overig');
    expect(label('phases', 'toString')).toBe('overig');
    expect(label('phases', null)).toBe('onbekend');
  });

  it('writes dates as dd-mm-jjjj in Dutch time', () => {
    expect(formatDateNl('2026-03-09')).toBe('09-03-2026');
    expect(formatDateNl('not a date')).toBe('onbekend');
    expect(formatDateTimeNl('2026-07-01T22:30:00Z')).toBe('02-07-2026 00:30');
  });
});
