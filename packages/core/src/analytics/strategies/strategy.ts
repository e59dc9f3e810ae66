/**
 * A strategy turns closed candles into signals, with the indicator values behind them.
 * @module
 */
import type { SignalSide } from '@tickdeck/protocol';

export interface StrategySignal {
  side: SignalSide;
  /** Close time of the candle the signal was taken on, ms. */
  time: number;
  /** The candle's close. */
  price: number;
  indicators: Record<string, number | null>;
  /** Plain-text reason, e.g. `EMA(9) crossed above EMA(21)`. */
  reason: string;
}

export interface Strategy {
  readonly name: StrategyName;
  readonly params: Readonly<Record<string, number>>;
  /** Feeds one CLOSED candle (the caller filters out open ones). */
  onCandle(candle: { time: number; close: number }): StrategySignal;
  /** Indicator values after the last candle (nulls before the first). */
  indicators(): Record<string, number | null>;
  /**
   * The side the strategy favours now, from its indicators (not a new signal): EMA cross — `buy` while
   * the fast EMA is above the slow one; RSI reversion — `buy` at or below `oversold`, `sell` at or above
   * `overbought`. `none` until the indicators are stable.
   */
  bias(): StrategySignal['side'];
}

export type StrategyName = 'ema_cross' | 'rsi_reversion';
