/**
 * The pipeline's output: every figure goes to LiveState and the history writer first, then to the
 * gateway. Updates of an open candle are coalesced per (symbol, timeframe) and published on the
 * pipeline tick; closed candles, trades, tickers and metrics are published at once.
 * @module
 */
import type { PipelineOutput } from '@tickdeck/core';
import { Channels, type Candle, type MarketMetrics, type Ticker, type Trade } from '@tickdeck/protocol';
import type { LiveState } from '../live/live-state.js';
import type { HistoryWriter } from '../store/history-writer.js';

/** What the publisher needs of the gateway. */
export interface Publish {
  (channel: string, data: unknown): void;
}

/** Listeners for other producers (analytics) that follow market data. */
export interface MarketListeners {
  onTicker?(t: Ticker): void;
  onCandle?(c: Candle): void;
  onMetrics?(m: MarketMetrics): void;
}

export class MarketPublisher implements PipelineOutput {
  private readonly pending = new Map<string, Candle>();

  constructor(
    private readonly live: LiveState,
    private readonly writer: HistoryWriter,
    private readonly publish: Publish,
    private readonly listeners: MarketListeners = {},
  ) {}

  trade(t: Trade): void {
    this.writer.writeTrade(t);
    this.publish(Channels.trades(t.symbol), t);
  }

  ticker(t: Ticker): void {
    this.live.setTicker(t);
    this.publish(Channels.ticker(t.symbol), t);
    this.publish(Channels.tickers, t);
    this.listeners.onTicker?.(t);
  }

  candle(c: Candle): void {
    this.live.putCandle(c);
    this.writer.writeCandle(c);
    const key = `${c.symbol}\u0000${c.timeframe}`;
    const waiting = this.pending.get(key);
    if (c.closed) {
      // A coalesced update of this same candle is superseded; one of a newer candle stays pending.
      if (waiting?.time === c.time) this.pending.delete(key);
      this.emitCandle(c);
      return;
    }
    if (waiting && waiting.time !== c.time) this.emitCandle(waiting);
    this.pending.set(key, c);
  }

  metrics(m: MarketMetrics): void {
    this.live.setMetrics(m);
    this.publish(Channels.metrics(m.symbol), m);
    this.listeners.onMetrics?.(m);
  }

  /** Publish the coalesced open-candle updates; call on every pipeline tick. */
  flush(): void {
    for (const c of this.pending.values()) this.emitCandle(c);
    this.pending.clear();
  }

  private emitCandle(c: Candle): void {
    this.publish(Channels.candles(c.symbol, c.timeframe), c);
    this.listeners.onCandle?.(c);
  }
}
