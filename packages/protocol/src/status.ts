/** Status of sources and stores, as reported to /ready, the system channel and the dashboard. */
export type SourceState = 'connecting' | 'live' | 'stale' | 'failed' | 'stopped';

export interface SourceStatus {
  /** Source name from configuration, e.g. `simulator` or `binance`. */
  name: string;
  kind: 'simulator' | 'replay' | 'ccxt' | 'zeromq' | string;
  state: SourceState;
  /** Why the source is not live, in plain words. */
  reason?: string | undefined;
  since: number;
  reconnects: number;
}

export type DependencyState = 'up' | 'degraded' | 'down';

export interface DependencyStatus {
  name: string;
  state: DependencyState;
  detail?: string | undefined;
}

/** The `system` channel's payload: process and feed health, published about once a second. */
/** A gateway process's own figures, as it last reported them (scale-out). */
export interface GatewayHealth {
  /** The gateway's id (configuration `gatewayId`, default host name and process id). */
  id: string;
  /** Clock time of the report, ms. */
  time: number;
  connections: number;
  msgsOutPerSec: number;
  /** Process CPU, percent of one core. */
  cpuPct: number;
  rssBytes: number;
}

export interface SystemHealth {
  /** Clock time of the sample, ms. */
  time: number;
  /** Process CPU over the last interval, percent of one core. */
  cpuPct: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** Event-loop delay over the last interval, p99, ms. */
  eventLoopLagMs: number;
  /** Market events received per second (all sources). */
  msgsInPerSec: number;
  /** Messages sent to clients per second. */
  msgsOutPerSec: number;
  /** Open client connections (WebSocket and SSE). */
  connections: number;
  uptimeMs: number;
  sources: SourceStatus[];
  stores: DependencyStatus[];
  /** Mean feed latency of each source's symbols, ms (absent while unknown). */
  feedLatencyMs: Record<string, number>;
  /**
   * Scale-out only: every gateway that reported in the last few seconds; `connections` and
   * `msgsOutPerSec` are then their sums.
   */
  gateways?: GatewayHealth[];
}
