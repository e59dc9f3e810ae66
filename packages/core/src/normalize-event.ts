/**
 * Turns a raw event from a source into a validated MarketEvent, or a drop with a stable reason.
 * Pure: the time of receipt and the bounds come from the caller.
 * @module
 */
import { TIMEFRAMES, type MarketType, type Ticker, type Timeframe, type Trade } from '@tickdeck/protocol';
import type { DropReason } from './drop-reasons.js';
import type { BookEvent, CandleEvent, MarketEvent, TickerEvent, TradeEvent } from './events.js';
import { checkRawBook, checkRawCandle, checkRawTicker, checkRawTrade } from './raw-schemas.js';
import {
  isMarketType,
  MAX_RAW_SYMBOL_LENGTH,
  type CanonicalSymbol,
  type SymbolNormalizer,
} from './symbol.js';

/** 2009-01-01T00:00:00Z: no market data tickdeck handles is older. */
export const DEFAULT_MIN_TIMESTAMP_MS = Date.UTC(2009, 0, 1);
/** How far an exchange timestamp may run ahead of the clock by default, ms. */
export const DEFAULT_MAX_FUTURE_SKEW_MS = 60_000;

export interface NormalizeBounds {
  /** Oldest accepted exchange timestamp, ms since the epoch. */
  minTimestampMs: number;
  /** How far past the clock an exchange timestamp may be, ms. */
  maxFutureSkewMs: number;
}

/** Why an event was dropped; `detail` is short, bounded and safe to log. */
export class Drop {
  constructor(
    readonly reason: DropReason,
    readonly detail: string,
  ) {}
}

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const badNumber = (v: unknown) => typeof v === 'number' && !Number.isFinite(v);
const show = (v: unknown) =>
  typeof v === 'string' ? JSON.stringify(v.slice(0, 32)) : String(v).slice(0, 32);

const PRICE_FIELDS = ['bid', 'ask', 'last', 'open', 'high', 'low', 'close'] as const;
const TICKER_SIZE_FIELDS = ['bidVolume', 'askVolume', 'baseVolume', 'quoteVolume'] as const;

// For a value that failed its schema: name the domain rule it breaks when that is clear (a NaN price
// is a PRICE problem, an over-long symbol a SYMBOL one), else SCHEMA.
const FIELD_REASONS: Record<string, DropReason> = {
  timestamp: 'TIMESTAMP',
  price: 'PRICE',
  bid: 'PRICE',
  ask: 'PRICE',
  last: 'PRICE',
  open: 'PRICE',
  high: 'PRICE',
  low: 'PRICE',
  close: 'PRICE',
  amount: 'SIZE',
  bidSize: 'SIZE',
  askSize: 'SIZE',
  bidVolume: 'SIZE',
  askVolume: 'SIZE',
  baseVolume: 'SIZE',
  quoteVolume: 'SIZE',
};
const OHLCV_REASONS: DropReason[] = ['TIMESTAMP', 'PRICE', 'PRICE', 'PRICE', 'PRICE', 'SIZE'];

function classify(kind: string, v: unknown): Drop {
  if (!isObject(v)) return new Drop('SCHEMA', `${kind} is not an object`);
  if (typeof v.symbol === 'string' && v.symbol.length > MAX_RAW_SYMBOL_LENGTH) {
    return new Drop('SYMBOL', `symbol longer than ${MAX_RAW_SYMBOL_LENGTH}`);
  }
  for (const field in FIELD_REASONS) {
    if (badNumber(v[field]))
      return new Drop(FIELD_REASONS[field] as DropReason, `${field} ${show(v[field])}`);
  }
  if (Array.isArray(v.ohlcv) && v.ohlcv.length === 6) {
    for (let i = 0; i < 6; i++) {
      if (badNumber(v.ohlcv[i]))
        return new Drop(OHLCV_REASONS[i] as DropReason, `ohlcv[${i}] ${show(v.ohlcv[i])}`);
    }
  }
  return new Drop('SCHEMA', `${kind} does not match its schema`);
}

function marketTypeHint(v: Obj): MarketType | undefined | Drop {
  const explicit = v.marketType;
  if (explicit !== undefined && explicit !== null) {
    return isMarketType(explicit) ? explicit : new Drop('SCHEMA', `marketType ${show(explicit)}`);
  }
  // ccxt's Trade.type is the order type ('limit', 'market'); a canonical object carries the market type.
  return isMarketType(v.type) ? v.type : undefined;
}

function canonical(v: Obj, symbols: SymbolNormalizer): CanonicalSymbol | Drop {
  const hint = marketTypeHint(v);
  if (hint instanceof Drop) return hint;
  return symbols.normalize(v.symbol as string, hint) ?? new Drop('SYMBOL', `symbol ${show(v.symbol)}`);
}

function checkTime(ts: number, receivedAt: number, bounds: NormalizeBounds): Drop | null {
  if (ts < bounds.minTimestampMs) return new Drop('TIMESTAMP', `timestamp ${ts} before lower bound`);
  if (ts > receivedAt + bounds.maxFutureSkewMs) return new Drop('TIMESTAMP', `timestamp ${ts} in the future`);
  return null;
}

const opt = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function normalizeTrade(
  v: Obj,
  source: string,
  receivedAt: number,
  symbols: SymbolNormalizer,
  bounds: NormalizeBounds,
): TradeEvent | Drop {
  const sym = canonical(v, symbols);
  if (sym instanceof Drop) return sym;
  const timestamp = v.timestamp as number;
  const price = v.price as number;
  const amount = v.amount as number;
  const late = checkTime(timestamp, receivedAt, bounds);
  if (late !== null) return late;
  if (!(price > 0)) return new Drop('PRICE', `price ${price}`);
  if (!(amount >= 0)) return new Drop('SIZE', `amount ${amount}`);
  const id = v.id;
  const side = v.side;
  const trade: Trade = {
    id: typeof id === 'string' ? id : typeof id === 'number' ? String(id) : undefined,
    symbol: sym.symbol,
    type: sym.type,
    timestamp,
    price,
    amount,
    side: side === 'buy' || side === 'sell' ? side : undefined,
  };
  return { kind: 'trade', source, receivedAt, trade };
}

function checkQuote(v: Obj, sizeFields: readonly string[]): Drop | null {
  for (const f of PRICE_FIELDS) {
    const p = v[f];
    if (typeof p === 'number' && !(p > 0)) return new Drop('PRICE', `${f} ${p}`);
  }
  for (const f of sizeFields) {
    const s = v[f];
    if (typeof s === 'number' && !(s >= 0)) return new Drop('SIZE', `${f} ${s}`);
  }
  if (typeof v.bid === 'number' && typeof v.ask === 'number' && v.bid > v.ask) {
    return new Drop('CROSSED_BOOK', `bid ${v.bid} > ask ${v.ask}`);
  }
  return null;
}

function normalizeTicker(
  v: Obj,
  source: string,
  receivedAt: number,
  symbols: SymbolNormalizer,
  bounds: NormalizeBounds,
): TickerEvent | Drop {
  const sym = canonical(v, symbols);
  if (sym instanceof Drop) return sym;
  const timestamp = typeof v.timestamp === 'number' ? v.timestamp : receivedAt;
  const bad = checkTime(timestamp, receivedAt, bounds) ?? checkQuote(v, TICKER_SIZE_FIELDS);
  if (bad !== null) return bad;
  const ticker: Ticker = {
    symbol: sym.symbol,
    type: sym.type,
    timestamp,
    bid: opt(v.bid),
    ask: opt(v.ask),
    bidVolume: opt(v.bidVolume),
    askVolume: opt(v.askVolume),
    last: opt(v.last),
    open: opt(v.open),
    high: opt(v.high),
    low: opt(v.low),
    close: opt(v.close),
    baseVolume: opt(v.baseVolume),
    quoteVolume: opt(v.quoteVolume),
    percentage: opt(v.percentage),
  };
  const event: TickerEvent = { kind: 'ticker', source, receivedAt, ticker };
  if (typeof v.timestamp !== 'number') event.unstamped = true;
  return event;
}

function normalizeBook(
  v: Obj,
  source: string,
  receivedAt: number,
  symbols: SymbolNormalizer,
  bounds: NormalizeBounds,
): BookEvent | Drop {
  const sym = canonical(v, symbols);
  if (sym instanceof Drop) return sym;
  const timestamp = typeof v.timestamp === 'number' ? v.timestamp : receivedAt;
  const bad = checkTime(timestamp, receivedAt, bounds) ?? checkQuote(v, ['bidSize', 'askSize']);
  if (bad !== null) return bad;
  const book = {
    symbol: sym.symbol,
    type: sym.type,
    timestamp,
    bid: v.bid as number,
    bidSize: v.bidSize as number,
    ask: v.ask as number,
    askSize: v.askSize as number,
  };
  const event: BookEvent = { kind: 'book', source, receivedAt, book };
  if (typeof v.timestamp !== 'number') event.unstamped = true;
  return event;
}

function normalizeCandle(
  v: Obj,
  source: string,
  receivedAt: number,
  symbols: SymbolNormalizer,
  bounds: NormalizeBounds,
): CandleEvent | Drop {
  const timeframe = v.timeframe as string;
  if (!Object.hasOwn(TIMEFRAMES, timeframe)) return new Drop('SCHEMA', `timeframe ${show(timeframe)}`);
  const hint = marketTypeHint(v);
  if (hint instanceof Drop) return hint;
  const sym = symbols.normalize(v.symbol as string, hint);
  if (sym === null) return new Drop('SYMBOL', `symbol ${show(v.symbol)}`);
  const [time, open, high, low, close, rawVolume] = v.ohlcv as [
    number,
    number,
    number,
    number,
    number,
    unknown,
  ];
  const volume = typeof rawVolume === 'number' ? rawVolume : 0;
  const late = checkTime(time, receivedAt, bounds);
  if (late !== null) return late;
  if (time % TIMEFRAMES[timeframe as Timeframe] !== 0)
    return new Drop('TIMESTAMP', `time ${time} not on ${timeframe}`);
  if (!(open > 0 && high > 0 && low > 0 && close > 0)) return new Drop('PRICE', 'candle price not positive');
  if (high < Math.max(open, close, low) || low > Math.min(open, close)) {
    return new Drop('PRICE', 'candle high/low do not bound open/close');
  }
  if (!(volume >= 0)) return new Drop('SIZE', `volume ${volume}`);
  return {
    kind: 'candle',
    source,
    receivedAt,
    symbol: sym.symbol,
    type: sym.type,
    timeframe: timeframe as Timeframe,
    ohlcv: [time, open, high, low, close, volume],
  };
}

/**
 * Validates and normalizes one raw event. Never throws on any input.
 *
 * @param source configured name of the source the event came from
 * @param raw the event as the source produced it (anything: it is checked)
 * @param receivedAt clock time of receipt, ms
 */
export function normalizeEvent(
  source: string,
  raw: unknown,
  receivedAt: number,
  symbols: SymbolNormalizer,
  bounds: NormalizeBounds,
): MarketEvent | Drop {
  if (!isObject(raw)) return new Drop('SCHEMA', 'event is not an object');
  switch (raw.kind) {
    case 'trade':
      return checkRawTrade.Check(raw.trade)
        ? normalizeTrade(raw.trade as Obj, source, receivedAt, symbols, bounds)
        : classify('trade', raw.trade);
    case 'ticker':
      return checkRawTicker.Check(raw.ticker)
        ? normalizeTicker(raw.ticker as Obj, source, receivedAt, symbols, bounds)
        : classify('ticker', raw.ticker);
    case 'book':
      return checkRawBook.Check(raw.book)
        ? normalizeBook(raw.book as Obj, source, receivedAt, symbols, bounds)
        : classify('book', raw.book);
    case 'candle':
      return checkRawCandle.Check(raw)
        ? normalizeCandle(raw, source, receivedAt, symbols, bounds)
        : classify('candle', raw);
    default:
      return new Drop('UNKNOWN_KIND', `kind ${show(raw.kind)}`);
  }
}
