/**
 * The subscribing half of the Redis broker: one pub/sub connection, SUBSCRIBE on a channel's first
 * listener and UNSUBSCRIBE after its last, and per channel the last (epoch, seq) delivered, so that
 * listeners get every publication once and in order: a seq gap within an epoch is filled from the
 * history stream before going on, and after the connection comes back what was published meanwhile
 * is read from the stream. A new epoch is delivered as it comes (its subscribers resync).
 * @module
 */
import type { Redis } from 'ioredis';
import type { BrokerPublication, PublicationListener } from '../broker.js';
import type { BrokerKeys } from './broker-keys.js';
import { decodePublication } from './publication-codec.js';

export interface RedisBrokerStats {
  /** Publications delivered from the history stream: gap fills and catch-ups after reconnecting. */
  filled: number;
  /** Publications that could not be delivered because the history no longer held them. */
  missed: number;
  /** Times the pub/sub connection came back and its channels were subscribed again. */
  resumes: number;
}

/** Queued in a channel's inbox after a reconnect: read what was published while away. */
const CATCH_UP = Symbol('catch-up');
type Item = BrokerPublication | typeof CATCH_UP;

const enum Order {
  Deliver,
  Drop,
  Gap,
}

interface Follow {
  readonly channel: string;
  /** The pub/sub channel. */
  readonly name: string;
  listeners: readonly PublicationListener[];
  ready: Promise<void>;
  /** Last delivered (or, before any, the position when subscribing); epoch undefined: none yet. */
  epoch: string | undefined;
  seq: number;
  /** While true, arrivals wait in `inbox`: the start is not done, or a history read runs. */
  busy: boolean;
  inbox: Item[];
}

export interface ChannelFollowerOptions {
  subscriber: Redis;
  /** The command connection: positions and history reads. */
  client: Redis;
  keys: BrokerKeys;
  onError: (err: unknown, channel: string) => void;
}

export class ChannelFollower {
  readonly stats: RedisBrokerStats = { filled: 0, missed: 0, resumes: 0 };
  /** By pub/sub channel name. */
  private readonly follows = new Map<string, Follow>();
  private wasReady = false;
  private down = false;

  constructor(private readonly o: ChannelFollowerOptions) {
    this.wasReady = o.subscriber.status === 'ready';
    o.subscriber.on('messageBuffer', this.onMessage);
    o.subscriber.on('ready', this.onReady);
    o.subscriber.on('error', this.onConnectionError);
  }

  subscribe(channel: string, listener: PublicationListener): Promise<void> {
    const name = this.o.keys.pubsub(channel);
    const found = this.follows.get(name);
    if (found) {
      if (!found.listeners.includes(listener)) found.listeners = [...found.listeners, listener];
      return found.ready;
    }
    const f: Follow = {
      channel,
      name,
      listeners: [listener],
      ready: Promise.resolve(),
      epoch: undefined,
      seq: 0,
      busy: true,
      inbox: [],
    };
    this.follows.set(name, f);
    f.ready = this.start(f);
    return f.ready;
  }

  async unsubscribe(channel: string, listener: PublicationListener): Promise<void> {
    const name = this.o.keys.pubsub(channel);
    const f = this.follows.get(name);
    if (!f) return;
    // Copy-on-write: a delivery in progress keeps iterating its own array.
    f.listeners = f.listeners.filter((l) => l !== listener);
    if (f.listeners.length > 0) return;
    this.follows.delete(name);
    f.inbox.length = 0;
    await this.o.subscriber.unsubscribe(name);
  }

  /** Channels followed now. */
  channels(): string[] {
    return [...this.follows.values()].map((f) => f.channel);
  }

  close(): void {
    this.o.subscriber.off('messageBuffer', this.onMessage);
    this.o.subscriber.off('ready', this.onReady);
    this.o.subscriber.off('error', this.onConnectionError);
    for (const f of this.follows.values()) f.inbox.length = 0;
    this.follows.clear();
  }

  /**
   * SUBSCRIBE, then read the position: every publication after it is made after the subscription
   * took effect, so it arrives by pub/sub; those up to it are older than `subscribe` resolving.
   */
  private async start(f: Follow): Promise<void> {
    try {
      await this.o.subscriber.subscribe(f.name);
      const [epoch, seq] = await this.o.client.hmget(this.o.keys.meta(f.channel), 'e', 's');
      if (epoch) {
        f.epoch = epoch;
        f.seq = Number(seq ?? 0);
      }
    } catch (err) {
      if (this.follows.get(f.name) === f) {
        this.follows.delete(f.name);
        this.o.subscriber.unsubscribe(f.name).catch(() => {});
      }
      throw err;
    }
    void this.drain(f);
  }

  private readonly onMessage = (nameBuf: Buffer, payload: Buffer): void => {
    const f = this.follows.get(nameBuf.toString());
    if (!f) return;
    let pub: BrokerPublication;
    try {
      pub = decodePublication(f.channel, payload);
    } catch (err) {
      this.o.onError(err, f.channel);
      return;
    }
    if (f.busy) {
      f.inbox.push(pub);
      return;
    }
    const order = this.order(f, pub);
    if (order === Order.Deliver) this.deliver(f, pub);
    else if (order === Order.Gap) this.enqueue(f, pub);
  };

  private readonly onReady = (): void => {
    this.down = false;
    const resumed = this.wasReady;
    this.wasReady = true;
    const follows = [...this.follows.values()];
    if (follows.length === 0) return;
    if (resumed) this.stats.resumes++;
    // Subscribe again (ours is not left to autoResubscribe so that the catch-up starts only once the
    // subscription is in effect), then read what was published while the connection was away.
    this.o.subscriber.subscribe(...follows.map((f) => f.name)).then(
      () => {
        for (const f of follows) if (this.follows.get(f.name) === f) this.enqueue(f, CATCH_UP);
      },
      (err: unknown) => this.o.onError(err, '*'),
    );
  };

  private readonly onConnectionError = (err: Error): void => {
    if (this.down) return;
    this.down = true;
    this.o.onError(err, '*');
  };

  private order(f: Follow, pub: BrokerPublication): Order {
    if (pub.epoch !== f.epoch) return Order.Deliver;
    if (pub.seq <= f.seq) return Order.Drop;
    return pub.seq === f.seq + 1 ? Order.Deliver : Order.Gap;
  }

  private enqueue(f: Follow, item: Item): void {
    f.inbox.push(item);
    if (f.busy) return;
    f.busy = true;
    void this.drain(f);
  }

  /** Work through the inbox in order (f.busy is set); history reads suspend it. */
  private async drain(f: Follow): Promise<void> {
    try {
      while (f.inbox.length > 0 && this.follows.get(f.name) === f) {
        const item = f.inbox.shift()!;
        if (item === CATCH_UP) {
          await this.fill(f, undefined);
          continue;
        }
        if (this.order(f, item) === Order.Gap) await this.fill(f, item.seq - 1);
        const order = this.order(f, item);
        if (order === Order.Drop) continue;
        if (order === Order.Gap) this.stats.missed += item.seq - f.seq - 1;
        this.deliver(f, item);
      }
    } finally {
      f.busy = false;
    }
  }

  /** Deliver what the stream holds after the last delivered seq, up to `upTo` (all if undefined). */
  private async fill(f: Follow, upTo: number | undefined): Promise<void> {
    let entries: [Buffer, Buffer[]][];
    try {
      entries = await this.o.client.xrangeBuffer(
        this.o.keys.stream(f.channel),
        `${f.seq + 1}-0`,
        upTo === undefined ? '+' : `${upTo}-0`,
      );
    } catch (err) {
      this.o.onError(err, f.channel);
      return;
    }
    for (const [, fields] of entries) {
      if (this.follows.get(f.name) !== f) return;
      let pub: BrokerPublication;
      try {
        pub = decodePublication(f.channel, fields[1]!);
      } catch (err) {
        this.o.onError(err, f.channel);
        continue;
      }
      // Entries of another epoch: the history was reset while away; the next pub starts it anew.
      if (f.epoch !== undefined && pub.epoch !== f.epoch) continue;
      if (pub.seq <= f.seq) continue;
      if (f.epoch !== undefined && pub.seq > f.seq + 1) this.stats.missed += pub.seq - f.seq - 1;
      this.stats.filled++;
      this.deliver(f, pub);
    }
  }

  private deliver(f: Follow, pub: BrokerPublication): void {
    f.epoch = pub.epoch;
    f.seq = pub.seq;
    const listeners = f.listeners;
    for (let i = 0; i < listeners.length; i++) {
      try {
        listeners[i]!(pub);
      } catch (err) {
        this.o.onError(err, f.channel);
      }
    }
  }
}
