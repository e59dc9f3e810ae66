import { describe, expect, it } from 'vitest';
import { formatFraction, formatMoney, formatRatio, toneOf } from './money.js';

describe('money formatters', () => {
  it('formats amounts with sign on request', () => {
    expect(formatMoney(10123.456)).toBe('10,123.46');
    expect(formatMoney(-5.5, true)).toBe('-5.50');
    expect(formatMoney(5.5, true)).toBe('+5.50');
    expect(formatMoney(0.001, true)).toBe('0.00');
    expect(formatMoney(null)).toBe('—');
  });

  it('formats ratios and fractions, missing as a dash', () => {
    expect(formatRatio(1.234)).toBe('1.23');
    expect(formatRatio(null)).toBe('—');
    expect(formatFraction(0.5)).toBe('50.0%');
    expect(formatFraction(Number.NaN)).toBe('—');
    expect([toneOf(1), toneOf(-1), toneOf(0), toneOf(null)]).toEqual(['up', 'down', '', '']);
  });
});
