/**
 * A HistoryStore test double at the port level (not a database mock): it keeps rows in memory like a
 * store would, and fails every write while `failing` is set, recording when each write was attempted.
 */
import type { Candle, Timeframe, Trade } from '@tickdeck/protocol';
import type { HistoryStore, Page } from './history-store.js';

export class FlakyHistoryStore implements HistoryStore {
  readonly name = 'flaky';
  failing = false;
  /** Fail only trade inserts (to test a half-written batch). */
  failTrades = false;
  readonly candles = new Map<string, Candle>();
  readonly trades: Trade[] = [];
  /** Time (Date.now()) and size of each write attempt. */
  readonly attempts: { at: number; kind: 'candles' | 'trades'; size: number; ok: boolean }[] = [];

  async migrate(): Promise<void> {}

  async upsertCandles(candles: readonly Candle[]): Promise<void> {
    this.attempts.push({ at: Date.now(), kind: 'candles', size: candles.length, ok: !this.failing });
    if (this.failing) throw new Error('store unreachable');
    for (const c of candles) this.candles.set(`${c.symbol}|${c.timeframe}|${c.time}`, { ...c });
  }

  async insertTrades(trades: readonly Trade[]): Promise<void> {
    const fail = this.failing || this.failTrades;
    this.attempts.push({ at: Date.now(), kind: 'trades', size: trades.length, ok: !fail });
    if (fail) throw new Error('store unreachable');
    this.trades.push(...trades.map((t) => ({ ...t })));
  }

  async queryCandles(): Promise<Page<Candle>> {
    throw new Error('not used');
  }

  async latestCandles(symbol: string, timeframe: Timeframe, limit: number): Promise<Candle[]> {
    return [...this.candles.values()]
      .filter((c) => c.symbol === symbol && c.timeframe === timeframe)
      .sort((a, b) => a.time - b.time)
      .slice(-limit);
  }

  async queryTrades(): Promise<Page<Trade>> {
    throw new Error('not used');
  }

  async pruneTrades(_before: number): Promise<number> {
    return 0;
  }

  async ping(): Promise<void> {
    if (this.failing) throw new Error('store unreachable');
  }

  async close(): Promise<void> {}
}
