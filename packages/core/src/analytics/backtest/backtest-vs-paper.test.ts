/**
 * A backtest and a step-by-step paper run (the live path: open-candle updates, quotes, closed candles,
 * bot events through ingest validation into the portfolio) over the same real candles make the same
 * trades. Data: Binance XRP/ETH 5m candles from freqtrade's test data (shared/testdata).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Candle, Fill } from '@tickdeck/protocol';
import { PaperBot, quoteFromCandle } from '../paper/paper-bot.js';
import { BotPortfolio } from '../portfolio/bot-portfolio.js';
import { EmaCrossStrategy } from '../strategies/ema-cross.js';
import { RsiReversionStrategy } from '../strategies/rsi-reversion.js';
import type { Strategy } from '../strategies/strategy.js';
import { validateBotEvent } from '../validate-bot-event.js';
import { runBacktest } from './run-backtest.js';

const dir = process.env['TICKDECK_TESTDATA']
  ? `${process.env['TICKDECK_TESTDATA']}/`
  : new URL('../../../../../../shared/testdata/', import.meta.url);
const rows = JSON.parse(
  readFileSync(new URL('freqtrade-xrp-eth/XRP_ETH-5m.json', dir), 'utf8'),
) as number[][];
const candles: Candle[] = rows.map(([time, open, high, low, close, volume]) => ({
  symbol: 'XRP/ETH',
  timeframe: '5m',
  time: time!,
  open: open!,
  high: high!,
  low: low!,
  close: close!,
  volume: volume!,
  trades: 0,
  closed: true,
}));

const common = { symbol: 'XRP/ETH', timeframe: '5m' as const, orderQuote: 1, feeRate: 0.001, slippageBps: 2 };
const statsOptions = { startingCash: 10 };

function paperRun(strategy: Strategy, extra: { stopLossPct?: number; takeProfitPct?: number }) {
  const bot = new PaperBot({ ...common, ...extra, botId: 'paper', strategy });
  const portfolio = new BotPortfolio({ ...statsOptions, botId: 'paper', currency: 'ETH' });
  const fills: Fill[] = [];
  const ingest = (events: ReturnType<PaperBot['onCandle']>) => {
    for (const raw of events) {
      const v = validateBotEvent(JSON.parse(JSON.stringify(raw)), { isKnownSymbol: (s) => s === 'XRP/ETH' });
      if (!v.ok) throw new Error(`${v.code} ${v.message}`);
      if (v.event.type === 'fill') {
        fills.push(v.event.fill);
        portfolio.applyFill(v.event.fill);
      }
    }
  };
  for (const c of candles) {
    // The open candle as the pipeline publishes it while trades arrive: ignored by the strategy.
    for (const close of [c.open, c.high, c.low]) ingest(bot.onCandle({ ...c, close, closed: false }));
    ingest(bot.onQuote(quoteFromCandle(c)));
    ingest(bot.onCandle(c));
    ingest(bot.onCandle(c)); // a repeated publication of the closed candle
    portfolio.mark(c.symbol, c.close);
    portfolio.sample(c.time + 300_000);
  }
  return { fills, trades: portfolio.stats.trades, stats: portfolio.stats.snapshot() };
}

describe('backtest = paper run on the same data', () => {
  it.each([
    ['EMA crossover 9/21', () => new EmaCrossStrategy(), {}],
    [
      'RSI(7) 35/65 mean reversion, stop-loss and take-profit',
      () => new RsiReversionStrategy({ period: 7, oversold: 35, overbought: 65 }),
      { stopLossPct: 0.5, takeProfitPct: 0.5 },
    ],
  ])('%s', (_name, make, extra) => {
    const progress: [number, number][] = [];
    const bt = runBacktest({
      ...common,
      ...extra,
      strategy: make(),
      candles,
      stats: statsOptions,
      progressEvery: 200,
      onProgress: (done, total) => progress.push([done, total]),
    });
    const live = paperRun(make(), extra);
    expect(bt.fills.length).toBeGreaterThanOrEqual(4);
    const key = (f: Fill) => [f.side, f.timestamp, f.price, f.amount, f.fee?.cost];
    expect(live.fills.map(key)).toEqual(bt.fills.map(key));
    expect(live.trades).toEqual(bt.trades);
    expect(live.stats).toEqual(bt.stats);
    expect(bt.trades.length).toBe(Math.floor(bt.fills.length / 2));
    expect(progress.at(-1)).toEqual([candles.length, candles.length]);
    expect(progress[0]).toEqual([200, candles.length]);
  });
});
