/**
 * The scale-out scenario of the fan-out benchmark: on each load (one channel at each of
 * `--cluster-sizes`, then a market grid), the one-process tickdeck server, one gateway on Redis (on
 * the grid and at `--redis1-sizes` only) and `--gateways` gateways on Redis, one after the other,
 * each deployment fresh. Redis is a
 * redis-server of the benchmark's own (see redis-bus-server.ts), stopped by its PID at the end.
 * @module
 */
import { createRedis } from '@tickdeck/server';
import { startDeployment, type ClusterRedis } from './fanout-cluster.js';
import type { Figures } from './fanout-figures.js';
import { topologyLabel, type PublishPlan } from './fanout-ipc.js';
import type { FanoutOptions } from './fanout-options.js';
import { gridSymbols, gridTopicsFor, ONE_CHANNEL_TOPIC } from './fanout-payload.js';
import { runDeployment, type RigOptions } from './fanout-run.js';
import { idleRedisCpu } from './redis-bus-run.js';
import { openBenchRedis } from './redis-bus-server.js';

export interface ClusterResults {
  /** One-channel rows, every size, layout and repetition. */
  one: Figures[];
  grid: Figures[];
  /** Where Redis came from, for the report. */
  redisOrigin: string;
  /** Redis's CPU while idle, fraction of a core (taken out of its per-publication figure). */
  idleCpu: number;
}

/** Run the scenario; `rigFor(label)` gives the rig of one deployment. */
export async function runClusterScenario(
  o: FanoutOptions,
  rigFor: (label: string) => RigOptions,
  log: (line: string) => void,
): Promise<ClusterResults> {
  const bench = await openBenchRedis();
  const admin = createRedis(bench.url, { connectionName: 'tickdeck-bench-admin' });
  const out: ClusterResults = { one: [], grid: [], redisOrigin: bench.origin, idleCpu: NaN };
  try {
    await admin.ping();
    out.idleCpu = await idleRedisCpu(bench.url);
    const redis: ClusterRedis = { url: bench.url, admin, idleCpu: out.idleCpu };
    log(`scale-out: Redis ${bench.origin} at ${bench.url}, idle CPU ${(out.idleCpu * 100).toFixed(2)}%`);
    const runLoad = async (clients: string[][], plan: PublishPlan, into: Figures[], what: string) => {
      const grid = plan.topics.length > 1;
      const layouts = o.topologies.filter(
        (t) => t !== 'redis1' || grid || o.redis1Sizes.includes(clients.length),
      );
      for (let rep = 0; rep < o.repeats; rep++) {
        for (const topology of layouts) {
          const label = topologyLabel(topology, o.gateways);
          log(`scale-out, ${what}: ${label} (run ${rep + 1} of ${o.repeats})`);
          const rig = rigFor(topology);
          const d = await startDeployment(topology, o.gateways, redis, rig);
          try {
            for (const f of await runDeployment(d, clients, [plan], rig)) {
              f.topology = topology;
              f.rep = rep;
              into.push(f);
            }
          } finally {
            await d.stop();
          }
        }
      }
    };
    const plan = (topics: string[], rate: number): PublishPlan => ({
      topics,
      rate,
      warmupMs: o.warmupMs,
      measureMs: o.measureMs,
    });
    for (const n of o.clusterSizes) {
      const clients = Array.from({ length: n }, () => [ONE_CHANNEL_TOPIC]);
      await runLoad(clients, plan([ONE_CHANNEL_TOPIC], o.oneRate), out.one, `${n} clients × ${o.oneRate}/s`);
    }
    if (o.clusterGridClients > 0) {
      const symbols = gridSymbols(o.gridSymbols);
      const clients = Array.from({ length: o.clusterGridClients }, (_, i) =>
        gridTopicsFor(i, symbols, o.gridPerClient),
      );
      const what = `grid of ${o.clusterGridClients} clients × ${o.gridPerClient} of ${o.gridSymbols} tickers`;
      await runLoad(clients, plan(symbols, o.gridRate), out.grid, what);
    }
  } finally {
    await admin.quit().catch(() => admin.disconnect());
    await bench.stop();
  }
  return out;
}
