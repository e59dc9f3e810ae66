/**
 * Settings of the simulator source.
 * @module
 */
import { TIMEFRAME_LIST } from '@tickdeck/protocol';
import Type, { type Static } from 'typebox';

export const SymbolSpecSchema = Type.Object(
  {
    symbol: Type.String({ pattern: '^[A-Z0-9]{1,20}/[A-Z0-9]{1,20}$' }),
    price: Type.Number({ exclusiveMinimum: 0 }),
    tick: Type.Number({ exclusiveMinimum: 0 }),
    lot: Type.Number({ exclusiveMinimum: 0 }),
    size: Type.Number({ exclusiveMinimum: 0 }),
    weight: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    volatility: Type.Optional(Type.Number({ minimum: 0, maximum: 0.01 })),
    spreadBps: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000 })),
  },
  { additionalProperties: false },
);

export const SimulatorConfigSchema = Type.Object(
  {
    kind: Type.Literal('simulator'),
    /** Name in status reports and metrics. Default `simulator`. */
    name: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,31}$', default: 'simulator' }),
    /** Seed of the generator: the same seed gives the same market. Default 1. */
    seed: Type.Integer({ minimum: 0, maximum: 4294967295, default: 1 }),
    /** Events per second over all symbols, outside bursts. Default 200. */
    rate: Type.Number({ minimum: 1, maximum: 100_000, default: 200 }),
    /** Period of the emitting timer, ms; each tick emits a batch. Default 20. */
    intervalMs: Type.Integer({ minimum: 5, maximum: 1000, default: 20 }),
    /** Chance per second that a burst starts. Default 0.02; 0 turns bursts off. */
    burstProbability: Type.Number({ minimum: 0, maximum: 1, default: 0.02 }),
    /** Rate multiplier during a burst. Default 5. */
    burstMultiplier: Type.Number({ minimum: 1, maximum: 100, default: 5 }),
    /** Length of a burst, ms. Default 2000. */
    burstDurationMs: Type.Integer({ minimum: 10, maximum: 600_000, default: 2000 }),
    /**
     * Closed candles per symbol and timeframe emitted at start, before live data, ending where the live
     * walk starts. Default 1000; 0 turns the backfill off.
     */
    backfill: Type.Integer({ minimum: 0, maximum: 10_000, default: 1000 }),
    /** Timeframes of the backfill. Default all (1m, 5m, 15m, 1h, 4h, 1d). */
    backfillTimeframes: Type.Optional(Type.Array(Type.Enum(TIMEFRAME_LIST), { minItems: 1 })),
    /**
     * Markets: names of built-in ones (BTC/USDT, ETH/USDT, SOL/USDT, BNB/USDT, XRP/USDT, ADA/USDT,
     * DOGE/USDT, AVAX/USDT, LINK/USDT, DOT/USDT) or full specs. Default: all ten built-in.
     */
    symbols: Type.Optional(Type.Array(Type.Union([Type.String(), SymbolSpecSchema]), { minItems: 1 })),
  },
  { additionalProperties: false },
);

export type SimulatorConfig = Static<typeof SimulatorConfigSchema>;
