import { describe, expect, it } from 'vitest';
import { addedP99, clusterSection, processRowOf } from './fanout-cluster-report.js';
import type { Figures } from './fanout-figures.js';
import type { Topology } from './fanout-ipc.js';

const row = (topology: Topology, clients: number, rep: number, p99: number, p50 = p99 / 2): Figures =>
  ({
    kind: 'tickdeck',
    topology,
    gateways: topology === 'cluster' ? 3 : 1,
    rep,
    clients,
    connected: clients,
    rate: 10,
    topics: 1,
    p50,
    p99,
    lost: 0,
    gaps: 0,
    disconnects: 0,
  }) as Figures;

describe('added p99', () => {
  const rows = [
    row('process', 100, 0, 10),
    row('redis1', 100, 0, 11),
    row('cluster', 100, 0, 14),
    row('process', 100, 1, 20),
    row('redis1', 100, 1, 21),
    row('cluster', 100, 1, 22),
    row('process', 1000, 0, 50),
    row('cluster', 1000, 0, 80),
  ];

  it('pairs a row with the one-process row of its load and repetition', () => {
    expect(processRowOf(rows, rows[2]!)).toBe(rows[0]);
    expect(processRowOf(rows, rows[5]!)).toBe(rows[3]);
    expect(processRowOf(rows, rows[7]!)).toBe(rows[6]);
    expect(processRowOf(rows.slice(1), rows[2]!)).toBeUndefined();
  });

  it('splits the median p99 into the Redis hop and the extra gateways, per load', () => {
    const [small, big] = addedP99(rows);
    expect(small!.clients).toBe(100);
    expect(small!.p99).toEqual({ process: 15, redis1: 16, cluster: 18 });
    expect(small!.redisHop).toBe(1);
    expect(small!.moreGateways).toBe(2);
    expect(small!.added).toBe(3);
    expect(small!.addedEach).toEqual([4, 2]);
    expect(small!.ratio).toBeCloseTo(1.2);
    expect(small!.addedP50).toBeCloseTo(1.5);
    expect(big!.redisHop).toBeNaN();
    expect(big!.added).toBe(30);
  });

  it('passes the idle-path target at ≤ 5 ms and fails it above', () => {
    const md = clusterSection({ one: rows, grid: [], redisOrigin: 'test', idleCpu: 0 }).join('\n');
    expect(md).toMatch(/100 clients × 10 msg\/s \(idle path\) ≤ 5 ms \| \+3\.0 ms.*\| pass \|/);
    expect(md).toMatch(/1,000 clients × 10 msg\/s ≤ 5 ms \| \+30\.0 ms.*\| \*\*FAIL\*\* \|/);
  });
});
