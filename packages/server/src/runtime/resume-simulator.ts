/**
 * After a restart the simulator continues from the stored history: no new backfill (it would replace
 * the stored candles) and each market starts at its last stored 1m close, so the chart has no jump.
 */
import type { LiveState } from '../live/live-state.js';
import { DEFAULT_SYMBOLS, defaultSpec } from '../sources/simulator/symbol-specs.js';
import type { MarketSourceConfig } from '../sources/source-config.js';

export async function resumeSimulator(
  config: MarketSourceConfig,
  live: LiveState,
): Promise<MarketSourceConfig> {
  if (config.kind !== 'simulator') return config;
  const specs = (config.symbols ?? DEFAULT_SYMBOLS).map((s) =>
    typeof s === 'string' ? (defaultSpec(s) ?? s) : s,
  );
  let stored = false;
  const resumed = await Promise.all(
    specs.map(async (spec) => {
      if (typeof spec === 'string') return spec;
      const last = (await live.candles(spec.symbol, '1m', 1))[0];
      if (!last) return spec;
      stored = true;
      return { ...spec, price: last.close };
    }),
  );
  return stored ? { ...config, backfill: 0, symbols: resumed } : config;
}
