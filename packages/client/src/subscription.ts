/**
 * One channel's subscription: its callbacks, the last position seen, and what to do with each reply
 * and publication (deliver, drop a duplicate, or ask for a resync on a gap).
 * @module
 */
import type { ChannelKind, Publication, StreamPosition, Subscribed } from '@tickdeck/protocol';
import type { ClientError } from './errors.js';

/** Facts about a delivery, passed to the callbacks. */
export interface DeliveryInfo {
  channel: string;
  epoch: string;
  seq: number;
}

/** Why a snapshot was delivered. */
export type SnapshotCause =
  /** The first subscription, without `since`. */
  | 'initial'
  /** Resubscribed with `since` (after a reconnect or a gap) but the server could not replay. */
  | 'recovery-failed';

export interface SnapshotInfo extends DeliveryInfo {
  kind: ChannelKind;
  cause: SnapshotCause;
}

export interface RecoveredInfo extends DeliveryInfo {
  kind: ChannelKind;
  /** The position the client asked to resume from. */
  since: StreamPosition;
}

/** The callbacks of a subscription. Exceptions they throw are reported as `HANDLER_FAILED`. */
export interface SubscriptionHandlers<S = unknown, P = unknown> {
  /**
   * The current state: first on subscribing, and again whenever the client had to reload (recovery
   * impossible, epoch changed). Replace the view with it. `snapshot` is undefined when the server
   * has nothing yet for the channel.
   */
  onSnapshot?: ((snapshot: S | undefined, info: SnapshotInfo) => void) | undefined;
  /** Each publication, in seq order, never twice. */
  onPublication?: ((data: P, info: DeliveryInfo) => void) | undefined;
  /** After a reconnect or resync the server replayed what was missed; the replay follows. */
  onRecovered?: ((info: RecoveredInfo) => void) | undefined;
  /** A server error on this channel (e.g. `UNKNOWN_CHANNEL`). See `Subscription.status`. */
  onError?: ((error: ClientError) => void) | undefined;
}

export interface SubscribeOptions<S = unknown, P = unknown> extends SubscriptionHandlers<S, P> {
  /** State channels only: at most one update per this many ms (latest wins). Default: every update. */
  maxRateMs?: number | undefined;
  /** Resume from this position instead of starting with a snapshot. Default: none. */
  since?: StreamPosition | undefined;
}

/**
 * - `pending`: waiting for the connection (or the next flush) to be sent.
 * - `subscribing`: sent, waiting for `subscribed`.
 * - `active`: receiving publications.
 * - `resyncing`: a gap was seen; unsubscribed and subscribing again from the last position.
 * - `failed`: the server refused it for good (see onError); it is no longer resent.
 * - `closed`: unsubscribed by the application.
 */
export type SubscriptionStatus = 'pending' | 'subscribing' | 'active' | 'resyncing' | 'failed' | 'closed';

/** Counters of one subscription, since it was created. */
export interface SubscriptionStats {
  snapshots: number;
  publications: number;
  /** Replies with `recovered: true`. */
  recoveries: number;
  /** Gaps seen on a stream channel (or an epoch change on any channel). Each caused a resync. */
  gaps: number;
  /** Resubscriptions made to repair a gap. */
  resyncs: number;
  /** Publications dropped because their seq was already seen. */
  duplicates: number;
  /** Seqs skipped on state channels: conflation or `maxRateMs`, expected and harmless. */
  conflated: number;
}

/** What the subscription made of a publication. */
export type PublicationOutcome = 'delivered' | 'duplicate' | 'gap' | 'ignored';

export class ChannelSubscription<S = unknown, P = unknown> {
  status: SubscriptionStatus = 'pending';
  kind: ChannelKind | undefined;
  position: StreamPosition | undefined;
  /** The id of the subscribe command in flight, to match its reply. */
  requestId: number | undefined;
  readonly stats: SubscriptionStats = {
    snapshots: 0,
    publications: 0,
    recoveries: 0,
    gaps: 0,
    resyncs: 0,
    duplicates: 0,
    conflated: 0,
  };

  constructor(
    readonly channel: string,
    private readonly options: SubscribeOptions<S, P>,
    private readonly reportHandlerError: (error: unknown, channel: string) => void,
  ) {
    this.position = options.since;
  }

  get maxRateMs(): number | undefined {
    return this.options.maxRateMs;
  }

  /** Whether the subscription should be (re)sent when connected. */
  get wanted(): boolean {
    return this.status !== 'failed' && this.status !== 'closed';
  }

  onSubscribed(message: Subscribed): void {
    const since = this.position;
    this.kind = message.kind;
    this.requestId = undefined;
    this.status = 'active';
    if (message.recovered && since !== undefined && since.epoch === message.ep) {
      this.stats.recoveries += 1;
      const info = { channel: this.channel, epoch: message.ep, seq: message.seq, kind: message.kind, since };
      this.call(() => this.options.onRecovered?.(info));
      return;
    }
    this.position = { epoch: message.ep, seq: message.seq };
    this.stats.snapshots += 1;
    const info: SnapshotInfo = {
      channel: this.channel,
      epoch: message.ep,
      seq: message.seq,
      kind: message.kind,
      cause: since === undefined ? 'initial' : 'recovery-failed',
    };
    this.call(() => this.options.onSnapshot?.(message.snapshot as S | undefined, info));
  }

  onPublication(pub: Publication): PublicationOutcome {
    if (this.status !== 'active') return 'ignored';
    const last = this.position;
    if (last !== undefined && pub.ep === last.epoch) {
      if (pub.seq <= last.seq) {
        this.stats.duplicates += 1;
        return 'duplicate';
      }
      if (pub.seq > last.seq + 1) {
        if (this.kind === 'stream') return this.gap();
        this.stats.conflated += pub.seq - last.seq - 1;
      }
    } else if (last !== undefined) {
      return this.gap();
    }
    this.position = { epoch: pub.ep, seq: pub.seq };
    this.stats.publications += 1;
    this.call(() =>
      this.options.onPublication?.(pub.d as P, { channel: this.channel, epoch: pub.ep, seq: pub.seq }),
    );
    return 'delivered';
  }

  /** A server error about this subscription. */
  onError(error: ClientError, permanent: boolean): void {
    if (permanent) this.status = 'failed';
    else if (this.status === 'subscribing' || this.status === 'resyncing') this.status = 'pending';
    this.requestId = undefined;
    this.call(() => this.options.onError?.(error));
  }

  private gap(): PublicationOutcome {
    this.stats.gaps += 1;
    this.stats.resyncs += 1;
    this.status = 'resyncing';
    return 'gap';
  }

  private call(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.reportHandlerError(error, this.channel);
    }
  }
}

/** The handle `subscribe()` returns. */
export interface Subscription {
  readonly channel: string;
  readonly status: SubscriptionStatus;
  /** The channel's kind, known from the first `subscribed` reply. */
  readonly kind: ChannelKind | undefined;
  /** The last (epoch, seq) delivered. */
  readonly position: StreamPosition | undefined;
  /** A copy of the counters: gaps, resyncs, duplicates, recoveries… */
  readonly stats: SubscriptionStats;
  /** Stop following the channel. Idempotent. */
  unsubscribe(): void;
}

/** A handle that exposes a subscription read-only. */
export const subscriptionHandle = (sub: ChannelSubscription, unsubscribe: () => void): Subscription => ({
  channel: sub.channel,
  get status() {
    return sub.status;
  },
  get kind() {
    return sub.kind;
  },
  get position() {
    return sub.position;
  },
  get stats() {
    return { ...sub.stats };
  },
  unsubscribe: () => {
    if (sub.status !== 'closed' && sub.status !== 'failed') unsubscribe();
  },
});
