/**
 * The analytics channels. Their state channels are retained by the gateway (the latest value per key
 * kept in LiveState), so that any gateway process answers their snapshots; indicators are computed
 * from the live candles. Declared the same way by the all-in-one server, the collector and gateways.
 * @module
 */
import { AnalyticsChannels, TIMEFRAMES, type IndicatorPoint, type Timeframe } from '@tickdeck/protocol';
import type { ChannelRegistry } from '../gateway/channel-registry.js';

export interface AnalyticsChannelSources {
  isKnownSymbol(symbol: string): boolean;
  /** The indicator series of a pair over its latest candles (the snapshot of `indicators:SYM:TF`). */
  indicators(symbol: string, tf: Timeframe): Promise<IndicatorPoint[]>;
}

export function declareAnalyticsChannels(registry: ChannelRegistry, s: AnalyticsChannelSources): void {
  const keyed = (key: string) => (d: unknown) => String((d as Record<string, unknown>)[key]);
  registry.declare({ prefix: AnalyticsChannels.portfolio, kind: 'state', key: keyed('botId'), retain: true });
  registry.declare({ prefix: AnalyticsChannels.orders, kind: 'stream' });
  registry.declare({ prefix: AnalyticsChannels.fills, kind: 'stream' });
  registry.declare({ prefix: AnalyticsChannels.equity, kind: 'stream' });
  registry.declare({ prefix: AnalyticsChannels.alerts, kind: 'stream', urgent: true });
  registry.declare({ prefix: 'strategy', kind: 'state', args: 1, retain: true });
  registry.declare({
    prefix: 'indicators',
    kind: 'state',
    args: 2,
    key: keyed('time'),
    accepts: ([sym, tf]) => s.isKnownSymbol(sym!) && tf! in TIMEFRAMES,
    snapshot: async ({ args }) => s.indicators(args[0]!, args[1] as Timeframe),
  });
  registry.declare({ prefix: 'bots', kind: 'state', key: keyed('botId'), retain: true });
  registry.declare({ prefix: 'logs', kind: 'stream', args: 1 });
  registry.declare({ prefix: 'botmetrics', kind: 'stream', args: 1 });
  registry.declare({ prefix: 'botevents', kind: 'stream', args: 1 });
}
