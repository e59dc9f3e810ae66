import { describe, expect, it } from 'vitest';
import { cpuUsed, type CpuSnapshot } from './web-browser-cpu.js';

const snap = (entries: [number, string, number][]): CpuSnapshot =>
  new Map(entries.map(([id, type, cpuSeconds]) => [id, { type, cpuSeconds }]));

describe('cpuUsed', () => {
  it('sums what every process used, and the renderers apart', () => {
    const before = snap([
      [1, 'browser', 1.0],
      [2, 'renderer', 0.5],
      [3, 'GPU', 0.2],
    ]);
    const after = snap([
      [1, 'browser', 1.1],
      [2, 'renderer', 0.9],
      [3, 'GPU', 0.2],
      [4, 'renderer', 0.3],
    ]);
    const used = cpuUsed(before, after);
    expect(used.rendererMs).toBeCloseTo(700, 6);
    expect(used.totalMs).toBeCloseTo(800, 6);
  });

  it('does not count a process that went away', () => {
    expect(cpuUsed(snap([[2, 'renderer', 5]]), snap([]))).toEqual({ rendererMs: 0, totalMs: 0 });
  });
});
