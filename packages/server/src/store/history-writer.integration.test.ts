import type { Candle, Trade } from '@tickdeck/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, havePg, noPgReason, pgUrl } from '../testing/services.test-helpers.js';
import type { HistoryStore } from './history-store.js';
import { HistoryWriter, type HistoryWriterState } from './history-writer.js';
import { openPostgresHistoryStore } from './postgres/postgres-history-store.js';
import { TcpProxy, waitFor } from './tcp-proxy.test-helpers.js';

const T0 = Date.UTC(2024, 0, 1);
const candle = (i: number, close = 100 + i): Candle => ({
  symbol: 'BTC/USDT',
  timeframe: '1m',
  time: T0 + i * 60_000,
  open: 100,
  high: Math.max(100, close),
  low: Math.min(100, close),
  close,
  volume: i / 3,
  trades: i,
  closed: true,
});
const trade = (i: number): Trade => ({
  symbol: 'BTC/USDT',
  type: 'spot',
  timestamp: T0 + i * 10,
  price: 100 + i / 7,
  amount: 0.1 * i,
  id: `t${i}`,
  side: i % 2 ? 'buy' : 'sell',
});

describe.skipIf(!havePg)(`HistoryWriter over PostgreSQL through an outage (skipped: ${noPgReason})`, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let proxy: TcpProxy;
  let viaProxy: HistoryStore;
  let direct: HistoryStore;
  const poolErrors: Error[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const target = new URL(pgUrl);
    proxy = await new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) }).start();
    const url = new URL(db.url);
    url.host = `127.0.0.1:${proxy.port}`;
    viaProxy = await openPostgresHistoryStore({
      url: url.toString(),
      poolSize: 3,
      connectionTimeoutMs: 1000,
      queryTimeoutMs: 5000,
      onError: (err) => poolErrors.push(err),
    });
    direct = await openPostgresHistoryStore({ url: db.url, poolSize: 1, migrate: false });
  });
  afterAll(async () => {
    await viaProxy?.close();
    await direct?.close();
    await proxy?.cut();
    await db?.drop();
  });

  it('buffers during the outage, reports degraded then down, and flushes everything when PostgreSQL is back', async () => {
    const states: HistoryWriterState[] = [];
    const writer = new HistoryWriter(viaProxy, {
      flushIntervalMs: 50,
      retryInitialMs: 50,
      retryMaxMs: 200,
      downAfterMs: 300,
      onStatus: (s) => states.push(s.state),
    });
    for (let i = 0; i < 10; i++) {
      writer.writeCandle(candle(i));
      writer.writeTrade(trade(i));
    }
    await writer.flush();
    expect((await direct.latestCandles('BTC/USDT', '1m', 100)).length).toBe(10);

    await proxy.cut();
    for (let i = 10; i < 30; i++) writer.writeCandle(candle(i));
    writer.writeCandle(candle(5, 555));
    for (let i = 10; i < 60; i++) writer.writeTrade(trade(i));
    await waitFor('the writer to report down', () => writer.status().state === 'down');
    expect(writer.status()).toMatchObject({ buffered: 21 + 50, droppedCandles: 0, droppedTrades: 0 });
    expect(writer.status().reason).toMatch(/PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:\d+/);
    expect((await direct.latestCandles('BTC/USDT', '1m', 100)).length).toBe(10);

    await proxy.restore();
    await waitFor(
      'the writer to catch up',
      () => writer.status().state === 'ok' && writer.status().buffered === 0,
    );
    expect(states).toEqual(['degraded', 'down', 'ok']);

    const expected = Array.from({ length: 30 }, (_, i) => (i === 5 ? candle(5, 555) : candle(i)));
    expect((await direct.queryCandles({ symbol: 'BTC/USDT', timeframe: '1m', limit: 100 })).items).toEqual(
      expected,
    );
    const trades = await direct.queryTrades({ symbol: 'BTC/USDT', limit: 100 });
    expect(trades.items).toEqual(Array.from({ length: 60 }, (_, i) => trade(i)));
    // The pool made new connections by itself.
    await expect(viaProxy.ping()).resolves.toBeUndefined();
    expect(await writer.close()).toEqual({ lost: 0 });
  });
});
