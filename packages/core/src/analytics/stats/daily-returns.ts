/**
 * Daily equity returns, accumulated incrementally (Welford's algorithm) from equity points.
 * @module
 */
import { DAY_MS, dailyReturn, type RatioInputs } from './stats-options.js';

interface Moments {
  n: number;
  mean: number;
  m2: number;
  downsideSq: number;
}

function push(m: Moments, r: number | null, rfDaily: number): void {
  if (r === null) return;
  m.n += 1;
  const d = r - m.mean;
  m.mean += d / m.n;
  m.m2 += d * (r - m.mean);
  const down = Math.min(0, r - rfDaily);
  m.downsideSq += down * down;
}

/**
 * Closes of UTC days from equity points; the current day counts with its latest equity as its close,
 * and a day without points closes where the previous one did (return 0).
 */
export class DailyReturns {
  private readonly done: Moments = { n: 0, mean: 0, m2: 0, downsideSq: 0 };
  private day: number | null = null;
  private prevClose: number;
  private close: number;

  constructor(
    private readonly startingCash: number,
    private readonly rfDaily: number,
  ) {
    this.prevClose = startingCash;
    this.close = startingCash;
  }

  /** Feeds one equity point (times never decrease). */
  add(t: number, equity: number): void {
    const day = Math.floor(t / DAY_MS);
    if (this.day === null) {
      this.day = day;
    } else if (day > this.day) {
      push(this.done, dailyReturn(this.prevClose, this.close), this.rfDaily);
      for (let d = this.day + 1; d < day; d++)
        push(this.done, dailyReturn(this.close, this.close), this.rfDaily);
      this.prevClose = this.close;
      this.day = day;
    }
    this.close = equity;
  }

  /** Equity at the end of the previous day (the starting cash on the first day). */
  get previousClose(): number {
    return this.prevClose;
  }

  /** Moments over every counted day, the current one included. */
  moments(): RatioInputs {
    const m = { ...this.done };
    if (this.day !== null) push(m, dailyReturn(this.prevClose, this.close), this.rfDaily);
    return { n: m.n, mean: m.mean, variance: m.n > 1 ? m.m2 / (m.n - 1) : 0, downsideSq: m.downsideSq };
  }
}
