import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSink, waitFor } from '../testing/collect-sink.test-helpers.js';
import { CcxtSource } from './ccxt-source.js';
import type { ProExchange } from './pro-exchange.js';
import { type MockBinance, type MockKline, startMockBinance } from './testing/mock-binance.test-helpers.js';

const T = Date.UTC(2024, 4, 1, 12, 0);

function market(base: string, quote: string) {
  const id = `${base}${quote}`;
  return {
    id,
    lowercaseId: id.toLowerCase(),
    symbol: `${base}/${quote}`,
    base,
    quote,
    baseId: base,
    quoteId: quote,
    type: 'spot',
    spot: true,
    margin: false,
    swap: false,
    future: false,
    option: false,
    contract: false,
    active: true,
    precision: { amount: 0.00001, price: 0.01 },
    limits: { amount: { min: 0.00001, max: 9000 }, price: { min: 0.01, max: 1e6 }, cost: { min: 5 } },
  };
}

function klinesFor(n: number, base: number): MockKline[] {
  return Array.from({ length: n }, (_, i) => {
    const o = base + i;
    return { t: T - (n - i) * 60_000, o, h: o + 2, l: o - 1, c: o + 1, v: 10 + i };
  });
}

let mock: MockBinance;
let ex: InstanceType<typeof ccxt.pro.binance>;

beforeAll(async () => {
  mock = await startMockBinance();
  mock.klines.set('BTCUSDT', klinesFor(1200, 60_000));
  mock.klines.set('ETHUSDT', klinesFor(10, 3000));
  ex = new ccxt.pro.binance({ enableRateLimit: false });
  const urls = ex.urls as unknown as { api: { ws: { spot: string }; public: string } };
  urls.api.ws.spot = mock.wsUrl;
  urls.api.public = mock.restUrl;
  ex.setMarkets([market('BTC', 'USDT'), market('ETH', 'USDT')] as never);
  // Without it, ccxt refuses plain ws:// URLs.
  await ex.loadHttpProxyAgent();
});

afterAll(async () => {
  await ex.close().catch(() => undefined);
  await mock.close();
});

describe('CcxtSource against a local mock Binance, with real ccxt', () => {
  it('backfills, streams trades, tickers, candles and the book top, and resumes after a drop', async () => {
    const sink = collectSink();
    const src = new CcxtSource(
      { exchange: 'binance', symbols: ['BTC/USDT', 'ETH/USDT'], reconnectMinMs: 50, reconnectMaxMs: 200 },
      { createExchange: () => ex as unknown as ProExchange },
    );
    await src.start(sink);
    const streams = ['trade', 'miniTicker', 'kline_1m', 'depth@100ms'];
    const all = ['btcusdt', 'ethusdt'].flatMap((s) => streams.map((x) => `${s}@${x}`));
    await waitFor(() => all.every((s) => mock.subscribed().has(s)), 5000, 'subscriptions');

    // Backfill: the last 1000 of the mock's 1200 BTC candles, and all 10 ETH ones, as numbers.
    const candles = (symbol: string) =>
      sink.events
        .filter((e) => e.kind === 'candle' && e.symbol === symbol)
        .map((e) => (e.kind === 'candle' ? e.ohlcv : null));
    await waitFor(
      () => candles('BTC/USDT').length >= 1000 && candles('ETH/USDT').length >= 10,
      5000,
      'backfill',
    );
    const expectRows = (ks: MockKline[]) => ks.map((k) => [k.t, k.o, k.h, k.l, k.c, k.v]);
    expect(candles('BTC/USDT')).toEqual(expectRows(mock.klines.get('BTCUSDT')!.slice(-1000)));
    expect(candles('ETH/USDT')).toEqual(expectRows(mock.klines.get('ETHUSDT')!));
    const first = sink.events.find((e) => e.kind === 'candle');
    expect(first).toMatchObject({ kind: 'candle', symbol: 'BTC/USDT', marketType: 'spot', timeframe: '1m' });

    // Book snapshot from REST first, then a delta moves the top.
    const books = () =>
      sink.events.filter((e) => e.kind === 'book').map((e) => (e.kind === 'book' ? e.book : null));
    await waitFor(() => books().length >= 2, 5000, 'book snapshots');
    expect(books()).toContainEqual(
      expect.objectContaining({ symbol: 'BTC/USDT', bid: 99, bidSize: 1, ask: 101, askSize: 1 }),
    );
    mock.depth('BTCUSDT', [100, 2.5], [100.5, 0.75], T + 5);

    mock.trade('BTCUSDT', { id: 77, price: 60_123.45, amount: 0.0125, time: T + 1, buyerMaker: true });
    mock.ticker('BTCUSDT', { bid: 60_120, ask: 60_121.5, last: 60_123.45, open: 59_000, time: T + 2 });
    const live = { t: T, o: 60_100, h: 60_130, l: 60_090, c: 60_123.45, v: 3.5 };
    mock.kline('BTCUSDT', live, false);
    await waitFor(
      () => sink.events.some((e) => e.kind === 'trade') && sink.events.some((e) => e.kind === 'ticker'),
      5000,
      'trade and ticker',
    );
    await waitFor(() => candles('BTC/USDT').some((c) => (c as number[])[0] === T), 5000, 'live kline');
    await waitFor(() => books().some((b) => (b as { bid: number }).bid === 100), 5000, 'book delta');

    const trade = sink.events.find((e) => e.kind === 'trade');
    expect(trade).toMatchObject({
      kind: 'trade',
      trade: {
        id: '77',
        symbol: 'BTC/USDT',
        timestamp: T + 1,
        price: 60_123.45,
        amount: 0.0125,
        side: 'sell',
      },
    });
    const ticker = sink.events.find((e) => e.kind === 'ticker');
    expect(ticker).toMatchObject({
      kind: 'ticker',
      ticker: {
        symbol: 'BTC/USDT',
        timestamp: T + 2,
        last: 60_123.45,
        open: 59_000,
        high: 60_123.45,
        low: 59_000,
        baseVolume: 100,
      },
    });
    expect(candles('BTC/USDT').at(-1)).toEqual([T, 60_100, 60_130, 60_090, 60_123.45, 3.5]);
    expect(books().at(-1)).toMatchObject({
      symbol: 'BTC/USDT',
      timestamp: T + 5,
      bid: 100,
      bidSize: 2.5,
      ask: 100.5,
      askSize: 0.75,
    });
    expect(src.status().state).toBe('live');

    // The connection drops mid-stream: not live, reconnects by itself, data resumes.
    const before = mock.connections;
    const klineRequests = mock.requests.filter((r) => r.includes('klines') && r.includes('BTCUSDT')).length;
    mock.drop();
    await waitFor(() => src.status().state !== 'live', 5000, 'not live after the drop');
    expect(src.status().reason).toMatch(/binance .*(NetworkError|closed|Connection)/i);
    await waitFor(
      () => mock.connections > before && all.every((s) => mock.subscribed().has(s)),
      5000,
      'resubscribed',
    );
    const trades = () => sink.events.filter((e) => e.kind === 'trade').length;
    for (let i = 0; i < 100 && trades() < 2; i++) {
      mock.trade('BTCUSDT', { id: 78, price: 60_200, amount: 0.5, time: T + 60_000, buyerMaker: false });
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(sink.events.filter((e) => e.kind === 'trade').at(-1)).toMatchObject({
      trade: { id: '78', price: 60_200, amount: 0.5, side: 'buy' },
    });
    await waitFor(() => src.status().state === 'live', 5000, 'live again');
    expect(src.status().reconnects).toBeGreaterThanOrEqual(1);
    const states = sink.states();
    const dropAt = states.lastIndexOf('failed');
    expect(states.slice(dropAt)).toEqual(expect.arrayContaining(['failed', 'connecting', 'live']));
    // The candle loop fetched the candles it missed, from the last one it had.
    const gapFills = mock.requests.filter(
      (r) => r.includes('klines') && r.includes('BTCUSDT') && r.includes('startTime='),
    );
    expect(mock.requests.filter((r) => r.includes('klines') && r.includes('BTCUSDT')).length).toBeGreaterThan(
      klineRequests,
    );
    expect(gapFills.at(-1)).toContain(`startTime=${T}`);

    await src.stop();
    expect(src.status().state).toBe('stopped');
    expect(sink.states().at(-1)).toBe('stopped');
  }, 30_000);

  it('reports an unknown exchange id as failed, in plain words', async () => {
    const sink = collectSink();
    const src = new CcxtSource({ exchange: 'nosuchexchange', symbols: ['BTC/USDT'] });
    await src.start(sink);
    expect(src.status()).toMatchObject({
      state: 'failed',
      reason: expect.stringContaining('no WebSocket (pro) exchange named "nosuchexchange"'),
    });
    await src.stop();
  });
});
