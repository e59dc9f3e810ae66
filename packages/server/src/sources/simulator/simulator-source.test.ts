import type { RawMarketEvent } from '@tickdeck/core';
import type { SourceStatus } from '@tickdeck/protocol';
import { describe, expect, it } from 'vitest';
import { ManualScheduler } from '../testing/manual-scheduler.test-helpers.js';
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
    const src = new SimulatorSource({ rate, burstProbability: 0, intervalMs: 20 }, { clock: s, timers: s });
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
    const src = new SimulatorSource({ seed: 9, rate: 1000, burstProbability: 0 }, { clock: s, timers: s });
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
      { rate, burstProbability: 0.3, burstMultiplier: 4, burstDurationMs: 1000, intervalMs: 20 },
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
