/**
 * Channel names. A channel is `prefix` or `prefix:arg[:arg]`.
 *
 * - state channels carry the latest value; the server may skip intermediate values (conflation)
 *   but never the latest.
 * - stream channels carry every event, never skipped, never reordered.
 * @module
 */
import type { Timeframe } from './market.js';

export type ChannelKind = 'state' | 'stream';

/** Grammar of a channel name, checked by the server before anything else. */
export const CHANNEL_PATTERN = /^[a-z][a-z0-9_-]{0,31}(:[A-Za-z0-9/_.-]{1,64}){0,3}$/;

/** Longest channel name accepted, in characters. */
export const MAX_CHANNEL_LENGTH = 128;

/** Built-in channels. Producers may declare more at run time (see docs/protocol.md). */
export const Channels = {
  /** state: the latest {@link Ticker} of one symbol. */
  ticker: (symbol: string) => `ticker:${symbol}`,
  /** state, keyed by symbol: every symbol's latest ticker (the market grid). */
  tickers: 'tickers',
  /** state, keyed by candle time: candles of one symbol and timeframe; snapshot = the last 1000. */
  candles: (symbol: string, tf: Timeframe) => `candles:${symbol}:${tf}`,
  /** stream: every trade print of one symbol. */
  trades: (symbol: string) => `trades:${symbol}`,
  /** state: {@link MarketMetrics} of one symbol. */
  metrics: (symbol: string) => `metrics:${symbol}`,
  /** state: process and feed health. */
  system: 'system',
} as const;

/** Split a channel name into its prefix and arguments. */
export interface ParsedChannel {
  prefix: string;
  args: string[];
}
