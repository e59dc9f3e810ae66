/**
 * Canonical symbols: ccxt's `BTC/USDT:USDT` becomes `BTC/USDT` with the market type kept apart.
 * @module
 */
import { MARKET_TYPES, SYMBOL_PATTERN, type MarketType } from '@tickdeck/protocol';

/** Longest raw symbol accepted (ccxt option symbols such as `BTC/USD:BTC-250328-60000-C` fit easily). */
export const MAX_RAW_SYMBOL_LENGTH = 64;

export interface CanonicalSymbol {
  /** `BASE/QUOTE`, upper case, matching SYMBOL_PATTERN. */
  symbol: string;
  type: MarketType;
}

// BASE/QUOTE, then optionally ccxt's :SETTLE, -YYMMDD expiry and -STRIKE-C|P option suffixes.
const RAW_SYMBOL =
  /^([A-Za-z0-9]{1,20}\/[A-Za-z0-9]{1,20})(?::[A-Za-z0-9]{1,20}(-[0-9]{6}(-[0-9]{1,12}(?:\.[0-9]{1,12})?-[CPcp])?)?)?$/;

const INFERRED: Record<number, MarketType> = { 0: 'spot', 1: 'swap', 2: 'future', 3: 'option' };

/** True when `value` names a market type (`spot`, `margin`, `swap`, `future`, `option`). */
export function isMarketType(value: unknown): value is MarketType {
  return typeof value === 'string' && (MARKET_TYPES as readonly string[]).includes(value);
}

/**
 * Normalizes a ccxt unified symbol. Without an explicit type, `BASE/QUOTE` is spot, `:SETTLE` swap,
 * `:SETTLE-YYMMDD` future and `:SETTLE-YYMMDD-STRIKE-C|P` option; an explicit `type` wins.
 * Returns null when the symbol is not a well-formed ccxt symbol.
 *
 * @example normalizeSymbol('btc/usdt:USDT') // { symbol: 'BTC/USDT', type: 'swap' }
 */
export function normalizeSymbol(raw: string, type?: MarketType): CanonicalSymbol | null {
  if (raw.length > MAX_RAW_SYMBOL_LENGTH) return null;
  const m = RAW_SYMBOL.exec(raw);
  if (m === null || m[1] === undefined) return null;
  const symbol = m[1].toUpperCase();
  if (!SYMBOL_PATTERN.test(symbol)) return null;
  const depth = m[3] !== undefined ? 3 : m[2] !== undefined ? 2 : raw.length > m[1].length ? 1 : 0;
  return { symbol, type: type ?? (INFERRED[depth] as MarketType) };
}

/**
 * A bounded memo of {@link normalizeSymbol} for the hot path: sources repeat the same few symbols.
 * Only successes are kept, so hostile input cannot fill it; it is emptied when full.
 */
export class SymbolNormalizer {
  private readonly cache = new Map<string, CanonicalSymbol>();

  /** @param capacity entries kept before the memo is emptied (default 4096). */
  constructor(private readonly capacity = 4096) {}

  normalize(raw: string, type?: MarketType): CanonicalSymbol | null {
    const hit = this.cache.get(raw);
    if (hit !== undefined)
      return type === undefined || type === hit.type ? hit : { symbol: hit.symbol, type };
    const result = normalizeSymbol(raw);
    if (result === null) return null;
    if (this.cache.size >= this.capacity) this.cache.clear();
    this.cache.set(raw, result);
    return type === undefined || type === result.type ? result : { symbol: result.symbol, type };
  }
}
