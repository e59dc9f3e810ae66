/** Bounded retention of raw trades: delete those older than the retention, now and then. */
import { systemClock, type Clock } from '@tickdeck/core';
import type { HistoryStore } from './history-store.js';

export interface TradePrunerOptions {
  /** Keep trades younger than this. Default 7 days. */
  retentionMs?: number;
  /** Time between prunes. Default 60,000 ms. */
  intervalMs?: number;
  /** Default: the system clock. */
  clock?: Clock;
  /** A failed prune (tried again at the next interval). */
  onError?: (err: unknown) => void;
}

export interface TradePruner {
  /** Delete now; resolves with how many trades went. */
  pruneNow(): Promise<number>;
  stop(): void;
}

export const DEFAULT_TRADE_RETENTION_MS = 7 * 24 * 3_600_000;

/**
 * Prune at once, then every `intervalMs`.
 * @example const pruner = startTradePruner(history, { retentionMs: 24 * 3_600_000 });
 */
export function startTradePruner(store: HistoryStore, options: TradePrunerOptions = {}): TradePruner {
  const retentionMs = options.retentionMs ?? DEFAULT_TRADE_RETENTION_MS;
  const clock = options.clock ?? systemClock;
  let running = false;
  const pruneNow = () => store.pruneTrades(clock.now() - retentionMs);
  const tick = () => {
    if (running) return;
    running = true;
    pruneNow()
      .catch((err: unknown) => options.onError?.(err))
      .finally(() => (running = false));
  };
  const timer = setInterval(tick, options.intervalMs ?? 60_000);
  timer.unref();
  tick();
  return { pruneNow, stop: () => clearInterval(timer) };
}
