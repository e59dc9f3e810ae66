/**
 * Settings of the ccxt source.
 * @module
 */
import Type, { type Static } from 'typebox';

export const CcxtConfigSchema = Type.Object(
  {
    kind: Type.Literal('ccxt'),
    /** Name in status reports and metrics. Default: the exchange id. */
    name: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,31}$' })),
    /** ccxt exchange id with WebSocket support (ccxt.pro), e.g. `binance`. */
    exchange: Type.String({ pattern: '^[a-z0-9]{2,32}$' }),
    /** ccxt unified symbols, e.g. `BTC/USDT` or `BTC/USDT:USDT` for a swap. */
    symbols: Type.Array(Type.String({ minLength: 3, maxLength: 64 }), { minItems: 1, maxItems: 200 }),
    /** Candle timeframe of watchOHLCV and the backfill. Default `1m`. */
    timeframe: Type.String({ pattern: '^[0-9]{1,3}[smhdwM]$', default: '1m' }),
    /** Candles fetched per symbol at start through fetchOHLCV; 0 turns the backfill off. Default 1000. */
    backfill: Type.Integer({ minimum: 0, maximum: 1000, default: 1000 }),
    /** Which watch loops run per symbol. Default all four. */
    streams: Type.Object(
      {
        trades: Type.Boolean({ default: true }),
        ticker: Type.Boolean({ default: true }),
        ohlcv: Type.Boolean({ default: true }),
        book: Type.Boolean({ default: true }),
      },
      { default: {} },
    ),
    /** Silence after which the source is reported stale, ms. Default 30,000. */
    staleAfterMs: Type.Integer({ minimum: 100, default: 30_000 }),
    /** First retry delay ceiling, ms (exponential backoff with full jitter). Default 1000. */
    reconnectMinMs: Type.Integer({ minimum: 1, default: 1000 }),
    /** Cap of the retry delay, ms. Default 30,000. */
    reconnectMaxMs: Type.Integer({ minimum: 1, default: 30_000 }),
    /** Passed to the ccxt exchange's constructor (e.g. `{ "options": { "defaultType": "swap" } }`). */
    exchangeOptions: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);

export type CcxtConfig = Static<typeof CcxtConfigSchema>;
