/** On start, LiveState is filled from history so that a restart shows the same candles as before. */
import { TIMEFRAME_LIST, type Timeframe } from '@tickdeck/protocol';
import { CANDLE_RING_SIZE, type LiveState } from '../live/live-state.js';
import type { HistoryStore } from './history-store.js';

export interface WarmResult {
  /** (symbol, timeframe) rings loaded. */
  rings: number;
  /** Candles loaded in all. */
  candles: number;
}

/**
 * Load the newest {@link CANDLE_RING_SIZE} candles of every (symbol, timeframe) from `history` into
 * `live`, a few queries at a time. Rings with no history are left as they are.
 * @param timeframes Default: every timeframe tickdeck builds.
 * @example await warmLiveState(history, live, config.markets);
 */
export async function warmLiveState(
  history: HistoryStore,
  live: LiveState,
  markets: readonly { symbol: string }[],
  timeframes: readonly Timeframe[] = TIMEFRAME_LIST,
  concurrency = 4,
): Promise<WarmResult> {
  const jobs = markets.flatMap(({ symbol }) => timeframes.map((timeframe) => ({ symbol, timeframe })));
  const result: WarmResult = { rings: 0, candles: 0 };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const { symbol, timeframe } = jobs[next++]!;
      const candles = await history.latestCandles(symbol, timeframe, CANDLE_RING_SIZE);
      if (candles.length === 0) continue;
      live.loadCandles(symbol, timeframe, candles);
      result.rings++;
      result.candles += candles.length;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return result;
}
