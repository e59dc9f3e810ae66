/**
 * A live exchange through ccxt pro: per symbol, watch loops for trades, the ticker, candles
 * (watchOHLCV, after a fetchOHLCV backfill) and the top of the order book. ccxt's unified objects are
 * passed on as they are; the pipeline normalizes them. Each loop retries on its own with backoff; after
 * a loss, the candle loop first fetches the candles it missed.
 * @module
 */
import type { Clock, RawMarketEvent } from '@tickdeck/core';
import { systemClock } from '@tickdeck/core';
import type { SourceStatus } from '@tickdeck/protocol';
import { Backoff } from '../backoff.js';
import type { MarketSource, SourceSink } from '../market-source.js';
import { StaleWatch } from '../stale-watch.js';
import { StatusReporter } from '../status-reporter.js';
import type { Timers } from '../timers.js';
import { sleep, systemTimers } from '../timers.js';
import type { CcxtConfig } from './ccxt-config.js';
import type { OhlcvRow, ProExchange } from './pro-exchange.js';
import { createProExchange, isClosedByUser, isPermanent, loadCcxt } from './pro-exchange.js';

/** ccxt settings; fields other than `exchange` and `symbols` default as in {@link CcxtConfigSchema}. */
export type CcxtOptions = Partial<Omit<CcxtConfig, 'kind' | 'streams'>> &
  Pick<CcxtConfig, 'exchange' | 'symbols'> & { streams?: Partial<CcxtConfig['streams']> };

export interface CcxtDeps {
  clock?: Clock;
  timers?: Timers;
  random?: () => number;
  /** Makes the exchange; default {@link createProExchange}. Tests point it at a local mock. */
  createExchange?: (id: string, options: Record<string, unknown>) => ProExchange;
}

type Stream = 'trades' | 'ticker' | 'ohlcv' | 'book';

const describe = (err: unknown): string => {
  const e = err as { name?: string; message?: string };
  const text = `${e.name ?? 'Error'}: ${e.message ?? String(err)}`.replace(/\s+/g, ' ');
  return text.length > 240 ? `${text.slice(0, 237)}...` : text;
};

export class CcxtSource implements MarketSource {
  readonly kind = 'ccxt';
  readonly name: string;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly reporter: StatusReporter;
  private readonly stale: StaleWatch;
  private exchange: ProExchange | undefined;
  private abort: AbortController | undefined;
  private loops: Promise<void>[] = [];
  /** Loops now waiting out a backoff after an error. */
  private readonly retrying = new Set<string>();
  private lastError = '';
  private sink: SourceSink | undefined;

  constructor(
    private readonly o: CcxtOptions,
    private readonly deps: CcxtDeps = {},
  ) {
    this.name = o.name ?? o.exchange;
    this.clock = deps.clock ?? systemClock;
    this.timers = deps.timers ?? systemTimers;
    this.reporter = new StatusReporter(this.name, this.kind, this.clock);
    this.stale = new StaleWatch({
      clock: this.clock,
      timers: this.timers,
      staleAfterMs: o.staleAfterMs ?? 30_000,
      onStale: (ms) => {
        if (this.reporter.state === 'live')
          this.reporter.set('stale', `no data from ${o.exchange} for ${Math.round(ms / 1000)} s`);
      },
      onFresh: () => {
        if (this.reporter.state === 'stale') this.reporter.set('live');
      },
    });
  }

  status(): SourceStatus {
    return this.reporter.status();
  }

  async start(sink: SourceSink): Promise<void> {
    if (this.abort) return;
    this.sink = sink;
    this.reporter.attach(sink);
    this.abort = new AbortController();
    this.reporter.set('connecting', `connecting to ${this.o.exchange}`);
    try {
      await loadCcxt();
      if (!this.abort || this.abort.signal.aborted) return; // stopped while ccxt was loading
      const make = this.deps.createExchange ?? createProExchange;
      this.exchange = make(this.o.exchange, this.o.exchangeOptions ?? {});
    } catch (err) {
      this.reporter.set('failed', describe(err));
      return;
    }
    const streams = { trades: true, ticker: true, ohlcv: true, book: true, ...this.o.streams };
    for (const symbol of this.o.symbols) {
      for (const s of ['trades', 'ticker', 'book'] as const) {
        if (streams[s]) this.loops.push(this.loop(symbol, s, this.abort.signal));
      }
      if (streams.ohlcv || (this.o.backfill ?? 1000) > 0)
        this.loops.push(this.loop(symbol, 'ohlcv', this.abort.signal));
    }
    this.stale.start();
  }

  async stop(): Promise<void> {
    if (!this.abort) return;
    this.abort.abort();
    this.stale.stop();
    try {
      await this.exchange?.close();
    } catch {
      // Closing a half-open socket may throw; the loops end either way.
    }
    await Promise.allSettled(this.loops);
    this.loops = [];
    this.reporter.set('stopped', 'stopped on request');
  }

  private async loop(symbol: string, stream: Stream, signal: AbortSignal): Promise<void> {
    const ex = this.exchange as ProExchange;
    const key = `${symbol} ${stream}`;
    const backoff = new Backoff(
      { initialMs: this.o.reconnectMinMs ?? 1000, maxMs: this.o.reconnectMaxMs ?? 30_000 },
      this.deps.random,
    );
    const tf = this.o.timeframe ?? '1m';
    const watchCandles = stream === 'ohlcv' && this.o.streams?.ohlcv !== false;
    let fill = stream === 'ohlcv' && (this.o.backfill ?? 1000) > 0;
    let lastCandle: number | undefined;
    while (!signal.aborted) {
      try {
        if (fill) {
          // At start, the last `backfill` candles; after a loss, those since the last one seen.
          const rows = await ex.fetchOHLCV(
            symbol,
            tf,
            lastCandle,
            lastCandle === undefined ? (this.o.backfill ?? 1000) : undefined,
          );
          if (signal.aborted) break;
          for (const r of rows) this.candle(symbol, tf, r);
          lastCandle = rows.at(-1)?.[0] ?? lastCandle;
          fill = false;
          this.data(key);
          if (!watchCandles) return;
        }
        switch (stream) {
          case 'trades':
            for (const t of await ex.watchTrades(symbol)) this.emit({ kind: 'trade', trade: t });
            break;
          case 'ticker':
            this.emit({ kind: 'ticker', ticker: await ex.watchTicker(symbol) });
            break;
          case 'ohlcv':
            for (const r of await ex.watchOHLCV(symbol, tf)) {
              this.candle(symbol, tf, r);
              lastCandle = r[0];
            }
            break;
          case 'book':
            this.book(symbol, await ex.watchOrderBook(symbol));
            break;
        }
        if (signal.aborted) break;
        backoff.reset();
        this.data(key);
      } catch (err) {
        if (signal.aborted || isClosedByUser(err)) break;
        if (isPermanent(err)) {
          this.reporter.set('failed', `${this.o.exchange} ${key}: ${describe(err)}; not retrying`);
          return;
        }
        fill = stream === 'ohlcv' && lastCandle !== undefined;
        const wait = backoff.next();
        this.lastError = `${this.o.exchange} ${key}: ${describe(err)}`;
        this.retrying.add(key);
        // One loss fails every loop at once: the first reason says it; the others would only repeat it.
        if (this.reporter.state !== 'failed') {
          const when = wait < 1000 ? `${wait} ms` : `${(wait / 1000).toFixed(1)} s`;
          this.reporter.set('failed', `${this.lastError}; retrying in ${when}`);
        }
        await sleep(this.timers, wait, signal);
        this.retrying.delete(key);
        if (!signal.aborted && this.retrying.size === 0 && this.reporter.state === 'failed') {
          this.reporter.set('connecting', `reconnecting after ${this.lastError}`);
        }
      }
    }
  }

  private data(_key: string): void {
    this.stale.touch();
    if (this.retrying.size === 0 && this.reporter.state !== 'live' && this.reporter.state !== 'stopped') {
      this.reporter.set('live');
    }
  }

  private emit(event: RawMarketEvent): void {
    this.sink?.event(event);
  }

  private candle(symbol: string, timeframe: string, row: OhlcvRow): void {
    const marketType = this.exchange?.markets?.[symbol]?.type;
    const event: RawMarketEvent = { kind: 'candle', symbol, timeframe, ohlcv: row.slice(0, 6) };
    if (marketType !== undefined) event.marketType = marketType;
    this.emit(event);
  }

  private readonly tops = new Map<string, string>();

  /** Emits the top of the book (BookTop: best bid and ask with sizes) when it changed. */
  private book(symbol: string, ob: Awaited<ReturnType<ProExchange['watchOrderBook']>>): void {
    const bid = ob.bids[0];
    const ask = ob.asks[0];
    const top = `${bid?.[0]}:${bid?.[1]}:${ask?.[0]}:${ask?.[1]}`;
    if (this.tops.get(symbol) === top) return;
    this.tops.set(symbol, top);
    if (!bid || !ask) return;
    this.emit({
      kind: 'book',
      book: {
        symbol: ob.symbol ?? symbol,
        timestamp: ob.timestamp,
        bid: bid[0],
        bidSize: bid[1],
        ask: ask[0],
        askSize: ask[1],
      },
    });
  }
}
