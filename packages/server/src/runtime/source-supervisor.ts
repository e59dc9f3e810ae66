/** Runs the configured sources into the pipeline and keeps each one's latest status. */
import type { Pipeline } from '@tickdeck/core';
import type { SourceStatus } from '@tickdeck/protocol';
import type { MarketSource } from '../sources/market-source.js';

export interface SupervisorLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export class SourceSupervisor {
  private readonly statuses = new Map<string, SourceStatus>();

  constructor(
    private readonly sources: readonly MarketSource[],
    private readonly pipeline: Pipeline,
    private readonly logger: SupervisorLogger,
  ) {}

  async start(): Promise<void> {
    for (const source of this.sources) {
      const name = source.name;
      this.statuses.set(name, source.status());
      await source.start({
        event: (e) => {
          this.pipeline.ingest(name, e);
        },
        status: (s) => {
          const before = this.statuses.get(name)?.state;
          this.statuses.set(name, s);
          if (before !== s.state) {
            const log = s.state === 'failed' || s.state === 'stale' ? 'warn' : 'info';
            this.logger[log]({ source: name, state: s.state, reason: s.reason }, 'source status');
          }
        },
      });
    }
  }

  status(): SourceStatus[] {
    return this.sources.map((s) => this.statuses.get(s.name) ?? s.status());
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.sources.map((s) => s.stop()));
  }
}
