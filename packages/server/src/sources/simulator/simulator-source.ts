/**
 * The simulator as a {@link MarketSource}: first the history backfill (closed candles of every symbol
 * and timeframe, in chunks that yield to the event loop), then a timer emits the model's events in
 * small batches, at the configured rate with random bursts, stamped with the injected clock.
 * @module
 */
import type { Clock } from '@tickdeck/core';
import { systemClock } from '@tickdeck/core';
import type { SourceStatus } from '@tickdeck/protocol';
import type { MarketSource, SourceSink } from '../market-source.js';
import { StatusReporter } from '../status-reporter.js';
import type { TimerHandle, Timers } from '../timers.js';
import { sleep, systemTimers } from '../timers.js';
import { historyBySymbol, historyEvents } from './history-backfill.js';
import { MarketSimulator } from './market-simulator.js';
import { Prng } from './prng.js';
import type { SimulatorConfig } from './simulator-config.js';
import type { SymbolSpec } from './symbol-specs.js';
import { DEFAULT_SYMBOLS, defaultSpec } from './symbol-specs.js';

/** Backfill events emitted between two yields to the event loop. */
const BACKFILL_CHUNK = 2000;

/** Simulator settings; every field but `kind` has the default of {@link SimulatorConfigSchema}. */
export type SimulatorOptions = Partial<Omit<SimulatorConfig, 'kind'>>;

export interface SourceDeps {
  /** Default the system clock. */
  clock?: Clock;
  /** Default Node's timers. */
  timers?: Timers;
}

/** Resolves names of built-in markets to their specs. */
export function resolveSymbols(list: SimulatorConfig['symbols']): SymbolSpec[] {
  if (list === undefined) return [...DEFAULT_SYMBOLS];
  return list.map((s) => {
    if (typeof s !== 'string') return s;
    const spec = defaultSpec(s);
    if (spec === undefined) {
      throw new Error(`simulator: unknown symbol ${s}; give its price, tick, lot and size`);
    }
    return spec;
  });
}

export class SimulatorSource implements MarketSource {
  readonly kind = 'simulator';
  readonly name: string;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly reporter: StatusReporter;
  private readonly model: MarketSimulator;
  private readonly bursts: Prng;
  private readonly o: Required<Omit<SimulatorOptions, 'symbols' | 'name' | 'seed' | 'backfillTimeframes'>>;
  private readonly seed: number;
  private readonly specs: SymbolSpec[];
  private readonly backfillTimeframes: SimulatorOptions['backfillTimeframes'];
  private handle: TimerHandle | undefined;
  private running: AbortController | undefined;
  private backfilled = false;
  private backfillCount = 0;
  private sink: SourceSink | undefined;
  private lastTick = 0;
  private carry = 0;
  private burstUntil = -Infinity;
  private count = 0;

  constructor(options: SimulatorOptions = {}, deps: SourceDeps = {}) {
    this.name = options.name ?? 'simulator';
    this.clock = deps.clock ?? systemClock;
    this.timers = deps.timers ?? systemTimers;
    const seed = options.seed ?? 1;
    this.seed = seed;
    this.specs = resolveSymbols(options.symbols);
    this.backfillTimeframes = options.backfillTimeframes;
    this.model = new MarketSimulator(seed, this.specs);
    this.bursts = new Prng((seed ^ 0x5bd1e995) >>> 0);
    this.o = {
      rate: options.rate ?? 200,
      intervalMs: options.intervalMs ?? 20,
      burstProbability: options.burstProbability ?? 0.02,
      burstMultiplier: options.burstMultiplier ?? 5,
      burstDurationMs: options.burstDurationMs ?? 2000,
      backfill: options.backfill ?? 1000,
    };
    this.reporter = new StatusReporter(this.name, this.kind, this.clock);
  }

  /** Live events emitted since start (backfilled candles not included). */
  get emitted(): number {
    return this.count;
  }

  /** Backfilled candle events emitted. */
  get backfilledCandles(): number {
    return this.backfillCount;
  }

  /** True while a burst is on. */
  get bursting(): boolean {
    return this.clock.now() < this.burstUntil;
  }

  get symbols(): string[] {
    return this.model.symbols;
  }

  /**
   * Reports `connecting`, emits the backfill (once per source, on the first start) in chunks, then
   * reports `live` and starts the live events. Resolves at once, before the backfill is done.
   */
  async start(sink: SourceSink): Promise<void> {
    if (this.running !== undefined) return;
    const run = new AbortController();
    this.running = run;
    this.sink = sink;
    this.reporter.attach(sink);
    const backfill = this.backfilled ? 0 : this.o.backfill;
    this.reporter.set('connecting', backfill > 0 ? `backfilling ${backfill} candles per series` : undefined);
    this.run(run.signal, backfill).catch((err: unknown) => {
      // Only a throwing sink gets here; report it rather than leave an unhandled rejection.
      if (!run.signal.aborted)
        this.reporter.set('failed', `backfill: ${(err as Error)?.message ?? String(err)}`);
    });
  }

  async stop(): Promise<void> {
    this.running?.abort();
    this.running = undefined;
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
    if (this.reporter.state !== 'stopped') this.reporter.set('stopped', 'stopped on request');
  }

  status(): SourceStatus {
    return this.reporter.status();
  }

  private async run(signal: AbortSignal, backfill: number): Promise<void> {
    if (backfill > 0) {
      const series = historyBySymbol({
        seed: this.seed,
        now: this.clock.now(),
        count: backfill,
        symbols: this.specs,
        timeframes: this.backfillTimeframes,
        rate: this.o.rate,
      });
      for (const symbolSeries of series) {
        let n = 0;
        for (const event of historyEvents(symbolSeries)) {
          this.sink?.event(event);
          this.backfillCount++;
          if (++n % BACKFILL_CHUNK === 0) await sleep(this.timers, 0, signal);
          if (signal.aborted) return;
        }
        await sleep(this.timers, 0, signal);
        if (signal.aborted) return;
      }
      this.backfilled = true;
    }
    this.lastTick = this.clock.now();
    this.reporter.set('live');
    this.schedule();
  }

  private schedule(): void {
    this.handle = this.timers.setTimeout(() => this.tick(), this.o.intervalMs);
  }

  private tick(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.lastTick);
    const start = this.lastTick;
    this.lastTick = now;
    const { burstProbability, burstMultiplier, burstDurationMs, rate } = this.o;
    if (now >= this.burstUntil && burstProbability > 0) {
      const p = 1 - (1 - burstProbability) ** (elapsed / 1000);
      if (this.bursts.chance(p)) this.burstUntil = now + burstDurationMs;
    }
    const mult = now < this.burstUntil ? burstMultiplier : 1;
    const expected = (rate * mult * elapsed) / 1000 + this.carry;
    // After a long stall (a suspended laptop) emit at most one second's worth rather than a flood.
    const n = Math.min(Math.floor(expected), Math.ceil(rate * mult));
    this.carry = n === Math.floor(expected) ? expected - n : 0;
    const sink = this.sink;
    for (let i = 0; i < n && sink; i++) {
      sink.event(this.model.next(start + Math.round(((i + 1) * elapsed) / n)));
    }
    this.count += n;
    if (this.running !== undefined) this.schedule();
  }
}
