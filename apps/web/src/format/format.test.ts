import { describe, expect, it } from 'vitest';
import {
  MISSING,
  formatAge,
  formatAmount,
  formatBps,
  formatBytes,
  formatCompact,
  formatMs,
  formatPct,
  formatPrice,
  priceDecimals,
  spreadBps,
} from './format.js';

describe('formatPrice', () => {
  it('shows about six significant digits, with separators', () => {
    expect(formatPrice(64123.5)).toBe('64,123.50');
    expect(formatPrice(3012.456)).toBe('3,012.46');
    expect(formatPrice(0.5123)).toBe('0.512300');
    expect(formatPrice(0.00001234)).toBe('0.00001234');
    expect(formatPrice(12.3456)).toBe('12.3456');
  });
  it('groups thousands and signs like en-US, without rounding to a negative zero', () => {
    expect(formatPrice(1234567.891)).toBe('1,234,567.89');
    expect(formatPrice(-64123.5)).toBe('-64,123.50');
    expect(formatPrice(-0.0000000001)).toBe('0.00000000');
    expect(formatPrice(999.9999999)).toBe('1,000.000');
    expect(formatPrice(123456, 0)).toBe('123,456');
    expect(formatPrice(1e21)).toBe('1,000,000,000,000,000,000,000');
  });
  it('matches Intl.NumberFormat on prices that are not exact halves', () => {
    for (const p of [0.1234567, 3.14159, 60_000.25, 0.000012347, 87_654.321, 1, 999.994, 0.45]) {
      const d = priceDecimals(p);
      const intl = p.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
      expect(formatPrice(p)).toBe(intl);
    }
  });
  it('honours explicit decimals and shows missing values as a dash', () => {
    expect(formatPrice(1.5, 1)).toBe('1.5');
    expect(formatPrice(undefined)).toBe(MISSING);
    expect(formatPrice(Number.NaN)).toBe(MISSING);
    expect(priceDecimals(0)).toBe(2);
  });
});

describe('formatPct and formatBps', () => {
  it('signs percentages and never shows -0.00%', () => {
    expect(formatPct(1.254)).toBe('+1.25%');
    expect(formatPct(-0.4)).toBe('-0.40%');
    expect(formatPct(-0.001)).toBe('0.00%');
    expect(formatPct(null)).toBe(MISSING);
  });
  it('shows one decimal of bps', () => {
    expect(formatBps(1.66)).toBe('1.7 bps');
    expect(formatBps(null)).toBe(MISSING);
  });
});

describe('formatCompact, formatBytes, formatMs', () => {
  it('compacts large quantities to three significant digits', () => {
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(12_345)).toBe('12.3K');
    expect(formatCompact(4_560_000)).toBe('4.56M');
    expect(formatCompact(123_000_000)).toBe('123M');
    expect(formatCompact(1.2e9)).toBe('1.20B');
    expect(formatCompact(0.5)).toBe('0.5000');
    expect(formatCompact(0)).toBe('0');
  });
  it('formats bytes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(120 * 1024 * 1024)).toBe('120.0 MiB');
  });
  it('formats latencies', () => {
    expect(formatMs(0.44)).toBe('0.4 ms');
    expect(formatMs(12.4)).toBe('12 ms');
    expect(formatMs(1250)).toBe('1.25 s');
    expect(formatMs(null)).toBe(MISSING);
  });
});

describe('formatAge', () => {
  it('rounds down to the coarsest useful unit', () => {
    expect(formatAge(400)).toBe('just now');
    expect(formatAge(12_900)).toBe('12 s');
    expect(formatAge(4 * 60_000 + 59_000)).toBe('4 min');
    expect(formatAge(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 05 min');
    expect(formatAge(3 * 86_400_000)).toBe('3 d');
  });
});

describe('spreadBps', () => {
  it('is (ask - bid) / mid in basis points', () => {
    // bid 99, ask 101: mid 100, spread 2 => 200 bps
    expect(spreadBps(99, 101)).toBeCloseTo(200, 10);
    expect(spreadBps(64000, 64001)).toBeCloseTo((1 / 64000.5) * 1e4, 10);
  });
  it('is null when a side is missing or the book is crossed', () => {
    expect(spreadBps(undefined, 1)).toBeNull();
    expect(spreadBps(2, 1)).toBeNull();
    expect(spreadBps(0, 1)).toBeNull();
  });
});

describe('formatAmount', () => {
  it('shows at most 8 decimals, without trailing zeros', () => {
    expect(formatAmount(0.016647128486865916)).toBe('0.01664713');
    expect(formatAmount(1.5)).toBe('1.5');
    expect(formatAmount(12000)).toBe('12,000');
    expect(formatAmount(0.1 + 0.2)).toBe('0.3');
    expect(formatAmount(-2.25)).toBe('-2.25');
    expect(formatAmount(0)).toBe('0');
    expect(formatAmount(0.000000001)).toBe('0');
    expect(formatAmount(Number.NaN)).toBe('—');
    expect(formatAmount(undefined)).toBe('—');
  });
});
