/** Every limit the gateway enforces, with its default. docs/protocol.md lists the same table. */
export interface GatewayLimits {
  /** Largest inbound WebSocket frame, bytes; larger closes with 1009. Default 65536. */
  maxFrameBytes: number;
  /** Sustained commands per second per connection (token bucket refill). Default 50. */
  maxCommandsPerSec: number;
  /** Bucket size: commands that may arrive at once. Default 100. */
  commandBurst: number;
  /** Commands refused with RATE_LIMITED in a row before closing with CommandFlood. Default 20. */
  floodStrikes: number;
  /** Channels one connection may follow. Default 200. */
  maxSubscriptions: number;
  /** Connections (WebSocket + SSE) from one address. Default 100. */
  maxConnectionsPerAddress: number;
  /** Connections in total. Default 20000. */
  maxConnections: number;
  /** Server heartbeat period, ms. Default 15000. */
  heartbeatMs: number;
  /** Close with HeartbeatTimeout after this long without any inbound frame, ms. Default 45000. */
  heartbeatTimeoutMs: number;
  /** Longest wait before a batch of messages is sent, ms (0 = next turn of the event loop). Default 5. */
  batchDelayMs: number;
  /** A frame is sent as soon as this many bytes are queued, and frames hold at most this much. Default 65536. */
  maxBatchBytes: number;
  /** Outbound bytes queued (own queue + socket buffer) past which state channels conflate. Default 262144. */
  softQueueBytes: number;
  /** Outbound bytes queued past which the connection is closed with SlowConsumer. Default 2097152. */
  hardQueueBytes: number;
  /** Smallest maxRateMs a subscription may ask for (smaller values are raised). Default 0. */
  minRateMs: number;
  /** Largest maxRateMs honoured (larger values are lowered). Default 60000. */
  maxRateMs: number;
}

export const DEFAULT_LIMITS: Readonly<GatewayLimits> = Object.freeze({
  maxFrameBytes: 65_536,
  maxCommandsPerSec: 50,
  commandBurst: 100,
  floodStrikes: 20,
  maxSubscriptions: 200,
  maxConnectionsPerAddress: 100,
  maxConnections: 20_000,
  heartbeatMs: 15_000,
  heartbeatTimeoutMs: 45_000,
  batchDelayMs: 5,
  maxBatchBytes: 65_536,
  softQueueBytes: 262_144,
  hardQueueBytes: 2_097_152,
  minRateMs: 0,
  maxRateMs: 60_000,
});

/** Defaults overridden by `partial`. */
export const resolveLimits = (partial: Partial<GatewayLimits> = {}): GatewayLimits => ({
  ...DEFAULT_LIMITS,
  ...partial,
});
