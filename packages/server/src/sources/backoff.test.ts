import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelay } from './backoff.js';

describe('backoff', () => {
  it('draws uniformly below an exponentially growing, capped ceiling', () => {
    const o = { initialMs: 100, maxMs: 1000, factor: 2 };
    // Ceilings 100, 200, 400, 800, 1000, 1000: the delay is random × ceiling.
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, o, 0.5))).toEqual([50, 100, 200, 400, 500, 500]);
    expect(backoffDelay(30, o, 0.999)).toBe(999);
    expect(backoffDelay(3, o, 0)).toBe(0);
  });

  it('grows per attempt and starts over after reset', () => {
    const b = new Backoff({ initialMs: 10, maxMs: 10_000 }, () => 0.5);
    expect([b.next(), b.next(), b.next()]).toEqual([5, 10, 20]);
    expect(b.attempts).toBe(3);
    b.reset();
    expect(b.next()).toBe(5);
  });
});
