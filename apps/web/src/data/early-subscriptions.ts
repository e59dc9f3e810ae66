/**
 * Subscriptions started before the page that wants them exists. On a first load the symbol page's
 * chunk (it carries the chart library) is still downloading when the connection opens; subscribing
 * to its channels then, instead of once the chunk has run, brings the 1000-candle snapshot in
 * parallel with the chunk. What arrives meanwhile is kept and handed, in order, to the page that
 * takes the subscription over; one not taken in time is dropped.
 * @module
 */
import type {
  ClientError,
  DeliveryInfo,
  RecoveredInfo,
  SnapshotInfo,
  Subscription,
  SubscriptionHandlers,
} from '@tickdeck/client';

/** What {@link EarlySubscriptions} needs of the client. */
export interface Subscriber {
  subscribe(channel: string, handlers: SubscriptionHandlers): Subscription;
}

/** How long an early subscription waits for its page, ms. */
export const EARLY_TTL_MS = 15_000;
/** Deliveries kept for a page that has not taken its subscription yet; more and it is dropped. */
export const EARLY_MAX_HELD = 1000;

type Delivery =
  | { type: 'snapshot'; data: unknown; info: SnapshotInfo }
  | { type: 'publication'; data: unknown; info: DeliveryInfo }
  | { type: 'recovered'; info: RecoveredInfo }
  | { type: 'error'; error: ClientError };

interface Early {
  sub: Subscription;
  held: Delivery[];
  target: SubscriptionHandlers | undefined;
  timer: ReturnType<typeof setTimeout>;
}

const deliver = (to: SubscriptionHandlers, d: Delivery): void => {
  switch (d.type) {
    case 'snapshot':
      return to.onSnapshot?.(d.data, d.info);
    case 'publication':
      return to.onPublication?.(d.data, d.info);
    case 'recovered':
      return to.onRecovered?.(d.info);
    case 'error':
      return to.onError?.(d.error);
  }
};

export class EarlySubscriptions {
  private readonly early = new Map<string, Early>();

  constructor(
    private readonly client: Subscriber,
    private readonly ttlMs = EARLY_TTL_MS,
    private readonly maxHeld = EARLY_MAX_HELD,
  ) {}

  /** Channels subscribed early and not taken over yet. */
  get channels(): string[] {
    return [...this.early.keys()];
  }

  /**
   * Subscribe to `channel` now, for a page to {@link take} later. Nothing if already started and not
   * taken; call it before a page follows the channel (the client refuses a second subscription).
   */
  start(channel: string): void {
    if (this.early.has(channel)) return;
    const entry: Early = {
      sub: undefined as unknown as Subscription,
      held: [],
      target: undefined,
      timer: setTimeout(() => this.drop(channel), this.ttlMs),
    };
    const push = (d: Delivery): void => {
      if (entry.target !== undefined) return deliver(entry.target, d);
      // A snapshot replaces everything before it.
      if (d.type === 'snapshot') entry.held.length = 0;
      entry.held.push(d);
      if (entry.held.length > this.maxHeld) this.drop(channel);
    };
    this.early.set(channel, entry);
    entry.sub = this.client.subscribe(channel, {
      onSnapshot: (data, info) => push({ type: 'snapshot', data, info }),
      onPublication: (data, info) => push({ type: 'publication', data, info }),
      onRecovered: (info) => push({ type: 'recovered', info }),
      onError: (error) => push({ type: 'error', error }),
    });
  }

  /**
   * Take over the early subscription of `channel`: what arrived so far is delivered to `handlers`
   * at once, in order, and everything after as it comes. The subscription is the taker's from then
   * on (its `unsubscribe()` ends it). Undefined when there is none to take.
   */
  take<S, P>(channel: string, handlers: SubscriptionHandlers<S, P>): Subscription | undefined {
    const entry = this.early.get(channel);
    if (entry === undefined) return undefined;
    this.early.delete(channel);
    clearTimeout(entry.timer);
    const target = handlers as SubscriptionHandlers;
    entry.target = target;
    const held = entry.held;
    entry.held = [];
    for (const d of held) deliver(target, d);
    return entry.sub;
  }

  /** Unsubscribe every early subscription not taken over (sign-out). */
  clear(): void {
    for (const channel of this.channels) this.drop(channel);
  }

  /** Unsubscribe the early subscription of `channel` if it was not taken over. */
  drop(channel: string): void {
    const entry = this.early.get(channel);
    if (entry === undefined) return;
    clearTimeout(entry.timer);
    this.early.delete(channel);
    entry.sub.unsubscribe();
  }
}
