/**
 * Live figures of one symbol (see MarketMetrics in @tickdeck/protocol and docs/pipeline.md).
 * @module
 */
import type { BookTop, MarketMetrics, MarketType, Ticker, Trade } from '@tickdeck/protocol';
import { RateWindow } from './rate-window.js';
import { Rolling24h } from './rolling-24h.js';

export class SymbolMetrics {
  private lastTradePrice: number | null = null;
  private lastTradeTs = -Infinity;
  private tickerLast: number | null = null;
  private tickerChangePct: number | null = null;
  private tickerVolume24h = 0;
  private bid: number | null = null;
  private ask: number | null = null;
  private firstAt: number | null = null;
  private lastAt: number | null = null;
  private latency: number | null = null;
  private readonly rate = new RateWindow(10);
  /** Created on the first trade: ticker-only symbols do not pay for it. */
  private day: Rolling24h | null = null;
  /** Stale flag as last reported, to notice when it flips. */
  reportedStale = false;

  constructor(
    readonly symbol: string,
    readonly type: MarketType,
  ) {}

  /** True once a trade has been seen: candles and 24 h figures then come from trades only. */
  get hasTrades(): boolean {
    return this.day !== null;
  }

  onTrade(t: Trade, receivedAt: number): void {
    this.received(receivedAt, t.timestamp);
    if (t.timestamp >= this.lastTradeTs) {
      this.lastTradeTs = t.timestamp;
      this.lastTradePrice = t.price;
    }
    (this.day ??= new Rolling24h()).add(t.timestamp, t.price, t.amount, receivedAt);
  }

  /** @param stamped false when the source gave no exchange timestamp (no latency then) */
  onTicker(t: Ticker, receivedAt: number, stamped: boolean): void {
    this.received(receivedAt, stamped ? t.timestamp : null);
    if (t.last !== undefined) this.tickerLast = t.last;
    if (t.percentage !== undefined) this.tickerChangePct = t.percentage;
    if (t.baseVolume !== undefined) this.tickerVolume24h = t.baseVolume;
    // A one-sided update clears the other side if they would cross: never report a crossed book.
    if (t.bid !== undefined) {
      this.bid = t.bid;
      if (t.ask === undefined && this.ask !== null && this.ask < t.bid) this.ask = null;
    }
    if (t.ask !== undefined) {
      this.ask = t.ask;
      if (t.bid === undefined && this.bid !== null && this.bid > t.ask) this.bid = null;
    }
  }

  onBook(b: BookTop, receivedAt: number, stamped: boolean): void {
    this.received(receivedAt, stamped ? b.timestamp : null);
    this.bid = b.bid;
    this.ask = b.ask;
  }

  private received(at: number, exchangeTs: number | null): void {
    this.firstAt ??= at;
    this.lastAt = at;
    if (exchangeTs !== null) this.latency = at - exchangeTs;
    this.rate.hit(at);
  }

  /** Whether the symbol has been silent for at least `staleAfterMs` (or never had a live event). */
  isStale(now: number, staleAfterMs: number): boolean {
    return this.lastAt === null || now - this.lastAt >= staleAfterMs;
  }

  compute(now: number, staleAfterMs: number): MarketMetrics {
    const { bid, ask } = this;
    const spread = bid !== null && ask !== null ? ask - bid : null;
    const mid = bid !== null && ask !== null ? (ask + bid) / 2 : null;
    const last = this.day !== null ? this.lastTradePrice : this.tickerLast;
    return {
      symbol: this.symbol,
      type: this.type,
      last,
      bid,
      ask,
      spread,
      spreadBps: spread !== null && mid !== null ? (spread / mid) * 1e4 : null,
      change24hPct: this.day !== null ? this.day.changePct(last as number, now) : this.tickerChangePct,
      volume24h: this.day !== null ? this.day.volume24h(now) : this.tickerVolume24h,
      msgsPerSec: this.rate.perSecond(now),
      feedLatencyMs: this.latency,
      silenceMs: this.lastAt === null ? null : now - this.lastAt,
      stale: this.isStale(now, staleAfterMs),
      uptimeMs: this.firstAt === null ? 0 : now - this.firstAt,
      asOf: now,
    };
  }
}
