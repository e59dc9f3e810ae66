/**
 * tickdeck under test: a real Fastify app with the gateway plugin, a MemoryBroker (or the broker
 * given, e.g. RedisBroker for the scale-out scenario), a `ticks`
 * stream channel (one-channel scenarios), `ticker:SYM` state channels (grid) and a `candles` state
 * channel whose snapshot is 1000 candles.
 * @module
 */
import type { Socket } from 'node:net';
import type { Broker } from '@tickdeck/server';
import Fastify from 'fastify';
import { trackSockets, type BenchServer } from './fanout-bench-server.js';
import { loadGatewayApi } from './fanout-gateway-api.js';
import { makeCandles, SNAPSHOT_CANDLES, tickdeckChannel, type TickPayload } from './fanout-payload.js';

/** Server-side times of 1000-candle snapshots: last inbound frame → the snapshot frame written. */
export interface SnapshotProbe {
  samplesMs: number[];
  bytes: number;
}

/** Bigger than any fan-out frame, smaller than the snapshot frame. */
const SNAPSHOT_FRAME_MIN = 50_000;

function probeSocket(socket: Socket, probe: SnapshotProbe): void {
  let lastData = 0;
  socket.prependListener('data', () => (lastData = performance.now()));
  const write = socket.write.bind(socket) as (...a: unknown[]) => boolean;
  socket.write = ((chunk: unknown, ...rest: unknown[]) => {
    const len = (chunk as { length?: number }).length ?? 0;
    if (len > SNAPSHOT_FRAME_MIN) {
      probe.samplesMs.push(performance.now() - lastData);
      probe.bytes = len;
    }
    return write(chunk, ...rest);
  }) as Socket['write'];
}

/**
 * Start tickdeck on a free loopback port. `broker` defaults to a new MemoryBroker; `onClose` runs
 * after the app closed (e.g. to close a RedisBroker and its connection).
 */
export async function startTickdeck(opts: {
  batchDelayMs?: number;
  probe: SnapshotProbe;
  broker?: Broker;
  onClose?: () => Promise<void>;
}): Promise<BenchServer> {
  const api = await loadGatewayApi();
  const registry = new api.ChannelRegistry();
  registry.declare({ prefix: 'ticks', kind: 'stream' });
  registry.declare({ prefix: 'ticker', kind: 'state', args: 1, snapshot: async () => null });
  const candles = makeCandles('BTC/USDT', SNAPSHOT_CANDLES);
  registry.declare({
    prefix: 'candles',
    kind: 'state',
    args: 2,
    key: (d) => (d as { time: number }).time,
    snapshot: async () => candles,
  });
  const limits: Record<string, number> = {
    // Every benchmark client comes from 127.0.0.1.
    maxConnectionsPerAddress: 1_000_000,
    maxConnections: 1_000_000,
  };
  if (opts.batchDelayMs !== undefined) limits.batchDelayMs = opts.batchDelayMs;
  const broker = opts.broker ?? new api.MemoryBroker();
  const gateway = api.createGateway({ broker, registry, limits });
  const app = Fastify({ logger: false });
  await app.register(api.gatewayPlugin({ gateway, allowedOrigins: '*', sse: false }));
  const sockets = trackSockets(app.server);
  app.server.on('upgrade', (req, socket: Socket) => {
    if (req.url?.includes('probe=snapshot')) probeSocket(socket, opts.probe);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const channels = new Map<string, string>();
  return {
    port,
    sockets,
    publish(topic: string, d: TickPayload) {
      let ch = channels.get(topic);
      if (ch === undefined) channels.set(topic, (ch = tickdeckChannel(topic)));
      void gateway.publish(ch, d);
    },
    async close() {
      await app.close();
      await opts.onClose?.();
    },
  };
}
