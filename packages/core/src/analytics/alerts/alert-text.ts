/**
 * Plain-text descriptions of what a rule saw. Never markup: formatters escape for their target.
 * @module
 */
import type { AlertRule } from '@tickdeck/protocol';

/** A number with at most 8 significant digits, without exponent noise for ordinary values. */
export const fmt = (v: number): string => String(Number(v.toPrecision(8)));

/** A measured spread, latency or percentage: at most `decimals` decimals (`0.51625676` → `0.52`). */
const fixed = (v: number, decimals: number): string => String(Number(v.toFixed(decimals)));

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
        ? `${subject} moved ${value > 0 ? '+' : ''}${fixed(value, 2)}% within ${duration(rule.windowMs)} (limit ${fmt(rule.pct)}%)`
        : `${subject} move within ${duration(rule.windowMs)} is back to ${fixed(value, 2)}%`;
    case 'spread':
      return fired
        ? `${subject} spread ${fixed(value, 2)} bps reached ${fmt(rule.bps)} bps`
        : `${subject} spread back to ${fixed(value, 2)} bps`;
    case 'feed_stale':
      return fired
        ? `${subject} feed silent for ${fixed(value, 1)} s (limit ${fmt(rule.seconds)} s)`
        : `${subject} feed is live again`;
    case 'feed_latency':
      return fired
        ? `${subject} feed latency ${fixed(value, 1)} ms reached ${fmt(rule.ms)} ms`
        : `${subject} feed latency back to ${fixed(value, 1)} ms`;
    case 'drawdown':
      return fired
        ? `bot ${subject} drawdown ${fixed(value, 2)}% reached ${fmt(rule.pct)}%`
        : `bot ${subject} drawdown back to ${fixed(value, 2)}%`;
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
