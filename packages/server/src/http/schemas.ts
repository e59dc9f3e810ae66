/** Schemas shared by routes: the response shapes that OpenAPI documents. */
import Type from 'typebox';
import { MARKET_TYPES, TIMEFRAME_LIST } from '@tickdeck/protocol';

export const MarketTypeSchema = Type.Enum(MARKET_TYPES);

export const SymbolParam = Type.String({
  pattern: '^[A-Za-z0-9]{1,20}/[A-Za-z0-9]{1,20}$',
  description: 'Canonical symbol, BASE/QUOTE',
  examples: ['BTC/USDT'],
});

export const TimeframeSchema = Type.Enum(TIMEFRAME_LIST, { description: 'Candle timeframe' });

const Num = Type.Number();
const OptNum = Type.Optional(Type.Union([Type.Number(), Type.Null()]));

export const TickerSchema = Type.Object({
  symbol: Type.String(),
  type: MarketTypeSchema,
  timestamp: Num,
  bid: OptNum,
  ask: OptNum,
  bidVolume: OptNum,
  askVolume: OptNum,
  last: OptNum,
  open: OptNum,
  high: OptNum,
  low: OptNum,
  close: OptNum,
  baseVolume: OptNum,
  quoteVolume: OptNum,
  percentage: OptNum,
});

export const CandleSchema = Type.Object({
  symbol: Type.String(),
  timeframe: TimeframeSchema,
  time: Type.Number({ description: 'Open time, ms since the epoch' }),
  open: Num,
  high: Num,
  low: Num,
  close: Num,
  volume: Num,
  trades: Type.Integer(),
  closed: Type.Boolean(),
});

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
  },
  { description: 'RFC 9457 problem details' },
);

export const TradeSchema = Type.Object({
  id: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  symbol: Type.String(),
  type: MarketTypeSchema,
  timestamp: Num,
  price: Num,
  amount: Num,
  side: Type.Optional(Type.Union([Type.Literal('buy'), Type.Literal('sell'), Type.Null()])),
});

const NumOrNull = Type.Union([Type.Number(), Type.Null()]);

export const MarketMetricsSchema = Type.Object({
  symbol: Type.String(),
  type: MarketTypeSchema,
  last: NumOrNull,
  bid: NumOrNull,
  ask: NumOrNull,
  spread: NumOrNull,
  spreadBps: NumOrNull,
  change24hPct: NumOrNull,
  volume24h: Num,
  msgsPerSec: Num,
  feedLatencyMs: NumOrNull,
  silenceMs: NumOrNull,
  stale: Type.Boolean(),
  uptimeMs: Num,
  asOf: Num,
});
