/**
 * Broker: carries publications from producers to gateways and keeps each channel's recovery history.
 *
 * Guarantees, for every adapter:
 * - `publish` assigns the channel's current epoch and the next seq (previous + 1, starting at 1),
 *   atomically per channel, even with several publishers in several processes;
 * - a channel's epoch changes whenever its history can no longer be trusted (the adapter restarted
 *   without its state, history was wiped); a position from another epoch is never recovered;
 * - the history of a channel keeps the most recent publications, bounded by count and by age;
 * - `recover(channel, since)` returns every publication after `since.seq`, in seq order, with nothing
 *   missing, or `recovered: false` when it cannot (other epoch, pruned, or `since` ahead of the channel);
 * - a listener is called once per publication made after its `subscribe` resolved, per channel in
 *   seq order; a gateway subscribes only to the channels its clients follow.
 * @module
 */
import type { StreamPosition } from '@tickdeck/protocol';

export interface BrokerPublication {
  readonly channel: string;
  readonly epoch: string;
  readonly seq: number;
  readonly data: unknown;
  /** When it was published, ms since the epoch. */
  readonly time: number;
}

export type PublicationListener = (pub: BrokerPublication) => void;

export type RecoveryResult =
  | { recovered: true; position: StreamPosition; publications: BrokerPublication[] }
  | { recovered: false; position: StreamPosition };

/** Bounds of a channel's history. */
export interface HistoryOptions {
  /** Publications kept per channel. Default 1000. */
  maxCount: number;
  /** Publications older than this are dropped, ms. Default 300000 (5 minutes). */
  maxAgeMs: number;
}

export const DEFAULT_HISTORY: Readonly<HistoryOptions> = Object.freeze({ maxCount: 1000, maxAgeMs: 300_000 });

export interface Broker {
  readonly name: string;
  /** Publish `data` on `channel`; resolves with the publication as numbered. */
  publish(channel: string, data: unknown): Promise<BrokerPublication>;
  /** The channel's epoch and the seq of its latest publication (0 if none yet). */
  position(channel: string): Promise<StreamPosition>;
  /** The publications after `since`, or why not. `position` is the channel's position now. */
  recover(channel: string, since: StreamPosition): Promise<RecoveryResult>;
  /** Start calling `listener` with the channel's publications. */
  subscribe(channel: string, listener: PublicationListener): Promise<void>;
  /** Stop calling `listener` for the channel. */
  unsubscribe(channel: string, listener: PublicationListener): Promise<void>;
  close(): Promise<void>;
}
