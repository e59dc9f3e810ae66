/**
 * In-process Broker: one epoch per instance (random, so a restarted server never recovers an old
 * position), history kept in memory, listeners called synchronously inside `publish`.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { StreamPosition } from '@tickdeck/protocol';
import { systemClock, type Clock } from '@tickdeck/core';
import {
  DEFAULT_HISTORY,
  type Broker,
  type BrokerPublication,
  type HistoryOptions,
  type PublicationListener,
  type RecoveryResult,
} from '../broker.js';

interface ChannelLog {
  seq: number;
  /** history[start..] are live; compacted when start passes half the array. */
  history: BrokerPublication[];
  start: number;
  listeners: PublicationListener[];
}

export interface MemoryBrokerOptions {
  history?: Partial<HistoryOptions>;
  clock?: Clock;
  /** Fixed epoch (tests). Default: 8 random base-36 characters. */
  epoch?: string;
}

export class MemoryBroker implements Broker {
  readonly name = 'memory';
  readonly epoch: string;
  private readonly logs = new Map<string, ChannelLog>();
  private readonly history: HistoryOptions;
  private readonly clock: Clock;

  constructor(options: MemoryBrokerOptions = {}) {
    this.history = { ...DEFAULT_HISTORY, ...options.history };
    this.clock = options.clock ?? systemClock;
    this.epoch =
      options.epoch ??
      BigInt('0x' + randomBytes(6).toString('hex'))
        .toString(36)
        .slice(0, 8);
  }

  publish(channel: string, data: unknown): Promise<BrokerPublication> {
    return Promise.resolve(this.publishSync(channel, data));
  }

  /** Same as {@link publish}, returning the publication at once (listeners have run). */
  publishSync(channel: string, data: unknown): BrokerPublication {
    const log = this.log(channel);
    const time = this.clock.now();
    const pub: BrokerPublication = { channel, epoch: this.epoch, seq: ++log.seq, data, time };
    log.history.push(pub);
    this.prune(log, time);
    const listeners = log.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i]!(pub);
    return pub;
  }

  position(channel: string): Promise<StreamPosition> {
    return Promise.resolve({ epoch: this.epoch, seq: this.logs.get(channel)?.seq ?? 0 });
  }

  recover(channel: string, since: StreamPosition): Promise<RecoveryResult> {
    const log = this.logs.get(channel);
    const position = { epoch: this.epoch, seq: log?.seq ?? 0 };
    if (
      since.epoch !== this.epoch ||
      !Number.isInteger(since.seq) ||
      since.seq < 0 ||
      since.seq > position.seq
    ) {
      return Promise.resolve({ recovered: false, position });
    }
    if (!log || since.seq === log.seq)
      return Promise.resolve({ recovered: true, position, publications: [] });
    this.prune(log, this.clock.now());
    const oldest = log.history[log.start];
    if (!oldest || oldest.seq > since.seq + 1) return Promise.resolve({ recovered: false, position });
    const publications = log.history.slice(log.start + (since.seq + 1 - oldest.seq));
    return Promise.resolve({ recovered: true, position, publications });
  }

  subscribe(channel: string, listener: PublicationListener): Promise<void> {
    const log = this.log(channel);
    if (!log.listeners.includes(listener)) log.listeners = [...log.listeners, listener];
    return Promise.resolve();
  }

  unsubscribe(channel: string, listener: PublicationListener): Promise<void> {
    const log = this.logs.get(channel);
    // Copy-on-write: a listener removed while publish iterates must not shift the others.
    if (log) log.listeners = log.listeners.filter((l) => l !== listener);
    return Promise.resolve();
  }

  close(): Promise<void> {
    for (const log of this.logs.values()) log.listeners = [];
    return Promise.resolve();
  }

  private log(channel: string): ChannelLog {
    let log = this.logs.get(channel);
    if (!log) {
      log = { seq: 0, history: [], start: 0, listeners: [] };
      this.logs.set(channel, log);
    }
    return log;
  }

  private prune(log: ChannelLog, now: number): void {
    const h = log.history;
    const minTime = now - this.history.maxAgeMs;
    let start = Math.max(log.start, h.length - this.history.maxCount);
    while (start < h.length && h[start]!.time < minTime) start++;
    if (start > 1024 && start * 2 > h.length) {
      log.history = h.slice(start);
      log.start = 0;
    } else {
      log.start = start;
    }
  }
}
