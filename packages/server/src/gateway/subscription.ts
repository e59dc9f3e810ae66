/**
 * One connection's subscription to one channel: buffers live publications while its snapshot or
 * recovery is being prepared, and holds state updates back to honour maxRateMs (latest per key wins).
 * @module
 */
import type { Clock } from '@tickdeck/core';
import type { Publication } from '@tickdeck/protocol';
import type { GatewayStats } from './gateway-stats.js';
import type { OutMessage } from './out-message.js';
import type { Outbox } from './outbox.js';
import type { Throttler } from './throttler.js';

export class Subscription {
  /** Position in the channel's subscriber array (swap-remove). */
  index = -1;
  /** Live publications received before the subscription is active. */
  buffer: OutMessage[] | undefined = [];
  cancelled = false;
  /** Held state messages by confKey, in ascending seq order (maxRateMs). */
  private held: Map<string, OutMessage> | undefined;
  private nextAt = 0;

  constructor(
    readonly channel: string,
    readonly outbox: Outbox,
    readonly urgent: boolean,
    /** 0 = deliver every message. */
    readonly rateMs: number,
    private readonly throttler: Throttler,
    private readonly clock: Clock,
    private readonly stats: GatewayStats,
  ) {}

  deliver(m: OutMessage): void {
    if (this.cancelled) return;
    if (this.buffer !== undefined) this.buffer.push(m);
    else if (this.rateMs === 0) this.outbox.enqueue(m, this.urgent);
    else this.throttle(m);
  }

  /** Make the subscription live: buffered publications after `seq` in `epoch` are delivered now. */
  activate(epoch: string, seq: number): void {
    const buffered = this.buffer ?? [];
    this.buffer = undefined;
    for (const m of buffered) {
      const pub = m.msg as Publication;
      if (pub.ep === epoch && pub.seq > seq) this.deliver(m);
    }
  }

  /** Called by the throttler: send what is held if the interval has passed. Returns true when done. */
  release(now: number): boolean {
    if (now < this.nextAt) return false;
    const held = this.held;
    if (held && held.size > 0 && !this.cancelled) {
      for (const m of held.values()) this.outbox.enqueue(m, this.urgent);
      held.clear();
      this.nextAt = now + this.rateMs;
    }
    return true;
  }

  cancel(): void {
    this.cancelled = true;
    this.buffer = undefined;
    this.held?.clear();
    this.throttler.remove(this);
  }

  private throttle(m: OutMessage): void {
    const now = this.clock.now();
    if ((this.held === undefined || this.held.size === 0) && now >= this.nextAt) {
      this.nextAt = now + this.rateMs;
      this.outbox.enqueue(m, this.urgent);
      return;
    }
    const held = (this.held ??= new Map());
    const key = m.confKey ?? '';
    // delete + set keeps the map in ascending seq order, so releases never go backwards.
    if (held.delete(key)) this.stats.throttled++;
    held.set(key, m);
    this.throttler.add(this);
  }
}
