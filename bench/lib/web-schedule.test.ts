import { describe, expect, it } from 'vitest';
import { RateSchedule } from './web-schedule.js';

describe('RateSchedule', () => {
  it('gives each stream exactly its rate over a window', () => {
    const s = new RateSchedule(
      [
        { key: 'a', perSecond: 10 },
        { key: 'b', perSecond: 20 },
      ],
      0,
    );
    const seen: string[] = [];
    for (let t = 0; t < 10_000; t += 7) seen.push(...s.due(t));
    expect(seen.filter((k) => k === 'a')).toHaveLength(100);
    expect(seen.filter((k) => k === 'b')).toHaveLength(200);
    expect(s.skipped).toBe(0);
  });

  it('spreads the streams over the period instead of firing them together', () => {
    const keys = ['a', 'b', 'c', 'd'];
    const s = new RateSchedule(
      keys.map((key) => ({ key, perSecond: 10 })),
      0,
    );
    expect(s.due(0)).toEqual(['a']);
    expect(s.due(25)).toEqual(['b']);
    expect(s.due(50)).toEqual(['c']);
    expect(s.due(75)).toEqual(['d']);
    expect(s.due(100)).toEqual(['a']);
  });

  it('catches up on a late call, oldest first', () => {
    const s = new RateSchedule(
      [
        { key: 'a', perSecond: 10 },
        { key: 'b', perSecond: 10 },
      ],
      0,
    );
    expect(s.due(220)).toEqual(['a', 'b', 'a', 'b', 'a']);
  });

  it('skips what is more than maxBehindMs late rather than bursting it', () => {
    const s = new RateSchedule([{ key: 'a', perSecond: 100 }], 0, 100);
    const sent = s.due(5000);
    expect(sent.length).toBeLessThanOrEqual(11);
    expect(sent.length + s.skipped).toBe(501);
  });

  it('leaves out streams with no rate', () => {
    const s = new RateSchedule([{ key: 'a', perSecond: 0 }], 0);
    expect(s.due(10_000)).toEqual([]);
  });
});
