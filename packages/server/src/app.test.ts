import { ManualClock } from '@tickdeck/core';
import type { Candle, DependencyStatus } from '@tickdeck/protocol';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { MemoryLiveState } from './live/memory/memory-live-state.js';
import type { HistoryStore } from './store/history-store.js';
import { openPgliteHistoryStore } from './store/pglite/pglite-history-store.js';

const candle = (i: number): Candle => ({
  symbol: 'BTC/USDT',
  timeframe: '1m',
  time: i * 60_000,
  open: 100 + i,
  high: 101 + i,
  low: 99 + i,
  close: 100.5 + i,
  volume: 2,
  trades: 3,
  closed: true,
});

describe('REST API', () => {
  let app: FastifyInstance;
  let history: HistoryStore;
  const live = new MemoryLiveState();
  let deps: DependencyStatus[] = [{ name: 'history', state: 'up' }];

  beforeAll(async () => {
    history = await openPgliteHistoryStore({ inMemory: true });
    await history.upsertCandles(Array.from({ length: 30 }, (_, i) => candle(i)));
    await history.insertTrades(
      Array.from({ length: 5 }, (_, i) => ({
        id: `t${i}`,
        symbol: 'BTC/USDT',
        type: 'spot' as const,
        timestamp: 1000 + i,
        price: 100 + i,
        amount: 0.5,
        side: i % 2 ? ('sell' as const) : ('buy' as const),
      })),
    );
    live.setMetrics({
      symbol: 'BTC/USDT',
      type: 'spot',
      last: 100.5,
      bid: 100,
      ask: 101,
      spread: 1,
      spreadBps: 99.5,
      change24hPct: null,
      volume24h: 3,
      msgsPerSec: 2,
      feedLatencyMs: 4,
      silenceMs: 10,
      stale: false,
      uptimeMs: 1000,
      asOf: 1234,
    });
    live.setTicker({ symbol: 'ETH/USDT', type: 'spot', timestamp: 2, bid: 10, ask: 11, last: 10.5 });
    live.setTicker({ symbol: 'BTC/USDT', type: 'spot', timestamp: 1, bid: 100, ask: 101, last: 100.5 });
    app = await buildApp({
      logger: pino({ level: 'silent' }),
      clock: new ManualClock(1234),
      history,
      live,
      version: '9.9.9',
      markets: () => [
        { symbol: 'BTC/USDT', type: 'spot', source: 'simulator' },
        { symbol: 'ETH/USDT', type: 'spot', source: 'simulator' },
      ],
      readiness: async () => deps,
      system: async () => ({
        time: 1234,
        cpuPct: 1.5,
        rssBytes: 1,
        heapUsedBytes: 2,
        eventLoopLagMs: 0.5,
        msgsInPerSec: 10,
        msgsOutPerSec: 20,
        connections: 3,
        uptimeMs: 5,
        sources: [],
        stores: [{ name: 'history', state: 'up' }],
        feedLatencyMs: { simulator: 4 },
      }),
    });
  });
  afterAll(async () => {
    await app.close();
    await history.close();
  });

  it('answers liveness with the version and clock time', async () => {
    const res = await app.inject({ url: '/health' });
    expect(res.json()).toEqual({ status: 'ok', version: '9.9.9', time: 1234 });
  });

  it('reports readiness per dependency, 503 when one is down', async () => {
    expect((await app.inject({ url: '/ready' })).statusCode).toBe(200);
    deps = [{ name: 'history', state: 'down', detail: 'connection refused' }];
    const res = await app.inject({ url: '/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ ready: false, dependencies: deps });
    deps = [{ name: 'history', state: 'degraded' }];
    expect((await app.inject({ url: '/ready' })).statusCode).toBe(200);
  });

  it('lists symbols and the latest tickers, sorted by symbol', async () => {
    expect((await app.inject({ url: '/api/v1/symbols' })).json().symbols).toHaveLength(2);
    const { tickers } = (await app.inject({ url: '/api/v1/tickers' })).json() as {
      tickers: { symbol: string }[];
    };
    expect(tickers.map((t) => t.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
  });

  it('pages candles by cursor in ascending time', async () => {
    const first = (await app.inject({ url: '/api/v1/candles?symbol=BTC/USDT&tf=1m&limit=20' })).json();
    expect(first.candles).toHaveLength(20);
    expect(first.candles[0]).toEqual(candle(0));
    const second = (
      await app.inject({ url: `/api/v1/candles?symbol=BTC/USDT&tf=1m&limit=20&cursor=${first.nextCursor}` })
    ).json();
    expect(second.candles.map((c: Candle) => c.time)).toEqual(
      Array.from({ length: 10 }, (_, i) => (20 + i) * 60_000),
    );
    expect(second.nextCursor).toBeNull();
  });

  it('filters candles by [from, to) and accepts a lower-case symbol', async () => {
    const res = await app.inject({ url: '/api/v1/candles?symbol=btc/usdt&tf=1m&from=120000&to=300000' });
    expect(res.json().candles.map((c: Candle) => c.time)).toEqual([120_000, 180_000, 240_000]);
  });

  it.each([
    ['/api/v1/candles?symbol=BTC/USDT&tf=2m', 400, 'BAD_REQUEST'],
    ['/api/v1/candles?symbol=BTC/USDT&tf=1m&limit=5001', 400, 'BAD_REQUEST'],
    ['/api/v1/candles?symbol=<script>&tf=1m', 400, 'BAD_REQUEST'],
    ['/api/v1/candles?symbol=BTC/USDT&tf=1m&from=10&to=5', 400, 'BAD_REQUEST'],
    ['/api/v1/candles?symbol=BTC/USDT&tf=1m&cursor=bogus', 400, 'BAD_REQUEST'],
    ['/api/v1/candles?symbol=DOGE/USDT&tf=1m', 404, 'NOT_FOUND'],
    ['/api/v1/nothing', 404, 'NOT_FOUND'],
  ])('answers %s with problem+json %i %s', async (url, status, code) => {
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      status,
      code,
      type: `urn:tickdeck:problem:${code.toLowerCase().replace('_', '-')}`,
    });
  });

  it('pages trades by cursor', async () => {
    const first = (await app.inject({ url: '/api/v1/trades?symbol=BTC/USDT&limit=3' })).json();
    expect(first.trades.map((t: { id: string }) => t.id)).toEqual(['t0', 't1', 't2']);
    expect(first.trades[1]).toMatchObject({ price: 101, amount: 0.5, side: 'sell', timestamp: 1001 });
    const rest = (
      await app.inject({ url: `/api/v1/trades?symbol=BTC/USDT&limit=3&cursor=${first.nextCursor}` })
    ).json();
    expect(rest.trades.map((t: { id: string }) => t.id)).toEqual(['t3', 't4']);
    expect(rest.nextCursor).toBeNull();
    expect((await app.inject({ url: '/api/v1/trades?symbol=DOGE/USDT' })).statusCode).toBe(404);
  });

  it('serves live metrics, all or one symbol, and the system health sample', async () => {
    const all = (await app.inject({ url: '/api/v1/metrics' })).json();
    expect(all.metrics).toHaveLength(1);
    expect(all.metrics[0]).toMatchObject({ symbol: 'BTC/USDT', spreadBps: 99.5, change24hPct: null });
    expect((await app.inject({ url: '/api/v1/metrics?symbol=btc/usdt' })).json().metrics[0].asOf).toBe(1234);
    expect((await app.inject({ url: '/api/v1/metrics?symbol=ETH/USDT' })).statusCode).toBe(404);
    const system = (await app.inject({ url: '/api/v1/system' })).json();
    expect(system).toMatchObject({
      connections: 3,
      feedLatencyMs: { simulator: 4 },
      stores: [{ name: 'history' }],
    });
  });

  it('serves the OpenAPI document generated from the route schemas', async () => {
    const doc = (await app.inject({ url: '/docs/json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/ready',
        '/api/v1/symbols',
        '/api/v1/tickers',
        '/api/v1/candles',
        '/api/v1/trades',
        '/api/v1/metrics',
        '/api/v1/system',
      ]),
    );
    expect((await app.inject({ url: '/docs' })).statusCode).toBeLessThan(400);
  });
});
