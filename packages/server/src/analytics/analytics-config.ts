/**
 * Settings of the trading analytics (ingest, portfolio, alerts, bot control, paper bot), with their
 * defaults. docs/ingest.md and docs/alerts.md describe them.
 * @module
 */
import Type, { type Static } from 'typebox';
import { BOT_ID_PATTERN, SYMBOL_PATTERN } from '@tickdeck/protocol';

const BotId = Type.String({ maxLength: 64, pattern: BOT_ID_PATTERN.source });

export const WebhookTargetSchema = Type.Object(
  {
    url: Type.String({ maxLength: 2048, pattern: '^https?://[^\\s]+$' }),
    /** Body format. Default `generic`. */
    format: Type.Union([Type.Literal('generic'), Type.Literal('slack'), Type.Literal('telegram')], {
      default: 'generic',
    }),
    /** Telegram only: the chat to send to. */
    chatId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Integer()])),
  },
  { additionalProperties: false },
);

export const AnalyticsConfigSchema = Type.Object(
  {
    /** Account currency of every bot's P&L. */
    currency: Type.String({ pattern: '^[A-Z0-9]{1,20}$', default: 'USDT' }),
    /** Equity of a bot before its first fill. */
    startingCash: Type.Number({ minimum: 0, default: 10_000 }),
    /** Daily returns per year, for Sharpe and Sortino (365 for crypto, 252 for stocks). */
    periodsPerYear: Type.Number({ exclusiveMinimum: 0, maximum: 366, default: 365 }),
    /** Annual risk-free rate, as a fraction (0.04 = 4 %). */
    riskFreeRate: Type.Number({ minimum: -1, maximum: 1, default: 0 }),
    /** Interval of the equity samples between fills, ms. */
    equitySampleMs: Type.Integer({ minimum: 1000, default: 60_000 }),
    /** Most events per ingest batch; the excess is rejected per event with BATCH_TOO_LARGE. */
    maxBatchEvents: Type.Integer({ minimum: 1, maximum: 10_000, default: 1000 }),
    /**
     * API keys of bots: `{ botId, key }` or `{ botId, keyHash: "sha256:<hex>" }` (the SHA-256 of the
     * key, so the file holds no secret). With none (and authentication off), ingest is open to any bot
     * id (the localhost default); with at least one key, or authentication on, every ingest request
     * needs a key, and a key may ingest for its own bot only. Admins also make keys at run time
     * (docs/security.md).
     */
    apiKeys: Type.Array(
      Type.Union([
        Type.Object(
          { botId: BotId, key: Type.String({ minLength: 16, maxLength: 256 }) },
          { additionalProperties: false },
        ),
        Type.Object(
          { botId: BotId, keyHash: Type.String({ pattern: '^sha256:[0-9a-f]{64}$' }) },
          { additionalProperties: false },
        ),
      ]),
      { default: [] },
    ),
    /** Webhooks every alert transition is sent to, besides a rule's own. */
    webhooks: Type.Array(WebhookTargetSchema, { default: [] }),
    /**
     * Hosts that rules' own webhooks and the test route's `url` may point at (`name`, `name:port`,
     * `*.domain`); empty, any host (docs/alerts.md). The `webhooks` above are always allowed.
     */
    webhookHosts: Type.Array(Type.String({ minLength: 1, maxLength: 260, pattern: '^[^\\s/]+$' }), {
      default: [],
      maxItems: 100,
    }),
    /** Alert transitions waiting for webhook delivery; past this, new ones are dropped and counted. */
    webhookQueueSize: Type.Integer({ minimum: 1, default: 1000 }),
    /** Attempts per webhook before it is given up. */
    webhookAttempts: Type.Integer({ minimum: 1, maximum: 20, default: 5 }),
    /** First retry delay, ms; doubles per attempt, capped at 60 s. */
    webhookBackoffMs: Type.Integer({ minimum: 1, default: 1000 }),
    /** A command not delivered within this long expires, ms. */
    commandTtlMs: Type.Integer({ minimum: 1000, default: 3_600_000 }),
    /** Largest backtest run synchronously over REST, in candles. */
    maxBacktestCandles: Type.Integer({ minimum: 10, maximum: 1_000_000, default: 100_000 }),
    paperBot: Type.Object(
      {
        enabled: Type.Boolean({ default: true }),
        botId: Type.String({ maxLength: 64, pattern: BOT_ID_PATTERN.source, default: 'paper' }),
        strategy: Type.Union([Type.Literal('ema_cross'), Type.Literal('rsi_reversion')], {
          default: 'ema_cross',
        }),
        /** Strategy parameters (see createStrategy); fast defaults so a new install trades within minutes. */
        params: Type.Record(Type.String(), Type.Number(), { default: { fastPeriod: 3, slowPeriod: 8 } }),
        symbol: Type.String({ pattern: SYMBOL_PATTERN.source, default: 'BTC/USDT' }),
        timeframe: Type.Union(
          ['1m', '5m', '15m', '1h', '4h', '1d'].map((t) => Type.Literal(t)),
          { default: '1m' },
        ),
        /** Quote currency spent per entry. */
        orderQuote: Type.Number({ exclusiveMinimum: 0, default: 1000 }),
        feeRate: Type.Number({ minimum: 0, maximum: 0.1, default: 0.001 }),
        slippageBps: Type.Number({ minimum: 0, maximum: 1000, default: 0 }),
        stopLossPct: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100 })),
        takeProfitPct: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
        /**
         * Once its strategy is warmed up, open a position at the first live quote if the strategy
         * favours buying now, instead of waiting for the next crossing (so a new install shows live
         * P&L at once). Default true.
         */
        enterOnStart: Type.Boolean({ default: true }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false, default: {} },
);

export type AnalyticsConfig = Static<typeof AnalyticsConfigSchema>;
export type WebhookTarget = Static<typeof WebhookTargetSchema>;
export type PaperBotConfig = AnalyticsConfig['paperBot'];
