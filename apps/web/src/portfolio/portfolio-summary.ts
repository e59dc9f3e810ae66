/**
 * The headline figures of one bot or of several bots together. Pure.
 * @module
 */
import type { PortfolioState } from '@tickdeck/protocol';

export interface PortfolioSummary {
  /** The account currency; null when the bots report in different currencies (money is then null). */
  currency: string | null;
  bots: number;
  equity: number | null;
  startingCash: number | null;
  /** realized − fees + unrealized. */
  totalPnl: number | null;
  dailyPnl: number | null;
  /** totalPnl / startingCash × 100; null when startingCash is 0 or currencies differ. */
  returnPct: number | null;
  realizedPnl: number | null;
  unrealizedPnl: number | null;
  fees: number | null;
  grossExposure: number | null;
  positions: number;
}

const sum = (states: readonly PortfolioState[], pick: (s: PortfolioState) => number): number =>
  states.reduce((acc, s) => acc + pick(s), 0);

/** Sum the bots' figures; the return is recomputed from the sums, not averaged. */
export const summarize = (states: readonly PortfolioState[]): PortfolioSummary => {
  const currencies = new Set(states.map((s) => s.currency));
  const positions = states.reduce((n, s) => n + s.positions.filter((p) => p.amount !== 0).length, 0);
  if (currencies.size > 1) {
    return {
      currency: null,
      bots: states.length,
      equity: null,
      startingCash: null,
      totalPnl: null,
      dailyPnl: null,
      returnPct: null,
      realizedPnl: null,
      unrealizedPnl: null,
      fees: null,
      grossExposure: null,
      positions,
    };
  }
  const startingCash = sum(states, (s) => s.startingCash);
  const totalPnl = sum(states, (s) => s.stats.totalPnl);
  return {
    currency: states[0]?.currency ?? null,
    bots: states.length,
    equity: sum(states, (s) => s.equity),
    startingCash,
    totalPnl,
    dailyPnl: sum(states, (s) => s.stats.dailyPnl),
    returnPct: startingCash === 0 ? null : (totalPnl / startingCash) * 100,
    realizedPnl: sum(states, (s) => s.realizedPnl),
    unrealizedPnl: sum(states, (s) => s.unrealizedPnl),
    fees: sum(states, (s) => s.fees),
    grossExposure: sum(states, (s) => s.grossExposure),
    positions,
  };
};
