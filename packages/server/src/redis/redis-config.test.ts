import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import {
  REDIS_DEFAULTS,
  RedisConfigError,
  RedisConfigSchema,
  describeRedisTarget,
  reconnectDelay,
  redisClientOptions,
  redisPrefix,
} from './redis-config.js';

const sentinel = {
  sentinels: [
    { host: 's1', port: 26379 },
    { host: 's2', port: 26379 },
  ],
  name: 'tickdeck',
  password: 'hunter2',
  sentinelPassword: 'hunter3',
};

describe('redis setting', () => {
  it('accepts a redis:// or rediss:// URL, one server, or a Sentinel group, and nothing else', () => {
    for (const ok of [
      'redis://127.0.0.1:6379',
      'rediss://user:pw@cache.internal:6380/2',
      { host: 'cache', port: 6379, db: 1, tls: true },
      { url: 'redis://cache', commandTimeoutMs: 1000, prefix: 'prod:' },
      sentinel,
    ])
      expect(Value.Check(RedisConfigSchema, ok)).toBe(true);
    for (const bad of [
      'http://cache:6379',
      'cache:6379',
      { host: 'cache', port: 70000 },
      { sentinels: [], name: 'x' },
      { url: 'redis://cache', retries: 3 },
      { host: 'cache', prefix: 'a{b}' },
    ])
      expect(Value.Check(RedisConfigSchema, bad)).toBe(false);
  });

  it('gives service defaults: bounded commands, never resent, reconnecting forever', () => {
    const { url, options } = redisClientOptions('redis://cache:6379');
    expect(url).toBe('redis://cache:6379');
    expect(options).toMatchObject({
      connectTimeout: REDIS_DEFAULTS.connectTimeoutMs,
      commandTimeout: REDIS_DEFAULTS.commandTimeoutMs,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: true,
      enableReadyCheck: true,
    });
    const retry = options.retryStrategy!;
    expect(typeof retry(1)).toBe('number');
    expect(retry(1000)).toBeLessThanOrEqual(REDIS_DEFAULTS.maxReconnectDelayMs * 1.1);
  });

  it('maps a Sentinel group and the timing settings to ioredis options', () => {
    const { url, options } = redisClientOptions({ ...sentinel, sentinelTls: true, maxReconnectDelayMs: 500 });
    expect(url).toBeUndefined();
    expect(options).toMatchObject({
      sentinels: sentinel.sentinels,
      name: 'tickdeck',
      password: 'hunter2',
      sentinelPassword: 'hunter3',
      enableTLSForSentinelMode: true,
    });
    expect(options.sentinelRetryStrategy!(100)).toBeLessThanOrEqual(550);
  });

  it('refuses contradictory settings, naming the setting', () => {
    const err = (c: Parameters<typeof redisClientOptions>[0]) => {
      try {
        redisClientOptions(c);
      } catch (e) {
        return e;
      }
      return undefined;
    };
    expect(err({ sentinels: sentinel.sentinels })).toMatchObject({ setting: 'redis.name' });
    expect(err({ name: 'tickdeck' })).toMatchObject({ setting: 'redis.sentinels' });
    expect(err({ ...sentinel, host: 'cache' })).toMatchObject({ setting: 'redis.sentinels' });
    expect(err({ url: 'redis://cache', port: 6379 })).toBeInstanceOf(RedisConfigError);
  });

  it('describes the target without credentials', () => {
    expect(describeRedisTarget('redis://user:s3cret@cache.internal:6380/2')).toBe(
      'redis://cache.internal:6380/2',
    );
    expect(describeRedisTarget({ host: 'cache', password: 's3cret' })).toBe('redis://cache:6379');
    expect(describeRedisTarget(sentinel)).toBe('Sentinel master "tickdeck" via s1:26379,s2:26379');
    expect(describeRedisTarget(sentinel)).not.toContain('hunter');
  });

  it('doubles reconnect delays from 50 ms up to the cap', () => {
    const delay = reconnectDelay(1000);
    const d = [1, 2, 3, 10].map((n) => delay(n));
    expect(d[0]).toBeGreaterThanOrEqual(50);
    expect(d[0]).toBeLessThanOrEqual(55);
    expect(d[1]).toBeGreaterThanOrEqual(100);
    expect(d[2]).toBeGreaterThanOrEqual(200);
    expect(d[3]).toBeGreaterThanOrEqual(1000);
    expect(d[3]).toBeLessThanOrEqual(1100);
  });

  it('defaults the prefix to tickdeck:', () => {
    expect(redisPrefix('redis://cache')).toBe('tickdeck:');
    expect(redisPrefix({ url: 'redis://cache', prefix: 'staging:' })).toBe('staging:');
  });
});
