/**
 * The `redis` setting: where Redis is and how tickdeck talks to it, as a URL or as an object
 * (one server, or a Sentinel group), and its translation into ioredis options with service defaults.
 * @module
 */
import type { RedisOptions } from 'ioredis';
import Type, { type Static } from 'typebox';

/** Defaults of the timing settings, ms. */
export const REDIS_DEFAULTS = Object.freeze({
  connectTimeoutMs: 5000,
  commandTimeoutMs: 5000,
  maxReconnectDelayMs: 2000,
  prefix: 'tickdeck:',
});

const Port = Type.Integer({ minimum: 1, maximum: 65535 });

export const RedisUrlSchema = Type.String({
  pattern: '^rediss?://',
  description: '`redis://[user:password@]host[:port][/db]`, or `rediss://` for TLS',
});

export const RedisEndpointSchema = Type.Object(
  { host: Type.String({ minLength: 1 }), port: Port },
  { additionalProperties: false },
);

export const RedisOptionsSchema = Type.Object(
  {
    /** Server URL; the other connection settings then only add to it. */
    url: Type.Optional(RedisUrlSchema),
    host: Type.Optional(Type.String({ minLength: 1 })),
    port: Type.Optional(Port),
    username: Type.Optional(Type.String()),
    password: Type.Optional(Type.String()),
    db: Type.Optional(Type.Integer({ minimum: 0 })),
    /** TLS to the server (a `rediss://` URL implies it). */
    tls: Type.Optional(Type.Boolean()),
    /** Sentinels to ask for the master of group `name`. */
    sentinels: Type.Optional(Type.Array(RedisEndpointSchema, { minItems: 1 })),
    /** The Sentinel master group; required with `sentinels`. */
    name: Type.Optional(Type.String({ minLength: 1 })),
    sentinelUsername: Type.Optional(Type.String()),
    sentinelPassword: Type.Optional(Type.String()),
    /** TLS to the sentinels too. */
    sentinelTls: Type.Optional(Type.Boolean()),
    /** Give up a connection attempt after this long. Default 5000 ms. */
    connectTimeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 600_000 })),
    /** Fail any command with no reply after this long, connected or not. Default 5000 ms. */
    commandTimeoutMs: Type.Optional(Type.Integer({ minimum: 10, maximum: 600_000 })),
    /** Reconnect delays double from 50 ms up to this. Default 2000 ms. */
    maxReconnectDelayMs: Type.Optional(Type.Integer({ minimum: 10, maximum: 60_000 })),
    /** Prefix of every key and pub/sub channel tickdeck uses, so deployments can share a Redis. */
    prefix: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[^{}\\s]+$' })),
  },
  { additionalProperties: false },
);

/**
 * The `redis` setting: a URL, or an object.
 * @example "redis://redis.internal:6379/0"
 * @example { "sentinels": [{ "host": "s1", "port": 26379 }], "name": "tickdeck", "password": "…" }
 */
export const RedisConfigSchema = Type.Union([RedisUrlSchema, RedisOptionsSchema]);

export type RedisConfig = Static<typeof RedisConfigSchema>;
export type RedisOptionsConfig = Static<typeof RedisOptionsSchema>;

/** A `redis` setting that is valid for the schema but not usable (names the setting at fault). */
export class RedisConfigError extends Error {
  override readonly name = 'RedisConfigError';
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`Invalid configuration: ${setting}: ${message}`);
  }
}

/** The object form of any `redis` setting. */
export const normalizeRedisConfig = (config: RedisConfig): RedisOptionsConfig =>
  typeof config === 'string' ? { url: config } : config;

/** The key prefix the setting asks for (default `tickdeck:`). */
export const redisPrefix = (config: RedisConfig): string =>
  normalizeRedisConfig(config).prefix ?? REDIS_DEFAULTS.prefix;

/** Where the setting points, for logs and errors: never a password. */
export function describeRedisTarget(config: RedisConfig): string {
  const c = normalizeRedisConfig(config);
  if (c.sentinels) {
    const list = c.sentinels.map((s) => `${s.host}:${s.port}`).join(',');
    return `Sentinel master "${c.name ?? '?'}" via ${list}`;
  }
  if (c.url) {
    try {
      const u = new URL(c.url);
      return `${u.protocol}//${u.hostname}:${u.port || 6379}${u.pathname.length > 1 ? u.pathname : ''}`;
    } catch {
      return '(unparseable Redis URL)';
    }
  }
  return `redis://${c.host ?? '127.0.0.1'}:${c.port ?? 6379}`;
}

/**
 * Capped exponential backoff with jitter: 50, 100, 200 … ms up to `maxMs`, plus up to 10 %.
 * Never gives up: a service keeps trying until Redis is back.
 */
export const reconnectDelay =
  (maxMs: number) =>
  (attempt: number): number => {
    const base = Math.min(maxMs, 50 * 2 ** Math.min(attempt - 1, 16));
    return Math.round(base + Math.random() * base * 0.1);
  };

/**
 * ioredis options for a service: commands fail within `commandTimeoutMs` whatever happens, and are
 * never sent twice (`maxRetriesPerRequest: 0`: a command in flight when the connection drops, or
 * waiting while it is down, is rejected at the next failed reconnect attempt instead of being resent
 * later); reconnects forever with a capped backoff; waits for a loading server (`enableReadyCheck`).
 * Commands made while connecting wait in the offline queue, so start-up needs no special care.
 * Returns the URL separately because ioredis takes it as its own argument.
 * @throws RedisConfigError when settings contradict each other.
 */
export function redisClientOptions(
  config: RedisConfig,
  extra: { connectionName?: string } = {},
): { url: string | undefined; options: RedisOptions } {
  const c = normalizeRedisConfig(config);
  if (c.sentinels && c.name === undefined)
    throw new RedisConfigError('redis.name', 'the Sentinel master group name is required with sentinels');
  if (c.name !== undefined && !c.sentinels)
    throw new RedisConfigError('redis.sentinels', 'required with name (the Sentinel master group)');
  if (c.sentinels && (c.url !== undefined || c.host !== undefined))
    throw new RedisConfigError('redis.sentinels', 'give either sentinels or url/host, not both');
  if (c.url !== undefined && (c.host !== undefined || c.port !== undefined))
    throw new RedisConfigError('redis.url', 'give either url or host/port, not both');

  const options: RedisOptions = {
    connectTimeout: c.connectTimeoutMs ?? REDIS_DEFAULTS.connectTimeoutMs,
    commandTimeout: c.commandTimeoutMs ?? REDIS_DEFAULTS.commandTimeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: true,
    enableReadyCheck: true,
    autoResubscribe: true,
    retryStrategy: reconnectDelay(c.maxReconnectDelayMs ?? REDIS_DEFAULTS.maxReconnectDelayMs),
  };
  if (extra.connectionName !== undefined) options.connectionName = extra.connectionName;
  if (c.host !== undefined) options.host = c.host;
  if (c.port !== undefined) options.port = c.port;
  if (c.username !== undefined) options.username = c.username;
  if (c.password !== undefined) options.password = c.password;
  if (c.db !== undefined) options.db = c.db;
  if (c.tls) options.tls = {};
  if (c.sentinels) {
    options.sentinels = c.sentinels.map((s) => ({ host: s.host, port: s.port }));
    options.name = c.name!;
    if (c.sentinelUsername !== undefined) options.sentinelUsername = c.sentinelUsername;
    if (c.sentinelPassword !== undefined) options.sentinelPassword = c.sentinelPassword;
    if (c.sentinelTls) {
      options.enableTLSForSentinelMode = true;
      options.sentinelTLS = {};
    }
    options.sentinelRetryStrategy = reconnectDelay(
      c.maxReconnectDelayMs ?? REDIS_DEFAULTS.maxReconnectDelayMs,
    );
  }
  return { url: c.url, options };
}
