/** Relative strength index with Wilder's smoothing. */

/**
 * RSI(period), default 14: average gain and loss seeded with the simple mean of the first `period`
 * changes, then smoothed as `avg = avg + (x - avg) / period`; `100 - 100 / (1 + gain / loss)`,
 * 100 when there was no loss. Defined from index `period` (it needs `period` changes).
 */
export const rsi = (values: readonly number[], period = 14): (number | null)[] => {
  const out: (number | null)[] = new Array<number | null>(values.length).fill(null);
  let gain = 0;
  let loss = 0;
  for (let i = 1; i < values.length; i += 1) {
    const change = values[i]! - values[i - 1]!;
    const up = change > 0 ? change : 0;
    const down = change < 0 ? -change : 0;
    if (i <= period) {
      gain += up / period;
      loss += down / period;
      if (i < period) continue;
    } else {
      gain += (up - gain) / period;
      loss += (down - loss) / period;
    }
    out[i] = loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
  }
  return out;
};
