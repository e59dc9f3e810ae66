/**
 * Simulated market-order execution: taker at the ask (buy) or the bid (sell), moved against the
 * trader by an optional slippage, with a fee in the quote currency. Returns ccxt-shaped objects.
 * @module
 */
import type { Fill, Order, Side } from '@tickdeck/protocol';
import { splitSymbol } from '../portfolio/fee-conversion.js';

export interface PaperExecutionOptions {
  /** Taker fee as a fraction of notional. Default 0.001 (0.1 %). */
  feeRate?: number | undefined;
  /** Price moved against the order, basis points. Default 0. */
  slippageBps?: number | undefined;
}

export interface Quote {
  bid: number;
  ask: number;
  /** ms */
  time: number;
}

/** The price a market order fills at. */
export function fillPrice(side: Side, quote: Quote, slippageBps = 0): number {
  const slip = slippageBps / 10_000;
  return side === 'buy' ? quote.ask * (1 + slip) : quote.bid * (1 - slip);
}

export class PaperExchange {
  private seq = 0;
  readonly feeRate: number;
  readonly slippageBps: number;

  constructor(
    readonly symbol: string,
    /** Prefix of order and fill ids, unique per bot. */
    private readonly idPrefix: string,
    options: PaperExecutionOptions = {},
  ) {
    this.feeRate = options.feeRate ?? 0.001;
    this.slippageBps = options.slippageBps ?? 0;
  }

  /** Fills a market order of `amount` (base) in full at the quote. */
  marketOrder(side: Side, amount: number, quote: Quote): { order: Order; fill: Fill } {
    this.seq += 1;
    const price = fillPrice(side, quote, this.slippageBps);
    const cost = price * amount;
    const fee = { cost: cost * this.feeRate, currency: splitSymbol(this.symbol).quote, rate: this.feeRate };
    const orderId = `${this.idPrefix}-o${this.seq}`;
    const order: Order = {
      id: orderId,
      symbol: this.symbol,
      type: 'market',
      side,
      average: price,
      amount,
      filled: amount,
      remaining: 0,
      cost,
      status: 'closed',
      timestamp: quote.time,
      fee,
    };
    const fill: Fill = {
      id: `${this.idPrefix}-f${this.seq}`,
      order: orderId,
      symbol: this.symbol,
      side,
      price,
      amount,
      cost,
      takerOrMaker: 'taker',
      timestamp: quote.time,
      fee,
    };
    return { order, fill };
  }
}
