/**
 * The candles of one chart, in ascending time, one per open time: the snapshot, live updates of
 * the open candle, and older pages loaded while scrolling back. Pure.
 * @module
 */
import type { Candle } from '@tickdeck/protocol';

/**
 * How a live candle landed: `append` (a new, newest candle), `last` (the newest one changed),
 * `older` (a candle before the newest changed or was inserted: redraw the series).
 */
export type UpsertResult = 'append' | 'last' | 'older';

export class CandleBook {
  private items: Candle[] = [];

  get size(): number {
    return this.items.length;
  }

  get candles(): readonly Candle[] {
    return this.items;
  }

  get first(): Candle | undefined {
    return this.items[0];
  }

  get last(): Candle | undefined {
    return this.items[this.items.length - 1];
  }

  /** Replace everything (a snapshot); sorts and keeps the last of duplicate times. */
  reset(candles: readonly Candle[]): void {
    const byTime = new Map<number, Candle>();
    for (const c of candles) byTime.set(c.time, c);
    this.items = [...byTime.values()].sort((a, b) => a.time - b.time);
  }

  /** Apply one live candle. */
  upsert(candle: Candle): UpsertResult {
    const n = this.items.length;
    const last = this.items[n - 1];
    if (last === undefined || candle.time > last.time) {
      this.items.push(candle);
      return 'append';
    }
    if (candle.time === last.time) {
      this.items[n - 1] = candle;
      return 'last';
    }
    const i = this.indexAtOrAfter(candle.time);
    if (this.items[i]?.time === candle.time) this.items[i] = candle;
    else this.items.splice(i, 0, candle);
    return 'older';
  }

  /** Add candles older than the oldest held (a page loaded by scrolling back); returns how many. */
  prependOlder(candles: readonly Candle[]): number {
    const oldest = this.items[0]?.time ?? Number.POSITIVE_INFINITY;
    const older = new Map<number, Candle>();
    for (const c of candles) if (c.time < oldest) older.set(c.time, c);
    const sorted = [...older.values()].sort((a, b) => a.time - b.time);
    this.items = sorted.concat(this.items);
    return sorted.length;
  }

  /** How many candles have an open time at or after `time`. */
  countFrom(time: number): number {
    return this.items.length - this.indexAtOrAfter(time);
  }

  /** The last `n` candles, newest first (the OHLCV table). */
  newest(n: number): Candle[] {
    return this.items.slice(-n).reverse();
  }

  /** Close prices, oldest first (the indicators' input). */
  closes(): number[] {
    return this.items.map((c) => c.close);
  }

  private indexAtOrAfter(time: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.items[mid]!.time < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
