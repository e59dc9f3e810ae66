/**
 * The market-data pipeline: validate and normalize raw events, build candles, keep market metrics.
 * Pure: no I/O, time from the injected clock; the server drives it with `ingest` and `tick`.
 * @module
 */
import {
  TIMEFRAMES,
  TIMEFRAME_LIST,
  type Candle,
  type MarketMetrics,
  type MarketType,
  type Ticker,
  type Timeframe,
  type Trade,
} from '@tickdeck/protocol';
import type { Clock } from './clock.js';
import type { DropReason } from './drop-reasons.js';
import type { CandleEvent, MarketEvent } from './events.js';
import { LatencyHistogram } from './latency-histogram.js';
import {
  DEFAULT_MAX_FUTURE_SKEW_MS,
  DEFAULT_MIN_TIMESTAMP_MS,
  Drop,
  normalizeEvent,
  type NormalizeBounds,
} from './normalize-event.js';
import {
  DropLogLimiter,
  reasonIndex,
  StatsCounters,
  type PipelineStats,
  type SourceCounters,
} from './pipeline-stats.js';
import type { RawMarketEvent } from './raw-event.js';
import { MarketState } from './market-state.js';
import { SymbolNormalizer } from './symbol.js';

export interface PipelineOptions {
  clock: Clock;
  /** Timeframes to build candles for. Default: all of TIMEFRAMES. */
  timeframes?: Timeframe[];
  /** How long after a candle's interval ends a late trade may still amend it, ms. Default 5000. */
  lateGraceMs?: number;
  /** Silence after which a symbol is flagged stale, ms. Default 10 000. */
  staleAfterMs?: number;
  /** Monotonic time in ms for processing-time percentiles. Default `performance.now`. */
  perfNow?: () => number;
  /** Drops logged per second per (source, reason); the rest are only counted. Default 0.1 (one per 10 s). */
  dropLogPerSec?: number;
  /** Oldest accepted exchange timestamp, ms. Default 2009-01-01T00:00:00Z. */
  minTimestampMs?: number;
  /** How far past the clock an exchange timestamp may be, ms. Default 60 000. */
  maxFutureSkewMs?: number;
  /** Most symbols tracked; events for more are dropped as SYMBOL_LIMIT. Default 5000. */
  maxSymbols?: number;
}

/** A dropped event as reported to {@link PipelineOutput.drop}. */
export interface DropNotice {
  source: string;
  reason: DropReason;
  /** Short and bounded; quotes at most 32 characters of the offending value. */
  detail: string;
  /** True for the drops the rate limit lets through to the log. */
  log: boolean;
}

/** Where the pipeline sends what it produces. Called synchronously from `ingest` and `tick`. */
export interface PipelineOutput {
  trade(t: Trade): void;
  ticker(t: Ticker): void;
  /** Every change of an open candle (closed: false), every close and every amendment (closed: true). */
  candle(c: Candle): void;
  metrics(m: MarketMetrics): void;
  drop?(d: DropNotice): void;
}

/**
 * @example
 * const pipeline = new Pipeline({ clock: systemClock }, output);
 * pipeline.ingest('binance', { kind: 'trade', trade: ccxtTrade });
 * setInterval(() => pipeline.tick(), 250);
 */
export class Pipeline {
  private readonly clock: Clock;
  private readonly perfNow: () => number;
  private readonly staleAfterMs: number;
  private readonly bounds: NormalizeBounds;
  private readonly symbolsIn = new SymbolNormalizer();
  private readonly counters = new StatsCounters();
  private readonly histogram = new LatencyHistogram();
  private readonly dropLog: DropLogLimiter;
  private readonly market: MarketState;
  private readonly emitCandle: (c: Candle) => void;

  constructor(
    options: PipelineOptions,
    private readonly output: PipelineOutput,
  ) {
    this.clock = options.clock;
    this.perfNow = options.perfNow ?? (() => performance.now());
    this.staleAfterMs = options.staleAfterMs ?? 10_000;
    this.bounds = {
      minTimestampMs: options.minTimestampMs ?? DEFAULT_MIN_TIMESTAMP_MS,
      maxFutureSkewMs: options.maxFutureSkewMs ?? DEFAULT_MAX_FUTURE_SKEW_MS,
    };
    this.dropLog = new DropLogLimiter(options.dropLogPerSec ?? 0.1);
    const timeframes = [...new Set(options.timeframes ?? TIMEFRAME_LIST)].sort(
      (a, b) => TIMEFRAMES[a] - TIMEFRAMES[b],
    );
    this.market = new MarketState(timeframes, options.lateGraceMs ?? 5000, options.maxSymbols ?? 5000);
    this.emitCandle = (c) => this.output.candle(c);
  }

  /**
   * Validates, normalizes and applies one raw event, calling the outputs. Returns false when the
   * event was dropped (counted by reason and source, reported to `output.drop`). Never throws.
   */
  ingest(source: string, raw: RawMarketEvent): boolean {
    const started = this.perfNow();
    const counters = this.counters.source(source);
    counters.in++;
    this.counters.total.in++;
    let ok: boolean;
    try {
      ok = this.apply(source, raw, counters);
    } catch (err) {
      this.drop(source, counters, 'INTERNAL', describeError(err));
      ok = false;
    }
    this.histogram.record(this.perfNow() - started);
    return ok;
  }

  /**
   * Closes candles whose interval has ended on the clock (even without trades), forgets closed
   * candles past the late grace, and emits metrics for every symbol that received an event since the
   * previous tick or whose stale flag flipped. Call it about every 250 ms. Never throws.
   */
  tick(): void {
    const now = this.clock.now();
    for (const s of this.market.all()) {
      try {
        s.closeDue(now, this.emitCandle);
        const stale = s.metrics.isStale(now, this.staleAfterMs);
        if (s.dirty || stale !== s.metrics.reportedStale) {
          s.dirty = false;
          s.metrics.reportedStale = stale;
          this.output.metrics(s.metrics.compute(now, this.staleAfterMs));
        }
      } catch {
        // An output that throws must not stop the other symbols from closing their candles.
      }
    }
  }

  /** Pipeline counters and processing-time percentiles (µs) since start. */
  stats(): PipelineStats {
    return this.counters.snapshot(this.histogram.summary());
  }

  /** The (symbol, type) pairs the pipeline has seen, in order of first appearance. */
  symbols(): { symbol: string; type: MarketType }[] {
    return [...this.market.all()].map((s) => ({ symbol: s.symbol, type: s.type }));
  }

  /** Current metrics of one symbol, computed now; undefined for an unknown symbol. */
  metricsOf(symbol: string): MarketMetrics | undefined {
    return this.market.get(symbol)?.metrics.compute(this.clock.now(), this.staleAfterMs);
  }

  private apply(source: string, raw: unknown, counters: SourceCounters): boolean {
    const now = this.clock.now();
    const event = normalizeEvent(source, raw, now, this.symbolsIn, this.bounds);
    if (event instanceof Drop) return this.drop(source, counters, event.reason, event.detail);
    const problem = this.route(event, now);
    if (problem !== null) return this.drop(source, counters, problem.reason, problem.detail);
    counters.out++;
    this.counters.total.out++;
    return true;
  }

  private route(event: MarketEvent, now: number): Drop | null {
    switch (event.kind) {
      case 'trade': {
        const t = event.trade;
        const s = this.market.track(t.symbol, t.type);
        if (s instanceof Drop) return s;
        if (this.market.isLate(t.timestamp, now)) return new Drop('LATE_TRADE', `trade at ${t.timestamp}`);
        s.metrics.onTrade(t, now);
        s.dirty = true;
        this.output.trade(t);
        s.addPrint(t.timestamp, t.price, t.amount, 1, now, this.emitCandle);
        return null;
      }
      case 'ticker': {
        const t = event.ticker;
        const s = this.market.track(t.symbol, t.type);
        if (s instanceof Drop) return s;
        s.metrics.onTicker(t, now, event.unstamped !== true);
        s.dirty = true;
        this.output.ticker(t);
        if (t.last !== undefined && !s.metrics.hasTrades && !this.market.isLate(t.timestamp, now)) {
          s.addPrint(t.timestamp, t.last, 0, 0, now, this.emitCandle);
        }
        return null;
      }
      case 'book': {
        const b = event.book;
        const s = this.market.track(b.symbol, b.type);
        if (s instanceof Drop) return s;
        s.metrics.onBook(b, now, event.unstamped !== true);
        s.dirty = true;
        return null;
      }
      case 'candle':
        return this.backfill(event, now);
    }
  }

  private backfill(event: CandleEvent, now: number): Drop | null {
    const s = this.market.track(event.symbol, event.type);
    if (s instanceof Drop) return s;
    const series = s.series.find((c) => c.timeframe === event.timeframe);
    if (series !== undefined) {
      series.backfill(event.ohlcv, now, this.emitCandle);
    } else {
      const [time, open, high, low, close, volume] = event.ohlcv;
      const { symbol, timeframe } = event;
      this.output.candle({
        symbol,
        timeframe,
        time,
        open,
        high,
        low,
        close,
        volume,
        trades: 0,
        closed: true,
      });
    }
    return null;
  }

  private drop(source: string, counters: SourceCounters, reason: DropReason, detail: string): false {
    const i = reasonIndex(reason);
    counters.dropped[i] = (counters.dropped[i] as number) + 1;
    this.counters.total.dropped[i] = (this.counters.total.dropped[i] as number) + 1;
    if (this.output.drop !== undefined) {
      const log = this.dropLog.shouldLog(source, reason, this.clock.now());
      try {
        this.output.drop({ source, reason, detail, log });
      } catch {
        // Reporting a drop must never turn into a second failure.
      }
    }
    return false;
  }
}

function describeError(err: unknown): string {
  try {
    return err instanceof Error ? String(err.message).slice(0, 200) : 'non-Error thrown';
  } catch {
    // A hostile object can throw from its message getter too.
    return 'unprintable error';
  }
}
