/**
 * The REST API calls the dashboard makes, with failures turned into {@link HttpError} or
 * {@link NetworkError}. Every call carries the signed-in user's bearer token (see
 * {@link useRequestAuth}); a 401 asks the session for a fresh token and retries once.
 * @module
 */
import type { Candle, DependencyStatus, MarketType, Ticker, Timeframe } from '@tickdeck/protocol';
import { HttpError, NetworkError } from '../errors/classify-error.js';

/** Give up on a request after this long, ms. */
export const REQUEST_TIMEOUT_MS = 10_000;

export interface SymbolInfo {
  symbol: string;
  type: MarketType;
  source: string;
}

/**
 * A refused request's problem document (application/problem+json), with the validation `reason`
 * and `field` (a JSON pointer) when the server names them.
 */
export class ProblemError extends HttpError {
  constructor(
    status: number,
    code: string | undefined,
    message: string,
    readonly reason: string | undefined,
    readonly field: string | undefined,
    /** From `retry-after` (429, 503), seconds. */
    readonly retryAfterSec?: number | undefined,
  ) {
    super(status, code, message);
  }
}

/** Where requests get their bearer token, and what they do when the server refuses one. */
export interface RequestAuth {
  /** The token to send now (refreshed first when near expiry), undefined for none. Never throws. */
  token(): Promise<string | undefined>;
  /**
   * A request with `token` was answered 401: the token to retry once with, or undefined (the
   * session is over). Never throws.
   */
  rejected(token: string): Promise<string | undefined>;
}

let requestAuth: RequestAuth | undefined;

/** Send the session's bearer token with every request from now on (main.ts does, once). */
export const useRequestAuth = (auth: RequestAuth | undefined): void => {
  requestAuth = auth;
};

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** A non-2xx status whose body is still the answer (e.g. 503 of /ready). */
  alsoOk?: number | undefined;
  /**
   * This bearer token instead of the session's, and no retry on 401 (the auth calls themselves);
   * null: no token at all.
   */
  bearer?: string | null | undefined;
  /** Called with the answer's headers, whatever its status (e.g. to read `Date`). */
  onHeaders?: ((headers: Headers) => void) | undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const retryAfter = (headers: Headers): number | undefined => {
  const value = Number(headers.get('retry-after') ?? NaN);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
};

/** Call the REST API; failures become {@link ProblemError} (an {@link HttpError}) or {@link NetworkError}. */
export const requestJson = async <T>(path: string, options: RequestOptions = {}): Promise<T> => {
  const { signal, alsoOk, method = 'GET' } = options;
  const send = async (bearer: string | undefined): Promise<Response> => {
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
    try {
      return await fetch(path, {
        method,
        headers,
        body: options.body === undefined ? null : JSON.stringify(options.body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new NetworkError(cause instanceof Error ? cause.message : String(cause));
    }
  };
  const session = options.bearer === undefined ? requestAuth : undefined;
  const bearer = session ? await session.token() : (options.bearer ?? undefined);
  let response = await send(bearer);
  if (response.status === 401 && session && bearer !== undefined) {
    const next = await session.rejected(bearer);
    if (next !== undefined) response = await send(next);
  }
  options.onHeaders?.(response.headers);
  if (!response.ok && response.status !== alsoOk) {
    let problem: Record<string, unknown> = {};
    try {
      problem = (await response.json()) as Record<string, unknown>;
    } catch {
      // Not a problem document: keep the status text.
    }
    const message = str(problem.detail) ?? str(problem.title) ?? response.statusText;
    throw new ProblemError(
      response.status,
      str(problem.code),
      message,
      str(problem.reason),
      str(problem.field),
      retryAfter(response.headers),
    );
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
};

const getJson = <T>(path: string, signal?: AbortSignal, alsoOk?: number): Promise<T> =>
  requestJson<T>(path, { signal, alsoOk });

/** GET /api/v1/symbols */
export const fetchSymbols = async (signal?: AbortSignal): Promise<SymbolInfo[]> =>
  (await getJson<{ symbols: SymbolInfo[] }>('/api/v1/symbols', signal)).symbols;

/** GET /api/v1/tickers */
export const fetchTickers = async (signal?: AbortSignal): Promise<Ticker[]> =>
  (await getJson<{ tickers: Ticker[] }>('/api/v1/tickers', signal)).tickers;

export interface CandleRange {
  symbol: string;
  tf: Timeframe;
  /** Inclusive open time, ms. */
  from?: number | undefined;
  /** Exclusive open time, ms. */
  to?: number | undefined;
  /** Default 1000. */
  limit?: number | undefined;
}

/** GET /api/v1/candles: candles in ascending time. */
export const fetchCandles = async (range: CandleRange, signal?: AbortSignal): Promise<Candle[]> => {
  const q = new URLSearchParams({ symbol: range.symbol, tf: range.tf, limit: String(range.limit ?? 1000) });
  if (range.from !== undefined) q.set('from', String(range.from));
  if (range.to !== undefined) q.set('to', String(range.to));
  return (await getJson<{ candles: Candle[] }>(`/api/v1/candles?${q.toString()}`, signal)).candles;
};

/** GET /ready (answers 503 with the same body when a dependency is down). */
export const fetchReadiness = async (
  signal?: AbortSignal,
): Promise<{ ready: boolean; dependencies: DependencyStatus[] }> => getJson('/ready', signal, 503);
