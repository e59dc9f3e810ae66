import { ManualClock } from '@tickdeck/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FlakyHistoryStore } from './flaky-history-store.test-helpers.js';
import { startTradePruner } from './trade-pruner.js';

describe('startTradePruner', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prunes at start and every interval, cutting at now minus the retention, and survives failures', async () => {
    vi.useFakeTimers();
    const store = new FlakyHistoryStore();
    const cuts: number[] = [];
    store.pruneTrades = async (before: number) => {
      cuts.push(before);
      if (cuts.length === 2) throw new Error('down');
      return 0;
    };
    const clock = new ManualClock(10_000_000);
    const errors: unknown[] = [];
    const pruner = startTradePruner(store, {
      retentionMs: 1_000_000,
      intervalMs: 1000,
      clock,
      onError: (e) => errors.push(e),
    });
    await vi.advanceTimersByTimeAsync(0);
    clock.advance(1000);
    await vi.advanceTimersByTimeAsync(1000);
    clock.advance(1000);
    await vi.advanceTimersByTimeAsync(1000);
    pruner.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(cuts).toEqual([9_000_000, 9_001_000, 9_002_000]);
    expect(errors).toHaveLength(1);
  });
});
