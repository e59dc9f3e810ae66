/**
 * Pipeline throughput on one core: validate + normalize + candles (6 timeframes) + market metrics,
 * over pre-generated ccxt-shaped trades and tickers on 10 symbols. Prints a markdown table.
 *
 * Usage: npm run bench:pipeline [-- --events 1000000 --runs 5]
 * (run node with --expose-gc for steadier memory figures)
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Pipeline, type Clock } from '@tickdeck/core';
import { generateEvents, type TimedEvent } from './lib/market-events.js';

const { values } = parseArgs({
  options: { events: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' } },
});
const COUNT = Number(values.events);
const RUNS = Number(values.runs);
const START = Date.UTC(2024, 0, 1);
const TICK_MS = 250;

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

interface RunResult {
  perSec: number;
  p50: number;
  p99: number;
  outputs: number;
  dropped: number;
  reasons: string;
  pipeline: Pipeline;
}

function runOnce(events: TimedEvent[]): RunResult {
  let now = START;
  const clock: Clock = { now: () => now };
  let outputs = 0;
  const count = () => void outputs++;
  const pipeline = new Pipeline({ clock }, { trade: count, ticker: count, candle: count, metrics: count });
  let nextTick = START + TICK_MS;
  const t0 = performance.now();
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    now = e.at;
    if (now >= nextTick) {
      pipeline.tick();
      nextTick += TICK_MS;
    }
    pipeline.ingest('bench', e.raw);
  }
  const elapsed = performance.now() - t0;
  const stats = pipeline.stats();
  const dropped = stats.in - stats.out;
  const reasons = JSON.stringify(Object.fromEntries(Object.entries(stats.dropped).filter(([, n]) => n > 0)));
  return {
    perSec: (events.length / elapsed) * 1000,
    p50: stats.processingUs.p50,
    p99: stats.processingUs.p99,
    outputs,
    dropped,
    reasons,
    pipeline,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const events = generateEvents(COUNT, START);
runOnce(generateEvents(Math.min(COUNT, 200_000), START)); // warm-up: JIT the hot path
gc?.();
gc?.();
const before = process.memoryUsage();
const load = loadavg()[0]!;
const results: RunResult[] = [];
for (let r = 0; r < RUNS; r++) results.push(runOnce(events));
const after = process.memoryUsage();
gc?.();
gc?.();
const afterGc = process.memoryUsage();

const failed = results.find((r) => r.dropped > 0);
if (failed !== undefined)
  throw new Error(`the benchmark events must all be valid; dropped: ${failed.reasons}`);
const rates = results.map((r) => r.perSec);
const rate = median(rates);
const spread = ((Math.max(...rates) - Math.min(...rates)) / rate) * 100;

console.log(`## Pipeline throughput (one core, ${COUNT.toLocaleString('en')} events × ${RUNS} runs)\n`);
console.log('| figure | value |');
console.log('|---|---|');
console.log(`| events/s (median of ${RUNS}) | ${Math.round(rate).toLocaleString('en')} |`);
console.log(
  `| events/s min / max | ${Math.round(Math.min(...rates)).toLocaleString('en')} / ${Math.round(Math.max(...rates)).toLocaleString('en')} (spread ${spread.toFixed(1)} %) |`,
);
console.log(
  `| per-event cost p50 / p99 (µs, median run) | ${median(results.map((r) => r.p50)).toFixed(2)} / ${median(results.map((r) => r.p99)).toFixed(2)} |`,
);
console.log(
  `| outputs per event (trades, tickers, candles, metrics) | ${(results[0]!.outputs / COUNT).toFixed(2)} |`,
);
console.log(
  `| heap used: events loaded / after runs / after GC, ${RUNS} pipelines alive (MB) | ${mb(before.heapUsed)} / ${mb(after.heapUsed)} / ${mb(afterGc.heapUsed)}${gc ? '' : ' (no --expose-gc: GC figures approximate)'} |`,
);
console.log(`| RSS: events loaded / after runs (MB) | ${mb(before.rss)} / ${mb(afterGc.rss)} |`);
console.log(`| event mix | 65 % trades, 35 % tickers, 10 symbols, 6 timeframes |`);
console.log(`| load average (1 min) at start | ${load.toFixed(2)} |`);
console.log(`| node | ${process.version} |`);
