export { buildApp } from './app.js';
export type { AppDeps, MarketRef } from './app-deps.js';
export { runServer } from './main.js';
export { startTickdeck, type TickdeckOptions, type RunningTickdeck } from './runtime/start-tickdeck.js';
export * from './config/config-schema.js';
export * from './config/load-config.js';
export { createLogger } from './logger.js';
export * from './store/history-store.js';
export * from './store/history-store-error.js';
export * from './store/history-writer.js';
export * from './store/writer-readiness.js';
export * from './store/trade-pruner.js';
export * from './store/warm-live-state.js';
export * from './store/pglite/pglite-history-store.js';
export * from './store/postgres/postgres-history-store.js';
export type { SqlExecutor, SqlQueryable } from './store/sql/sql-executor.js';
export { runMigrations, HISTORY_MIGRATIONS, type Migration } from './store/sql/migrations.js';
export * from './live/live-state.js';
export * from './live/memory/memory-live-state.js';
export { createSource, type CreateSourceDeps } from './sources/create-source.js';
export {
  parseSourceConfig,
  SourceConfigError,
  MarketSourceConfigSchema,
  type MarketSourceConfig,
} from './sources/source-config.js';
export { simulate, MarketSimulator } from './sources/simulator/market-simulator.js';
export type { MarketSource, SourceSink } from './sources/market-source.js';
export { createGateway, Gateway, type GatewayOptions } from './gateway/gateway.js';
export { gatewayPlugin, type GatewayPluginOptions } from './gateway/gateway-plugin.js';
export { ChannelRegistry, type ChannelDeclaration } from './gateway/channel-registry.js';
export type { Broker, BrokerPublication } from './gateway/broker.js';
export { MemoryBroker } from './gateway/memory/memory-broker.js';
export { DEFAULT_LIMITS, type GatewayLimits } from './gateway/gateway-limits.js';
export {
  createAnalyticsModule,
  type AnalyticsModule,
  type AnalyticsDeps,
} from './analytics/analytics-module.js';
export { AnalyticsConfigSchema, type AnalyticsConfig } from './analytics/analytics-config.js';
export * from './redis/redis-config.js';
export {
  createRedis,
  waitForRedis,
  watchConnection,
  type CreateRedisOptions,
  type RedisLog,
} from './redis/connect-redis.js';
export {
  RedisBroker,
  DEFAULT_IDLE_TTL_MS,
  type RedisBrokerOptions,
  type RedisBrokerStats,
} from './gateway/redis/redis-broker.js';
export {
  decodePublication,
  encodeData,
  type PublicationEncoding,
} from './gateway/redis/publication-codec.js';
export { PUBLISH_SCRIPT } from './gateway/redis/broker-scripts.js';
export {
  RedisLiveState,
  type RedisLiveStateOptions,
  type RedisLiveStateStats,
} from './live/redis/redis-live-state.js';
export { hashPassword, verifyPassword } from './security/password-hasher.js';
export { createSecurity, type Security } from './security/create-security.js';
export { AuthConfigSchema, type AuthConfig } from './security/auth-config.js';
