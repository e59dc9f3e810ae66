/**
 * Samples process and feed health for the `system` channel: CPU, memory, event-loop delay (Node's
 * own histogram), messages in and out per second, connections, sources and stores.
 * @module
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Clock } from '@tickdeck/core';
import type {
  DependencyStatus,
  GatewayHealth,
  MarketMetrics,
  SourceStatus,
  SystemHealth,
} from '@tickdeck/protocol';

export interface HealthInputs {
  clock: Clock;
  /** Market events received so far (all sources). */
  eventsIn(): number;
  /** Messages sent to clients so far. */
  messagesOut(): number;
  connections(): number;
  sources(): SourceStatus[];
  stores(): DependencyStatus[];
  metrics(): Promise<MarketMetrics[]>;
  /** Source name of a symbol. */
  sourceOf(symbol: string): string | undefined;
  /** Scale-out: the gateways' reports; connections and messages out are then their sums. */
  gateways?(): GatewayHealth[];
}

export class SystemHealthSampler {
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  private readonly startedAt: number;
  private last: { at: number; cpu: NodeJS.CpuUsage; eventsIn: number; messagesOut: number };
  private latest: SystemHealth | undefined;

  constructor(private readonly inputs: HealthInputs) {
    this.loop.enable();
    this.startedAt = inputs.clock.now();
    this.last = {
      at: this.startedAt,
      cpu: process.cpuUsage(),
      eventsIn: inputs.eventsIn(),
      messagesOut: inputs.messagesOut(),
    };
  }

  /** The last sample (taken on demand if none yet). */
  async current(): Promise<SystemHealth> {
    return this.latest ?? this.sample();
  }

  async sample(): Promise<SystemHealth> {
    const now = this.inputs.clock.now();
    const cpu = process.cpuUsage();
    const eventsIn = this.inputs.eventsIn();
    const messagesOut = this.inputs.messagesOut();
    const seconds = Math.max(0.001, (now - this.last.at) / 1000);
    const cpuUs = cpu.user - this.last.cpu.user + (cpu.system - this.last.cpu.system);
    const mem = process.memoryUsage();
    const health: SystemHealth = {
      time: now,
      cpuPct: round((cpuUs / 1e6 / seconds) * 100, 1),
      rssBytes: mem.rss,
      heapUsedBytes: mem.heapUsed,
      eventLoopLagMs: round(this.loop.count > 0 ? this.loop.percentile(99) / 1e6 : 0, 2),
      msgsInPerSec: round((eventsIn - this.last.eventsIn) / seconds, 1),
      msgsOutPerSec: round((messagesOut - this.last.messagesOut) / seconds, 1),
      connections: this.inputs.connections(),
      uptimeMs: now - this.startedAt,
      sources: this.inputs.sources(),
      stores: this.inputs.stores(),
      feedLatencyMs: await this.feedLatency(),
    };
    const gateways = this.inputs.gateways?.();
    if (gateways !== undefined) {
      health.gateways = gateways;
      health.connections = gateways.reduce((a, g) => a + g.connections, 0);
      health.msgsOutPerSec = round(
        gateways.reduce((a, g) => a + g.msgsOutPerSec, 0),
        1,
      );
    }
    this.loop.reset();
    this.last = { at: now, cpu, eventsIn, messagesOut };
    this.latest = health;
    return health;
  }

  close(): void {
    this.loop.disable();
  }

  private async feedLatency(): Promise<Record<string, number>> {
    const sums = new Map<string, { total: number; n: number }>();
    for (const m of await this.inputs.metrics()) {
      if (m.feedLatencyMs === null || m.stale) continue;
      const source = this.inputs.sourceOf(m.symbol) ?? 'unknown';
      const s = sums.get(source) ?? { total: 0, n: 0 };
      s.total += m.feedLatencyMs;
      s.n++;
      sums.set(source, s);
    }
    return Object.fromEntries([...sums].map(([name, s]) => [name, round(s.total / s.n, 1)]));
  }
}

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
