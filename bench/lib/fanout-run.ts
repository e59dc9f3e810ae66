/**
 * Runs one server under test against the client workers: start it, connect every client, publish
 * one or more plans, wait for delivery, and turn what the processes report into figures.
 * @module
 */
import { loadavg } from 'node:os';
import { Child } from './fanout-children.js';
import { LatencyHistogram } from './fanout-histogram.js';
import type {
  MemoryReading,
  PublishPlan,
  ServerKind,
  ServerReply,
  ServerRequest,
  WorkerReply,
  WorkerRequest,
  WorkerResult,
} from './fanout-ipc.js';

export type ServerChild = Child<ServerRequest, ServerReply>;
export type WorkerChild = Child<WorkerRequest, WorkerReply>;

export interface RigOptions {
  workers: WorkerChild[];
  /** Connections opened at once per worker. */
  concurrency: number;
  /** tickdeck only: override of the gateway's batchDelayMs. */
  batchDelayMs?: number | undefined;
  /** Node flags for the server child (e.g. --cpu-prof). */
  serverFlags?: string[];
  log: (line: string) => void;
}

export interface Figures {
  kind: ServerKind;
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
  p50: number;
  p99: number;
  max: number;
  mean: number;
  cpuUsPerMsg: number;
  serverCpuPct: number;
  clientCpuPct: number;
  bytesPerMsg: number;
  rssIdleKbPerConn: number;
  rssLoadedKbPerConn: number;
  load1: number;
  /** How far the server's publisher fell behind its schedule at worst, ms. */
  lagMaxMs: number;
  /** 1 for the first run of a plan, 2 for its retry… */
  attempt: number;
}

/** How many publications of a plan each client's topics amount to. */
const topicsIn = (clients: string[][], plan: PublishPlan) => {
  const set = new Set(plan.topics);
  let n = 0;
  for (const c of clients) for (const t of c) if (set.has(t)) n++;
  return n;
};

async function drain(workers: WorkerChild[], expected: number, log: (l: string) => void): Promise<void> {
  let last = -1;
  let stillSince = performance.now();
  const deadline = performance.now() + 30_000;
  for (;;) {
    const progress = await Promise.all(workers.map((w) => w.ask('progress', {}, 10_000)));
    const received = progress.reduce((s, p) => s + p.received, 0);
    if (received >= expected) return;
    const now = performance.now();
    if (received !== last) {
      last = received;
      stillSince = now;
    } else if (now - stillSince > 2500 || now > deadline) {
      log(`    drain: ${received} of ${expected} received, giving up waiting`);
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Run `plans` one after the other on a fresh `kind` server with `clients` connected (each entry:
 * the topics of one client). `onPlan` sees each plan's figures and says whether to go on to the
 * next plan, run this one again, or stop.
 */
export async function runServer(
  kind: ServerKind,
  clients: string[][],
  plans: PublishPlan[],
  o: RigOptions,
  onPlan: (f: Figures, attempt: number) => 'next' | 'retry' | 'stop' = () => 'next',
): Promise<Figures[]> {
  const { child: server, ready } = await Child.start<ServerRequest, ServerReply>('fanout-server-child', {
    args: [kind, o.batchDelayMs === undefined ? '' : String(o.batchDelayMs)],
    nodeFlags: o.serverFlags ?? [],
  });
  const out: Figures[] = [];
  try {
    const port = ready.port as number;
    const base = (await server.ask('memory', {}, 30_000)).memory;
    const shares: string[][][] = o.workers.map(() => []);
    clients.forEach((c, i) => shares[i % shares.length]!.push(c));
    const conn = await Promise.all(
      o.workers.map((w, i) =>
        w.ask('connect', { kind, port, clients: shares[i]!, concurrency: o.concurrency }, 240_000),
      ),
    );
    const connected = conn.reduce((s, c) => s + c.connected, 0);
    const connectFailed = conn.reduce((s, c) => s + c.failed, 0);
    const connectError = conn.find((c) => c.firstError)?.firstError;
    const connectSeconds = Math.max(...conn.map((c) => c.ms)) / 1000;
    o.log(`  ${kind}: ${connected}/${clients.length} connected in ${connectSeconds.toFixed(1)} s`);
    const idle = (await server.ask('memory', {}, 30_000)).memory;
    const perConn = (m: MemoryReading) => (connected ? (m.rss - base.rss) / connected / 1024 : NaN);
    for (let i = 0, attempt = 1; i < plans.length;) {
      const plan = plans[i]!;
      await Promise.all(o.workers.map((w) => w.ask('reset', {}, 10_000)));
      const resetAt = performance.now();
      const published = await server.ask('publish', { plan }, plan.warmupMs + plan.measureMs + 60_000);
      const perClientTopics = topicsIn(clients, plan);
      const connectedShare = clients.length ? connected / clients.length : 0;
      const expected = Math.round(perClientTopics * connectedShare) * published.perTopic;
      await drain(o.workers, expected, o.log);
      const win = (await server.ask('window-end', {}, 30_000)).window;
      const results = (await Promise.all(o.workers.map((w) => w.ask('collect', {}, 30_000)))).map(
        (r) => r.result,
      );
      const f = figures(kind, clients.length, plan, results, win, expected, performance.now() - resetAt);
      f.connected = connected;
      f.connectFailed = connectFailed;
      f.connectError = connectError;
      f.connectSeconds = connectSeconds;
      f.rssIdleKbPerConn = perConn(idle);
      f.lagMaxMs = published.lagMaxMs;
      out.push(f);
      o.log(
        `    ${plan.rate}/s × ${plan.topics.length} topic(s): p50 ${f.p50.toFixed(1)} p99 ${f.p99.toFixed(1)} ` +
          `max ${f.max.toFixed(0)} ms, lost ${f.lost}, disc ${f.disconnects}, ` +
          `${f.cpuUsPerMsg.toFixed(2)} µs/msg, server CPU ${f.serverCpuPct.toFixed(0)}%, ` +
          `clients ${f.clientCpuPct.toFixed(0)}%, lag ${f.lagMaxMs.toFixed(0)} ms, load ${f.load1}`,
      );
      f.attempt = attempt;
      const verdict = onPlan(f, attempt);
      if (verdict === 'stop') break;
      if (verdict === 'retry') attempt++;
      else {
        i++;
        attempt = 1;
      }
    }
    const loaded = (await server.ask('memory', {}, 30_000)).memory;
    for (const f of out) f.rssLoadedKbPerConn = perConn(loaded);
  } finally {
    await Promise.all(o.workers.map((w) => w.ask('close', {}, 60_000).catch(() => undefined)));
    await server.ask('exit', {}, 10_000).catch(() => undefined);
    await server.stop(5000);
  }
  return out;
}

function figures(
  kind: ServerKind,
  clients: number,
  plan: PublishPlan,
  results: WorkerResult[],
  win: { cpuUserUs: number; cpuSystemUs: number; bytesWritten: number; wallMs: number },
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
  const cpuUs = win.cpuUserUs + win.cpuSystemUs;
  return {
    kind,
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
    p50: h.quantile(0.5),
    p99: h.quantile(0.99),
    max: h.maxMs,
    mean: h.count ? h.sumMs / h.count : NaN,
    cpuUsPerMsg: measured ? cpuUs / measured : NaN,
    serverCpuPct: win.wallMs ? (cpuUs / 1000 / win.wallMs) * 100 : NaN,
    clientCpuPct: (clientCpu / 1000 / clientWallMs) * 100,
    bytesPerMsg: measured ? win.bytesWritten / measured : NaN,
    rssIdleKbPerConn: NaN,
    rssLoadedKbPerConn: NaN,
    load1: Number(loadavg()[0]!.toFixed(2)),
    lagMaxMs: NaN,
    attempt: 1,
  };
}
