/**
 * Errors with a stable code, mapped once at the edge to `application/problem+json` (RFC 9457).
 * Unknown errors become INTERNAL, keeping the original as `cause` for the log.
 * @module
 */
import { ErrorCode, type ErrorCodeValue, type Problem } from '@tickdeck/protocol';

/** HTTP status for each error code. */
export const STATUS_OF: Readonly<Record<ErrorCodeValue, number>> = {
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.MalformedMessage]: 400,
  [ErrorCode.UnknownCommand]: 400,
  [ErrorCode.InvalidChannel]: 400,
  [ErrorCode.UnknownChannel]: 404,
  [ErrorCode.TooManySubscriptions]: 429,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.Unauthorized]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.Unavailable]: 503,
  [ErrorCode.Internal]: 500,
};

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCodeValue,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
  get status(): number {
    return STATUS_OF[this.code];
  }
}

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(code: ErrorCodeValue, detail: string, instance?: string): Problem {
  const status = STATUS_OF[code];
  return {
    type: `urn:tickdeck:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    instance,
  };
}
