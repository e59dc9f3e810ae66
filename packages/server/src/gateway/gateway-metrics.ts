/**
 * Prometheus metrics of the gateway, named `tickdeck_gateway_*`. Counters are read from
 * {@link GatewayStats} at scrape time; histograms are observed directly.
 * @module
 */
import { Counter, Gauge, Histogram, Summary, type Registry } from 'prom-client';
import type { GatewayStats } from './gateway-stats.js';

const KINDS = ['control', 'state', 'stream'] as const;

export function registerGatewayMetrics(registry: Registry, stats: GatewayStats): void {
  const registers = [registry];
  const byKind = (name: string, help: string, values: readonly number[]) =>
    new Counter({
      name,
      help,
      labelNames: ['kind'],
      registers,
      collect() {
        this.reset();
        KINDS.forEach((kind, i) => this.inc({ kind }, values[i] ?? 0));
      },
    });
  const scalar = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  const byCode = (name: string, help: string, map: Map<number | string, number>) =>
    new Counter({
      name,
      help,
      labelNames: ['code'],
      registers,
      collect() {
        this.reset();
        for (const [code, n] of map) this.inc({ code: String(code) }, n);
      },
    });

  new Gauge({
    name: 'tickdeck_gateway_connections',
    help: 'Open client connections by transport',
    labelNames: ['transport'],
    registers,
    collect() {
      this.set({ transport: 'ws' }, stats.connections.ws);
      this.set({ transport: 'sse' }, stats.connections.sse);
    },
  });
  new Gauge({
    name: 'tickdeck_gateway_subscriptions',
    help: 'Channel subscriptions across all connections',
    registers,
    collect() {
      this.set(stats.subscriptions);
    },
  });
  byKind(
    'tickdeck_gateway_messages_out_total',
    'Messages sent to clients by kind (control, state, stream)',
    stats.messagesOut,
  );
  byKind('tickdeck_gateway_bytes_out_total', 'Encoded message bytes sent to clients by kind', stats.bytesOut);
  byKind(
    'tickdeck_gateway_publications_total',
    'Publications fanned out by channel kind',
    stats.publications,
  );
  scalar(
    'tickdeck_gateway_frames_out_total',
    'Frames (WebSocket) or event batches (SSE) sent',
    () => stats.frames,
  );
  scalar(
    'tickdeck_gateway_conflated_total',
    'State messages superseded in a slow connection queue',
    () => stats.conflated,
  );
  scalar(
    'tickdeck_gateway_throttled_total',
    'State messages superseded while held by maxRateMs',
    () => stats.throttled,
  );
  scalar(
    'tickdeck_gateway_dropped_total',
    'Messages discarded when closing slow consumers',
    () => stats.dropped,
  );
  byCode('tickdeck_gateway_closes_total', 'Connections closed, by close code', stats.closes);
  byCode('tickdeck_gateway_inbound_errors_total', 'Refused client input, by error code', stats.inboundErrors);

  const batch = new Histogram({
    name: 'tickdeck_gateway_batch_messages',
    help: 'Messages per outbound frame',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers,
  });
  const rtt = new Histogram({
    name: 'tickdeck_gateway_heartbeat_rtt_seconds',
    help: 'Heartbeat round-trip time measured by the server',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const queue = new Summary({
    name: 'tickdeck_gateway_queue_bytes',
    help: 'Outbound bytes queued per connection, sampled at each heartbeat',
    percentiles: [0.5, 0.9, 0.99],
    maxAgeSeconds: 300,
    ageBuckets: 5,
    registers,
  });
  stats.observeBatch = (n) => batch.observe(n);
  stats.observeRtt = (ms) => rtt.observe(ms / 1000);
  stats.observeQueue = (bytes) => queue.observe(bytes);
}
