/**
 * Fan-out benchmark: tickdeck's gateway beside a raw `ws` server (serialize once, send to all) and
 * Socket.IO 4 rooms, on the same load, one after the other. The server under test runs in its own
 * process; clients run in two worker processes; everything on loopback.
 *
 * Scenarios: one channel at N clients × 10 msg/s, a rate search at 1,000 clients, a market grid
 * (each client follows 20 tickers updating 10 times a second), and the time to serve a 1000-candle
 * snapshot. On request, the scale-out scenario (`cluster`): a publisher process through RedisBroker
 * and three gateway processes on RedisBroker against the one-process server on the same loads.
 * Prints markdown tables (and writes them to --out).
 *
 * Usage: npm run bench:fanout [-- --scenarios one,rate,grid,snapshot,cluster --full --out FILE]
 * (--help lists every option)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { Child, killAll } from './lib/fanout-children.js';
import { runClusterScenario } from './lib/fanout-cluster-scenario.js';
import { gatewayApiSource } from './lib/fanout-gateway-api.js';
import {
  SERVER_LABELS,
  topologyLabel,
  type PublishPlan,
  type WorkerReply,
  type WorkerRequest,
} from './lib/fanout-ipc.js';
import { parseOptions, type FanoutOptions } from './lib/fanout-options.js';
import { gridSymbols, gridTopicsFor, ONE_CHANNEL_TOPIC } from './lib/fanout-payload.js';
import { rateHeld, renderReport, type Results } from './lib/fanout-report.js';
import { runServer, type Figures, type RigOptions, type WorkerChild } from './lib/fanout-run.js';
import { measureSnapshot } from './lib/fanout-snapshot.js';

const WORKERS = 2;
const o = parseOptions(process.argv.slice(2));
const log = (line: string) => console.error(line);
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').trim();

/** The soft limit on open files of this process (children inherit it). */
function openFileLimit(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === 'unlimited' ? Infinity : Number(soft);
  } catch {
    return NaN;
  }
}

function checkFileLimit(opts: FanoutOptions): string {
  const others = Math.max(
    opts.scenarios.includes('one') ? Math.max(...opts.sizes) : 0,
    opts.scenarios.includes('rate') ? opts.rateClients : 0,
    opts.scenarios.includes('grid') ? opts.gridClients : 0,
  );
  const cluster = opts.scenarios.includes('cluster')
    ? Math.max(...opts.clusterSizes, opts.clusterGridClients)
    : 0;
  // The one-process and 1-gateway layouts hold every connection in one server child.
  const oneServer = opts.topologies.some((t) => t !== 'cluster');
  const inOneChild = Math.max(others, Math.ceil(cluster / (oneServer ? 1 : opts.gateways)));
  const most = Math.max(others, cluster);
  const limit = openFileLimit();
  const need = inOneChild + 200;
  const text = `open files: soft limit ${limit}; the server child needs ~${need}, each client worker ~${Math.ceil(most / WORKERS) + 200}`;
  if (limit < need) {
    throw new Error(
      `${text}. Raise it first (\`ulimit -n ${need * 2}\` in the shell running the benchmark).`,
    );
  }
  return text;
}

const plan = (topics: string[], rate: number, measureMs: number): PublishPlan => ({
  topics,
  rate,
  warmupMs: o.warmupMs,
  measureMs,
});

async function main(): Promise<void> {
  const started = new Date();
  const fileLimit = checkFileLimit(o);
  const loadBefore = loadavg();
  const on = o.scenarios.some((x) => x !== 'cluster') ? ` on ${o.servers.join(', ')}` : '';
  log(`fan-out benchmark: ${o.scenarios.join(', ')}${on}; load ${loadBefore}`);
  const workers: WorkerChild[] = [];
  for (let i = 0; i < WORKERS; i++) {
    workers.push((await Child.start<WorkerRequest, WorkerReply>('fanout-client-worker')).child);
  }
  let profiles = 0;
  const rigFor = (kind: string): RigOptions => ({
    workers,
    concurrency: o.concurrency,
    batchDelayMs: o.batchDelayMs,
    serverFlags: o.cpuProf
      ? ['--cpu-prof', `--cpu-prof-dir=${join(o.cpuProf, `${kind}-${++profiles}`)}`]
      : [],
    log,
  });
  const res: Results = { one: [], rate: [], grid: [], snapshot: [], cluster: undefined };
  try {
    if (o.scenarios.includes('one')) {
      for (const n of o.sizes) {
        for (let rep = 0; rep < o.repeats; rep++) {
          log(`one channel: ${n} clients × ${o.oneRate} msg/s (run ${rep + 1} of ${o.repeats})`);
          const clients = Array.from({ length: n }, () => [ONE_CHANNEL_TOPIC]);
          for (const kind of o.servers) {
            const p = plan([ONE_CHANNEL_TOPIC], o.oneRate, o.measureMs);
            res.one.push(...(await runServer(kind, clients, [p], rigFor(kind))));
          }
        }
      }
    }
    if (o.scenarios.includes('rate')) {
      log(
        `rate search: ${o.rateClients} clients, ${o.rates.join(', ')} msg/s, a failed step retried ${o.rateRetries}×`,
      );
      const clients = Array.from({ length: o.rateClients }, () => [ONE_CHANNEL_TOPIC]);
      const plans = o.rates.map((r) => plan([ONE_CHANNEL_TOPIC], r, o.rateMeasureMs));
      for (const kind of o.servers) {
        const next = (f: Figures, attempt: number) =>
          rateHeld(f) ? 'next' : attempt <= o.rateRetries ? 'retry' : 'stop';
        res.rate.push(...(await runServer(kind, clients, plans, rigFor(kind), next)));
      }
    }
    if (o.scenarios.includes('grid')) {
      const symbols = gridSymbols(o.gridSymbols);
      const clients = Array.from({ length: o.gridClients }, (_, i) =>
        gridTopicsFor(i, symbols, o.gridPerClient),
      );
      for (let rep = 0; rep < o.repeats; rep++) {
        log(
          `grid: ${o.gridClients} clients × ${o.gridPerClient} of ${o.gridSymbols} tickers × ${o.gridRate}/s`,
        );
        for (const kind of o.servers) {
          res.grid.push(
            ...(await runServer(kind, clients, [plan(symbols, o.gridRate, o.measureMs)], rigFor(kind))),
          );
        }
      }
    }
    if (o.scenarios.includes('snapshot') && o.servers.includes('tickdeck')) {
      log('snapshot: 1000 candles');
      res.snapshot = await measureSnapshot(40);
    }
    if (o.scenarios.includes('cluster')) res.cluster = await runClusterScenario(o, rigFor, log);
  } finally {
    await Promise.all(workers.map((w) => w.stop(3000)));
    killAll();
  }
  const loadAfter = loadavg();
  const oneServerRuns = on !== '';
  const minutes = ((Date.now() - started.getTime()) / 60_000).toFixed(1);
  const gridLine =
    `- grid: ${o.gridClients} clients each following ${o.gridPerClient} of ${o.gridSymbols} tickers; every ticker updates ` +
    `${o.gridRate}×/s, all at once (tickdeck: \`ticker:SYM\` state channels, batched per connection; raw ws: one frame per update; Socket.IO: one room per ticker)`;
  const header = [
    `# Fan-out benchmark, ${started.toISOString()}`,
    '',
    `- command: \`npm run bench:fanout -- ${process.argv.slice(2).join(' ')}\`${o.full ? ' (full)' : ''}`,
    `- machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}; ${fileLimit}`,
    `- load average before: ${loadBefore}; after: ${loadAfter}; took ${minutes} min`,
    `- servers: ${oneServerRuns ? o.servers.map((k) => SERVER_LABELS[k]).join(', ') : 'tickdeck only (scale-out)'}; ` +
      `gateway from ${gatewayApiSource()}${o.batchDelayMs === undefined ? '' : `, batchDelayMs ${o.batchDelayMs}`}`,
    `- one channel: ~150-byte JSON ticks (tickdeck: the \`ticks\` stream channel); window ${o.warmupMs / 1000} s warm-up + ` +
      `${o.measureMs / 1000} s measured; rate steps ${o.rateMeasureMs / 1000} s measured`,
    ...(o.scenarios.includes('grid') ? [gridLine] : []),
    ...(o.scenarios.includes('cluster') ? clusterLines() : []),
    '- CPU µs/msg = server process CPU (user + system) in the measured window ÷ messages delivered in it; ' +
      'bytes/msg = bytes written to the client sockets ÷ messages; RSS KB/conn = server RSS growth over the empty server ÷ connections ' +
      '(noise below ~2,000 connections); latency runs from when a publication was due, so a server falling behind ' +
      '(publisher lag) shows in it; load = 1-minute load average after the run (the machine is shared)',
  ];
  const report = renderReport(res, header);
  console.log(report);
  if (o.out) {
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, report + '\n');
    log(`written to ${o.out}`);
  }
}

function clusterLines(): string[] {
  return [
    `- scale-out: ${o.topologies.map((t) => topologyLabel(t, o.gateways)).join(', ')} on each load, one after the other, ` +
      `each fresh (1 gateway on Redis at ${o.redis1Sizes.join(', ')} clients and on the grid); ` +
      `one channel at ${o.clusterSizes.join(', ')} clients × ${o.oneRate} msg/s` +
      `${o.clusterGridClients > 0 ? `, grid of ${o.clusterGridClients} clients × ${o.gridPerClient} of ${o.gridSymbols} tickers × ${o.gridRate}/s` : ''}; ` +
      `${o.repeats} run(s) each`,
    "- scale-out processes: a redis-server of the benchmark's own (no persistence, killed by PID at the end); a publisher " +
      'process calling `RedisBroker.publish` on the same plan and payload (stamped with the due time); gateway processes, ' +
      'each a Fastify app with `gatewayPlugin` on a `RedisBroker`, not publishing; clients spread evenly over the gateway ports ' +
      'from the same two workers. Gateways CPU µs/msg sums the gateway processes; all processes adds the publisher and Redis ' +
      '(`INFO cpu` before and after the window, its idle CPU taken out); for the one-process server the publisher is inside it',
  ];
}

const guard = setTimeout(
  () => {
    log('time limit reached: stopping');
    killAll();
    process.exit(2);
  },
  (o.full ? 120 : 30) * 60_000,
);
guard.unref();

main().then(
  () => {
    killAll();
    process.exit(0);
  },
  (err: unknown) => {
    console.error(err);
    killAll();
    process.exit(1);
  },
);
