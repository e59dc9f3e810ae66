/**
 * The channels the symbol page follows, named in one place: the page subscribes to them, and the
 * entry chunk subscribes to them early on a first load (data/early-subscriptions.ts) without
 * loading the page's code to learn their names.
 * @module
 */
import { Channels } from '@tickdeck/protocol';
import type { Timeframe } from '@tickdeck/protocol';

export const symbolPageChannels = (symbol: string, tf: Timeframe) => ({
  candles: Channels.candles(symbol, tf),
  ticker: Channels.ticker(symbol),
  metrics: Channels.metrics(symbol),
  trades: Channels.trades(symbol),
});
