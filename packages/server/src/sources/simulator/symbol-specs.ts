/**
 * The markets the simulator trades by default, with realistic price levels, tick and lot sizes.
 * @module
 */

/** One simulated market. */
export interface SymbolSpec {
  /** Canonical symbol, e.g. `BTC/USDT`. */
  symbol: string;
  /** Starting price, quote currency; the path mean-reverts slowly around it. */
  price: number;
  /** Price increment; every bid, ask and trade price is a multiple of it. */
  tick: number;
  /** Size increment, base currency. */
  lot: number;
  /** Typical trade size, base currency (the median is about 0.3× this). */
  size: number;
  /** Relative share of the event flow. Default 1. */
  weight?: number;
  /** Volatility of the log price per √second (normal regime; calm ×0.5, turbulent ×3). Default 0.0001. */
  volatility?: number;
  /** Typical spread in basis points of the price. Default 2. */
  spreadBps?: number;
}

export const DEFAULT_SYMBOLS: readonly SymbolSpec[] = [
  { symbol: 'BTC/USDT', price: 60_000, tick: 0.01, lot: 0.00001, size: 0.05, weight: 4, spreadBps: 0.5 },
  { symbol: 'ETH/USDT', price: 3_000, tick: 0.01, lot: 0.0001, size: 0.8, weight: 3, spreadBps: 0.8 },
  { symbol: 'SOL/USDT', price: 150, tick: 0.01, lot: 0.001, size: 10, weight: 2 },
  { symbol: 'BNB/USDT', price: 580, tick: 0.01, lot: 0.001, size: 2, weight: 1.5 },
  { symbol: 'XRP/USDT', price: 0.5, tick: 0.0001, lot: 1, size: 2_000, weight: 1.5 },
  { symbol: 'ADA/USDT', price: 0.45, tick: 0.0001, lot: 0.1, size: 3_000 },
  { symbol: 'DOGE/USDT', price: 0.12, tick: 0.00001, lot: 1, size: 10_000, weight: 1.2 },
  { symbol: 'AVAX/USDT', price: 35, tick: 0.01, lot: 0.01, size: 30 },
  { symbol: 'LINK/USDT', price: 14, tick: 0.001, lot: 0.01, size: 60 },
  { symbol: 'DOT/USDT', price: 6.5, tick: 0.001, lot: 0.01, size: 150, weight: 0.8 },
];

/** Looks a default spec up by symbol. */
export function defaultSpec(symbol: string): SymbolSpec | undefined {
  return DEFAULT_SYMBOLS.find((s) => s.symbol === symbol);
}
