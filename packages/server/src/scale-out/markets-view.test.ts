import { describe, expect, it } from 'vitest';
import { MemoryLiveState } from '../live/memory/memory-live-state.js';
import { MARKETS_STATE } from '../runtime/collector-core.js';
import { MarketsView } from './markets-view.js';

describe('MarketsView', () => {
  it('follows the markets the collector writes, sorted, and keeps them when the store forgets', async () => {
    const live = new MemoryLiveState();
    const view = new MarketsView(live);
    await view.refresh();
    expect(view.markets()).toEqual([]);
    expect(view.isKnownSymbol('BTC/USDT')).toBe(false);
    live.setState(MARKETS_STATE, 'ETH/USDT', { symbol: 'ETH/USDT', type: 'spot', source: 'sim' });
    live.setState(MARKETS_STATE, 'BTC/USDT', { symbol: 'BTC/USDT', type: 'spot', source: 'sim' });
    await view.refresh();
    expect(view.markets().map((m) => m.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(view.isKnownSymbol('ETH/USDT')).toBe(true);
    await live.close(); // a Redis that lost its data
    await view.refresh();
    expect(view.isKnownSymbol('BTC/USDT')).toBe(true);
    expect(view.markets()).toHaveLength(2);
  });

  it('keeps the last list when the store cannot be read', async () => {
    const errors: unknown[] = [];
    let fail = false;
    const view = new MarketsView(
      {
        states: async () => {
          if (fail) throw new Error('redis away');
          return [{ symbol: 'BTC/USDT', type: 'spot', source: 'sim' }];
        },
      },
      (err) => errors.push(err),
    );
    await view.refresh();
    fail = true;
    await view.refresh();
    expect(view.isKnownSymbol('BTC/USDT')).toBe(true);
    expect(errors).toHaveLength(1);
  });
});
