/** The measurements of bench:store, run the same way on every HistoryStore. */
import { performance } from 'node:perf_hooks';
import type { Candle } from '@tickdeck/protocol';
import type { HistoryStore } from '@tickdeck/server';

export interface StoreFigures {
  /** Candle upserts per second, by rows per call (1 = one statement per candle). */
  upsertsPerSec: Record<number, number>;
  /** Time to read the newest 1000 candles, ms. */
  readLatest1000: { p50: number; p99: number; samples: number };
}

const T0 = Date.UTC(2024, 0, 1);

function candles(symbol: string, n: number): Candle[] {
  return Array.from({ length: n }, (_, i) => ({
    symbol,
    timeframe: '1m',
    time: T0 + i * 60_000,
    open: 100 + i * 0.01,
    high: 101 + i * 0.01,
    low: 99 + i * 0.01,
    close: 100.5 + i * 0.01,
    volume: 1 + (i % 17) * 0.125,
    trades: i % 50,
    closed: true,
  }));
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/** Each batch size writes `rowsFor(batch)` new candles (fresh keys), timed end to end. */
export async function measureStore(
  store: HistoryStore,
  options: { batchSizes: readonly number[]; rowsFor: (batch: number) => number; reads: number },
): Promise<StoreFigures> {
  const upsertsPerSec: Record<number, number> = {};
  for (const batch of options.batchSizes) {
    const rows = candles(`B${batch}/USDT`, options.rowsFor(batch));
    await store.upsertCandles(rows.slice(0, batch)); // warm the statement path
    const start = performance.now();
    for (let i = 0; i < rows.length; i += batch) await store.upsertCandles(rows.slice(i, i + batch));
    upsertsPerSec[batch] = rows.length / ((performance.now() - start) / 1000);
  }

  await store.upsertCandles(candles('READ/USDT', 5000));
  for (let i = 0; i < 5; i++) await store.latestCandles('READ/USDT', '1m', 1000);
  const times: number[] = [];
  for (let i = 0; i < options.reads; i++) {
    const start = performance.now();
    const got = await store.latestCandles('READ/USDT', '1m', 1000);
    times.push(performance.now() - start);
    if (got.length !== 1000) throw new Error(`read ${got.length} candles, expected 1000`);
  }
  times.sort((a, b) => a - b);
  return {
    upsertsPerSec,
    readLatest1000: { p50: percentile(times, 50), p99: percentile(times, 99), samples: times.length },
  };
}
