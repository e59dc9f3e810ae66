/**
 * One timer for every connection with something to send: connections with messages queued are
 * marked, and all marked connections are flushed together.
 *
 * When the last flush was at least the batching delay ago (a quiet gateway), the marked connections
 * are flushed at the end of the current turn of the event loop (setImmediate): everything one
 * publication fans out still leaves in one frame per connection, without waiting for a timer.
 * Messages queued sooner after a flush wait until the delay since that flush has passed, so a busy
 * gateway still writes at most one frame per connection per delay.
 * @module
 */
export interface Flushable {
  flush(): void;
}

/** What the scheduler reads the time from (ms, monotonic). */
export type Now = () => number;

export class FlushScheduler {
  private pending: Flushable[] = [];
  private spare: Flushable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private lastFlush = -Infinity;

  /**
   * @param delayMs batching delay: the least time between two flushes; 0 flushes on every turn.
   * @param now the clock (tests)
   */
  constructor(
    private readonly delayMs: number,
    private readonly now: Now = () => performance.now(),
  ) {}

  mark(target: Flushable): void {
    this.pending.push(target);
    if (this.timer !== undefined || this.immediate !== undefined) return;
    const wait = this.lastFlush + this.delayMs - this.now();
    if (wait > 0) this.timer = setTimeout(this.run, wait);
    else this.immediate = setImmediate(this.run);
  }

  /** Flush every marked connection now (benchmarks, shutdown). */
  flushNow(): void {
    this.cancel();
    this.run();
  }

  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }

  private readonly run = (): void => {
    this.timer = undefined;
    this.immediate = undefined;
    this.lastFlush = this.now();
    const list = this.pending;
    this.pending = this.spare;
    for (let i = 0; i < list.length; i++) list[i]!.flush();
    list.length = 0;
    this.spare = list;
  };
}
