/**
 * Counters of the pipeline: events in, out and dropped by reason, in total and per source.
 * @module
 */
import { DROP_REASON_LIST, type DropReason } from './drop-reasons.js';
import type { LatencySummary } from './latency-histogram.js';

export type DropCounts = Record<DropReason, number>;

export interface SourceStats {
  /** Events handed to `ingest`. */
  in: number;
  /** Events accepted (ingest returned true). */
  out: number;
  /** Events dropped, by reason (every reason present, zero when none). */
  dropped: DropCounts;
}

/** What {@link Pipeline.stats} returns. Counts are since the pipeline was created. */
export interface PipelineStats extends SourceStats {
  /** Same counters per source name. */
  sources: Record<string, SourceStats>;
  /** Time spent in `ingest` per event, microseconds, since start. */
  processingUs: LatencySummary;
}

/** Sources tracked by name; beyond this many, the rest are counted under {@link OTHER_SOURCES}. */
export const MAX_SOURCES = 256;
export const OTHER_SOURCES = '(other)';

export class SourceCounters {
  in = 0;
  out = 0;
  readonly dropped = new Float64Array(DROP_REASON_LIST.length);

  snapshot(): SourceStats {
    return { in: this.in, out: this.out, dropped: dropCounts(this.dropped) };
  }
}

const REASON_INDEX = new Map(DROP_REASON_LIST.map((r, i) => [r, i]));

export const reasonIndex = (reason: DropReason): number => REASON_INDEX.get(reason) as number;

function dropCounts(counts: Float64Array): DropCounts {
  return Object.fromEntries(DROP_REASON_LIST.map((r, i) => [r, counts[i] as number])) as DropCounts;
}

export class StatsCounters {
  readonly total = new SourceCounters();
  private readonly bySource = new Map<string, SourceCounters>();

  source(name: string): SourceCounters {
    let c = this.bySource.get(name);
    if (c === undefined) {
      const key = this.bySource.size >= MAX_SOURCES ? OTHER_SOURCES : name;
      c = this.bySource.get(key) ?? new SourceCounters();
      this.bySource.set(key, c);
    }
    return c;
  }

  snapshot(processingUs: LatencySummary): PipelineStats {
    return {
      ...this.total.snapshot(),
      sources: Object.fromEntries([...this.bySource].map(([name, c]) => [name, c.snapshot()])),
      processingUs,
    };
  }
}

/**
 * Says whether a drop should be logged: at most `perSec` per (source, reason), on the clock
 * (0.1 = one per 10 s). Bounded by the number of sources times the number of reasons.
 */
export class DropLogLimiter {
  private readonly last = new Map<string, number>();
  private readonly gapMs: number;

  constructor(perSec: number) {
    this.gapMs = perSec > 0 ? 1000 / perSec : Infinity;
  }

  shouldLog(source: string, reason: DropReason, now: number): boolean {
    const key = `${source}\u0000${reason}`;
    const last = this.last.get(key);
    if (last !== undefined && now - last < this.gapMs) return false;
    if (this.gapMs === Infinity) return false;
    if (this.last.size >= MAX_SOURCES * DROP_REASON_LIST.length) this.last.clear();
    this.last.set(key, now);
    return true;
  }
}
