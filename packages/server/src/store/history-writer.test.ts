import type { Candle, Trade } from '@tickdeck/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FlakyHistoryStore } from './flaky-history-store.test-helpers.js';
import { HistoryWriter, type HistoryWriterOptions, type HistoryWriterStatus } from './history-writer.js';

const T0 = Date.UTC(2024, 0, 1);

const candle = (i: number, close = 100 + i, symbol = 'BTC/USDT'): Candle => ({
  symbol,
  timeframe: '1m',
  time: T0 + i * 60_000,
  open: 100,
  high: Math.max(100, close),
  low: Math.min(100, close),
  close,
  volume: 1,
  trades: 1,
  closed: false,
});

const trade = (i: number): Trade => ({
  symbol: 'BTC/USDT',
  type: 'spot',
  timestamp: T0 + i,
  price: 100 + i / 10,
  amount: 1,
  id: `t${i}`,
});

describe('HistoryWriter', () => {
  let store: FlakyHistoryStore;
  let statuses: HistoryWriterStatus[];
  let writer: HistoryWriter;
  const make = (options: HistoryWriterOptions = {}) => {
    writer = new HistoryWriter(store, { onStatus: (s) => statuses.push(s), ...options });
    return writer;
  };

  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
    store = new FlakyHistoryStore();
    statuses = [];
  });
  afterEach(async () => {
    store.failing = false;
    await writer?.close();
    vi.useRealTimers();
  });

  it('coalesces candle updates by key and writes once per interval, last write wins', async () => {
    make({ flushIntervalMs: 250 });
    for (let v = 0; v < 100; v++) writer.writeCandle(candle(1, 200 + v));
    writer.writeCandle(candle(2));
    const c = candle(3);
    writer.writeCandle(c);
    c.close = -1; // the writer holds a copy
    await vi.advanceTimersByTimeAsync(249);
    expect(store.attempts).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(store.attempts).toEqual([{ at: T0 + 250, kind: 'candles', size: 3, ok: true }]);
    expect([...store.candles.values()]).toEqual([candle(1, 299), candle(2), candle(3)]);
    expect(writer.status()).toMatchObject({ state: 'ok', buffered: 0, written: 3, droppedTrades: 0 });
  });

  it('flushes at once when maxBatch items wait, in batches of maxBatch', async () => {
    make({ flushIntervalMs: 10_000, maxBatch: 10 });
    for (let i = 0; i < 25; i++) writer.writeTrade(trade(i));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.attempts.map((a) => a.size)).toEqual([10, 10]);
    expect(writer.status().buffered).toBe(5);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(store.trades).toEqual(Array.from({ length: 25 }, (_, i) => trade(i)));
  });

  it('buffers while the store fails, backs off exponentially, goes degraded then down, then flushes all', async () => {
    make({ flushIntervalMs: 250, retryInitialMs: 100, retryMaxMs: 800, downAfterMs: 1000 });
    store.failing = true;
    for (let i = 0; i < 5; i++) writer.writeCandle(candle(i));
    for (let i = 0; i < 20; i++) writer.writeTrade(trade(i));
    await vi.advanceTimersByTimeAsync(250);
    expect(writer.status()).toMatchObject({
      state: 'degraded',
      buffered: 25,
      failures: 1,
      reason: 'store unreachable',
    });
    // Writes during the outage neither throw nor trigger extra attempts; updates still coalesce.
    writer.writeCandle(candle(4, 444));
    writer.writeTrade(trade(20));
    await vi.advanceTimersByTimeAsync(100 + 200 + 400 + 800 + 800);
    const failedAt = store.attempts.filter((a) => !a.ok).map((a) => a.at - T0);
    const gaps = failedAt.slice(1).map((t, i) => t - failedAt[i]!);
    expect(gaps).toEqual([100, 200, 400, 800, 800]);
    expect(writer.status()).toMatchObject({ state: 'down', buffered: 26 });

    store.failing = false;
    await vi.advanceTimersByTimeAsync(800);
    expect(writer.status()).toMatchObject({ state: 'ok', buffered: 0, failures: 0, droppedTrades: 0 });
    expect(statuses.map((s) => s.state)).toEqual(['degraded', 'down', 'ok']);
    expect([...store.candles.values()]).toEqual([0, 1, 2, 3].map((i) => candle(i)).concat(candle(4, 444)));
    expect(store.trades).toEqual(Array.from({ length: 21 }, (_, i) => trade(i)));
  });

  it('past maxBuffered drops the oldest trades first, then the oldest candles, and counts them', async () => {
    make({ maxBuffered: 50, maxBatch: 1000, retryInitialMs: 100, retryMaxMs: 100 });
    store.failing = true;
    for (let i = 0; i < 10; i++) writer.writeCandle(candle(i));
    for (let i = 0; i < 100; i++) writer.writeTrade(trade(i));
    await vi.advanceTimersByTimeAsync(300);
    expect(writer.status()).toMatchObject({ buffered: 50, droppedTrades: 60, droppedCandles: 0 });
    for (let i = 10; i < 70; i++) writer.writeCandle(candle(i));
    expect(writer.status()).toMatchObject({ buffered: 50, droppedTrades: 100, droppedCandles: 20 });

    store.failing = false;
    await writer.flush();
    expect(store.trades).toEqual([]);
    expect([...store.candles.values()]).toEqual(Array.from({ length: 50 }, (_, i) => candle(20 + i)));
  });

  it('keeps the trades of a half-written batch in order and does not write its candles twice', async () => {
    make({ retryInitialMs: 50 });
    store.failTrades = true;
    writer.writeCandle(candle(1));
    writer.writeTrade(trade(1));
    await vi.advanceTimersByTimeAsync(250);
    writer.writeTrade(trade(2));
    store.failTrades = false;
    await vi.advanceTimersByTimeAsync(50);
    expect(store.attempts.map((a) => `${a.kind}:${a.size}:${a.ok}`)).toEqual([
      'candles:1:true',
      'trades:1:false',
      'trades:2:true',
    ]);
    expect(store.trades).toEqual([trade(1), trade(2)]);
  });

  it('flush() rejects while the store fails, keeping the data, and resolves once it is back', async () => {
    make();
    store.failing = true;
    writer.writeTrade(trade(1));
    await expect(writer.flush()).rejects.toThrow('store unreachable');
    expect(writer.status().buffered).toBe(1);
    store.failing = false;
    await writer.flush();
    expect(store.trades).toEqual([trade(1)]);
  });

  it('close() writes the backlog; if the store stays down it gives up at the deadline and says what is lost', async () => {
    make({ closeTimeoutMs: 1000, retryInitialMs: 100 });
    writer.writeCandle(candle(1));
    expect(await writer.close()).toEqual({ lost: 0 });
    expect(store.candles.size).toBe(1);

    make({ closeTimeoutMs: 1000, retryInitialMs: 100 });
    store.failing = true;
    writer.writeCandle(candle(2));
    writer.writeTrade(trade(1));
    const closing = writer.close();
    await vi.advanceTimersByTimeAsync(1000);
    expect(await closing).toEqual({ lost: 2 });
    writer.writeTrade(trade(2));
    expect(writer.status()).toMatchObject({ buffered: 0, droppedTrades: 2, droppedCandles: 1 });
  });
});
