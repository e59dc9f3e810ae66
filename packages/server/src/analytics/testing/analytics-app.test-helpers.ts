/** A Fastify app with the analytics plugin over a real database, a memory gateway and a manual clock. */
import { ManualClock } from '@tickdeck/core';
import Fastify, { type FastifyInstance } from 'fastify';
import Value from 'typebox/value';
import { ChannelRegistry } from '../../gateway/channel-registry.js';
import { createGateway } from '../../gateway/gateway.js';
import { MemoryBroker } from '../../gateway/memory/memory-broker.js';
import { installErrorHandlers } from '../../http/error-handler.js';
import { MemoryLiveState } from '../../live/memory/memory-live-state.js';
import { openPgliteDatabase } from '../../store/pglite/pglite-history-store.js';
import { runMigrations } from '../../store/sql/migrations.js';
import { SqlHistoryStore } from '../../store/sql/sql-history-store.js';
import type { SqlExecutor } from '../../store/sql/sql-executor.js';
import { AnalyticsConfigSchema, type AnalyticsConfig } from '../analytics-config.js';
import { createAnalyticsModule, type AnalyticsModule } from '../analytics-module.js';

export const SYMBOLS = new Set(['BTC/USDT', 'ETH/USDT', 'ETH/BTC', 'XRP/ETH']);

export interface TestAnalytics {
  app: FastifyInstance;
  module: AnalyticsModule;
  clock: ManualClock;
  live: MemoryLiveState;
  history: SqlHistoryStore;
  registry: ChannelRegistry;
  /** Every publication, in order. */
  published: { channel: string; data: unknown }[];
  close(): Promise<void>;
}

/** Settings with the schema's defaults, the paper bot off unless asked, and `overrides` on top. */
export function testConfig(overrides: Record<string, unknown> = {}): AnalyticsConfig {
  const base = Value.Default(AnalyticsConfigSchema, {
    paperBot: { enabled: false },
    ...overrides,
  }) as AnalyticsConfig;
  return Value.Default(AnalyticsConfigSchema, base) as AnalyticsConfig;
}

export const openTestDatabase = async (): Promise<SqlExecutor> => {
  const db = await openPgliteDatabase({ inMemory: true });
  await runMigrations(db);
  return db;
};

/** Builds the app (not listening unless `listen`). The database is the caller's. */
export async function startAnalytics(
  db: SqlExecutor,
  config: AnalyticsConfig = testConfig(),
  options: { listen?: boolean; start?: boolean; clock?: ManualClock } = {},
): Promise<TestAnalytics> {
  const clock = options.clock ?? new ManualClock(Date.UTC(2024, 0, 1));
  const registry = new ChannelRegistry();
  const live = new MemoryLiveState();
  const gateway = createGateway({ broker: new MemoryBroker({ clock }), registry, clock, retained: live });
  const published: TestAnalytics['published'] = [];
  const history = new SqlHistoryStore(db, { closeExecutor: false });
  const module = createAnalyticsModule({
    db,
    gateway: {
      publish: (channel, data) => {
        published.push({ channel, data });
        return gateway.publish(channel, data);
      },
    },
    channels: registry,
    history,
    live,
    clock,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined },
    isKnownSymbol: (s) => SYMBOLS.has(s),
    config,
  });
  const app = Fastify({
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, useDefaults: true } },
  });
  installErrorHandlers(app);
  await app.register(module.plugin);
  if (options.listen) await app.listen({ host: '127.0.0.1', port: 0 });
  else await app.ready();
  if (options.start ?? true) await module.start();
  return {
    app,
    module,
    clock,
    live,
    history,
    registry,
    published,
    close: async () => {
      await module.close();
      await app.close();
      gateway.close();
    },
  };
}

let n = 0;
/** A bot id no other test of the file uses. */
export const freshBot = (name = 'bot'): string => `${name}-${process.pid}-${++n}`;

/** A valid fill event. */
export function fillEvent(
  botId: string,
  eventId: string,
  f: {
    side: 'buy' | 'sell';
    price: number;
    amount: number;
    timestamp: number;
    fee?: number;
    symbol?: string;
  },
): Record<string, unknown> {
  return {
    type: 'fill',
    botId,
    eventId,
    fill: {
      id: `f-${eventId}`,
      symbol: f.symbol ?? 'BTC/USDT',
      side: f.side,
      price: f.price,
      amount: f.amount,
      timestamp: f.timestamp,
      ...(f.fee !== undefined ? { fee: { cost: f.fee, currency: 'USDT' } } : {}),
    },
  };
}
