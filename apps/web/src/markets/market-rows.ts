/**
 * The market grid's rows as data: built from tickers and metrics, filtered and sorted. Pure.
 * @module
 */
import type { MarketMetrics, Ticker } from '@tickdeck/protocol';
import { spreadBps } from '../format/format.js';

/** A row without an update for this long is marked stale, ms. */
export const ROW_STALE_AFTER_MS = 30_000;

export interface MarketRow {
  symbol: string;
  last: number | null;
  changePct: number | null;
  spreadBps: number | null;
  volume: number | null;
  /** The server says the feed is stale (metrics), independently of our connection. */
  feedStale: boolean;
  /** Clock time of the last update received for this row, ms. */
  receivedAt: number;
}

export type SortKey = 'symbol' | 'last' | 'changePct' | 'spreadBps' | 'volume';

export interface SortSpec {
  key: SortKey;
  dir: 'asc' | 'desc';
}

const num = (v: number | null | undefined): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;

/**
 * A row from the latest ticker, completed by the symbol's metrics where the ticker lacks a field
 * (the spread comes from the ticker's own bid and ask first: they are newer).
 */
export const buildRow = (
  symbol: string,
  ticker: Ticker | undefined,
  metrics: MarketMetrics | undefined,
  receivedAt: number,
): MarketRow => ({
  symbol,
  last: num(ticker?.last) ?? num(ticker?.close) ?? num(metrics?.last),
  changePct: num(ticker?.percentage) ?? num(metrics?.change24hPct),
  spreadBps: spreadBps(ticker?.bid, ticker?.ask) ?? num(metrics?.spreadBps),
  volume: num(ticker?.baseVolume) ?? num(metrics?.volume24h),
  feedStale: metrics?.stale ?? false,
  receivedAt,
});

/** Whether a row should carry the stale marker at clock time `now`. */
export const isRowStale = (row: MarketRow, now: number, staleAfterMs = ROW_STALE_AFTER_MS): boolean =>
  row.feedStale || now - row.receivedAt > staleAfterMs;

const squash = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Rows whose symbol contains `text`, ignoring case and separators (`btcusdt`, `btc/`, `usdt`). */
export const filterRows = <R extends { symbol: string }>(rows: readonly R[], text: string): R[] => {
  const needle = squash(text);
  const hasSlash = text.includes('/');
  if (needle === '') return [...rows];
  return rows.filter((r) => {
    if (hasSlash) return r.symbol.includes(text.trim().toUpperCase());
    return squash(r.symbol).includes(needle);
  });
};

/** Rows sorted by `spec`; missing values always last; ties by symbol ascending. */
export const sortRows = <R extends MarketRow>(rows: readonly R[], spec: SortSpec): R[] => {
  const sign = spec.dir === 'asc' ? 1 : -1;
  const bySymbol = (a: R, b: R): number => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0);
  return [...rows].sort((a, b) => {
    if (spec.key === 'symbol') return sign * bySymbol(a, b);
    const x = a[spec.key];
    const y = b[spec.key];
    if (x === null && y === null) return bySymbol(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return x === y ? bySymbol(a, b) : sign * (x - y);
  });
};

/** The next sort after a click on column `key`: toggles direction on the same column. */
export const nextSort = (current: SortSpec, key: SortKey): SortSpec =>
  current.key === key
    ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' }
    : { key, dir: key === 'symbol' ? 'asc' : 'desc' };
