/**
 * RSI mean reversion: buy while RSI is at or below `oversold`, sell while it is at or above `overbought`.
 * @module
 */
import { RSI } from 'trading-signals';
import { fmt } from '../alerts/alert-text.js';
import type { Strategy, StrategySignal } from './strategy.js';

export type RsiReversionParams = {
  /** Default 14. */
  period: number;
  /** Default 30. */
  oversold: number;
  /** Default 70. */
  overbought: number;
};

export const RSI_REVERSION_DEFAULTS: RsiReversionParams = { period: 14, oversold: 30, overbought: 70 };

export class RsiReversionStrategy implements Strategy {
  readonly name = 'rsi_reversion' as const;
  readonly params: RsiReversionParams;
  private readonly rsi: RSI;

  constructor(params: Partial<RsiReversionParams> = {}) {
    this.params = { ...RSI_REVERSION_DEFAULTS, ...params };
    this.rsi = new RSI(this.params.period);
  }

  bias(): StrategySignal['side'] {
    const rsi = this.indicators().rsi;
    if (rsi == null) return 'none';
    return rsi <= this.params.oversold ? 'buy' : rsi >= this.params.overbought ? 'sell' : 'none';
  }

  indicators(): Record<string, number | null> {
    return { rsi: this.rsi.getResult() };
  }

  onCandle(c: { time: number; close: number }): StrategySignal {
    const rsi = this.rsi.add(c.close);
    const { oversold, overbought, period } = this.params;
    let side: StrategySignal['side'] = 'none';
    let reason = rsi === null ? 'warming up' : 'RSI in range';
    if (rsi !== null && rsi <= oversold) {
      side = 'buy';
      reason = `RSI(${period}) ${fmt(rsi)} at or below ${oversold}`;
    } else if (rsi !== null && rsi >= overbought) {
      side = 'sell';
      reason = `RSI(${period}) ${fmt(rsi)} at or above ${overbought}`;
    }
    return { side, time: c.time, price: c.close, indicators: { rsi }, reason };
  }
}
