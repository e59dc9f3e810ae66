import { describe, expect, it } from 'vitest';
import type { MarketMetrics, Ticker } from '@tickdeck/protocol';
import { buildRow, filterRows, isRowStale, nextSort, sortRows } from './market-rows.js';
import type { MarketRow } from './market-rows.js';

const row = (symbol: string, fields: Partial<MarketRow> = {}): MarketRow => ({
  symbol,
  last: null,
  changePct: null,
  spreadBps: null,
  volume: null,
  feedStale: false,
  receivedAt: 0,
  ...fields,
});

const ticker = (fields: Partial<Ticker>): Ticker => ({
  symbol: 'BTC/USDT',
  type: 'spot',
  timestamp: 1,
  ...fields,
});

describe('buildRow', () => {
  it('takes last, change, volume from the ticker and derives the spread from its bid and ask', () => {
    const r = buildRow(
      'BTC/USDT',
      ticker({ last: 100, bid: 99.5, ask: 100.5, percentage: 2, baseVolume: 7 }),
      undefined,
      5,
    );
    expect(r).toEqual({
      symbol: 'BTC/USDT',
      last: 100,
      changePct: 2,
      // (100.5 - 99.5) / 100 * 1e4
      spreadBps: 100,
      volume: 7,
      feedStale: false,
      receivedAt: 5,
    });
  });

  it('falls back to metrics where the ticker is silent, and carries the feed stale flag', () => {
    const metrics = {
      last: 50,
      spreadBps: 3,
      change24hPct: -1.5,
      volume24h: 900,
      stale: true,
    } as MarketMetrics;
    const r = buildRow('ETH/USDT', undefined, metrics, 0);
    expect(r).toMatchObject({ last: 50, spreadBps: 3, changePct: -1.5, volume: 900, feedStale: true });
  });
});

describe('isRowStale', () => {
  it('is stale when the feed says so or when nothing came for too long', () => {
    expect(isRowStale(row('A/B', { receivedAt: 0 }), 29_000)).toBe(false);
    expect(isRowStale(row('A/B', { receivedAt: 0 }), 31_000)).toBe(true);
    expect(isRowStale(row('A/B', { receivedAt: 0, feedStale: true }), 1)).toBe(true);
  });
});

describe('filterRows', () => {
  const rows = ['BTC/USDT', 'ETH/USDT', 'ETH/BTC', 'SOL/USDC'].map((s) => row(s));
  it('matches ignoring case and separators', () => {
    expect(filterRows(rows, 'eth').map((r) => r.symbol)).toEqual(['ETH/USDT', 'ETH/BTC']);
    expect(filterRows(rows, 'btcusdt').map((r) => r.symbol)).toEqual(['BTC/USDT']);
    expect(filterRows(rows, 'btc/').map((r) => r.symbol)).toEqual(['BTC/USDT']);
    expect(filterRows(rows, '  ').length).toBe(4);
    expect(filterRows(rows, 'xyz')).toEqual([]);
  });
});

describe('sortRows', () => {
  const rows = [
    row('C/X', { changePct: 1 }),
    row('A/X', { changePct: null }),
    row('B/X', { changePct: -2 }),
    row('D/X', { changePct: 1 }),
  ];
  it('sorts numbers in both directions, keeps missing values last and breaks ties by symbol', () => {
    expect(sortRows(rows, { key: 'changePct', dir: 'desc' }).map((r) => r.symbol)).toEqual([
      'C/X',
      'D/X',
      'B/X',
      'A/X',
    ]);
    expect(sortRows(rows, { key: 'changePct', dir: 'asc' }).map((r) => r.symbol)).toEqual([
      'B/X',
      'C/X',
      'D/X',
      'A/X',
    ]);
    expect(sortRows(rows, { key: 'symbol', dir: 'desc' }).map((r) => r.symbol)).toEqual([
      'D/X',
      'C/X',
      'B/X',
      'A/X',
    ]);
  });
  it('does not change its input', () => {
    const copy = rows.map((r) => r.symbol);
    sortRows(rows, { key: 'symbol', dir: 'asc' });
    expect(rows.map((r) => r.symbol)).toEqual(copy);
  });
});

describe('nextSort', () => {
  it('toggles on the same column, starts numbers descending and symbols ascending', () => {
    expect(nextSort({ key: 'symbol', dir: 'asc' }, 'symbol')).toEqual({ key: 'symbol', dir: 'desc' });
    expect(nextSort({ key: 'symbol', dir: 'asc' }, 'volume')).toEqual({ key: 'volume', dir: 'desc' });
    expect(nextSort({ key: 'volume', dir: 'desc' }, 'symbol')).toEqual({ key: 'symbol', dir: 'asc' });
  });
});
