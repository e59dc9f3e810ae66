/**
 * LiveState in the process's memory: the embedded default. Values are copied and frozen on write, so a
 * caller that keeps mutating its objects (an open candle being built) never changes what was stored,
 * and what a read returns is a snapshot that no later write alters.
 * @module
 */
import type { Candle, MarketMetrics, Ticker, Timeframe } from '@tickdeck/protocol';
import { CANDLE_RING_SIZE, type LiveState } from '../live-state.js';
import { CandleRing } from './candle-ring.js';

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
};

const ringKey = (symbol: string, timeframe: Timeframe): string => `${symbol}\u0000${timeframe}`;

export class MemoryLiveState implements LiveState {
  readonly name = 'memory';
  private readonly tickerMap = new Map<string, Readonly<Ticker>>();
  private readonly metricsMap = new Map<string, Readonly<MarketMetrics>>();
  private readonly rings = new Map<string, CandleRing>();
  private readonly stateMaps = new Map<string, Map<string, unknown>>();

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

  setState(channel: string, key: string, value: unknown): void {
    let map = this.stateMaps.get(channel);
    if (map === undefined) {
      map = new Map();
      this.stateMaps.set(channel, map);
    }
    map.set(key, deepFreeze(structuredClone(value)));
  }

  deleteState(channel: string, key: string): void {
    this.stateMaps.get(channel)?.delete(key);
  }

  async state(channel: string, key: string): Promise<unknown> {
    return this.stateMaps.get(channel)?.get(key);
  }

  async states(channel: string): Promise<unknown[]> {
    const map = this.stateMaps.get(channel);
    if (map === undefined) return [];
    return [...map.keys()].sort().map((k) => map.get(k));
  }

  async close(): Promise<void> {
    this.stateMaps.clear();
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
