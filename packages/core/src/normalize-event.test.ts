import { describe, expect, it } from 'vitest';
import { Drop, normalizeEvent, type NormalizeBounds } from './normalize-event.js';
import { SymbolNormalizer } from './symbol.js';

const NOW = Date.UTC(2024, 6, 1, 12);
const bounds: NormalizeBounds = { minTimestampMs: Date.UTC(2009, 0, 1), maxFutureSkewMs: 60_000 };
const norm = (raw: unknown) => normalizeEvent('src', raw, NOW, new SymbolNormalizer(), bounds);
const reason = (raw: unknown) => {
  const r = norm(raw);
  return r instanceof Drop ? r.reason : 'OK';
};

// Shaped as ccxt returns them: every unified field present, many undefined, the exchange's raw `info`.
const ccxtTicker = {
  symbol: 'BTC/USDT:USDT',
  info: { s: 'BTCUSDT', c: '65000.1' },
  timestamp: NOW - 150,
  datetime: new Date(NOW - 150).toISOString(),
  high: 66000,
  low: 64000,
  bid: 65000,
  bidVolume: 1.2,
  ask: 65000.1,
  askVolume: 0.4,
  vwap: 65010,
  open: 64500,
  close: 65000.1,
  last: 65000.1,
  previousClose: undefined,
  change: 500.1,
  percentage: 0.775,
  average: 64750.05,
  baseVolume: 12345.6,
  quoteVolume: 802_000_000,
  markPrice: undefined,
  indexPrice: undefined,
};
const ccxtTrade = {
  info: { e: 'trade', t: 123 },
  amount: 0.25,
  datetime: new Date(NOW - 40).toISOString(),
  id: '123',
  order: undefined,
  price: 65000,
  timestamp: NOW - 40,
  type: undefined,
  side: 'sell',
  symbol: 'BTC/USDT',
  takerOrMaker: 'taker',
  cost: 16250,
  fee: undefined,
  fees: [],
};

describe('normalizeEvent', () => {
  it("accepts ccxt's unified Ticker as it is", () => {
    expect(norm({ kind: 'ticker', ticker: ccxtTicker })).toEqual({
      kind: 'ticker',
      source: 'src',
      receivedAt: NOW,
      ticker: {
        symbol: 'BTC/USDT',
        type: 'swap',
        timestamp: NOW - 150,
        bid: 65000,
        ask: 65000.1,
        bidVolume: 1.2,
        askVolume: 0.4,
        last: 65000.1,
        open: 64500,
        high: 66000,
        low: 64000,
        close: 65000.1,
        baseVolume: 12345.6,
        quoteVolume: 802_000_000,
        percentage: 0.775,
      },
    });
  });

  it("accepts ccxt's unified Trade as it is, dropping the extra fields", () => {
    expect(norm({ kind: 'trade', trade: ccxtTrade })).toEqual({
      kind: 'trade',
      source: 'src',
      receivedAt: NOW,
      trade: {
        id: '123',
        symbol: 'BTC/USDT',
        type: 'spot',
        timestamp: NOW - 40,
        price: 65000,
        amount: 0.25,
        side: 'sell',
      },
    });
    const t = norm({
      kind: 'trade',
      trade: { ...ccxtTrade, id: 77, side: null, type: 'limit', symbol: 'ETH/BTC' },
    });
    expect(t).toMatchObject({ trade: { id: '77', side: undefined, type: 'spot' } });
  });

  it("accepts ccxt's OHLCV row as a backfilled candle", () => {
    const t = NOW - 3_600_000;
    expect(
      norm({
        kind: 'candle',
        symbol: 'eth/usdt:USDT-250328',
        timeframe: '1h',
        ohlcv: [t, 1, 2, 0.5, 1.5, 100],
      }),
    ).toEqual({
      kind: 'candle',
      source: 'src',
      receivedAt: NOW,
      symbol: 'ETH/USDT',
      type: 'future',
      timeframe: '1h',
      ohlcv: [t, 1, 2, 0.5, 1.5, 100],
    });
    expect(
      norm({
        kind: 'candle',
        symbol: 'A/B',
        marketType: 'swap',
        timeframe: '1m',
        ohlcv: [t, 1, 1, 1, 1, null],
      }),
    ).toMatchObject({
      type: 'swap',
      ohlcv: [t, 1, 1, 1, 1, 0],
    });
  });

  it('falls back to the time of receipt for a ticker or book without a timestamp, and says so', () => {
    expect(norm({ kind: 'ticker', ticker: { symbol: 'A/B', timestamp: null, last: 1 } })).toMatchObject({
      ticker: { timestamp: NOW },
      unstamped: true,
    });
    expect(
      norm({ kind: 'book', book: { symbol: 'A/B', bid: 1, bidSize: 0, ask: 1, askSize: 0 } }),
    ).toMatchObject({
      book: { timestamp: NOW, bid: 1, ask: 1 },
      unstamped: true,
    });
    expect(norm({ kind: 'ticker', ticker: ccxtTicker })).not.toHaveProperty('unstamped');
  });

  it('takes the market type from marketType, or from type when it names one', () => {
    expect(norm({ kind: 'trade', trade: { ...ccxtTrade, marketType: 'margin' } })).toMatchObject({
      trade: { type: 'margin' },
    });
    expect(norm({ kind: 'trade', trade: { ...ccxtTrade, type: 'swap' } })).toMatchObject({
      trade: { type: 'swap' },
    });
    expect(reason({ kind: 'ticker', ticker: { ...ccxtTicker, marketType: 'perpetual' } })).toBe('SCHEMA');
  });

  it('applies the timestamp bounds', () => {
    expect(reason({ kind: 'trade', trade: { ...ccxtTrade, timestamp: NOW + 60_000 } })).toBe('OK');
    expect(reason({ kind: 'trade', trade: { ...ccxtTrade, timestamp: NOW + 60_001 } })).toBe('TIMESTAMP');
    expect(reason({ kind: 'trade', trade: { ...ccxtTrade, timestamp: Date.UTC(2009, 0, 1) } })).toBe('OK');
    expect(reason({ kind: 'trade', trade: { ...ccxtTrade, timestamp: Date.UTC(2009, 0, 1) - 1 } })).toBe(
      'TIMESTAMP',
    );
    expect(
      reason({
        kind: 'book',
        book: { symbol: 'A/B', timestamp: NOW + 1e6, bid: 1, bidSize: 0, ask: 1, askSize: 0 },
      }),
    ).toBe('TIMESTAMP');
  });

  it('allows a locked book and zero sizes, refuses a crossed one', () => {
    expect(reason({ kind: 'ticker', ticker: { symbol: 'A/B', bid: 2, ask: 2, bidVolume: 0 } })).toBe('OK');
    expect(reason({ kind: 'ticker', ticker: { symbol: 'A/B', bid: 2.0001, ask: 2 } })).toBe('CROSSED_BOOK');
    expect(reason({ kind: 'trade', trade: { ...ccxtTrade, amount: 0 } })).toBe('OK');
  });

  it('reports short details that quote at most 32 characters of a bad value', () => {
    const d = norm({ kind: 'trade', trade: { ...ccxtTrade, symbol: `<script>${'x'.repeat(60)}` } }) as Drop;
    expect(d.reason).toBe('SYMBOL');
    expect(d.detail).toBe(`symbol ${JSON.stringify(`<script>${'x'.repeat(24)}`)}`);
    expect((norm({ kind: { toString: () => 'x'.repeat(500) } }) as Drop).detail.length).toBeLessThanOrEqual(
      40,
    );
  });
});
