import { describe, expect, it } from 'vitest';
import { SystemHistory } from './system-history.js';
import type { SystemStatus } from './system-status.js';

const status = (fields: Partial<SystemStatus> = {}): SystemStatus => ({
  cpuPct: 1,
  rssBytes: 2,
  heapUsedBytes: 3,
  eventLoopLagMs: 4,
  msgsInPerSec: 5,
  msgsOutPerSec: 6,
  connections: 7,
  sources: [],
  stores: [],
  feedLatencyMs: {},
  ...fields,
});

describe('SystemHistory', () => {
  it('keeps only the window and aligns series on one time axis in seconds', () => {
    const h = new SystemHistory(10_000, 100);
    h.add(status({ cpuPct: 1, feedLatencyMs: { a: 5 } }), 0);
    h.add(status({ cpuPct: 2, feedLatencyMs: { b: 6 } }), 5_000);
    h.add(status({ cpuPct: null }), 12_000);
    expect(h.times()).toEqual([5, 12]);
    expect(h.series('cpuPct')).toEqual([2, null]);
    expect(h.sources).toEqual(['b']);
    expect(h.latency('b')).toEqual([6, null]);
  });

  it('is bounded in count and never lets time go back', () => {
    const h = new SystemHistory(1e9, 3);
    for (let i = 0; i < 10; i += 1) h.add(status({ connections: i }), i * 1000);
    h.add(status({ connections: 99 }), 0);
    expect(h.size).toBe(3);
    expect(h.series('connections')).toEqual([8, 9, 99]);
    expect(h.times()).toEqual([8, 9, 9]);
  });
});
