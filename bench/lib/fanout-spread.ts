/**
 * How the benchmark's clients are shared out: over the client worker processes, and over the
 * gateways' ports when several gateways serve them.
 * @module
 */

/** One worker's clients: the topics of each, and the port each connects to (same order). */
export interface WorkerShare {
  clients: string[][];
  ports: number[];
}

/**
 * Give client `i` the port `ports[i % ports.length]`, and hand clients to the workers in runs of
 * `ports.length`, round robin, so that gateways get counts at most one apart and every worker
 * talks to every gateway (a worker is never tied to one gateway). With one port this is the plain
 * round robin over workers (client `i` to worker `i % workers`).
 * @example
 * spreadClients([['a'], ['b'], ['c'], ['d']], 2, [8001, 8002]);
 * // → [{ clients: [['a'], ['b']], ports: [8001, 8002] }, { clients: [['c'], ['d']], ports: [8001, 8002] }]
 */
export function spreadClients(clients: string[][], workers: number, ports: readonly number[]): WorkerShare[] {
  if (workers < 1 || ports.length < 1) throw new Error('spreadClients: needs a worker and a port');
  const shares: WorkerShare[] = Array.from({ length: workers }, () => ({ clients: [], ports: [] }));
  clients.forEach((topics, i) => {
    const share = shares[Math.floor(i / ports.length) % workers]!;
    share.clients.push(topics);
    share.ports.push(ports[i % ports.length]!);
  });
  return shares;
}
