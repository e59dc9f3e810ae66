/**
 * The part of a ccxt pro exchange the ccxt source uses, and how one is made from its id.
 *
 * ccxt is loaded when a ccxt source starts ({@link loadCcxt}), not with the server: it is a 40 MB
 * heap and 0.4 s of start-up that every process without a ccxt source (the simulator default,
 * gateways, other feeds) would otherwise carry, and a bigger heap makes every full garbage
 * collection longer (docs/benchmarks.md, scale-out).
 * @module
 */
import type ccxtDefault from 'ccxt';

type Ccxt = typeof ccxtDefault;

let lib: Ccxt | undefined;

/** Load ccxt once; the functions below need it. */
export async function loadCcxt(): Promise<void> {
  lib ??= (await import('ccxt')).default;
}

const ccxt = (): Ccxt => {
  if (lib === undefined) throw new Error('ccxt is not loaded yet (loadCcxt)');
  return lib;
};

export type OhlcvRow = number[];

export type BookSide = number[][];

export interface ProExchange {
  id: string;
  markets?: Record<string, { type?: string } | undefined> | undefined;
  watchTrades(symbol: string): Promise<object[]>;
  watchTicker(symbol: string): Promise<object>;
  watchOHLCV(symbol: string, timeframe: string): Promise<OhlcvRow[]>;
  watchOrderBook(
    symbol: string,
  ): Promise<{ symbol?: string; timestamp?: number; nonce?: number; bids: BookSide; asks: BookSide }>;
  fetchOHLCV(symbol: string, timeframe: string, since?: number, limit?: number): Promise<OhlcvRow[]>;
  close(): Promise<unknown>;
}

/** A new ccxt pro exchange by id; throws when ccxt has no WebSocket implementation of it. */
export function createProExchange(id: string, options: Record<string, unknown> = {}): ProExchange {
  const ctor = (ccxt().pro as unknown as Record<string, (new (o: object) => ProExchange) | undefined>)[id];
  if (typeof ctor !== 'function') throw new Error(`ccxt has no WebSocket (pro) exchange named "${id}"`);
  return new ctor({ enableRateLimit: true, ...options });
}

/** True for errors that retrying cannot fix (an unknown symbol, bad credentials, a missing feature). */
export function isPermanent(err: unknown): boolean {
  const c = ccxt();
  return (
    err instanceof c.BadSymbol ||
    err instanceof c.NotSupported ||
    err instanceof c.AuthenticationError ||
    err instanceof c.PermissionDenied
  );
}

/** True when the exchange was closed on purpose (our stop()). */
export function isClosedByUser(err: unknown): boolean {
  return err instanceof ccxt().ExchangeClosedByUser;
}
