/** Options of the statistics (docs/metrics.md). */
export interface StatsOptions {
  /** Equity before the first fill, account currency. Default 10,000. */
  startingCash?: number | undefined;
  /** Daily returns per year, for annualization (×√ for Sharpe and Sortino). Default 365 (crypto). */
  periodsPerYear?: number | undefined;
  /** Annual risk-free rate as a fraction (0.04 = 4 %). Default 0. */
  riskFreeRate?: number | undefined;
}

export const DEFAULT_STARTING_CASH = 10_000;
export const DEFAULT_PERIODS_PER_YEAR = 365;
export const DAY_MS = 86_400_000;

export interface ResolvedStatsOptions {
  startingCash: number;
  periodsPerYear: number;
  riskFreeRate: number;
}

export function resolveStatsOptions(o: StatsOptions = {}): ResolvedStatsOptions {
  return {
    startingCash: o.startingCash ?? DEFAULT_STARTING_CASH,
    periodsPerYear: o.periodsPerYear ?? DEFAULT_PERIODS_PER_YEAR,
    riskFreeRate: o.riskFreeRate ?? 0,
  };
}

/** A day's return from the previous close; null (not counted) when the previous close is not positive. */
export const dailyReturn = (prevClose: number, close: number): number | null =>
  prevClose > 0 ? close / prevClose - 1 : null;

export interface RatioInputs {
  n: number;
  mean: number;
  /** Sample variance (n − 1). */
  variance: number;
  /** Σ min(0, r − rf)². */
  downsideSq: number;
}

/** Sharpe, Sortino from daily-return moments; null with fewer than 2 returns or zero deviation. */
export function ratios(
  m: RatioInputs,
  o: ResolvedStatsOptions,
): { sharpe: number | null; sortino: number | null } {
  if (m.n < 2) return { sharpe: null, sortino: null };
  const excess = m.mean - o.riskFreeRate / o.periodsPerYear;
  const ann = Math.sqrt(o.periodsPerYear);
  const sd = Math.sqrt(m.variance);
  const dd = Math.sqrt(m.downsideSq / (m.n - 1));
  return {
    sharpe: sd > 0 ? (excess / sd) * ann : null,
    sortino: dd > 0 ? (excess / dd) * ann : null,
  };
}

/** Compounded annual return, percent, from equity over `days` days; null under 2 days or if not finite. */
export function annualizedReturnPct(
  startingCash: number,
  equity: number,
  days: number,
  o: ResolvedStatsOptions,
): number | null {
  if (days < 2 || startingCash <= 0 || equity <= 0) return null;
  const v = (Math.pow(equity / startingCash, o.periodsPerYear / days) - 1) * 100;
  return Number.isFinite(v) ? v : null;
}
