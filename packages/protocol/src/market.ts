/**
 * Market-data domain types, aligned with ccxt's unified structures so that a bot written with ccxt
 * can send its objects as they are.
 *
 * Symbols are canonical everywhere: `BASE/QUOTE`, upper case, without ccxt's settle suffix
 * (`BTC/USDT:USDT` becomes `BTC/USDT` with `type: "swap"`). A deployment tracks one market type per
 * symbol, so the symbol alone names a market in channels, stores and URLs.
 * @module
 */

/** Market type as ccxt names it. */
export type MarketType = 'spot' | 'margin' | 'swap' | 'future' | 'option';

export const MARKET_TYPES: readonly MarketType[] = ['spot', 'margin', 'swap', 'future', 'option'];

/**
 * The only symbols tickdeck accepts once normalized: two codes of 1–20 upper-case letters or digits
 * around a slash. Nothing that could carry markup passes it.
 */
export const SYMBOL_PATTERN = /^[A-Z0-9]{1,20}\/[A-Z0-9]{1,20}$/;

/** Candle timeframes tickdeck builds, with their length in milliseconds. */
export const TIMEFRAMES = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
} as const;

export type Timeframe = keyof typeof TIMEFRAMES;

export const TIMEFRAME_LIST = Object.keys(TIMEFRAMES) as Timeframe[];

/** ccxt's Ticker, the fields tickdeck uses. Prices in quote currency, volumes in base. */
export interface Ticker {
  symbol: string;
  type: MarketType;
  /** Exchange timestamp, ms since the epoch. */
  timestamp: number;
  bid?: number | undefined;
  ask?: number | undefined;
  bidVolume?: number | undefined;
  askVolume?: number | undefined;
  last?: number | undefined;
  open?: number | undefined;
  high?: number | undefined;
  low?: number | undefined;
  close?: number | undefined;
  baseVolume?: number | undefined;
  quoteVolume?: number | undefined;
  /** 24h change in percent, as the exchange reports it. */
  percentage?: number | undefined;
}

export type Side = 'buy' | 'sell';

/** ccxt's fee structure. `cost` is in `currency`. */
export interface Fee {
  cost: number;
  currency: string;
  rate?: number | undefined;
}

/** ccxt's public Trade: one print on the tape. */
export interface Trade {
  id?: string | undefined;
  symbol: string;
  type: MarketType;
  /** Exchange timestamp, ms since the epoch. */
  timestamp: number;
  price: number;
  /** Size in base currency. */
  amount: number;
  side?: Side | undefined;
}

/** ccxt's OHLCV row: [open time ms, open, high, low, close, volume]. */
export type OHLCV = [number, number, number, number, number, number];

/** A candle of one (symbol, timeframe). `time` is the open time in ms. */
export interface Candle {
  symbol: string;
  timeframe: Timeframe;
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Sum of trade amounts, base currency. */
  volume: number;
  /** Number of trades aggregated; 0 for a candle built from tickers or backfilled. */
  trades: number;
  /** True once the candle's interval has ended (on the clock). */
  closed: boolean;
}

/** Best bid and ask with their sizes (top of ccxt's OrderBook). */
export interface BookTop {
  symbol: string;
  type: MarketType;
  timestamp: number;
  bid: number;
  bidSize: number;
  ask: number;
  askSize: number;
}

/** Live figures per symbol computed by the pipeline. */
export interface MarketMetrics {
  symbol: string;
  type: MarketType;
  last: number | null;
  bid: number | null;
  ask: number | null;
  spread: number | null;
  /** (ask - bid) / mid × 10,000. */
  spreadBps: number | null;
  /** Last price against the price 24 h ago (rolling), percent. */
  change24hPct: number | null;
  /** Base volume traded over the rolling 24 h. */
  volume24h: number;
  /** Events received over the last 10 s, per second. */
  msgsPerSec: number;
  /** Receipt time minus exchange timestamp of the last event, ms. */
  feedLatencyMs: number | null;
  /** Time since the last event, ms. */
  silenceMs: number | null;
  stale: boolean;
  /** Time since the first event for this symbol, ms. */
  uptimeMs: number;
  /** Clock time these figures were computed at, ms. */
  asOf: number;
}
