/**
 * WebSocket close codes. 4000–4499: the client should reconnect with backoff. 4500–4999: the client
 * must not reconnect without a change (new token, new configuration). Standard codes 1000–1015 keep
 * their RFC 6455 meaning.
 */
export const CloseCode = {
  /** Normal closure requested by either side. Do not reconnect. */
  Normal: 1000,
  /** Server going away (restart, shutdown). Reconnect. */
  GoingAway: 1001,
  /** A frame larger than the inbound limit (RFC 6455 "message too big"). Reconnect after fixing. */
  MessageTooBig: 1009,
  /** Server restart or shutdown in progress. Reconnect with backoff. */
  ServerRestart: 4000,
  /** The client read too slowly: its outbound queue passed the hard limit. Reconnect and resubscribe. */
  SlowConsumer: 4001,
  /** No heartbeat reply within the timeout. Reconnect. */
  HeartbeatTimeout: 4002,
  /** The server is at capacity (connections). Reconnect later with backoff. */
  Overloaded: 4003,
  /** The access token expired on a live connection. Reconnect with a fresh token. */
  TokenExpired: 4004,
  /** Too many commands per second, repeatedly. Reconnect with backoff. */
  CommandFlood: 4005,
  /** Too many connections from one address. Reconnect later. */
  TooManyConnections: 4006,
  /** Malformed frames (not JSON or MessagePack of the protocol). Do not reconnect. */
  ProtocolError: 4500,
  /** Missing or invalid credentials. Do not reconnect with the same token. */
  Unauthorized: 4501,
  /** Authenticated but not allowed (role). Do not reconnect. */
  Forbidden: 4503,
  /** Unsupported subprotocol or protocol version. Do not reconnect. */
  UnsupportedProtocol: 4505,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** Whether a client should reconnect after the server closed with `code`. */
export const shouldReconnect = (code: number): boolean =>
  code === CloseCode.Normal ? false : code >= 4500 && code <= 4999 ? false : true;
