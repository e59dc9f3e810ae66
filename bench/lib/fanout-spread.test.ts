import { describe, expect, it } from 'vitest';
import { spreadClients } from './fanout-spread.js';

const clientsOf = (n: number) => Array.from({ length: n }, (_, i) => [`t${i}`]);
const count = (xs: number[]) => {
  const m = new Map<number, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
};

describe('spreadClients', () => {
  it('gives each gateway a count at most one apart from the others', () => {
    for (const n of [1, 2, 5, 100, 1000, 10_000, 10_001]) {
      const shares = spreadClients(clientsOf(n), 2, [1, 2, 3]);
      const perPort = count(shares.flatMap((s) => s.ports));
      const counts = [1, 2, 3].map((p) => perPort.get(p) ?? 0);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
  });

  it('keeps every client once, with its own topics, and workers within one run of ports', () => {
    const shares = spreadClients(clientsOf(10_000), 2, [1, 2, 3]);
    const all = shares.flatMap((s) => s.clients.map((c) => c[0]!)).sort();
    expect(all).toEqual(
      clientsOf(10_000)
        .map((c) => c[0]!)
        .sort(),
    );
    for (const s of shares) expect(s.ports).toHaveLength(s.clients.length);
    expect(Math.abs(shares[0]!.clients.length - shares[1]!.clients.length)).toBeLessThanOrEqual(3);
  });

  it('has every worker talk to every gateway, evenly', () => {
    const shares = spreadClients(clientsOf(9_000), 2, [1, 2, 3]);
    for (const s of shares) {
      const perPort = count(s.ports);
      expect([...perPort.keys()].sort()).toEqual([1, 2, 3]);
      expect(new Set(perPort.values()).size).toBe(1);
    }
    // Two workers and two gateways: not one gateway per worker.
    for (const s of spreadClients(clientsOf(100), 2, [1, 2])) expect(new Set(s.ports).size).toBe(2);
  });

  it('with one port, is the round robin over workers the one-server runs use', () => {
    const clients = clientsOf(7);
    const shares = spreadClients(clients, 2, [9]);
    expect(shares[0]!.clients).toEqual([clients[0], clients[2], clients[4], clients[6]]);
    expect(shares[1]!.clients).toEqual([clients[1], clients[3], clients[5]]);
    expect(shares.flatMap((s) => s.ports).every((p) => p === 9)).toBe(true);
  });

  it('refuses no workers or no ports', () => {
    expect(() => spreadClients(clientsOf(3), 0, [1])).toThrow();
    expect(() => spreadClients(clientsOf(3), 2, [])).toThrow();
  });
});
