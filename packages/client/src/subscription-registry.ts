/**
 * The client's subscriptions as state: sent in as few commands as possible, resent on every
 * connection with the last position, resynced on a gap, retried after a transient refusal.
 * @module
 */
import { ErrorCode } from '@tickdeck/protocol';
import type {
  ClientMessage,
  ErrorCodeValue,
  ErrorMessage,
  Publication,
  Subscribed,
  SubscribeRequest,
} from '@tickdeck/protocol';
import { Backoff } from './backoff.js';
import { ClientError, ClientErrorCode } from './errors.js';
import { ChannelSubscription } from './subscription.js';
import type { SubscribeOptions } from './subscription.js';
import type { TimerHandle, Timers } from './timers.js';

/** Refusals that resending the same subscription will not cure. */
const PERMANENT_ERRORS: ReadonlySet<ErrorCodeValue> = new Set([
  ErrorCode.BadRequest,
  ErrorCode.InvalidChannel,
  ErrorCode.UnknownChannel,
  ErrorCode.TooManySubscriptions,
  ErrorCode.Unauthorized,
  ErrorCode.Forbidden,
  ErrorCode.NotFound,
]);

export const DEFAULT_MAX_CHANNELS_PER_COMMAND = 100;

export interface RegistryDeps {
  send(message: ClientMessage): void;
  isConnected(): boolean;
  nextId(): number;
  timers: Timers;
  random: () => number;
  reportHandlerError(error: unknown, channel: string): void;
  maxChannelsPerCommand: number;
}

interface Entry {
  sub: ChannelSubscription;
  /** Sent on the current connection: unsubscribing must tell the server. */
  sent: boolean;
  retry: { backoff: Backoff; timer: TimerHandle | undefined };
}

const chunk = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

export class SubscriptionRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly toSubscribe = new Set<Entry>();
  private readonly toUnsubscribe = new Set<string>();
  private readonly commands = new Map<number, Entry[]>();
  private flushScheduled = false;

  constructor(private readonly deps: RegistryDeps) {}

  has(channel: string): boolean {
    return this.entries.has(channel);
  }

  get size(): number {
    return this.entries.size;
  }

  add<S, P>(channel: string, options: SubscribeOptions<S, P>): ChannelSubscription<S, P> {
    const sub = new ChannelSubscription<S, P>(channel, options, this.deps.reportHandlerError);
    const entry: Entry = {
      sub: sub as ChannelSubscription,
      sent: false,
      retry: { backoff: new Backoff({ baseMs: 1000, random: this.deps.random }), timer: undefined },
    };
    this.entries.set(channel, entry);
    this.enqueue(entry);
    return sub;
  }

  remove(channel: string): void {
    const entry = this.entries.get(channel);
    if (entry === undefined) return;
    this.entries.delete(channel);
    this.toSubscribe.delete(entry);
    this.cancelRetry(entry);
    entry.sub.status = 'closed';
    if (entry.sent && this.deps.isConnected()) {
      this.toUnsubscribe.add(channel);
      this.scheduleFlush();
    }
  }

  /** The connection is up: send every wanted subscription, from its last position. */
  onConnected(): void {
    for (const entry of this.entries.values()) {
      if (!entry.sub.wanted) continue;
      this.cancelRetry(entry);
      entry.sub.status = 'pending';
      this.toSubscribe.add(entry);
    }
    this.flush();
  }

  /** The connection is gone: the server forgot every subscription. */
  onDisconnected(): void {
    for (const entry of this.entries.values()) {
      entry.sent = false;
      entry.sub.requestId = undefined;
      if (entry.sub.wanted) entry.sub.status = 'pending';
    }
    this.toUnsubscribe.clear();
    this.commands.clear();
  }

  onSubscribed(message: Subscribed): void {
    const entry = this.entries.get(message.ch);
    if (entry === undefined) return;
    const { sub } = entry;
    const inFlight = sub.status === 'subscribing' || sub.status === 'resyncing';
    if (
      !inFlight ||
      (message.id !== undefined && sub.requestId !== undefined && message.id !== sub.requestId)
    )
      return;
    const id = sub.requestId;
    entry.retry.backoff.reset();
    sub.onSubscribed(message);
    if (id !== undefined) this.forgetCommandIfAnswered(id);
  }

  onPublication(pub: Publication): void {
    const entry = this.entries.get(pub.ch);
    if (entry === undefined) return;
    if (entry.sub.onPublication(pub) === 'gap') {
      this.toUnsubscribe.add(pub.ch);
      this.toSubscribe.add(entry);
      this.scheduleFlush();
    }
  }

  /** Route a server error to the subscriptions it concerns; false if it concerns none. */
  onError(message: ErrorMessage): boolean {
    const targets: Entry[] = [];
    if (message.ch !== undefined) {
      const entry = this.entries.get(message.ch);
      if (entry !== undefined) targets.push(entry);
    } else if (message.id !== undefined) {
      for (const entry of this.commands.get(message.id) ?? []) {
        if (entry.sub.requestId === message.id) targets.push(entry);
      }
    }
    for (const entry of targets) this.fail(entry, message);
    if (message.id !== undefined) this.forgetCommandIfAnswered(message.id);
    return targets.length > 0;
  }

  private fail(entry: Entry, message: ErrorMessage): void {
    const { sub } = entry;
    const error = new ClientError(ClientErrorCode.ServerError, `${message.code}: ${message.message}`, {
      serverCode: message.code,
      channel: sub.channel,
    });
    const inFlight = sub.status === 'subscribing' || sub.status === 'resyncing' || sub.status === 'pending';
    if (!inFlight) {
      sub.onError(error, false);
      return;
    }
    const permanent = PERMANENT_ERRORS.has(message.code);
    entry.sent = entry.sent && !permanent;
    this.toSubscribe.delete(entry);
    sub.onError(error, permanent);
    if (permanent) {
      if (this.entries.get(sub.channel) === entry) this.entries.delete(sub.channel);
      return;
    }
    this.cancelRetry(entry);
    entry.retry.timer = this.deps.timers.setTimeout(() => {
      entry.retry.timer = undefined;
      if (this.entries.get(sub.channel) === entry) this.enqueue(entry);
    }, entry.retry.backoff.next());
  }

  private enqueue(entry: Entry): void {
    this.toSubscribe.add(entry);
    this.scheduleFlush();
  }

  private cancelRetry(entry: Entry): void {
    if (entry.retry.timer === undefined) return;
    this.deps.timers.clearTimeout(entry.retry.timer);
    entry.retry.timer = undefined;
  }

  private forgetCommandIfAnswered(id: number): void {
    const entries = this.commands.get(id);
    if (entries !== undefined && entries.every((e) => e.sub.requestId !== id)) this.commands.delete(id);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || !this.deps.isConnected()) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Send the pending unsubscribes, then the pending subscribes, in commands of bounded size. */
  private flush(): void {
    if (!this.deps.isConnected()) return;
    const max = this.deps.maxChannelsPerCommand;
    for (const channels of chunk([...this.toUnsubscribe], max)) {
      this.deps.send({ op: 'unsubscribe', id: this.deps.nextId(), channels });
    }
    this.toUnsubscribe.clear();
    const entries = [...this.toSubscribe].filter(
      (e) => e.sub.wanted && this.entries.get(e.sub.channel) === e,
    );
    this.toSubscribe.clear();
    for (const group of chunk(entries, max)) {
      const id = this.deps.nextId();
      const channels: SubscribeRequest[] = [];
      for (const entry of group) {
        const { sub } = entry;
        sub.requestId = id;
        if (sub.status !== 'resyncing') sub.status = 'subscribing';
        entry.sent = true;
        const request: SubscribeRequest = { channel: sub.channel };
        if (sub.position !== undefined) request.since = { epoch: sub.position.epoch, seq: sub.position.seq };
        if (sub.maxRateMs !== undefined) request.maxRateMs = sub.maxRateMs;
        channels.push(request);
      }
      this.commands.set(id, group);
      this.deps.send({ op: 'subscribe', id, channels });
    }
  }
}
