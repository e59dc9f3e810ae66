import { ManualClock } from '@tickdeck/core';
import { describe, expect, it } from 'vitest';
import { StaleWatch } from './stale-watch.js';
import { StatusReporter } from './status-reporter.js';
import { collectSink } from './testing/collect-sink.test-helpers.js';
import { ManualScheduler } from './testing/manual-scheduler.test-helpers.js';

describe('StatusReporter', () => {
  it('reports changes only, with their time, and counts reconnects after being live', () => {
    const clock = new ManualClock(1000);
    const sink = collectSink();
    const r = new StatusReporter('x', 'test', clock);
    r.attach(sink);
    r.set('connecting', 'dialing');
    r.set('connecting', 'dialing');
    clock.advance(5);
    r.set('live');
    r.set('failed', 'lost it');
    r.set('connecting', 'again');
    clock.advance(5);
    r.set('live');
    expect(sink.statuses.map((s) => [s.state, s.reason, s.since, s.reconnects])).toEqual([
      ['connecting', 'dialing', 1000, 0],
      ['live', undefined, 1005, 0],
      ['failed', 'lost it', 1005, 0],
      ['connecting', 'again', 1005, 1],
      ['live', undefined, 1010, 1],
    ]);
  });
});

describe('StaleWatch', () => {
  it('calls onStale once after the silence and onFresh on the next touch', async () => {
    const s = new ManualScheduler(0);
    const calls: string[] = [];
    const w = new StaleWatch({
      clock: s,
      timers: s,
      staleAfterMs: 1000,
      onStale: (ms) => calls.push(`stale ${ms}`),
      onFresh: () => calls.push('fresh'),
    });
    w.start();
    await s.advanceAsync(900);
    w.touch();
    await s.advanceAsync(900);
    expect(calls).toEqual([]);
    await s.advanceAsync(1000);
    // Noticed within one check period (a quarter of the silence).
    expect(calls.length).toBe(1);
    const silence = Number(calls[0]!.split(' ')[1]);
    expect(silence).toBeGreaterThanOrEqual(1000);
    expect(silence).toBeLessThanOrEqual(1250);
    await s.advanceAsync(5000);
    w.touch();
    expect(calls.slice(1)).toEqual(['fresh']);
    w.stop();
    expect(s.pendingCount).toBe(0);
  });
});
