/**
 * Pre-generated market events for the pipeline benchmark: ccxt-shaped trades and tickers over a
 * few symbols with realistic price levels, stamped at a nominal rate so candles roll over.
 * @module
 */
import type { RawMarketEvent } from '@tickdeck/core';

export interface TimedEvent {
  /** Clock time of receipt, ms. */
  at: number;
  raw: RawMarketEvent;
}

const SYMBOLS: [string, number][] = [
  ['BTC/USDT', 65_000],
  ['ETH/USDT', 3_400],
  ['SOL/USDT', 150],
  ['BNB/USDT', 580],
  ['XRP/USDT', 0.52],
  ['DOGE/USDT', 0.16],
  ['ADA/USDT', 0.45],
  ['AVAX/USDT', 35],
  ['ETH/BTC:BTC', 0.052],
  ['LINK/USDT', 14],
];

/**
 * @param count events to generate
 * @param ratePerSec nominal event rate; sets how far the clock moves per event
 * @param tradeShare fraction of trades (the rest are tickers)
 */
export function generateEvents(
  count: number,
  start: number,
  ratePerSec = 20_000,
  tradeShare = 0.65,
): TimedEvent[] {
  let seed = 42;
  const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const prices = SYMBOLS.map(([, p]) => p);
  const info = {};
  const events: TimedEvent[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const at = start + Math.floor((i * 1000) / ratePerSec);
    const k = Math.floor(rnd() * SYMBOLS.length);
    const price = (prices[k] = prices[k]! * (1 + (rnd() - 0.5) * 0.0004));
    const symbol = SYMBOLS[k]![0];
    const timestamp = at - 5 - Math.floor(rnd() * 120);
    if (rnd() < tradeShare) {
      const amount = Math.round(rnd() * 1e6) / 1e4;
      events[i] = {
        at,
        raw: {
          kind: 'trade',
          trade: {
            info,
            id: String(1e9 + i),
            timestamp,
            datetime: undefined,
            symbol,
            order: undefined,
            type: undefined,
            side: rnd() < 0.5 ? 'buy' : 'sell',
            takerOrMaker: 'taker',
            price,
            amount,
            cost: price * amount,
            fee: undefined,
          },
        },
      };
    } else {
      const half = price * 0.00005;
      events[i] = {
        at,
        raw: {
          kind: 'ticker',
          ticker: {
            symbol,
            info,
            timestamp,
            bid: price - half,
            bidVolume: rnd() * 10,
            ask: price + half,
            askVolume: rnd() * 10,
            last: price,
            high: undefined,
            low: undefined,
            baseVolume: 12_345,
            percentage: 1.5,
          },
        },
      };
    }
  }
  return events;
}
