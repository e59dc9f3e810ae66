/**
 * Command line of the fan-out benchmark.
 * @module
 */
import { parseArgs } from 'node:util';
import { SERVER_KINDS, TOPOLOGIES, type ServerKind, type Topology } from './fanout-ipc.js';

export type ScenarioName = 'one' | 'rate' | 'grid' | 'snapshot' | 'cluster';
export const SCENARIOS: readonly ScenarioName[] = ['one', 'rate', 'grid', 'snapshot', 'cluster'];
/** The scale-out scenario needs redis-server and takes minutes of its own: on request only. */
export const DEFAULT_SCENARIOS: readonly ScenarioName[] = ['one', 'rate', 'grid', 'snapshot'];

export interface FanoutOptions {
  scenarios: ScenarioName[];
  servers: ServerKind[];
  /** Client counts of the one-channel scenario. */
  sizes: number[];
  /** Publications per second of the one-channel scenario. */
  oneRate: number;
  /** Rates tried in the rate search, ascending. */
  rates: number[];
  rateClients: number;
  /** Times a failed rate step is run again before the search stops (the machine is shared). */
  rateRetries: number;
  gridClients: number;
  gridSymbols: number;
  gridPerClient: number;
  gridRate: number;
  /** Scale-out scenario: gateway processes of the `cluster` layout. */
  gateways: number;
  /** Scale-out scenario: layouts compared on each load, in this order. */
  topologies: Topology[];
  /** Scale-out scenario: client counts on one channel (the smallest is the idle path). */
  clusterSizes: number[];
  /** Scale-out scenario: the one-channel sizes the 1-gateway layout runs at (it always runs on the grid). */
  redis1Sizes: number[];
  /** Scale-out scenario: clients of its grid row (the grid's symbols, per-client and rate); 0: none. */
  clusterGridClients: number;
  warmupMs: number;
  measureMs: number;
  rateMeasureMs: number;
  /** Times each one-channel size and the grid are run (alternating servers). */
  repeats: number;
  concurrency: number;
  batchDelayMs: number | undefined;
  /** Directory for CPU profiles of the server children; none by default. */
  cpuProf: string | undefined;
  out: string | undefined;
  full: boolean;
}

const USAGE = `Usage: npm run bench:fanout -- [options]
  --scenarios one,rate,grid,snapshot,cluster
                                       which scenarios (default: one,rate,grid,snapshot; cluster
                                       needs redis-server on the PATH or TICKDECK_BENCH_REDIS_URL)
  --servers tickdeck,ws,socketio       which servers (default: all three, in this order)
  --sizes 1000,5000,10000              clients of the one-channel scenario
  --one-rate 10                        messages/s of the one-channel scenario
  --rates 50,100,150,200,300,400,600     rate search steps at --rate-clients (stops at the first failure)
  --rate-clients 1000
  --rate-retries 1                     run a failed rate step again before stopping (noise on a shared machine)
  --grid-clients 250 --grid-symbols 50 --grid-per-client 20 --grid-rate 10
  scale-out (cluster): a publisher process through RedisBroker, gateways on RedisBroker, own redis-server
  --gateways 3                         gateway processes of the cluster layout (clients spread evenly)
  --topologies process,redis1,cluster  layouts on each load: the one-process server (MemoryBroker),
                                       1 gateway on Redis, --gateways gateways on Redis
  --cluster-sizes 100,1000,5000,10000  one-channel clients × --one-rate (the smallest: the idle path)
  --redis1-sizes 100,1000              of those, where the 1-gateway layout runs too (it splits the Redis
                                       hop from the extra processes; above, the machine is saturated)
  --cluster-grid-clients 250           grid row of the cluster scenario (--grid-* shape); 0: none
  --warmup 2 --measure 8 --rate-measure 5   seconds
  --repeats 1                          repeat the one-channel, grid and scale-out runs
  --concurrency 100                    connections opened at once per worker
  --batch-delay MS                     tickdeck batchDelayMs override (default: the gateway's, 5)
  --cpu-prof DIR                       write a CPU profile of each server child to DIR
  --out FILE                           also write the markdown report to FILE
  --full                               longer windows, more rate steps, bigger grid, 2 repeats`;

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const nums = (s: string) => list(s).map(Number);

export function parseOptions(argv: string[]): FanoutOptions {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      scenarios: { type: 'string' },
      servers: { type: 'string' },
      sizes: { type: 'string' },
      'one-rate': { type: 'string' },
      rates: { type: 'string' },
      'rate-clients': { type: 'string' },
      'rate-retries': { type: 'string' },
      'grid-clients': { type: 'string' },
      'grid-symbols': { type: 'string' },
      'grid-per-client': { type: 'string' },
      'grid-rate': { type: 'string' },
      gateways: { type: 'string' },
      topologies: { type: 'string' },
      'cluster-sizes': { type: 'string' },
      'redis1-sizes': { type: 'string' },
      'cluster-grid-clients': { type: 'string' },
      warmup: { type: 'string' },
      measure: { type: 'string' },
      'rate-measure': { type: 'string' },
      repeats: { type: 'string' },
      concurrency: { type: 'string' },
      'batch-delay': { type: 'string' },
      'cpu-prof': { type: 'string' },
      out: { type: 'string' },
      full: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (v.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const full = v.full === true;
  const scenarios = list(v.scenarios ?? DEFAULT_SCENARIOS.join(',')) as ScenarioName[];
  const topologies = list(v.topologies ?? TOPOLOGIES.join(',')) as Topology[];
  const servers = list(v.servers ?? SERVER_KINDS.join(',')) as ServerKind[];
  for (const s of scenarios) if (!SCENARIOS.includes(s)) throw new Error(`unknown scenario ${s}\n${USAGE}`);
  for (const s of servers) if (!SERVER_KINDS.includes(s)) throw new Error(`unknown server ${s}\n${USAGE}`);
  for (const t of topologies) if (!TOPOLOGIES.includes(t)) throw new Error(`unknown topology ${t}\n${USAGE}`);
  const o: FanoutOptions = {
    scenarios,
    servers,
    sizes: nums(v.sizes ?? '1000,5000,10000'),
    oneRate: Number(v['one-rate'] ?? 10),
    rates: nums(
      v.rates ?? (full ? '50,75,100,125,150,175,200,250,300,400,500' : '50,100,150,200,300,400,600'),
    ),
    rateClients: Number(v['rate-clients'] ?? 1000),
    rateRetries: Number(v['rate-retries'] ?? 1),
    gridClients: Number(v['grid-clients'] ?? (full ? 500 : 250)),
    gridSymbols: Number(v['grid-symbols'] ?? 50),
    gridPerClient: Number(v['grid-per-client'] ?? 20),
    gridRate: Number(v['grid-rate'] ?? 10),
    gateways: Number(v.gateways ?? 3),
    topologies,
    clusterSizes: nums(v['cluster-sizes'] ?? '100,1000,5000,10000'),
    redis1Sizes: nums(v['redis1-sizes'] ?? '100,1000'),
    clusterGridClients: Number(v['cluster-grid-clients'] ?? (full ? 500 : 250)),
    warmupMs: Number(v.warmup ?? (full ? 3 : 2)) * 1000,
    measureMs: Number(v.measure ?? (full ? 20 : 8)) * 1000,
    rateMeasureMs: Number(v['rate-measure'] ?? (full ? 10 : 5)) * 1000,
    repeats: Number(v.repeats ?? (full ? 2 : 1)),
    concurrency: Number(v.concurrency ?? 100),
    batchDelayMs: v['batch-delay'] === undefined ? undefined : Number(v['batch-delay']),
    cpuProf: v['cpu-prof'],
    out: v.out,
    full,
  };
  const bad = [
    ...o.sizes,
    ...o.rates,
    o.rateClients,
    o.gridClients,
    o.gridSymbols,
    o.gridPerClient,
    o.repeats,
    ...o.clusterSizes,
    o.gateways,
  ];
  if (bad.some((n) => !Number.isFinite(n) || n <= 0)) throw new Error(`numbers must be > 0\n${USAGE}`);
  if (o.gridPerClient > o.gridSymbols) throw new Error('--grid-per-client must be <= --grid-symbols');
  if (!Number.isInteger(o.gateways)) throw new Error('--gateways must be a whole number');
  if (!Number.isFinite(o.clusterGridClients) || o.clusterGridClients < 0)
    throw new Error('--cluster-grid-clients must be >= 0');
  return o;
}
