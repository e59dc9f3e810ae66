/**
 * `tickdeck collector`: sources, pipeline, analytics and history writers, on PostgreSQL and Redis.
 * Publications go to the Redis bus for the gateways; its HTTP port serves the analytics API (which the
 * gateways forward to it), the REST read API, /health, /ready and /metrics, but no WebSocket clients.
 * @module
 */
import { systemClock, type Clock, type Pipeline } from '@tickdeck/core';
import { TIMEFRAME_LIST } from '@tickdeck/protocol';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { buildApp } from '../app.js';
import type { Config } from '../config/config-schema.js';
import { ChannelRegistry } from '../gateway/channel-registry.js';
import { createGateway } from '../gateway/gateway.js';
import { metricsRoute } from '../ops/metrics-route.js';
import { createSecurity } from '../security/create-security.js';
import { createCollectorCore } from '../runtime/collector-core.js';
import { configuredSymbolList, listeningUrl } from '../runtime/start-tickdeck.js';
import { warmLiveState } from '../store/warm-live-state.js';
import { GatewayReports } from './gateway-reports.js';
import { watchRedisLoss } from './redis-loss-watch.js';
import { openScaleOutStores, requireScaleOutConfig } from './scale-out-stores.js';

export interface CollectorRoleOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  version?: string;
}

export interface RunningCollector {
  app: FastifyInstance;
  url: string;
  pipeline: Pipeline;
  close(): Promise<void>;
}

export async function startCollector(options: CollectorRoleOptions): Promise<RunningCollector> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  requireScaleOutConfig(config, 'collector');
  const stores = await openScaleOutStores(config, logger, clock, 'collector');
  const { live, history } = stores;
  const security = createSecurity(config, { db: stores.db, clock });
  const symbols = configuredSymbolList(config).map((symbol) => ({ symbol }));
  const warm = () => warmLiveState(history, live, symbols, TIMEFRAME_LIST);
  const warmed = await warm();
  logger.info({ store: history.name, ...warmed }, 'history store open, live state warmed');

  const metrics = new Registry();
  const channels = new ChannelRegistry();
  const gateway = createGateway({
    broker: stores.broker,
    registry: channels,
    retained: live,
    metrics,
    logger,
    clock,
  });
  const reports = new GatewayReports(live, clock);
  const core = await createCollectorCore({
    config,
    logger,
    clock,
    db: stores.db,
    history,
    live,
    gateway,
    channels,
    metrics,
    gateways: reports.current,
    followAllIndicators: true,
    apiKeys: security.apiKeys,
  });

  const app = await buildApp({
    logger,
    clock,
    history,
    live,
    markets: core.markets,
    version: options.version,
    plugins: [core.analytics.plugin, metricsRoute(metrics)],
    security: security.plugin,
    https: security.https,
    trustProxy: config.trustProxy,
    system: core.system,
    readiness: async () => [stores.redisStatus(), stores.pgStatus(), ...core.readiness()],
  });
  await app.listen({ host: config.host, port: config.port });
  const url = listeningUrl(app, security.https ? 'https' : 'http');
  reports.start();
  const lossWatch = await watchRedisLoss(
    stores.redis,
    `${stores.prefix}collector`,
    async () => {
      logger.warn('Redis came back without its data: writing the live state again');
      core.rewriteMarkets();
      await warm();
      await core.analytics.republish();
    },
    (err) => logger.warn({ err }, 'live state not rewritten after Redis came back'),
  );
  await core.start();
  logger.info({ url, sources: config.sources.map((c) => c.name ?? c.kind) }, 'tickdeck collector started');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      lossWatch.stop();
      reports.stop();
      await core.close();
      await app.close();
      gateway.close();
      await stores.close();
    })());
  return { app, url, pipeline: core.pipeline, close };
}
