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
