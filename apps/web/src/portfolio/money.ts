/**
 * Money and ratio formatters of the Portfolio page. Pure.
 * @module
 */
import { MISSING } from '../format/format.js';

const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** An amount with two decimals and thousands separators, e.g. `10,123.45`; `signed` adds `+`. */
export const formatMoney = (v: number | null | undefined, signed = false): string => {
  if (!isNum(v)) return MISSING;
  const text = Math.abs(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (text === '0.00') return text;
  return `${v < 0 ? '-' : signed ? '+' : ''}${text}`;
};

/** A ratio with two decimals (Sharpe, Sortino, profit factor). */
export const formatRatio = (v: number | null | undefined): string => (isNum(v) ? v.toFixed(2) : MISSING);

/** A fraction 0..1 as a percentage, e.g. `55.0%`. */
export const formatFraction = (v: number | null | undefined): string =>
  isNum(v) ? `${(v * 100).toFixed(1)}%` : MISSING;

/** `up`, `down` or '' by sign, for colouring P&L. */
export const toneOf = (v: number | null | undefined): string =>
  !isNum(v) || v === 0 ? '' : v > 0 ? 'up' : 'down';
