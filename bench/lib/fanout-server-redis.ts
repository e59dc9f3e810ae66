/**
 * The scale-out parts of the fan-out benchmark, each run in a server child of its own: a tickdeck
 * gateway whose broker is Redis (it never publishes; what it fans out comes from Redis), and a
 * publisher that publishes through `RedisBroker.publish` as a collector does and serves no clients.
 * @module
 */
import type { BenchServer } from './fanout-bench-server.js';
import { loadGatewayApi } from './fanout-gateway-api.js';
import { tickdeckChannel, type TickPayload } from './fanout-payload.js';
import { startTickdeck, type SnapshotProbe } from './fanout-server-tickdeck.js';

export interface RedisTarget {
  url: string;
  /** Key and pub/sub prefix of this deployment (fresh per run, so channels start a new epoch). */
  prefix: string;
}

/** A tickdeck gateway (Fastify + gatewayPlugin) on a RedisBroker with its own command connection. */
export async function startRedisGateway(
  target: RedisTarget,
  opts: { batchDelayMs?: number; probe: SnapshotProbe },
): Promise<BenchServer> {
  const api = await loadGatewayApi();
  const client = api.createRedis(target.url, { connectionName: 'tickdeck-bench-gateway' });
  await client.ping();
  const broker = new api.RedisBroker({ client, prefix: target.prefix });
  const server = await startTickdeck({
    ...opts,
    broker,
    onClose: async () => {
      await broker.close();
      await client.quit();
    },
  });
  return {
    ...server,
    publish() {
      throw new Error('a gateway on Redis does not publish: the publisher process does');
    },
  };
}

/** A publisher on one Redis connection: every update is one `RedisBroker.publish`, not awaited. */
export async function startRedisPublisher(target: RedisTarget): Promise<BenchServer> {
  const api = await loadGatewayApi();
  const client = api.createRedis(target.url, { connectionName: 'tickdeck-bench-publisher' });
  await client.ping();
  const broker = new api.RedisBroker({ client, prefix: target.prefix });
  const channels = new Map<string, string>();
  let failed = 0;
  const onFailure = (err: unknown) => {
    if (failed++ === 0) console.error('publisher: publish failed:', (err as Error).message);
  };
  return {
    port: 0,
    sockets: new Set(),
    publish(topic: string, d: TickPayload) {
      let ch = channels.get(topic);
      if (ch === undefined) channels.set(topic, (ch = tickdeckChannel(topic)));
      broker.publish(ch, d).catch(onFailure);
    },
    async close() {
      if (failed > 0) console.error(`publisher: ${failed} publications failed`);
      await broker.close();
      await client.quit();
    },
  };
}
