import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FlushScheduler } from './flush-scheduler.js';

/** A connection that records when (fake ms) it was flushed. */
const target = (log: number[]) => ({ flush: () => log.push(Date.now()) });

describe('FlushScheduler', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('flushes a quiet gateway at the end of the turn, every connection marked in it together', () => {
    const s = new FlushScheduler(5, () => Date.now());
    const a: number[] = [];
    const b: number[] = [];
    s.mark(target(a));
    s.mark(target(b));
    expect(a).toEqual([]); // not synchronously: the rest of this turn's messages join the frame
    vi.advanceTimersToNextTimer(); // the setImmediate
    expect(a).toEqual([1_000_000]);
    expect(b).toEqual([1_000_000]);
  });

  it('holds what comes within the delay of the last flush until the delay has passed', () => {
    const s = new FlushScheduler(5, () => Date.now());
    const log: number[] = [];
    const t = target(log);
    s.mark(t);
    vi.advanceTimersByTime(0);
    expect(log).toEqual([1_000_000]);
    vi.advanceTimersByTime(2);
    s.mark(t);
    vi.advanceTimersByTime(2);
    expect(log).toHaveLength(1); // 4 ms after the first flush: still waiting
    vi.advanceTimersByTime(1);
    expect(log).toEqual([1_000_000, 1_000_005]);
    // Quiet again for longer than the delay: the next one goes at once.
    vi.advanceTimersByTime(50);
    s.mark(t);
    vi.advanceTimersByTime(0);
    expect(log).toEqual([1_000_000, 1_000_005, 1_000_055]);
  });

  it('writes at most one flush per delay under a steady stream', () => {
    const s = new FlushScheduler(5, () => Date.now());
    const log: number[] = [];
    // Marked once until flushed, as an Outbox does.
    let dirty = false;
    const t = { flush: () => ((dirty = false), log.push(Date.now())) };
    for (let ms = 0; ms < 100; ms += 1) {
      if (!dirty) {
        dirty = true;
        s.mark(t);
      }
      vi.advanceTimersByTime(1);
    }
    const gaps = log.slice(1).map((at, i) => at - log[i]!);
    expect(log.length).toBeGreaterThanOrEqual(19);
    expect(log.length).toBeLessThanOrEqual(21);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5);
  });

  it('flushNow() flushes at once and cancel() drops the pending flush', () => {
    const s = new FlushScheduler(5, () => Date.now());
    const log: number[] = [];
    s.mark(target(log));
    s.flushNow();
    expect(log).toHaveLength(1);
    vi.advanceTimersByTime(1);
    s.mark(target(log));
    s.cancel();
    vi.advanceTimersByTime(100);
    expect(log).toHaveLength(1);
  });
});
