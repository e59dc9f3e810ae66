import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer.js';

describe('RingBuffer', () => {
  it('keeps the newest `capacity` items, oldest first, and reports what it drops', () => {
    const ring = new RingBuffer<number>(3);
    expect(ring.push(1)).toBeUndefined();
    ring.push(2);
    ring.push(3);
    expect(ring.push(4)).toBe(1);
    expect(ring.push(5)).toBe(2);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.size).toBe(3);
    expect(ring.at(0)).toBe(3);
    expect(ring.last()).toBe(5);
    expect(ring.at(3)).toBeUndefined();
  });

  it('matches a plain array model over many random operations', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const ring = new RingBuffer<number>(5);
    let model: number[] = [];
    for (let i = 0; i < 2000; i += 1) {
      const r = random();
      if (r < 0.7) {
        ring.push(i);
        model.push(i);
        if (model.length > 5) model = model.slice(-5);
      } else if (r < 0.95) {
        const limit = i - Math.floor(random() * 10);
        const n = ring.dropWhile((x) => x < limit);
        const kept = model.findIndex((x) => !(x < limit));
        const expected = kept === -1 ? model.length : kept;
        expect(n).toBe(expected);
        model = model.slice(expected);
      } else {
        ring.clear();
        model = [];
      }
      expect(ring.toArray()).toEqual(model);
    }
  });

  it('refuses a capacity below one', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });
});
