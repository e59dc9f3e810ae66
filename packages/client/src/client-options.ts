/**
 * Options of {@link TickdeckClient}, with their defaults.
 * @module
 */
import type { Encoding } from './codec.js';
import type { Clock, Timers } from './timers.js';
import type { WebSocketConstructor } from './websocket-like.js';

/** A token, or a function asked for a fresh one on every connection. */
export type TokenSource = string | (() => string | undefined | Promise<string | undefined>);

export interface ClientOptions {
  /** The gateway's WebSocket URL, e.g. `ws://127.0.0.1:8080/ws`. */
  url: string;
  /**
   * The WebSocket implementation. Default `globalThis.WebSocket` (browsers, Node >= 22). On Node 20
   * pass the `ws` package's: `import { WebSocket } from 'ws'`.
   */
  WebSocket?: WebSocketConstructor | undefined;
  /** Frame encoding asked of the server by subprotocol. Default `'json'`. */
  encoding?: Encoding | undefined;
  /**
   * Sent in an `auth` command after each welcome, before the subscriptions. Default: none. A function
   * is also asked for a fresh token before the current one expires (see `refreshBeforeExpiryMs`), and
   * again on every reconnection (e.g. after TokenExpired, 4004).
   */
  token?: TokenSource | undefined;
  /**
   * With a token function: send a fresh token in-band this long before the server's `expiresAt`, ms
   * (at most half the token's remaining life). Default 30,000.
   */
  refreshBeforeExpiryMs?: number | undefined;
  /** Reconnect after a drop, unless the close code forbids it. Default true. */
  reconnect?: boolean | undefined;
  /** First backoff ceiling, ms. Default 500. */
  backoffBaseMs?: number | undefined;
  /** Largest backoff ceiling, ms. Default 30,000. */
  backoffCapMs?: number | undefined;
  /** A connection that lasts this long resets the backoff, ms. Default 10,000. */
  stableAfterMs?: number | undefined;
  /** Give up on a connection attempt without a welcome after this long, ms. Default 10,000. */
  connectTimeoutMs?: number | undefined;
  /** Declare the server dead after this many heartbeat intervals without any frame. Default 2. */
  heartbeatTimeoutFactor?: number | undefined;
  /** RTT readings kept for the average. Default 10. */
  rttWindow?: number | undefined;
  /** Commands kept while disconnected; past it the oldest is dropped (`QUEUE_OVERFLOW`). Default 100. */
  maxQueued?: number | undefined;
  /** Channels per subscribe or unsubscribe command. Default 100. */
  maxChannelsPerCommand?: number | undefined;
  /** Timers. Default the platform's. */
  timers?: Timers | undefined;
  /** Clock for RTT and retry times. Default `Date.now`. */
  clock?: Clock | undefined;
  /** Uniform random numbers in [0, 1) for the jitter. Default `Math.random`. */
  random?: (() => number) | undefined;
}

export const DEFAULT_STABLE_AFTER_MS = 10_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_HEARTBEAT_TIMEOUT_FACTOR = 2;
