/**
 * The trading analytics as one module: bot ingest (HTTP and WebSocket), portfolio and statistics,
 * alerts and webhooks, bot control, the built-in paper bot, indicators and backtests. The composition
 * root builds it once, registers `plugin`, forwards market data to `onTicker`/`onMetrics`/`onCandle`,
 * and calls `start()` after the database is migrated and `close()` on shutdown.
 * @example
 * const analytics = createAnalyticsModule({ db, gateway, channels, history, live, clock, logger, isKnownSymbol, config });
 * const app = await buildApp({ ...deps, plugins: [gatewayPlugin({ gateway }), analytics.plugin] });
 * await analytics.start();
 * @module
 */
import type { Clock } from '@tickdeck/core';
import type { BotEvent, Candle, MarketMetrics, Ticker } from '@tickdeck/protocol';
import type { FastifyPluginAsync } from 'fastify';
import type { ChannelRegistry } from '../gateway/channel-registry.js';
import type { Gateway } from '../gateway/gateway.js';
import type { LiveState } from '../live/live-state.js';
import type { HistoryStore } from '../store/history-store.js';
import type { SqlExecutor } from '../store/sql/sql-executor.js';
import type { AnalyticsConfig } from './analytics-config.js';
import type { AnalyticsServices } from './analytics-services.js';
import { declareAnalyticsChannels } from './analytics-channels.js';
import { AlertService } from './alerts/alert-service.js';
import { WebhookSender } from './alerts/webhook-sender.js';
import { botSocketPlugin } from './bots/bot-socket.js';
import { CommandService } from './bots/command-service.js';
import { IndicatorService } from './indicator-service.js';
import { ApiKeys } from './ingest/api-keys.js';
import { IngestService } from './ingest/ingest-service.js';
import { PaperRunner } from './paper/paper-runner.js';
import { PortfolioService } from './portfolio-service.js';
import { alertRoutes } from './routes/alert-routes.js';
import { botRoutes } from './routes/bot-routes.js';
import { ingestRoutes } from './routes/ingest-routes.js';
import { portfolioRoutes } from './routes/portfolio-routes.js';
import { strategyRoutes } from './routes/strategy-routes.js';
import { AlertStore } from './store/alert-store.js';
import { BotEventStore, type StoredEvent } from './store/bot-event-store.js';
import { CommandStore } from './store/command-store.js';

/** How often the built-in paper bot reports itself alive, ms. */
const PAPER_HEARTBEAT_MS = 5000;
import { EquityStore } from './store/equity-store.js';

/** The few logger methods used (pino fits). */
export interface AnalyticsLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface AnalyticsDeps {
  /** The history database (migrations already run). */
  db: SqlExecutor;
  gateway: Pick<Gateway, 'publish'>;
  channels: ChannelRegistry;
  history: HistoryStore;
  live: LiveState;
  clock: Clock;
  logger: AnalyticsLogger;
  isKnownSymbol(symbol: string): boolean;
  /** Resolved settings (AnalyticsConfigSchema with its defaults applied). */
  config: AnalyticsConfig;
  /** Publish indicator updates of every pair, not only those asked for over REST or a snapshot. */
  followAllIndicators?: boolean;
  /** The bots' API keys (security). Default: the configured `apiKeys` only. */
  apiKeys?: ApiKeys | undefined;
}

export interface AnalyticsModule {
  /** REST routes and the bot WebSocket; register after the core routes. */
  plugin: FastifyPluginAsync;
  onTicker(t: Ticker): void;
  onMetrics(m: MarketMetrics): void;
  onCandle(c: Candle): void;
  /** Rebuilds portfolios from stored fills, loads alert rules, starts timers and the paper bot. */
  start(): Promise<void>;
  /** Publish every retained state again (portfolios, bot statuses, the paper bot's strategy). */
  republish(): Promise<void>;
  close(): Promise<void>;
  /** The services, for tests and metrics. */
  readonly services: AnalyticsServices;
}

/** Builds the module and declares its channels. See {@link AnalyticsModule}. */
export function createAnalyticsModule(deps: AnalyticsDeps): AnalyticsModule {
  const { config, clock, logger } = deps;
  const onError = (err: unknown, what: string) => logger.warn({ err }, what);
  const publish = (channel: string, data: unknown) => {
    deps.gateway
      .publish(channel, data)
      .catch((err: unknown) => logger.warn({ err, channel }, 'publish failed'));
  };

  const events = new BotEventStore(deps.db);
  const equity = new EquityStore(deps.db);
  const alertStore = new AlertStore(deps.db);
  const keys = deps.apiKeys ?? new ApiKeys(config.apiKeys);
  const webhooks = new WebhookSender({
    queueSize: config.webhookQueueSize,
    attempts: config.webhookAttempts,
    backoffMs: config.webhookBackoffMs,
    onGiveUp: (target, err) => logger.warn({ target, err }, 'webhook given up'),
  });
  const alerts = new AlertService({
    store: alertStore,
    sender: webhooks,
    globalWebhooks: config.webhooks,
    webhookHosts: config.webhookHosts,
    clock,
    publish,
    onError,
  });
  const portfolio = new PortfolioService({
    currency: config.currency,
    startingCash: config.startingCash,
    periodsPerYear: config.periodsPerYear,
    riskFreeRate: config.riskFreeRate,
    clock,
    equityStore: equity,
    publish,
    onPortfolio: (s) => alerts.onPortfolio(s),
    onError,
  });
  const commands = new CommandService({
    store: new CommandStore(deps.db),
    clock,
    ttlMs: config.commandTtlMs,
    onStatus: (st) => publish('bots', st),
    onError,
  });
  const onStored = (stored: readonly StoredEvent[]) => {
    try {
      portfolio.apply(stored);
      for (const { event } of stored) onBotEvent(event);
    } catch (err) {
      logger.error({ err }, 'stored bot events not applied');
    }
  };
  const onBotEvent = (e: BotEvent) => {
    commands.seen(e.botId, false);
    if (e.type === 'metric') {
      alerts.onMetric({ botId: e.botId, name: e.name, value: e.value, tags: e.tags });
      publish(`botmetrics:${e.botId}`, e);
    } else if (e.type === 'log') publish(`logs:${e.botId}`, e);
    else if (e.type === 'signal' || e.type === 'position' || e.type === 'balance')
      publish(`botevents:${e.botId}`, e);
  };
  const ingest = new IngestService({
    store: events,
    isKnownSymbol: deps.isKnownSymbol,
    maxEvents: config.maxBatchEvents,
    now: () => clock.now(),
    onStored,
  });
  const indicators = new IndicatorService({
    candles: (sym, tf) => deps.live.candles(sym, tf),
    publish,
    followAll: deps.followAllIndicators,
  });

  let paper: PaperRunner | null = null;
  if (config.paperBot.enabled) {
    const botId = config.paperBot.botId;
    // The paper bot ingests in its own bot's scope, like a bot with its own key.
    const scope = { kind: 'bot', botId } as const;
    paper = new PaperRunner(config.paperBot, {
      ingest: (evs) => ingest.ingest(evs, scope),
      warmCandles: async (sym, tf, limit) => {
        const live = await deps.live.candles(sym, tf, limit);
        return live.length > 0 ? live : deps.history.latestCandles(sym, tf, limit);
      },
      now: () => clock.now(),
      openPosition: (botId, symbol) => {
        const p = portfolio.state(botId)?.positions.find((x) => x.symbol === symbol);
        return p && p.amount > 0 ? { amount: p.amount, entryPrice: p.avgPrice } : undefined;
      },
      publish,
      complete: (c, ok, message) => {
        commands
          .complete(c.botId, c.commandId, ok, message)
          .catch((err: unknown) => onError(err, 'command result not stored'));
      },
      log: logger,
    });
  }

  const services: AnalyticsServices = {
    config,
    clock,
    keys,
    ingest,
    events,
    equity,
    portfolio,
    alerts,
    alertStore,
    webhooks,
    commands,
    indicators,
    paper,
    history: deps.history,
    isKnownSymbol: deps.isKnownSymbol,
  };

  declareAnalyticsChannels(deps.channels, {
    isKnownSymbol: deps.isKnownSymbol,
    indicators: (symbol, tf) => indicators.series(symbol, tf),
  });

  const republish = async (): Promise<void> => {
    portfolio.refresh();
    for (const status of commands.statuses(await events.bots())) publish('bots', status);
    paper?.republish();
  };

  const timers: NodeJS.Timeout[] = [];
  let detachPaper: (() => void) | undefined;

  return {
    services,
    plugin: async (app) => {
      await app.register(ingestRoutes(services));
      await app.register(portfolioRoutes(services));
      await app.register(alertRoutes(services));
      await app.register(botRoutes(services));
      await app.register(strategyRoutes(services));
      await app.register(botSocketPlugin(services));
    },
    onTicker(t) {
      portfolio.onTicker(t);
      paper?.onTicker(t);
    },
    onMetrics(m) {
      alerts.onMarket(m);
    },
    onCandle(c) {
      paper?.onCandle(c);
      indicators.onCandle(c);
    },
    async start() {
      portfolio.rebuild(await events.allFills());
      // Retained channels answer snapshots from what was published: publish every known state once.
      await republish();
      await alerts.start();
      const every = (ms: number, fn: () => void) => {
        const t = setInterval(() => {
          try {
            fn();
          } catch (err) {
            logger.error({ err }, 'analytics timer failed');
          }
        }, ms);
        t.unref();
        timers.push(t);
      };
      every(config.equitySampleMs, () => portfolio.sample());
      every(1000, () => {
        alerts.tick();
        portfolio.refresh();
      });
      if (paper !== null) {
        portfolio.ensure(paper.botId);
        const runner = paper;
        detachPaper = await commands.attach(runner.botId, { deliver: (c) => runner.onCommand(c) });
        // Alive as long as the process is: it beats like a polling bot (POST …/heartbeat does the same).
        commands.seen(runner.botId, true);
        every(PAPER_HEARTBEAT_MS, () => commands.seen(runner.botId, true));
        const r = await runner.start();
        if (!r.ok) logger.error({ code: r.code, field: r.field }, `paper bot not started: ${r.message}`);
      }
    },
    republish,
    async close() {
      for (const t of timers) clearInterval(t);
      detachPaper?.();
      paper?.stop();
      await paper?.idle();
      await portfolio.drain();
      await alerts.drain();
      webhooks.close();
    },
  };
}
