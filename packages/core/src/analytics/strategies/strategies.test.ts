import { describe, expect, it } from 'vitest';
import { createStrategy } from './create-strategy.js';
import { EmaCrossStrategy } from './ema-cross.js';
import { RsiReversionStrategy } from './rsi-reversion.js';

const feed = (s: { onCandle(c: { time: number; close: number }): { side: string } }, closes: number[]) =>
  closes.map((close, i) => s.onCandle({ time: i, close }).side);

describe('EMA crossover', () => {
  it('buys when the fast EMA crosses above the slow one and sells on the cross below', () => {
    const s = new EmaCrossStrategy({ fastPeriod: 2, slowPeriod: 4 });
    const sides = feed(s, [10, 10, 10, 10, 9, 8, 7, 9, 12, 14, 15, 12, 9, 7]);
    // Falling first (fast < slow), the rise crosses up, the fall crosses down; one signal each.
    expect(sides.filter((x) => x !== 'none')).toEqual(['sell', 'buy', 'sell']);
    expect(sides.indexOf('buy')).toBe(8);
    expect(s.indicators().emaFast).not.toBeNull();
    expect(new EmaCrossStrategy().params).toEqual({ fastPeriod: 9, slowPeriod: 21 });
  });
});

describe('RSI mean reversion', () => {
  it('buys at or below oversold and sells at or above overbought', () => {
    const s = new RsiReversionStrategy({ period: 3, oversold: 30, overbought: 70 });
    const sides = feed(s, [10, 9, 8, 7, 6, 7, 8, 9, 10, 11]);
    expect(sides.slice(0, 3)).toEqual(['none', 'none', 'none']); // warming up
    expect(sides[3]).toBe('buy'); // only losses: RSI 0
    expect(sides.at(-1)).toBe('sell');
    expect(s.indicators().rsi).toBeGreaterThanOrEqual(70);
  });
});

describe('createStrategy', () => {
  it('builds with defaults and validates parameters', () => {
    expect(createStrategy('ema_cross')).toMatchObject({ ok: true, strategy: { name: 'ema_cross' } });
    expect(createStrategy('rsi_reversion', { period: 7 })).toMatchObject({
      ok: true,
      strategy: { params: { period: 7, oversold: 30 } },
    });
    expect(createStrategy('macd')).toMatchObject({ ok: false, code: 'UNKNOWN_STRATEGY' });
    expect(createStrategy('ema_cross', { fastPeriod: 30 })).toMatchObject({
      ok: false,
      code: 'INCONSISTENT',
    });
    expect(createStrategy('ema_cross', { fastPeriod: 1.5 })).toMatchObject({
      ok: false,
      code: 'WRONG_TYPE',
      field: '/fastPeriod',
    });
    expect(createStrategy('rsi_reversion', { oversold: 80 })).toMatchObject({
      ok: false,
      code: 'INCONSISTENT',
    });
    expect(createStrategy('rsi_reversion', { overbought: 100 })).toMatchObject({
      ok: false,
      code: 'BAD_VALUE',
    });
    expect(createStrategy('rsi_reversion', { x: 1 })).toMatchObject({ ok: false, code: 'UNKNOWN_FIELD' });
  });
});

describe('bias', () => {
  it('EMA cross favours the side of the fast EMA, none until stable', () => {
    const up = new EmaCrossStrategy({ fastPeriod: 2, slowPeriod: 4 });
    expect(up.bias()).toBe('none');
    for (let i = 0; i < 8; i++) up.onCandle({ time: i, close: 10 + i });
    expect(up.bias()).toBe('buy');
    const down = new EmaCrossStrategy({ fastPeriod: 2, slowPeriod: 4 });
    for (let i = 0; i < 8; i++) down.onCandle({ time: i, close: 10 - i });
    expect(down.bias()).toBe('sell');
  });

  it('RSI reversion favours buying when oversold and selling when overbought', () => {
    const falling = new RsiReversionStrategy({ period: 3, oversold: 30, overbought: 70 });
    expect(falling.bias()).toBe('none');
    for (let i = 0; i < 10; i++) falling.onCandle({ time: i, close: 100 - i });
    expect(falling.bias()).toBe('buy');
    const rising = new RsiReversionStrategy({ period: 3, oversold: 30, overbought: 70 });
    for (let i = 0; i < 10; i++) rising.onCandle({ time: i, close: 100 + i });
    expect(rising.bias()).toBe('sell');
  });
});
