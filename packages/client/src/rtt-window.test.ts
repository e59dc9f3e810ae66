import { describe, expect, it } from 'vitest';
import { RttWindow } from './rtt-window.js';

describe('RttWindow', () => {
  it('has nothing before the first reading', () => {
    const w = new RttWindow(3);
    expect(w.latest).toBeUndefined();
    expect(w.stats()).toBeUndefined();
  });

  it('keeps the latest readings only and averages them', () => {
    const w = new RttWindow(3);
    for (const ms of [10, 20, 30, 40]) w.add(ms);
    expect(w.latest).toBe(40);
    expect(w.stats()).toEqual({ latest: 40, average: (20 + 30 + 40) / 3, min: 20, max: 40, samples: 3 });
  });
});
