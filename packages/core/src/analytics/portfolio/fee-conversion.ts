/**
 * Conversion of fees and P&L to the bot's account currency. docs/metrics.md, "Fees".
 * @module
 */
import type { Fill } from '@tickdeck/protocol';

/**
 * Converts `amount` of currency `from` into currency `to` at the current rate, or returns undefined when
 * no rate is known. Supplied by the server (from live tickers); pure for tests.
 */
export type Convert = (amount: number, from: string, to: string) => number | undefined;

export function splitSymbol(symbol: string): { base: string; quote: string } {
  const slash = symbol.indexOf('/');
  return { base: symbol.slice(0, slash), quote: symbol.slice(slash + 1) };
}

/** `amount` of `from` in `to`: itself when equal, else through `convert`; undefined when unknown. */
export function toCurrency(amount: number, from: string, to: string, convert?: Convert): number | undefined {
  if (from === to || amount === 0) return amount;
  const v = convert?.(amount, from, to);
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

/**
 * A fill's fee in the account currency: a fee in the account currency as is; in the symbol's quote, as
 * is and then to the account currency; in its base, × fill price; in any other currency, through
 * `convert` to the quote. Undefined when a rate is missing (the fee is then reported unconverted).
 */
export function feeInCurrency(fill: Fill, currency: string, convert?: Convert): number | undefined {
  const fee = fill.fee;
  if (fee === undefined || fee.cost === 0) return 0;
  if (fee.currency === currency) return fee.cost;
  const { base, quote } = splitSymbol(fill.symbol);
  const inQuote =
    fee.currency === quote
      ? fee.cost
      : fee.currency === base
        ? fee.cost * fill.price
        : toCurrency(fee.cost, fee.currency, quote, convert);
  return inQuote === undefined ? undefined : toCurrency(inQuote, quote, currency, convert);
}
