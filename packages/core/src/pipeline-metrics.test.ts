import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { Pipeline } from './pipeline.js';
import { collector } from './testdata.test-helpers.js';

const T0 = Date.UTC(2024, 2, 1);
const HOUR = 3_600_000;

interface Sent {
  kind: 'trade' | 'ticker';
  receivedAt: number;
  ts: number;
  price: number;
  amount: number;
}

/** The figures of MarketMetrics computed directly from the list of what was sent. */
function expected(sent: Sent[], now: number) {
  const trades = sent.filter((s) => s.kind === 'trade');
  const nowMin = Math.floor(now / 60_000);
  const inDay = trades.filter((t) => Math.floor(t.ts / 60_000) > nowMin - 1440);
  const last = [...trades].sort((a, b) => a.ts - b.ts).at(-1)!.price;
  const ref = [...inDay].sort((a, b) => a.ts - b.ts)[0];
  const nowS = Math.floor(now / 1000);
  return {
    last,
    volume24h: inDay.reduce((s, t) => s + t.amount, 0),
    change24hPct: ref === undefined ? null : ((last - ref.price) / ref.price) * 100,
    msgsPerSec: sent.filter((s) => Math.floor(s.receivedAt / 1000) > nowS - 10).length / 10,
    feedLatencyMs: sent.at(-1)!.receivedAt - sent.at(-1)!.ts,
    silenceMs: now - sent.at(-1)!.receivedAt,
    uptimeMs: now - sent[0]!.receivedAt,
  };
}

describe('market metrics', () => {
  it('match an independent computation over 26 hours of trades and tickers', () => {
    const clock = new ManualClock(T0);
    const { out, output } = collector();
    const pipeline = new Pipeline({ clock, staleAfterMs: 10_000 }, output);
    let seed = 11;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const sent: Sent[] = [];
    let t = T0;
    let price = 2000;
    let bid = 0;
    let ask = 0;
    let checks = 0;
    let checksAfterADay = 0;
    while (t < T0 + 26 * HOUR) {
      // Bursts of events a few hundred ms apart, separated by gaps of up to ~3 minutes.
      t += rnd() < 0.9 ? Math.floor(rnd() * 800) : Math.floor(rnd() * 180_000);
      clock.set(t);
      price *= 1 + (rnd() - 0.5) * 0.01;
      const ts = t - 20 - Math.floor(rnd() * 400);
      if (rnd() < 0.7) {
        const amount = Math.round(rnd() * 1000) / 100;
        expect(
          pipeline.ingest('x', {
            kind: 'trade',
            trade: { symbol: 'ETH/USDT', timestamp: ts, price, amount },
          }),
        ).toBe(true);
        sent.push({ kind: 'trade', receivedAt: t, ts, price, amount });
      } else {
        bid = price - 0.5;
        ask = price + 0.7;
        pipeline.ingest('x', { kind: 'ticker', ticker: { symbol: 'ETH/USDT', timestamp: ts, bid, ask } });
        sent.push({ kind: 'ticker', receivedAt: t, ts, price, amount: 0 });
      }
      if (sent.length % 211 === 0 && sent.some((s) => s.kind === 'trade') && bid > 0) {
        checks++;
        if (t > T0 + 24 * HOUR) checksAfterADay++;
        const now = t + Math.floor(rnd() * 5000);
        clock.set(now);
        const m = pipeline.metricsOf('ETH/USDT')!;
        const e = expected(sent, now);
        expect(m.last).toBe(e.last);
        expect(m.volume24h).toBeCloseTo(e.volume24h, 6);
        expect(m.change24hPct).toBeCloseTo(e.change24hPct!, 9);
        expect(m.msgsPerSec).toBe(e.msgsPerSec);
        expect(m.feedLatencyMs).toBe(e.feedLatencyMs);
        expect(m.silenceMs).toBe(e.silenceMs);
        expect(m.uptimeMs).toBe(e.uptimeMs);
        expect(m.stale).toBe(e.silenceMs >= 10_000);
        expect([m.bid, m.ask, m.spread]).toEqual([bid, ask, ask - bid]);
        expect(m.spreadBps).toBeCloseTo(((ask - bid) / ((ask + bid) / 2)) * 1e4, 9);
        expect(m.asOf).toBe(now);
        t = now;
      }
    }
    expect(sent.length).toBeGreaterThan(5000);
    expect(checks).toBeGreaterThan(30);
    expect(checksAfterADay).toBeGreaterThan(2);
    expect(out.metrics).toHaveLength(0); // metrics are emitted by tick only
  });

  it('emits metrics on tick for symbols that changed and when the stale flag flips', () => {
    const clock = new ManualClock(T0);
    const { out, output } = collector();
    const pipeline = new Pipeline({ clock, staleAfterMs: 3000 }, output);
    pipeline.ingest('x', {
      kind: 'book',
      book: { symbol: 'A/B', timestamp: T0 - 7, bid: 1, bidSize: 1, ask: 1.5, askSize: 2 },
    });
    pipeline.ingest('x', { kind: 'ticker', ticker: { symbol: 'C/D', last: 4 } });
    pipeline.tick();
    expect(out.metrics.map((m) => [m.symbol, m.stale, m.feedLatencyMs, m.last])).toEqual([
      ['A/B', false, 7, null],
      ['C/D', false, null, 4], // a ticker without a timestamp gives no latency
    ]);
    clock.advance(1000);
    pipeline.tick();
    expect(out.metrics).toHaveLength(2);
    pipeline.ingest('x', {
      kind: 'ticker',
      ticker: { symbol: 'C/D', last: 5, percentage: -2.5, baseVolume: 1234 },
    });
    pipeline.tick();
    expect(out.metrics.at(-1)).toMatchObject({ symbol: 'C/D', last: 5, change24hPct: -2.5, volume24h: 1234 });
    clock.advance(2000);
    pipeline.tick();
    expect(out.metrics.slice(3).map((m) => [m.symbol, m.stale, m.silenceMs])).toEqual([['A/B', true, 3000]]);
    clock.advance(1000);
    pipeline.tick();
    pipeline.tick();
    expect(out.metrics.slice(4).map((m) => [m.symbol, m.stale])).toEqual([['C/D', true]]);
    expect(pipeline.metricsOf('nope')).toBeUndefined();
  });

  it('never reports a crossed book from one-sided ticker updates', () => {
    const clock = new ManualClock(T0);
    const { output } = collector();
    const pipeline = new Pipeline({ clock }, output);
    const tick = (q: Record<string, number>) =>
      pipeline.ingest('x', { kind: 'ticker', ticker: { symbol: 'A/B', ...q } });
    tick({ bid: 10, ask: 11 });
    tick({ bid: 12 });
    expect([pipeline.metricsOf('A/B')!.bid, pipeline.metricsOf('A/B')!.ask]).toEqual([12, null]);
    tick({ ask: 13 });
    tick({ ask: 9 });
    expect([
      pipeline.metricsOf('A/B')!.bid,
      pipeline.metricsOf('A/B')!.ask,
      pipeline.metricsOf('A/B')!.spread,
    ]).toEqual([null, 9, null]);
  });
});
