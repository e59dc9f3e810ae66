/**
 * The dashboard's one connection to tickdeck: a single SDK client, its connection state for the
 * header, and subscriptions tied to a page's {@link Scope} so that navigating away unsubscribes.
 * @module
 */
import { TickdeckClient } from '@tickdeck/client';
import type {
  ConnectionState,
  TokenSource,
  PublicationOf,
  RttStats,
  SnapshotOf,
  SubscribeOptions,
  Subscription,
} from '@tickdeck/client';
import type { Scope } from '../util/scope.js';
import { EarlySubscriptions } from './early-subscriptions.js';
import { gatewayUrl } from './gateway-url.js';

/** What the header and the stale marks need to know about the connection. */
export interface ConnectionInfo {
  state: ConnectionState;
  /** Latest heartbeat round trip, ms. */
  rttMs: number | undefined;
  /** When the data on screen stopped being live (ms), undefined while connected or before any data. */
  offlineSince: number | undefined;
  /** Whether a connection was ever established in this page's life. */
  everConnected: boolean;
}

type ConnectionListener = (info: ConnectionInfo) => void;

export class LiveData {
  readonly client: TickdeckClient;
  private info: ConnectionInfo;
  private readonly listeners = new Set<ConnectionListener>();
  private readonly early: EarlySubscriptions;

  constructor(client: TickdeckClient) {
    this.client = client;
    this.early = new EarlySubscriptions(client);
    this.info = { state: client.state, rttMs: client.rtt, offlineSince: undefined, everConnected: false };
    client.on('state', (state) => {
      const wasConnected = this.info.state.status === 'connected';
      const connected = state.status === 'connected';
      let { offlineSince, everConnected } = this.info;
      // Closed on purpose (sign-out): the page and its values are gone, nothing is stale.
      const closedByUser = state.status === 'disconnected' && state.reason.type === 'user';
      if (connected) {
        offlineSince = undefined;
        everConnected = true;
      } else if (closedByUser) {
        offlineSince = undefined;
      } else if (wasConnected) {
        offlineSince = Date.now();
      }
      this.update({ ...this.info, state, offlineSince, everConnected });
    });
    client.on('rtt', (stats: RttStats) => this.update({ ...this.info, rttMs: stats.latest }));
  }

  get connection(): ConnectionInfo {
    return this.info;
  }

  /** Listen to connection changes; called at once with the current value. Returns the remover. */
  onConnection(listener: ConnectionListener): () => void {
    this.listeners.add(listener);
    listener(this.info);
    return () => this.listeners.delete(listener);
  }

  /**
   * Subscribe to channels a page about to load will follow, so their snapshots arrive while its
   * code does (data/early-subscriptions.ts). The page's own {@link subscribe} takes them over.
   */
  prefetch(channels: readonly string[]): void {
    for (const channel of channels) this.early.start(channel);
  }

  /** Drop the prefetched subscriptions no page took (the page did not load, sign-out). */
  dropPrefetched(): void {
    this.early.clear();
  }

  /** Follow a channel until `scope` is disposed. */
  subscribe<C extends string, S = SnapshotOf<C>, P = PublicationOf<C>>(
    scope: Scope,
    channel: C,
    options: SubscribeOptions<S, P>,
  ): Subscription {
    // A prefetched subscription serves only a plain subscription (no rate limit, no resume point).
    const plain = options.maxRateMs === undefined && options.since === undefined;
    if (!plain) this.early.drop(channel);
    const sub =
      (plain ? this.early.take(channel, options) : undefined) ??
      this.client.subscribe<C, S, P>(channel, options);
    scope.add(() => sub.unsubscribe());
    return sub;
  }

  /** Connect now, or retry at once when waiting to reconnect. */
  reconnect(): void {
    if (this.info.state.status === 'reconnecting') this.client.reconnectNow();
    else if (this.info.state.status === 'disconnected') {
      if (this.info.state.reason.type === 'initial' || this.info.state.reason.type === 'user')
        this.client.connect();
      else this.client.reconnectNow();
    }
  }

  private update(info: ConnectionInfo): void {
    this.info = info;
    for (const listener of this.listeners) listener(info);
  }
}

/**
 * The client for this page's server: `ws(s)://<same host>/ws`.
 * @param token asked on every connection and before the token expires (auth/live-auth.ts)
 */
export const createLiveData = (token?: TokenSource): LiveData =>
  new LiveData(new TickdeckClient({ url: gatewayUrl(location.href), token }));
