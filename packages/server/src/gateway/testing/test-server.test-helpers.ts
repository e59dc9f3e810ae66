/**
 * A gateway in its own process, for tests with real sockets: `node --import tsx test-server.test-helpers.ts` (excluded from the build).
 * Settings come as JSON in TICKDECK_TEST_GATEWAY ({ limits, history, allowedOrigins }); it listens on
 * 127.0.0.1 on a free port and prints `{"port":N}`. Test-only routes under /test drive publications.
 *
 * Channels: `st:X` state (snapshot = latest), `sk` state keyed by `data.k` (snapshot = every key),
 * `ev:X` stream, `al` urgent stream.
 * @module
 */
import Fastify from 'fastify';
import { Registry } from 'prom-client';
import { metricsRoute } from '../../ops/metrics-route.js';
import { ChannelRegistry } from '../channel-registry.js';
import { createGateway } from '../gateway.js';
import { gatewayPlugin, type GatewayPluginOptions } from '../gateway-plugin.js';
import { MemoryBroker } from '../memory/memory-broker.js';

const settings = JSON.parse(process.env.TICKDECK_TEST_GATEWAY ?? '{}') as {
  limits?: Record<string, number>;
  history?: { maxCount?: number; maxAgeMs?: number };
  allowedOrigins?: GatewayPluginOptions['allowedOrigins'];
};

const latest = new Map<string, unknown>();
const keyed = new Map<string, unknown>();
const registry = new ChannelRegistry();
registry.declare({
  prefix: 'st',
  kind: 'state',
  args: 1,
  snapshot: async ({ channel }) => latest.get(channel) ?? null,
});
registry.declare({
  prefix: 'sk',
  kind: 'state',
  key: (d) => (d as { k: string }).k,
  snapshot: async () => Object.fromEntries(keyed),
});
registry.declare({ prefix: 'ev', kind: 'stream', args: 1 });
registry.declare({ prefix: 'al', kind: 'stream', urgent: true });

const metrics = new Registry();
const broker = new MemoryBroker({ history: settings.history });
const gateway = createGateway({ broker, registry, limits: settings.limits, metrics });

const app = Fastify();
await app.register(gatewayPlugin({ gateway, allowedOrigins: settings.allowedOrigins }));
await app.register(metricsRoute(metrics));

interface PublishBody {
  channel: string;
  count?: number;
  /** Characters of padding per message. */
  pad?: number;
  /** Publications per event-loop turn. */
  chunk?: number;
  k?: string;
  v?: unknown;
}

function publishOne(b: PublishBody, i: number): void {
  const data = { i, k: b.k, v: b.v, pad: b.pad ? 'x'.repeat(b.pad) : undefined };
  if (b.channel.startsWith('st:')) latest.set(b.channel, data);
  if (b.channel === 'sk' && b.k !== undefined) keyed.set(b.k, data);
  broker.publishSync(b.channel, data);
}

app.post<{ Body: PublishBody }>('/test/publish', async (req) => {
  const b = req.body;
  const count = b.count ?? 1;
  const chunk = b.chunk ?? count;
  const first = (await broker.position(b.channel)).seq + 1;
  for (let i = 0; i < count; i++) {
    publishOne(b, i);
    if ((i + 1) % chunk === 0 && i + 1 < count) await new Promise((r) => setTimeout(r, 1));
  }
  return { first, last: (await broker.position(b.channel)).seq, epoch: broker.epoch };
});
app.post('/test/drop', async () => {
  gateway.closeAll();
  return { ok: true };
});
app.get('/test/stats', async () => ({
  connections: gateway.stats.connections,
  subscriptions: gateway.stats.subscriptions,
  closes: Object.fromEntries(gateway.stats.closes),
  conflated: gateway.stats.conflated,
  throttled: gateway.stats.throttled,
  sessions: gateway.sessions.size,
}));

await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));

const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
