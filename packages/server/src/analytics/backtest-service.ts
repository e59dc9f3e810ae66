/**
 * Backtests over stored candles (or candles sent in the request), run synchronously through the core
 * runBacktest: the same PaperBot and portfolio code as the live paper bot.
 * @module
 */
import { createStrategy, runBacktest, type BacktestResult } from '@tickdeck/core';
import type { Candle, Timeframe } from '@tickdeck/protocol';
import type { HistoryStore } from '../store/history-store.js';
import { MAX_QUERY_LIMIT } from '../store/history-store.js';

export interface BacktestRequest {
  strategy: string;
  params?: Record<string, number> | undefined;
  symbol: string;
  timeframe: Timeframe;
  from?: number | undefined;
  to?: number | undefined;
  /** Candles to use instead of the stored ones. */
  candles?: Candle[] | undefined;
  orderQuote?: number | undefined;
  feeRate?: number | undefined;
  slippageBps?: number | undefined;
  stopLossPct?: number | undefined;
  takeProfitPct?: number | undefined;
  spreadBps?: number | undefined;
  startingCash?: number | undefined;
  periodsPerYear?: number | undefined;
  riskFreeRate?: number | undefined;
}

export type BacktestOutcome =
  | { ok: true; candles: number; result: BacktestResult }
  | { ok: false; code: string; field: string; message: string };

/** Stored closed candles of (symbol, tf) in [from, to), at most `max`. */
export async function loadCandles(
  history: HistoryStore,
  q: { symbol: string; timeframe: Timeframe; from?: number | undefined; to?: number | undefined },
  max: number,
): Promise<Candle[] | 'too_many'> {
  const out: Candle[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await history.queryCandles({ ...q, limit: MAX_QUERY_LIMIT, cursor });
    for (const c of page.items) if (c.closed) out.push(c);
    if (out.length > max) return 'too_many';
    if (page.nextCursor === null) return out;
    cursor = page.nextCursor;
  }
}

export async function backtest(
  history: HistoryStore,
  r: BacktestRequest,
  maxCandles: number,
): Promise<BacktestOutcome> {
  const made = createStrategy(r.strategy, r.params ?? {});
  if (!made.ok) return { ok: false, code: made.code, field: `/params${made.field}`, message: made.message };
  let candles: Candle[];
  if (r.candles !== undefined) {
    candles = r.candles.map((c) => ({ ...c, symbol: r.symbol, timeframe: r.timeframe, closed: true }));
  } else {
    const loaded = await loadCandles(history, r, maxCandles);
    if (loaded === 'too_many') {
      return {
        ok: false,
        code: 'TOO_MANY_CANDLES',
        field: '/from',
        message: `more than ${maxCandles} candles; narrow from/to`,
      };
    }
    candles = loaded;
  }
  if (candles.length > maxCandles) {
    return {
      ok: false,
      code: 'TOO_MANY_CANDLES',
      field: '/candles',
      message: `at most ${maxCandles} candles`,
    };
  }
  const result = runBacktest({
    symbol: r.symbol,
    timeframe: r.timeframe,
    candles,
    strategy: made.strategy,
    orderQuote: r.orderQuote,
    feeRate: r.feeRate,
    slippageBps: r.slippageBps,
    stopLossPct: r.stopLossPct,
    takeProfitPct: r.takeProfitPct,
    spreadBps: r.spreadBps,
    stats: { startingCash: r.startingCash, periodsPerYear: r.periodsPerYear, riskFreeRate: r.riskFreeRate },
  });
  return { ok: true, candles: candles.length, result };
}
