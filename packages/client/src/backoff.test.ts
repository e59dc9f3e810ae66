import { describe, expect, it } from 'vitest';
import { Backoff, DEFAULT_BACKOFF_BASE_MS, DEFAULT_BACKOFF_CAP_MS } from './backoff.js';
import { seededRandom } from './testing/wait-for.test-helpers.js';

describe('Backoff (full jitter)', () => {
  it('draws each delay uniformly below min(cap, base * 2^n), with the cap reached', () => {
    const draws = seededRandom(42);
    const replay = seededRandom(42);
    const backoff = new Backoff({ baseMs: 100, capMs: 2000, random: draws });
    const ceilings = [100, 200, 400, 800, 1600, 2000, 2000, 2000];
    for (const [n, ceiling] of ceilings.entries()) {
      expect(backoff.attempt).toBe(n);
      expect(backoff.ceiling()).toBe(ceiling);
      const delay = backoff.next();
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(ceiling);
      expect(delay).toBeCloseTo(replay() * ceiling, 9);
    }
  });

  it('spans the whole interval: the smallest and largest random values map to 0 and just below the ceiling', () => {
    const low = new Backoff({ baseMs: 100, capMs: 1000, random: () => 0 });
    expect(low.next()).toBe(0);
    const high = new Backoff({ baseMs: 100, capMs: 1000, random: () => 0.999999 });
    for (let i = 0; i < 10; i++) high.next();
    expect(high.next()).toBeCloseTo(999.999, 6);
  });

  it('starts over after reset and never overflows past the cap', () => {
    const backoff = new Backoff({ random: () => 0.5 });
    for (let i = 0; i < 2000; i++) backoff.next();
    expect(backoff.ceiling()).toBe(DEFAULT_BACKOFF_CAP_MS);
    backoff.reset();
    expect(backoff.attempt).toBe(0);
    expect(backoff.next()).toBe(DEFAULT_BACKOFF_BASE_MS / 2);
  });
});
