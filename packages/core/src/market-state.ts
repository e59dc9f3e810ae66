/**
 * Per-symbol state of the pipeline: candle series per timeframe and live metrics, with the rule
 * that one symbol has one market type and the bound on how many symbols are tracked.
 * @module
 */
import { TIMEFRAMES, type MarketType, type Timeframe } from '@tickdeck/protocol';
import { CandleSeries, type CandleSink } from './candle-series.js';
import { Drop } from './normalize-event.js';
import { SymbolMetrics } from './symbol-metrics.js';

export class SymbolState {
  readonly series: CandleSeries[];
  readonly metrics: SymbolMetrics;
  /** Set by a live event, cleared when the metrics are emitted. */
  dirty = false;

  constructor(
    readonly symbol: string,
    readonly type: MarketType,
    timeframes: readonly Timeframe[],
    private readonly graceMs: number,
  ) {
    this.series = timeframes.map((tf) => new CandleSeries(symbol, tf, TIMEFRAMES[tf]));
    this.metrics = new SymbolMetrics(symbol, type);
  }

  addPrint(ts: number, price: number, amount: number, count: number, now: number, emit: CandleSink): void {
    for (let i = 0; i < this.series.length; i++)
      (this.series[i] as CandleSeries).add(ts, price, amount, count, now, emit);
  }

  closeDue(now: number, emit: CandleSink): void {
    for (let i = 0; i < this.series.length; i++)
      (this.series[i] as CandleSeries).closeDue(now, this.graceMs, emit);
  }
}

export class MarketState {
  private readonly bySymbol = new Map<string, SymbolState>();
  private readonly smallest: number;

  /** @param timeframes sorted shortest first */
  constructor(
    private readonly timeframes: readonly Timeframe[],
    private readonly graceMs: number,
    private readonly maxSymbols: number,
  ) {
    const first = timeframes[0];
    this.smallest = first === undefined ? 0 : TIMEFRAMES[first];
  }

  get(symbol: string): SymbolState | undefined {
    return this.bySymbol.get(symbol);
  }

  all(): IterableIterator<SymbolState> {
    return this.bySymbol.values();
  }

  /** The state of a symbol, created on first sight; a drop if its type conflicts or the limit is reached. */
  track(symbol: string, type: MarketType): SymbolState | Drop {
    const s = this.bySymbol.get(symbol);
    if (s !== undefined) {
      return s.type === type ? s : new Drop('MARKET_TYPE', `${symbol} is ${s.type}, not ${type}`);
    }
    if (this.bySymbol.size >= this.maxSymbols)
      return new Drop('SYMBOL_LIMIT', `more than ${this.maxSymbols} symbols`);
    const created = new SymbolState(symbol, type, this.timeframes, this.graceMs);
    this.bySymbol.set(symbol, created);
    return created;
  }

  /**
   * True when a print at `ts` falls in a candle of the shortest timeframe that ended more than the
   * grace before `now`. Deciding on the shortest timeframe keeps every timeframe built from the same
   * prints, so a longer candle always aggregates the shorter ones.
   */
  isLate(ts: number, now: number): boolean {
    if (this.smallest === 0) return false;
    return ts - (ts % this.smallest) + this.smallest + this.graceMs <= now;
  }
}
