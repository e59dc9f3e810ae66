/**
 * The dashboard benchmark's live feed: a ZeroMQ PUB socket that the server's `zeromq` source
 * subscribes to, publishing tickers and trades (ccxt-shaped MessagePack, see docs/sources.md) at
 * exact rates per symbol, and counting what it sent.
 * @module
 */
import { pack } from 'msgpackr';
import { Publisher } from 'zeromq';
import type { BenchMarket } from './web-market.js';
import { RateSchedule, type Stream } from './web-schedule.js';

/** What one symbol receives, per second. */
export interface SymbolRate {
  symbol: string;
  tickersPerSec: number;
  tradesPerSec: number;
}

/** Events sent, by kind. */
export interface FeedCounts {
  tickers: number;
  trades: number;
  /** Events the schedule gave up because the feed fell more than a second behind. */
  skipped: number;
}

type Key = { symbol: string; kind: 'ticker' | 'trade' };

/** How often the feed's timer runs, ms (events due in between are sent in order at the next run). */
const TICK_MS = 5;

export class WebFeed {
  private readonly prices = new Map<string, number>();
  private schedule: RateSchedule<Key> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private queue: Key[] = [];
  private sending = false;
  private tradeId = 0;
  private seed = 12345;
  private sentTickers = 0;
  private sentTrades = 0;
  private skippedBefore = 0;

  private constructor(
    private readonly pub: Publisher,
    markets: readonly BenchMarket[],
  ) {
    for (const m of markets) this.prices.set(m.symbol, m.price);
  }

  /** Bind a PUB socket on `endpoint` (e.g. `tcp://127.0.0.1:PORT`). */
  static async open(endpoint: string, markets: readonly BenchMarket[]): Promise<WebFeed> {
    const pub = new Publisher({ sendHighWaterMark: 100_000 });
    await pub.bind(endpoint);
    return new WebFeed(pub, markets);
  }

  /** Publish at these rates from now on; an empty list makes the feed idle. */
  setRates(rates: readonly SymbolRate[]): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.skippedBefore += this.schedule?.skipped ?? 0;
    this.schedule = undefined;
    const streams: Stream<Key>[] = [];
    for (const r of rates) {
      streams.push({ key: { symbol: r.symbol, kind: 'ticker' }, perSecond: r.tickersPerSec });
      streams.push({ key: { symbol: r.symbol, kind: 'trade' }, perSecond: r.tradesPerSec });
    }
    if (streams.every((s) => s.perSecond <= 0)) return;
    const schedule = new RateSchedule(streams, performance.now());
    this.schedule = schedule;
    this.timer = setInterval(() => this.enqueue(schedule.due(performance.now())), TICK_MS);
  }

  /** Send one ticker and one trade for each symbol now (so every row and quote has a value). */
  prime(symbols: readonly string[]): void {
    this.enqueue(
      symbols.flatMap((symbol) => [
        { symbol, kind: 'ticker' as const },
        { symbol, kind: 'trade' as const },
      ]),
    );
  }

  /** Events sent so far. */
  counts(): FeedCounts {
    return {
      tickers: this.sentTickers,
      trades: this.sentTrades,
      skipped: this.skippedBefore + (this.schedule?.skipped ?? 0),
    };
  }

  async close(): Promise<void> {
    this.setRates([]);
    this.queue = [];
    this.pub.close();
  }

  private enqueue(keys: Key[]): void {
    if (keys.length === 0) return;
    this.queue.push(...keys);
    if (!this.sending) void this.drain();
  }

  /** zeromq allows one send at a time: send the queue in order. */
  private async drain(): Promise<void> {
    this.sending = true;
    try {
      while (this.queue.length > 0 && !this.pub.closed) {
        const key = this.queue.shift()!;
        await this.pub.send([`${key.kind}.${key.symbol}`, pack(this.payload(key))]);
        if (key.kind === 'ticker') this.sentTickers += 1;
        else this.sentTrades += 1;
      }
    } finally {
      this.sending = false;
    }
  }

  private payload({ symbol, kind }: Key): Record<string, unknown> {
    const price = this.step(symbol);
    const timestamp = Date.now();
    if (kind === 'trade') {
      this.tradeId += 1;
      const side = this.random() < 0.5 ? 'buy' : 'sell';
      return {
        symbol,
        timestamp,
        price,
        amount: round(0.01 + this.random(), 4),
        side,
        id: `b${this.tradeId}`,
      };
    }
    const half = price * 0.00005;
    return {
      symbol,
      timestamp,
      bid: price - half,
      ask: price + half,
      last: price,
      bidVolume: round(1 + this.random() * 5, 3),
      askVolume: round(1 + this.random() * 5, 3),
      baseVolume: 1000,
      percentage: 0.5,
    };
  }

  /** The next price of a small random walk (about 1 bp per event). */
  private step(symbol: string): number {
    const last = this.prices.get(symbol) ?? 1;
    const next = last * (1 + (this.random() - 0.5) * 0.0002);
    this.prices.set(symbol, next);
    return next;
  }

  /** mulberry32: deterministic, so runs publish the same prices. */
  private random(): number {
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let t = this.seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));
