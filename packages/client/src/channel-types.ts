/**
 * Payload types of the built-in channels, so that `subscribe('ticker:BTC/USDT', …)` hands the
 * callbacks a `Ticker`. Channels the SDK does not know get `unknown`; pass type arguments to
 * `subscribe` to name them.
 * @module
 */
import type { Candle, MarketMetrics, Ticker, Trade } from '@tickdeck/protocol';

/** Snapshot and publication payloads by channel prefix. */
export interface ChannelPayloads {
  ticker: { snapshot: Ticker; publication: Ticker };
  /** Snapshot: every symbol's latest ticker, keyed by symbol; publications: one symbol's ticker. */
  tickers: { snapshot: Ticker[]; publication: Ticker };
  /** Snapshot: up to the last 1000 candles, oldest first; publications: the changed candle. */
  candles: { snapshot: Candle[]; publication: Candle };
  /** Snapshot: the recent trades, oldest first; publications: one trade each. */
  trades: { snapshot: Trade[]; publication: Trade };
  metrics: { snapshot: MarketMetrics; publication: MarketMetrics };
}

/** `ticker` for `ticker:BTC/USDT`, `tickers` for `tickers`. */
export type ChannelPrefix<C extends string> = C extends `${infer P}:${string}` ? P : C;

export type SnapshotOf<C extends string> =
  ChannelPrefix<C> extends keyof ChannelPayloads ? ChannelPayloads[ChannelPrefix<C>]['snapshot'] : unknown;

export type PublicationOf<C extends string> =
  ChannelPrefix<C> extends keyof ChannelPayloads ? ChannelPayloads[ChannelPrefix<C>]['publication'] : unknown;
