/**
 * The bot's own objects, aligned with ccxt's Order and (private) Trade so a ccxt bot can forward
 * what its exchange returns.
 * @module
 */
import type { Fee, MarketType, Side } from './market.js';

export type OrderStatus = 'open' | 'closed' | 'canceled' | 'expired' | 'rejected';
export type OrderType = 'market' | 'limit' | string;

/** ccxt's Order. */
export interface Order {
  id: string;
  clientOrderId?: string | undefined;
  symbol: string;
  type?: OrderType | undefined;
  side: Side;
  price?: number | undefined;
  average?: number | undefined;
  amount: number;
  filled?: number | undefined;
  remaining?: number | undefined;
  cost?: number | undefined;
  status: OrderStatus;
  timestamp: number;
  fee?: Fee | undefined;
}

/** ccxt's private Trade (a fill of the bot's order), with its fee. */
export interface Fill {
  id: string;
  order?: string | undefined;
  symbol: string;
  marketType?: MarketType | undefined;
  side: Side;
  price: number;
  amount: number;
  cost?: number | undefined;
  takerOrMaker?: 'taker' | 'maker' | undefined;
  timestamp: number;
  fee?: Fee | undefined;
}
