/**
 * LiveState in the process's memory: the embedded default. Values are copied and frozen on write, so a
 * caller that keeps mutating its objects (an open candle being built) never changes what was stored,
 * and what a read returns is a snapshot that no later write alters.
 * @module
 */
import type { Candle, MarketMetrics, Ticker, Timeframe } from '@tickdeck/protocol';
import { CANDLE_RING_SIZE, type LiveState } from '../live-state.js';
import { CandleRing } from './candle-ring.js';

const ringKey = (symbol: string, timeframe: Timeframe): string => `${symbol}\u0000${timeframe}`;

export class MemoryLiveState implements LiveState {
  readonly name = 'memory';
  private readonly tickerMap = new Map<string, Readonly<Ticker>>();
  private readonly metricsMap = new Map<string, Readonly<MarketMetrics>>();
  private readonly rings = new Map<string, CandleRing>();

  setTicker(ticker: Ticker): void {
    this.tickerMap.set(ticker.symbol, Object.freeze({ ...ticker }));
  }

  setMetrics(metrics: MarketMetrics): void {
    this.metricsMap.set(metrics.symbol, Object.freeze({ ...metrics }));
  }

  putCandle(candle: Candle): void {
    this.ring(candle.symbol, candle.timeframe).put(Object.freeze({ ...candle }));
  }

  loadCandles(symbol: string, timeframe: Timeframe, candles: readonly Candle[]): void {
    this.ring(symbol, timeframe).load(candles.map((c) => Object.freeze({ ...c })));
  }

  async ticker(symbol: string): Promise<Ticker | undefined> {
    return this.tickerMap.get(symbol);
  }

  async tickers(): Promise<Ticker[]> {
    return [...this.tickerMap.values()];
  }

  async metrics(symbol: string): Promise<MarketMetrics | undefined> {
    return this.metricsMap.get(symbol);
  }

  async allMetrics(): Promise<MarketMetrics[]> {
    return [...this.metricsMap.values()];
  }

  async candles(symbol: string, timeframe: Timeframe, limit?: number): Promise<Candle[]> {
    return this.rings.get(ringKey(symbol, timeframe))?.newest(limit) ?? [];
  }

  async close(): Promise<void> {
    this.tickerMap.clear();
    this.metricsMap.clear();
    this.rings.clear();
  }

  private ring(symbol: string, timeframe: Timeframe): CandleRing {
    const key = ringKey(symbol, timeframe);
    let ring = this.rings.get(key);
    if (ring === undefined) {
      ring = new CandleRing(CANDLE_RING_SIZE);
      this.rings.set(key, ring);
    }
    return ring;
  }
}
