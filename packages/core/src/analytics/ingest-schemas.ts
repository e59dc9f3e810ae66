/**
 * TypeBox schemas of the events a bot sends through ingest (see `BotEvent` in the protocol package).
 * The envelope of each event is strict (unknown fields are refused, to catch typos); the ccxt objects
 * inside (order, fill) accept extra fields, which are dropped, and `null` for optional fields, as
 * ccxt's Python and JavaScript builds emit them.
 * @module
 */
import Type from 'typebox';
import type { TSchema } from 'typebox';
import {
  BOT_ID_PATTERN,
  CURRENCY_PATTERN,
  MAX_ID_LENGTH,
  MAX_LOG_TEXT_LENGTH,
  MAX_MAP_ENTRIES,
  MAX_NAME_LENGTH,
  SYMBOL_PATTERN,
} from '@tickdeck/protocol';

/** An optional field that may also be `null` (treated as absent). */
const Opt = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));

const Id = Type.String({ minLength: 1, maxLength: MAX_ID_LENGTH });
const Name = Type.String({ minLength: 1, maxLength: MAX_NAME_LENGTH });
const SymbolSchema = Type.String({ maxLength: 41, pattern: SYMBOL_PATTERN.source });
const Currency = Type.String({ maxLength: 20, pattern: CURRENCY_PATTERN.source });
const Timestamp = Type.Integer({ minimum: 0 });
const NonNegative = Type.Number({ minimum: 0 });
const Positive = Type.Number({ exclusiveMinimum: 0 });
const SideSchema = Type.Union([Type.Literal('buy'), Type.Literal('sell')]);
const MarketTypeSchema = Type.Union(
  ['spot', 'margin', 'swap', 'future', 'option'].map((t) => Type.Literal(t)),
);

/** ccxt's fee. A negative cost is a rebate. */
export const FeeSchema = Type.Object({ cost: Type.Number(), currency: Currency, rate: Opt(Type.Number()) });

/** ccxt's Order (the fields tickdeck keeps). */
export const OrderSchema = Type.Object({
  id: Id,
  clientOrderId: Opt(Id),
  symbol: SymbolSchema,
  type: Opt(Type.String({ maxLength: 32 })),
  side: SideSchema,
  price: Opt(NonNegative),
  average: Opt(NonNegative),
  amount: Positive,
  filled: Opt(NonNegative),
  remaining: Opt(NonNegative),
  cost: Opt(NonNegative),
  status: Type.Union(['open', 'closed', 'canceled', 'expired', 'rejected'].map((s) => Type.Literal(s))),
  timestamp: Timestamp,
  fee: Opt(FeeSchema),
});

/** ccxt's private Trade, a fill of the bot's order. */
export const FillSchema = Type.Object({
  id: Id,
  order: Opt(Id),
  symbol: SymbolSchema,
  marketType: Opt(MarketTypeSchema),
  side: SideSchema,
  price: Positive,
  amount: Positive,
  cost: Opt(NonNegative),
  takerOrMaker: Opt(Type.Union([Type.Literal('taker'), Type.Literal('maker')])),
  timestamp: Timestamp,
  fee: Opt(FeeSchema),
});

const envelope = {
  botId: Type.String({ maxLength: 64, pattern: BOT_ID_PATTERN.source }),
  eventId: Id,
  timestamp: Opt(Timestamp),
};

const strict = { additionalProperties: false } as const;

const StringMap = <T extends TSchema>(key: string, value: T) =>
  Type.Record(Type.String({ pattern: key }), value, {
    additionalProperties: false,
    maxProperties: MAX_MAP_ENTRIES,
  });

/** One schema per event `type`. */
export const BotEventSchemas = {
  order: Type.Object(
    {
      ...envelope,
      type: Type.Literal('order'),
      action: Type.Union([Type.Literal('new'), Type.Literal('updated'), Type.Literal('cancelled')]),
      order: OrderSchema,
    },
    strict,
  ),
  fill: Type.Object({ ...envelope, type: Type.Literal('fill'), fill: FillSchema }, strict),
  position: Type.Object(
    {
      ...envelope,
      type: Type.Literal('position'),
      symbol: SymbolSchema,
      amount: Type.Number(),
      entryPrice: Opt(NonNegative),
      unrealizedPnl: Opt(Type.Number()),
    },
    strict,
  ),
  balance: Type.Object(
    {
      ...envelope,
      type: Type.Literal('balance'),
      balances: StringMap(
        CURRENCY_PATTERN.source,
        Type.Object({ free: Opt(Type.Number()), used: Opt(Type.Number()), total: Type.Number() }, strict),
      ),
    },
    strict,
  ),
  metric: Type.Object(
    {
      ...envelope,
      type: Type.Literal('metric'),
      name: Type.String({ maxLength: MAX_NAME_LENGTH, pattern: '^[A-Za-z_][A-Za-z0-9_.:-]*$' }),
      value: Type.Number(),
      unit: Opt(Type.String({ maxLength: MAX_NAME_LENGTH })),
      tags: Opt(StringMap('^[A-Za-z_][A-Za-z0-9_.-]{0,63}$', Type.String({ maxLength: MAX_NAME_LENGTH }))),
    },
    strict,
  ),
  log: Type.Object(
    {
      ...envelope,
      type: Type.Literal('log'),
      level: Type.Union(['debug', 'info', 'warn', 'error'].map((l) => Type.Literal(l))),
      text: Type.String({ maxLength: MAX_LOG_TEXT_LENGTH }),
    },
    strict,
  ),
  signal: Type.Object(
    {
      ...envelope,
      type: Type.Literal('signal'),
      strategy: Name,
      symbol: SymbolSchema,
      side: Type.Union([Type.Literal('buy'), Type.Literal('sell'), Type.Literal('none')]),
      indicators: StringMap('^[A-Za-z_][A-Za-z0-9_.-]{0,63}$', Type.Union([Type.Number(), Type.Null()])),
      reason: Opt(Type.String({ maxLength: 256 })),
    },
    strict,
  ),
} as const;

/** The batch body of `POST /api/v1/ingest`: the events are validated one by one afterwards. */
export const IngestBatchSchema = Type.Object({ events: Type.Array(Type.Unknown()) }, strict);
