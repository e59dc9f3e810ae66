/**
 * The rules editor's fields per rule kind (docs/alerts.md), and the conversions between a rule and
 * the form's text values. The server validates; the form only shapes. Pure.
 * @module
 */
import type { AlertRule, AlertRuleKind } from '@tickdeck/protocol';

export interface FieldSpec {
  /** The rule's property, also the JSON pointer `/name` the server names in its errors. */
  name: string;
  label: string;
  type: 'text' | 'number' | 'select';
  options?: readonly string[];
  optional?: boolean;
  placeholder?: string;
}

const symbol: FieldSpec = { name: 'symbol', label: 'Symbol', type: 'text', placeholder: 'BTC/USDT' };
const botId: FieldSpec = { name: 'botId', label: 'Bot', type: 'text', placeholder: 'paper' };
const num = (name: string, label: string, optional = false): FieldSpec => ({
  name,
  label,
  type: 'number',
  optional,
});
const select = (name: string, label: string, options: readonly string[]): FieldSpec => ({
  name,
  label,
  type: 'select',
  options,
});
const aboveBelow = ['above', 'below'] as const;

/** The fields of each kind, beyond the common ones. */
export const KIND_FIELDS: Record<AlertRuleKind, readonly FieldSpec[]> = {
  price_cross: [
    symbol,
    select('direction', 'Direction', aboveBelow),
    num('price', 'Price'),
    num('hysteresis', 'Hysteresis', true),
  ],
  pct_move: [
    symbol,
    num('windowMs', 'Window (ms)'),
    num('pct', 'Move %'),
    select('direction', 'Direction', ['up', 'down', 'either']),
    num('clearPct', 'Clear below %', true),
  ],
  spread: [symbol, num('bps', 'Spread (bps)'), num('clearBps', 'Clear below (bps)', true)],
  feed_stale: [symbol, num('seconds', 'Silent for (s)')],
  feed_latency: [symbol, num('ms', 'Latency (ms)'), num('clearMs', 'Clear below (ms)', true)],
  drawdown: [botId, num('pct', 'Drawdown %'), num('clearPct', 'Clear below %', true)],
  daily_loss: [botId, num('amount', 'Daily loss'), num('clearAmount', 'Clear below', true)],
  position_size: [
    botId,
    { ...symbol, optional: true },
    select('measure', 'Measure', ['amount', 'notional']),
    num('size', 'Size'),
    num('clearSize', 'Clear below', true),
  ],
  metric: [
    { ...botId, optional: true },
    { name: 'name', label: 'Metric name', type: 'text', placeholder: 'gas_used' },
    select('direction', 'Direction', aboveBelow),
    num('value', 'Value'),
    num('clearValue', 'Clear at', true),
  ],
};

/**
 * Fields every rule has. The rule's `name` is the form's `title`, except for a metric rule whose
 * `name` is the metric it watches (the server's rule shape uses one property for both).
 */
export const COMMON_FIELDS: readonly FieldSpec[] = [
  { name: 'id', label: 'Rule id', type: 'text', placeholder: 'btc-above-70k' },
  { name: 'title', label: 'Name', type: 'text', placeholder: 'BTC above 70k' },
  select('severity', 'Severity', ['info', 'warning', 'critical']),
  num('cooldownMs', 'Cooldown (ms)', true),
];

/** The form's field name for a JSON pointer in a server error (`/name` of a metric rule is its metric). */
export const fieldOfPointer = (pointer: string | undefined, kind: AlertRuleKind): string | undefined => {
  const first = pointer?.split('/')[1];
  if (first === undefined || first === '') return undefined;
  if (first === 'name' && kind !== 'metric') return 'title';
  return first;
};

/** A number, or the text itself when it is not one (so that the server names the field). */
const numeric = (text: string): number | string => {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
};

/**
 * The rule a form describes. Empty optional fields are left out; a number field that does not parse
 * is sent as text so that the server's validation names it.
 */
export const ruleFromForm = (
  kind: AlertRuleKind,
  values: Readonly<Record<string, string>>,
  enabled: boolean,
): Record<string, unknown> => {
  const rule: Record<string, unknown> = {
    id: (values.id ?? '').trim(),
    name: (values.title ?? '').trim(),
    enabled,
    severity: values.severity || 'warning',
    kind,
  };
  // For a metric rule the metric field below sets `name`.
  if ((values.cooldownMs ?? '').trim() !== '') rule.cooldownMs = numeric(values.cooldownMs!);
  for (const f of KIND_FIELDS[kind]) {
    const raw = (values[f.name] ?? '').trim();
    if (raw === '' && f.optional) continue;
    rule[f.name] = f.type === 'number' ? numeric(raw) : raw;
  }
  return rule;
};

/** The form's text values of a stored rule. */
export const formFromRule = (rule: AlertRule): Record<string, string> => {
  const r = rule as unknown as Record<string, unknown>;
  const values: Record<string, string> = {
    id: rule.id,
    title: rule.kind === 'metric' ? '' : rule.name,
    severity: rule.severity,
    cooldownMs: rule.cooldownMs === undefined ? '' : String(rule.cooldownMs),
  };
  for (const f of KIND_FIELDS[rule.kind]) {
    const v = r[f.name];
    values[f.name] = v === undefined || v === null ? '' : String(v);
  }
  return values;
};
