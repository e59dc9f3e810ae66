/**
 * Gateways report their own figures (connections, messages out, CPU, memory) into LiveState every
 * second; the collector reads the recent ones for the `system` channel.
 * @module
 */
import type { Clock } from '@tickdeck/core';
import type { GatewayHealth } from '@tickdeck/protocol';
import type { LiveState } from '../live/live-state.js';

export const GATEWAYS_STATE = 'gateways';

/** A report older than this is not counted; one older than {@link FORGET_AFTER_MS} is deleted. */
export const REPORT_FRESH_MS = 5000;
const FORGET_AFTER_MS = 60_000;

/** Writes `report()` every `everyMs`. Returns a stop function. */
export function startGatewayReports(
  live: Pick<LiveState, 'setState' | 'deleteState'>,
  id: string,
  report: () => Promise<GatewayHealth>,
  everyMs = 1000,
): () => void {
  const write = () =>
    void report().then(
      (r) => live.setState(GATEWAYS_STATE, id, r),
      () => {},
    );
  write();
  const timer = setInterval(write, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    live.deleteState(GATEWAYS_STATE, id);
  };
}

/** The collector's cached list of fresh gateway reports, refreshed every `everyMs`. */
export class GatewayReports {
  private fresh: GatewayHealth[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly live: Pick<LiveState, 'states' | 'deleteState'>,
    private readonly clock: Clock,
  ) {}

  start(everyMs = 1000): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), everyMs);
    this.timer.unref();
  }

  async refresh(): Promise<void> {
    let all: GatewayHealth[];
    try {
      all = (await this.live.states(GATEWAYS_STATE)) as GatewayHealth[];
    } catch {
      return; // keep the last list while Redis is away
    }
    const now = this.clock.now();
    for (const r of all) if (now - r.time > FORGET_AFTER_MS) this.live.deleteState(GATEWAYS_STATE, r.id);
    this.fresh = all.filter((r) => now - r.time <= REPORT_FRESH_MS);
  }

  current = (): GatewayHealth[] => this.fresh;

  stop(): void {
    clearInterval(this.timer);
  }
}
