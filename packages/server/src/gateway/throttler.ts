/** One coarse timer releasing every subscription that holds updates back for maxRateMs. */
import type { Clock } from '@tickdeck/core';

export interface Releasable {
  release(now: number): boolean;
}

export class Throttler {
  private readonly waiting = new Set<Releasable>();
  private timer: NodeJS.Timeout | undefined;

  /** @param tickMs how often held updates are checked (default 10). */
  constructor(
    private readonly clock: Clock,
    private readonly tickMs = 10,
  ) {}

  add(sub: Releasable): void {
    this.waiting.add(sub);
    this.timer ??= setInterval(this.tick, this.tickMs);
  }

  remove(sub: Releasable): void {
    this.waiting.delete(sub);
  }

  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.waiting.clear();
  }

  /** Release everything due now (exposed for tests and benchmarks). */
  readonly tick = (): void => {
    const now = this.clock.now();
    for (const sub of this.waiting) if (sub.release(now)) this.waiting.delete(sub);
    if (this.waiting.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  };
}
