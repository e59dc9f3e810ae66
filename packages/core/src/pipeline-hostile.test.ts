import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { DROP_REASON_LIST, type DropReason } from './drop-reasons.js';
import { Pipeline } from './pipeline.js';
import type { RawMarketEvent } from './raw-event.js';
import { collector } from './testdata.test-helpers.js';

const START = Date.UTC(2024, 4, 1, 9, 58);
const HUGE = 'X'.repeat(1_000_000);

type Hostile = [DropReason, (now: number) => unknown];

const trade = (now: number, extra: Record<string, unknown>) => ({
  kind: 'trade',
  trade: { symbol: 'BTC/USDT', timestamp: now - 5, price: 100, amount: 1, ...extra },
});
const ticker = (now: number, extra: Record<string, unknown>) => ({
  kind: 'ticker',
  ticker: { symbol: 'ETH/USDT', timestamp: now - 5, bid: 10, ask: 10.1, ...extra },
});
const book = (now: number, extra: Record<string, unknown>) => ({
  kind: 'book',
  book: { symbol: 'ETH/USDT', timestamp: now - 5, bid: 10, bidSize: 1, ask: 10.1, askSize: 1, ...extra },
});
const candle = (now: number, extra: Record<string, unknown>) => ({
  kind: 'candle',
  symbol: 'BTC/USDT',
  timeframe: '1m',
  ohlcv: [START - 600_000, 1, 2, 0.5, 1.5, 10],
  ...extra,
});

/** Each hostile event with the reason it must be counted under. */
const HOSTILE: Hostile[] = [
  ['SCHEMA', () => null],
  ['SCHEMA', () => undefined],
  ['SCHEMA', () => 42],
  ['SCHEMA', () => 'trade'],
  ['SCHEMA', () => [{ kind: 'trade' }]],
  ['SCHEMA', () => ({ kind: 'trade' })],
  ['SCHEMA', () => ({ kind: 'trade', trade: null })],
  ['SCHEMA', () => ({ kind: 'trade', trade: [1, 2, 3] })],
  ['SCHEMA', (n) => trade(n, { price: '100' })],
  ['SCHEMA', (n) => trade(n, { symbol: 7 })],
  ['SCHEMA', (n) => trade(n, { id: HUGE })],
  ['SCHEMA', (n) => trade(n, { side: 'hold' })],
  ['SCHEMA', (n) => trade(n, { marketType: 'perp' })],
  ['SCHEMA', (n) => trade(n, { amount: undefined })],
  ['SCHEMA', (n) => trade(n, { price: { valueOf: () => 100 } })],
  ['SCHEMA', (n) => ticker(n, { bid: 'x' })],
  ['SCHEMA', (n) => candle(n, { timeframe: '7m' })],
  ['SCHEMA', (n) => candle(n, { timeframe: 'constructor' })],
  ['SCHEMA', (n) => candle(n, { ohlcv: [START, 1, 2, 0.5, 1.5] })],
  ['SCHEMA', (n) => candle(n, { ohlcv: 'x' })],
  [
    'SCHEMA',
    (n) =>
      JSON.parse(
        `{"kind":"trade","trade":{"__proto__":{"price":1},"symbol":"BTC/USDT","timestamp":${n},"amount":1}}`,
      ),
  ],
  [
    'SCHEMA',
    (n) =>
      JSON.parse(
        `{"kind":"trade","trade":{"constructor":{"prototype":{"polluted":1}},"__proto__":{"polluted":1},"symbol":"BTC/USDT","timestamp":${n},"price":1}}`,
      ),
  ],
  ['UNKNOWN_KIND', () => ({ kind: 'order', order: {} })],
  ['UNKNOWN_KIND', () => ({ kind: 1 })],
  ['UNKNOWN_KIND', () => ({ kind: '__proto__' })],
  ['UNKNOWN_KIND', () => JSON.parse('{"__proto__":{"kind":"trade"},"trade":{}}')],
  ['UNKNOWN_KIND', () => ({ trade: {} })],
  ['SYMBOL', (n) => trade(n, { symbol: '<script>alert(1)</script>/USDT' })],
  ['SYMBOL', (n) => trade(n, { symbol: 'BTC/USDT<img src=x onerror=alert(1)>' })],
  ['SYMBOL', (n) => trade(n, { symbol: 'BTCUSDT' })],
  ['SYMBOL', (n) => trade(n, { symbol: 'BTC/USDT:USDT-2503' })],
  ['SYMBOL', (n) => trade(n, { symbol: 'BTC/USDT\n' })],
  ['SYMBOL', (n) => trade(n, { symbol: 'ıBTC/USDT' })],
  ['SYMBOL', (n) => trade(n, { symbol: '' })],
  ['SYMBOL', (n) => trade(n, { symbol: HUGE })],
  ['SYMBOL', (n) => ticker(n, { symbol: '"><svg/onload=alert(1)>' })],
  ['SYMBOL', (n) => candle(n, { symbol: 'BTC\\USDT' })],
  ['MARKET_TYPE', (n) => trade(n, { symbol: 'ETH/USDT:USDT' })],
  ['MARKET_TYPE', (n) => ticker(n, { symbol: 'BTC/USDT', marketType: 'future' })],
  ['PRICE', (n) => trade(n, { price: NaN })],
  ['PRICE', (n) => trade(n, { price: Infinity })],
  ['PRICE', (n) => trade(n, { price: -Infinity })],
  ['PRICE', (n) => trade(n, { price: -1 })],
  ['PRICE', (n) => trade(n, { price: 0 })],
  ['PRICE', (n) => ticker(n, { last: NaN })],
  ['PRICE', (n) => ticker(n, { bid: -10 })],
  ['PRICE', (n) => book(n, { ask: 0 })],
  ['PRICE', (n) => candle(n, { ohlcv: [START - 600_000, 1, 0.9, 0.5, 1.5, 10] })],
  ['PRICE', (n) => candle(n, { ohlcv: [START - 600_000, 1, 2, NaN, 1.5, 10] })],
  ['SIZE', (n) => trade(n, { amount: -1 })],
  ['SIZE', (n) => trade(n, { amount: NaN })],
  ['SIZE', (n) => trade(n, { amount: Infinity })],
  ['SIZE', (n) => ticker(n, { baseVolume: -5 })],
  ['SIZE', (n) => book(n, { bidSize: -5 })],
  ['SIZE', (n) => candle(n, { ohlcv: [START - 600_000, 1, 2, 0.5, 1.5, -10] })],
  ['CROSSED_BOOK', (n) => ticker(n, { bid: 10.2, ask: 10.1 })],
  ['CROSSED_BOOK', (n) => book(n, { bid: 11, ask: 10 })],
  ['TIMESTAMP', (n) => trade(n, { timestamp: n + 86_400_000 })],
  ['TIMESTAMP', (n) => trade(n, { timestamp: 1e300 })],
  ['TIMESTAMP', () => trade(0, { timestamp: 0 })],
  ['TIMESTAMP', () => trade(0, { timestamp: Date.UTC(2008, 11, 31) })],
  ['TIMESTAMP', (n) => trade(n, { timestamp: NaN })],
  ['TIMESTAMP', (n) => ticker(n, { timestamp: -Infinity })],
  ['TIMESTAMP', (n) => candle(n, { ohlcv: [START - 600_001, 1, 2, 0.5, 1.5, 10] })],
  ['LATE_TRADE', (n) => trade(n, { timestamp: n - 600_000 })],
  [
    'INTERNAL',
    (n) => ({
      kind: 'trade',
      get trade(): unknown {
        throw new Error(`boom at ${n}`);
      },
    }),
  ],
];

interface Step {
  t: number;
  source: string;
  event: unknown;
  expect?: DropReason;
}

function timeline(hostileCount: number): Step[] {
  let seed = 7;
  const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const steps: Step[] = [];
  let t = START;
  let price = 100;
  let h = 0;
  for (let i = 0; h < hostileCount; i++) {
    t += Math.floor(rnd() * 60);
    if (i < 10 || i % 4 === 0) {
      price *= 1 + (rnd() - 0.5) * 0.002;
      // The first four name every good symbol, so the MARKET_TYPE events always meet a tracked one.
      const r = i < 4 ? [0.1, 0.6, 0.8, 0.95][i]! : rnd();
      const ts = t - Math.floor(rnd() * 300);
      const event =
        r < 0.5
          ? {
              kind: 'trade',
              trade: { symbol: 'btc/usdt', timestamp: ts, price, amount: rnd() * 3, side: 'buy', info: {} },
            }
          : r < 0.7
            ? {
                kind: 'trade',
                trade: { symbol: 'SOL/USDT:USDT', timestamp: ts, price: price / 3, amount: 2 },
              }
            : r < 0.9
              ? {
                  kind: 'ticker',
                  ticker: {
                    symbol: 'ETH/USDT',
                    timestamp: ts,
                    bid: price / 20,
                    ask: price / 20 + 0.01,
                    last: price / 20,
                  },
                }
              : {
                  kind: 'book',
                  book: {
                    symbol: 'ETH/USDT',
                    timestamp: ts,
                    bid: price / 20,
                    bidSize: 1,
                    ask: price / 20 + 0.02,
                    askSize: 2,
                  },
                };
      steps.push({ t, source: 'feed', event });
    } else {
      const [reason, make] = HOSTILE[h % HOSTILE.length]!;
      steps.push({ t, source: h % 3 === 0 ? 'evil' : 'feed', event: make(t), expect: reason });
      h++;
    }
  }
  return steps;
}

function run(steps: Step[], withHostile: boolean) {
  const clock = new ManualClock(START);
  const { out, output } = collector();
  const pipeline = new Pipeline({ clock }, output);
  const results: boolean[] = [];
  steps.forEach((s, i) => {
    clock.set(s.t);
    if (i % 5 === 0) pipeline.tick();
    if (withHostile || s.expect === undefined)
      results.push(pipeline.ingest(s.source, s.event as RawMarketEvent));
  });
  clock.advance(86_400_000);
  pipeline.tick();
  return { out, pipeline, results };
}

describe('10,000 malformed or hostile events among good ones', () => {
  const steps = timeline(10_000);
  const hostile = steps.filter((s) => s.expect !== undefined);
  const mixed = run(steps, true);
  const clean = run(steps, false);

  it('never throws, drops every hostile event and accepts every good one', () => {
    expect(hostile).toHaveLength(10_000);
    const good = steps.length - hostile.length;
    expect(mixed.results.filter((r) => r)).toHaveLength(good);
    expect(clean.results.every((r) => r)).toBe(true);
  });

  it('counts each one under its reason, in total and per source', () => {
    const expected = Object.fromEntries(DROP_REASON_LIST.map((r) => [r, 0])) as Record<DropReason, number>;
    const evil = { ...expected };
    for (const s of hostile) {
      expected[s.expect!]++;
      if (s.source === 'evil') evil[s.expect!]++;
    }
    const stats = mixed.pipeline.stats();
    expect(stats.dropped).toEqual(expected);
    expect(stats.sources.evil!.dropped).toEqual(evil);
    expect(stats.in).toBe(steps.length);
    expect(stats.out + hostile.length).toBe(stats.in);
    expect(mixed.out.drops.map((d) => d.reason)).toEqual(hostile.map((s) => s.expect));
  });

  it('leaves the good events’ outputs identical to a run without the hostile ones', () => {
    expect(mixed.out.candleEvents).toEqual(clean.out.candleEvents);
    expect(mixed.out.trades).toEqual(clean.out.trades);
    expect(mixed.out.tickers).toEqual(clean.out.tickers);
    expect(mixed.out.metrics).toEqual(clean.out.metrics);
    expect(mixed.pipeline.symbols()).toEqual([
      { symbol: 'BTC/USDT', type: 'spot' },
      { symbol: 'SOL/USDT', type: 'swap' },
      { symbol: 'ETH/USDT', type: 'spot' },
    ]);
    expect(clean.pipeline.symbols()).toEqual(mixed.pipeline.symbols());
    expect(mixed.out.candleEvents.length).toBeGreaterThan(1000);
  });

  it('pollutes no prototype and keeps drop details short', () => {
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Math.max(...mixed.out.drops.map((d) => d.detail.length))).toBeLessThanOrEqual(200);
  });

  it('rate-limits drop logging per source and reason', () => {
    const logged = mixed.out.drops.filter((d) => d.log);
    const keys = new Set(logged.map((d) => `${d.source}/${d.reason}`));
    expect(keys.size).toBeGreaterThan(10);
    // ~100 s of clock time at one log per 10 s per key: at most 11 per key.
    const spanS = (steps.at(-1)!.t - START) / 1000;
    expect(logged.length).toBeLessThanOrEqual(keys.size * (Math.ceil(spanS / 10) + 1));
    expect(logged.length).toBeLessThan(mixed.out.drops.length / 5);
  });
});
