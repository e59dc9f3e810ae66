/**
 * Latency histogram with ~1% relative precision (log buckets over microseconds), mergeable across
 * processes: workers send their bucket counts, the parent adds them up.
 * @module
 */
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
/** Buckets up to ~10 minutes in microseconds. */
const BUCKETS = Math.ceil(Math.log(600e6) / LOG_GROWTH) + 2;

export interface HistogramData {
  counts: number[];
  count: number;
  maxMs: number;
  sumMs: number;
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  count = 0;
  maxMs = 0;
  sumMs = 0;

  record(ms: number): void {
    const us = ms * 1000;
    const i = us <= 1 ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(us) / LOG_GROWTH));
    this.counts[i]!++;
    this.count++;
    this.sumMs += ms;
    if (ms > this.maxMs) this.maxMs = ms;
  }

  /** Upper bound of the bucket holding the q-quantile (0..1), ms. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(this.maxMs, GROWTH ** i / 1000);
    }
    return this.maxMs;
  }

  toData(): HistogramData {
    return { counts: Array.from(this.counts), count: this.count, maxMs: this.maxMs, sumMs: this.sumMs };
  }

  add(d: HistogramData): void {
    for (let i = 0; i < BUCKETS && i < d.counts.length; i++) this.counts[i]! += d.counts[i]!;
    this.count += d.count;
    this.sumMs += d.sumMs;
    if (d.maxMs > this.maxMs) this.maxMs = d.maxMs;
  }

  reset(): void {
    this.counts.fill(0);
    this.count = 0;
    this.maxMs = 0;
    this.sumMs = 0;
  }
}
