/**
 * Figures of the dashboard benchmark computed from raw browser samples: percentiles, frame rate
 * from requestAnimationFrame timestamps, long-task totals.
 * @module
 */

/** One vsync at 60 Hz, ms: headless Chromium drives requestAnimationFrame at 60 Hz. */
export const FRAME_MS = 1000 / 60;
/** A frame interval longer than this (1.5 vsyncs) counts as dropped frames. */
export const DROPPED_FRAME_MS = 1.5 * FRAME_MS;
/** The Long Tasks API reports tasks over 50 ms; time beyond 50 ms is "blocking" (TBT). */
export const LONG_TASK_MS = 50;

/**
 * The nearest-rank percentile of ascending `sorted` (p in 0..100); NaN when empty.
 * @example percentile([1, 2, 3, 4], 50) // 2
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** p50, p95 and max of some samples (any order). */
export interface Spread {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

/** {@link Spread} of `values`; NaN figures when empty. */
export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.length === 0 ? NaN : sorted[sorted.length - 1]!,
  };
}

/** Frame figures of a window. */
export interface FrameStats {
  frames: number;
  /** From the first to the last timestamp, s. */
  seconds: number;
  /** Frames per second over the window. */
  fpsMean: number;
  /** "1 % low": the rate the slowest 1 % of frames run at, 1000 ÷ p99 frame time. */
  fpsLow: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Intervals longer than {@link DROPPED_FRAME_MS}. */
  longFrames: number;
  /** vsyncs with no frame: Σ round(interval ÷ FRAME_MS) − 1 over the long intervals. */
  droppedFrames: number;
}

/**
 * Frame figures from the requestAnimationFrame timestamps of a window (ascending, ms).
 * @example frameStats([0, 16.7, 33.3, 66.7]).droppedFrames // 1
 */
export function frameStats(timestamps: readonly number[]): FrameStats {
  const intervals: number[] = [];
  for (let i = 1; i < timestamps.length; i += 1) intervals.push(timestamps[i]! - timestamps[i - 1]!);
  const sorted = [...intervals].sort((a, b) => a - b);
  const spanMs = timestamps.length > 1 ? timestamps[timestamps.length - 1]! - timestamps[0]! : 0;
  let longFrames = 0;
  let droppedFrames = 0;
  for (const d of intervals) {
    if (d > DROPPED_FRAME_MS) {
      longFrames += 1;
      droppedFrames += Math.max(1, Math.round(d / FRAME_MS) - 1);
    }
  }
  const p99 = percentile(sorted, 99);
  return {
    frames: intervals.length,
    seconds: spanMs / 1000,
    fpsMean: spanMs > 0 ? (intervals.length * 1000) / spanMs : NaN,
    fpsLow: p99 > 0 ? 1000 / p99 : NaN,
    p50Ms: percentile(sorted, 50),
    p99Ms: p99,
    maxMs: sorted.length === 0 ? NaN : sorted[sorted.length - 1]!,
    longFrames,
    droppedFrames,
  };
}

/** A long task as the browser reported it (PerformanceObserver 'longtask'). */
export interface LongTask {
  start: number;
  duration: number;
}

/** Long-task figures of a window. */
export interface LongTaskStats {
  count: number;
  totalMs: number;
  maxMs: number;
  /** Σ (duration − 50 ms): the total blocking time. */
  blockingMs: number;
}

/** {@link LongTaskStats} of `tasks`; a window without any has zeros. */
export function longTaskStats(tasks: readonly LongTask[]): LongTaskStats {
  let totalMs = 0;
  let maxMs = 0;
  let blockingMs = 0;
  for (const t of tasks) {
    totalMs += t.duration;
    maxMs = Math.max(maxMs, t.duration);
    blockingMs += Math.max(0, t.duration - LONG_TASK_MS);
  }
  return { count: tasks.length, totalMs, maxMs, blockingMs };
}

/** `loaded ÷ idle`, NaN when the idle figure is zero or missing. */
export function ratio(loaded: number, idle: number): number {
  return idle !== 0 && Number.isFinite(idle) ? loaded / idle : NaN;
}
