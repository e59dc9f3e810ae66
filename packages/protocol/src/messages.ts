/**
 * The real-time protocol's messages. docs/protocol.md is the normative description; these types
 * mirror it.
 *
 * Encodings: JSON text frames by default; MessagePack binary frames when the client asks for the
 * `tickdeck.msgpack.v1` subprotocol (`tickdeck.json.v1` names JSON explicitly).
 *
 * Every server frame is an array of one or more {@link ServerMessage}s, in order.
 * Every client frame is one {@link ClientMessage}.
 * @module
 */
import type { ChannelKind } from './channels.js';
import type { ErrorCodeValue } from './error-codes.js';

export const PROTOCOL_VERSION = 1;
export const SUBPROTOCOL_JSON = 'tickdeck.json.v1';
export const SUBPROTOCOL_MSGPACK = 'tickdeck.msgpack.v1';
/**
 * A token may ride in the upgrade as the subprotocol `tickdeck.bearer.<JWT>`, offered beside an
 * encoding subprotocol (the server never selects it). For browsers, which cannot set headers.
 */
export const SUBPROTOCOL_BEARER_PREFIX = 'tickdeck.bearer.';

/** Where a client left off on a channel, for recovery. */
export interface StreamPosition {
  epoch: string;
  seq: number;
}

export interface SubscribeRequest {
  channel: string;
  /** The last publication seen, to recover what was missed. */
  since?: StreamPosition | undefined;
  /** State channels only: deliver at most one update per this many ms (latest wins). */
  maxRateMs?: number | undefined;
}

/** Client → server. `id` (optional) is echoed in the reply so a client can correlate. */
export type ClientMessage =
  | { op: 'subscribe'; id?: number | undefined; channels: SubscribeRequest[] }
  | { op: 'unsubscribe'; id?: number | undefined; channels: string[] }
  | { op: 'ping'; t: number }
  | { op: 'pong'; t: number }
  | { op: 'auth'; id?: number | undefined; token: string };

/** A publication on a channel. Short keys: this is the message sent most. */
export interface Publication<T = unknown> {
  op: 'pub';
  /** Channel name. */
  ch: string;
  /** The channel's epoch: changes when the channel's history is reset (server or store restart). */
  ep: string;
  /** Grows by one per publication on the channel within an epoch. */
  seq: number;
  /** The payload. */
  d: T;
}

export interface Welcome {
  op: 'welcome';
  version: number;
  session: string;
  /** The server pings every this many ms; reply with pong. Ping the server at the same pace. */
  heartbeatMs: number;
  limits: ConnectionLimits;
}

export interface ConnectionLimits {
  maxFrameBytes: number;
  maxCommandsPerSec: number;
  maxSubscriptions: number;
  /** Commands that may be sent in a burst above the per-second rate. */
  commandBurst?: number | undefined;
  /** The server closes with HeartbeatTimeout after this long without any frame from the client. */
  heartbeatTimeoutMs?: number | undefined;
}

/** Heartbeat from the server; reply with a `pong` carrying the same `t`. */
export interface ServerPing {
  op: 'ping';
  /** Server time, ms since the epoch. */
  t: number;
  /** The round-trip time the server measured on the previous heartbeat, ms. */
  rtt?: number | undefined;
}

/** Reply to a client `ping`, echoing its `t`. */
export interface ServerPong {
  op: 'pong';
  t: number;
}

/** The SSE fallback endpoint; each event's `event:` field is the message's `op`. */
export const SSE_PATH = '/api/v1/stream';
/** The WebSocket endpoint. */
export const WS_PATH = '/ws';

/**
 * Reply to one channel of a subscribe command. If `recovered` is true the missed publications follow
 * as ordinary `pub` messages, in order, before any newer one, and `seq` is the `since.seq` the client
 * sent (its position before the replay). Otherwise `snapshot` holds the current state (for candles: an
 * array of up to 1000 candles) and reflects every publication up to `seq` (it may already include a
 * few later ones, which then follow as `pub`s: applying a state publication twice is harmless).
 * Stream channels without a snapshot provider carry no `snapshot`.
 */
export interface Subscribed<T = unknown> {
  op: 'subscribed';
  id?: number | undefined;
  ch: string;
  kind: ChannelKind;
  ep: string;
  seq: number;
  recovered: boolean;
  snapshot?: T | undefined;
}

export interface Unsubscribed {
  op: 'unsubscribed';
  id?: number | undefined;
  ch: string;
}

export interface ErrorMessage {
  op: 'error';
  id?: number | undefined;
  code: ErrorCodeValue;
  message: string;
  ch?: string | undefined;
}

export type ServerMessage =
  | Publication
  | Welcome
  | Subscribed
  | Unsubscribed
  | ErrorMessage
  | ServerPing
  | ServerPong
  | { op: 'authenticated'; id?: number | undefined; role: string; expiresAt?: number | undefined };
