/**
 * The market-data channels and their snapshot providers (read from LiveState); `system` is retained
 * (its latest reading is kept by the gateway as it is published).
 * The producer (market-publisher.ts) updates LiveState before it publishes, as the gateway requires.
 * @module
 */
import { Channels, TIMEFRAMES, type Candle, type Ticker, type Timeframe } from '@tickdeck/protocol';
import type { ChannelRegistry } from '../gateway/channel-registry.js';
import type { LiveState } from '../live/live-state.js';

export function declareMarketChannels(
  registry: ChannelRegistry,
  live: LiveState,
  isKnownSymbol: (symbol: string) => boolean,
): void {
  const knownSymbol = (args: readonly string[]) => isKnownSymbol(args[0]!);
  registry.declare({
    prefix: 'ticker',
    kind: 'state',
    args: 1,
    accepts: knownSymbol,
    snapshot: async ({ args }) => (await live.ticker(args[0]!)) ?? null,
  });
  registry.declare({
    prefix: Channels.tickers,
    kind: 'state',
    key: (t) => (t as Ticker).symbol,
    snapshot: async () => live.tickers(),
  });
  registry.declare({
    prefix: 'candles',
    kind: 'state',
    args: 2,
    accepts: (args) => isKnownSymbol(args[0]!) && Object.hasOwn(TIMEFRAMES, args[1]!),
    key: (c) => (c as Candle).time,
    snapshot: async ({ args }) => live.candles(args[0]!, args[1] as Timeframe, 1000),
  });
  registry.declare({ prefix: 'trades', kind: 'stream', args: 1, accepts: knownSymbol });
  registry.declare({
    prefix: 'metrics',
    kind: 'state',
    args: 1,
    accepts: knownSymbol,
    snapshot: async ({ args }) => (await live.metrics(args[0]!)) ?? null,
  });
  registry.declare({ prefix: Channels.system, kind: 'state', retain: true });
}
