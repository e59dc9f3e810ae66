/** A raw event as a source produces it, before normalization and validation by the pipeline. */
export type RawMarketEvent =
  | { kind: 'trade'; trade: unknown }
  | { kind: 'ticker'; ticker: unknown }
  | { kind: 'book'; book: unknown }
  | { kind: 'candle'; symbol: unknown; marketType?: unknown; timeframe: unknown; ohlcv: unknown };
