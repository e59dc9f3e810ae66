/**
 * The scale-out deployments of the fan-out benchmark, on a Redis of the benchmark's own: a publisher
 * child publishing through RedisBroker and `gateways` gateway children on RedisBroker, under a fresh
 * key prefix each; or, to compare on the same load, the one-process tickdeck server.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { createRedis } from '@tickdeck/server';
import { Child } from './fanout-children.js';
import type { ServerReply, ServerRequest, Topology } from './fanout-ipc.js';
import { startServer, type Deployment, type RigOptions, type ServerChild } from './fanout-run.js';
import { deleteBenchKeys, redisCpuSeconds } from './redis-bus-server.js';

type Redis = ReturnType<typeof createRedis>;

export interface ClusterRedis {
  url: string;
  /** A connection of the parent's own for `INFO cpu` and clean-up. */
  admin: Redis;
  /** Redis's CPU while nothing runs, fraction of a core. */
  idleCpu: number;
}

async function startChild(args: string[], o: RigOptions): Promise<{ child: ServerChild; port: number }> {
  const { child, ready } = await Child.start<ServerRequest, ServerReply>('fanout-server-child', {
    args,
    nodeFlags: o.serverFlags ?? [],
  });
  return { child, port: ready.port as number };
}

async function stopChild(child: ServerChild): Promise<void> {
  await child.ask('exit', {}, 10_000).catch(() => undefined);
  await child.stop(5000);
}

/**
 * Start `topology`: `process` is the one-process tickdeck server (MemoryBroker, publishing itself);
 * `redis1` and `cluster` are a publisher child and 1 or `gateways` gateway children on Redis.
 */
export async function startDeployment(
  topology: Topology,
  gateways: number,
  redis: ClusterRedis,
  o: RigOptions,
): Promise<Deployment> {
  if (topology === 'process') return startServer('tickdeck', o);
  const prefix = `tickdeck-bench:${randomBytes(4).toString('hex')}:`;
  const count = topology === 'redis1' ? 1 : gateways;
  const delay = o.batchDelayMs === undefined ? '' : String(o.batchDelayMs);
  const started: ServerChild[] = [];
  try {
    const publisher = await startChild(['redis-publisher', '', redis.url, prefix], o);
    started.push(publisher.child);
    const gws: { child: ServerChild; port: number }[] = [];
    for (let i = 0; i < count; i++) {
      const g = await startChild(['tickdeck-redis', delay, redis.url, prefix], o);
      started.push(g.child);
      gws.push(g);
    }
    return {
      kind: 'tickdeck',
      gateways: gws,
      publisher: publisher.child,
      redis: {
        cpuUs: async () => (await redisCpuSeconds(redis.admin)) * 1e6,
        idleCpu: redis.idleCpu,
      },
      async stop() {
        await Promise.all(started.map(stopChild));
        await deleteBenchKeys(redis.admin, prefix);
      },
    };
  } catch (err) {
    await Promise.all(started.map(stopChild));
    throw err;
  }
}
