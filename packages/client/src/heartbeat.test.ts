import { describe, expect, it } from 'vitest';
import { Heartbeat } from './heartbeat.js';
import { ManualTimers } from './testing/manual-timers.test-helpers.js';

const make = () => {
  const timers = new ManualTimers();
  const pings: number[] = [];
  const rtts: number[] = [];
  let dead = 0;
  const hb = new Heartbeat({
    timers,
    clock: timers,
    sendPing: (t) => pings.push(t),
    onRtt: (ms) => rtts.push(ms),
    onDead: () => (dead += 1),
  });
  return { timers, hb, pings, rtts, dead: () => dead };
};

describe('Heartbeat', () => {
  it('pings every interval with the clock time and turns pongs into RTT readings', () => {
    const { timers, hb, pings, rtts } = make();
    hb.start(1000, 2000);
    timers.advance(999);
    expect(pings).toEqual([]);
    timers.advance(1);
    expect(pings).toEqual([1000]);
    timers.advance(30);
    hb.frameReceived();
    hb.pongReceived(1000);
    hb.pongReceived(5000); // from the future: ignored
    expect(rtts).toEqual([30]);
    timers.advance(970);
    expect(pings).toEqual([1000, 2000]);
  });

  it('declares the peer dead after timeoutMs without any frame, not before', () => {
    const { timers, hb, dead } = make();
    hb.start(1000, 2000);
    timers.advance(1500);
    hb.frameReceived(); // at 1500: the deadline moves to 3500
    timers.advance(1999);
    expect(dead()).toBe(0);
    timers.advance(1);
    expect(dead()).toBe(1);
    expect(timers.size).toBe(0); // stopped: no more pings or checks
  });

  it('stops cleanly', () => {
    const { timers, hb, pings, dead } = make();
    hb.start(100, 200);
    hb.stop();
    timers.advance(10_000);
    expect(pings).toEqual([]);
    expect(dead()).toBe(0);
  });
});
