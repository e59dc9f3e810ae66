/**
 * The REST API calls the dashboard makes, with failures turned into {@link HttpError} or
 * {@link NetworkError}.
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
  ) {
    super(status, code, message);
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** A non-2xx status whose body is still the answer (e.g. 503 of /ready). */
  alsoOk?: number | undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Call the REST API; failures become {@link ProblemError} (an {@link HttpError}) or {@link NetworkError}. */
export const requestJson = async <T>(path: string, options: RequestOptions = {}): Promise<T> => {
  const { signal, alsoOk, method = 'GET' } = options;
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new NetworkError(cause instanceof Error ? cause.message : String(cause));
  }
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
