/**
 * Replays a recorded file as a {@link MarketSource}: at real speed (the gaps between timestamps
 * honoured), N times faster, or as fast as the pipeline takes it. Malformed lines are counted and
 * skipped. At the end the status turns `stopped` with a reason that says it finished, unless `loop` is set.
 * @module
 */
import { basename } from 'node:path';
import type { Clock, RawMarketEvent } from '@tickdeck/core';
import { systemClock } from '@tickdeck/core';
import type { SourceStatus } from '@tickdeck/protocol';
import { TIMEFRAMES } from '@tickdeck/protocol';
import { Backoff } from '../backoff.js';
import type { MarketSource, SourceSink } from '../market-source.js';
import { StatusReporter } from '../status-reporter.js';
import type { Timers } from '../timers.js';
import { sleep, systemTimers } from '../timers.js';
import { openRecords } from './read-records.js';
import { NO_SYMBOL, NO_TIMEFRAME, recordToEvent, shiftEvent } from './record-to-event.js';
import type { ReplayConfig } from './replay-config.js';

/** Replay settings; every field but `path` has the default of {@link ReplayConfigSchema}. */
export type ReplayOptions = Partial<Omit<ReplayConfig, 'kind' | 'path'>> & { path: string };

export interface ReplayDeps {
  clock?: Clock;
  timers?: Timers;
  random?: () => number;
  /** Called at most once per 1000 events and at the end. */
  onProgress?: (p: ReplayProgress) => void;
}

export interface ReplayProgress {
  /** Events emitted over all passes. */
  done: number;
  /** Records in the file, when known before reading it (JSON arrays), else after the first pass. */
  total: number | undefined;
  /** Lines skipped because they could not be read, over all passes. */
  malformed: number;
  /** Reasons of the malformed lines, with counts. */
  malformedByReason: Record<string, number>;
  /** Current pass, from 0. */
  pass: number;
  finished: boolean;
}

const DAY = 86_400_000;
/** In `max` mode, yield to the event loop after this many events so timers and I/O keep running. */
const YIELD_EVERY = 1000;

class FatalReplayError extends Error {}

const immediate = (): Promise<void> => new Promise((r) => setImmediate(r));

export class ReplaySource implements MarketSource {
  readonly kind = 'replay';
  readonly name: string;
  private readonly o: ReplayOptions;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly reporter: StatusReporter;
  private readonly backoff: Backoff;
  private abort: AbortController | undefined;
  private running: Promise<void> | undefined;
  /** Records read in this pass (a retry after a read error skips them). */
  private seenThisPass = 0;
  private doneThisPass = 0;
  /** Timestamp of the last event played and the clock time it was due at. */
  private lastTime: number | undefined;
  private due = 0;
  /** Added to the file's timestamps: grows by whole days on each loop pass. */
  private offset = 0;
  private firstTime: number | undefined;
  private readonly p: ReplayProgress = {
    done: 0,
    total: undefined,
    malformed: 0,
    malformedByReason: {},
    pass: 0,
    finished: false,
  };

  constructor(
    options: ReplayOptions,
    private readonly deps: ReplayDeps = {},
  ) {
    this.o = options;
    this.name = options.name ?? 'replay';
    this.clock = deps.clock ?? systemClock;
    this.timers = deps.timers ?? systemTimers;
    this.reporter = new StatusReporter(this.name, this.kind, this.clock);
    this.backoff = new Backoff({ initialMs: 1000, maxMs: 30_000 }, deps.random);
  }

  progress(): ReplayProgress {
    return { ...this.p, malformedByReason: { ...this.p.malformedByReason } };
  }

  status(): SourceStatus {
    return this.reporter.status();
  }

  async start(sink: SourceSink): Promise<void> {
    if (this.running) return;
    this.reporter.attach(sink);
    this.abort = new AbortController();
    this.reporter.set('connecting', `opening ${basename(this.o.path)}`);
    this.running = this.run(sink, this.abort.signal);
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.running;
    if (this.reporter.state !== 'stopped') this.reporter.set('stopped', 'stopped on request');
  }

  /** Resolves when the replay has finished (or stopped, or failed for good). */
  async done(): Promise<void> {
    await this.running;
  }

  private async run(sink: SourceSink, signal: AbortSignal): Promise<void> {
    let skip = 0;
    while (!signal.aborted) {
      try {
        const more = await this.pass(sink, signal, skip);
        skip = 0;
        this.backoff.reset();
        if (!more) break;
      } catch (err) {
        if (signal.aborted) break;
        const why = err instanceof Error ? err.message : String(err);
        if (err instanceof FatalReplayError) {
          this.reporter.set('failed', why);
          return;
        }
        skip = this.seenThisPass;
        const wait = this.backoff.next();
        this.reporter.set(
          'failed',
          `cannot read ${basename(this.o.path)}: ${why}; retrying in ${Math.ceil(wait / 1000)} s`,
        );
        await sleep(this.timers, wait, signal);
        if (!signal.aborted) this.reporter.set('connecting', `reopening ${basename(this.o.path)}`);
      }
    }
    if (signal.aborted) return;
    this.p.finished = true;
    this.deps.onProgress?.(this.progress());
    const m = this.p.malformed;
    this.reporter.set(
      'stopped',
      `finished: ${this.p.done} events replayed, ${m} malformed line${m === 1 ? '' : 's'} skipped`,
    );
  }

  /** One pass over the file; true when another pass should follow. */
  private async pass(sink: SourceSink, signal: AbortSignal, skip: number): Promise<boolean> {
    const o = this.o;
    const speed = o.speed ?? 1;
    const maxGap = o.maxGapMs ?? 60_000;
    const reader = await openRecords(o.path, o.format ?? 'auto', signal);
    if (reader.total !== undefined) this.p.total = reader.total;
    const ctx = { symbol: o.symbol, timeframe: o.timeframe ?? timeframeFromName(o.path) };
    let sinceYield = 0;
    this.seenThisPass = 0;
    if (skip === 0) this.doneThisPass = 0;
    for await (const rec of reader.records) {
      if (signal.aborted) return false;
      if (this.seenThisPass++ < skip) continue;
      const conv = 'error' in rec ? { error: rec.error } : recordToEvent(rec.value, ctx);
      if ('error' in conv) {
        if ((conv.error === NO_SYMBOL || conv.error === NO_TIMEFRAME) && this.p.done === 0) {
          throw new FatalReplayError(
            `${conv.error}: set \`${conv.error === NO_SYMBOL ? 'symbol' : 'timeframe'}\``,
          );
        }
        this.p.malformed++;
        this.p.malformedByReason[conv.error] = (this.p.malformedByReason[conv.error] ?? 0) + 1;
        continue;
      }
      const t = conv.time + this.offset;
      this.firstTime ??= t;
      if (speed === 'max') {
        if (++sinceYield >= YIELD_EVERY) {
          sinceYield = 0;
          await immediate();
          if (signal.aborted) return false;
        }
      } else {
        const now = this.clock.now();
        if (this.lastTime === undefined) this.due = now;
        else this.due += Math.min(Math.max(0, t - this.lastTime) / speed, maxGap);
        const wait = this.due - now;
        // Sub-millisecond waits add up in `due` and are slept off in one go later.
        if (wait >= 1) {
          sinceYield = 0;
          await sleep(this.timers, wait, signal);
          if (signal.aborted) return false;
        } else if (++sinceYield >= YIELD_EVERY) {
          sinceYield = 0;
          await sleep(this.timers, 0, signal);
        }
      }
      this.lastTime = t;
      let event = this.offset === 0 ? conv.event : shiftEvent(conv.event, this.offset);
      if (o.timestamps === 'clock') event = this.restamp(event, conv.time + this.offset);
      if (this.reporter.state !== 'live') this.reporter.set('live');
      sink.event(event);
      this.p.done++;
      this.doneThisPass++;
      if (this.p.done % 1000 === 0) this.deps.onProgress?.(this.progress());
    }
    this.p.total ??= this.seenThisPass;
    if (!o.loop) return false;
    if (this.doneThisPass === 0) throw new FatalReplayError('the file has no events to loop over');
    // Whole days keep every timeframe's buckets aligned from pass to pass.
    const span = (this.lastTime ?? 0) - (this.firstTime ?? 0);
    this.offset += Math.ceil((span + 1) / DAY) * DAY;
    this.firstTime = undefined;
    this.p.pass++;
    return true;
  }

  private restamp(event: RawMarketEvent, t: number): RawMarketEvent {
    const now = this.o.speed === 'max' ? this.clock.now() : Math.round(this.due);
    if (event.kind !== 'candle') return shiftEvent(event, now - t);
    const tf = TIMEFRAMES[event.timeframe as keyof typeof TIMEFRAMES] ?? 60_000;
    return shiftEvent(event, Math.floor((now - t) / tf) * tf);
  }
}

/** `XRP_ETH-1m.json` → `1m`. */
export function timeframeFromName(path: string): string | undefined {
  const m = /(?:^|[-_.])(1m|5m|15m|1h|4h|1d)(?:[-_.]|$)/.exec(basename(path));
  return m?.[1];
}
