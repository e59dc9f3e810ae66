/**
 * Average-cost position arithmetic for one (bot, symbol). docs/metrics.md, "P&L method".
 * @module
 */
import type { Side } from '@tickdeck/protocol';

/**
 * A remainder smaller than this fraction of the larger of (position, fill size) counts as flat, so that
 * 0.3 − 0.1 − 0.2 closes a position instead of leaving 5.5e-17 of it.
 */
export const FLAT_TOLERANCE = 1e-9;

export interface Position {
  /** Signed base amount: > 0 long, < 0 short. */
  amount: number;
  /** Average entry price, quote; 0 when flat. */
  avgPrice: number;
}

export interface TradeEffect {
  before: Position;
  after: Position;
  /** P&L realized by the reducing part, quote, before fees. */
  realized: number;
  /** Quantity that reduced or closed the position. */
  closedQty: number;
  /** Quantity that opened or increased a position. */
  openedQty: number;
}

/**
 * Applies a fill of `qty` (> 0) at `price` to a position by the average cost method: an increase
 * moves the average to the quantity-weighted mean; a reduction realizes (price − avg) × qty for a long
 * and (avg − price) × qty for a short and keeps the average; a fill larger than the position closes it
 * and opens the rest on the other side at the fill price.
 */
export function applyTrade(pos: Position, side: Side, qty: number, price: number): TradeEffect {
  const s = side === 'buy' ? 1 : -1;
  const a = pos.amount;
  if (a === 0 || Math.sign(a) === s) {
    const amount = a + s * qty;
    const avgPrice = (Math.abs(a) * pos.avgPrice + qty * price) / Math.abs(amount);
    return { before: pos, after: { amount, avgPrice }, realized: 0, closedQty: 0, openedQty: qty };
  }
  const held = Math.abs(a);
  const tol = FLAT_TOLERANCE * Math.max(held, qty);
  const dir = Math.sign(a);
  if (qty < held - tol) {
    const realized = (price - pos.avgPrice) * qty * dir;
    return {
      before: pos,
      after: { amount: a + s * qty, avgPrice: pos.avgPrice },
      realized,
      closedQty: qty,
      openedQty: 0,
    };
  }
  const realized = (price - pos.avgPrice) * held * dir;
  if (qty <= held + tol) {
    return { before: pos, after: { amount: 0, avgPrice: 0 }, realized, closedQty: held, openedQty: 0 };
  }
  const opened = qty - held;
  return {
    before: pos,
    after: { amount: s * opened, avgPrice: price },
    realized,
    closedQty: held,
    openedQty: opened,
  };
}
