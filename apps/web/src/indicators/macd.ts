/** Moving average convergence divergence. */
import { emaUnmasked } from './moving-average.js';

export interface MacdPoint {
  macd: number;
  /** Undefined until `signalPeriod` MACD values exist. */
  signal: number | undefined;
  histogram: number | undefined;
}

/**
 * MACD = EMA(fast) − EMA(slow), defined from index `slow - 1`; signal = EMA(signalPeriod) of the
 * MACD values started at the first one; histogram = MACD − signal. Defaults 12, 26, 9.
 */
export const macd = (
  values: readonly number[],
  fast = 12,
  slow = 26,
  signalPeriod = 9,
): (MacdPoint | null)[] => {
  const fastEma = emaUnmasked(values, fast);
  const slowEma = emaUnmasked(values, slow);
  const out: (MacdPoint | null)[] = new Array<MacdPoint | null>(values.length).fill(null);
  const kSignal = 2 / (signalPeriod + 1);
  let signal: number | undefined;
  let count = 0;
  for (let i = slow - 1; i < values.length; i += 1) {
    const m = fastEma[i]! - slowEma[i]!;
    signal = signal === undefined ? m : m * kSignal + signal * (1 - kSignal);
    count += 1;
    const ready = count >= signalPeriod;
    out[i] = { macd: m, signal: ready ? signal : undefined, histogram: ready ? m - signal : undefined };
  }
  return out;
};
