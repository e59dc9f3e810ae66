/**
 * Errors raised by every HistoryStore adapter, with a stable code and the HTTP status the edge should
 * answer with (`statusCode`, which the server's error handler maps to a problem code).
 * @module
 */

/** Stable codes of {@link HistoryStoreError}. */
export const HistoryStoreErrorCode = {
  /** `limit` is not an integer in 1..5000. Status 400. */
  InvalidLimit: 'STORE_INVALID_LIMIT',
  /** The cursor was not produced by this store for this kind of query. Status 400. */
  InvalidCursor: 'STORE_INVALID_CURSOR',
  /** `from`/`to` are not finite numbers. Status 400. */
  InvalidRange: 'STORE_INVALID_RANGE',
  /** The database cannot be reached or refused the statement. Status 503. */
  Unavailable: 'STORE_UNAVAILABLE',
  /** The schema could not be brought to the current version. Status 500. */
  MigrationFailed: 'STORE_MIGRATION_FAILED',
} as const;

export type HistoryStoreErrorCodeValue = (typeof HistoryStoreErrorCode)[keyof typeof HistoryStoreErrorCode];

const STATUS: Readonly<Record<HistoryStoreErrorCodeValue, number>> = {
  STORE_INVALID_LIMIT: 400,
  STORE_INVALID_CURSOR: 400,
  STORE_INVALID_RANGE: 400,
  STORE_UNAVAILABLE: 503,
  STORE_MIGRATION_FAILED: 500,
};

export class HistoryStoreError extends Error {
  override readonly name = 'HistoryStoreError';
  /** HTTP status for this error (400 for a bad query, 503 when the database is unreachable). */
  readonly statusCode: number;
  constructor(
    readonly code: HistoryStoreErrorCodeValue,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.statusCode = STATUS[code];
  }
}
