/**
 * Recent prices of one symbol, for "% move within a window" rules.
 * @module
 */

/** Most prices kept per symbol, whatever the window. */
export const MAX_WINDOW_PRICES = 100_000;

export class PriceWindow {
  private readonly times: number[] = [];
  private readonly prices: number[] = [];

  add(t: number, price: number, keepMs: number): void {
    this.times.push(t);
    this.prices.push(price);
    let drop = 0;
    while (drop < this.times.length - 1 && this.times[drop]! < t - keepMs) drop++;
    drop = Math.max(drop, this.times.length - MAX_WINDOW_PRICES);
    if (drop > 0) {
      this.times.splice(0, drop);
      this.prices.splice(0, drop);
    }
  }

  /** Percent change of the latest price against the oldest one within `windowMs` of `now`. */
  changePct(now: number, windowMs: number): number | null {
    const n = this.times.length;
    if (n < 2) return null;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid]! < now - windowMs) lo = mid + 1;
      else hi = mid;
    }
    const first = this.prices[lo]!;
    return first > 0 ? ((this.prices[n - 1]! - first) / first) * 100 : null;
  }
}
