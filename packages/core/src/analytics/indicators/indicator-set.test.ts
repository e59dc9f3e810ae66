import { describe, expect, it } from 'vitest';
import { computeIndicatorSeries, LiveIndicators } from './indicator-set.js';

// A small series, and the indicators written out from their textbook formulas (independent of the library).
const closes = [
  44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28,
  46.0, 46.03, 46.41, 46.22, 45.64, 46.21, 46.25, 45.71, 46.45, 45.78, 45.35, 44.03, 44.18, 44.22, 44.57,
  43.42, 42.66, 43.13,
];
const candles = closes.map((close, i) => ({ time: i * 60_000, close }));

/** EMA with k = 2 / (n + 1), seeded with the first close. */
function ema(xs: number[], n: number): number[] {
  const k = 2 / (n + 1);
  const out: number[] = [];
  xs.forEach((x, i) => out.push(i === 0 ? x : x * k + out[i - 1]! * (1 - k)));
  return out;
}

/** Wilder's RSI: first averages are simple means of n gains/losses, then (prev × (n−1) + current) / n. */
function rsi(xs: number[], n: number): (number | null)[] {
  const out: (number | null)[] = [null];
  let g = 0;
  let l = 0;
  for (let i = 1; i < xs.length; i++) {
    const d = xs[i]! - xs[i - 1]!;
    const gain = Math.max(d, 0);
    const loss = Math.max(-d, 0);
    if (i < n) {
      g += gain;
      l += loss;
      out.push(null);
    } else if (i === n) {
      g = (g + gain) / n;
      l = (l + loss) / n;
      out.push(100 - 100 / (1 + g / l));
    } else {
      g = (g * (n - 1) + gain) / n;
      l = (l * (n - 1) + loss) / n;
      out.push(100 - 100 / (1 + g / l));
    }
  }
  return out;
}

describe('indicator series', () => {
  const series = computeIndicatorSeries(candles, {
    emaPeriod: 10,
    rsiPeriod: 14,
    bbPeriod: 20,
    macdFast: 5,
    macdSlow: 10,
    macdSignal: 4,
  });

  it('EMA matches the formula, null before `period` closes', () => {
    const expected = ema(closes, 10);
    series.forEach((p, i) => {
      if (i < 9) expect(p.ema).toBeNull();
      else expect(p.ema).toBeCloseTo(expected[i]!, 10);
    });
  });

  it("RSI matches Wilder's formula", () => {
    const expected = rsi(closes, 14);
    series.forEach((p, i) => {
      if (expected[i] === null) expect(p.rsi).toBeNull();
      else expect(p.rsi).toBeCloseTo(expected[i]!, 10);
    });
    // At the 15th close: gains sum to 3.34, losses to 1.40 (over 14 changes; with Python 3:
    // 100 − 100 / (1 + 3.34 / 1.40) = 70.464135…). The well-known 70.53 of this example uses unrounded closes.
    expect(series[14]!.rsi).toBeCloseTo(70.46413502109705, 9);
  });

  it('Bollinger Bands: SMA ± 2 population standard deviations', () => {
    const i = 25;
    const win = closes.slice(i - 19, i + 1);
    const mean = win.reduce((a, b) => a + b) / 20;
    const sd = Math.sqrt(win.reduce((a, x) => a + (x - mean) ** 2, 0) / 20);
    expect(series[i]!.bbMiddle).toBeCloseTo(mean, 10);
    expect(series[i]!.bbUpper).toBeCloseTo(mean + 2 * sd, 10);
    expect(series[i]!.bbLower).toBeCloseTo(mean - 2 * sd, 10);
    expect(series[18]!.bbMiddle).toBeNull();
  });

  it('MACD line = EMA(fast) − EMA(slow), from the slow period on', () => {
    const fast = ema(closes, 5);
    const slow = ema(closes, 10);
    expect(series[8]!.macd).toBeNull();
    for (const i of [9, 20, 32]) expect(series[i]!.macd).toBeCloseTo(fast[i]! - slow[i]!, 10);
    const p = series[32]!;
    expect(p.macdHistogram).toBeCloseTo(p.macd! - p.macdSignal!, 12);
  });
});

describe('live indicators with a changing open candle', () => {
  it('replacing the last candle many times ends where the final series is', () => {
    const live = new LiveIndicators({
      emaPeriod: 5,
      rsiPeriod: 5,
      bbPeriod: 5,
      macdFast: 3,
      macdSlow: 6,
      macdSignal: 3,
    });
    const final = computeIndicatorSeries(candles, live.params);
    candles.forEach((c, i) => {
      // The open candle ticks through other prices before its close.
      for (const wobble of [1.01, 0.98, 1.03]) live.update({ time: c.time, close: c.close * wobble });
      expect(live.update(c)).toEqual(final[i]);
    });
    expect(live.current()).toEqual(final.at(-1));
  });

  it('refuses a candle older than the last one', () => {
    const live = new LiveIndicators();
    live.update({ time: 120_000, close: 1 });
    expect(() => live.update({ time: 60_000, close: 1 })).toThrow(/older/);
  });
});
