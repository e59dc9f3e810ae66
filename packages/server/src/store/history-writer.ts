/**
 * HistoryWriter: how the pipeline's candles and trades reach the HistoryStore without ever waiting on it.
 *
 * - `writeCandle` / `writeTrade` are synchronous, never throw, and never block: they only buffer.
 * - Candle updates coalesce by (symbol, timeframe, time): the last write wins, so an open candle updated
 *   a thousand times between flushes is written once.
 * - A flush runs every `flushIntervalMs`, or at once when `maxBatch` items wait; a flush writes batches of
 *   at most `maxBatch` items (candles first), back to back while a full batch waits.
 * - When a write fails, its items go back in the buffer and the writer retries with exponential backoff
 *   (`retryInitialMs` doubling up to `retryMaxMs`). State: `degraded` from the first failure, `down` once
 *   writes have failed for `downAfterMs`, `ok` again after the first successful write, which is followed
 *   by the whole backlog.
 * - At most `maxBuffered` items wait (plus one batch in flight). Past that bound the OLDEST TRADES are
 *   dropped first (raw trades are the bulky, bounded-retention part of history); only when no trade is
 *   left to drop is the oldest pending candle dropped. Candles coalesce, so they rarely reach the bound:
 *   an hour of outage with 8 symbols is about 600 candle keys. Every drop is counted in the status.
 * @module
 */
import { systemClock, type Clock } from '@tickdeck/core';
import type { Candle, Trade } from '@tickdeck/protocol';
import type { HistoryStore } from './history-store.js';

export type HistoryWriterState = 'ok' | 'degraded' | 'down';

export interface HistoryWriterStatus {
  state: HistoryWriterState;
  /** The last write error while not ok. */
  reason?: string | undefined;
  /** Clock time the state began, ms. */
  since: number;
  /** Items accepted but not yet stored (waiting or in flight). */
  buffered: number;
  droppedTrades: number;
  droppedCandles: number;
  /** Items stored since the start. */
  written: number;
  /** Failed writes in a row. */
  failures: number;
}

export interface HistoryWriterOptions {
  /** Time between flushes. Default 250 ms. */
  flushIntervalMs?: number;
  /** Items per write, and the backlog that triggers an immediate flush. Default 1000. */
  maxBatch?: number;
  /** Items kept waiting at most; see the module comment for what is dropped. Default 100,000. */
  maxBuffered?: number;
  /** First retry delay after a failure. Default 250 ms. */
  retryInitialMs?: number;
  /** Longest retry delay. Default 10,000 ms. */
  retryMaxMs?: number;
  /** Failing for this long turns `degraded` into `down`. Default 5000 ms. */
  downAfterMs?: number;
  /** How long `close()` keeps trying to write the backlog. Default 5000 ms. */
  closeTimeoutMs?: number;
  /** Default: the system clock. */
  clock?: Clock;
  /** Called on every change of `state` (for /ready, the system channel and the log). */
  onStatus?: (status: HistoryWriterStatus) => void;
  /** Called with each failed write's error (for the log). */
  onError?: (err: unknown) => void;
}

export interface CloseResult {
  /** Items that could not be written before the deadline and are lost. */
  lost: number;
}

const candleKey = (c: Candle): string => `${c.symbol}\u0000${c.timeframe}\u0000${c.time}`;

export class HistoryWriter {
  private readonly flushIntervalMs: number;
  private readonly maxBatch: number;
  private readonly maxBuffered: number;
  private readonly retryInitialMs: number;
  private readonly retryMaxMs: number;
  private readonly downAfterMs: number;
  private readonly closeTimeoutMs: number;
  private readonly clock: Clock;

  private candles = new Map<string, Candle>();
  private trades: Trade[] = [];
  private tradeHead = 0;
  private inFlight = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private timerIsImmediate = false;
  private closed = false;
  private failingSince = 0;
  private current: HistoryWriterStatus;

  constructor(
    private readonly store: HistoryStore,
    private readonly options: HistoryWriterOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 250;
    this.maxBatch = options.maxBatch ?? 1000;
    this.maxBuffered = options.maxBuffered ?? 100_000;
    this.retryInitialMs = options.retryInitialMs ?? 250;
    this.retryMaxMs = options.retryMaxMs ?? 10_000;
    this.downAfterMs = options.downAfterMs ?? 5000;
    this.closeTimeoutMs = options.closeTimeoutMs ?? 5000;
    this.clock = options.clock ?? systemClock;
    this.current = {
      state: 'ok',
      since: this.clock.now(),
      buffered: 0,
      droppedTrades: 0,
      droppedCandles: 0,
      written: 0,
      failures: 0,
    };
  }

  /** Buffer a candle (a copy of it); replaces a pending update of the same candle. */
  writeCandle(candle: Candle): void {
    if (this.closed) {
      this.current.droppedCandles++;
      return;
    }
    this.candles.set(candleKey(candle), { ...candle });
    this.afterWrite();
  }

  /** Buffer a trade (a copy of it). */
  writeTrade(trade: Trade): void {
    if (this.closed) {
      this.current.droppedTrades++;
      return;
    }
    this.trades.push({ ...trade });
    this.afterWrite();
  }

  /** The state now, with live counts. */
  status(): HistoryWriterStatus {
    return { ...this.current, buffered: this.pending() + this.inFlight };
  }

  /**
   * Write everything buffered now. Rejects with the store's error if a write fails (the items stay
   * buffered and the retries go on).
   */
  flush(): Promise<void> {
    const run = this.exclusive(async () => {
      while (this.pending() > 0) {
        const error = await this.writeBatch();
        if (error !== undefined) throw error;
      }
    });
    void run.catch(() => undefined).finally(() => this.reschedule());
    return run;
  }

  /**
   * Stop accepting writes and write the backlog, retrying with backoff until `closeTimeoutMs`; resolves
   * with how many items could not be written. Does not close the store.
   */
  async close(): Promise<CloseResult> {
    this.closed = true;
    this.clearTimer();
    const deadline = this.clock.now() + this.closeTimeoutMs;
    for (;;) {
      const ok = await this.flush().then(
        () => true,
        () => false,
      );
      const left = deadline - this.clock.now();
      if (ok || left <= 0) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(this.backoffMs(), left)));
    }
    const lost = this.pending();
    this.current.droppedCandles += this.candles.size;
    this.current.droppedTrades += lost - this.candles.size;
    this.candles.clear();
    this.trades = [];
    this.tradeHead = 0;
    return { lost };
  }

  private pending(): number {
    return this.candles.size + this.trades.length - this.tradeHead;
  }

  private afterWrite(): void {
    this.enforceBound();
    if (this.current.failures > 0) return;
    if (this.pending() >= this.maxBatch) this.schedule(0);
    else this.schedule(this.flushIntervalMs);
  }

  private enforceBound(): void {
    let excess = this.pending() - this.maxBuffered;
    if (excess <= 0) return;
    const trades = Math.min(excess, this.trades.length - this.tradeHead);
    this.tradeHead += trades;
    this.current.droppedTrades += trades;
    excess -= trades;
    for (const key of this.candles.keys()) {
      if (excess-- <= 0) break;
      this.candles.delete(key);
      this.current.droppedCandles++;
    }
    this.compactTrades();
  }

  private compactTrades(): void {
    if (this.tradeHead > 1024 && this.tradeHead * 2 > this.trades.length) {
      this.trades = this.trades.slice(this.tradeHead);
      this.tradeHead = 0;
    }
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    if (this.timer !== null) {
      if (this.timerIsImmediate || delayMs > 0) return;
      this.clearTimer();
    }
    this.timerIsImmediate = delayMs === 0;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.exclusive(async () => {
        while ((await this.writeBatch()) === undefined && this.pending() >= this.maxBatch);
      }).finally(() => this.reschedule());
    }, delayMs);
    this.timer.unref();
  }

  private reschedule(): void {
    if (this.pending() === 0) return;
    if (this.current.failures > 0) this.schedule(this.backoffMs());
    else this.schedule(this.pending() >= this.maxBatch ? 0 : this.flushIntervalMs);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private backoffMs(): number {
    const n = Math.max(0, this.current.failures - 1);
    return Math.min(this.retryMaxMs, this.retryInitialMs * 2 ** Math.min(n, 30));
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Writes one batch; resolves with the error if it failed (its items are back in the buffer). */
  private async writeBatch(): Promise<unknown> {
    const candles: Candle[] = [];
    for (const [key, candle] of this.candles) {
      if (candles.length >= this.maxBatch) break;
      candles.push(candle);
      this.candles.delete(key);
    }
    const trades = this.trades.slice(this.tradeHead, this.tradeHead + this.maxBatch - candles.length);
    this.tradeHead += trades.length;
    this.compactTrades();
    this.inFlight = candles.length + trades.length;
    if (this.inFlight === 0) return undefined;
    let failure: { error: unknown } | undefined;
    try {
      if (candles.length > 0) await this.store.upsertCandles(candles);
      this.current.written += candles.length;
      candles.length = 0;
      if (trades.length > 0) await this.store.insertTrades(trades);
      this.current.written += trades.length;
    } catch (error) {
      failure = { error };
      this.putBack(candles, trades);
    }
    this.inFlight = 0;
    if (failure === undefined) {
      this.succeeded();
      return undefined;
    }
    this.failed(failure.error);
    return failure.error ?? new Error('write failed');
  }

  private putBack(candles: readonly Candle[], trades: readonly Trade[]): void {
    if (candles.length > 0) {
      // Older values go first, and never over an update that arrived meanwhile.
      const merged = new Map<string, Candle>();
      for (const c of candles) if (!this.candles.has(candleKey(c))) merged.set(candleKey(c), c);
      for (const [key, c] of this.candles) merged.set(key, c);
      this.candles = merged;
    }
    if (trades.length > 0) {
      this.trades = trades.concat(this.trades.slice(this.tradeHead));
      this.tradeHead = 0;
    }
    this.enforceBound();
  }

  private succeeded(): void {
    this.current.failures = 0;
    if (this.current.state !== 'ok') this.setState('ok', undefined);
  }

  private failed(error: unknown): void {
    const now = this.clock.now();
    const firstFailure = this.current.failures === 0;
    this.current.failures++;
    if (firstFailure) this.failingSince = now;
    const reason = error instanceof Error ? error.message : String(error);
    const state = now - this.failingSince >= this.downAfterMs ? 'down' : 'degraded';
    if (state !== this.current.state) this.setState(state, reason);
    else this.current.reason = reason;
    this.options.onError?.(error);
  }

  private setState(state: HistoryWriterState, reason: string | undefined): void {
    this.current.state = state;
    this.current.reason = reason;
    this.current.since = this.clock.now();
    this.options.onStatus?.(this.status());
  }
}
