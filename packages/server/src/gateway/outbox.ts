/**
 * A connection's outbound queue: batching, priority, conflation under pressure, slow-consumer cap.
 *
 * Pressure is the bytes queued here plus the transport's own buffer. Past `softQueueBytes` the
 * queue conflates state messages (a newer value for the same channel and key supersedes the queued
 * one; stream messages are never touched), and nothing more is handed to the transport until it
 * drains. Past `hardQueueBytes` the connection is closed with SlowConsumer. Nothing here waits on
 * the network, so a slow connection costs the others nothing.
 * @module
 */
import { CloseCode } from '@tickdeck/protocol';
import type { FlushScheduler } from './flush-scheduler.js';
import type { GatewayLimits } from './gateway-limits.js';
import type { GatewayStats } from './gateway-stats.js';
import type { Encoding, OutMessage } from './out-message.js';
import type { Transport } from './transport.js';

type QueueLimits = Pick<GatewayLimits, 'softQueueBytes' | 'hardQueueBytes' | 'maxBatchBytes'>;

export class Outbox {
  private readonly enc: Encoding;
  private urgent: OutMessage[] = [];
  /** `null` marks a message superseded by a later one (conflation). */
  private normal: (OutMessage | null)[] = [];
  private superseded = 0;
  private queuedBytes = 0;
  /** confKey → index in `normal`, kept only while conflating. */
  private index: Map<string, number> | undefined;
  private scratch: OutMessage[] = [];
  private dirty = false;
  private blocked = false;
  private closed = false;

  constructor(
    private readonly transport: Transport,
    private readonly scheduler: FlushScheduler,
    private readonly limits: QueueLimits,
    private readonly stats: GatewayStats,
    /** Called after the outbox closed the transport itself (slow consumer). */
    private readonly onClosed: () => void = () => {},
  ) {
    this.enc = transport.encoding;
  }

  /** Bytes waiting here and in the transport. */
  pressure(): number {
    return this.queuedBytes + this.transport.bufferedAmount();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Queue `m`; `urgent` messages go before the others and are sent at once. */
  enqueue(m: OutMessage, urgent: boolean): void {
    if (this.closed) return;
    const size = m.size(this.enc);
    if (urgent) {
      this.urgent.push(m);
    } else {
      if (this.index !== undefined && m.confKey !== undefined) {
        const at = this.index.get(m.confKey);
        if (at !== undefined) this.supersede(at);
        this.index.set(m.confKey, this.normal.length);
      }
      this.normal.push(m);
    }
    this.queuedBytes += size;
    const pressure = this.queuedBytes + this.transport.bufferedAmount();
    if (pressure > this.limits.hardQueueBytes) {
      this.closeSlow();
      return;
    }
    if (pressure > this.limits.softQueueBytes && this.index === undefined) this.startConflating();
    if (this.blocked) return;
    if (urgent || this.queuedBytes >= this.limits.maxBatchBytes) {
      this.flush();
    } else if (!this.dirty) {
      this.dirty = true;
      this.scheduler.mark(this);
    }
  }

  /** Send everything queued, urgent first, in frames of at most `maxBatchBytes` (one message may exceed it). */
  flush(): void {
    this.dirty = false;
    if (this.closed || this.blocked) return;
    const count = this.urgent.length + this.normal.length - this.superseded;
    if (count === 0) return;
    if (this.transport.bufferedAmount() > this.limits.softQueueBytes) {
      this.block();
      return;
    }
    let items: readonly OutMessage[];
    if (this.urgent.length === 0 && this.superseded === 0) {
      items = this.normal as OutMessage[];
    } else {
      const s = this.scratch;
      for (let i = 0; i < this.urgent.length; i++) s.push(this.urgent[i]!);
      for (let i = 0; i < this.normal.length; i++) {
        const m = this.normal[i];
        if (m) s.push(m);
      }
      items = s;
    }
    this.sendFrames(items);
    this.urgent.length = 0;
    this.normal.length = 0;
    this.scratch.length = 0;
    this.superseded = 0;
    this.queuedBytes = 0;
    this.index = undefined;
    if (this.transport.bufferedAmount() > this.limits.softQueueBytes) this.block();
  }

  /** Drop everything queued (the connection is closing). Returns the count dropped. */
  discard(): number {
    const n = this.urgent.length + this.normal.length - this.superseded;
    this.closed = true;
    this.urgent = [];
    this.normal = [];
    this.index = undefined;
    this.queuedBytes = 0;
    return n;
  }

  private sendFrames(items: readonly OutMessage[]): void {
    const enc = this.enc;
    const max = this.limits.maxBatchBytes;
    const stats = this.stats;
    let from = 0;
    let bytes = 0;
    for (let i = 0; i < items.length; i++) {
      const m = items[i]!;
      const size = m.size(enc);
      if (i > from && bytes + size > max) {
        this.sendFrame(items, from, i);
        from = i;
        bytes = 0;
      }
      bytes += size;
      stats.messagesOut[m.kind]! += 1;
      stats.bytesOut[m.kind]! += size;
    }
    this.sendFrame(items, from, items.length);
  }

  private sendFrame(items: readonly OutMessage[], from: number, to: number): void {
    this.transport.send(items, from, to);
    this.stats.frames++;
    this.stats.observeBatch(to - from);
  }

  /** Keep messages here (where they can be conflated) until the transport drains. */
  private block(): void {
    this.blocked = true;
    this.transport.onceDrained(this.onDrained);
  }

  private supersede(at: number): void {
    const old = this.normal[at];
    if (!old) return;
    this.normal[at] = null;
    this.superseded++;
    this.queuedBytes -= old.size(this.enc);
    this.stats.conflated++;
  }

  private startConflating(): void {
    const index = new Map<string, number>();
    this.index = index;
    for (let i = 0; i < this.normal.length; i++) {
      const key = this.normal[i]?.confKey;
      if (key === undefined) continue;
      const at = index.get(key);
      if (at !== undefined) this.supersede(at);
      index.set(key, i);
    }
  }

  private closeSlow(): void {
    this.stats.dropped += this.discard();
    this.transport.close(CloseCode.SlowConsumer, 'slow consumer');
    this.onClosed();
  }

  private readonly onDrained = (): void => {
    this.blocked = false;
    if (this.closed) return;
    if (this.urgent.length + this.normal.length > this.superseded) this.flush();
  };
}
