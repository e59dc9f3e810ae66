import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './latency-histogram.js';

describe('LatencyHistogram', () => {
  it('gives percentiles within 1/16 of the exact ones, and the exact max', () => {
    const h = new LatencyHistogram();
    let seed = 3;
    const values: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      seed = (seed * 16807) % 2147483647;
      const us = 0.2 + (seed / 2147483647) ** 4 * 5000; // skewed, 0.2 µs to 5 ms
      values.push(us);
      h.record(us / 1000);
    }
    values.sort((a, b) => a - b);
    const s = h.summary();
    expect(s.count).toBe(50_000);
    for (const [q, got] of [
      [0.5, s.p50],
      [0.9, s.p90],
      [0.99, s.p99],
    ] as const) {
      const exact = values[Math.ceil(q * values.length) - 1]!;
      expect(got).toBeGreaterThanOrEqual(exact);
      expect(got).toBeLessThanOrEqual(exact * (1 + 1 / 16) + 0.001);
    }
    expect(s.max).toBeCloseTo(values.at(-1)!, 9);
  });

  it('handles empty, zero and huge durations', () => {
    const h = new LatencyHistogram();
    expect(h.summary()).toEqual({ count: 0, p50: 0, p90: 0, p99: 0, max: 0 });
    h.record(0);
    h.record(-1);
    h.record(1e9);
    expect(h.quantile(0.5)).toBeLessThan(0.01);
    expect(h.summary().max).toBe(1e12);
  });
});
