/**
 * EMA crossover: buy when the fast EMA crosses above the slow one, sell when it crosses below.
 * @module
 */
import { EMA } from 'trading-signals';
import type { Strategy, StrategySignal } from './strategy.js';

export type EmaCrossParams = {
  /** Default 9. */
  fastPeriod: number;
  /** Default 21; must exceed `fastPeriod`. */
  slowPeriod: number;
};

export const EMA_CROSS_DEFAULTS: EmaCrossParams = { fastPeriod: 9, slowPeriod: 21 };

export class EmaCrossStrategy implements Strategy {
  readonly name = 'ema_cross' as const;
  readonly params: EmaCrossParams;
  private readonly fast: EMA;
  private readonly slow: EMA;
  private prevDiff: number | null = null;

  constructor(params: Partial<EmaCrossParams> = {}) {
    this.params = { ...EMA_CROSS_DEFAULTS, ...params };
    this.fast = new EMA(this.params.fastPeriod);
    this.slow = new EMA(this.params.slowPeriod);
  }

  bias(): StrategySignal['side'] {
    const { emaFast, emaSlow } = this.indicators();
    if (emaFast == null || emaSlow == null || emaFast === emaSlow) return 'none';
    return emaFast > emaSlow ? 'buy' : 'sell';
  }

  indicators(): Record<string, number | null> {
    return {
      emaFast: this.fast.isStable ? this.fast.getResultOrThrow() : null,
      emaSlow: this.slow.isStable ? this.slow.getResultOrThrow() : null,
    };
  }

  onCandle(c: { time: number; close: number }): StrategySignal {
    this.fast.add(c.close);
    this.slow.add(c.close);
    const indicators = this.indicators();
    const { emaFast, emaSlow } = indicators;
    const { fastPeriod: f, slowPeriod: s } = this.params;
    let side: StrategySignal['side'] = 'none';
    let reason = emaSlow === null ? 'warming up' : 'no cross';
    if (emaFast != null && emaSlow != null) {
      const diff = emaFast - emaSlow;
      if (this.prevDiff !== null && this.prevDiff <= 0 && diff > 0) {
        side = 'buy';
        reason = `EMA(${f}) crossed above EMA(${s})`;
      } else if (this.prevDiff !== null && this.prevDiff >= 0 && diff < 0) {
        side = 'sell';
        reason = `EMA(${f}) crossed below EMA(${s})`;
      }
      this.prevDiff = diff;
    }
    return { side, time: c.time, price: c.close, indicators, reason };
  }
}
