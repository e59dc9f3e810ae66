import type { RawMarketEvent } from '@tickdeck/core';
import type { SourceStatus } from '@tickdeck/protocol';
import { describe, expect, it } from 'vitest';
import { flushMicrotasks, ManualScheduler } from '../testing/manual-scheduler.test-helpers.js';
import { parseSourceConfig } from '../source-config.js';
import { simulate } from './market-simulator.js';
import { SimulatorSource } from './simulator-source.js';

function collect() {
  const events: RawMarketEvent[] = [];
  const statuses: SourceStatus[] = [];
  return {
    events,
    statuses,
    sink: { event: (e: RawMarketEvent) => events.push(e), status: (s: SourceStatus) => statuses.push(s) },
  };
}

const T0 = Date.UTC(2024, 0, 1);
const tsOf = (e: RawMarketEvent) =>
  ((e.kind === 'trade' ? e.trade : e.kind === 'ticker' ? e.ticker : undefined) as { timestamp: number })
    .timestamp;

describe('SimulatorSource', () => {
  it.each([1, 1000, 20_000])('emits %i events/s on the clock, in batches, without bursts', async (rate) => {
    const s = new ManualScheduler(T0);
    const c = collect();
    const src = new SimulatorSource(
      { rate, burstProbability: 0, intervalMs: 20, backfill: 0 },
      { clock: s, timers: s },
    );
    await src.start(c.sink);
    await s.advanceAsync(10_000);
    expect(Math.abs(c.events.length - rate * 10)).toBeLessThanOrEqual(1);
    // Batches: one timer per 20 ms, not one per event.
    expect(s.delays.length).toBeLessThanOrEqual(10_000 / 20 + 1);
    let prev = T0;
    let outOfOrder = 0;
    for (const e of c.events) {
      const t = tsOf(e);
      if (t < prev || t > T0 + 10_000) outOfOrder++;
      prev = t;
    }
    expect(outOfOrder).toBe(0);
    await src.stop();
  });

  it('gives the same events as the pure generator for the same seed', async () => {
    const s = new ManualScheduler(T0);
    const c = collect();
    const src = new SimulatorSource(
      { seed: 9, rate: 1000, burstProbability: 0, backfill: 0 },
      { clock: s, timers: s },
    );
    await src.start(c.sink);
    await s.advanceAsync(2000);
    await src.stop();
    // At 1000/s with a 20 ms tick, the source stamps event i at T0 + i + 1.
    expect(c.events).toEqual([...simulate({ seed: 9, count: 2000, startTime: T0 + 1, rate: 1000 })]);
  });

  it('bursts multiply the rate while they last', async () => {
    const s = new ManualScheduler(T0);
    const c = collect();
    const rate = 500;
    const src = new SimulatorSource(
      { rate, burstProbability: 0.3, burstMultiplier: 4, burstDurationMs: 1000, intervalMs: 20, backfill: 0 },
      { clock: s, timers: s },
    );
    await src.start(c.sink);
    let expected = 0;
    let burstTicks = 0;
    for (let i = 0; i < 1500; i++) {
      const before = c.events.length;
      await s.advanceAsync(20);
      const inBurst = src.bursting;
      if (inBurst) burstTicks++;
      // Independent count: rate × multiplier × 20 ms, per tick.
      expected += (rate * (inBurst ? 4 : 1) * 20) / 1000;
      expect(c.events.length - before).toBeGreaterThanOrEqual(0);
    }
    await src.stop();
    expect(burstTicks).toBeGreaterThan(50);
    expect(burstTicks).toBeLessThan(1400);
    expect(Math.abs(c.events.length - expected)).toBeLessThanOrEqual(rate * 4 * 0.02 + 1);
  });

  it('reports connecting, live, then stopped, and leaves no timer behind', async () => {
    const s = new ManualScheduler(T0);
    const c = collect();
    const src = new SimulatorSource({}, { clock: s, timers: s });
    expect(src.status().state).toBe('stopped');
    await src.start(c.sink);
    await s.advanceAsync(100);
    expect(src.status().state).toBe('live');
    await src.stop();
    await src.stop();
    expect(c.statuses.map((x) => x.state)).toEqual(['connecting', 'live', 'stopped']);
    expect(s.pendingCount).toBe(0);
    const n = c.events.length;
    await s.advanceAsync(1000);
    expect(c.events.length).toBe(n);
  });

  it('refuses an unknown symbol name without a spec, and accepts a full spec', () => {
    expect(() => new SimulatorSource({ symbols: ['NOPE/USDT'] })).toThrow(/unknown symbol/);
    const src = new SimulatorSource({
      symbols: ['BTC/USDT', { symbol: 'PEPE/USDT', price: 0.00001, tick: 1e-8, lot: 1, size: 1e6 }],
    });
    expect(src.symbols).toEqual(['BTC/USDT', 'PEPE/USDT']);
  });
});

describe('SimulatorSource backfill', () => {
  const ODD = Date.UTC(2024, 5, 3, 13, 37, 12, 345);
  const TF_MS: Record<string, number> = {
    '1m': 60_000,
    '5m': 300_000,
    '15m': 900_000,
    '1h': 3_600_000,
    '4h': 14_400_000,
    '1d': 86_400_000,
  };
  type CandleEv = { kind: 'candle'; symbol: string; marketType: string; timeframe: string; ohlcv: number[] };
  const isCandle = (e: RawMarketEvent): e is RawMarketEvent & CandleEv => e.kind === 'candle';
  const priceOf = (e: RawMarketEvent) => {
    if (e.kind === 'trade') return (e.trade as { price: number }).price;
    const t = (e as { ticker: { bid: number; ask: number } }).ticker;
    return (t.bid + t.ask) / 2;
  };
  const symbolOf = (e: RawMarketEvent) =>
    ((e.kind === 'trade' ? e.trade : e.kind === 'ticker' ? e.ticker : undefined) as { symbol: string })
      .symbol;

  it('emits `backfill` closed candles per symbol and timeframe before any live event, then goes live', async () => {
    const s = new ManualScheduler(ODD);
    const c = collect();
    const candlesWhenLive: number[] = [];
    const sink = {
      event: c.sink.event,
      status: (st: SourceStatus) => {
        c.sink.status(st);
        if (st.state === 'live') candlesWhenLive.push(c.events.length);
      },
    };
    const src = new SimulatorSource(
      { seed: 4, backfill: 1000, burstProbability: 0 },
      { clock: s, timers: s },
    );
    await src.start(sink);
    expect(src.status().state).toBe('connecting');
    await s.advanceAsync(2000);
    await src.stop();
    expect(c.statuses.map((x) => x.state)).toEqual(['connecting', 'live', 'stopped']);
    const firstLive = c.events.findIndex((e) => !isCandle(e));
    const candles = c.events.filter(isCandle);
    expect(candles).toHaveLength(10 * 6 * 1000);
    expect(firstLive).toBe(60_000);
    expect(candlesWhenLive).toEqual([60_000]);
    expect(src.backfilledCandles).toBe(60_000);
    expect(c.events.slice(firstLive).some(isCandle)).toBe(false);

    const bySeries = new Map<string, CandleEv[]>();
    for (const e of candles) {
      const k = `${e.symbol} ${e.timeframe}`;
      bySeries.set(k, [...(bySeries.get(k) ?? []), e]);
    }
    expect(bySeries.size).toBe(60);
    for (const [key, list] of bySeries) {
      const tf = key.split(' ')[1]!;
      const ms = TF_MS[tf]!;
      expect(list).toHaveLength(1000);
      expect(list.every((e) => e.marketType === 'spot')).toBe(true);
      // Ascending, contiguous, aligned, the last one ending at the last interval closed at start.
      const lastEnd = Math.floor(ODD / ms) * ms;
      list.forEach((e, i) => expect(e.ohlcv[0]).toBe(lastEnd - (1000 - i) * ms));
    }
    // The live walk continues from the last close: each symbol's first live price is within 0.3%.
    for (const sym of src.symbols) {
      const live = c.events.find((e) => !isCandle(e) && symbolOf(e) === sym);
      expect(live, sym).toBeDefined();
      for (const tf of Object.keys(TF_MS)) {
        const last = bySeries.get(`${sym} ${tf}`)!.at(-1)!.ohlcv[4]!;
        expect(Math.abs(priceOf(live!) / last - 1), `${sym} ${tf}`).toBeLessThan(0.003);
      }
    }
  });

  it('gives the same backfill for the same seed and start time', async () => {
    const run = async (seed: number) => {
      const s = new ManualScheduler(ODD);
      const c = collect();
      const src = new SimulatorSource({ seed, backfill: 50, rate: 1 }, { clock: s, timers: s });
      await src.start(c.sink);
      await s.advanceAsync(10);
      await src.stop();
      return c.events.filter(isCandle);
    };
    const a = await run(8);
    expect(a).toHaveLength(10 * 6 * 50);
    expect(await run(8)).toEqual(a);
    expect(await run(9)).not.toEqual(a);
  });

  it('backfills only the timeframes asked for, and nothing with backfill 0', async () => {
    const s = new ManualScheduler(ODD);
    const c = collect();
    const src = new SimulatorSource(
      { backfill: 5, backfillTimeframes: ['1h', '1m'], rate: 1 },
      { clock: s, timers: s },
    );
    await src.start(c.sink);
    await s.advanceAsync(10);
    await src.stop();
    const candles = c.events.filter(isCandle);
    expect(candles).toHaveLength(10 * 2 * 5);
    expect(new Set(candles.map((e) => e.timeframe))).toEqual(new Set(['1m', '1h']));

    const s0 = new ManualScheduler(ODD);
    const c0 = collect();
    const none = new SimulatorSource({ backfill: 0, rate: 100 }, { clock: s0, timers: s0 });
    await none.start(c0.sink);
    expect(none.status().state).toBe('live');
    await s0.advanceAsync(1000);
    await none.stop();
    expect(c0.events.length).toBeGreaterThan(50);
    expect(c0.events.some(isCandle)).toBe(false);
  });

  it('stops in the middle of a backfill without going live or leaving a timer', async () => {
    const s = new ManualScheduler(ODD);
    const c = collect();
    const src = new SimulatorSource({ backfill: 1000 }, { clock: s, timers: s });
    await src.start(c.sink);
    await flushMicrotasks();
    await src.stop();
    await s.advanceAsync(1000);
    const n = c.events.length;
    expect(n).toBeLessThan(60_000);
    expect(c.events.every(isCandle)).toBe(true);
    expect(c.statuses.map((x) => x.state)).toEqual(['connecting', 'stopped']);
    expect(s.pendingCount).toBe(0);
  });
});

describe('simulator backfill settings', () => {
  it('default to 1000 candles and refuse a negative count or an unknown timeframe by name', () => {
    expect(parseSourceConfig({ kind: 'simulator' })).toMatchObject({ backfill: 1000 });
    expect(parseSourceConfig({ kind: 'simulator', backfill: 0, backfillTimeframes: ['1d'] })).toMatchObject({
      backfill: 0,
      backfillTimeframes: ['1d'],
    });
    expect(() => parseSourceConfig({ kind: 'simulator', backfill: -1 })).toThrow(/source\.backfill/);
    expect(() => parseSourceConfig({ kind: 'simulator', backfillTimeframes: ['2m'] })).toThrow(
      /source\.backfillTimeframes/,
    );
  });
});
