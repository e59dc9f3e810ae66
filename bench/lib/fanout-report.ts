/**
 * The fan-out benchmark's report: markdown tables of every run, ratios against raw `ws`, and the
 * targets with pass/fail.
 * @module
 */
import { clusterSection } from './fanout-cluster-report.js';
import type { ClusterResults } from './fanout-cluster-scenario.js';
import { SERVER_LABELS, type ServerKind } from './fanout-ipc.js';
import { f0, f1, f2, int, median, table, targetTable, type TargetRow } from './markdown.js';
import type { Figures } from './fanout-run.js';
import type { SnapshotFigures } from './fanout-snapshot.js';

export interface Results {
  one: Figures[];
  rate: Figures[];
  grid: Figures[];
  snapshot: SnapshotFigures[];
  /** The scale-out scenario, if run. */
  cluster?: ClusterResults | undefined;
}

/** Median CPU µs per delivered message of `kind` among `runs`. */
const cpuOf = (runs: Figures[], kind: ServerKind) =>
  median(runs.filter((r) => r.kind === kind).map((r) => r.cpuUsPerMsg));
const ratio = (runs: Figures[], r: Figures) => r.cpuUsPerMsg / cpuOf(runs, 'ws');

function runTable(runs: Figures[]): string {
  return table(
    [
      'server',
      'clients',
      'msg/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'lost',
      'disconnects',
      'server CPU µs/msg',
      '× raw ws',
      'server CPU',
      'clients CPU',
      'bytes/msg',
      'RSS KB/conn (idle / loaded)',
      'publisher lag max ms',
      'load',
    ],
    runs.map((r) => [
      SERVER_LABELS[r.kind],
      r.connected === r.clients ? int(r.clients) : `${int(r.connected)} of ${int(r.clients)}`,
      `${r.rate}${r.topics > 1 ? ` × ${r.topics} topics` : ''}`,
      f1(r.p50),
      f1(r.p99),
      f0(r.max),
      int(r.lost),
      int(r.disconnects),
      f2(r.cpuUsPerMsg),
      f2(ratio(runs, r)),
      `${f0(r.serverCpuPct)}%`,
      `${f0(r.clientCpuPct)}%`,
      f0(r.bytesPerMsg),
      `${f1(r.rssIdleKbPerConn)} / ${f1(r.rssLoadedKbPerConn)}`,
      f0(r.lagMaxMs),
      String(r.load1),
    ]),
  );
}

/** A rate step holds when p99 <= 100 ms, nothing is lost and nobody disconnects. */
export const rateHeld = (f: Figures): boolean =>
  f.p99 <= 100 && f.lost === 0 && f.gaps === 0 && f.disconnects === 0 && f.connected === f.clients;

const highestRate = (runs: Figures[], kind: ServerKind) => {
  let best = 0;
  for (const r of runs) if (r.kind === kind && rateHeld(r)) best = Math.max(best, r.rate);
  return best;
};

function targets(res: Results): TargetRow[] {
  const out: TargetRow[] = [];
  const sizes = [...new Set(res.one.map((r) => r.clients))];
  for (const n of sizes) {
    const runs = res.one.filter((r) => r.clients === n);
    const x = cpuOf(runs, 'tickdeck') / cpuOf(runs, 'ws');
    out.push({
      name: `CPU/msg, one channel, ${int(n)} clients ≤ 1.1× raw ws`,
      value: `${f2(cpuOf(runs, 'tickdeck'))} vs ${f2(cpuOf(runs, 'ws'))} µs = ${f2(x)}×`,
      pass: Number.isFinite(x) ? x <= 1.1 : undefined,
    });
  }
  if (res.grid.length) {
    const x = cpuOf(res.grid, 'tickdeck') / cpuOf(res.grid, 'ws');
    out.push({
      name: 'CPU/msg, 20-ticker grid ≤ 0.5× raw ws (one frame per update)',
      value: `${f2(cpuOf(res.grid, 'tickdeck'))} vs ${f2(cpuOf(res.grid, 'ws'))} µs = ${f2(x)}×`,
      pass: Number.isFinite(x) ? x <= 0.5 : undefined,
    });
  }
  if (res.rate.length) {
    const t = highestRate(res.rate, 'tickdeck');
    const w = highestRate(res.rate, 'ws');
    const both = res.rate.some((r) => r.kind === 'tickdeck') && res.rate.some((r) => r.kind === 'ws');
    out.push({
      name: `highest rate at ${int(res.rate[0]!.clients)} clients (p99 ≤ 100 ms, no loss) ≥ raw ws`,
      value: `${t} vs ${w} msg/s`,
      pass: both ? t >= w : undefined,
    });
  }
  const big = res.one.filter((r) => r.clients === 10_000);
  const td = big.filter((r) => r.kind === 'tickdeck');
  if (td.length) {
    const lost = td.reduce((s, r) => s + r.lost + r.gaps, 0);
    const disc = td.reduce((s, r) => s + r.disconnects + (r.clients - r.connected), 0);
    const p99 = (k: ServerKind) =>
      big
        .filter((r) => r.kind === k)
        .map((r) => f0(r.p99))
        .join(', ') || '–';
    out.push({
      name: '10,000 clients × 10 msg/s: zero loss, zero disconnects',
      value: `lost ${lost}, disconnects ${disc}; p99 ${p99('tickdeck')} ms (raw ws ${p99('ws')} ms)`,
      pass: lost === 0 && disc === 0,
    });
  }
  const five = res.one.filter((r) => r.clients === 5000 && r.kind === 'tickdeck');
  if (five.length) {
    const kb = Math.max(...five.map((r) => Math.max(r.rssIdleKbPerConn, r.rssLoadedKbPerConn)));
    out.push({ name: 'RSS per connection at 5,000 ≤ 12 KB', value: `${f1(kb)} KB`, pass: kb <= 12 });
  }
  const json = res.snapshot.find((s) => s.encoding === 'json');
  if (json) {
    out.push({
      name: '1000-candle snapshot ≤ 5 ms server time',
      value: `p50 ${f2(json.serverP50)} ms, max ${f2(json.serverMax)} ms`,
      pass: json.serverP50 <= 5,
    });
  }
  return out;
}

export function renderReport(res: Results, header: string[]): string {
  const parts = [...header, ''];
  const sizes = [...new Set(res.one.map((r) => r.clients))];
  if (sizes.length) parts.push('## One channel', '');
  for (const n of sizes)
    parts.push(`### ${int(n)} clients`, '', runTable(res.one.filter((r) => r.clients === n)), '');
  if (res.rate.length) {
    parts.push(`## Rate search at ${int(res.rate[0]!.clients)} clients`, '');
    parts.push(
      table(
        [
          'server',
          'msg/s',
          'try',
          'p50 ms',
          'p99 ms',
          'max ms',
          'lost',
          'disconnects',
          'server CPU µs/msg',
          'server CPU',
          'clients CPU',
          'publisher lag max ms',
          'held',
        ],
        res.rate.map((r) => [
          SERVER_LABELS[r.kind],
          String(r.rate),
          String(r.attempt),
          f1(r.p50),
          f1(r.p99),
          f0(r.max),
          int(r.lost),
          int(r.disconnects),
          f2(r.cpuUsPerMsg),
          `${f0(r.serverCpuPct)}%`,
          `${f0(r.clientCpuPct)}%`,
          f0(r.lagMaxMs),
          rateHeld(r) ? 'yes' : 'no',
        ]),
      ),
      '',
    );
    const kinds = [...new Set(res.rate.map((r) => r.kind))];
    parts.push(
      table(
        ['server', 'highest rate held'],
        kinds.map((k) => [SERVER_LABELS[k], `${highestRate(res.rate, k)} msg/s`]),
      ),
      '',
    );
  }
  if (res.grid.length) parts.push('## Market grid', '', runTable(res.grid), '');
  if (res.snapshot.length) {
    parts.push('## 1000-candle snapshot (tickdeck)', '');
    parts.push(
      table(
        [
          'encoding',
          'samples',
          'server p50 ms',
          'server max ms',
          'round trip p50 ms',
          'JSON encode alone p50 ms',
          'frame bytes',
        ],
        res.snapshot.map((s) => [
          s.encoding,
          String(s.samples),
          f2(s.serverP50),
          f2(s.serverMax),
          f2(s.roundTripP50),
          f2(s.encodeP50),
          int(s.frameBytes),
        ]),
      ),
      '',
    );
  }
  if (res.cluster) parts.push(...clusterSection(res.cluster));
  const t = targets(res);
  if (t.length) {
    parts.push('## Targets', '');
    parts.push(targetTable(t), '');
  }
  return parts.join('\n');
}
