/**
 * Why the pipeline dropped an inbound event. The codes are stable: stats, logs and dashboards key on
 * them. docs/pipeline.md holds the same table.
 * @module
 */

/** Drop reason codes with what each one means. */
export const DROP_REASONS = {
  /** Not an object, a required field missing, a field of the wrong type, a string over its bound, an unknown timeframe or market type. */
  SCHEMA: 'not the expected shape',
  /** `kind` is not one of trade, ticker, book, candle. */
  UNKNOWN_KIND: 'unknown event kind',
  /** The symbol does not normalize to BASE/QUOTE matching SYMBOL_PATTERN (or is over its length bound). */
  SYMBOL: 'symbol not canonical',
  /** The symbol is already tracked with another market type (one market type per symbol). */
  MARKET_TYPE: 'symbol already tracked with another market type',
  /** A price is not finite or not positive, or a candle's high/low do not bound its open/close. */
  PRICE: 'price not finite and positive',
  /** An amount or volume is not finite or is negative. */
  SIZE: 'size not finite and non-negative',
  /** Bid above ask. */
  CROSSED_BOOK: 'bid above ask',
  /** Timestamp not finite, before the lower bound, too far ahead of the clock, or a candle time not on its timeframe. */
  TIMESTAMP: 'timestamp out of bounds',
  /** A trade for a candle that closed more than the late grace ago. */
  LATE_TRADE: 'trade older than the late grace',
  /** A new symbol beyond the configured maximum number of symbols. */
  SYMBOL_LIMIT: 'too many symbols',
  /** Processing threw (a bug); the event was dropped and the pipeline kept going. */
  INTERNAL: 'internal error while processing',
} as const;

export type DropReason = keyof typeof DROP_REASONS;

/** Every drop reason, in table order. */
export const DROP_REASON_LIST = Object.keys(DROP_REASONS) as DropReason[];
