import { describe, expect, it } from 'vitest';
import type { BotEvent, Candle } from '@tickdeck/protocol';
import type { Strategy, StrategySignal } from '../strategies/strategy.js';
import { PaperBot, quoteFromCandle } from './paper-bot.js';
import { fillPrice, PaperExchange } from './paper-exchange.js';

describe('paper execution', () => {
  it('buys at the ask and sells at the bid, slippage against the trader, fee in quote', () => {
    const q = { bid: 99, ask: 101, time: 5 };
    expect(fillPrice('buy', q)).toBe(101);
    expect(fillPrice('sell', q, 10)).toBeCloseTo(99 * 0.999, 12);
    const ex = new PaperExchange('BTC/USDT', 'bot', { feeRate: 0.002, slippageBps: 0 });
    const { order, fill } = ex.marketOrder('buy', 2, q);
    expect(fill).toMatchObject({
      id: 'bot-f1',
      order: 'bot-o1',
      price: 101,
      amount: 2,
      cost: 202,
      takerOrMaker: 'taker',
      timestamp: 5,
    });
    expect(fill.fee).toEqual({ cost: 202 * 0.002, currency: 'USDT', rate: 0.002 });
    expect(order).toMatchObject({
      id: 'bot-o1',
      type: 'market',
      status: 'closed',
      filled: 2,
      remaining: 0,
      average: 101,
    });
    expect(ex.marketOrder('sell', 1, q).fill.id).toBe('bot-f2');
  });
});

/** A strategy that plays back a fixed list of sides (and a fixed bias). */
function scripted(sides: StrategySignal['side'][], bias: StrategySignal['side'] = 'none'): Strategy {
  let i = 0;
  return {
    name: 'ema_cross',
    params: { fastPeriod: 1 },
    bias: () => bias,
    indicators: () => ({ x: i }),
    onCandle: (c) => ({
      side: sides[i++] ?? 'none',
      time: c.time,
      price: c.close,
      indicators: { x: i },
      reason: 'script',
    }),
  };
}

const candle = (i: number, close: number, closed = true): Candle => ({
  symbol: 'BTC/USDT',
  timeframe: '1m',
  time: i * 60_000,
  open: close,
  high: close,
  low: close,
  close,
  volume: 1,
  trades: 1,
  closed,
});
const fills = (events: BotEvent[]) => events.flatMap((e) => (e.type === 'fill' ? [e.fill] : []));

describe('PaperBot', () => {
  it('enters on buy when flat, exits on sell when long, ignores open and repeated candles', () => {
    const bot = new PaperBot({
      botId: 'p',
      symbol: 'BTC/USDT',
      timeframe: '1m',
      strategy: scripted(['buy', 'buy', 'sell', 'sell']),
      orderQuote: 100,
      feeRate: 0,
    });
    expect(bot.onCandle(candle(0, 50, false))).toEqual([]);
    const e1 = bot.onCandle(candle(0, 50));
    expect(e1.map((e) => e.type)).toEqual(['signal', 'order', 'fill']);
    expect(fills(e1)[0]).toMatchObject({ side: 'buy', amount: 2, price: 50, timestamp: 60_000 });
    expect(bot.onCandle(candle(0, 50))).toEqual([]);
    expect(fills(bot.onCandle(candle(1, 55)))).toEqual([]); // already long
    expect(fills(bot.onCandle(candle(2, 60)))[0]).toMatchObject({ side: 'sell', amount: 2, price: 60 });
    expect(bot.onCandle(candle(3, 60)).map((e) => e.type)).toEqual(['signal']); // flat: nothing to sell
    expect(bot.onCandle({ ...candle(4, 1), symbol: 'ETH/USDT' })).toEqual([]);
    expect(new Set(e1.map((e) => e.eventId)).size).toBe(3);
  });

  it('enters on the current trend only when flat, running, quoted and the strategy favours buying', () => {
    const make = (bias: StrategySignal['side']) =>
      new PaperBot({
        botId: 'p',
        symbol: 'BTC/USDT',
        timeframe: '1m',
        strategy: scripted([], bias),
        orderQuote: 100,
        feeRate: 0,
      });
    const bot = make('buy');
    expect(bot.enterOnTrend()).toEqual([]); // no quote yet
    bot.onQuote({ bid: 49, ask: 50, time: 1000 });
    const events = bot.enterOnTrend();
    expect(events.map((e) => e.type)).toEqual(['signal', 'order', 'fill']);
    expect(fills(events)[0]).toMatchObject({ side: 'buy', amount: 2, price: 50, timestamp: 1000 });
    expect(bot.state().lastSignal).toMatchObject({
      side: 'buy',
      reason: 'entered on the current trend at start',
    });
    expect(bot.enterOnTrend()).toEqual([]); // already long
    bot.onQuote({ bid: 55, ask: 56, time: 2000 });
    expect(fills(bot.closeAll())[0]).toMatchObject({ side: 'sell', amount: 2, price: 55, timestamp: 2000 });
    expect(bot.closeAll()).toEqual([]); // flat
    for (const bias of ['sell', 'none'] as const) {
      const other = make(bias);
      other.onQuote({ bid: 49, ask: 50, time: 1000 });
      expect(other.enterOnTrend()).toEqual([]);
    }
    const paused = make('buy');
    paused.onQuote({ bid: 49, ask: 50, time: 1000 });
    paused.running = false;
    expect(paused.enterOnTrend()).toEqual([]);
  });

  it('stop-loss and take-profit on quotes; the state payload', () => {
    const bot = new PaperBot({
      botId: 'p',
      symbol: 'BTC/USDT',
      timeframe: '1m',
      strategy: scripted(['buy', 'none', 'buy']),
      stopLossPct: 10,
      takeProfitPct: 20,
      feeRate: 0,
    });
    bot.onQuote({ bid: 100, ask: 100, time: 60_000 });
    bot.onCandle(candle(0, 100));
    expect(bot.state().position).toEqual({ amount: 10, entryPrice: 100, stopLoss: 90, takeProfit: 120 });
    expect(bot.onQuote({ bid: 91, ask: 92, time: 61_000 })).toEqual([]);
    expect(fills(bot.onQuote({ bid: 89, ask: 90, time: 62_000 }))[0]).toMatchObject({
      side: 'sell',
      price: 89,
    });
    expect(bot.state()).toMatchObject({
      position: { amount: 0, stopLoss: null, takeProfit: null },
      lastSignal: { side: 'buy' },
      running: true,
    });
    bot.onCandle(candle(1, 100));
    bot.onQuote({ bid: 100, ask: 100, time: 180_000 });
    bot.onCandle(candle(2, 100));
    expect(fills(bot.onQuote({ bid: 121, ask: 122, time: 181_000 }))[0]).toMatchObject({
      side: 'sell',
      price: 121,
    });
  });

  it('paused: signals still reported, no orders', () => {
    const bot = new PaperBot({
      botId: 'p',
      symbol: 'BTC/USDT',
      timeframe: '1m',
      strategy: scripted(['buy']),
    });
    bot.running = false;
    expect(bot.onCandle(candle(0, 100)).map((e) => e.type)).toEqual(['signal']);
  });

  it('the implied quote of a candle', () => {
    expect(quoteFromCandle(candle(1, 100), 20)).toEqual({ bid: 99.9, ask: 100.1, time: 120_000 });
  });
});
