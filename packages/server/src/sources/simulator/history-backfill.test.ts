import type { OHLCV, Timeframe } from '@tickdeck/protocol';
import { describe, expect, it } from 'vitest';
import { historyEvents, simulateHistory } from './history-backfill.js';
import { DEFAULT_SYMBOLS } from './symbol-specs.js';

const MS: Record<Timeframe, number> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
};
const ALL = Object.keys(MS) as Timeframe[];
/** Not on any timeframe's grid, so every level has a partly covered candle and distinct ends. */
const ODD_NOW = Date.UTC(2024, 5, 3, 13, 37, 12, 345);
const MIDNIGHT = Date.UTC(2024, 0, 1);
/** On the grid of a power-of-ten step (as every built-in tick and lot is): no more decimals than it. */
const onGrid = (x: number, step: number) =>
  Number(x.toFixed(Math.max(0, -Math.round(Math.log10(step))))) === x;

describe('simulateHistory', () => {
  it.each([
    ['an odd time', ODD_NOW, 1000],
    ['midnight', MIDNIGHT, 1000],
    ['an odd time, few candles', ODD_NOW, 3],
  ])(
    'at %s gives N aligned, ascending, contiguous closed candles per series, the last ending at the last closed interval',
    (_, now, n) => {
      const series = simulateHistory({ seed: 1, now, count: n });
      expect(series).toHaveLength(DEFAULT_SYMBOLS.length * ALL.length);
      for (const sym of DEFAULT_SYMBOLS) {
        for (const tf of ALL) {
          const s = series.find((x) => x.symbol === sym.symbol && x.timeframe === tf);
          expect(s?.candles).toHaveLength(n);
          const times = s!.candles.map((c) => c[0]);
          const lastEnd = Math.floor(now / MS[tf]) * MS[tf];
          const expected = Array.from({ length: n }, (_, i) => lastEnd - (n - i) * MS[tf]);
          expect(times).toEqual(expected);
        }
      }
    },
  );

  it('keeps OHLC consistent, positive, on the tick and lot grids, with plausible volumes', () => {
    const bad: string[] = [];
    for (const now of [ODD_NOW, MIDNIGHT]) {
      for (const s of simulateHistory({ seed: 7, now, count: 1000 })) {
        const spec = DEFAULT_SYMBOLS.find((x) => x.symbol === s.symbol)!;
        for (const c of s.candles) {
          const [, o, h, l, cl, v] = c;
          const ok =
            l > 0 &&
            l <= Math.min(o, cl) &&
            h >= Math.max(o, cl) &&
            [o, h, l, cl].every((p) => onGrid(p, spec.tick)) &&
            onGrid(v, spec.lot) &&
            v > 0 &&
            h / l < 2 &&
            Math.abs(Math.log(cl / spec.price)) < 1.5;
          if (!ok && bad.length < 5) bad.push(`${s.symbol} ${s.timeframe} ${JSON.stringify(c)}`);
        }
        // Independent expectation of the live volume: rate × share of trades (stationary chance of the
        // trade/ticker chain) × the symbol's share × mean Pareto trade size, per second of the interval.
        const tradeShare = 0.2 / (0.2 + 0.25);
        const weight = spec.weight ?? 1;
        const totalWeight = DEFAULT_SYMBOLS.reduce((a, x) => a + (x.weight ?? 1), 0);
        const perSecond = (200 * tradeShare * weight * 0.18 * (1.3 / 0.3) * spec.size) / totalWeight;
        const meanVol = s.candles.reduce((a, c) => a + c[5], 0) / s.candles.length;
        const ratio = meanVol / (perSecond * (MS[s.timeframe] / 1000));
        if (!(ratio > 0.6 && ratio < 1.7) && bad.length < 5)
          bad.push(`${s.symbol} ${s.timeframe} volume ×${ratio}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('ends every series at the starting price, each candle opening where the one before closed', () => {
    for (const s of simulateHistory({ seed: 3, now: ODD_NOW, count: 1000 })) {
      const spec = DEFAULT_SYMBOLS.find((x) => x.symbol === s.symbol)!;
      expect(Math.abs(s.candles.at(-1)![4] - spec.price)).toBeLessThanOrEqual(spec.tick);
      let gaps = 0;
      for (let i = 1; i < s.candles.length; i++) {
        if (Math.abs(s.candles[i]![1] - s.candles[i - 1]![4]) > spec.tick * 1.01) gaps++;
      }
      expect(gaps, `${s.symbol} ${s.timeframe}`).toBe(0);
    }
  });

  it('is deterministic for a seed and differs for another', () => {
    const a = simulateHistory({ seed: 11, now: ODD_NOW, count: 200 });
    const b = simulateHistory({ seed: 11, now: ODD_NOW, count: 200 });
    const c = simulateHistory({ seed: 12, now: ODD_NOW, count: 200 });
    expect(b).toEqual(a);
    expect(c[0]!.candles.slice(0, 10)).not.toEqual(a[0]!.candles.slice(0, 10));
  });

  it('builds each coarser timeframe from the finer one wherever the finer one covers a whole candle', () => {
    const series = simulateHistory({
      seed: 5,
      now: ODD_NOW,
      count: 1000,
      symbols: DEFAULT_SYMBOLS.slice(0, 3),
    });
    const lot = new Map(DEFAULT_SYMBOLS.map((s) => [s.symbol, s.lot]));
    let compared = 0;
    for (const sym of DEFAULT_SYMBOLS.slice(0, 3)) {
      for (let k = 1; k < ALL.length; k++) {
        const finer = series.find((x) => x.symbol === sym.symbol && x.timeframe === ALL[k - 1])!.candles;
        const coarse = series.find((x) => x.symbol === sym.symbol && x.timeframe === ALL[k])!.candles;
        const ms = MS[ALL[k]!];
        const finerStart = finer[0]![0];
        for (const c of coarse) {
          if (c[0] < finerStart) continue;
          const parts = finer.filter((f) => f[0] >= c[0] && f[0] < c[0] + ms);
          const agg: OHLCV = [
            c[0],
            parts[0]![1],
            Math.max(...parts.map((p) => p[2])),
            Math.min(...parts.map((p) => p[3])),
            parts.at(-1)![4],
            parts.reduce((a, p) => a + p[5], 0),
          ];
          expect(c.slice(0, 5)).toEqual(agg.slice(0, 5));
          expect(Math.abs(c[5] - agg[5])).toBeLessThan(lot.get(sym.symbol)! * parts.length);
          compared++;
        }
      }
    }
    // 1m covers 200 5m candles, 66 15m, 16 1h, 4 4h, and 5m covers three days.
    expect(compared).toBeGreaterThan(3 * (200 + 66 + 16 + 3 + 3));
  });

  it('moves like the live model: close-to-close spread per timeframe matches the volatility, jumps and pull', () => {
    // Independent expectation: the live walk is a mean-reverting (rate θ) log price with diffusion
    // vol² × E[regime²] and jumps (one per 4 h, N(0, 0.8%)); over a step of length t a stationary
    // such walk moves with variance s² (1 − e^{−θt}) / θ.
    const occupancy = [0.6 * 20, 30, 0.4 * 3];
    const mult2 = [0.25, 1, 9];
    const eRegime =
      occupancy.reduce((a, w, i) => a + w * mult2[i]!, 0) / occupancy.reduce((a, w) => a + w, 0);
    const theta = 1 / 86_400;
    const s2 = 0.0001 ** 2 * eRegime + 0.008 ** 2 / 14_400;
    const series = simulateHistory({ seed: 21, now: ODD_NOW, count: 1000 });
    for (const tf of ALL) {
      const r = series
        .filter((x) => x.timeframe === tf)
        .flatMap((x) => x.candles.map((c) => Math.log(c[4] / c[1])));
      const mean = r.reduce((a, b) => a + b, 0) / r.length;
      const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / r.length);
      const t = MS[tf] / 1000;
      const expected = Math.sqrt((s2 * (1 - Math.exp(-theta * t))) / theta);
      expect(sd / expected, tf).toBeGreaterThan(0.8);
      expect(sd / expected, tf).toBeLessThan(1.2);
    }
  });

  it('makes raw candle events of spot markets, and nothing when count is 0', () => {
    const series = simulateHistory({
      seed: 1,
      now: ODD_NOW,
      count: 2,
      timeframes: ['1h'],
      symbols: DEFAULT_SYMBOLS.slice(0, 1),
    });
    expect([...historyEvents(series)]).toEqual(
      series[0]!.candles.map((ohlcv) => ({
        kind: 'candle',
        symbol: 'BTC/USDT',
        marketType: 'spot',
        timeframe: '1h',
        ohlcv,
      })),
    );
    expect(simulateHistory({ seed: 1, now: ODD_NOW, count: 0 })).toEqual([]);
  });
});
