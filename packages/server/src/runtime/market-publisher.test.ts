import type { Candle, Ticker, Trade } from '@tickdeck/protocol';
import { describe, expect, it } from 'vitest';
import { MemoryLiveState } from '../live/memory/memory-live-state.js';
import type { HistoryWriter } from '../store/history-writer.js';
import { MarketPublisher } from './market-publisher.js';

const candle = (time: number, close: number, closed = false): Candle => ({
  symbol: 'BTC/USDT',
  timeframe: '1m',
  time,
  open: 1,
  high: Math.max(1, close),
  low: Math.min(1, close),
  close,
  volume: 1,
  trades: 1,
  closed,
});

function setup() {
  const live = new MemoryLiveState();
  const written: unknown[] = [];
  const writer = {
    writeCandle: (c: Candle) => written.push(c),
    writeTrade: (t: Trade) => written.push(t),
  } as unknown as HistoryWriter;
  const published: [string, unknown][] = [];
  const seenByListener: Candle[] = [];
  const pub = new MarketPublisher(live, writer, (ch, d) => published.push([ch, d]), {
    onCandle: (c) => seenByListener.push(c),
  });
  return { live, written, published, pub, seenByListener };
}

describe('MarketPublisher', () => {
  it('writes every candle update but publishes open-candle updates coalesced on flush', async () => {
    const { live, written, published, pub } = setup();
    pub.candle(candle(0, 2));
    pub.candle(candle(0, 3));
    pub.candle(candle(0, 4));
    expect(written).toHaveLength(3);
    expect(published).toHaveLength(0);
    expect((await live.candles('BTC/USDT', '1m')).at(-1)?.close).toBe(4);
    pub.flush();
    expect(published).toEqual([['candles:BTC/USDT:1m', candle(0, 4)]]);
    pub.flush();
    expect(published).toHaveLength(1);
  });

  it('publishes a closed candle at once, superseding its pending update but not a newer one', () => {
    const { published, pub, seenByListener } = setup();
    pub.candle(candle(0, 2));
    pub.candle(candle(0, 3, true));
    expect(published.map(([, d]) => [(d as Candle).time, (d as Candle).close])).toEqual([[0, 3]]);
    pub.candle(candle(60_000, 5));
    pub.candle(candle(0, 4, true)); // a late trade amends the closed candle
    pub.flush();
    expect(published.map(([, d]) => [(d as Candle).time, (d as Candle).close])).toEqual([
      [0, 3],
      [0, 4],
      [60_000, 5],
    ]);
    expect(seenByListener.map((c) => c.close)).toEqual([3, 4, 5]);
  });

  it('publishes a pending open candle when the next one opens before it closed', () => {
    const { published, pub } = setup();
    pub.candle(candle(0, 2));
    pub.candle(candle(60_000, 5));
    expect(published.map(([, d]) => (d as Candle).time)).toEqual([0]);
  });

  it('stores tickers before publishing them on the symbol and the all-tickers channels', async () => {
    const { live, published, pub } = setup();
    const t: Ticker = { symbol: 'ETH/USDT', type: 'spot', timestamp: 1, bid: 1, ask: 2 };
    pub.ticker(t);
    expect(await live.ticker('ETH/USDT')).toEqual(t);
    expect(published.map(([ch]) => ch)).toEqual(['ticker:ETH/USDT', 'tickers']);
  });

  it('writes trades and publishes them on the trades channel', () => {
    const { written, published, pub } = setup();
    const t: Trade = { symbol: 'ETH/USDT', type: 'spot', timestamp: 1, price: 1, amount: 2 };
    pub.trade(t);
    expect(written).toEqual([t]);
    expect(published).toEqual([['trades:ETH/USDT', t]]);
  });
});
