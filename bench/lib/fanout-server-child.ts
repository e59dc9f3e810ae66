/**
 * The server process of the fan-out benchmark: starts one server under test (argv[2]: tickdeck, ws,
 * socketio) or one part of the scale-out deployment (tickdeck-redis, redis-publisher; argv[4] the
 * Redis URL, argv[5] the key prefix), reports its port, then publishes and reports CPU, memory and
 * bytes on request. Exits when the parent goes away.
 * @module
 */
import type { BenchServer } from './fanout-bench-server.js';
import type { ChildRole, PublishPlan, ServerReply, ServerRequest, ServerWindow } from './fanout-ipc.js';
import { makeCandles, SNAPSHOT_CANDLES, SNAPSHOT_CHANNEL } from './fanout-payload.js';
import { runPublisher } from './fanout-publisher.js';
import { startRedisGateway, startRedisPublisher } from './fanout-server-redis.js';
import { startRawWs } from './fanout-server-ws.js';
import { startSocketIo } from './fanout-server-socketio.js';
import { startTickdeck, type SnapshotProbe } from './fanout-server-tickdeck.js';

const role = process.argv[2] as ChildRole;
const batchDelay =
  process.argv[3] === undefined || process.argv[3] === '' ? undefined : Number(process.argv[3]);
const redis = { url: process.argv[4] ?? '', prefix: process.argv[5] ?? '' };
const gc = (globalThis as { gc?: () => void }).gc;
const probe: SnapshotProbe = { samplesMs: [], bytes: 0 };
const tickdeckOpts = { probe, ...(batchDelay === undefined ? {} : { batchDelayMs: batchDelay }) };

async function start(): Promise<BenchServer> {
  switch (role) {
    case 'tickdeck':
      return startTickdeck(tickdeckOpts);
    case 'ws':
      return startRawWs();
    case 'socketio':
      return startSocketIo();
    case 'tickdeck-redis':
      return startRedisGateway(redis, tickdeckOpts);
    case 'redis-publisher':
      return startRedisPublisher(redis);
  }
}
const server = await start();

let windowStart: { cpu: NodeJS.CpuUsage; bytes: number; at: number } | undefined;

function bytesWritten(): number {
  let sum = 0;
  for (const s of server.sockets) sum += s.bytesWritten;
  return sum;
}

function markWindow(): void {
  windowStart = { cpu: process.cpuUsage(), bytes: bytesWritten(), at: performance.now() };
}

function endWindow(): ServerWindow {
  const start = windowStart ?? { cpu: process.cpuUsage(), bytes: bytesWritten(), at: performance.now() };
  const cpu = process.cpuUsage(start.cpu);
  return {
    cpuUserUs: cpu.user,
    cpuSystemUs: cpu.system,
    bytesWritten: bytesWritten() - start.bytes,
    wallMs: performance.now() - start.at,
  };
}

function memory() {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, connections: server.sockets.size };
}

/** JSON encoding alone of a `subscribed` reply carrying 1000 candles, the way the gateway frames it. */
function encodeTimes(): number[] {
  const snapshot = makeCandles('BTC/USDT', SNAPSHOT_CANDLES);
  const msg = {
    op: 'subscribed',
    ch: SNAPSHOT_CHANNEL,
    kind: 'state',
    ep: 'abcdefgh',
    seq: 1,
    recovered: false,
    snapshot,
  };
  const out: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    Buffer.from('[' + JSON.stringify(msg) + ']');
    out.push(performance.now() - t0);
  }
  return out;
}

async function handle(req: ServerRequest): Promise<ServerReply> {
  switch (req.type) {
    case 'memory':
      return { id: req.id, type: 'memory', memory: memory() };
    case 'publish': {
      const plan: PublishPlan = req.plan;
      const out = await runPublisher(plan, server.publish, markWindow);
      return { id: req.id, type: 'publish', ...out };
    }
    case 'window-start':
      markWindow();
      return { id: req.id, type: 'window-start' };
    case 'window-end':
      return { id: req.id, type: 'window-end', window: endWindow() };
    case 'snapshot-samples': {
      const samples = probe.samplesMs.splice(0);
      return {
        id: req.id,
        type: 'snapshot-samples',
        samplesMs: samples,
        encodeMs: encodeTimes(),
        bytes: probe.bytes,
      };
    }
    case 'exit':
      return { id: req.id, type: 'exit' };
  }
}

process.on('message', (req: ServerRequest) => {
  handle(req).then(
    (reply) => {
      process.send?.(reply);
      if (req.type === 'exit') void server.close().finally(() => setTimeout(() => process.exit(0), 50));
    },
    (err: unknown) => {
      console.error('server child:', err);
      process.exit(1);
    },
  );
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready', port: server.port });
