/**
 * Runs a deployment under test against the client workers: connect every client (spread over the
 * deployment's gateways), publish one or more plans, wait for delivery, and turn what the processes
 * report into figures. A deployment is one server child that also publishes (the one-server runs),
 * or gateway children fed through Redis by a publisher child (the scale-out scenario).
 * @module
 */
import { Child } from './fanout-children.js';
import { figures, type Figures, type SideWindows } from './fanout-figures.js';
import type {
  MemoryReading,
  PublishPlan,
  ServerKind,
  ServerReply,
  ServerRequest,
  ServerWindow,
  WorkerReply,
  WorkerRequest,
} from './fanout-ipc.js';
import { spreadClients } from './fanout-spread.js';

export type { Figures } from './fanout-figures.js';
export type ServerChild = Child<ServerRequest, ServerReply>;
export type WorkerChild = Child<WorkerRequest, WorkerReply>;

export interface RigOptions {
  workers: WorkerChild[];
  /** Connections opened at once per worker. */
  concurrency: number;
  /** tickdeck only: override of the gateway's batchDelayMs. */
  batchDelayMs?: number | undefined;
  /** Node flags for the server children (e.g. --cpu-prof). */
  serverFlags?: string[];
  log: (line: string) => void;
}

/** The processes under test. */
export interface Deployment {
  /** The protocol the clients speak. */
  kind: ServerKind;
  /** Children serving clients, each on its port. */
  gateways: { child: ServerChild; port: number }[];
  /** The child that runs the publish plans: one of the gateways, or a process of its own. */
  publisher: ServerChild;
  /** Redis's CPU time so far, µs (`INFO cpu`), and its idle CPU as a fraction of a core. */
  redis?: { cpuUs: () => Promise<number>; idleCpu: number } | undefined;
  stop(): Promise<void>;
}

/** Start one server child of `kind` that serves the clients and publishes itself. */
export async function startServer(kind: ServerKind, o: RigOptions): Promise<Deployment> {
  const { child, ready } = await Child.start<ServerRequest, ServerReply>('fanout-server-child', {
    args: [kind, o.batchDelayMs === undefined ? '' : String(o.batchDelayMs)],
    nodeFlags: o.serverFlags ?? [],
  });
  return {
    kind,
    gateways: [{ child, port: ready.port as number }],
    publisher: child,
    async stop() {
      await child.ask('exit', {}, 10_000).catch(() => undefined);
      await child.stop(5000);
    },
  };
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

const memoryOf = (d: Deployment) =>
  Promise.all(d.gateways.map(async (g) => (await g.child.ask('memory', {}, 30_000)).memory));

/** RSS growth over `base` per connection of each gateway, averaged over the gateways, KB. */
function rssPerConn(base: MemoryReading[], now: MemoryReading[]): number {
  const each = now.map((m, i) => (m.connections ? (m.rss - base[i]!.rss) / m.connections / 1024 : NaN));
  return each.reduce((s, x) => s + x, 0) / each.length;
}

/**
 * Publish `plan` once and measure it. A publisher of its own marks its window at the first measured
 * publication; the gateways then mark theirs when the warm-up is over by the parent's clock (an IPC
 * hop later, ~1 ms in windows of seconds), as Redis's CPU is read.
 */
async function measurePlan(
  d: Deployment,
  clients: string[][],
  connected: number,
  plan: PublishPlan,
  o: RigOptions,
) {
  await Promise.all(o.workers.map((w) => w.ask('reset', {}, 10_000)));
  const resetAt = performance.now();
  const separate = d.gateways.every((g) => g.child !== d.publisher);
  let started: Promise<{ redisUs: number; at: number }> | undefined;
  const timer = separate
    ? setTimeout(() => {
        started = Promise.all([
          d.redis?.cpuUs() ?? 0,
          ...d.gateways.map((g) => g.child.ask('window-start', {}, 10_000)),
        ]).then(([redisUs]) => ({ redisUs, at: performance.now() }));
        // Awaited after the plan; marked handled now so that an early failure does not end the process.
        started.catch(() => undefined);
      }, plan.warmupMs)
    : undefined;
  const published = await d.publisher.ask('publish', { plan }, plan.warmupMs + plan.measureMs + 60_000);
  clearTimeout(timer);
  const windowStart = await started;
  const perClientTopics = topicsIn(clients, plan);
  const connectedShare = clients.length ? connected / clients.length : 0;
  const expected = Math.round(perClientTopics * connectedShare) * published.perTopic;
  await drain(o.workers, expected, o.log);
  const [redisEndUs, ...windows] = await Promise.all([
    windowStart && d.redis ? d.redis.cpuUs() : 0,
    ...d.gateways.map(async (g) => (await g.child.ask('window-end', {}, 30_000)).window),
  ]);
  const redisWallMs = windowStart ? performance.now() - windowStart.at : 0;
  const publisherWindow: ServerWindow | undefined = separate
    ? (await d.publisher.ask('window-end', {}, 30_000)).window
    : undefined;
  const results = (await Promise.all(o.workers.map((w) => w.ask('collect', {}, 30_000)))).map(
    (r) => r.result,
  );
  const side: SideWindows = {
    publisher: publisherWindow,
    redis:
      windowStart && d.redis
        ? {
            cpuUs: (redisEndUs as number) - windowStart.redisUs,
            wallMs: redisWallMs,
            idleCpu: d.redis.idleCpu,
          }
        : undefined,
    measuredPerTopic: published.measuredPerTopic,
  };
  const f = figures(
    d.kind,
    clients.length,
    plan,
    results,
    windows as ServerWindow[],
    side,
    expected,
    performance.now() - resetAt,
  );
  f.lagMaxMs = published.lagMaxMs;
  return f;
}

/**
 * Run `plans` one after the other on deployment `d` with `clients` connected (each entry: the
 * topics of one client), spread over its gateways. `onPlan` sees each plan's figures and says
 * whether to go on to the next plan, run this one again, or stop. Leaves `d` running.
 */
export async function runDeployment(
  d: Deployment,
  clients: string[][],
  plans: PublishPlan[],
  o: RigOptions,
  onPlan: (f: Figures, attempt: number) => 'next' | 'retry' | 'stop' = () => 'next',
): Promise<Figures[]> {
  const out: Figures[] = [];
  try {
    const base = await memoryOf(d);
    const ports = d.gateways.map((g) => g.port);
    const shares = spreadClients(clients, o.workers.length, ports);
    const conn = await Promise.all(
      o.workers.map((w, i) =>
        w.ask(
          'connect',
          {
            kind: d.kind,
            port: ports[0]!,
            clients: shares[i]!.clients,
            ports: ports.length > 1 ? shares[i]!.ports : undefined,
            concurrency: o.concurrency,
          },
          240_000,
        ),
      ),
    );
    const connected = conn.reduce((s, c) => s + c.connected, 0);
    const connectFailed = conn.reduce((s, c) => s + c.failed, 0);
    const connectError = conn.find((c) => c.firstError)?.firstError;
    const connectSeconds = Math.max(...conn.map((c) => c.ms)) / 1000;
    o.log(`  ${d.kind}: ${connected}/${clients.length} connected in ${connectSeconds.toFixed(1)} s`);
    const idle = await memoryOf(d);
    for (let i = 0, attempt = 1; i < plans.length;) {
      const plan = plans[i]!;
      const f = await measurePlan(d, clients, connected, plan, o);
      f.connected = connected;
      f.connectFailed = connectFailed;
      f.connectError = connectError;
      f.connectSeconds = connectSeconds;
      f.rssBaseMb = base.reduce((sum, m) => sum + m.rss, 0) / base.length / 2 ** 20;
      f.rssIdleKbPerConn = rssPerConn(base, idle);
      out.push(f);
      const side =
        f.gateways > 1 || Number.isFinite(f.publisherCpuPct)
          ? `, publisher ${f.publisherCpuPct.toFixed(1)}%, Redis ${f.redisCpuPct.toFixed(1)}%`
          : '';
      o.log(
        `    ${plan.rate}/s × ${plan.topics.length} topic(s): p50 ${f.p50.toFixed(1)} p99 ${f.p99.toFixed(1)} ` +
          `max ${f.max.toFixed(0)} ms, lost ${f.lost}, disc ${f.disconnects}, ` +
          `${f.cpuUsPerMsg.toFixed(2)} µs/msg, server CPU ${f.serverCpuPct.toFixed(0)}%${side}, ` +
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
    const loaded = await memoryOf(d);
    for (const f of out) f.rssLoadedKbPerConn = rssPerConn(base, loaded);
  } finally {
    await Promise.all(o.workers.map((w) => w.ask('close', {}, 60_000).catch(() => undefined)));
  }
  return out;
}

/** {@link runDeployment} on a fresh one-process server of `kind`, stopped afterwards. */
export async function runServer(
  kind: ServerKind,
  clients: string[][],
  plans: PublishPlan[],
  o: RigOptions,
  onPlan?: (f: Figures, attempt: number) => 'next' | 'retry' | 'stop',
): Promise<Figures[]> {
  const d = await startServer(kind, o);
  try {
    return await runDeployment(d, clients, plans, o, onPlan);
  } finally {
    await d.stop();
  }
}
