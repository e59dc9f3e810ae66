/**
 * @tickdeck/client: the TypeScript client of tickdeck's real-time gateway, for browsers and Node.
 * @module
 */
export { TickdeckClient } from './client.js';
export type { ClientEvents } from './client.js';
export {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_HEARTBEAT_TIMEOUT_FACTOR,
  DEFAULT_STABLE_AFTER_MS,
} from './client-options.js';
export type { ClientOptions, TokenSource } from './client-options.js';
export { Backoff, DEFAULT_BACKOFF_BASE_MS, DEFAULT_BACKOFF_CAP_MS } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export type { ChannelPayloads, ChannelPrefix, PublicationOf, SnapshotOf } from './channel-types.js';
export type { Encoding } from './codec.js';
export { describeReason, describeState } from './connection-state.js';
export type { ConnectionState, ConnectionStatus, StateReason } from './connection-state.js';
export { ClientError, ClientErrorCode } from './errors.js';
export type { ClientErrorCodeValue } from './errors.js';
export { DEFAULT_MAX_QUEUED } from './outgoing-queue.js';
export { DEFAULT_RTT_WINDOW } from './rtt-window.js';
export type { RttStats } from './rtt-window.js';
export { DEFAULT_MAX_CHANNELS_PER_COMMAND } from './subscription-registry.js';
export type {
  DeliveryInfo,
  RecoveredInfo,
  SnapshotCause,
  SnapshotInfo,
  SubscribeOptions,
  Subscription,
  SubscriptionHandlers,
  SubscriptionStats,
  SubscriptionStatus,
} from './subscription.js';
export type { Clock, TimerHandle, Timers } from './timers.js';
export type {
  WebSocketCloseEventLike,
  WebSocketConstructor,
  WebSocketErrorEventLike,
  WebSocketLike,
  WebSocketMessageEventLike,
} from './websocket-like.js';
