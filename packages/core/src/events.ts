/**
 * Validated, normalized market events: what flows from a source through the pipeline.
 * Every event names the source it came from and when it was received (clock time, ms).
 * @module
 */
import type { BookTop, OHLCV, MarketType, Ticker, Timeframe, Trade } from '@tickdeck/protocol';

interface EventBase {
  /** Configured name of the source, e.g. `simulator`. */
  source: string;
  /** Clock time of receipt, ms. */
  receivedAt: number;
}

export interface TradeEvent extends EventBase {
  kind: 'trade';
  trade: Trade;
}

export interface TickerEvent extends EventBase {
  kind: 'ticker';
  ticker: Ticker;
  /** Set when the source gave no exchange timestamp and `ticker.timestamp` is the time of receipt. */
  unstamped?: true | undefined;
}

export interface BookEvent extends EventBase {
  kind: 'book';
  book: BookTop;
  /** Set when the source gave no exchange timestamp and `book.timestamp` is the time of receipt. */
  unstamped?: true | undefined;
}

/** A complete candle from a backfill or a candle file (not built from trades). */
export interface CandleEvent extends EventBase {
  kind: 'candle';
  symbol: string;
  type: MarketType;
  timeframe: Timeframe;
  ohlcv: OHLCV;
}

export type MarketEvent = TradeEvent | TickerEvent | BookEvent | CandleEvent;
