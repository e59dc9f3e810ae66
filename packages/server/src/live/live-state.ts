/**
 * LiveState: the latest values a dashboard opens with.
 *
 * Guarantees, for every adapter:
 * - the latest ticker and metrics per symbol (a write replaces the previous value);
 * - a ring of the last {@link CANDLE_RING_SIZE} candles per (symbol, timeframe), in ascending time:
 *   a candle with the same time as the newest replaces it, a newer one is appended (dropping the
 *   oldest past the ring size), an older one replaces its slot if present and is otherwise ignored;
 * - writes are applied in the order they were made, and a read issued after a write on the same
 *   instance sees it;
 * - a write stores the value, not the caller's object: changing the object afterwards changes nothing;
 *   reads return values the caller must treat as read-only (an adapter may return shared frozen objects
 *   or fresh copies, so callers never rely on object identity);
 * - reads are async so that a networked adapter (Redis) fits the same port; writes never throw;
 * - the latest value of every key of any other state channel (`setState`: a bot's portfolio, the
 *   system reading, the markets a collector follows), so that any process can answer a snapshot;
 *   values are JSON (plain objects, arrays, strings, finite numbers, booleans, null).
 * @module
 */
import type { Candle, MarketMetrics, Ticker, Timeframe } from '@tickdeck/protocol';

export const CANDLE_RING_SIZE = 1000;

export interface LiveState {
  readonly name: string;
  setTicker(ticker: Ticker): void;
  setMetrics(metrics: MarketMetrics): void;
  putCandle(candle: Candle): void;
  /** Replace the ring of (symbol, timeframe) with `candles` (ascending), e.g. when warming. */
  loadCandles(symbol: string, timeframe: Timeframe, candles: readonly Candle[]): void;
  ticker(symbol: string): Promise<Ticker | undefined>;
  tickers(): Promise<Ticker[]>;
  metrics(symbol: string): Promise<MarketMetrics | undefined>;
  allMetrics(): Promise<MarketMetrics[]>;
  /** The newest `limit` candles (default all in the ring; 0 or less gives none), ascending. */
  candles(symbol: string, timeframe: Timeframe, limit?: number): Promise<Candle[]>;
  /** Set the latest value of `key` on the state channel `channel` (use '' for an unkeyed channel). */
  setState(channel: string, key: string, value: unknown): void;
  /** Forget `key` on `channel`. */
  deleteState(channel: string, key: string): void;
  /** The latest value of `key` on `channel`, undefined if none. */
  state(channel: string, key: string): Promise<unknown>;
  /** The latest value of every key on `channel`, ordered by key. */
  states(channel: string): Promise<unknown[]>;
  close(): Promise<void>;
}
