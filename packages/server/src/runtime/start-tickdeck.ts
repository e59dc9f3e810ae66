/**
 * The all-in-one process: sources → pipeline → LiveState, history and gateway, behind the HTTP app.
 * main.ts reads the environment and calls this; tests call it with a config of their own.
 * @module
 */
import type { AddressInfo } from 'node:net';
import { Pipeline, systemClock, type Clock } from '@tickdeck/core';
import { TIMEFRAME_LIST, type DependencyStatus } from '@tickdeck/protocol';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import type { MarketRef } from '../app-deps.js';
import { createAnalyticsModule } from '../analytics/analytics-module.js';
import { buildApp } from '../app.js';
import type { Config } from '../config/config-schema.js';
import { ChannelRegistry } from '../gateway/channel-registry.js';
import { createGateway, type Gateway } from '../gateway/gateway.js';
import { gatewayPlugin } from '../gateway/gateway-plugin.js';
import { MemoryBroker } from '../gateway/memory/memory-broker.js';
import { webUiPlugin } from '../http/web-ui-plugin.js';
import { MemoryLiveState } from '../live/memory/memory-live-state.js';
import { metricsRoute } from '../ops/metrics-route.js';
import { createSecurity } from '../security/create-security.js';
import { createSource } from '../sources/create-source.js';
import { parseSourceConfig } from '../sources/source-config.js';
import { HistoryWriter } from '../store/history-writer.js';
import { SqlHistoryStore } from '../store/sql/sql-history-store.js';
import { startTradePruner } from '../store/trade-pruner.js';
import { warmLiveState } from '../store/warm-live-state.js';
import { writerDependencyStatus } from '../store/writer-readiness.js';
import { configuredSymbols } from './configured-symbols.js';
import { declareMarketChannels } from './market-channels.js';
import { MarketPublisher, type MarketListeners } from './market-publisher.js';
import { openDatabase } from './open-database.js';
import { registerRuntimeMetrics } from './prom-metrics.js';
import { resumeSimulator } from './resume-simulator.js';
import { SourceSupervisor } from './source-supervisor.js';
import { SystemHealthSampler } from './system-health.js';

export interface TickdeckOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Folder of the built dashboard; omitted: API only. */
  webRoot?: string;
  version?: string;
}

export interface RunningTickdeck {
  app: FastifyInstance;
  /** http://host:port the server listens on. */
  url: string;
  pipeline: Pipeline;
  gateway: Gateway;
  /** Stop sources, flush history, close connections and stores. */
  close(): Promise<void>;
}

export async function startTickdeck(options: TickdeckOptions): Promise<RunningTickdeck> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const sourceConfigs = config.sources.map((raw, i) => parseSourceConfig(raw, `sources.${i}`));
  const sourceOf = new Map<string, string>();
  for (const c of sourceConfigs) for (const s of configuredSymbols(c)) sourceOf.set(s, c.name ?? c.kind);

  const db = await openDatabase(config, (err) => logger.warn({ err }, 'database connection error'));
  const history = new SqlHistoryStore(db);
  await history.migrate();
  const security = createSecurity(config, { db, clock });
  const live = new MemoryLiveState();
  const warmed = await warmLiveState(
    history,
    live,
    [...sourceOf.keys()].map((symbol) => ({ symbol })),
    TIMEFRAME_LIST,
  );
  logger.info({ store: history.name, ...warmed }, 'history store open, live state warmed');
  const startConfigs = await Promise.all(sourceConfigs.map((c) => resumeSimulator(c, live)));

  const writer = new HistoryWriter(history, {
    maxBuffered: config.storage.maxBuffered,
    clock,
    onStatus: (s) => logger.warn({ writer: s }, 'history writer state'),
    onError: (err) => logger.debug({ err }, 'history write failed'),
  });
  const pruner = startTradePruner(history, {
    retentionMs: config.storage.tradeRetentionHours * 3_600_000,
    clock,
    onError: (err) => logger.warn({ err }, 'trade pruning failed'),
  });

  const metricsRegistry = new Registry();
  const channels = new ChannelRegistry();
  const gateway = createGateway({
    broker: new MemoryBroker({ clock }),
    registry: channels,
    metrics: metricsRegistry,
    logger,
    clock,
    auth: security.gatewayAuth,
  });
  const publish = (channel: string, data: unknown): void => {
    gateway.publish(channel, data).catch((err: unknown) => logger.warn({ err, channel }, 'publish failed'));
  };

  // Filled in once the analytics module exists (it needs the pipeline's symbols).
  const followers: MarketListeners = {};
  const publisher = new MarketPublisher(live, writer, publish, followers);
  const pipe = new Pipeline(
    { clock, lateGraceMs: config.pipeline.lateGraceMs, staleAfterMs: config.pipeline.staleAfterMs },
    {
      trade: (t) => publisher.trade(t),
      ticker: (t) => publisher.ticker(t),
      candle: (c) => publisher.candle(c),
      metrics: (m) => publisher.metrics(m),
      drop: (d) => {
        if (d.log)
          logger.warn({ source: d.source, reason: d.reason, detail: d.detail }, 'market event dropped');
      },
    },
  );
  const supervisor = new SourceSupervisor(
    startConfigs.map((c) => createSource(c, { clock })),
    pipe,
    logger,
  );

  const markets = (): MarketRef[] => {
    const seen = new Map<string, MarketRef>();
    for (const m of pipe.symbols()) seen.set(m.symbol, { ...m, source: sourceOf.get(m.symbol) ?? '' });
    for (const [symbol, source] of sourceOf)
      if (!seen.has(symbol)) seen.set(symbol, { symbol, type: 'spot', source });
    return [...seen.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
  };
  const isKnownSymbol = (symbol: string): boolean =>
    sourceOf.has(symbol) || pipe.symbols().some((m) => m.symbol === symbol);

  const stores = (): DependencyStatus[] => [
    writerDependencyStatus(`history (${history.name})`, writer.status()),
  ];
  const health = new SystemHealthSampler({
    clock,
    eventsIn: () => pipe.stats().in,
    messagesOut: () => gateway.stats.messagesOut.reduce((a, b) => a + b, 0),
    connections: () => gateway.stats.connections.ws + gateway.stats.connections.sse,
    sources: () => supervisor.status(),
    stores,
    metrics: () => live.allMetrics(),
    sourceOf: (s) => sourceOf.get(s),
  });
  declareMarketChannels(channels, live, isKnownSymbol, () => health.current());
  const analytics = createAnalyticsModule({
    db,
    gateway,
    channels,
    history,
    live,
    clock,
    logger,
    isKnownSymbol,
    config: config.analytics,
    apiKeys: security.apiKeys,
  });
  followers.onTicker = (t) => analytics.onTicker(t);
  followers.onCandle = (c) => analytics.onCandle(c);
  followers.onMetrics = (m) => analytics.onMetrics(m);
  registerRuntimeMetrics(
    metricsRegistry,
    () => pipe.stats(),
    () => supervisor.status(),
  );

  const plugins: FastifyPluginAsync[] = [
    gatewayPlugin({ gateway, allowedOrigins: security.allowedOrigins }),
    analytics.plugin,
    metricsRoute(metricsRegistry),
  ];
  if (options.webRoot) plugins.push(webUiPlugin(options.webRoot));

  const app = await buildApp({
    logger,
    clock,
    history,
    live,
    markets,
    version: options.version,
    plugins,
    security: security.plugin,
    https: security.https,
    system: () => health.current(),
    readiness: async () => {
      const deps = stores();
      for (const s of supervisor.status()) {
        deps.push({
          name: `source ${s.name}`,
          state: s.state === 'live' ? 'up' : s.state === 'failed' ? 'down' : 'degraded',
          detail: s.reason ?? s.state,
        });
      }
      return deps;
    },
  });

  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address() as AddressInfo;
  const url = `${security.https ? 'https' : 'http'}://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  const tick = setInterval(() => {
    pipe.tick();
    publisher.flush();
  }, config.pipeline.tickMs);
  const healthTimer = setInterval(() => {
    void health.sample().then(
      (h) => publish('system', h),
      (err: unknown) => logger.warn({ err }, 'health sample failed'),
    );
  }, 1000);
  await analytics.start();
  await supervisor.start();
  logger.info({ url, sources: sourceConfigs.map((c) => c.name ?? c.kind) }, 'tickdeck started');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      clearInterval(tick);
      clearInterval(healthTimer);
      await supervisor.stop();
      pipe.tick();
      publisher.flush();
      pruner.stop();
      await analytics.close();
      await app.close();
      gateway.close();
      health.close();
      const { lost } = await writer.close();
      if (lost > 0) logger.error({ lost }, 'history items not written at shutdown');
      await history.close();
      await live.close();
    })());

  return { app, url, pipeline: pipe, gateway, close };
}
