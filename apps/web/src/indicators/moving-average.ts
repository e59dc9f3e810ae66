/**
 * Moving averages over a series of closes. Every indicator here returns an array aligned with its
 * input, `null` where the indicator is not yet defined (warm-up).
 * @module
 */

/** Simple moving average of the last `period` values; defined from index `period - 1`. */
export const sma = (values: readonly number[], period: number): (number | null)[] => {
  const out: (number | null)[] = new Array<number | null>(values.length).fill(null);
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) {
    sum += values[i]!;
    if (i >= period) sum -= values[i - period]!;
    if (i >= period - 1) out[i] = sum / period;
  }
  return out;
};

/**
 * Exponential moving average, weight `2 / (period + 1)`, started at the first value; reported from
 * index `period - 1`, once `period` values have gone in (the convention of the `trading-signals`
 * library, so that our chart and the server's indicators agree).
 */
export const ema = (values: readonly number[], period: number): (number | null)[] =>
  emaUnmasked(values, period).map((v, i) => (i >= period - 1 ? v : null));

/** The EMA at every index, warm-up included (for indicators built on EMAs, such as MACD). */
export const emaUnmasked = (values: readonly number[], period: number): number[] => {
  const out = new Array<number>(values.length);
  const k = 2 / (period + 1);
  for (let i = 0; i < values.length; i += 1) {
    out[i] = i === 0 ? values[0]! : values[i]! * k + out[i - 1]! * (1 - k);
  }
  return out;
};
