/**
 * Commands written while the client is not connected wait here, in order, and are sent once the
 * connection is up. The queue is bounded by count: past the bound the OLDEST command is dropped (the
 * newest intent wins) and the caller is told which.
 * @module
 */

export const DEFAULT_MAX_QUEUED = 100;

export class OutgoingQueue<T> {
  private items: T[] = [];

  constructor(readonly max: number = DEFAULT_MAX_QUEUED) {}

  get size(): number {
    return this.items.length;
  }

  /** Append; returns the dropped oldest item when the queue was full. */
  push(item: T): { dropped: T } | undefined {
    this.items.push(item);
    if (this.items.length > this.max) return { dropped: this.items.shift() as T };
    return undefined;
  }

  /** Take every queued item, oldest first, leaving the queue empty. */
  drain(): T[] {
    const out = this.items;
    this.items = [];
    return out;
  }

  clear(): void {
    this.items = [];
  }
}
