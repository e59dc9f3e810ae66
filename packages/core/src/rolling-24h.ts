/**
 * Rolling 24 h price change and volume over trades, in per-minute buckets (bounded: 1440 slots).
 * @module
 */

const MINUTE = 60_000;
/** Minutes in the window. */
export const WINDOW_MINUTES = 1440;

/**
 * The window at clock time `now` holds the trades whose minute m = floor(ts / 60 000) satisfies
 * m > floor(now / 60 000) − 1440: the last 1440 minutes, the current partial one included.
 */
export class Rolling24h {
  // About 31 KB per symbol: minute ids fit 32 bits, the open's ms within its minute 16 bits.
  private readonly minute = new Int32Array(WINDOW_MINUTES).fill(-1);
  private readonly open = new Float64Array(WINDOW_MINUTES);
  private readonly openMs = new Uint16Array(WINDOW_MINUTES);
  private readonly volume = new Float64Array(WINDOW_MINUTES);
  private volumeSum = 0;
  /** Newest clock minute the window has been evicted up to. */
  private evictedAt = -Infinity;

  /** Adds a trade; trades older than the window (at `now`) are ignored. */
  add(ts: number, price: number, amount: number, now: number): void {
    const m = Math.floor(ts / MINUTE);
    if (m <= Math.floor(now / MINUTE) - WINDOW_MINUTES) return;
    const i = m % WINDOW_MINUTES;
    const held = this.minute[i] as number;
    if (held !== m) {
      if (held > m) return;
      this.volumeSum -= this.volume[i] as number;
      this.minute[i] = m;
      this.open[i] = price;
      this.openMs[i] = ts - m * MINUTE;
      this.volume[i] = 0;
    } else if (ts - m * MINUTE < (this.openMs[i] as number)) {
      this.open[i] = price;
      this.openMs[i] = ts - m * MINUTE;
    }
    this.volume[i] = (this.volume[i] as number) + amount;
    this.volumeSum += amount;
  }

  /** Base volume traded in the window at `now`. */
  volume24h(now: number): number {
    this.evict(now);
    return this.volumeSum;
  }

  /**
   * Percent change of `last` against the reference price: the first (earliest) trade of the oldest
   * minute in the window. Null when the window holds no trade.
   */
  changePct(last: number, now: number): number | null {
    this.evict(now);
    const nowMin = Math.floor(now / MINUTE);
    for (let m = nowMin - WINDOW_MINUTES + 1; m <= nowMin + 1; m++) {
      const i = m % WINDOW_MINUTES;
      if (this.minute[i] === m) {
        const ref = this.open[i] as number;
        return ((last - ref) / ref) * 100;
      }
    }
    return null;
  }

  private evict(now: number): void {
    const limit = Math.floor(now / MINUTE) - WINDOW_MINUTES;
    if (limit <= this.evictedAt) return;
    this.evictedAt = limit;
    let removed = false;
    for (let i = 0; i < WINDOW_MINUTES; i++) {
      const m = this.minute[i] as number;
      if (m >= 0 && m <= limit) {
        this.minute[i] = -1;
        this.volume[i] = 0;
        removed = true;
      }
    }
    // Re-summing after an eviction keeps floating-point drift from subtractions bounded.
    if (removed) {
      let sum = 0;
      for (let i = 0; i < WINDOW_MINUTES; i++) sum += this.volume[i] as number;
      this.volumeSum = sum;
    }
  }
}
