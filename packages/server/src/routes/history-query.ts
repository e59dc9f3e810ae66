/** What the history routes share: a known symbol and a sane [from, to) range. */
import { ErrorCode } from '@tickdeck/protocol';
import type { AppDeps } from '../app-deps.js';
import { AppError } from '../http/app-error.js';

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
