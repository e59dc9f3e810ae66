/**
 * LiveState in Redis, shared by every collector and gateway. Values are stored as JSON; see
 * docs/redis.md for the keys.
 * @module
 */
import type { Candle, MarketMetrics, Ticker, Timeframe } from '@tickdeck/protocol';
import type { Redis } from 'ioredis';
import type { ScriptCall } from '../../redis/define-script.js';
import { CANDLE_RING_SIZE, type LiveState } from '../live-state.js';
import { putCandleScript } from './candle-ring-script.js';

export interface RedisLiveStateOptions {
  /** The command connection, shared with RedisBroker (see {@link RedisLiveState}). Not closed here. */
  client: Redis;
  /** Prefix of every key. Default `tickdeck:`. */
  prefix?: string | undefined;
  /** Called for every write that failed (`op` is the method); the write is then lost. */
  onError?: ((err: unknown, op: string) => void) | undefined;
}

export interface RedisLiveStateStats {
  /** Writes that failed (Redis unreachable, or refused them). */
  failedWrites: number;
}

const parse = <T>(json: string): T => JSON.parse(json) as T;

/**
 * LiveState on Redis. Writes are fire-and-forget: each is one command (a Lua script for candles)
 * queued on the shared connection, which keeps their order, so a read made after a write on the same
 * connection sees it; a write that fails is counted and reported to `onError`, never thrown. Reads
 * reject when Redis cannot answer (within the client's command timeout).
 *
 * Keys: `<prefix>tickers` and `<prefix>metrics` (hashes symbol → JSON), `<prefix>candles:<symbol>:<tf>`
 * (sorted set scored by candle time, at most {@link CANDLE_RING_SIZE} members), `<prefix>state:<channel>`
 * (hash key → JSON). No TTL: they are the latest values, rewritten as long as a collector runs.
 *
 * Share `client` with the RedisBroker that publishes the same updates: a snapshot read after a
 * publication's position then always reflects that publication.
 * @example
 * const live = new RedisLiveState({ client: redis, onError: (err, op) => log.warn({ err, op }, 'live state write failed') });
 */
export class RedisLiveState implements LiveState {
  readonly name = 'redis';
  readonly stats: RedisLiveStateStats = { failedWrites: 0 };
  private readonly client: Redis;
  private readonly prefix: string;
  private readonly tickersKey: string;
  private readonly metricsKey: string;
  private readonly putCandleCall: ScriptCall<number>;
  private readonly onError: ((err: unknown, op: string) => void) | undefined;

  constructor(options: RedisLiveStateOptions) {
    this.client = options.client;
    this.prefix = options.prefix ?? 'tickdeck:';
    this.tickersKey = `${this.prefix}tickers`;
    this.metricsKey = `${this.prefix}metrics`;
    this.onError = options.onError;
    this.putCandleCall = putCandleScript(this.client);
  }

  setTicker(ticker: Ticker): void {
    this.write('setTicker', () => this.client.hset(this.tickersKey, ticker.symbol, JSON.stringify(ticker)));
  }

  setMetrics(metrics: MarketMetrics): void {
    this.write('setMetrics', () =>
      this.client.hset(this.metricsKey, metrics.symbol, JSON.stringify(metrics)),
    );
  }

  putCandle(candle: Candle): void {
    const key = this.ringKey(candle.symbol, candle.timeframe);
    this.write('putCandle', () =>
      this.putCandleCall([key], [String(candle.time), JSON.stringify(candle), CANDLE_RING_SIZE]),
    );
  }

  loadCandles(symbol: string, timeframe: Timeframe, candles: readonly Candle[]): void {
    const key = this.ringKey(symbol, timeframe);
    const kept = candles.slice(-CANDLE_RING_SIZE);
    this.write('loadCandles', async () => {
      const args: string[] = [];
      for (const c of kept) args.push(String(c.time), JSON.stringify(c));
      const tx = this.client.multi().del(key);
      if (args.length > 0) tx.zadd(key, ...args);
      const results = await tx.exec();
      const failed = results?.find(([err]) => err !== null);
      if (failed) throw failed[0];
    });
  }

  async ticker(symbol: string): Promise<Ticker | undefined> {
    const json = await this.client.hget(this.tickersKey, symbol);
    return json === null ? undefined : parse<Ticker>(json);
  }

  async tickers(): Promise<Ticker[]> {
    return (await this.client.hvals(this.tickersKey)).map((j) => parse<Ticker>(j));
  }

  async metrics(symbol: string): Promise<MarketMetrics | undefined> {
    const json = await this.client.hget(this.metricsKey, symbol);
    return json === null ? undefined : parse<MarketMetrics>(json);
  }

  async allMetrics(): Promise<MarketMetrics[]> {
    return (await this.client.hvals(this.metricsKey)).map((j) => parse<MarketMetrics>(j));
  }

  async candles(symbol: string, timeframe: Timeframe, limit?: number): Promise<Candle[]> {
    const n = limit === undefined ? CANDLE_RING_SIZE : Math.min(Math.floor(limit), CANDLE_RING_SIZE);
    if (!(n > 0)) return [];
    const members = await this.client.zrange(this.ringKey(symbol, timeframe), String(-n), '-1');
    return members.map((j) => parse<Candle>(j));
  }

  setState(channel: string, key: string, value: unknown): void {
    this.write('setState', () => {
      const json = JSON.stringify(value) as string | undefined;
      // Not JSON: nothing a read could return but undefined, as after deleteState.
      if (json === undefined) return this.client.hdel(this.stateKey(channel), key);
      return this.client.hset(this.stateKey(channel), key, json);
    });
  }

  deleteState(channel: string, key: string): void {
    this.write('deleteState', () => this.client.hdel(this.stateKey(channel), key));
  }

  async state(channel: string, key: string): Promise<unknown> {
    const json = await this.client.hget(this.stateKey(channel), key);
    return json === null ? undefined : parse<unknown>(json);
  }

  async states(channel: string): Promise<unknown[]> {
    const all = await this.client.hgetall(this.stateKey(channel));
    return Object.keys(all)
      .sort()
      .map((k) => parse<unknown>(all[k]!));
  }

  /** Wait until every write made before has been applied or has failed. The client stays open. */
  async close(): Promise<void> {
    await this.client.ping().catch(() => {});
  }

  private write(op: string, send: () => Promise<unknown>): void {
    let sent: Promise<unknown>;
    try {
      sent = send();
    } catch (err) {
      sent = Promise.reject(err);
    }
    sent.catch((err: unknown) => {
      this.stats.failedWrites++;
      this.onError?.(err, op);
    });
  }

  private ringKey(symbol: string, timeframe: Timeframe): string {
    return `${this.prefix}candles:${symbol}:${timeframe}`;
  }

  private stateKey(channel: string): string {
    return `${this.prefix}state:${channel}`;
  }
}
