/** What the history routes share: a known symbol and a sane [from, to) range. */
import { ErrorCode } from '@tickdeck/protocol';
import Type from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { AppError } from '../http/app-error.js';
import { SymbolParam } from '../http/schemas.js';
import { MAX_QUERY_LIMIT } from '../store/history-store.js';

/** Query parameters of a paged history route: symbol, [from, to) in ms, limit and cursor. */
export const pagedQueryProperties = {
  symbol: SymbolParam,
  from: Type.Optional(Type.Integer({ minimum: 0, description: 'Inclusive, ms since the epoch' })),
  to: Type.Optional(Type.Integer({ minimum: 0, description: 'Exclusive, ms since the epoch' })),
  limit: Type.Integer({ minimum: 1, maximum: MAX_QUERY_LIMIT, default: 1000 }),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })),
};

export interface PagedQuery {
  symbol: string;
  from?: number;
  to?: number;
  limit: number;
  cursor?: string;
}

/** The canonical symbol of a query, refused (404) unless tickdeck follows it. */
export function knownSymbol(deps: AppDeps, raw: string): string {
  const symbol = raw.toUpperCase();
  if (!deps.markets().some((m) => m.symbol === symbol)) {
    throw new AppError(ErrorCode.NotFound, `Unknown symbol ${symbol}`);
  }
  return symbol;
}

/** Refuses (400) a range whose start is not before its end. */
export function checkRange(from: number | undefined, to: number | undefined): void {
  if (from !== undefined && to !== undefined && from >= to) {
    throw new AppError(ErrorCode.BadRequest, '`from` must be before `to`');
  }
}
