/**
 * Messages between the fan-out benchmark's parent and its children (one server process, two client
 * worker processes), over Node's IPC channel. Every request carries an `id` echoed by its reply.
 * @module
 */
import type { HistogramData } from './fanout-histogram.js';

export type ServerKind = 'tickdeck' | 'ws' | 'socketio';
export const SERVER_KINDS: readonly ServerKind[] = ['tickdeck', 'ws', 'socketio'];
export const SERVER_LABELS: Record<ServerKind, string> = {
  tickdeck: 'tickdeck gateway',
  ws: 'raw ws (serialize once)',
  socketio: 'Socket.IO 4 rooms',
};

/**
 * Layouts of the scale-out scenario: the one-process tickdeck server (MemoryBroker, publishing
 * itself); one gateway on Redis with a publisher process; several gateways on Redis (`--gateways`)
 * with a publisher process.
 */
export type Topology = 'process' | 'redis1' | 'cluster';
export const TOPOLOGIES: readonly Topology[] = ['process', 'redis1', 'cluster'];
export const topologyLabel = (t: Topology, gateways: number): string =>
  t === 'process'
    ? 'one process (MemoryBroker)'
    : t === 'redis1'
      ? '1 gateway on Redis'
      : `${gateways} gateways on Redis`;

/**
 * What a server child runs: a server under test (publishing itself), or a part of the scale-out
 * deployment: `tickdeck-redis` is a gateway on RedisBroker that never publishes, `redis-publisher`
 * a collector-like process publishing through RedisBroker that serves no clients.
 */
export type ChildRole = ServerKind | 'tickdeck-redis' | 'redis-publisher';

/** What the server child publishes: every `1000 / rate` ms, one message on each topic. */
export interface PublishPlan {
  topics: string[];
  /** Ticks per second (each tick publishes once on every topic). */
  rate: number;
  warmupMs: number;
  measureMs: number;
}

/** Figures the server child reports for a measurement window. */
export interface ServerWindow {
  cpuUserUs: number;
  cpuSystemUs: number;
  bytesWritten: number;
  wallMs: number;
}

export interface MemoryReading {
  rss: number;
  heapUsed: number;
  connections: number;
}

export type ServerRequest =
  | { id: number; type: 'memory' }
  | { id: number; type: 'publish'; plan: PublishPlan }
  | { id: number; type: 'window-start' }
  | { id: number; type: 'window-end' }
  | { id: number; type: 'snapshot-samples' }
  | { id: number; type: 'exit' };

export type ServerReply =
  | { id: number; type: 'memory'; memory: MemoryReading }
  | { id: number; type: 'publish'; perTopic: number; measuredPerTopic: number; lagMaxMs: number }
  | { id: number; type: 'window-start' }
  | { id: number; type: 'window-end'; window: ServerWindow }
  | { id: number; type: 'snapshot-samples'; samplesMs: number[]; encodeMs: number[]; bytes: number }
  | { id: number; type: 'exit' };

/** Sent once by the server child when it listens. */
export interface ServerReady {
  type: 'ready';
  port: number;
}

export interface ConnectSpec {
  kind: ServerKind;
  port: number;
  /** Topics per client, one entry per client of this worker. */
  clients: string[][];
  /** The port of each client (same order as `clients`), when they spread over several; else `port`. */
  ports?: number[] | undefined;
  concurrency: number;
}

export type WorkerRequest =
  | ({ id: number; type: 'connect' } & ConnectSpec)
  | { id: number; type: 'reset' }
  | { id: number; type: 'progress' }
  | { id: number; type: 'collect' }
  | { id: number; type: 'close' };

export interface WorkerResult {
  /** Publications received (all of the plan, warm-up included). */
  received: number;
  /** Publications of the measurement window received. */
  measured: number;
  /** Publications whose per-topic number skipped ahead (the skipped ones). */
  gaps: number;
  /** Publications received twice or out of order. */
  disorder: number;
  disconnects: number;
  closeCodes: Record<string, number>;
  latency: HistogramData;
  cpuUserUs: number;
  cpuSystemUs: number;
  /** Highest per-topic number received, per topic (for loss checks). */
  lastByTopic: Record<string, number>;
}

export type WorkerReply =
  | { id: number; type: 'connect'; connected: number; failed: number; firstError?: string; ms: number }
  | { id: number; type: 'reset' }
  | { id: number; type: 'progress'; received: number; disconnects: number }
  | { id: number; type: 'collect'; result: WorkerResult }
  | { id: number; type: 'close' };
