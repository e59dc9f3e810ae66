/**
 * Notices silence: after `staleAfterMs` without {@link StaleWatch.touch}, calls `onStale` once; the next
 * touch calls `onFresh`. Checks on a timer so a source that has gone quiet is still noticed.
 * @module
 */
import type { Clock } from '@tickdeck/core';
import type { TimerHandle, Timers } from './timers.js';

export interface StaleWatchOptions {
  clock: Clock;
  timers: Timers;
  /** Silence after which the source is stale, ms. */
  staleAfterMs: number;
  onStale(silenceMs: number): void;
  onFresh(): void;
}

export class StaleWatch {
  private last: number;
  private stale = false;
  private handle: TimerHandle | undefined;
  private running = false;

  constructor(private readonly o: StaleWatchOptions) {
    this.last = o.clock.now();
  }

  /** Starts checking; the silence counts from now. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.last = this.o.clock.now();
    this.stale = false;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.handle !== undefined) this.o.timers.clearTimeout(this.handle);
    this.handle = undefined;
  }

  /** Data arrived. */
  touch(): void {
    this.last = this.o.clock.now();
    if (this.stale) {
      this.stale = false;
      this.o.onFresh();
    }
  }

  get isStale(): boolean {
    return this.stale;
  }

  private schedule(): void {
    const check = Math.max(10, Math.min(1000, Math.floor(this.o.staleAfterMs / 4)));
    this.handle = this.o.timers.setTimeout(() => {
      if (!this.running) return;
      const silence = this.o.clock.now() - this.last;
      if (!this.stale && silence >= this.o.staleAfterMs) {
        this.stale = true;
        this.o.onStale(silence);
      }
      this.schedule();
    }, check);
  }
}
