/**
 * Alert rules, alerts and their transitions. An alert is one episode of a rule firing for one
 * subject (a symbol, a bot, a bot's symbol or metric series): firing → resolved, and acknowledged by a
 * trader at any point. Messages are plain text, never markup.
 * @module
 */

export type AlertSeverity = 'info' | 'warning' | 'critical';

export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['info', 'warning', 'critical'];

/** Longest rule name or rule id, in characters. */
export const MAX_RULE_NAME_LENGTH = 100;
/** Most webhook URLs on one rule. */
export const MAX_RULE_WEBHOOKS = 5;

interface AlertRuleBase {
  id: string;
  name: string;
  enabled: boolean;
  severity: AlertSeverity;
  /** Minimum time between two firings of the rule for one subject, ms. Default 0. */
  cooldownMs?: number | undefined;
  /** Webhook URLs for this rule, in addition to the global ones. */
  webhooks?: string[] | undefined;
}

/**
 * Fires when the last price reaches `price` from the other side. Resolves when the price moves back
 * past `price` by `hysteresis` (quote units, default 0).
 */
export interface PriceCrossRule extends AlertRuleBase {
  kind: 'price_cross';
  symbol: string;
  direction: 'above' | 'below';
  price: number;
  hysteresis?: number | undefined;
}

/**
 * Fires when the last price moved by at least `pct` percent against the oldest price within the last
 * `windowMs`. Resolves when the move falls below `clearPct` (default `pct` / 2).
 */
export interface PctMoveRule extends AlertRuleBase {
  kind: 'pct_move';
  symbol: string;
  windowMs: number;
  pct: number;
  direction: 'up' | 'down' | 'either';
  clearPct?: number | undefined;
}

/** Fires when the spread reaches `bps`; resolves below `clearBps` (default `bps`). */
export interface SpreadRule extends AlertRuleBase {
  kind: 'spread';
  symbol: string;
  bps: number;
  clearBps?: number | undefined;
}

/** Fires when no event arrived for `seconds`; resolves on the next event. */
export interface FeedStaleRule extends AlertRuleBase {
  kind: 'feed_stale';
  symbol: string;
  seconds: number;
}

/** Fires when the feed latency reaches `ms`; resolves below `clearMs` (default `ms`). */
export interface FeedLatencyRule extends AlertRuleBase {
  kind: 'feed_latency';
  symbol: string;
  ms: number;
  clearMs?: number | undefined;
}

/** Fires when a bot's current drawdown reaches `pct` percent; resolves below `clearPct` (default `pct`). */
export interface DrawdownRule extends AlertRuleBase {
  kind: 'drawdown';
  botId: string;
  pct: number;
  clearPct?: number | undefined;
}

/** Fires when a bot's loss today reaches `amount` (account currency, positive); resolves below `clearAmount`. */
export interface DailyLossRule extends AlertRuleBase {
  kind: 'daily_loss';
  botId: string;
  amount: number;
  clearAmount?: number | undefined;
}

/**
 * Fires when a position of a bot (one symbol, or each symbol when `symbol` is absent) reaches `size`:
 * absolute base amount (`measure: 'amount'`) or absolute notional in quote (`'notional'`).
 */
export interface PositionSizeRule extends AlertRuleBase {
  kind: 'position_size';
  botId: string;
  symbol?: string | undefined;
  measure: 'amount' | 'notional';
  size: number;
  clearSize?: number | undefined;
}

/**
 * Fires when a bot's custom metric (any bot when `botId` is absent; series told apart by tags) goes
 * above or below `value`; resolves when it returns past `clearValue` (default `value`).
 */
export interface MetricRule extends AlertRuleBase {
  kind: 'metric';
  botId?: string | undefined;
  name: string;
  direction: 'above' | 'below';
  value: number;
  clearValue?: number | undefined;
}

export type AlertRule =
  | PriceCrossRule
  | PctMoveRule
  | SpreadRule
  | FeedStaleRule
  | FeedLatencyRule
  | DrawdownRule
  | DailyLossRule
  | PositionSizeRule
  | MetricRule;

export type AlertRuleKind = AlertRule['kind'];

export const ALERT_RULE_KINDS: readonly AlertRuleKind[] = [
  'price_cross',
  'pct_move',
  'spread',
  'feed_stale',
  'feed_latency',
  'drawdown',
  'daily_loss',
  'position_size',
  'metric',
];

export type AlertState = 'firing' | 'resolved';

/** One episode of a rule firing for one subject. */
export interface Alert {
  /** Stable for the episode: `<ruleId>|<subject>|<firedAt>`. */
  id: string;
  ruleId: string;
  ruleName: string;
  kind: AlertRuleKind;
  /** What fired: a symbol, a bot id, `<botId>/<symbol>` or `<botId>/<metric>{tags}`. */
  subject: string;
  severity: AlertSeverity;
  state: AlertState;
  /** Plain text. */
  message: string;
  /** The observed value when it fired (or resolved), in the rule's unit. */
  value: number;
  threshold: number;
  firedAt: number;
  resolvedAt: number | null;
  acknowledged: { by: string; at: number } | null;
}

export type AlertTransitionType = 'fired' | 'resolved' | 'acknowledged';

/** Payload of the `alerts` stream channel, and what webhooks are sent. */
export interface AlertTransition {
  type: AlertTransitionType;
  at: number;
  alert: Alert;
}

/**
 * Why a rule was refused or an acknowledgement failed. Stable. The schema codes mean what they mean
 * for ingest (see `IngestRejectCode`); besides:
 * - `UNKNOWN_KIND`: `kind` is not an {@link AlertRuleKind}.
 * - `INCONSISTENT`: a clear threshold on the wrong side of its threshold.
 * - `ALERT_NOT_FOUND`: no alert with this id (or it left the recent history).
 * - `ALREADY_ACKNOWLEDGED`: someone acknowledged it first.
 */
export const AlertErrorCode = {
  MissingField: 'MISSING_FIELD',
  UnknownField: 'UNKNOWN_FIELD',
  WrongType: 'WRONG_TYPE',
  NotFinite: 'NOT_FINITE',
  Negative: 'NEGATIVE',
  TooLong: 'TOO_LONG',
  BadId: 'BAD_ID',
  BadSymbol: 'BAD_SYMBOL',
  BadValue: 'BAD_VALUE',
  UnknownKind: 'UNKNOWN_KIND',
  Inconsistent: 'INCONSISTENT',
  AlertNotFound: 'ALERT_NOT_FOUND',
  AlreadyAcknowledged: 'ALREADY_ACKNOWLEDGED',
} as const;

export type AlertErrorCodeValue = (typeof AlertErrorCode)[keyof typeof AlertErrorCode];
