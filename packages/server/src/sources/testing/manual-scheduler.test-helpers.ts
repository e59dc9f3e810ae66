/**
 * A clock and timers that move only when a test says so. Timers fire in due order, each with the clock
 * set to its due time; `delays` records every delay asked for, so tests can check pacing exactly.
 */
import { ManualClock } from '@tickdeck/core';
import type { TimerHandle, Timers } from '../timers.js';

interface Pending {
  id: number;
  due: number;
  fn: () => void;
}

export class ManualScheduler extends ManualClock implements Timers {
  private pending: Pending[] = [];
  private nextId = 1;
  readonly delays: number[] = [];

  setTimeout = (fn: () => void, ms: number): TimerHandle => {
    const id = this.nextId++;
    this.delays.push(ms);
    this.pending.push({ id, due: this.now() + Math.max(0, ms), fn });
    return id;
  };

  clearTimeout = (handle: TimerHandle): void => {
    this.pending = this.pending.filter((p) => p.id !== handle);
  };

  get pendingCount(): number {
    return this.pending.length;
  }

  /**
   * Moves time forward by `ms`, firing due timers in order and letting promise continuations run
   * between them (sources await sleeps in async loops).
   */
  async advanceAsync(ms: number): Promise<void> {
    const target = this.now() + ms;
    for (;;) {
      await flushMicrotasks();
      const next = this.pending.reduce<Pending | undefined>(
        (a, p) => (a === undefined || p.due < a.due || (p.due === a.due && p.id < a.id) ? p : a),
        undefined,
      );
      if (next === undefined || next.due > target) break;
      this.pending = this.pending.filter((p) => p !== next);
      if (next.due > this.now()) this.set(next.due);
      next.fn();
    }
    this.set(target);
    await flushMicrotasks();
  }
}

/** Lets queued promise continuations and immediates run. */
export async function flushMicrotasks(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}
