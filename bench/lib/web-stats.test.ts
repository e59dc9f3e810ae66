import { describe, expect, it } from 'vitest';
import { FRAME_MS, frameStats, longTaskStats, percentile, ratio, spread } from './web-stats.js';

const steady = (n: number, step = FRAME_MS): number[] => Array.from({ length: n }, (_, i) => i * step);

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(v, 50)).toBe(5);
    expect(percentile(v, 95)).toBe(10);
    expect(percentile(v, 99)).toBe(10);
    expect(percentile(v, 0)).toBe(1);
    expect(percentile(v, 100)).toBe(10);
  });

  it('is NaN without samples', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('spread', () => {
  it('sorts before ranking', () => {
    expect(spread([30, 10, 20])).toEqual({ n: 3, p50: 20, p95: 30, max: 30 });
  });
});

describe('frameStats', () => {
  it('reads a steady 60 Hz window as 60 frames/s with nothing dropped', () => {
    const s = frameStats(steady(601));
    expect(s.frames).toBe(600);
    expect(s.seconds).toBeCloseTo(10, 6);
    expect(s.fpsMean).toBeCloseTo(60, 6);
    expect(s.fpsLow).toBeCloseTo(60, 6);
    expect(s.longFrames).toBe(0);
    expect(s.droppedFrames).toBe(0);
  });

  it('counts the vsyncs a long frame missed', () => {
    const t = steady(100);
    // one frame took 4 vsyncs (3 missed), one took 2 (1 missed)
    const gaps = [...t.slice(0, 50), ...t.slice(50).map((x) => x + 3 * FRAME_MS)];
    const withSecond = [...gaps.slice(0, 80), ...gaps.slice(80).map((x) => x + FRAME_MS)];
    const s = frameStats(withSecond);
    expect(s.longFrames).toBe(2);
    expect(s.droppedFrames).toBe(4);
    expect(s.maxMs).toBeCloseTo(4 * FRAME_MS, 6);
  });

  it('takes the 1 % low from the p99 frame time', () => {
    const t = steady(200);
    const slow = [...t.slice(0, 100), ...t.slice(100).map((x) => x + FRAME_MS)];
    const slower = [...slow.slice(0, 150), ...slow.slice(150).map((x) => x + FRAME_MS)];
    // 199 intervals, 2 of them 33.3 ms: the p99 (rank 198) is a 33.3 ms frame
    expect(frameStats(slower).fpsLow).toBeCloseTo(30, 6);
  });

  it('copes with too few timestamps', () => {
    expect(frameStats([]).frames).toBe(0);
    expect(frameStats([5]).fpsMean).toBeNaN();
  });
});

describe('longTaskStats', () => {
  it('sums durations and the time beyond 50 ms', () => {
    expect(
      longTaskStats([
        { start: 0, duration: 60 },
        { start: 100, duration: 120 },
      ]),
    ).toEqual({ count: 2, totalMs: 180, maxMs: 120, blockingMs: 80 });
    expect(longTaskStats([])).toEqual({ count: 0, totalMs: 0, maxMs: 0, blockingMs: 0 });
  });
});

describe('ratio', () => {
  it('is NaN against a zero baseline', () => {
    expect(ratio(2, 4)).toBe(0.5);
    expect(ratio(2, 0)).toBeNaN();
  });
});
