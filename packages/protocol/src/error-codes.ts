/**
 * Error codes carried by `error` messages on a live connection (the connection stays open) and by
 * `application/problem+json` REST responses (`code` member). Stable: clients may switch on them.
 */
export const ErrorCode = {
  BadRequest: 'BAD_REQUEST',
  MalformedMessage: 'MALFORMED_MESSAGE',
  UnknownCommand: 'UNKNOWN_COMMAND',
  InvalidChannel: 'INVALID_CHANNEL',
  UnknownChannel: 'UNKNOWN_CHANNEL',
  TooManySubscriptions: 'TOO_MANY_SUBSCRIPTIONS',
  RateLimited: 'RATE_LIMITED',
  Unauthorized: 'UNAUTHORIZED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  Unavailable: 'UNAVAILABLE',
  Internal: 'INTERNAL',
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** RFC 9457 problem details as tickdeck's REST API returns them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCodeValue;
  detail?: string | undefined;
  instance?: string | undefined;
}
