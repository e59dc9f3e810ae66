/**
 * REST calls of the Portfolio page: portfolio states, the equity curve and the fills, paged.
 * @module
 */
import type { EquityPoint, Fill, PortfolioState } from '@tickdeck/protocol';
import { requestJson } from '../data/rest.js';

/** A stored fill as `/api/v1/fills` returns it. */
export interface StoredFill extends Fill {
  eventId: string;
}

export interface FillPage {
  fills: StoredFill[];
  /** Pass back to get the next (newer) page; null when this was the last one. */
  nextCursor: string | null;
}

/** GET /api/v1/portfolio: every bot's portfolio. */
export const fetchPortfolios = async (signal?: AbortSignal): Promise<PortfolioState[]> =>
  (await requestJson<{ portfolios: PortfolioState[] }>('/api/v1/portfolio', { signal })).portfolios;

/** GET /api/v1/equity: the newest `limit` points of a bot's equity curve, in time order. */
export const fetchEquity = async (
  botId: string,
  limit = 2000,
  signal?: AbortSignal,
): Promise<EquityPoint[]> => {
  const q = new URLSearchParams({ botId, limit: String(limit) });
  return (await requestJson<{ points: EquityPoint[] }>(`/api/v1/equity?${q.toString()}`, { signal })).points;
};

/** GET /api/v1/fills: one page of a bot's fills, oldest first. */
export const fetchFills = async (
  botId: string,
  cursor: string | null,
  limit: number,
  signal?: AbortSignal,
): Promise<FillPage> => {
  const q = new URLSearchParams({ botId, limit: String(limit) });
  if (cursor !== null) q.set('cursor', cursor);
  const page = await requestJson<{ fills: (StoredFill | null)[]; nextCursor: string | null }>(
    `/api/v1/fills?${q.toString()}`,
    { signal },
  );
  return {
    fills: page.fills.filter((f): f is StoredFill => f !== null),
    nextCursor: page.nextCursor ?? null,
  };
};
