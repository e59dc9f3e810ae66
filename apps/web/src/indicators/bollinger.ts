/** Bollinger bands over closes. */

export interface BollingerPoint {
  middle: number;
  upper: number;
  lower: number;
}

/**
 * Middle = SMA(period); upper/lower = middle ± `multiplier` × the population standard deviation of
 * the same `period` values. Defaults: period 20, multiplier 2. Defined from index `period - 1`.
 */
export const bollinger = (
  values: readonly number[],
  period = 20,
  multiplier = 2,
): (BollingerPoint | null)[] => {
  const out: (BollingerPoint | null)[] = new Array<BollingerPoint | null>(values.length).fill(null);
  for (let i = period - 1; i < values.length; i += 1) {
    let sum = 0;
    for (let j = i - period + 1; j <= i; j += 1) sum += values[j]!;
    const middle = sum / period;
    let squares = 0;
    for (let j = i - period + 1; j <= i; j += 1) squares += (values[j]! - middle) ** 2;
    const sd = Math.sqrt(squares / period);
    out[i] = { middle, upper: middle + multiplier * sd, lower: middle - multiplier * sd };
  }
  return out;
};
