import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { MAX_SOURCES, OTHER_SOURCES } from './pipeline-stats.js';
import { Pipeline } from './pipeline.js';
import type { RawMarketEvent } from './raw-event.js';
import { collector } from './testdata.test-helpers.js';

const T0 = Date.UTC(2024, 1, 1);
const trade = (symbol: string, price = 1): RawMarketEvent => ({
  kind: 'trade',
  trade: { symbol, timestamp: T0 - 1, price, amount: 1 },
});

describe('Pipeline', () => {
  it('bounds the number of symbols', () => {
    const { output } = collector();
    const p = new Pipeline({ clock: new ManualClock(T0), maxSymbols: 2 }, output);
    expect([p.ingest('s', trade('A/B')), p.ingest('s', trade('C/D')), p.ingest('s', trade('E/F'))]).toEqual([
      true,
      true,
      false,
    ]);
    expect(p.ingest('s', trade('A/B'))).toBe(true);
    expect(p.stats().dropped.SYMBOL_LIMIT).toBe(1);
    expect(p.symbols()).toEqual([
      { symbol: 'A/B', type: 'spot' },
      { symbol: 'C/D', type: 'spot' },
    ]);
  });

  it('survives outputs that throw: the event counts as INTERNAL and the next one goes through', () => {
    const clock = new ManualClock(T0);
    let fail = true;
    const seen: number[] = [];
    const p = new Pipeline(
      { clock },
      {
        trade: (t) => {
          if (fail) throw new Error('store down');
          seen.push(t.price);
        },
        ticker: () => undefined,
        candle: () => {
          throw new Error('candle sink down');
        },
        metrics: () => {
          throw new Error('metrics sink down');
        },
        drop: () => {
          throw new Error('drop sink down');
        },
      },
    );
    expect(p.ingest('s', trade('A/B', 1))).toBe(false);
    fail = false;
    expect(p.ingest('s', trade('A/B', 2))).toBe(false); // the candle sink throws now
    expect(seen).toEqual([2]);
    expect(p.stats().dropped.INTERNAL).toBe(2);
    expect(() => p.tick()).not.toThrow();
    expect(p.ingest('s', null as unknown as RawMarketEvent)).toBe(false);
    expect(p.stats().dropped.SCHEMA).toBe(1);
    const nasty = new Error('x');
    Object.defineProperty(nasty, 'message', {
      get() {
        throw new Error('again');
      },
    });
    const hostile = {
      get kind(): string {
        throw nasty;
      },
    } as unknown as RawMarketEvent;
    expect(p.ingest('s', hostile)).toBe(false);
    expect(p.stats().dropped.INTERNAL).toBe(3);
  });

  it('counts in, out and drops per source and measures processing time with perfNow', () => {
    let t = 0;
    const { output } = collector();
    const p = new Pipeline({ clock: new ManualClock(T0), perfNow: () => (t += 0.002) }, output);
    p.ingest('a', trade('A/B'));
    p.ingest('a', trade('<A>/B'));
    p.ingest('b', trade('A/B'));
    const s = p.stats();
    expect([s.in, s.out, s.dropped.SYMBOL]).toEqual([3, 2, 1]);
    expect(s.sources.a).toMatchObject({ in: 2, out: 1, dropped: { SYMBOL: 1, SCHEMA: 0 } });
    expect(s.sources.b).toMatchObject({ in: 1, out: 1 });
    expect(s.processingUs.count).toBe(3);
    expect(s.processingUs.max).toBeCloseTo(2, 9);
    expect(s.processingUs.p50).toBeGreaterThanOrEqual(2);
    expect(s.processingUs.p50).toBeLessThanOrEqual(2 * (1 + 1 / 16));
  });

  it('groups sources beyond the bound and logs no drop when dropLogPerSec is 0', () => {
    const { out, output } = collector();
    const p = new Pipeline({ clock: new ManualClock(T0), dropLogPerSec: 0 }, output);
    for (let i = 0; i < MAX_SOURCES + 10; i++) p.ingest(`src${i}`, trade('bad'));
    const s = p.stats();
    expect(Object.keys(s.sources)).toHaveLength(MAX_SOURCES + 1);
    expect(s.sources[OTHER_SOURCES]!.in).toBe(10);
    expect(out.drops.filter((d) => d.log)).toHaveLength(0);
  });

  it('uses the system clock for timing by default', () => {
    const { output } = collector();
    const p = new Pipeline({ clock: { now: () => Date.now() } }, output);
    expect(
      p.ingest('s', { kind: 'trade', trade: { symbol: 'A/B', timestamp: Date.now(), price: 1, amount: 1 } }),
    ).toBe(true);
    expect(p.stats().processingUs.count).toBe(1);
  });
});
