/**
 * The last minutes of `system` readings, per metric, in bounded ring buffers, laid out as uPlot
 * wants its data: one time axis (seconds) and one array per series, `null` where a reading lacked
 * the value. Pure.
 * @module
 */
import { RingBuffer } from '../util/ring-buffer.js';
import type { SystemStatus } from './system-status.js';

/** How much history the charts show, ms. Default 15 minutes. */
export const DEFAULT_WINDOW_MS = 15 * 60_000;
/** Readings kept at most (15 min at 4 readings/s). */
export const DEFAULT_MAX_POINTS = 3600;

/** The scalar metrics charted. */
export const SCALAR_METRICS = [
  'cpuPct',
  'rssBytes',
  'heapUsedBytes',
  'eventLoopLagMs',
  'msgsInPerSec',
  'msgsOutPerSec',
  'connections',
] as const;

export type ScalarMetric = (typeof SCALAR_METRICS)[number];

interface Point {
  t: number;
  status: SystemStatus;
}

export class SystemHistory {
  private readonly ring: RingBuffer<Point>;
  private readonly sourceNames = new Set<string>();

  constructor(
    private readonly windowMs = DEFAULT_WINDOW_MS,
    maxPoints = DEFAULT_MAX_POINTS,
  ) {
    this.ring = new RingBuffer(maxPoints);
  }

  get size(): number {
    return this.ring.size;
  }

  /** Every source that reported a feed latency within the window, sorted. */
  get sources(): string[] {
    return [...this.sourceNames].sort();
  }

  /** Record a reading taken at `t` (ms); drops readings older than the window. */
  add(status: SystemStatus, t: number): void {
    const last = this.ring.last();
    if (last !== undefined && t < last.t) t = last.t; // the time axis must not go back
    this.ring.push({ t, status });
    this.ring.dropWhile((p) => p.t < t - this.windowMs);
    this.sourceNames.clear();
    for (const p of this.ring.toArray())
      for (const name of Object.keys(p.status.feedLatencyMs)) this.sourceNames.add(name);
  }

  clear(): void {
    this.ring.clear();
    this.sourceNames.clear();
  }

  /** Times in seconds (uPlot's unit). */
  times(): number[] {
    return this.ring.toArray().map((p) => p.t / 1000);
  }

  /** One metric over the window. */
  series(metric: ScalarMetric): (number | null)[] {
    return this.ring.toArray().map((p) => p.status[metric]);
  }

  /** Feed latency of one source over the window. */
  latency(source: string): (number | null)[] {
    return this.ring.toArray().map((p) => p.status.feedLatencyMs[source] ?? null);
  }
}
