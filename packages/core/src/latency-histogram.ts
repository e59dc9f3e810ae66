/**
 * A bounded log-linear histogram for processing times: 16 sub-buckets per power of two of
 * nanoseconds, so a percentile is within about 6 % of the true value; memory is fixed whatever the
 * count. Written here rather than taken from perf_hooks so the pipeline stays free of Node APIs.
 * @module
 */

const SUB = 16;
const POWERS = 48;

export interface LatencySummary {
  count: number;
  /** Microseconds. */
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export class LatencyHistogram {
  private readonly buckets = new Float64Array(POWERS * SUB);
  private n = 0;
  private maxUs = 0;

  /** Records one duration in milliseconds (what performance.now() differences give). */
  record(ms: number): void {
    const ns = ms * 1e6;
    if (!(ns >= 1)) {
      this.buckets[0] = (this.buckets[0] as number) + 1;
    } else {
      const e = Math.min(Math.floor(Math.log2(ns)), POWERS - 1);
      const sub = Math.min(Math.floor((ns / 2 ** e - 1) * SUB), SUB - 1);
      const i = e * SUB + sub;
      this.buckets[i] = (this.buckets[i] as number) + 1;
    }
    this.n++;
    if (ms * 1000 > this.maxUs) this.maxUs = ms * 1000;
  }

  /** Value at quantile q (0..1) in microseconds: the upper edge of its bucket, capped at the max. */
  quantile(q: number): number {
    if (this.n === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.n));
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      seen += this.buckets[i] as number;
      if (seen >= rank) {
        const e = Math.floor(i / SUB);
        const upperNs = 2 ** e * (1 + ((i % SUB) + 1) / SUB);
        return Math.min(upperNs / 1000, this.maxUs);
      }
    }
    return this.maxUs;
  }

  summary(): LatencySummary {
    return {
      count: this.n,
      p50: this.quantile(0.5),
      p90: this.quantile(0.9),
      p99: this.quantile(0.99),
      max: this.maxUs,
    };
  }
}
