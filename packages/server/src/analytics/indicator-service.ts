/**
 * Indicator series (EMA, Bollinger, RSI, MACD) per symbol and timeframe, for chart overlays: computed
 * on demand over the live candle ring, then kept up to date on every candle update of the pairs that
 * were asked for, on the `indicators:SYM:TF` state channel (keyed by candle time).
 * @module
 */
import { LiveIndicators, computeIndicatorSeries, type IndicatorParams } from '@tickdeck/core';
import { AnalyticsChannels, type Candle, type IndicatorPoint, type Timeframe } from '@tickdeck/protocol';

export interface IndicatorServiceOptions {
  candles(symbol: string, tf: Timeframe): Promise<Candle[]>;
  publish(channel: string, data: unknown): void;
  /** Pairs followed live at most. Default 200. */
  maxFollowed?: number | undefined;
  /**
   * Follow every pair a candle arrives for, not only those asked for (a collector, whose gateways
   * compute the snapshots themselves). Default false.
   */
  followAll?: boolean | undefined;
}

export class IndicatorService {
  private readonly live = new Map<string, LiveIndicators | 'warming'>();

  constructor(private readonly o: IndicatorServiceOptions) {}

  /** The series over the latest candles, with default or given parameters; starts following the pair. */
  async series(
    symbol: string,
    tf: Timeframe,
    params: Partial<IndicatorParams> = {},
  ): Promise<IndicatorPoint[]> {
    const candles = await this.o.candles(symbol, tf);
    if (Object.keys(params).length === 0) void this.follow(symbol, tf, candles);
    return computeIndicatorSeries(candles, params);
  }

  onCandle(c: Candle): void {
    const li = this.live.get(`${c.symbol}|${c.timeframe}`);
    if (li === undefined && this.o.followAll === true) void this.warm(c.symbol, c.timeframe);
    if (li === undefined || li === 'warming') return;
    try {
      this.o.publish(AnalyticsChannels.indicators(c.symbol, c.timeframe), li.update(c));
    } catch {
      // an older candle than the last one: ignored, the series already moved on
    }
  }

  private async warm(symbol: string, tf: Timeframe): Promise<void> {
    const key = `${symbol}|${tf}`;
    if (this.live.size >= (this.o.maxFollowed ?? 200)) return;
    this.live.set(key, 'warming');
    try {
      const candles = await this.o.candles(symbol, tf);
      this.live.delete(key);
      this.follow(symbol, tf, candles);
    } catch {
      this.live.delete(key);
    }
  }

  private follow(symbol: string, tf: Timeframe, candles: readonly Candle[]): void {
    const key = `${symbol}|${tf}`;
    if (this.live.has(key) || this.live.size >= (this.o.maxFollowed ?? 200)) return;
    const li = new LiveIndicators();
    for (const c of candles) li.update(c);
    this.live.set(key, li);
  }
}
