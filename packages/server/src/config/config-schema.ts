/**
 * The configuration's schema: every setting, its type, its default. docs/configuration.md lists them
 * with their environment variables.
 * @module
 */
import Type, { type Static } from 'typebox';
import { AnalyticsConfigSchema } from '../analytics/analytics-config.js';
import { RedisConfigSchema } from '../redis/redis-config.js';
import { SECURITY_CONFIG_PROPERTIES } from '../security/auth-config.js';

const LogLevel = Type.Union(
  ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
  { default: 'info' },
);

/** A source's settings: `kind` selects the adapter; the rest is checked by the adapter's own schema. */
export const SourceConfigSchema = Type.Object(
  {
    kind: Type.String({ minLength: 1 }),
    name: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,31}$' })),
  },
  { additionalProperties: true },
);

export const ConfigSchema = Type.Object(
  {
    host: Type.String({ minLength: 1, default: '127.0.0.1' }),
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
    dataDir: Type.String({ minLength: 1, default: './data' }),
    logLevel: LogLevel,
    storage: Type.Object(
      {
        /** PostgreSQL URL; when absent, the embedded PGlite store under dataDir is used. */
        databaseUrl: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
        /** Keep PGlite in memory instead of under dataDir (nothing persists). */
        inMemory: Type.Boolean({ default: false }),
        /** Raw trades older than this are pruned, hours. */
        tradeRetentionHours: Type.Number({ exclusiveMinimum: 0, default: 24 }),
        /** Items held in memory while the store is unreachable, before the oldest trades are dropped. */
        maxBuffered: Type.Integer({ minimum: 1000, default: 200_000 }),
      },
      { default: {} },
    ),
    pipeline: Type.Object(
      {
        lateGraceMs: Type.Integer({ minimum: 0, default: 5000 }),
        staleAfterMs: Type.Integer({ minimum: 100, default: 10_000 }),
        tickMs: Type.Integer({ minimum: 10, maximum: 10_000, default: 250 }),
      },
      { default: {} },
    ),
    sources: Type.Array(SourceConfigSchema, { default: [{ kind: 'simulator', name: 'simulator' }] }),
    /** Bot ingest, portfolio, alerts, webhooks and the paper-trading bot: see docs/ingest.md, docs/alerts.md. */
    analytics: AnalyticsConfigSchema,
    /** Scale-out (collector and gateway): the Redis bus and live state, a URL or options (docs/deploy.md). */
    redis: Type.Optional(RedisConfigSchema),
    /** Gateway: the collector's HTTP address, where the analytics API is forwarded. */
    collectorUrl: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$' })),
    /**
     * Proxies in front of this process whose X-Forwarded-For is believed (rate limits, logs): `true`
     * for any, or comma-separated addresses and CIDRs. A collector behind gateways needs it.
     */
    trustProxy: Type.Optional(Type.Union([Type.Boolean(), Type.String({ minLength: 1 })])),
    /** Gateway: its name in the collector's system readings. Default: host name and process id. */
    gatewayId: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' })),
    ...SECURITY_CONFIG_PROPERTIES,
  },
  { additionalProperties: false },
);

/** A source's settings: `kind`, `name`, and the adapter's own (checked by the adapter's schema). */
export type SourceConfig = Static<typeof SourceConfigSchema> & Record<string, unknown>;
export type Config = Omit<Static<typeof ConfigSchema>, 'sources'> & { sources: SourceConfig[] };
