/**
 * HistoryStore: the durable history of market data (and, later, the bot's events).
 *
 * Guarantees, for every adapter:
 * - candles are keyed by (symbol, timeframe, time); upserting the same key replaces the row, so the
 *   open candle can be written again and again and the last write wins;
 * - queries return rows in ascending time order, at most `limit` (≤ {@link MAX_QUERY_LIMIT}) of them,
 *   with a cursor to fetch the next page; the same query with the cursor never repeats or skips a row;
 * - trades are kept for a bounded retention and pruned by `pruneTrades`; a trade with an `id` already
 *   stored for its symbol is not stored again (so a write retried after an unconfirmed commit is safe);
 * - `migrate()` is idempotent and brings an empty or older database to the current schema;
 * - a bad query rejects with a `HistoryStoreError` (`STORE_INVALID_LIMIT`, `STORE_INVALID_CURSOR`,
 *   `STORE_INVALID_RANGE`; `statusCode` 400), an unreachable database with `STORE_UNAVAILABLE` (503).
 * @module
 */
import type { Candle, Timeframe, Trade } from '@tickdeck/protocol';

export const MAX_QUERY_LIMIT = 5000;

export interface CandleQuery {
  symbol: string;
  timeframe: Timeframe;
  /** Inclusive lower bound on candle open time, ms. */
  from?: number | undefined;
  /** Exclusive upper bound on candle open time, ms. */
  to?: number | undefined;
  /** 1..5000. */
  limit: number;
  /** From a previous page's `nextCursor`. */
  cursor?: string | undefined;
}

export interface TradeQuery {
  symbol: string;
  from?: number | undefined;
  to?: number | undefined;
  limit: number;
  cursor?: string | undefined;
}

export interface Page<T> {
  items: T[];
  /** Null when there is nothing after this page. */
  nextCursor: string | null;
}

export interface HistoryStore {
  /** Human name for /ready and logs, e.g. `pglite` or `postgres`. */
  readonly name: string;
  migrate(): Promise<void>;
  upsertCandles(candles: readonly Candle[]): Promise<void>;
  queryCandles(query: CandleQuery): Promise<Page<Candle>>;
  /** The newest `limit` candles, returned in ascending time order (for warming live state). */
  latestCandles(symbol: string, timeframe: Timeframe, limit: number): Promise<Candle[]>;
  insertTrades(trades: readonly Trade[]): Promise<void>;
  queryTrades(query: TradeQuery): Promise<Page<Trade>>;
  /** Delete trades older than `before` (ms); returns how many were deleted. */
  pruneTrades(before: number): Promise<number>;
  /** Resolves when the store answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
