/**
 * The Broker on Redis, shared by every collector and gateway process. See docs/redis.md for the keys.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '@tickdeck/core';
import { systemClock } from '@tickdeck/core';
import type { StreamPosition } from '@tickdeck/protocol';
import type { Redis } from 'ioredis';
import {
  DEFAULT_HISTORY,
  type Broker,
  type BrokerPublication,
  type HistoryOptions,
  type PublicationListener,
  type RecoveryResult,
} from '../broker.js';
import { BrokerKeys } from './broker-keys.js';
import { brokerScripts, type BrokerScripts } from './broker-scripts.js';
import { ChannelFollower, type RedisBrokerStats } from './channel-follower.js';
import { decodePublication, encodeData, type PublicationEncoding } from './publication-codec.js';

export type { RedisBrokerStats } from './channel-follower.js';

export interface RedisBrokerOptions {
  /**
   * The command connection: publications, positions, recovery. Share it with RedisLiveState (see
   * {@link RedisBroker}). Not closed by `close()`.
   */
  client: Redis;
  /**
   * The pub/sub connection. Default: `client.duplicate()`, made and closed by the broker; it connects
   * on the first `subscribe`, so a publisher-only process holds one connection.
   */
  subscriber?: Redis | undefined;
  /** Prefix of every key and pub/sub channel. Default `tickdeck:`. */
  prefix?: string | undefined;
  /** History bounds. Default 1000 publications, 5 minutes. */
  history?: Partial<HistoryOptions> | undefined;
  /** Time of publications and of the age bound. Default the system clock. */
  clock?: Clock | undefined;
  /**
   * A channel's keys expire after this long without a publication or a position read; its epoch
   * then changes. Default 86,400,000 ms (a day).
   */
  idleTtlMs?: number | undefined;
  /** How this publisher encodes data; readers decode either. Default `json` (docs/redis.md). */
  encoding?: PublicationEncoding | undefined;
  /** Failures while delivering: a throwing listener, a bad message, a history read, the connection. */
  onError?: ((err: unknown, channel: string) => void) | undefined;
}

export const DEFAULT_IDLE_TTL_MS = 86_400_000;

/**
 * Broker over Redis, the way centrifuge's Redis broker works: per channel a meta hash (epoch, seq)
 * and a stream holding the history; `publish` is one Lua script that numbers the publication,
 * appends it to the stream, trims it and PUBLISHes it, atomically, so seqs are assigned per channel
 * across processes and pub/sub messages leave in seq order. Listeners are called asynchronously
 * (after `publish` resolves, as the message comes back from Redis), once per publication, in order:
 * a gap is filled from the history, and so is what was published while the pub/sub connection was
 * away. Channels lost by Redis (restart without persistence, expiry of an idle channel, deletion)
 * get a new epoch.
 *
 * Use the same `client` for RedisLiveState: a producer that writes live state and then publishes
 * sends both on one connection, which Redis executes in order, so a snapshot read after a
 * publication's position always reflects that publication.
 *
 * Fail-fast: with the client of `createRedis`, a command while Redis is away rejects within a few
 * seconds (the next failed reconnect attempt, at most `commandTimeoutMs`) and is never sent twice; a
 * rejected `publish` may still have been applied if the connection broke after sending it.
 * @example
 * const redis = createRedis(config.redis, { log });
 * const broker = new RedisBroker({ client: redis, prefix: redisPrefix(config.redis) });
 * const live = new RedisLiveState({ client: redis, prefix: redisPrefix(config.redis) });
 */
export class RedisBroker implements Broker {
  readonly name = 'redis';
  readonly history: Readonly<HistoryOptions>;
  private readonly client: Redis;
  private readonly subscriber: Redis;
  private readonly ownsSubscriber: boolean;
  private readonly keys: BrokerKeys;
  private readonly scripts: BrokerScripts;
  private readonly follower: ChannelFollower;
  private readonly clock: Clock;
  private readonly encoding: PublicationEncoding;
  private readonly metaTtlMs: number;
  private readonly streamTtlMs: number;
  private readonly epochBase = BigInt('0x' + randomBytes(6).toString('hex'))
    .toString(36)
    .padStart(8, '0')
    .slice(0, 8);
  private epochCount = 0;
  private closed = false;

  constructor(options: RedisBrokerOptions) {
    this.client = options.client;
    this.history = { ...DEFAULT_HISTORY, ...options.history };
    this.clock = options.clock ?? systemClock;
    this.encoding = options.encoding ?? 'json';
    this.keys = new BrokerKeys(options.prefix ?? 'tickdeck:');
    this.metaTtlMs = Math.max(1, Math.round(options.idleTtlMs ?? DEFAULT_IDLE_TTL_MS));
    this.streamTtlMs = Math.max(1, Math.min(this.metaTtlMs, Math.ceil(this.history.maxAgeMs)));
    this.scripts = brokerScripts(this.client);
    this.ownsSubscriber = options.subscriber === undefined;
    this.subscriber =
      options.subscriber ??
      this.client.duplicate({ autoResubscribe: false, lazyConnect: true, enableOfflineQueue: true });
    this.follower = new ChannelFollower({
      subscriber: this.subscriber,
      client: this.client,
      keys: this.keys,
      onError: options.onError ?? (() => {}),
    });
  }

  /** Counters of deliveries from the history (for metrics). */
  get stats(): Readonly<RedisBrokerStats> {
    return this.follower.stats;
  }

  async publish(channel: string, data: unknown): Promise<BrokerPublication> {
    const time = this.clock.now();
    const [epoch, seq] = await this.scripts.publish(
      [this.keys.meta(channel), this.keys.stream(channel)],
      [
        this.nextEpoch(),
        String(time),
        encodeData(data, this.encoding),
        this.history.maxCount,
        this.streamTtlMs,
        this.metaTtlMs,
        this.keys.pubsub(channel),
      ],
    );
    return { channel, epoch, seq, data, time };
  }

  async position(channel: string): Promise<StreamPosition> {
    const [epoch, seq] = await this.scripts.read(
      [this.keys.meta(channel), this.keys.stream(channel)],
      [this.nextEpoch(), this.metaTtlMs, '', 0, this.history.maxCount],
    );
    return { epoch, seq };
  }

  async recover(channel: string, since: StreamPosition): Promise<RecoveryResult> {
    const valid = typeof since.epoch === 'string' && Number.isSafeInteger(since.seq) && since.seq >= 0;
    const [epochBuf, seq, entries] = await this.scripts.readBuffer(
      [this.keys.meta(channel), this.keys.stream(channel)],
      [
        this.nextEpoch(),
        this.metaTtlMs,
        valid ? since.epoch : '',
        valid ? since.seq : 0,
        this.history.maxCount,
      ],
    );
    const position = { epoch: epochBuf.toString(), seq };
    if (!valid || position.epoch !== since.epoch || since.seq > seq) return { recovered: false, position };
    if (since.seq === seq) return { recovered: true, position, publications: [] };
    if (!entries || entries.length !== seq - since.seq) return { recovered: false, position };
    const publications = entries.map(([, fields]) => decodePublication(channel, fields[1]!));
    for (let i = 0; i < publications.length; i++) {
      const p = publications[i]!;
      if (p.seq !== since.seq + 1 + i || p.epoch !== position.epoch) return { recovered: false, position };
    }
    // Times only grow along the history, so the oldest needed entry decides.
    if (publications[0]!.time < this.clock.now() - this.history.maxAgeMs)
      return { recovered: false, position };
    return { recovered: true, position, publications };
  }

  subscribe(channel: string, listener: PublicationListener): Promise<void> {
    if (this.closed) return Promise.reject(new Error('RedisBroker is closed'));
    return this.follower.subscribe(channel, listener);
  }

  unsubscribe(channel: string, listener: PublicationListener): Promise<void> {
    return this.follower.unsubscribe(channel, listener);
  }

  /** Channels this broker follows on Redis now. */
  followed(): string[] {
    return this.follower.channels();
  }

  /** Stop delivering; closes the subscriber connection if the broker made it, never `client`. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.follower.close();
    if (this.ownsSubscriber) {
      this.subscriber.on('error', () => {});
      this.subscriber.disconnect();
    }
  }

  /** A candidate epoch, used only if the channel has none: unique per call, random per broker. */
  private nextEpoch(): string {
    return this.epochBase + (this.epochCount++).toString(36);
  }
}
