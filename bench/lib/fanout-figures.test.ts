import { describe, expect, it } from 'vitest';
import { figures, sumWindows } from './fanout-figures.js';
import { LatencyHistogram } from './fanout-histogram.js';
import type { PublishPlan, ServerWindow, WorkerResult } from './fanout-ipc.js';

const win = (cpuUs: number, bytes: number, wallMs: number): ServerWindow => ({
  cpuUserUs: cpuUs * 0.75,
  cpuSystemUs: cpuUs * 0.25,
  bytesWritten: bytes,
  wallMs,
});

const worker = (measured: number, latencyMs: number): WorkerResult => {
  const h = new LatencyHistogram();
  for (let i = 0; i < measured; i++) h.record(latencyMs);
  return {
    received: measured,
    measured,
    gaps: 0,
    disorder: 0,
    disconnects: 0,
    closeCodes: {},
    latency: h.toData(),
    cpuUserUs: 0,
    cpuSystemUs: 0,
    lastByTopic: {},
  };
};

const plan: PublishPlan = { topics: ['BTC/USDT'], rate: 10, warmupMs: 0, measureMs: 8000 };

describe('sumWindows', () => {
  it('adds CPU and bytes over the processes and keeps the longest wall time', () => {
    const s = sumWindows([win(1000, 10, 8000), win(2000, 20, 8100), win(3000, 30, 7900)]);
    expect(s.cpuUserUs + s.cpuSystemUs).toBe(6000);
    expect(s.bytesWritten).toBe(60);
    expect(s.wallMs).toBe(8100);
  });

  it('of nothing is zero', () => {
    expect(sumWindows([])).toEqual({ cpuUserUs: 0, cpuSystemUs: 0, bytesWritten: 0, wallMs: 0 });
  });
});

describe('figures', () => {
  // 3 gateways, 2 workers of 4,000 deliveries each: 8,000 measured messages of 80 publications.
  const results = [worker(4000, 2), worker(4000, 2)];
  const gateways = [win(24_000, 800_000, 8000), win(24_000, 800_000, 8000), win(32_000, 800_000, 8000)];

  it('charges the gateways summed CPU per delivered message, and their bytes', () => {
    const f = figures('tickdeck', 100, plan, results, gateways, { measuredPerTopic: 80 }, 8000, 9000);
    expect(f.gateways).toBe(3);
    expect(f.cpuUsPerMsg).toBeCloseTo(10);
    expect(f.serverCpuPct).toBeCloseTo(1);
    expect(f.bytesPerMsg).toBeCloseTo(300);
    expect(f.deliveredPerSec).toBe(1000);
    expect(f.publications).toBe(80);
    expect(f.lost).toBe(0);
    // Without a publisher or Redis of their own, the total is the gateways' figure.
    expect(f.publisherUsPerPub).toBeNaN();
    expect(f.redisUsPerPub).toBeNaN();
    expect(f.totalUsPerMsg).toBeCloseTo(10);
  });

  it('counts the publisher per publication and Redis without its idle CPU, both in the total', () => {
    const f = figures(
      'tickdeck',
      100,
      plan,
      results,
      gateways,
      {
        measuredPerTopic: 80,
        publisher: win(8_000, 0, 8000),
        // 0.5 % of a core idle over 8 s is 40 ms: 48 ms measured leaves 8 ms of work.
        redis: { cpuUs: 48_000, wallMs: 8000, idleCpu: 0.005 },
      },
      8000,
      9000,
    );
    expect(f.publisherUsPerPub).toBeCloseTo(100);
    expect(f.publisherCpuPct).toBeCloseTo(0.1);
    expect(f.redisCpuPct).toBeCloseTo(0.6);
    expect(f.redisUsPerPub).toBeCloseTo(100);
    expect(f.totalUsPerMsg).toBeCloseTo((80_000 + 8_000 + 8_000) / 8000);
  });

  it('reports loss against what was expected', () => {
    const f = figures('tickdeck', 100, plan, results, gateways, { measuredPerTopic: 80 }, 8100, 9000);
    expect(f.lost).toBe(100);
  });
});
