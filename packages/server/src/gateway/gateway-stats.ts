/**
 * Plain counters updated on the hot path; gateway-metrics.ts exposes them to Prometheus at scrape
 * time, so delivering a message costs a few additions, not a metrics-library call.
 * @module
 */
export class GatewayStats {
  /** Indexed by MessageKind: control, state, stream. */
  readonly messagesOut = [0, 0, 0];
  readonly bytesOut = [0, 0, 0];
  readonly publications = [0, 0, 0];
  frames = 0;
  /** State messages replaced by a newer one in a slow connection's queue. */
  conflated = 0;
  /** State messages replaced by a newer one while a subscription's maxRateMs held them. */
  throttled = 0;
  /** Messages discarded when a connection was closed as a slow consumer. */
  dropped = 0;
  subscriptions = 0;
  readonly connections = { ws: 0, sse: 0 };
  readonly closes = new Map<number, number>();
  readonly inboundErrors = new Map<string, number>();
  /** Observers set by gateway-metrics.ts (no-ops otherwise). */
  observeBatch: (messages: number) => void = () => {};
  observeRtt: (ms: number) => void = () => {};
  observeQueue: (bytes: number) => void = () => {};

  countClose(code: number): void {
    this.closes.set(code, (this.closes.get(code) ?? 0) + 1);
  }

  countInboundError(code: string): void {
    this.inboundErrors.set(code, (this.inboundErrors.get(code) ?? 0) + 1);
  }
}
