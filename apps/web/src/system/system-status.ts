/**
 * The payload the System page expects on the `system` state channel, and a tolerant reader for it:
 * a field the server does not send shows as missing instead of breaking the page.
 * @module
 */
import type { DependencyState, SourceState } from '@tickdeck/protocol';

/** One source, as in the protocol's `SourceStatus` (only these fields are read). */
export interface SystemSource {
  name: string;
  kind: string;
  state: SourceState | string;
  reason?: string | undefined;
}

/** One store or dependency, as in the protocol's `DependencyStatus`. */
export interface SystemStore {
  name: string;
  state: DependencyState | string;
  detail?: string | undefined;
}

/**
 * The `system` channel's payload (snapshot and every publication: the whole object each time).
 * All numbers are instantaneous readings or per-second rates over the server's last sampling window.
 */
export interface SystemStatus {
  /** Server clock time of the reading, ms. Optional: the receipt time is used without it. */
  time?: number | undefined;
  /** Process CPU use, percent of one core (may exceed 100 on several cores). */
  cpuPct: number | null;
  rssBytes: number | null;
  heapUsedBytes: number | null;
  /** Event-loop lag (e.g. p99 or mean of perf_hooks' monitorEventLoopDelay), ms. */
  eventLoopLagMs: number | null;
  /** Market events received per second, all sources. */
  msgsInPerSec: number | null;
  /** WebSocket messages sent per second, all clients. */
  msgsOutPerSec: number | null;
  /** Open WebSocket connections. */
  connections: number | null;
  sources: SystemSource[];
  stores: SystemStore[];
  /** Feed latency by source name, ms. */
  feedLatencyMs: Record<string, number>;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** Read a `system` payload; undefined when it is not an object at all. */
export const readSystemStatus = (raw: unknown): SystemStatus | undefined => {
  const o = obj(raw);
  if (o === undefined) return undefined;
  const sources: SystemSource[] = [];
  for (const item of Array.isArray(o.sources) ? o.sources : []) {
    const s = obj(item);
    const name = str(s?.name);
    if (s === undefined || name === undefined) continue;
    sources.push({ name, kind: str(s.kind) ?? '', state: str(s.state) ?? 'unknown', reason: str(s.reason) });
  }
  const stores: SystemStore[] = [];
  for (const item of Array.isArray(o.stores) ? o.stores : []) {
    const s = obj(item);
    const name = str(s?.name);
    if (s === undefined || name === undefined) continue;
    stores.push({ name, state: str(s.state) ?? 'unknown', detail: str(s.detail) });
  }
  const feedLatencyMs: Record<string, number> = {};
  for (const [source, value] of Object.entries(obj(o.feedLatencyMs) ?? {})) {
    const v = num(value);
    if (v !== null) feedLatencyMs[source] = v;
  }
  return {
    time: num(o.time) ?? undefined,
    cpuPct: num(o.cpuPct),
    rssBytes: num(o.rssBytes),
    heapUsedBytes: num(o.heapUsedBytes),
    eventLoopLagMs: num(o.eventLoopLagMs),
    msgsInPerSec: num(o.msgsInPerSec),
    msgsOutPerSec: num(o.msgsOutPerSec),
    connections: num(o.connections),
    sources,
    stores,
    feedLatencyMs,
  };
};
