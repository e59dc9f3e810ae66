/**
 * Errors raised by the client SDK. `code` is stable: applications may switch on it.
 * @module
 */
import type { ErrorCodeValue } from '@tickdeck/protocol';

export const ClientErrorCode = {
  /** No WebSocket implementation: pass `WebSocket` in the options (Node < 22). */
  NoWebSocket: 'NO_WEBSOCKET',
  /** The outgoing queue was full while disconnected: the oldest command was dropped. */
  QueueOverflow: 'QUEUE_OVERFLOW',
  /** The channel already has a subscription on this client. */
  DuplicateSubscription: 'DUPLICATE_SUBSCRIPTION',
  /** The channel name does not match the protocol's grammar. */
  InvalidChannel: 'INVALID_CHANNEL',
  /** A server frame could not be decoded (not JSON or MessagePack of the protocol). */
  DecodeFailed: 'DECODE_FAILED',
  /** The server answered with an `error` message; `serverCode` holds its code. */
  ServerError: 'SERVER_ERROR',
  /** A callback or event listener of the application threw. */
  HandlerFailed: 'HANDLER_FAILED',
  /** The `token` function threw or rejected. */
  TokenFailed: 'TOKEN_FAILED',
} as const;

export type ClientErrorCodeValue = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

/** An error of the SDK, or a server `error` message (code `SERVER_ERROR`, with `serverCode`). */
export class ClientError extends Error {
  override readonly name = 'ClientError';
  readonly code: ClientErrorCodeValue;
  /** The server's error code when `code` is `SERVER_ERROR`. */
  readonly serverCode: ErrorCodeValue | undefined;
  /** The channel concerned, if any. */
  readonly channel: string | undefined;

  constructor(
    code: ClientErrorCodeValue,
    message: string,
    options: { serverCode?: ErrorCodeValue; channel?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.serverCode = options.serverCode;
    this.channel = options.channel;
  }
}
