/**
 * Round trips ("trades" for win rate and profit factor), built fill by fill. docs/metrics.md, "Trades".
 * @module
 */
import type { RoundTrip } from '@tickdeck/protocol';
import type { TradeEffect } from '../portfolio/position-math.js';

interface OpenTrip {
  side: 'long' | 'short';
  openedAt: number;
  maxAmount: number;
  realizedPnl: number;
  fees: number;
  exitQty: number;
  exitValue: number;
  fills: number;
}

/** Tracks the open round trip of each symbol and emits each one as it closes. */
export class RoundTripTracker {
  private readonly open = new Map<string, OpenTrip>();

  /**
   * Feeds one fill's effect. `fee` is in the account currency (0 when unconverted); a fill that
   * crosses through zero gives the closing trip the share closedQty / qty of it. Returns the trip the
   * fill closed, if any.
   */
  onFill(symbol: string, t: number, price: number, effect: TradeEffect, fee: number): RoundTrip | null {
    const qty = effect.closedQty + effect.openedQty;
    let feeLeft = fee;
    let closed: RoundTrip | null = null;
    const trip = this.open.get(symbol);
    if (effect.closedQty > 0 && trip !== undefined) {
      const share = effect.openedQty > 0 ? fee * (effect.closedQty / qty) : fee;
      feeLeft = fee - share;
      trip.realizedPnl += effect.realized;
      trip.fees += share;
      trip.exitQty += effect.closedQty;
      trip.exitValue += effect.closedQty * price;
      trip.fills += 1;
      if (effect.after.amount === 0 || Math.sign(effect.after.amount) !== Math.sign(effect.before.amount)) {
        this.open.delete(symbol);
        closed = {
          symbol,
          side: trip.side,
          openedAt: trip.openedAt,
          closedAt: t,
          maxAmount: trip.maxAmount,
          entryPrice: effect.before.avgPrice,
          exitPrice: trip.exitValue / trip.exitQty,
          realizedPnl: trip.realizedPnl,
          fees: trip.fees,
          pnl: trip.realizedPnl - trip.fees,
          fills: trip.fills,
        };
      }
    }
    if (effect.openedQty > 0) {
      const current = this.open.get(symbol);
      const size = Math.abs(effect.after.amount);
      if (current === undefined) {
        this.open.set(symbol, {
          side: effect.after.amount > 0 ? 'long' : 'short',
          openedAt: t,
          maxAmount: size,
          realizedPnl: 0,
          fees: feeLeft,
          exitQty: 0,
          exitValue: 0,
          fills: 1,
        });
      } else {
        current.fees += feeLeft;
        current.fills += 1;
        current.maxAmount = Math.max(current.maxAmount, size);
      }
    }
    return closed;
  }
}
