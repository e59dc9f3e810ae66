/** A fixed-size ring of candles in ascending time, with the update rules of the LiveState port. */
import type { Candle } from '@tickdeck/protocol';

export class CandleRing {
  private readonly slots: (Candle | undefined)[];
  /** Index of the oldest candle. */
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.slots = new Array<Candle | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Same time as the newest: replace; newer: append (evicting the oldest when full); older: replace its slot if present. */
  put(candle: Candle): void {
    const newest = this.at(this.count - 1);
    if (newest === undefined || candle.time > newest.time) {
      if (this.count < this.capacity) {
        this.slots[(this.start + this.count) % this.capacity] = candle;
        this.count++;
      } else {
        this.slots[this.start] = candle;
        this.start = (this.start + 1) % this.capacity;
      }
      return;
    }
    const i = this.indexOf(candle.time);
    if (i >= 0) this.slots[(this.start + i) % this.capacity] = candle;
  }

  /** Replace the content with the newest `capacity` of `candles` (ascending). */
  load(candles: readonly Candle[]): void {
    const kept = candles.slice(-this.capacity);
    this.slots.fill(undefined);
    kept.forEach((c, i) => (this.slots[i] = c));
    this.start = 0;
    this.count = kept.length;
  }

  /** The newest `limit` candles (all by default), ascending. */
  newest(limit = this.count): Candle[] {
    const n = Math.max(0, Math.min(limit, this.count));
    const out = new Array<Candle>(n);
    for (let i = 0; i < n; i++) out[i] = this.at(this.count - n + i)!;
    return out;
  }

  private at(i: number): Candle | undefined {
    return i < 0 || i >= this.count ? undefined : this.slots[(this.start + i) % this.capacity];
  }

  /** Binary search by time in logical order; -1 when absent. */
  private indexOf(time: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.at(mid)!.time;
      if (t === time) return mid;
      if (t < time) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
