/**
 * The scale-out scenario's part of the fan-out report: delivery and latency, CPU and memory of every
 * run, the p99 the Redis hop and the extra processes add over the one-process server on the same
 * load, and the scenario's targets.
 * @module
 */
import type { ClusterResults } from './fanout-cluster-scenario.js';
import type { Figures } from './fanout-figures.js';
import { topologyLabel, type Topology } from './fanout-ipc.js';
import { f0, f1, f2, int, median, table, targetTable, type TargetRow } from './markdown.js';

/** Largest added p99 across nodes (cluster − one process, same load) that meets the target, ms. */
export const ADDED_P99_TARGET_MS = 5;

const sameLoad = (a: Figures, b: Figures) => a.clients === b.clients && a.topics === b.topics;

/** The one-process row of the same load and repetition as `f`, if that layout was run. */
export function processRowOf(rows: readonly Figures[], f: Figures): Figures | undefined {
  return rows.find((r) => r.topology === 'process' && sameLoad(r, f) && r.rep === f.rep);
}

/** One load's median p99 per layout, and the differences between them. */
export interface AddedP99 {
  clients: number;
  rate: number;
  topics: number;
  p99: Partial<Record<Topology, number>>;
  /** 1 gateway on Redis − one process: the Redis hop (and a publisher process of its own). */
  redisHop: number;
  /** N gateways − 1 gateway on Redis: more processes on the same cores. */
  moreGateways: number;
  /** N gateways − one process: the added p99 across nodes. */
  added: number;
  /** N gateways ÷ one process. */
  ratio: number;
  /** cluster − process of each repetition, in run order. */
  addedEach: number[];
  /** Median p50 of N gateways − of one process: the typical message's extra time. */
  addedP50: number;
}

/** {@link AddedP99} of every load among `rows`, in the order the loads were run. */
export function addedP99(rows: readonly Figures[]): AddedP99[] {
  const loads: Figures[] = [];
  for (const r of rows) if (!loads.some((l) => sameLoad(l, r))) loads.push(r);
  return loads.map((load) => {
    const of = rows.filter((r) => sameLoad(r, load));
    const q = (t: Topology, k: 'p50' | 'p99') => median(of.filter((r) => r.topology === t).map((r) => r[k]));
    const p99 = (t: Topology) => q(t, 'p99');
    const p = { process: p99('process'), redis1: p99('redis1'), cluster: p99('cluster') };
    const addedEach = of
      .filter((r) => r.topology === 'cluster')
      .map((r) => r.p99 - (processRowOf(rows, r)?.p99 ?? NaN));
    return {
      clients: load.clients,
      rate: load.rate,
      topics: load.topics,
      p99: p,
      redisHop: p.redis1 - p.process,
      moreGateways: p.cluster - p.redis1,
      added: p.cluster - p.process,
      ratio: p.cluster / p.process,
      addedEach,
      addedP50: q('cluster', 'p50') - q('process', 'p50'),
    };
  });
}

const loadOf = (f: { rate: number; topics: number }) =>
  `${f.rate}${f.topics > 1 ? ` × ${f.topics} topics` : ''}`;
const sign = (n: number) => (Number.isFinite(n) ? `${n >= 0 ? '+' : ''}${n.toFixed(1)}` : '–');

function deliveryTable(rows: Figures[], gateways: number): string {
  return table(
    [
      'clients',
      'layout',
      'run',
      'msg/s',
      'delivered msg/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'added p99 ms',
      'p99 ×',
      'lost',
      'disconnects',
      'publisher lag max ms',
      'load',
    ],
    rows.map((r) => {
      const base = r.topology === 'process' ? undefined : processRowOf(rows, r);
      return [
        r.connected === r.clients ? int(r.clients) : `${int(r.connected)} of ${int(r.clients)}`,
        topologyLabel(r.topology ?? 'process', gateways),
        String(r.rep + 1),
        loadOf(r),
        int(Math.round(r.deliveredPerSec)),
        f1(r.p50),
        f1(r.p99),
        f0(r.max),
        base ? sign(r.p99 - base.p99) : '–',
        base ? f2(r.p99 / base.p99) : '–',
        int(r.lost + r.gaps),
        int(r.disconnects),
        f0(r.lagMaxMs),
        String(r.load1),
      ];
    }),
  );
}

function costTable(rows: Figures[], gateways: number): string {
  return table(
    [
      'clients',
      'layout',
      'run',
      'msg/s',
      'gateways CPU µs/msg',
      'all processes µs/msg',
      'gateways CPU',
      'publisher CPU (µs/pub)',
      'Redis CPU (µs/pub)',
      'clients CPU',
      'bytes/msg',
      'RSS KB/conn per gateway (idle / loaded)',
      'gateway RSS empty MB',
    ],
    rows.map((r) => [
      int(r.clients),
      topologyLabel(r.topology ?? 'process', gateways),
      String(r.rep + 1),
      loadOf(r),
      f2(r.cpuUsPerMsg),
      f2(r.totalUsPerMsg),
      `${f0(r.serverCpuPct)}%`,
      Number.isFinite(r.publisherCpuPct)
        ? `${f1(r.publisherCpuPct)}% (${f0(r.publisherUsPerPub)})`
        : 'in server',
      Number.isFinite(r.redisCpuPct) ? `${f1(r.redisCpuPct)}% (${f0(r.redisUsPerPub)})` : '–',
      `${f0(r.clientCpuPct)}%`,
      f0(r.bytesPerMsg),
      `${f1(r.rssIdleKbPerConn)} / ${f1(r.rssLoadedKbPerConn)}`,
      f0(r.rssBaseMb),
    ]),
  );
}

function addedTable(rows: Figures[], gateways: number): string {
  return table(
    [
      'clients',
      'msg/s',
      'one process p99 ms',
      '1 gateway on Redis p99 ms',
      `${gateways} gateways p99 ms`,
      'Redis hop ms',
      `1 → ${gateways} gateways ms`,
      'added p99 ms (each run)',
      'ratio',
      'added p50 ms',
    ],
    addedP99(rows).map((a) => [
      int(a.clients),
      loadOf(a),
      f1(a.p99.process ?? NaN),
      f1(a.p99.redis1 ?? NaN),
      f1(a.p99.cluster ?? NaN),
      sign(a.redisHop),
      sign(a.moreGateways),
      `${sign(a.added)} (${a.addedEach.map(sign).join(', ') || '–'})`,
      f2(a.ratio),
      sign(a.addedP50),
    ]),
  );
}

function targets(c: ClusterResults, gateways: number): TargetRow[] {
  const out: TargetRow[] = [];
  const added = addedP99(c.one);
  const smallest = Math.min(...c.one.map((r) => r.clients));
  for (const a of added) {
    const idle = a.clients === smallest && added.length > 1 ? ' (idle path)' : '';
    out.push({
      name: `added p99 across nodes, ${int(a.clients)} clients × ${a.rate} msg/s${idle} ≤ ${ADDED_P99_TARGET_MS} ms`,
      value: `${sign(a.added)} ms (median; runs ${a.addedEach.map(sign).join(', ') || '–'}); ${f1(a.p99.cluster ?? NaN)} vs ${f1(a.p99.process ?? NaN)} ms`,
      pass: Number.isFinite(a.added) ? a.added <= ADDED_P99_TARGET_MS : undefined,
    });
  }
  const big = c.one.filter((r) => r.topology === 'cluster' && r.clients >= 10_000);
  if (big.length) {
    const lost = big.reduce((s, r) => s + r.lost + r.gaps, 0);
    const disc = big.reduce((s, r) => s + r.disconnects + (r.clients - r.connected), 0);
    out.push({
      name: `${int(big[0]!.clients)} connections over ${gateways} gateways: zero loss, zero disconnects`,
      value: `lost ${lost}, disconnects ${disc} (${big.length} run${big.length > 1 ? 's' : ''}); p99 ${big.map((r) => f0(r.p99)).join(', ')} ms`,
      pass: lost === 0 && disc === 0,
    });
  }
  return out;
}

/** The markdown lines of the scale-out section. */
export function clusterSection(c: ClusterResults): string[] {
  const all = [...c.one, ...c.grid];
  if (all.length === 0) return [];
  const gateways = Math.max(...all.filter((r) => r.topology === 'cluster').map((r) => r.gateways), 1);
  const parts = [`## Scale-out: ${gateways} gateways on Redis`, ''];
  parts.push(
    `Redis: ${c.redisOrigin}; idle CPU ${f2(c.idleCpu * 100)}% of a core (taken out of µs/pub).`,
    '',
    '### Delivery and latency',
    '',
    deliveryTable(all, gateways),
    '',
    '### CPU and memory',
    '',
    costTable(all, gateways),
    '',
    '### Added p99 (median over runs)',
    '',
    addedTable(all, gateways),
    '',
  );
  const t = targets(c, gateways);
  const added = addedP99(c.one);
  if (t.length) {
    parts.push('### Scale-out targets', '');
    parts.push(targetTable(t), '');
    if (added.some((a) => a.addedEach.length < 3))
      parts.push(
        'p99 swings with whatever else runs on the machine, and a stall of the one-process run makes ' +
          'the added p99 negative: judge it on the median of at least 3 runs (`--repeats`).',
        '',
      );
  }
  return parts;
}
