/**
 * The all-in-one process (`tickdeck start`): sources → pipeline → LiveState, history and gateway,
 * behind the HTTP app, with embedded stores (PGlite, or PostgreSQL when configured) and an in-process
 * broker. main.ts reads the environment and calls this; tests call it with a config of their own.
 * @module
 */
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock, type Pipeline } from '@tickdeck/core';
import { TIMEFRAME_LIST } from '@tickdeck/protocol';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
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
import { parseSourceConfig } from '../sources/source-config.js';
import { SqlHistoryStore } from '../store/sql/sql-history-store.js';
import { warmLiveState } from '../store/warm-live-state.js';
import { createCollectorCore } from './collector-core.js';
import { configuredSymbols } from './configured-symbols.js';
import { openDatabase } from './open-database.js';

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

/** http://host:port of a listening Fastify app. */
export const listeningUrl = (app: FastifyInstance, scheme = 'http'): string => {
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `${scheme}://${host}:${address.port}`;
};

/** The symbols the configured sources name (before any of them has sent anything). */
export const configuredSymbolList = (config: Config): string[] => [
  ...new Set(config.sources.flatMap((raw, i) => configuredSymbols(parseSourceConfig(raw, `sources.${i}`)))),
];

export async function startTickdeck(options: TickdeckOptions): Promise<RunningTickdeck> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;

  const db = await openDatabase(config, (err) => logger.warn({ err }, 'database connection error'));
  const history = new SqlHistoryStore(db);
  await history.migrate();
  const security = createSecurity(config, { db, clock });
  const live = new MemoryLiveState();
  const warmed = await warmLiveState(
    history,
    live,
    configuredSymbolList(config).map((symbol) => ({ symbol })),
    TIMEFRAME_LIST,
  );
  logger.info({ store: history.name, ...warmed }, 'history store open, live state warmed');

  const metrics = new Registry();
  const channels = new ChannelRegistry();
  const gateway = createGateway({
    broker: new MemoryBroker({ clock }),
    registry: channels,
    retained: live,
    metrics,
    logger,
    clock,
    auth: security.gatewayAuth,
  });
  const core = await createCollectorCore({
    config,
    logger,
    clock,
    db,
    history,
    live,
    gateway,
    channels,
    metrics,
    apiKeys: security.apiKeys,
  });

  const plugins: FastifyPluginAsync[] = [
    gatewayPlugin({ gateway, allowedOrigins: security.allowedOrigins }),
    core.analytics.plugin,
    metricsRoute(metrics),
  ];
  if (options.webRoot) plugins.push(webUiPlugin(options.webRoot));
  const app = await buildApp({
    logger,
    clock,
    history,
    live,
    markets: core.markets,
    version: options.version,
    plugins,
    security: security.plugin,
    https: security.https,
    trustProxy: config.trustProxy,
    system: core.system,
    readiness: async () => core.readiness(),
  });

  await app.listen({ host: config.host, port: config.port });
  const url = listeningUrl(app, security.https ? 'https' : 'http');
  await core.start();
  logger.info({ url, sources: config.sources.map((c) => c.name ?? c.kind) }, 'tickdeck started');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await core.close();
      await app.close();
      gateway.close();
      await history.close();
      await live.close();
    })());

  return { app, url, pipeline: core.pipeline, gateway, close };
}
