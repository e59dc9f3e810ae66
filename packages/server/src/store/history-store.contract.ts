/**
 * The HistoryStore contract: every adapter runs this suite (PGlite in memory and on disk, PostgreSQL).
 * The factory is called once per suite; each test writes under its own symbol, so tests do not see
 * each other's rows.
 */
import type { Candle, Timeframe, Trade } from '@tickdeck/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryStoreError } from './history-store-error.js';
import { MAX_QUERY_LIMIT, type HistoryStore } from './history-store.js';

export interface HistoryStoreFixture {
  store: HistoryStore;
  cleanup(): Promise<void>;
}

const MINUTE = 60_000;
const T0 = Date.UTC(2024, 0, 1);

let symbolCounter = 0;
/** A symbol no other test of this run uses. */
export const freshSymbol = (): string => `T${process.pid % 10_000}N${++symbolCounter}/USDT`;

/** `n` 1m candles from T0 whose fields are distinct per index, so a swap or shift would show. */
export function makeCandles(symbol: string, n: number, timeframe: Timeframe = '1m', start = T0): Candle[] {
  return Array.from({ length: n }, (_, i) => ({
    symbol,
    timeframe,
    time: start + i * MINUTE,
    open: 100 + i,
    high: 101 + i + 0.25,
    low: 99 + i - 0.125,
    close: 100.5 + i,
    volume: i * 0.001,
    trades: i,
    closed: i < n - 1,
  }));
}

async function rejection(promise: Promise<unknown>): Promise<HistoryStoreError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HistoryStoreError);
  return err as HistoryStoreError;
}

export function describeHistoryStoreContract(
  name: string,
  factory: () => Promise<HistoryStoreFixture>,
): void {
  describe(`HistoryStore contract: ${name}`, () => {
    let fixture: HistoryStoreFixture;
    let store: HistoryStore;
    beforeAll(async () => {
      fixture = await factory();
      store = fixture.store;
    });
    afterAll(async () => {
      await fixture?.cleanup();
    });

    it('answers ping and names itself', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      expect(store.name).toMatch(/\w+/);
    });

    it('migrating again is a no-op that keeps the data', async () => {
      const symbol = freshSymbol();
      await store.upsertCandles(makeCandles(symbol, 3));
      await store.migrate();
      await store.migrate();
      const page = await store.queryCandles({ symbol, timeframe: '1m', limit: 10 });
      expect(page.items).toEqual(makeCandles(symbol, 3));
    });

    it('upserting the same key replaces the row, also within one batch (last write wins)', async () => {
      const symbol = freshSymbol();
      const [c] = makeCandles(symbol, 1) as [Candle];
      await store.upsertCandles([c]);
      const updated = { ...c, high: c.high + 5, close: c.close + 1, volume: 9, trades: 7, closed: true };
      await store.upsertCandles([updated]);
      const last = { ...updated, close: 42 };
      await store.upsertCandles([{ ...updated, close: 41 }, last]);
      const page = await store.queryCandles({ symbol, timeframe: '1m', limit: 10 });
      expect(page.items).toEqual([last]);
      expect(page.nextCursor).toBeNull();
    });

    it('round-trips numbers exactly', async () => {
      const symbol = freshSymbol();
      const awkward: Candle = {
        symbol,
        timeframe: '5m',
        time: Date.UTC(2099, 11, 31, 23, 55),
        open: 0.1 + 0.2,
        high: 98_765_432.123_456_78,
        low: 1e-8,
        close: 5e-324,
        volume: 1.7976931348623157e308,
        trades: 2 ** 40,
        closed: false,
      };
      await store.upsertCandles([awkward]);
      const [got] = await store.latestCandles(symbol, '5m', 1);
      expect(got).toEqual(awkward);
      expect(Object.is(got?.open, 0.30000000000000004)).toBe(true);
      const trade: Trade = {
        symbol,
        type: 'swap',
        timestamp: awkward.time,
        price: 0.1 + 0.7,
        amount: 1e-8,
        id: 'x1',
      };
      await store.insertTrades([trade]);
      const trades = await store.queryTrades({ symbol, limit: 5 });
      expect(trades.items).toEqual([trade]);
    });

    it('queries a time range [from, to) in ascending order, for one symbol and timeframe only', async () => {
      const symbol = freshSymbol();
      const other = freshSymbol();
      const candles = makeCandles(symbol, 10);
      await store.upsertCandles([...candles].reverse());
      await store.upsertCandles(makeCandles(symbol, 10, '5m'));
      await store.upsertCandles(makeCandles(other, 10));
      const page = await store.queryCandles({
        symbol,
        timeframe: '1m',
        from: T0 + 2 * MINUTE,
        to: T0 + 5 * MINUTE,
        limit: 100,
      });
      expect(page.items).toEqual(candles.slice(2, 5));
      expect(page.nextCursor).toBeNull();
      const empty = await store.queryCandles({ symbol: freshSymbol(), timeframe: '1m', limit: 5 });
      expect(empty).toEqual({ items: [], nextCursor: null });
    });

    it('pages through 2,500 candles 1000 at a time with no repeat and no skip', async () => {
      const symbol = freshSymbol();
      const candles = makeCandles(symbol, 2500);
      await store.upsertCandles(candles);
      const seen: Candle[] = [];
      const sizes: number[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await store.queryCandles({ symbol, timeframe: '1m', limit: 1000, cursor });
        seen.push(...page.items);
        sizes.push(page.items.length);
        if (page.nextCursor === null) break;
        cursor = page.nextCursor;
      }
      expect(sizes).toEqual([1000, 1000, 500]);
      expect(seen).toEqual(candles);
    });

    it('keeps the range while paging, and ends exactly at a full last page', async () => {
      const symbol = freshSymbol();
      const candles = makeCandles(symbol, 30);
      await store.upsertCandles(candles);
      const query = {
        symbol,
        timeframe: '1m' as const,
        from: T0 + 5 * MINUTE,
        to: T0 + 25 * MINUTE,
        limit: 10,
      };
      const first = await store.queryCandles(query);
      expect(first.items).toEqual(candles.slice(5, 15));
      expect(first.nextCursor).not.toBeNull();
      const second = await store.queryCandles({ ...query, cursor: first.nextCursor ?? undefined });
      expect(second.items).toEqual(candles.slice(15, 25));
      expect(second.nextCursor).toBeNull();
    });

    it('returns the newest candles in ascending order', async () => {
      const symbol = freshSymbol();
      const candles = makeCandles(symbol, 1500);
      await store.upsertCandles(candles);
      expect(await store.latestCandles(symbol, '1m', 1000)).toEqual(candles.slice(500));
      expect(await store.latestCandles(symbol, '1m', 3)).toEqual(candles.slice(1497));
      const few = freshSymbol();
      await store.upsertCandles(makeCandles(few, 4));
      expect(await store.latestCandles(few, '1m', 1000)).toEqual(makeCandles(few, 4));
    });

    it(`rejects a limit outside 1..${MAX_QUERY_LIMIT} with a clear error, and accepts ${MAX_QUERY_LIMIT}`, async () => {
      const symbol = freshSymbol();
      for (const limit of [0, -1, MAX_QUERY_LIMIT + 1, 1.5, Number.NaN]) {
        const err = await rejection(store.queryCandles({ symbol, timeframe: '1m', limit }));
        expect(err.code).toBe('STORE_INVALID_LIMIT');
        expect(err.statusCode).toBe(400);
        expect(err.message).toContain(String(MAX_QUERY_LIMIT));
        expect((await rejection(store.latestCandles(symbol, '1m', limit))).code).toBe('STORE_INVALID_LIMIT');
        expect((await rejection(store.queryTrades({ symbol, limit }))).code).toBe('STORE_INVALID_LIMIT');
      }
      await expect(store.queryCandles({ symbol, timeframe: '1m', limit: MAX_QUERY_LIMIT })).resolves.toEqual({
        items: [],
        nextCursor: null,
      });
    });

    it('rejects a cursor it did not make', async () => {
      const symbol = freshSymbol();
      await store.upsertCandles(makeCandles(symbol, 3));
      await store.insertTrades([
        { symbol, type: 'spot', timestamp: T0, price: 1, amount: 1 },
        { symbol, type: 'spot', timestamp: T0, price: 1, amount: 1 },
      ]);
      const tradeCursor = (await store.queryTrades({ symbol, limit: 1 })).nextCursor ?? '';
      for (const cursor of ['garbage', '', 'eyJrIjoiYyJ9', tradeCursor]) {
        const err = await rejection(store.queryCandles({ symbol, timeframe: '1m', limit: 1, cursor }));
        expect(err.code).toBe('STORE_INVALID_CURSOR');
        expect(err.statusCode).toBe(400);
      }
    });

    it('stores trades, pages through ties in time without repeat or skip, and stores an id once', async () => {
      const symbol = freshSymbol();
      const trades: Trade[] = Array.from({ length: 11 }, (_, i) => ({
        symbol,
        type: 'spot',
        timestamp: T0 + Math.floor(i / 4) * 1000,
        price: 10 + i,
        amount: 0.5 + i,
        ...(i % 3 === 0 ? {} : { id: `id-${i}`, side: i % 2 === 0 ? ('buy' as const) : ('sell' as const) }),
      }));
      await store.insertTrades(trades.slice(0, 6));
      await store.insertTrades(trades.slice(4));
      await store.insertTrades([{ ...trades[1]!, price: 999 }]);
      const seen: Trade[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 20; pages++) {
        const page = await store.queryTrades({ symbol, limit: 3, cursor });
        seen.push(...page.items);
        if (page.nextCursor === null) break;
        cursor = page.nextCursor;
      }
      expect(seen).toEqual(trades);
      const ranged = await store.queryTrades({ symbol, from: T0 + 1000, to: T0 + 2000, limit: 100 });
      expect(ranged.items).toEqual(trades.slice(4, 8));
    });

    it('prunes trades older than a time and says how many went', async () => {
      const symbol = freshSymbol();
      const trades: Trade[] = Array.from({ length: 10 }, (_, i) => ({
        symbol,
        type: 'spot',
        timestamp: T0 - 1_000_000 + i * 1000,
        price: 1 + i,
        amount: 1,
        id: `p${i}`,
      }));
      await store.insertTrades(trades);
      const cut = trades[6]!.timestamp;
      // Other tests' trades are all newer than `cut`, so exactly these six go.
      expect(await store.pruneTrades(cut)).toBe(6);
      expect((await store.queryTrades({ symbol, limit: 100 })).items).toEqual(trades.slice(6));
      expect(await store.pruneTrades(cut)).toBe(0);
    });
  });
}
