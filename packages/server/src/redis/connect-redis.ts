/**
 * Redis clients for the collector and gateway processes, built from the `redis` setting.
 * @module
 */
import { ErrorCode } from '@tickdeck/protocol';
import { Redis } from 'ioredis';
import { AppError } from '../http/app-error.js';
import { describeRedisTarget, redisClientOptions, type RedisConfig } from './redis-config.js';

/** What the helpers log through (a pino logger fits). */
export interface RedisLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface CreateRedisOptions {
  /** Where connection problems go. Without it they are dropped (never thrown). */
  log?: RedisLog | undefined;
  /** `CLIENT SETNAME`, to find the process in `CLIENT LIST` (e.g. `tickdeck-gateway`). */
  connectionName?: string | undefined;
}

/**
 * A client that connects at once and keeps reconnecting, with the service defaults of
 * {@link redisClientOptions}. It never crashes the process: connection errors are logged (once per
 * outage, then when it is back) instead of being thrown as unhandled `error` events. Use one for
 * commands, shared by RedisLiveState and RedisBroker (which duplicates it for its subscriber).
 * @throws RedisConfigError when the settings contradict each other.
 * @example
 * const redis = createRedis(config.redis, { log: logger, connectionName: 'tickdeck-collector' });
 * await waitForRedis(redis, config.redis);
 */
export function createRedis(config: RedisConfig, options: CreateRedisOptions = {}): Redis {
  const { url, options: redisOptions } = redisClientOptions(config, {
    ...(options.connectionName !== undefined ? { connectionName: options.connectionName } : {}),
  });
  const client = url === undefined ? new Redis(redisOptions) : new Redis(url, redisOptions);
  watchConnection(client, describeRedisTarget(config), options.log);
  return client;
}

/** Log a client's outages (first error of each) and recoveries; keeps `error` events from crashing. */
export function watchConnection(client: Redis, target: string, log: RedisLog | undefined): void {
  let down = false;
  client.on('error', (err: Error) => {
    if (down) return;
    down = true;
    log?.warn(
      { redis: target, err: { message: err.message, code: (err as { code?: string }).code } },
      'Redis unavailable, reconnecting',
    );
  });
  client.on('ready', () => {
    if (down) log?.info({ redis: target }, 'Redis available again');
    down = false;
  });
}

/**
 * Resolve once `client` is ready; reject after `timeoutMs` with `UNAVAILABLE`, naming the target
 * (never the password) and the last connection error. The client keeps trying either way.
 */
export async function waitForRedis(client: Redis, config: RedisConfig, timeoutMs = 10_000): Promise<void> {
  if (client.status === 'ready') return;
  let lastError: Error | undefined;
  const onError = (err: Error) => (lastError = err);
  client.on('error', onError);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        client.off('ready', onReady);
        const why = lastError ? ` (${lastError.message})` : '';
        reject(
          new AppError(
            ErrorCode.Unavailable,
            `Redis not reachable at ${describeRedisTarget(config)} after ${timeoutMs} ms${why}`,
            { cause: lastError },
          ),
        );
      }, timeoutMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      client.once('ready', onReady);
    });
  } finally {
    client.off('error', onError);
  }
}
