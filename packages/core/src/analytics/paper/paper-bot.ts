/**
 * The built-in paper-trading bot: a strategy on closed candles, stop-loss and take-profit on every
 * quote, simulated execution. Long only: a buy signal opens a position when flat, a sell signal closes
 * it. It reports what it does as {@link BotEvent}s, which the server sends through ingest like any
 * bot's. The backtest runs this same class.
 * @module
 */
import { TIMEFRAMES, type BotEvent, type Candle, type StrategyState } from '@tickdeck/protocol';
import type { Strategy, StrategySignal } from '../strategies/strategy.js';
import { PaperExchange, type PaperExecutionOptions, type Quote } from './paper-exchange.js';

export interface PaperBotOptions extends PaperExecutionOptions {
  botId: string;
  symbol: string;
  timeframe: Candle['timeframe'];
  strategy: Strategy;
  /** Quote currency spent per entry. Default 1,000. */
  orderQuote?: number | undefined;
  /** Exit when the bid falls this many percent below the entry. Default none. */
  stopLossPct?: number | undefined;
  /** Exit when the bid rises this many percent above the entry. Default none. */
  takeProfitPct?: number | undefined;
  /**
   * Prefix of event, order and fill ids. Must differ between runs of the same bot, or ingest takes a
   * new run's events for repeats. Default: the bot id.
   */
  idPrefix?: string | undefined;
  /** A long position the bot already holds (after a restart): it manages it from the start. Default flat. */
  position?: { amount: number; entryPrice: number } | undefined;
}

/**
 * The quote a candle implies when no ticker is available: its close ± half of `spreadBps`, at its
 * close time (open time + timeframe).
 */
export function quoteFromCandle(c: Pick<Candle, 'time' | 'close' | 'timeframe'>, spreadBps = 0): Quote {
  const half = spreadBps / 20_000;
  return { bid: c.close * (1 - half), ask: c.close * (1 + half), time: c.time + TIMEFRAMES[c.timeframe] };
}

export class PaperBot {
  private readonly exchange: PaperExchange;
  private quote: Quote | null = null;
  private lastCandleTime: number | null = null;
  private amount = 0;
  private entry = 0;
  private lastSignal: StrategyState['lastSignal'] = null;
  private seq = 0;
  running = true;

  constructor(private readonly o: PaperBotOptions) {
    this.exchange = new PaperExchange(o.symbol, o.idPrefix ?? o.botId, o);
    if (o.position && o.position.amount > 0) {
      this.amount = o.position.amount;
      this.entry = o.position.entryPrice;
    }
  }

  /** A live quote: checks stop-loss and take-profit. */
  onQuote(q: Quote): BotEvent[] {
    this.quote = q;
    if (!this.running || this.amount === 0) return [];
    const sl = this.stopLoss();
    const tp = this.takeProfit();
    if ((sl !== null && q.bid <= sl) || (tp !== null && q.bid >= tp))
      return this.trade('sell', this.amount, q);
    return [];
  }

  /**
   * A candle update. Open candles and repeats of a closed candle are ignored; a closed candle runs
   * the strategy, and a signal executes at the latest quote (the candle's implied quote if no quote
   * arrived since the candle opened).
   */
  onCandle(c: Candle): BotEvent[] {
    if (!c.closed || c.symbol !== this.o.symbol || c.timeframe !== this.o.timeframe) return [];
    if (this.lastCandleTime !== null && c.time <= this.lastCandleTime) return [];
    this.lastCandleTime = c.time;
    const signal = this.o.strategy.onCandle({ time: c.time + TIMEFRAMES[c.timeframe], close: c.close });
    if (signal.side === 'none') return [];
    this.lastSignal = { side: signal.side, at: signal.time, reason: signal.reason };
    const events: BotEvent[] = [this.signalEvent(signal)];
    if (!this.running) return events;
    const q = this.quote !== null && this.quote.time >= c.time ? this.quote : quoteFromCandle(c);
    if (signal.side === 'buy' && this.amount === 0) {
      const amount = (this.o.orderQuote ?? 1000) / q.ask;
      events.push(...this.trade('buy', amount, q));
    } else if (signal.side === 'sell' && this.amount > 0) {
      events.push(...this.trade('sell', this.amount, q));
    }
    return events;
  }

  /**
   * Opens a position at the latest quote if the bot is flat and running and its strategy favours
   * buying now ({@link Strategy.bias}) — for a bot started mid-trend, instead of waiting for the next
   * crossing. Does nothing (returns no events) otherwise or before the first quote.
   */
  enterOnTrend(): BotEvent[] {
    if (!this.running || this.amount !== 0 || this.quote === null) return [];
    if (this.o.strategy.bias() !== 'buy') return [];
    const q = this.quote;
    const signal: StrategySignal = {
      side: 'buy',
      time: q.time,
      price: q.ask,
      indicators: this.o.strategy.indicators(),
      reason: 'entered on the current trend at start',
    };
    this.lastSignal = { side: 'buy', at: q.time, reason: signal.reason };
    return [this.signalEvent(signal), ...this.trade('buy', (this.o.orderQuote ?? 1000) / q.ask, q)];
  }

  /**
   * Closes the open position at the latest quote (a trader's "close all"); no events when flat or
   * before the first quote. Works while paused: closing is how a trader gets out.
   */
  closeAll(): BotEvent[] {
    if (this.amount === 0 || this.quote === null) return [];
    return this.trade('sell', this.amount, this.quote);
  }

  /** The `strategy:<botId>` channel payload. */
  state(): StrategyState {
    return {
      botId: this.o.botId,
      strategy: this.o.strategy.name,
      symbol: this.o.symbol,
      timeframe: this.o.timeframe,
      running: this.running,
      params: { ...this.o.strategy.params },
      indicators: this.o.strategy.indicators(),
      lastSignal: this.lastSignal,
      position: {
        amount: this.amount,
        entryPrice: this.entry,
        stopLoss: this.stopLoss(),
        takeProfit: this.takeProfit(),
      },
    };
  }

  private stopLoss(): number | null {
    return this.amount > 0 && this.o.stopLossPct !== undefined
      ? this.entry * (1 - this.o.stopLossPct / 100)
      : null;
  }

  private takeProfit(): number | null {
    return this.amount > 0 && this.o.takeProfitPct !== undefined
      ? this.entry * (1 + this.o.takeProfitPct / 100)
      : null;
  }

  private trade(side: 'buy' | 'sell', amount: number, q: Quote): BotEvent[] {
    const { order, fill } = this.exchange.marketOrder(side, amount, q);
    if (side === 'buy') {
      this.amount = amount;
      this.entry = fill.price;
    } else {
      this.amount = 0;
      this.entry = 0;
    }
    return [
      { botId: this.o.botId, eventId: this.nextId(), timestamp: q.time, type: 'order', action: 'new', order },
      { botId: this.o.botId, eventId: this.nextId(), timestamp: q.time, type: 'fill', fill },
    ];
  }

  private signalEvent(s: StrategySignal): BotEvent {
    return {
      botId: this.o.botId,
      eventId: this.nextId(),
      timestamp: s.time,
      type: 'signal',
      strategy: this.o.strategy.name,
      symbol: this.o.symbol,
      side: s.side,
      indicators: s.indicators,
      reason: s.reason,
    };
  }

  private nextId(): string {
    this.seq += 1;
    return `${this.o.idPrefix ?? this.o.botId}-e${this.seq}`;
  }
}
