/**
 * The LiveState contract, run against every adapter (memory now, Redis later). The factory is called
 * before every test and must return an empty state (for Redis: a fresh key prefix).
 */
import type { Candle, MarketMetrics, Ticker, Timeframe } from '@tickdeck/protocol';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CANDLE_RING_SIZE, type LiveState } from './live-state.js';

export interface LiveStateFixture {
  state: LiveState;
  cleanup(): Promise<void>;
}

const T0 = Date.UTC(2024, 0, 1);
const M = 60_000;

export const candleAt = (
  i: number,
  symbol = 'BTC/USDT',
  timeframe: Timeframe = '1m',
  close = 100 + i,
): Candle => ({
  symbol,
  timeframe,
  time: T0 + i * M,
  open: 100,
  high: Math.max(100, close),
  low: Math.min(100, close),
  close,
  volume: i * 0.5,
  trades: i,
  closed: false,
});

const ticker = (symbol: string, last: number): Ticker => ({
  symbol,
  type: 'spot',
  timestamp: T0,
  last,
  bid: last - 1,
  ask: last + 1,
});

const metrics = (symbol: string, last: number): MarketMetrics => ({
  symbol,
  type: 'spot',
  last,
  bid: null,
  ask: null,
  spread: null,
  spreadBps: null,
  change24hPct: 1.5,
  volume24h: 10,
  msgsPerSec: 3,
  feedLatencyMs: 12,
  silenceMs: 0,
  stale: false,
  uptimeMs: 1000,
  asOf: T0,
});

const bySymbol = <T extends { symbol: string }>(xs: T[]): T[] =>
  [...xs].sort((a, b) => a.symbol.localeCompare(b.symbol));

/** The ring rules of the port, written the plain way: an array searched linearly. */
function modelPut(ring: Candle[], c: Candle): void {
  const last = ring.at(-1);
  if (last === undefined || c.time > last.time) {
    ring.push(c);
    if (ring.length > CANDLE_RING_SIZE) ring.shift();
    return;
  }
  const i = ring.findIndex((x) => x.time === c.time);
  if (i >= 0) ring[i] = c;
}

/** (time index, close) pairs; sorted copies reach past the ring size and exercise eviction. */
const writesArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 2400 }), fc.integer({ min: 1, max: 1000 })), {
  minLength: 1,
  maxLength: 1600,
});

export function describeLiveStateContract(name: string, factory: () => Promise<LiveStateFixture>): void {
  describe(`LiveState contract: ${name}`, () => {
    let fixture: LiveStateFixture;
    let state: LiveState;
    beforeEach(async () => {
      fixture = await factory();
      state = fixture.state;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it('keeps the latest ticker per symbol', async () => {
      expect(await state.ticker('BTC/USDT')).toBeUndefined();
      expect(await state.tickers()).toEqual([]);
      state.setTicker(ticker('BTC/USDT', 1));
      state.setTicker(ticker('ETH/USDT', 2));
      state.setTicker(ticker('BTC/USDT', 3));
      expect(await state.ticker('BTC/USDT')).toEqual(ticker('BTC/USDT', 3));
      expect(bySymbol(await state.tickers())).toEqual([ticker('BTC/USDT', 3), ticker('ETH/USDT', 2)]);
    });

    it('keeps the latest metrics per symbol', async () => {
      expect(await state.metrics('BTC/USDT')).toBeUndefined();
      state.setMetrics(metrics('BTC/USDT', 1));
      state.setMetrics(metrics('SOL/USDT', 2));
      state.setMetrics(metrics('BTC/USDT', 0.1 + 0.2));
      expect(await state.metrics('BTC/USDT')).toEqual(metrics('BTC/USDT', 0.1 + 0.2));
      expect(bySymbol(await state.allMetrics())).toEqual([
        metrics('BTC/USDT', 0.1 + 0.2),
        metrics('SOL/USDT', 2),
      ]);
    });

    it('stores values, not the caller objects', async () => {
      const t = ticker('BTC/USDT', 5);
      const c = candleAt(1);
      state.setTicker(t);
      state.putCandle(c);
      t.last = 999;
      c.close = 999;
      expect(await state.ticker('BTC/USDT')).toEqual(ticker('BTC/USDT', 5));
      expect(await state.candles('BTC/USDT', '1m')).toEqual([candleAt(1)]);
    });

    it('appends newer candles, replaces the newest at the same time, and fixes an older one in place', async () => {
      for (const i of [1, 2, 3, 5]) state.putCandle(candleAt(i));
      state.putCandle(candleAt(5, 'BTC/USDT', '1m', 50));
      state.putCandle(candleAt(2, 'BTC/USDT', '1m', 20));
      state.putCandle(candleAt(4));
      state.putCandle(candleAt(0));
      expect(await state.candles('BTC/USDT', '1m')).toEqual([
        candleAt(1),
        candleAt(2, 'BTC/USDT', '1m', 20),
        candleAt(3),
        candleAt(5, 'BTC/USDT', '1m', 50),
      ]);
      expect(await state.candles('BTC/USDT', '1m', 2)).toEqual([
        candleAt(3),
        candleAt(5, 'BTC/USDT', '1m', 50),
      ]);
      expect(await state.candles('BTC/USDT', '1m', 0)).toEqual([]);
    });

    it(`keeps the last ${CANDLE_RING_SIZE} candles per (symbol, timeframe), apart from the others`, async () => {
      const n = CANDLE_RING_SIZE + 250;
      for (let i = 0; i < n; i++) state.putCandle(candleAt(i));
      state.putCandle(candleAt(7, 'ETH/USDT'));
      state.putCandle(candleAt(8, 'BTC/USDT', '5m'));
      state.putCandle(candleAt(10));
      const ring = await state.candles('BTC/USDT', '1m');
      expect(ring).toEqual(Array.from({ length: CANDLE_RING_SIZE }, (_, i) => candleAt(250 + i)));
      expect(await state.candles('ETH/USDT', '1m')).toEqual([candleAt(7, 'ETH/USDT')]);
      expect(await state.candles('BTC/USDT', '5m')).toEqual([candleAt(8, 'BTC/USDT', '5m')]);
      expect(await state.candles('XRP/ETH', '1m')).toEqual([]);
    });

    it('loads a ring from history, keeping the newest when given more than it holds, then goes on', async () => {
      state.putCandle(candleAt(5000));
      const history = Array.from({ length: CANDLE_RING_SIZE + 20 }, (_, i) => candleAt(i));
      state.loadCandles('BTC/USDT', '1m', history);
      expect(await state.candles('BTC/USDT', '1m')).toEqual(history.slice(20));
      state.putCandle(candleAt(CANDLE_RING_SIZE + 20));
      const ring = await state.candles('BTC/USDT', '1m');
      expect(ring.length).toBe(CANDLE_RING_SIZE);
      expect(ring.at(0)).toEqual(candleAt(21));
      expect(ring.at(-1)).toEqual(candleAt(CANDLE_RING_SIZE + 20));
      state.loadCandles('BTC/USDT', '1m', []);
      expect(await state.candles('BTC/USDT', '1m')).toEqual([]);
    });

    it('follows the ring rules for any sequence of writes (checked against a plain array)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            writesArb,
            writesArb.map((ws) => [...ws].sort((a, b) => a[0] - b[0])),
          ),
          fc.integer({ min: 1, max: CANDLE_RING_SIZE + 1 }),
          async (writes, limit) => {
            const symbol = `P${writes.length}X${limit}/USDT`;
            state.loadCandles(symbol, '1m', []);
            const model: Candle[] = [];
            for (const [i, close] of writes) {
              const c = candleAt(i, symbol, '1m', close);
              state.putCandle(c);
              modelPut(model, c);
            }
            expect(await state.candles(symbol, '1m')).toEqual(model);
            expect(await state.candles(symbol, '1m', limit)).toEqual(model.slice(-limit));
          },
        ),
        { numRuns: 60 },
      );
    });

    it('keeps the latest value of every key of a state channel, as a copy, ordered by key', async () => {
      const first = { botId: 'b', equity: 100, positions: [{ symbol: 'BTC/USDT', amount: 1 }] };
      state.setState('portfolio', 'b', first);
      state.setState('portfolio', 'a', { botId: 'a', equity: 5, positions: [] });
      state.setState('system', '', { cpuPct: 3.5, stores: [], note: null });
      first.equity = 1;
      first.positions[0]!.amount = 9;
      expect(await state.state('portfolio', 'b')).toEqual({
        botId: 'b',
        equity: 100,
        positions: [{ symbol: 'BTC/USDT', amount: 1 }],
      });
      expect(await state.states('portfolio')).toEqual([
        { botId: 'a', equity: 5, positions: [] },
        { botId: 'b', equity: 100, positions: [{ symbol: 'BTC/USDT', amount: 1 }] },
      ]);
      state.setState('portfolio', 'a', { botId: 'a', equity: 6, positions: [] });
      state.deleteState('portfolio', 'b');
      expect(await state.states('portfolio')).toEqual([{ botId: 'a', equity: 6, positions: [] }]);
      expect(await state.state('system', '')).toEqual({ cpuPct: 3.5, stores: [], note: null });
      expect(await state.state('portfolio', 'b')).toBeUndefined();
      expect(await state.states('nothing')).toEqual([]);
    });
  });
}
