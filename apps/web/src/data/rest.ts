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

const getJson = async <T>(path: string, signal?: AbortSignal, alsoOk?: number): Promise<T> => {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { accept: 'application/json' },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new NetworkError(cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok && response.status !== alsoOk) {
    let code: string | undefined;
    let message = response.statusText;
    try {
      const problem = (await response.json()) as { code?: unknown; detail?: unknown; title?: unknown };
      if (typeof problem.code === 'string') code = problem.code;
      if (typeof problem.detail === 'string') message = problem.detail;
      else if (typeof problem.title === 'string') message = problem.title;
    } catch {
      // Not a problem document: keep the status text.
    }
    throw new HttpError(response.status, code, message);
  }
  return (await response.json()) as T;
};

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
