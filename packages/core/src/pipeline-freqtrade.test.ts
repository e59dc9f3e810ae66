import { TIMEFRAMES, type Candle, type Timeframe } from '@tickdeck/protocol';
import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { Pipeline } from './pipeline.js';
import {
  collector,
  readXrpEthCandles,
  readXrpEthTrades,
  type FreqtradeTrade,
} from './testdata.test-helpers.js';

// Volumes are sums of trade amounts; the order of summation may differ from the exchange's, so they
// are compared within a relative 1e-9 (far above float64 rounding over a few hundred terms, far below
// any real difference of one trade). The amounts in this file are whole numbers, so in practice the
// sums agree exactly.
const closeEnough = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

function runAllTrades(trades: FreqtradeTrade[]) {
  const clock = new ManualClock(trades[0]![0]);
  const { out, output } = collector();
  const pipeline = new Pipeline({ clock }, output);
  let accepted = 0;
  for (const [timestamp, id, , side, price, amount] of trades) {
    if (timestamp > clock.now()) clock.set(timestamp);
    pipeline.tick();
    const ok = pipeline.ingest('replay', {
      kind: 'trade',
      trade: { id, symbol: 'XRP/ETH', timestamp, side, price, amount, type: undefined, info: {} },
    });
    if (ok) accepted++;
  }
  clock.set(trades.at(-1)![0] + TIMEFRAMES['1d'] + 10_000);
  pipeline.tick();
  return { out, accepted, pipeline };
}

function built(candles: Map<string, Candle>, tf: Timeframe): Candle[] {
  return [...candles.values()].filter((c) => c.timeframe === tf).sort((a, b) => a.time - b.time);
}

/** An aggregation written independently of the pipeline: one pass, grouped by bucket. */
function aggregate(trades: FreqtradeTrade[], interval: number) {
  const groups = new Map<number, FreqtradeTrade[]>();
  for (const t of trades) {
    const k = Math.floor(t[0] / interval) * interval;
    groups.set(k, [...(groups.get(k) ?? []), t]);
  }
  return [...groups].map(([time, g]) => ({
    time,
    open: g[0]![4],
    high: Math.max(...g.map((t) => t[4])),
    low: Math.min(...g.map((t) => t[4])),
    close: g.at(-1)![4],
    volume: g.reduce((s, t) => s + t[5], 0),
    trades: g.length,
  }));
}

describe('candles from the freqtrade XRP/ETH trades', () => {
  const trades = readXrpEthTrades();
  const { out, accepted, pipeline } = runAllTrades(trades);

  it('accepts all 12,477 trades', () => {
    expect(trades).toHaveLength(12_477);
    expect(accepted).toBe(12_477);
    expect(pipeline.stats().out).toBe(12_477);
  });

  for (const tf of ['1m', '5m'] as const) {
    it(`reproduces every non-empty ${tf} candle of the exchange exactly`, () => {
      const expected = readXrpEthCandles(tf).filter((c) => c[5] > 0);
      const mine = built(out.candles, tf);
      expect(mine).toHaveLength(expected.length);
      expected.forEach(([time, open, high, low, close, volume], i) => {
        const c = mine[i]!;
        expect({
          time: c.time,
          open: c.open,
          high: c.high,
          low: c.low,
          close: c.close,
          closed: c.closed,
        }).toEqual({
          time,
          open,
          high,
          low,
          close,
          closed: true,
        });
        expect(closeEnough(c.volume, volume), `${tf} ${time} volume ${c.volume} vs ${volume}`).toBe(true);
      });
    });
  }

  for (const tf of ['15m', '1h', '4h', '1d'] as const) {
    it(`builds ${tf} candles equal to an independent aggregation`, () => {
      const expected = aggregate(trades, TIMEFRAMES[tf]);
      const mine = built(out.candles, tf);
      expect(mine).toHaveLength(expected.length);
      expected.forEach((e, i) => {
        const c = mine[i]!;
        expect([c.time, c.open, c.high, c.low, c.close, c.trades, c.closed]).toEqual([
          e.time,
          e.open,
          e.high,
          e.low,
          e.close,
          e.trades,
          true,
        ]);
        expect(closeEnough(c.volume, e.volume)).toBe(true);
      });
    });
  }

  it('emits each candle closed exactly once, after its open updates', () => {
    const closes = out.candleEvents.filter((c) => c.closed);
    expect(closes.length).toBe(out.candles.size);
    const opens = out.candleEvents.filter((c) => !c.closed && c.timeframe === '1m');
    expect(opens.length).toBe(12_477);
  });
});
