/**
 * Plain-text descriptions of what a rule saw. Never markup: formatters escape for their target.
 * @module
 */
import type { AlertRule } from '@tickdeck/protocol';

/** A number with at most 8 significant digits, without exponent noise for ordinary values. */
export const fmt = (v: number): string => String(Number(v.toPrecision(8)));

const duration = (ms: number): string =>
  ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`;

/** What the rule observed, for a firing (`fired`) or a resolution. `subject` names the series. */
export function describeObservation(rule: AlertRule, subject: string, value: number, fired: boolean): string {
  const v = fmt(value);
  switch (rule.kind) {
    case 'price_cross':
      return fired
        ? `${subject} price ${v} crossed ${rule.direction} ${fmt(rule.price)}`
        : `${subject} price ${v} is back ${rule.direction === 'above' ? 'below' : 'above'} ${fmt(rule.price)}`;
    case 'pct_move':
      return fired
        ? `${subject} moved ${value > 0 ? '+' : ''}${fmt(value)}% within ${duration(rule.windowMs)} (limit ${fmt(rule.pct)}%)`
        : `${subject} move within ${duration(rule.windowMs)} is back to ${fmt(value)}%`;
    case 'spread':
      return fired
        ? `${subject} spread ${v} bps reached ${fmt(rule.bps)} bps`
        : `${subject} spread back to ${v} bps`;
    case 'feed_stale':
      return fired
        ? `${subject} feed silent for ${v} s (limit ${fmt(rule.seconds)} s)`
        : `${subject} feed is live again`;
    case 'feed_latency':
      return fired
        ? `${subject} feed latency ${v} ms reached ${fmt(rule.ms)} ms`
        : `${subject} feed latency back to ${v} ms`;
    case 'drawdown':
      return fired
        ? `bot ${subject} drawdown ${v}% reached ${fmt(rule.pct)}%`
        : `bot ${subject} drawdown back to ${v}%`;
    case 'daily_loss':
      return fired
        ? `bot ${subject} lost ${v} today (limit ${fmt(rule.amount)})`
        : `bot ${subject} loss today back to ${v}`;
    case 'position_size':
      return fired
        ? `bot ${subject} position ${rule.measure} ${v} reached ${fmt(rule.size)}`
        : `bot ${subject} position ${rule.measure} back to ${v}`;
    case 'metric':
      return fired
        ? `${subject} = ${v}, ${rule.direction} ${fmt(rule.value)}`
        : `${subject} = ${v}, back ${rule.direction === 'above' ? 'below' : 'above'} ${fmt(rule.clearValue ?? rule.value)}`;
  }
}
