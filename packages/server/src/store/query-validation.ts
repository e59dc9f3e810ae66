/** Checks every HistoryStore adapter applies to a query before touching the database. */
import { HistoryStoreError, HistoryStoreErrorCode } from './history-store-error.js';
import { MAX_QUERY_LIMIT } from './history-store.js';

/** Throws {@link HistoryStoreError} `STORE_INVALID_LIMIT` unless `limit` is an integer in 1..5000. */
export function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT) {
    throw new HistoryStoreError(
      HistoryStoreErrorCode.InvalidLimit,
      `limit must be an integer from 1 to ${MAX_QUERY_LIMIT}, got ${String(limit)}`,
    );
  }
}

/** Throws `STORE_INVALID_RANGE` unless `from` and `to`, when given, are finite numbers. */
export function checkRange(from: number | undefined, to: number | undefined): void {
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value !== undefined && !Number.isFinite(value)) {
      throw new HistoryStoreError(
        HistoryStoreErrorCode.InvalidRange,
        `${name} must be a time in ms, got ${String(value)}`,
      );
    }
  }
}
