/**
 * EMA, Bollinger Bands, RSI and MACD over candle closes, through the `trading-signals` library: as a
 * series for a candle array, and live, where the open candle changes until it closes (replace-last).
 * docs/metrics.md, "Indicators", gives the definitions and defaults.
 * @module
 */
import { BollingerBands, EMA, MACD, RSI } from 'trading-signals';
import type { IndicatorPoint } from '@tickdeck/protocol';

export interface IndicatorParams {
  /** Default 20. */
  emaPeriod: number;
  /** Default 20. */
  bbPeriod: number;
  /** Band width in population standard deviations. Default 2. */
  bbStdDev: number;
  /** Default 14 (Wilder smoothing). */
  rsiPeriod: number;
  /** Default 12. */
  macdFast: number;
  /** Default 26. */
  macdSlow: number;
  /** Default 9. */
  macdSignal: number;
}

export const DEFAULT_INDICATOR_PARAMS: IndicatorParams = {
  emaPeriod: 20,
  bbPeriod: 20,
  bbStdDev: 2,
  rsiPeriod: 14,
  macdFast: 12,
  macdSlow: 26,
  macdSignal: 9,
};

/** The part of a candle indicators use. */
export interface CloseAt {
  time: number;
  close: number;
}

/** Thrown by {@link LiveIndicators.update} for a candle older than the last one. */
export class IndicatorOrderError extends Error {
  readonly code = 'INDICATOR_OUT_OF_ORDER';
}

/**
 * Indicators of one series of candles, fed in time order. A candle with the same time as the last one
 * replaces it (the open candle changed); a later one is appended.
 *
 * @example
 * const live = new LiveIndicators({ emaPeriod: 9 });
 * for (const c of candleUpdates) channel.publish(live.update(c));
 */
export class LiveIndicators {
  readonly params: IndicatorParams;
  private readonly ema: EMA;
  private readonly bb: BollingerBands;
  private readonly rsi: RSI;
  private readonly macd: MACD;
  private lastTime: number | null = null;
  private last: IndicatorPoint | null = null;

  constructor(params: Partial<IndicatorParams> = {}) {
    this.params = { ...DEFAULT_INDICATOR_PARAMS, ...params };
    const p = this.params;
    this.ema = new EMA(p.emaPeriod);
    this.bb = new BollingerBands(p.bbPeriod, p.bbStdDev);
    this.rsi = new RSI(p.rsiPeriod);
    this.macd = new MACD(new EMA(p.macdFast), new EMA(p.macdSlow), new EMA(p.macdSignal));
  }

  /** Adds a candle, or replaces the last one when `time` is the same. */
  update(c: CloseAt): IndicatorPoint {
    if (this.lastTime !== null && c.time < this.lastTime) {
      throw new IndicatorOrderError(`candle at ${c.time} is older than the last one (${this.lastTime})`);
    }
    const replace = this.lastTime === c.time;
    this.lastTime = c.time;
    this.ema.update(c.close, replace);
    const bb = this.bb.update(c.close, replace);
    const rsi = this.rsi.update(c.close, replace);
    const macd = this.macd.update(c.close, replace);
    this.last = {
      time: c.time,
      ema: this.ema.isStable ? this.ema.getResultOrThrow() : null,
      bbUpper: bb?.upper ?? null,
      bbMiddle: bb?.middle ?? null,
      bbLower: bb?.lower ?? null,
      rsi: rsi ?? null,
      macd: macd?.macd ?? null,
      macdSignal: macd?.signal ?? null,
      macdHistogram: macd?.histogram ?? null,
    };
    return this.last;
  }

  /** The values at the last candle fed, or null before the first. */
  current(): IndicatorPoint | null {
    return this.last;
  }
}

/** Indicator values at every candle of a series (in time order; equal times replace). */
export function computeIndicatorSeries(
  candles: readonly CloseAt[],
  params: Partial<IndicatorParams> = {},
): IndicatorPoint[] {
  const live = new LiveIndicators(params);
  const out: IndicatorPoint[] = [];
  for (const c of candles) {
    const point = live.update(c);
    if (out.length > 0 && out[out.length - 1]!.time === c.time) out[out.length - 1] = point;
    else out.push(point);
  }
  return out;
}
