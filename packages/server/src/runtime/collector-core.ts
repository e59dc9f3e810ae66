/**
 * What produces the numbers: sources → pipeline → LiveState, history writer and gateway publications,
 * plus the trading analytics and the system-health sampler. Shared by the all-in-one process
 * (`tickdeck start`) and the collector (`tickdeck collector`); the caller owns the stores, the gateway
 * and the HTTP app.
 * @module
 */
import { Pipeline, type Clock } from '@tickdeck/core';
import { Channels, type DependencyStatus, type GatewayHealth } from '@tickdeck/protocol';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { MarketRef } from '../app-deps.js';
import { createAnalyticsModule, type AnalyticsModule } from '../analytics/analytics-module.js';
import type { ApiKeys } from '../analytics/ingest/api-keys.js';
import type { Config } from '../config/config-schema.js';
import type { ChannelRegistry } from '../gateway/channel-registry.js';
import type { Gateway } from '../gateway/gateway.js';
import type { LiveState } from '../live/live-state.js';
import { createSource } from '../sources/create-source.js';
import { parseSourceConfig } from '../sources/source-config.js';
import type { HistoryStore } from '../store/history-store.js';
import { HistoryWriter } from '../store/history-writer.js';
import type { SqlExecutor } from '../store/sql/sql-executor.js';
import { startTradePruner } from '../store/trade-pruner.js';
import { writerDependencyStatus } from '../store/writer-readiness.js';
import { configuredSymbols } from './configured-symbols.js';
import { declareMarketChannels } from './market-channels.js';
import { MarketPublisher, type MarketListeners } from './market-publisher.js';
import { registerRuntimeMetrics } from './prom-metrics.js';
import { resumeSimulator } from './resume-simulator.js';
import { SourceSupervisor } from './source-supervisor.js';
import { SystemHealthSampler } from './system-health.js';

/** The state channel where the markets a collector follows are kept (keyed by symbol). */
export const MARKETS_STATE = 'markets';

export interface CollectorCoreDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  db: SqlExecutor;
  history: HistoryStore;
  live: LiveState;
  gateway: Pick<Gateway, 'publish' | 'stats'>;
  channels: ChannelRegistry;
  metrics: Registry;
  /**
   * Scale-out: the gateways' latest reports. Connections and messages out on the `system` channel
   * are then their sums, not this process's own. Default: this process serves its clients itself.
   */
  gateways?: () => GatewayHealth[];
  /** Publish indicator updates of every pair (a collector: gateways take snapshots). Default: asked pairs. */
  followAllIndicators?: boolean;
  /** The bots' API keys (security). Default: the configured ones only. */
  apiKeys?: ApiKeys | undefined;
}

export interface CollectorCore {
  pipeline: Pipeline;
  analytics: AnalyticsModule;
  /** Markets followed now (configured or seen), sorted by symbol. */
  markets(): MarketRef[];
  isKnownSymbol(symbol: string): boolean;
  /** The history writer's state, for /ready and the system channel. */
  stores(): DependencyStatus[];
  /** Stores and sources, for /ready. */
  readiness(): DependencyStatus[];
  /** The latest system-health sample. */
  system: SystemHealthSampler['current'];
  /** Write the market list to LiveState again (it was lost). */
  rewriteMarkets(): void;
  /** Start the analytics, the sources and the timers. */
  start(): Promise<void>;
  /** Stop sources and timers, flush the pipeline, the analytics and the history writer. */
  close(): Promise<void>;
}

export async function createCollectorCore(deps: CollectorCoreDeps): Promise<CollectorCore> {
  const { config, logger, clock, live, history, gateway } = deps;
  const sourceConfigs = config.sources.map((raw, i) => parseSourceConfig(raw, `sources.${i}`));
  const sourceOf = new Map<string, string>();
  for (const c of sourceConfigs) for (const s of configuredSymbols(c)) sourceOf.set(s, c.name ?? c.kind);
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
  // Other processes (gateways) learn the markets from LiveState; written when the list changes.
  let marketsWritten = '';
  const writeMarkets = (): void => {
    const list = markets();
    const text = JSON.stringify(list);
    if (text === marketsWritten) return;
    marketsWritten = text;
    for (const m of list) live.setState(MARKETS_STATE, m.symbol, m);
  };

  const stores = (): DependencyStatus[] => [
    writerDependencyStatus(`history (${history.name})`, writer.status()),
  ];
  const edges = deps.gateways;
  const health = new SystemHealthSampler({
    clock,
    eventsIn: () => pipe.stats().in,
    messagesOut: () => gateway.stats.messagesOut.reduce((a, b) => a + b, 0),
    connections: () => gateway.stats.connections.ws + gateway.stats.connections.sse,
    sources: () => supervisor.status(),
    stores,
    metrics: () => live.allMetrics(),
    sourceOf: (s) => sourceOf.get(s),
    ...(edges ? { gateways: edges } : {}),
  });
  declareMarketChannels(deps.channels, live, isKnownSymbol);
  const analytics = createAnalyticsModule({
    db: deps.db,
    gateway,
    channels: deps.channels,
    history,
    live,
    clock,
    logger,
    isKnownSymbol,
    config: config.analytics,
    followAllIndicators: deps.followAllIndicators === true,
    apiKeys: deps.apiKeys,
  });
  followers.onTicker = (t) => analytics.onTicker(t);
  followers.onCandle = (c) => analytics.onCandle(c);
  followers.onMetrics = (m) => analytics.onMetrics(m);
  registerRuntimeMetrics(
    deps.metrics,
    () => pipe.stats(),
    () => supervisor.status(),
  );

  const readiness = (): DependencyStatus[] => {
    const list = stores();
    for (const s of supervisor.status()) {
      list.push({
        name: `source ${s.name}`,
        state: s.state === 'live' ? 'up' : s.state === 'failed' ? 'down' : 'degraded',
        detail: s.reason ?? s.state,
      });
    }
    return list;
  };

  const timers: NodeJS.Timeout[] = [];
  const sampleHealth = (): Promise<void> =>
    health.sample().then(
      (h) => publish(Channels.system, h),
      (err: unknown) => logger.warn({ err }, 'health sample failed'),
    );

  let closing: Promise<void> | undefined;
  return {
    pipeline: pipe,
    analytics,
    markets,
    isKnownSymbol,
    stores,
    readiness,
    system: () => health.current(),
    rewriteMarkets() {
      marketsWritten = '';
      writeMarkets();
    },
    async start() {
      writeMarkets();
      await sampleHealth();
      timers.push(
        setInterval(() => {
          pipe.tick();
          publisher.flush();
          writeMarkets();
        }, config.pipeline.tickMs),
        setInterval(() => void sampleHealth(), 1000),
      );
      await analytics.start();
      await supervisor.start();
    },
    close: () =>
      (closing ??= (async () => {
        for (const t of timers) clearInterval(t);
        await supervisor.stop();
        pipe.tick();
        publisher.flush();
        pruner.stop();
        await analytics.close();
        health.close();
        const { lost } = await writer.close();
        if (lost > 0) logger.error({ lost }, 'history items not written at shutdown');
      })()),
  };
}
