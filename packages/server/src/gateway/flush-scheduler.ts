/**
 * One timer for every connection with something to send: the first message queued on an idle
 * connection marks it, and all marked connections are flushed together after the batching delay.
 * @module
 */
export interface Flushable {
  flush(): void;
}

export class FlushScheduler {
  private pending: Flushable[] = [];
  private spare: Flushable[] = [];
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;

  /** @param delayMs batching delay; 0 flushes on the next turn of the event loop (setImmediate). */
  constructor(private readonly delayMs: number) {}

  mark(target: Flushable): void {
    this.pending.push(target);
    if (this.timer === undefined) {
      this.timer = this.delayMs > 0 ? setTimeout(this.run, this.delayMs) : setImmediate(this.run);
    }
  }

  /** Flush every marked connection now (benchmarks, shutdown). */
  flushNow(): void {
    this.cancel();
    this.run();
  }

  cancel(): void {
    if (this.timer === undefined) return;
    if (this.delayMs > 0) clearTimeout(this.timer as NodeJS.Timeout);
    else clearImmediate(this.timer as NodeJS.Immediate);
    this.timer = undefined;
  }

  private readonly run = (): void => {
    this.timer = undefined;
    const list = this.pending;
    this.pending = this.spare;
    for (let i = 0; i < list.length; i++) list[i]!.flush();
    list.length = 0;
    this.spare = list;
  };
}
