import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrameScheduler } from './frame-scheduler.js';

/** Animation frames driven by the test: `frame()` runs the callbacks waiting for the next one. */
const frames = () => {
  let waiting = new Map<number, () => void>();
  let id = 0;
  vi.stubGlobal('requestAnimationFrame', (cb: () => void) => (waiting.set(++id, cb), id));
  vi.stubGlobal('cancelAnimationFrame', (h: number) => waiting.delete(h));
  return {
    frame: () => {
      const run = waiting;
      waiting = new Map();
      for (const cb of run.values()) cb();
    },
    get pending() {
      return waiting.size;
    },
  };
};

describe('FrameScheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('flushes once per frame however often it is asked', () => {
    const f = frames();
    const flush = vi.fn();
    const s = new FrameScheduler(flush);
    s.schedule();
    s.schedule();
    s.schedule();
    f.frame();
    expect(flush).toHaveBeenCalledTimes(1);
    s.schedule();
    f.frame();
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it('with a minimum interval, waits for it before asking for the next frame', () => {
    const f = frames();
    const flush = vi.fn();
    const s = new FrameScheduler(flush, 100);
    s.schedule();
    f.frame();
    expect(flush).toHaveBeenCalledTimes(1);
    s.schedule();
    expect(f.pending).toBe(0);
    vi.advanceTimersByTime(99);
    expect(f.pending).toBe(0);
    vi.advanceTimersByTime(1);
    expect(f.pending).toBe(1);
    s.schedule();
    f.frame();
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it('cancels a waiting frame and a waiting interval', () => {
    const f = frames();
    const flush = vi.fn();
    const s = new FrameScheduler(flush, 100);
    s.schedule();
    s.cancel();
    f.frame();
    s.schedule();
    f.frame();
    s.schedule();
    s.cancel();
    vi.advanceTimersByTime(1000);
    f.frame();
    expect(flush).toHaveBeenCalledTimes(1);
  });
});
