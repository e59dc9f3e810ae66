import { describe, expect, it } from 'vitest';
import { RateWindow } from './rate-window.js';
import { Rolling24h } from './rolling-24h.js';

const MIN = 60_000;
const NOW = Date.UTC(2024, 5, 1, 12, 0, 30);
const nowMin = Math.floor(NOW / MIN);

describe('Rolling24h', () => {
  it('holds exactly the minutes m > floor(now / 1 min) - 1440', () => {
    const r = new Rolling24h();
    r.add((nowMin - 1440) * MIN + 59_999, 1, 100, NOW); // just outside: ignored
    r.add((nowMin - 1439) * MIN, 10, 1, NOW); // oldest minute inside
    r.add(NOW - 1000, 12, 2, NOW);
    expect(r.volume24h(NOW)).toBe(3);
    expect(r.changePct(12, NOW)).toBeCloseTo(20, 12);
    expect(r.volume24h(NOW + MIN)).toBe(2); // the oldest minute has left the window
    expect(r.changePct(12, NOW + MIN)).toBe(0);
    expect(r.volume24h(NOW + 1441 * MIN)).toBe(0);
    expect(r.changePct(12, NOW + 1441 * MIN)).toBeNull();
  });

  it('takes the earliest trade of the oldest minute as the reference, whatever the arrival order', () => {
    const r = new Rolling24h();
    const m0 = (nowMin - 100) * MIN;
    r.add(m0 + 30_000, 8, 1, NOW);
    r.add(m0 + 10_000, 5, 1, NOW);
    r.add(m0 + 20_000, 9, 1, NOW);
    expect(r.changePct(10, NOW)).toBeCloseTo(100, 12);
  });

  it('keeps a trade up to one minute ahead of the clock and drops slots it overwrites', () => {
    const r = new Rolling24h();
    r.add((nowMin - 1439) * MIN, 4, 1, NOW);
    r.add((nowMin + 1) * MIN + 5, 5, 2, NOW); // same ring slot as the oldest minute, newer
    r.add((nowMin - 1439) * MIN + 10, 4, 7, NOW); // older than what the slot now holds: ignored
    expect(r.volume24h(NOW)).toBe(2);
    expect(r.changePct(6, NOW)).toBeCloseTo(20, 12);
  });
});

describe('RateWindow', () => {
  it('counts events in the last 10 clock seconds, the current one included', () => {
    const w = new RateWindow(10);
    const s0 = 1_700_000_000_000;
    for (let i = 0; i < 30; i++) w.hit(s0 + i * 500); // 2 per second for 15 s
    const now = s0 + 14_999;
    expect(w.perSecond(now)).toBe(2);
    expect(w.perSecond(now + 5000)).toBe(1);
    expect(w.perSecond(now + 10_001)).toBe(0);
  });
});
