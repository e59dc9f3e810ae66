/**
 * TypeBox schemas of what sources may send, compiled once. They check shape only (objects, finite
 * numbers, bounded strings); value rules (positive prices, bid <= ask, time bounds) follow in
 * normalize-event.ts. Extra fields are ignored and optional fields may be `undefined` or `null`, so
 * ccxt's unified Ticker, Trade and OHLCV pass as they are.
 * @module
 */
import Type, { type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { MAX_RAW_SYMBOL_LENGTH } from './symbol.js';

/** Longest accepted trade id, market type or order type string. */
export const MAX_RAW_ID_LENGTH = 128;

// A huge symbol string is reported as SYMBOL rather than SCHEMA, so the schema bound is generous.
const SymbolString = Type.String({ maxLength: 4 * MAX_RAW_SYMBOL_LENGTH });
const Num = Type.Number();
const nullable = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const ShortString = Type.String({ maxLength: MAX_RAW_ID_LENGTH });

/** ccxt's Trade (plus an optional explicit `marketType`; ccxt's own `type` is the order type). */
export const RawTradeSchema = Type.Object({
  symbol: SymbolString,
  timestamp: Num,
  price: Num,
  amount: Num,
  id: nullable(Type.Union([ShortString, Num])),
  side: nullable(Type.Union([Type.Literal('buy'), Type.Literal('sell')])),
  type: nullable(ShortString),
  marketType: nullable(ShortString),
});

/** ccxt's Ticker: every figure optional; a missing timestamp falls back to the time of receipt. */
export const RawTickerSchema = Type.Object({
  symbol: SymbolString,
  timestamp: nullable(Num),
  bid: nullable(Num),
  ask: nullable(Num),
  bidVolume: nullable(Num),
  askVolume: nullable(Num),
  last: nullable(Num),
  open: nullable(Num),
  high: nullable(Num),
  low: nullable(Num),
  close: nullable(Num),
  baseVolume: nullable(Num),
  quoteVolume: nullable(Num),
  percentage: nullable(Num),
  type: nullable(ShortString),
  marketType: nullable(ShortString),
});

/** Top of book (BookTop); a missing timestamp falls back to the time of receipt. */
export const RawBookSchema = Type.Object({
  symbol: SymbolString,
  timestamp: nullable(Num),
  bid: Num,
  bidSize: Num,
  ask: Num,
  askSize: Num,
  type: nullable(ShortString),
  marketType: nullable(ShortString),
});

/** A backfilled candle: ccxt's OHLCV row (volume may be missing) with its symbol and timeframe. */
export const RawCandleSchema = Type.Object({
  symbol: SymbolString,
  marketType: nullable(ShortString),
  timeframe: Type.String({ maxLength: 8 }),
  ohlcv: Type.Tuple([Num, Num, Num, Num, Num, Type.Union([Num, Type.Null(), Type.Undefined()])]),
});

export const checkRawTrade = Compile(RawTradeSchema);
export const checkRawTicker = Compile(RawTickerSchema);
export const checkRawBook = Compile(RawBookSchema);
export const checkRawCandle = Compile(RawCandleSchema);
