/**
 * What a bot reports to tickdeck (ingest) and what a trader sends back (commands). Order and fill
 * payloads are ccxt's shapes, so a ccxt bot forwards what its exchange returns.
 *
 * Every event carries the bot's id and an event id chosen by the bot; an event id seen before for
 * the same bot is stored once.
 * @module
 */
import type { Side } from './market.js';
import type { Fill, Order } from './trading.js';

/** Bot ids: 1–64 characters, letters, digits, `_`, `.`, `-`, starting with a letter or digit. */
export const BOT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** Currency codes as they appear in fees and balances. */
export const CURRENCY_PATTERN = /^[A-Z0-9]{1,20}$/;
/** Longest event id, order id or fill id, in characters. */
export const MAX_ID_LENGTH = 128;
/** Longest metric name, strategy name, unit, tag key or tag value, in characters. */
export const MAX_NAME_LENGTH = 64;
/** Longest log line, in characters. */
export const MAX_LOG_TEXT_LENGTH = 4096;
/** Most tags on one metric, currencies in one balance, indicator values in one signal. */
export const MAX_MAP_ENTRIES = 32;
/** Most events in one ingest batch; a larger batch is refused as a whole. */
export const MAX_INGEST_BATCH = 1000;

export type BotEventType = 'order' | 'fill' | 'position' | 'balance' | 'metric' | 'log' | 'signal';

export const BOT_EVENT_TYPES: readonly BotEventType[] = [
  'order',
  'fill',
  'position',
  'balance',
  'metric',
  'log',
  'signal',
];

interface BotEventBase {
  botId: string;
  /** Chosen by the bot, unique per bot; a repeat is acknowledged as `duplicate` and stored once. */
  eventId: string;
  /** When the bot saw it, ms since the epoch. Optional: the server's receipt time is used if absent. */
  timestamp?: number | undefined;
}

export type OrderAction = 'new' | 'updated' | 'cancelled';

export interface OrderEvent extends BotEventBase {
  type: 'order';
  action: OrderAction;
  order: Order;
}

export interface FillEvent extends BotEventBase {
  type: 'fill';
  fill: Fill;
}

/** The bot's own view of one position. `amount` is signed: > 0 long, < 0 short, in base units. */
export interface PositionEvent extends BotEventBase {
  type: 'position';
  symbol: string;
  amount: number;
  entryPrice?: number | undefined;
  unrealizedPnl?: number | undefined;
}

export interface BalanceEntry {
  free?: number | undefined;
  used?: number | undefined;
  total: number;
}

/** Balances per currency code, like ccxt's `fetchBalance`. */
export interface BalanceEvent extends BotEventBase {
  type: 'balance';
  balances: Record<string, BalanceEntry>;
}

/** Any number the bot wants charted and alerted on, e.g. `gas_used` (unit `gas`) of an on-chain bot. */
export interface MetricEvent extends BotEventBase {
  type: 'metric';
  name: string;
  value: number;
  unit?: string | undefined;
  tags?: Record<string, string> | undefined;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEvent extends BotEventBase {
  type: 'log';
  level: LogLevel;
  /** Plain text; never rendered as markup. */
  text: string;
}

export type SignalSide = Side | 'none';

/** A strategy's decision with the indicator values it was based on (null while warming up). */
export interface SignalEvent extends BotEventBase {
  type: 'signal';
  strategy: string;
  symbol: string;
  side: SignalSide;
  indicators: Record<string, number | null>;
  reason?: string | undefined;
}

export type BotEvent =
  OrderEvent | FillEvent | PositionEvent | BalanceEvent | MetricEvent | LogEvent | SignalEvent;

/**
 * Why one event of a batch was rejected. Stable: bots may switch on them.
 * - `MALFORMED`: not an object, or no recognizable `type`.
 * - `UNKNOWN_TYPE`: `type` is not a {@link BotEventType}.
 * - `MISSING_FIELD`, `UNKNOWN_FIELD`, `WRONG_TYPE`: schema violations at `field`.
 * - `NOT_FINITE`: a number is NaN or infinite.
 * - `NEGATIVE`: a size, price or fee below zero (or a size of zero where one is required).
 * - `TOO_LONG`: a string or map past its limit.
 * - `BAD_ID`: a bot id or event id that does not match its pattern.
 * - `BAD_SYMBOL`: not canonical `BASE/QUOTE` (see SYMBOL_PATTERN).
 * - `UNKNOWN_SYMBOL`: canonical but not a market this deployment knows.
 * - `BAD_VALUE`: any other invalid value (enum, currency code, inconsistent fields).
 * - `FORBIDDEN_BOT`: the API key may not ingest for this bot (set by the server).
 * - `BATCH_TOO_LARGE`: the event came after the first {@link MAX_INGEST_BATCH} of its batch.
 */
export const IngestRejectCode = {
  Malformed: 'MALFORMED',
  UnknownType: 'UNKNOWN_TYPE',
  MissingField: 'MISSING_FIELD',
  UnknownField: 'UNKNOWN_FIELD',
  WrongType: 'WRONG_TYPE',
  NotFinite: 'NOT_FINITE',
  Negative: 'NEGATIVE',
  TooLong: 'TOO_LONG',
  BadId: 'BAD_ID',
  BadSymbol: 'BAD_SYMBOL',
  UnknownSymbol: 'UNKNOWN_SYMBOL',
  BadValue: 'BAD_VALUE',
  ForbiddenBot: 'FORBIDDEN_BOT',
  BatchTooLarge: 'BATCH_TOO_LARGE',
} as const;

export type IngestRejectCodeValue = (typeof IngestRejectCode)[keyof typeof IngestRejectCode];

/** The acknowledgement of one event of a batch, in the batch's order. */
export type IngestEventResult =
  | { index: number; eventId: string; status: 'accepted' | 'duplicate' }
  | {
      index: number;
      eventId?: string | undefined;
      status: 'rejected';
      code: IngestRejectCodeValue;
      /** JSON pointer of the offending field, e.g. `/fill/amount`. */
      field?: string | undefined;
      message: string;
    };

export type BotCommandKind = 'pause' | 'resume' | 'stop' | 'close_all' | 'custom';

/** A trader's command to a bot. */
export interface BotCommand {
  commandId: string;
  botId: string;
  kind: BotCommandKind;
  /** For `custom`: the command's name. */
  name?: string | undefined;
  params?: Record<string, unknown> | undefined;
  issuedBy: string;
  issuedAt: number;
}

export type BotCommandStatus = 'pending' | 'delivered' | 'succeeded' | 'failed' | 'expired';

/** What a bot reports after running a command. */
export interface BotCommandResult {
  commandId: string;
  botId: string;
  ok: boolean;
  message?: string | undefined;
  at: number;
}
