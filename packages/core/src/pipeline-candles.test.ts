import type { Candle } from '@tickdeck/protocol';
import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { Pipeline, type PipelineOptions } from './pipeline.js';
import { collector } from './testdata.test-helpers.js';

const T0 = Date.UTC(2024, 0, 2, 10, 0); // on a 1m, 5m, 15m and 1h boundary
const MIN = 60_000;

function setup(options: Partial<PipelineOptions> = {}) {
  const clock = new ManualClock(T0);
  const { out, output } = collector();
  const pipeline = new Pipeline({ clock, timeframes: ['1m', '5m'], ...options }, output);
  const trade = (timestamp: number, price: number, amount = 1, symbol = 'BTC/USDT') =>
    pipeline.ingest('s', { kind: 'trade', trade: { symbol, timestamp, price, amount } });
  const latest = (tf: string, time: number, symbol = 'BTC/USDT') =>
    out.candles.get(`${symbol}|${tf}|${time}`);
  return { clock, out, pipeline, trade, latest };
}

const ohlc = (c: Candle | undefined) => c && [c.open, c.high, c.low, c.close, c.volume, c.trades, c.closed];

describe('candles', () => {
  it('emits every change of the open candle and closes it on the clock without a trade', () => {
    const { clock, out, pipeline, trade, latest } = setup();
    clock.set(T0 + 1000);
    trade(T0 + 900, 10);
    trade(T0 + 950, 12, 2);
    expect(out.candleEvents.map((c) => [c.timeframe, c.close, c.closed])).toEqual([
      ['1m', 10, false],
      ['5m', 10, false],
      ['1m', 12, false],
      ['5m', 12, false],
    ]);
    clock.set(T0 + MIN - 1);
    pipeline.tick();
    expect(latest('1m', T0)!.closed).toBe(false);
    clock.set(T0 + MIN);
    pipeline.tick();
    expect(ohlc(latest('1m', T0))).toEqual([10, 12, 10, 12, 3, 2, true]);
    expect(latest('5m', T0)!.closed).toBe(false);
    clock.set(T0 + 5 * MIN);
    pipeline.tick();
    pipeline.tick();
    expect(ohlc(latest('5m', T0))).toEqual([10, 12, 10, 12, 3, 2, true]);
    expect(out.candleEvents.filter((c) => c.closed)).toHaveLength(2);
  });

  it('keeps open = earliest and close = latest timestamp for out-of-order trades; ties in arrival order', () => {
    const { clock, trade, latest } = setup();
    clock.set(T0 + 30_000);
    trade(T0 + 20_000, 5);
    trade(T0 + 10_000, 4); // earlier: becomes the open
    trade(T0 + 25_000, 6); // latest: becomes the close
    trade(T0 + 15_000, 3); // neither
    trade(T0 + 25_000, 7); // same time as the close, arrived later: becomes the close
    trade(T0 + 10_000, 8); // same time as the open, arrived later: does not become the open
    expect(ohlc(latest('1m', T0))).toEqual([4, 8, 3, 7, 6, 6, false]);
  });

  it('amends a closed candle with a late trade within the grace, drops one after it', () => {
    const { clock, out, pipeline, trade, latest } = setup({ lateGraceMs: 5000 });
    clock.set(T0 + 59_000);
    trade(T0 + 58_000, 10);
    clock.set(T0 + MIN + 100);
    pipeline.tick();
    trade(T0 + MIN + 50, 20); // next minute opens
    clock.set(T0 + MIN + 4_999);
    pipeline.tick();
    expect(trade(T0 + 59_999, 11, 2)).toBe(true); // late, within grace
    expect(ohlc(latest('1m', T0))).toEqual([10, 11, 10, 11, 3, 2, true]);
    expect(out.candleEvents.at(-2)).toMatchObject({ timeframe: '1m', time: T0, closed: true, close: 11 });
    expect(out.candleEvents.at(-1)).toMatchObject({ timeframe: '5m', time: T0, closed: false, volume: 4 });
    expect(ohlc(latest('1m', T0 + MIN))).toEqual([20, 20, 20, 20, 1, 1, false]);
    clock.set(T0 + MIN + 5_000);
    pipeline.tick();
    const before = out.candleEvents.length;
    expect(trade(T0 + 59_998, 99)).toBe(false); // grace over
    expect(out.candleEvents.length).toBe(before);
    expect(pipeline.stats().dropped.LATE_TRADE).toBe(1);
    expect(ohlc(latest('1m', T0))).toEqual([10, 11, 10, 11, 3, 2, true]);
    expect(ohlc(latest('5m', T0))).toEqual([10, 20, 10, 20, 4, 3, false]);
  });

  it('creates a closed candle for a late trade in a minute that had none, within the grace', () => {
    const { clock, trade, latest } = setup();
    clock.set(T0 + 2 * MIN + 2000);
    expect(trade(T0 + 2 * MIN - 100, 7)).toBe(true);
    expect(ohlc(latest('1m', T0 + MIN))).toEqual([7, 7, 7, 7, 1, 1, true]);
    expect(ohlc(latest('5m', T0))).toEqual([7, 7, 7, 7, 1, 1, false]);
  });

  it('closes the open candle when a trade of a later interval arrives before the clock gets there', () => {
    const { clock, trade, latest } = setup();
    clock.set(T0 + 59_000);
    trade(T0 + 58_000, 10);
    trade(T0 + MIN + 500, 11); // exchange clock slightly ahead
    expect(latest('1m', T0)!.closed).toBe(true);
    expect(latest('1m', T0 + MIN)!.closed).toBe(false);
    expect(trade(T0 + 59_500, 12)).toBe(true); // still amends the first minute
    expect(ohlc(latest('1m', T0))).toEqual([10, 12, 10, 12, 2, 2, true]);
  });

  it('builds candles from ticker last prices (volume 0) until the symbol has trades', () => {
    const { clock, pipeline, trade, latest } = setup();
    const ticker = (timestamp: number, last: number) =>
      pipeline.ingest('s', {
        kind: 'ticker',
        ticker: { symbol: 'ETH/USDT', timestamp, last, bid: last - 1, ask: last + 1 },
      });
    clock.set(T0 + 10_000);
    ticker(T0 + 1000, 50);
    ticker(T0 + 2000, 52);
    ticker(T0 + 3000, 49);
    expect(ohlc(latest('1m', T0, 'ETH/USDT'))).toEqual([50, 52, 49, 49, 0, 0, false]);
    trade(T0 + 4000, 51, 3, 'ETH/USDT');
    ticker(T0 + 5000, 60); // ignored for candles: the symbol now has trades
    expect(ohlc(latest('1m', T0, 'ETH/USDT'))).toEqual([50, 52, 49, 51, 3, 1, false]);
    clock.set(T0 + 3 * MIN);
    ticker(T0 + 1000, 70); // too late for a candle: the ticker itself is still accepted
    expect(pipeline.stats().out).toBe(6);
  });

  it('passes backfilled candles through as closed and never reopens them', () => {
    const { clock, out, pipeline, trade, latest } = setup();
    clock.set(T0 + 2 * MIN + 1000);
    trade(T0 + 2 * MIN + 500, 9);
    const backfill = (tf: string, ohlcv: number[]) =>
      pipeline.ingest('s', { kind: 'candle', symbol: 'BTC/USDT', timeframe: tf, ohlcv });
    expect(backfill('1m', [T0 + MIN, 1, 3, 0.5, 2, 100])).toBe(true);
    expect(ohlc(latest('1m', T0 + MIN))).toEqual([1, 3, 0.5, 2, 100, 0, true]);
    expect(trade(T0 + MIN + 59_000, 50)).toBe(true); // within grace, but that minute is final
    expect(ohlc(latest('1m', T0 + MIN))).toEqual([1, 3, 0.5, 2, 100, 0, true]);
    expect(ohlc(latest('1m', T0 + 2 * MIN))).toEqual([9, 9, 9, 9, 1, 1, false]); // live minute untouched
    expect(backfill('1h', [T0, 1, 3, 0.5, 2, 100])).toBe(true); // not built here: passed through
    expect(out.candleEvents.at(-1)).toMatchObject({ timeframe: '1h', time: T0, closed: true, trades: 0 });
  });

  it('seeds the open candle from a backfilled candle still running, then extends it with trades', () => {
    const { clock, pipeline, trade, latest } = setup();
    clock.set(T0 + 30_000);
    pipeline.ingest('s', {
      kind: 'candle',
      symbol: 'BTC/USDT',
      timeframe: '1m',
      ohlcv: [T0, 5, 6, 4, 5.5, 10],
    });
    expect(ohlc(latest('1m', T0))).toEqual([5, 6, 4, 5.5, 10, 0, false]);
    trade(T0 + 1000, 7, 2); // earlier than the backfill's close in time, yet the exchange's open stays
    expect(ohlc(latest('1m', T0))).toEqual([5, 7, 4, 7, 12, 1, false]);
    clock.set(T0 + MIN);
    pipeline.tick();
    expect(latest('1m', T0)!.closed).toBe(true);
  });

  it('builds nothing with no timeframes, and accepts old trades then', () => {
    const { clock, out, trade } = setup({ timeframes: [] });
    clock.set(T0 + 3_600_000);
    expect(trade(T0, 1)).toBe(true);
    expect(out.candleEvents).toHaveLength(0);
  });
});
