/**
 * The parameters of the simulator's price model, shared by the live walk and the history backfill so
 * both move alike.
 * @module
 */
import type { SymbolSpec } from './symbol-specs.js';

/** Volatility multiplier of each regime: calm, normal, turbulent. */
export const REGIME_VOL: readonly number[] = [0.5, 1, 3];
/** Mean holding time of each regime, ms. */
export const REGIME_MEAN_MS: readonly number[] = [20 * 60_000, 30 * 60_000, 3 * 60_000];
/** Chance that a regime leaving `normal` goes to `calm` (else `turbulent`). */
export const NORMAL_TO_CALM = 0.6;
/** Mean time between price jumps of one symbol, ms. */
export const JUMP_MEAN_GAP_MS = 4 * 3_600_000;
/** Standard deviation of a jump's log size. */
export const JUMP_SIGMA = 0.008;
/** Pull towards the starting price per second: about a day's half-life. */
export const REVERSION_PER_S = 1 / 86_400;
/** Chance that an event is a trade, after a ticker and after a trade. */
export const TRADE_SHARE = 0.2;
export const TRADE_SHARE_AFTER_TRADE = 0.75;
/** Trade sizes are `size` × TRADE_SIZE_SCALE × Pareto(SIZE_ALPHA). */
export const TRADE_SIZE_SCALE = 0.18;
export const SIZE_ALPHA = 1.3;

/** A spec with its optional fields filled with their defaults. */
export function fillSpec(spec: SymbolSpec): Required<SymbolSpec> {
  return { weight: 1, volatility: 0.0001, spreadBps: 2, ...spec };
}

/** Number of decimals of a tick or lot size, e.g. 0.001 → 3. */
export function decimalsOf(x: number): number {
  const s = x.toExponential();
  const [mant, exp] = s.split('e');
  const frac = (mant?.split('.')[1] ?? '').length;
  return Math.max(0, frac - Number(exp));
}
