import { describe, expect, it } from 'vitest';
import { centsToInput, formatEuros, parseEuros } from './money.js';

describe('amounts in euros', () => {
  it('reads euros the Dutch way and the plain way', () => {
    expect(parseEuros('12500')).toBe(1_250_000);
    expect(parseEuros('12.500')).toBe(1_250_000);
    expect(parseEuros('12.500,50')).toBe(1_250_050);
    expect(parseEuros('12500,5')).toBe(1_250_050);
    expect(parseEuros('12500.5')).toBe(1_250_050);
    expect(parseEuros('€ 1.234.567,89')).toBe(123_456_789);
    expect(parseEuros(' 0 ')).toBe(0);
    expect(parseEuros('0,01')).toBe(1);
  });

  it('refuses what is not an amount', () => {
    for (const bad of ['', 'abc', '-5', '12,345', '1.2.3', '12,5,0', '1e5', '12.3456', '1,2.3']) {
      expect(parseEuros(bad), bad).toBeNull();
    }
  });

  it('shows cents as euros and back as an input value', () => {
    expect(formatEuros(1_250_050).replace(/\s/g, ' ')).toBe('€ 12.500,50');
    expect(formatEuros(null)).toBe('');
    expect(centsToInput(1_250_000)).toBe('12500');
    expect(centsToInput(1_250_005)).toBe('12500,05');
    expect(parseEuros(centsToInput(98_765))).toBe(98_765);
  });
});
