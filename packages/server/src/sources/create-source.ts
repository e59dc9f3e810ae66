/**
 * Builds the market source a configuration names.
 * @module
 */
import type { Clock } from '@tickdeck/core';
import { CcxtSource } from './ccxt/ccxt-source.js';
import type { MarketSource } from './market-source.js';
import { ReplaySource } from './replay/replay-source.js';
import { SimulatorSource } from './simulator/simulator-source.js';
import type { MarketSourceConfig } from './source-config.js';
import { parseSourceConfig } from './source-config.js';
import type { Timers } from './timers.js';
import { ZeromqSource } from './zeromq/zeromq-source.js';

export interface CreateSourceDeps {
  /** Default the system clock. */
  clock?: Clock;
  /** Default Node's timers. */
  timers?: Timers;
}

/**
 * A source from its settings, checked and completed with defaults first (throws
 * {@link SourceConfigError} naming the bad setting).
 * @example
 * const source = createSource({ kind: 'simulator', rate: 500 });
 * await source.start({ event: (e) => pipeline.ingest('simulator', e), status: (s) => health.report(s) });
 */
export function createSource(
  config: MarketSourceConfig | Record<string, unknown>,
  deps: CreateSourceDeps = {},
): MarketSource {
  const c = parseSourceConfig(config);
  switch (c.kind) {
    case 'simulator':
      return new SimulatorSource(c, deps);
    case 'replay':
      return new ReplaySource(c, deps);
    case 'ccxt':
      return new CcxtSource(c, deps);
    case 'zeromq':
      return new ZeromqSource(c, deps);
  }
}
