/**
 * The stores of a scale-out process: PostgreSQL for history, Redis for the bus (publications and
 * recovery history) and the live state, on one shared command connection so that a producer's
 * LiveState write and its publication reach Redis in that order.
 * @module
 */
import type { Clock } from '@tickdeck/core';
import type { DependencyStatus } from '@tickdeck/protocol';
import type { Logger } from 'pino';
import type { Config } from '../config/config-schema.js';
import { ConfigError } from '../config/load-config.js';
import { RedisBroker } from '../gateway/redis/redis-broker.js';
import { RedisLiveState } from '../live/redis/redis-live-state.js';
import type { Redis } from 'ioredis';
import { createRedis, waitForRedis } from '../redis/connect-redis.js';
import { redisPrefix } from '../redis/redis-config.js';
import { PostgresExecutor, redactUrl } from '../store/postgres/postgres-executor.js';
import { SqlHistoryStore } from '../store/sql/sql-history-store.js';
import { DependencyProbe } from './dependency-probe.js';

export interface ScaleOutStores {
  db: PostgresExecutor;
  history: SqlHistoryStore;
  live: RedisLiveState;
  broker: RedisBroker;
  /** The Redis command connection (shared by live and broker). */
  redis: Redis;
  /** The key prefix in use. */
  prefix: string;
  redisStatus(): DependencyStatus;
  pgStatus(): DependencyStatus;
  close(): Promise<void>;
}

/** The settings a scale-out role needs, or a ConfigError naming the first one missing. */
export function requireScaleOutConfig(
  config: Config,
  role: 'collector' | 'gateway',
): { databaseUrl: string; collectorUrl: string } {
  const how = `tickdeck ${role} needs PostgreSQL and Redis (see docs/deploy.md)`;
  if (!config.storage.databaseUrl)
    throw new ConfigError('TICKDECK_DATABASE_URL', `not set: ${how}, e.g. postgres://tickdeck@db/tickdeck`);
  if (!config.redis) throw new ConfigError('TICKDECK_REDIS_URL', `not set: ${how}, e.g. redis://cache:6379`);
  if (role === 'gateway' && !config.collectorUrl)
    throw new ConfigError(
      'TICKDECK_COLLECTOR_URL',
      'not set: a gateway forwards the analytics API to the collector, e.g. http://collector:8081',
    );
  return { databaseUrl: config.storage.databaseUrl, collectorUrl: config.collectorUrl ?? '' };
}

export async function openScaleOutStores(
  config: Config,
  logger: Logger,
  clock: Clock,
  role: 'collector' | 'gateway',
): Promise<ScaleOutStores> {
  const databaseUrl = config.storage.databaseUrl!;
  const redisConfig = config.redis!;
  const db = new PostgresExecutor({
    url: databaseUrl,
    onError: (err) => logger.warn({ err }, 'database connection error'),
  });
  const history = new SqlHistoryStore(db);
  try {
    await history.migrate();
  } catch (err) {
    await history.close();
    throw new Error(`PostgreSQL at ${redactUrl(databaseUrl)} cannot be used: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const redis = createRedis(redisConfig, { log: logger, connectionName: `tickdeck-${role}` });
  try {
    await waitForRedis(redis, redisConfig);
  } catch (err) {
    redis.disconnect();
    await history.close();
    throw err;
  }
  const prefix = redisPrefix(redisConfig);
  const live = new RedisLiveState({
    client: redis,
    prefix,
    onError: (err, op) => logger.debug({ err, op }, 'live state write failed'),
  });
  const broker = new RedisBroker({
    client: redis,
    prefix,
    clock,
    onError: (err, channel) => logger.debug({ err, channel }, 'broker delivery problem'),
  });
  const pg = new DependencyProbe('postgresql', () => db.query('SELECT 1'));
  await pg.start();
  return {
    db,
    history,
    live,
    broker,
    redis,
    prefix,
    pgStatus: pg.status,
    redisStatus: () =>
      redis.status === 'ready'
        ? { name: 'redis', state: 'up' }
        : { name: 'redis', state: 'down', detail: `connection ${redis.status}` },
    close: async () => {
      pg.stop();
      await broker.close();
      await live.close();
      redis.disconnect();
      await history.close();
    },
  };
}
