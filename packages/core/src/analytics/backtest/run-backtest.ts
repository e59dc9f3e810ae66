/**
 * Backtest: a strategy over a candle series (and optionally a ticker series), through the same
 * {@link PaperBot} and {@link BotPortfolio} the live paper bot uses, so a backtest and a paper run on
 * the same data make the same trades.
 * @module
 */
import {
  TIMEFRAMES,
  type Candle,
  type EquityPoint,
  type Fill,
  type Order,
  type RoundTrip,
  type StatsSnapshot,
} from '@tickdeck/protocol';
import { PaperBot, quoteFromCandle, type PaperBotOptions } from '../paper/paper-bot.js';
import type { Quote } from '../paper/paper-exchange.js';
import { BotPortfolio } from '../portfolio/bot-portfolio.js';
import type { StatsOptions } from '../stats/stats-options.js';
import type { StrategySignal } from '../strategies/strategy.js';

export interface BacktestOptions extends Omit<PaperBotOptions, 'botId'> {
  /** Default `backtest`. */
  botId?: string | undefined;
  /** Closed candles of `symbol` and `timeframe`, in time order. */
  candles: readonly Candle[];
  /** Quotes in time order. Without them each candle implies one at its close (see quoteFromCandle). */
  quotes?: readonly Quote[] | undefined;
  /** Spread of the implied quotes, bps. Default 0. */
  spreadBps?: number | undefined;
  stats?: StatsOptions | undefined;
  /** Called every `progressEvery` candles and at the end, with candles done and total. */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Default 1000. */
  progressEvery?: number | undefined;
}

export interface BacktestResult {
  stats: StatsSnapshot;
  trades: RoundTrip[];
  orders: Order[];
  fills: Fill[];
  signals: Pick<StrategySignal, 'side' | 'time' | 'reason'>[];
  equity: EquityPoint[];
}

/**
 * Runs the backtest. Per candle: the quotes before its close (stop-loss, take-profit), or its implied
 * quote; then the closed candle (strategy, execution); then a mark at the close and an equity sample.
 *
 * @example
 * const r = runBacktest({ symbol: 'BTC/USDT', timeframe: '1m', candles, strategy: new EmaCrossStrategy() });
 */
export function runBacktest(o: BacktestOptions): BacktestResult {
  const botId = o.botId ?? 'backtest';
  const bot = new PaperBot({ ...o, botId });
  const portfolio = new BotPortfolio({ ...o.stats, botId, currency: o.symbol.split('/')[1] });
  const result: BacktestResult = {
    stats: portfolio.stats.snapshot(),
    trades: [],
    orders: [],
    fills: [],
    signals: [],
    equity: [],
  };
  const quotes = o.quotes ?? [];
  const every = o.progressEvery ?? 1000;
  let qi = 0;
  const consume = (events: ReturnType<PaperBot['onQuote']>) => {
    for (const e of events) {
      if (e.type === 'fill') {
        result.fills.push(e.fill);
        const r = portfolio.applyFill(e.fill);
        result.equity.push(r.point);
      } else if (e.type === 'order') result.orders.push(e.order);
      else if (e.type === 'signal')
        result.signals.push({ side: e.side, time: e.timestamp ?? 0, reason: e.reason ?? '' });
    }
  };
  o.candles.forEach((c, i) => {
    const end = c.time + TIMEFRAMES[c.timeframe];
    if (o.quotes === undefined) consume(bot.onQuote(quoteFromCandle(c, o.spreadBps)));
    else while (qi < quotes.length && quotes[qi]!.time <= end) consume(bot.onQuote(quotes[qi++]!));
    consume(bot.onCandle({ ...c, closed: true }));
    portfolio.mark(c.symbol, c.close);
    result.equity.push(portfolio.sample(end));
    if ((i + 1) % every === 0 || i + 1 === o.candles.length) o.onProgress?.(i + 1, o.candles.length);
  });
  result.stats = portfolio.stats.snapshot();
  result.trades = [...portfolio.stats.trades];
  return result;
}
