/**
 * `tickdeck gateway`: WebSocket and SSE clients, the REST API and the dashboard, reading Redis (the
 * bus and the live state) and PostgreSQL (history); the analytics API is forwarded to the collector.
 * Stateless: run as many as clients need, behind any load balancer, without sticky sessions.
 * @module
 */
import { hostname } from 'node:os';
import { computeIndicatorSeries, systemClock, type Clock } from '@tickdeck/core';
import type { DependencyStatus, SystemHealth } from '@tickdeck/protocol';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { declareAnalyticsChannels } from '../analytics/analytics-channels.js';
import { buildApp } from '../app.js';
import type { Config } from '../config/config-schema.js';
import { ChannelRegistry } from '../gateway/channel-registry.js';
import { createGateway, type Gateway } from '../gateway/gateway.js';
import { gatewayPlugin } from '../gateway/gateway-plugin.js';
import { webUiPlugin } from '../http/web-ui-plugin.js';
import { metricsRoute } from '../ops/metrics-route.js';
import { createSecurity } from '../security/create-security.js';
import { declareMarketChannels } from '../runtime/market-channels.js';
import { listeningUrl } from '../runtime/start-tickdeck.js';
import { SystemHealthSampler } from '../runtime/system-health.js';
import { collectorForward, FORWARDED_PATH_PREFIXES } from './collector-forward.js';
import { DependencyProbe } from './dependency-probe.js';
import { ForwardedApiDocs } from './forwarded-api-docs.js';
import { startGatewayReports } from './gateway-reports.js';
import { MarketsView } from './markets-view.js';
import { openScaleOutStores, requireScaleOutConfig } from './scale-out-stores.js';

export interface GatewayRoleOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Folder of the built dashboard; omitted: API only. */
  webRoot?: string;
  version?: string;
}

export interface RunningGateway {
  app: FastifyInstance;
  url: string;
  gateway: Gateway;
  /** This gateway's id in the collector's `system` readings. */
  id: string;
  close(): Promise<void>;
}

export async function startGateway(options: GatewayRoleOptions): Promise<RunningGateway> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const { collectorUrl } = requireScaleOutConfig(config, 'gateway');
  const id = config.gatewayId ?? `${hostname()}-${process.pid}`;
  const stores = await openScaleOutStores(config, logger, clock, 'gateway');
  const security = createSecurity(config, { db: stores.db, clock }, { keyRoutes: false });

  const markets = new MarketsView(stores.live, (err) => logger.debug({ err }, 'markets not read'));
  await markets.start();
  const channels = new ChannelRegistry();
  declareMarketChannels(channels, stores.live, markets.isKnownSymbol);
  declareAnalyticsChannels(channels, {
    isKnownSymbol: markets.isKnownSymbol,
    indicators: async (symbol, tf) => computeIndicatorSeries(await stores.live.candles(symbol, tf), {}),
  });
  const metrics = new Registry();
  const gateway = createGateway({
    broker: stores.broker,
    registry: channels,
    retained: stores.live,
    metrics,
    logger,
    clock,
    auth: security.gatewayAuth,
  });

  const collector = new DependencyProbe('collector', async () => {
    const res = await fetch(new URL('/health', collectorUrl), { signal: AbortSignal.timeout(2000) });
    if (!res.ok) throw new Error(`collector answered HTTP ${res.status}`);
  });
  await collector.start();
  const apiDocs = new ForwardedApiDocs({
    url: collectorUrl,
    prefixes: FORWARDED_PATH_PREFIXES,
    onError: (err) => logger.warn({ err }, '/docs lacks the collector routes until the collector answers'),
  });
  apiDocs.start();
  const dependencies = (): DependencyStatus[] => [
    stores.redisStatus(),
    stores.pgStatus(),
    collector.status(),
  ];

  const sampler = new SystemHealthSampler({
    clock,
    eventsIn: () => 0,
    messagesOut: () => gateway.stats.messagesOut.reduce((a, b) => a + b, 0),
    connections: () => gateway.stats.connections.ws + gateway.stats.connections.sse,
    sources: () => [],
    stores: dependencies,
    metrics: async () => [],
    sourceOf: () => undefined,
  });
  const stopReports = startGatewayReports(stores.live, id, async () => {
    const h = await sampler.sample();
    return {
      id,
      time: h.time,
      connections: h.connections,
      msgsOutPerSec: h.msgsOutPerSec,
      cpuPct: h.cpuPct,
      rssBytes: h.rssBytes,
    };
  });

  const plugins: FastifyPluginAsync[] = [
    gatewayPlugin({ gateway, allowedOrigins: security.allowedOrigins }),
    collectorForward({ url: collectorUrl }),
    metricsRoute(metrics),
  ];
  if (options.webRoot) plugins.push(webUiPlugin(options.webRoot));
  const app = await buildApp({
    logger,
    clock,
    history: stores.history,
    live: stores.live,
    markets: markets.markets,
    version: options.version,
    plugins,
    security: security.plugin,
    https: security.https,
    trustProxy: config.trustProxy,
    // The system reading is the collector's (it sums every gateway's figures).
    system: async () =>
      ((await stores.live.state('system', '')) as SystemHealth | undefined) ?? sampler.current(),
    readiness: async () => dependencies(),
    openapi: apiDocs.merge,
  });
  await app.listen({ host: config.host, port: config.port });
  const url = listeningUrl(app, security.https ? 'https' : 'http');
  logger.info({ url, id, collector: collectorUrl }, 'tickdeck gateway started');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      stopReports();
      markets.stop();
      collector.stop();
      apiDocs.stop();
      await app.close();
      gateway.close();
      sampler.close();
      await stores.close();
    })());
  return { app, url, gateway, id, close };
}
