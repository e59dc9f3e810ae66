/**
 * Turns one recorded record into a raw event and the time it happened. Accepted shapes:
 * - freqtrade arrays: `[timestamp_ms, id, type, side, price, amount, cost]` (a trade) and
 *   `[open_time_ms, open, high, low, close, volume]` (a candle);
 * - tickdeck's own raw events: `{ "kind": "trade", "trade": {...} }` (also ticker, book, candle);
 * - flat objects (a JSON line or a CSV row): a candle if it has open/high/low/close, a trade if it has a
 *   price, a ticker if it has a bid, an ask or a last price.
 * Times are ms since the epoch, seconds (a number below 1e11) or ISO 8601 text.
 * @module
 */
import type { RawMarketEvent } from '@tickdeck/core';

export interface RecordContext {
  /** Symbol of records without one. */
  symbol?: string | undefined;
  /** Timeframe of candle records without one. */
  timeframe?: string | undefined;
}

export type Converted = { time: number; event: RawMarketEvent } | { error: string };

/** Reasons a record is refused that no later record can fix: the configuration must say more. */
export const NO_SYMBOL = 'record has no symbol and none is configured';
export const NO_TIMEFRAME = 'candle record has no timeframe and none is configured';

const TIME_KEYS = ['timestamp', 'time', 'ts', 't', 'date', 'datetime', 'open_time', 'opentime'];
const AMOUNT_KEYS = ['amount', 'size', 'qty', 'quantity', 'q'];
const SYMBOL_KEYS = ['symbol', 'pair', 'market', 's'];
const TICKER_NUMBERS = [
  'bid',
  'ask',
  'last',
  'bidVolume',
  'askVolume',
  'open',
  'high',
  'low',
  'close',
  'baseVolume',
  'quoteVolume',
  'percentage',
];

/** Parses a time: ms, seconds (below 1e11) or ISO text; undefined when it is none of these. */
export function parseTime(v: unknown): number | undefined {
  let n: number | undefined;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && v.trim() !== '') {
    n = Number(v);
    if (Number.isNaN(n)) {
      const d = Date.parse(v);
      return Number.isNaN(d) ? undefined : d;
    }
  }
  if (n === undefined || !Number.isFinite(n) || n < 0) return undefined;
  return n < 1e11 ? Math.round(n * 1000) : Math.round(n);
}

const num = (v: unknown): number =>
  typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
const pick = (o: Record<string, unknown>, keys: string[]): unknown => {
  for (const k of keys) if (o[k] !== undefined && o[k] !== '') return o[k];
  return undefined;
};
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function recordToEvent(value: unknown, ctx: RecordContext): Converted {
  if (Array.isArray(value)) return fromArray(value, ctx);
  if (!isObject(value)) return { error: 'record is neither an object nor an array' };
  if (typeof value.kind === 'string') return fromEnvelope(value, ctx);
  const symbol = pick(value, SYMBOL_KEYS) ?? ctx.symbol;
  if (symbol === undefined) return { error: NO_SYMBOL };
  const time = parseTime(pick(value, TIME_KEYS));
  if ('open' in value && 'high' in value && 'low' in value && 'close' in value) {
    const timeframe = value.timeframe ?? value.tf ?? ctx.timeframe;
    if (timeframe === undefined) return { error: NO_TIMEFRAME };
    const ohlcv = [time, value.open, value.high, value.low, value.close, value.volume ?? 0];
    return candle(symbol, timeframe, ohlcv, value.marketType ?? value.type);
  }
  if (time === undefined) return { error: 'missing or unreadable timestamp' };
  if ('price' in value || 'p' in value) {
    const price = num(pick(value, ['price', 'p']));
    const amount = num(pick(value, AMOUNT_KEYS));
    if (!Number.isFinite(price) || !Number.isFinite(amount))
      return { error: 'trade price or amount is not a number' };
    const trade: Record<string, unknown> = { ...value, symbol, timestamp: time, price, amount };
    if (typeof trade.id === 'number') trade.id = String(trade.id);
    return { time, event: { kind: 'trade', trade } };
  }
  if ('bid' in value || 'ask' in value || 'last' in value) {
    const ticker: Record<string, unknown> = { ...value, symbol, timestamp: time };
    for (const k of TICKER_NUMBERS)
      if (ticker[k] !== undefined && ticker[k] !== '') ticker[k] = num(ticker[k]);
    return { time, event: { kind: 'ticker', ticker } };
  }
  return { error: 'not a trade, ticker or candle' };
}

function fromArray(a: unknown[], ctx: RecordContext): Converted {
  if (ctx.symbol === undefined) return { error: NO_SYMBOL };
  if (a.length === 7) {
    const [ts, id, type, side, price, amount, cost] = a;
    const time = parseTime(ts);
    if (time === undefined) return { error: 'missing or unreadable timestamp' };
    if (!Number.isFinite(num(price)) || !Number.isFinite(num(amount))) {
      return { error: 'trade price or amount is not a number' };
    }
    const trade: Record<string, unknown> = {
      id: id === null || id === undefined ? undefined : String(id),
      symbol: ctx.symbol,
      timestamp: time,
      price: num(price),
      amount: num(amount),
      side,
      cost: cost === null ? undefined : num(cost),
    };
    if (type !== null && type !== undefined) trade.type = type;
    return { time, event: { kind: 'trade', trade } };
  }
  if (a.length === 6) {
    if (ctx.timeframe === undefined) return { error: NO_TIMEFRAME };
    return candle(ctx.symbol, ctx.timeframe, [parseTime(a[0]), ...a.slice(1)], undefined);
  }
  return { error: `an array record has 6 (candle) or 7 (trade) fields, not ${a.length}` };
}

function fromEnvelope(o: Record<string, unknown>, ctx: RecordContext): Converted {
  const { kind } = o;
  if (kind === 'candle') {
    const symbol = o.symbol ?? ctx.symbol;
    const timeframe = o.timeframe ?? ctx.timeframe;
    if (symbol === undefined) return { error: NO_SYMBOL };
    if (timeframe === undefined) return { error: NO_TIMEFRAME };
    if (!Array.isArray(o.ohlcv)) return { error: 'candle record has no ohlcv array' };
    return candle(symbol, timeframe, [parseTime(o.ohlcv[0]), ...o.ohlcv.slice(1)], o.marketType);
  }
  if (kind !== 'trade' && kind !== 'ticker' && kind !== 'book')
    return { error: `unknown kind ${String(kind)}` };
  const payload = o[kind];
  if (!isObject(payload)) return { error: `${kind} record has no ${kind} object` };
  const time = parseTime(payload.timestamp);
  if (time === undefined) return { error: 'missing or unreadable timestamp' };
  const symbol = payload.symbol ?? ctx.symbol;
  if (symbol === undefined) return { error: NO_SYMBOL };
  const body = { ...payload, symbol, timestamp: time };
  const event = (
    kind === 'trade'
      ? { kind, trade: body }
      : kind === 'ticker'
        ? { kind, ticker: body }
        : { kind, book: body }
  ) as RawMarketEvent;
  return { time, event };
}

function candle(symbol: unknown, timeframe: unknown, ohlcv: unknown[], marketType: unknown): Converted {
  const time = ohlcv[0];
  if (typeof time !== 'number') return { error: 'missing or unreadable timestamp' };
  const values = ohlcv.slice(1, 6).map(num);
  if (values.length !== 5 || values.some((v) => !Number.isFinite(v)))
    return { error: 'candle values are not numbers' };
  const event: RawMarketEvent = { kind: 'candle', symbol, timeframe, ohlcv: [time, ...values] };
  if (marketType !== undefined) event.marketType = marketType;
  return { time, event };
}

/** The event with its time moved by `offset` ms (for a candle, its open time). */
export function shiftEvent(event: RawMarketEvent, offset: number): RawMarketEvent {
  if (offset === 0) return event;
  switch (event.kind) {
    case 'candle': {
      const [t, ...rest] = event.ohlcv as number[];
      return { ...event, ohlcv: [(t as number) + offset, ...rest] };
    }
    case 'trade':
      return { kind: 'trade', trade: shifted(event.trade, offset) };
    case 'ticker':
      return { kind: 'ticker', ticker: shifted(event.ticker, offset) };
    case 'book':
      return { kind: 'book', book: shifted(event.book, offset) };
  }
}

function shifted(payload: unknown, offset: number): unknown {
  const p = payload as { timestamp: number };
  return { ...p, timestamp: p.timestamp + offset };
}
