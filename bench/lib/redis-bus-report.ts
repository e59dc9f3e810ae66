/**
 * The Redis bus benchmark's report: markdown tables.
 * @module
 */
import type { CodecFigures } from './redis-bus-codec.js';
import { DESIGN_LABELS } from './redis-bus-ipc.js';
import type { LiveStateFigures } from './redis-bus-live-state.js';
import type { RunFigures } from './redis-bus-run.js';

const f = (n: number, d = 1) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
    : '–';
const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const table = (head: string[], rows: string[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

export function runsTable(runs: RunFigures[]): string {
  return table(
    [
      'design',
      'channels',
      'rate asked',
      'pubs/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'lost',
      'Redis CPU %',
      'Redis µs/pub',
      'gateway µs/pub',
      'publisher µs/pub',
    ],
    runs.map((r) => [
      DESIGN_LABELS[r.design],
      int(r.channels),
      r.rate === 0 ? `max (window ${r.window})` : int(r.rate),
      int(r.pubsPerSec),
      f(r.p50, 2),
      f(r.p99, 2),
      f(r.max, 1),
      int(r.published - r.received),
      f(r.redisCpuPct, 0),
      f(r.redisUsPerPub, 1),
      f(r.gatewayUsPerPub, 1),
      f(r.publisherUsPerPub, 1),
    ]),
  );
}

export function codecTable(rows: CodecFigures[]): string {
  return table(
    ['data', 'encoding', 'payload bytes', 'encode ns (publisher, once)', 'decode ns (every gateway)'],
    rows.map((r) => [r.data, r.encoding, int(r.bytes), int(r.encodeNs), int(r.decodeNs)]),
  );
}

export function liveStateTable(rows: LiveStateFigures[]): string {
  return table(
    ['ioredis auto-pipelining', 'writes', 'writes/s', 'collector µs/write', 'Redis µs/write'],
    rows.map((r) => [
      r.autoPipelining ? 'on' : 'off',
      int(r.writes),
      int(r.writesPerSec),
      f(r.collectorUsPerWrite, 1),
      f(r.redisUsPerWrite, 1),
    ]),
  );
}
