/**
 * Fan-out: channel → subscribers. Each publication becomes one {@link OutMessage} (encoded at most
 * once per encoding) handed to every subscriber's outbox. It also runs the subscribe flow: follow the
 * channel on the broker, then recover from `since` or take a snapshot, with no gap and no reordering.
 * Callable without any network, for tests and benchmarks.
 * @module
 */
import type { Clock } from '@tickdeck/core';
import { ErrorCode, type StreamPosition, type Subscribed } from '@tickdeck/protocol';
import { AppError } from '../http/app-error.js';
import type { Broker, BrokerPublication, PublicationListener } from './broker.js';
import type { ResolvedChannel, SnapshotContext } from './channel-registry.js';
import type { GatewayStats } from './gateway-stats.js';
import type { RetainedStates } from './retained-states.js';
import { MessageKind, OutMessage } from './out-message.js';
import type { Outbox } from './outbox.js';
import { Subscription } from './subscription.js';
import { Throttler } from './throttler.js';

interface ChannelEntry {
  readonly resolved: ResolvedChannel;
  readonly kind: MessageKind;
  readonly urgent: boolean;
  subs: Subscription[];
  refs: number;
  /** Set while a publication is handed out: removals wait until it is done. */
  delivering: boolean;
  removals: Subscription[] | undefined;
  readonly listener: PublicationListener;
  ready: Promise<void>;
}

export interface SubscribeOptions {
  id?: number | undefined;
  since?: StreamPosition | undefined;
  /** State channels: at most one update per this many ms. */
  rateMs?: number;
}

export interface FanOutOptions {
  broker: Broker;
  clock: Clock;
  stats: GatewayStats;
  /** Answers the snapshots of `retain` channels without a provider of their own. */
  retained?: RetainedStates | undefined;
  /** Logs failures of snapshot providers and key functions. */
  onError?: (err: unknown, channel: string) => void;
}

export class FanOut {
  private readonly channels = new Map<string, ChannelEntry>();
  readonly throttler: Throttler;

  constructor(private readonly opts: FanOutOptions) {
    this.throttler = new Throttler(opts.clock);
  }

  /** Channels this gateway follows on the broker now. */
  followed(): string[] {
    return [...this.channels.keys()];
  }

  /**
   * Subscribe `outbox` to a resolved channel. The subscription exists at once (it can be cancelled
   * while pending); `ready` resolves once `subscribed` (and any replay) is queued, and rejects, with
   * the subscription already removed, if the broker or the snapshot provider fails.
   */
  subscribe(
    outbox: Outbox,
    resolved: ResolvedChannel,
    o: SubscribeOptions,
  ): { sub: Subscription; ready: Promise<void> } {
    const entry = this.entry(resolved);
    const rateMs = entry.kind === MessageKind.State ? (o.rateMs ?? 0) : 0;
    const { clock, stats } = this.opts;
    const sub = new Subscription(resolved.name, outbox, entry.urgent, rateMs, this.throttler, clock, stats);
    sub.index = entry.subs.length;
    entry.subs.push(sub);
    stats.subscriptions++;
    return { sub, ready: this.start(entry, sub, outbox, o) };
  }

  private async start(
    entry: ChannelEntry,
    sub: Subscription,
    outbox: Outbox,
    o: SubscribeOptions,
  ): Promise<void> {
    try {
      await entry.ready;
      const { reply, replay, last } = await this.prepare(entry, o);
      if (sub.cancelled) return;
      outbox.enqueue(new OutMessage(reply, MessageKind.Control, reply.ch, undefined), entry.urgent);
      for (const p of replay) outbox.enqueue(this.message(entry, p), entry.urgent);
      sub.activate(reply.ep, last);
    } catch (err) {
      this.unsubscribe(sub);
      throw err;
    }
  }

  /** Stop a subscription (idempotent; safe while a publication is being delivered). */
  unsubscribe(sub: Subscription): void {
    if (sub.cancelled) return;
    sub.cancel();
    const entry = this.channels.get(sub.channel);
    if (!entry) return;
    if (entry.delivering) (entry.removals ??= []).push(sub);
    else this.remove(entry, sub);
  }

  /** Deliver a publication to the channel's subscribers (the broker listener; public for benchmarks). */
  deliver(channel: string, pub: BrokerPublication): void {
    const entry = this.channels.get(channel);
    if (!entry) return;
    const m = this.message(entry, pub);
    this.opts.stats.publications[entry.kind]! += 1;
    const subs = entry.subs;
    entry.delivering = true;
    for (let i = 0; i < subs.length; i++) subs[i]!.deliver(m);
    entry.delivering = false;
    const removals = entry.removals;
    if (removals !== undefined) {
      entry.removals = undefined;
      for (const sub of removals) this.remove(entry, sub);
    }
  }

  private remove(entry: ChannelEntry, sub: Subscription): void {
    const subs = entry.subs;
    const i = sub.index;
    if (subs[i] === sub) {
      const lastSub = subs.pop()!;
      if (lastSub !== sub) {
        subs[i] = lastSub;
        lastSub.index = i;
      }
    }
    this.opts.stats.subscriptions--;
    if (--entry.refs === 0) {
      const name = sub.channel;
      if (this.channels.get(name) === entry) this.channels.delete(name);
      void this.opts.broker.unsubscribe(name, entry.listener).catch((err) => this.opts.onError?.(err, name));
    }
  }

  close(): void {
    this.throttler.close();
    for (const [name, entry] of this.channels)
      void this.opts.broker.unsubscribe(name, entry.listener).catch(() => {});
    this.channels.clear();
  }

  private entry(resolved: ResolvedChannel): ChannelEntry {
    let entry = this.channels.get(resolved.name);
    if (entry) {
      entry.refs++;
      return entry;
    }
    const name = resolved.name;
    const listener: PublicationListener = (pub) => this.deliver(name, pub);
    const created: ChannelEntry = {
      resolved,
      kind: resolved.decl.kind === 'state' ? MessageKind.State : MessageKind.Stream,
      urgent: resolved.decl.urgent === true,
      subs: [],
      refs: 1,
      delivering: false,
      removals: undefined,
      listener,
      ready: Promise.resolve(),
    };
    created.ready = this.opts.broker.subscribe(name, listener).catch((err: unknown) => {
      if (this.channels.get(name) === created) this.channels.delete(name);
      throw new AppError(ErrorCode.Unavailable, 'Channel unavailable', { cause: err });
    });
    this.channels.set(name, created);
    entry = created;
    return entry;
  }

  private async prepare(
    entry: ChannelEntry,
    o: SubscribeOptions,
  ): Promise<{ reply: Subscribed; replay: BrokerPublication[]; last: number }> {
    const { name, args, decl } = entry.resolved;
    const base = { op: 'subscribed' as const, id: o.id, ch: name, kind: decl.kind };
    if (o.since) {
      const r = await this.opts.broker.recover(name, o.since);
      if (r.recovered) {
        const last = r.publications.at(-1)?.seq ?? o.since.seq;
        const reply: Subscribed = { ...base, ep: r.position.epoch, seq: o.since.seq, recovered: true };
        return { reply, replay: r.publications, last };
      }
    }
    const position = await this.opts.broker.position(name);
    let snapshot: unknown;
    const provider = decl.snapshot ?? (decl.retain === true ? this.retainedSnapshot : undefined);
    if (provider) {
      try {
        snapshot = await provider({ channel: name, prefix: decl.prefix, args, position });
      } catch (err) {
        this.opts.onError?.(err, name);
        throw new AppError(ErrorCode.Unavailable, 'Snapshot unavailable', { cause: err });
      }
    }
    const reply: Subscribed = { ...base, ep: position.epoch, seq: position.seq, recovered: false, snapshot };
    return { reply, replay: [], last: position.seq };
  }

  private readonly retainedSnapshot = async ({ channel }: SnapshotContext): Promise<unknown> => {
    const store = this.opts.retained;
    if (store === undefined) throw new Error(`Channel "${channel}" retains but there is no retained store`);
    const decl = this.channels.get(channel)?.resolved.decl;
    return decl?.key ? store.states(channel) : ((await store.state(channel, '')) ?? null);
  };

  private message(entry: ChannelEntry, pub: BrokerPublication): OutMessage {
    let confKey: string | undefined;
    if (entry.kind === MessageKind.State) {
      const keyOf = entry.resolved.decl.key;
      confKey = pub.channel;
      if (keyOf) {
        try {
          confKey += '\u0000' + keyOf(pub.data);
        } catch (err) {
          // Without a key it cannot be conflated safely: deliver it like a stream message.
          confKey = undefined;
          this.opts.onError?.(err, pub.channel);
        }
      }
    }
    const msg = { op: 'pub' as const, ch: pub.channel, ep: pub.epoch, seq: pub.seq, d: pub.data };
    return new OutMessage(msg, entry.kind, pub.channel, confKey);
  }
}
