/**
 * The gateway API the benchmark drives. Built, it comes from `@tickdeck/server`; run from sources
 * (tsx), from the gateway's sources, so a stale build of the server is never measured by mistake.
 * @module
 */
import type {
  ChannelRegistry,
  createGateway,
  createRedis,
  gatewayPlugin,
  MemoryBroker,
  RedisBroker,
} from '@tickdeck/server';

export interface GatewayApi {
  ChannelRegistry: typeof ChannelRegistry;
  MemoryBroker: typeof MemoryBroker;
  createGateway: typeof createGateway;
  gatewayPlugin: typeof gatewayPlugin;
  RedisBroker: typeof RedisBroker;
  createRedis: typeof createRedis;
}

const SOURCES = [
  'gateway/gateway.ts',
  'gateway/gateway-plugin.ts',
  'gateway/channel-registry.ts',
  'gateway/memory/memory-broker.ts',
  'gateway/redis/redis-broker.ts',
  'redis/connect-redis.ts',
];

/** Where the API comes from, for the report. */
export const gatewayApiSource = (): string =>
  import.meta.url.endsWith('.ts') ? 'the server sources (run through tsx)' : '@tickdeck/server';

export async function loadGatewayApi(): Promise<GatewayApi> {
  if (!import.meta.url.endsWith('.ts')) return import('@tickdeck/server');
  const base = new URL('../../packages/server/src/', import.meta.url);
  const mods = await Promise.all(SOURCES.map((f) => import(new URL(f, base).href) as Promise<object>));
  return Object.assign({}, ...mods) as GatewayApi;
}
