/**
 * The figures of one measured plan, from what the processes report: the client workers (receipts,
 * latency, loss by seq), the gateway processes (CPU, bytes written), and in the scale-out scenario a
 * publisher process and Redis of their own.
 * @module
 */
import { loadavg } from 'node:os';
import { LatencyHistogram } from './fanout-histogram.js';
import type { PublishPlan, ServerKind, ServerWindow, Topology, WorkerResult } from './fanout-ipc.js';

export interface Figures {
  kind: ServerKind;
  /** Scale-out scenario only: how the deployment was laid out. */
  topology?: Topology | undefined;
  /** Processes serving the clients. */
  gateways: number;
  /** Which repetition of its size this run was (0 first); pairs rows of the scale-out scenario. */
  rep: number;
  clients: number;
  connected: number;
  connectFailed: number;
  connectError?: string | undefined;
  connectSeconds: number;
  rate: number;
  topics: number;
  /** Publications each client should have received (all its topics, warm-up included). */
  expected: number;
  received: number;
  lost: number;
  gaps: number;
  disorder: number;
  disconnects: number;
  closeCodes: Record<string, number>;
  measured: number;
  /** Messages delivered in the measurement window per second of it (all clients). */
  deliveredPerSec: number;
  /** Publications of the measurement window (all topics). */
  publications: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
  /** CPU of the gateway processes (summed) per delivered message. */
  cpuUsPerMsg: number;
  /** CPU of the gateway processes, % of one core (summed, so up to 100 × gateways). */
  serverCpuPct: number;
  clientCpuPct: number;
  /** A publisher process of its own: % of one core and µs per publication; NaN if the server publishes. */
  publisherCpuPct: number;
  publisherUsPerPub: number;
  /** Redis: % of one core in the window and µs per publication (its idle CPU taken out); NaN without. */
  redisCpuPct: number;
  redisUsPerPub: number;
  /** Every process of the deployment (gateways + publisher + Redis) per delivered message. */
  totalUsPerMsg: number;
  bytesPerMsg: number;
  /** RSS of a gateway process before any client connected, averaged over the gateways, MB. */
  rssBaseMb: number;
  /** RSS growth per connection, averaged over the gateways (each over its own connections). */
  rssIdleKbPerConn: number;
  rssLoadedKbPerConn: number;
  load1: number;
  /** How far the publisher fell behind its schedule at worst, ms. */
  lagMaxMs: number;
  /** 1 for the first run of a plan, 2 for its retry… */
  attempt: number;
}

/** CPU and bytes of several processes over one window: summed; the wall time is the longest. */
export function sumWindows(windows: readonly ServerWindow[]): ServerWindow {
  const out: ServerWindow = { cpuUserUs: 0, cpuSystemUs: 0, bytesWritten: 0, wallMs: 0 };
  for (const w of windows) {
    out.cpuUserUs += w.cpuUserUs;
    out.cpuSystemUs += w.cpuSystemUs;
    out.bytesWritten += w.bytesWritten;
    out.wallMs = Math.max(out.wallMs, w.wallMs);
  }
  return out;
}

/** What the deployment's processes other than the gateways report for the window. */
export interface SideWindows {
  /** A publisher process of its own; absent when a gateway publishes itself. */
  publisher?: ServerWindow | undefined;
  /** Redis CPU time in the window (`INFO cpu` before and after), µs, the window's length, and Redis's idle CPU (fraction of a core) to take out. */
  redis?: { cpuUs: number; wallMs: number; idleCpu: number } | undefined;
  /** Publications per topic in the measurement window. */
  measuredPerTopic: number;
}

const cpuOf = (w: ServerWindow) => w.cpuUserUs + w.cpuSystemUs;
const pct = (us: number, wallMs: number) => (wallMs ? (us / 1000 / wallMs) * 100 : NaN);

/** Turn the reports of one plan into figures (connection and memory fields are the caller's). */
export function figures(
  kind: ServerKind,
  clients: number,
  plan: PublishPlan,
  results: WorkerResult[],
  gatewayWindows: readonly ServerWindow[],
  side: SideWindows,
  expected: number,
  clientWallMs: number,
): Figures {
  const h = new LatencyHistogram();
  let received = 0;
  let measured = 0;
  let gaps = 0;
  let disorder = 0;
  let disconnects = 0;
  let clientCpu = 0;
  const closeCodes: Record<string, number> = {};
  for (const r of results) {
    h.add(r.latency);
    received += r.received;
    measured += r.measured;
    gaps += r.gaps;
    disorder += r.disorder;
    disconnects += r.disconnects;
    clientCpu += r.cpuUserUs + r.cpuSystemUs;
    for (const [k, v] of Object.entries(r.closeCodes)) closeCodes[k] = (closeCodes[k] ?? 0) + v;
  }
  const win = sumWindows(gatewayWindows);
  const cpuUs = cpuOf(win);
  const publications = side.measuredPerTopic * plan.topics.length;
  const pub = side.publisher;
  const redis = side.redis;
  const redisBusyUs = redis ? Math.max(0, redis.cpuUs - redis.idleCpu * redis.wallMs * 1000) : NaN;
  const perMsg = (us: number) => (measured ? us / measured : NaN);
  return {
    kind,
    gateways: gatewayWindows.length,
    rep: 0,
    clients,
    connected: 0,
    connectFailed: 0,
    connectSeconds: 0,
    rate: plan.rate,
    topics: plan.topics.length,
    expected,
    received,
    lost: Math.max(0, expected - received),
    gaps,
    disorder,
    disconnects,
    closeCodes,
    measured,
    deliveredPerSec: plan.measureMs ? measured / (plan.measureMs / 1000) : NaN,
    publications,
    p50: h.quantile(0.5),
    p99: h.quantile(0.99),
    max: h.maxMs,
    mean: h.count ? h.sumMs / h.count : NaN,
    cpuUsPerMsg: perMsg(cpuUs),
    serverCpuPct: pct(cpuUs, win.wallMs),
    clientCpuPct: (clientCpu / 1000 / clientWallMs) * 100,
    publisherCpuPct: pub ? pct(cpuOf(pub), pub.wallMs) : NaN,
    publisherUsPerPub: pub && publications ? cpuOf(pub) / publications : NaN,
    redisCpuPct: redis ? pct(redis.cpuUs, redis.wallMs) : NaN,
    redisUsPerPub: redis && publications ? redisBusyUs / publications : NaN,
    totalUsPerMsg: perMsg(cpuUs + (pub ? cpuOf(pub) : 0) + (redis ? redisBusyUs : 0)),
    bytesPerMsg: measured ? win.bytesWritten / measured : NaN,
    rssBaseMb: NaN,
    rssIdleKbPerConn: NaN,
    rssLoadedKbPerConn: NaN,
    load1: Number(loadavg()[0]!.toFixed(2)),
    lagMaxMs: NaN,
    attempt: 1,
  };
}
