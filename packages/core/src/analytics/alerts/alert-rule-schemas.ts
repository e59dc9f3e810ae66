/**
 * TypeBox schemas of alert rules, for the REST rules editor, and {@link validateAlertRule}.
 * @module
 */
import Type from 'typebox';
import type { TProperties } from 'typebox';
import { Compile } from 'typebox/compile';
import {
  ALERT_RULE_KINDS,
  AlertErrorCode,
  BOT_ID_PATTERN,
  MAX_NAME_LENGTH,
  MAX_RULE_NAME_LENGTH,
  MAX_RULE_WEBHOOKS,
  SYMBOL_PATTERN,
  type AlertErrorCodeValue,
  type AlertRule,
  type AlertRuleKind,
} from '@tickdeck/protocol';
import { firstSchemaError } from '../schema-errors.js';

const Sym = Type.String({ maxLength: 41, pattern: SYMBOL_PATTERN.source });
const Bot = Type.String({ maxLength: 64, pattern: BOT_ID_PATTERN.source });
const NonNeg = Type.Number({ minimum: 0 });
const Pos = Type.Number({ exclusiveMinimum: 0 });
const Dir = Type.Union([Type.Literal('above'), Type.Literal('below')]);

const base = {
  id: Type.String({ minLength: 1, maxLength: MAX_RULE_NAME_LENGTH, pattern: '^[A-Za-z0-9_.-]+$' }),
  // Printable text only: no control characters.
  name: Type.String({
    minLength: 1,
    maxLength: MAX_RULE_NAME_LENGTH,
    pattern: '^[^\\u0000-\\u001f\\u007f]+$',
  }),
  enabled: Type.Boolean(),
  severity: Type.Union([Type.Literal('info'), Type.Literal('warning'), Type.Literal('critical')]),
  cooldownMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 7 * 86_400_000 })),
  webhooks: Type.Optional(
    Type.Array(Type.String({ maxLength: 2048, pattern: '^https?://[^\\s]+$' }), {
      maxItems: MAX_RULE_WEBHOOKS,
    }),
  ),
};

const rule = <K extends AlertRuleKind>(kind: K, props: TProperties) =>
  Type.Object({ ...base, kind: Type.Literal(kind), ...props }, { additionalProperties: false });

/** One schema per rule kind. */
export const AlertRuleSchemas = {
  price_cross: rule('price_cross', {
    symbol: Sym,
    direction: Dir,
    price: Pos,
    hysteresis: Type.Optional(NonNeg),
  }),
  pct_move: rule('pct_move', {
    symbol: Sym,
    windowMs: Type.Integer({ minimum: 1000, maximum: 7 * 86_400_000 }),
    pct: Pos,
    direction: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('either')]),
    clearPct: Type.Optional(NonNeg),
  }),
  spread: rule('spread', { symbol: Sym, bps: Pos, clearBps: Type.Optional(NonNeg) }),
  feed_stale: rule('feed_stale', { symbol: Sym, seconds: Pos }),
  feed_latency: rule('feed_latency', { symbol: Sym, ms: Pos, clearMs: Type.Optional(NonNeg) }),
  drawdown: rule('drawdown', {
    botId: Bot,
    pct: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
    clearPct: Type.Optional(NonNeg),
  }),
  daily_loss: rule('daily_loss', { botId: Bot, amount: Pos, clearAmount: Type.Optional(NonNeg) }),
  position_size: rule('position_size', {
    botId: Bot,
    symbol: Type.Optional(Sym),
    measure: Type.Union([Type.Literal('amount'), Type.Literal('notional')]),
    size: Pos,
    clearSize: Type.Optional(NonNeg),
  }),
  metric: rule('metric', {
    botId: Type.Optional(Bot),
    name: Type.String({ maxLength: MAX_NAME_LENGTH, pattern: '^[A-Za-z_][A-Za-z0-9_.:-]*$' }),
    direction: Dir,
    value: Type.Number(),
    clearValue: Type.Optional(Type.Number()),
  }),
} as const;

/** Any rule: the union of {@link AlertRuleSchemas}, for OpenAPI. */
export const AlertRuleSchema = Type.Union(Object.values(AlertRuleSchemas));

const compiled = Object.fromEntries(Object.entries(AlertRuleSchemas).map(([k, s]) => [k, Compile(s)])) as {
  [K in AlertRuleKind]: ReturnType<typeof Compile>;
};

export type AlertRuleValidation =
  { ok: true; rule: AlertRule } | { ok: false; code: AlertErrorCodeValue; field: string; message: string };

/** The clear threshold of a rule must lie on the resolved side of its threshold. */
function inconsistency(r: AlertRule): string | null {
  const below = (clear: number | undefined, threshold: number, name: string) =>
    clear !== undefined && clear > threshold ? `${name} must not exceed the threshold` : null;
  switch (r.kind) {
    case 'pct_move':
      return below(r.clearPct, r.pct, 'clearPct');
    case 'spread':
      return below(r.clearBps, r.bps, 'clearBps');
    case 'feed_latency':
      return below(r.clearMs, r.ms, 'clearMs');
    case 'drawdown':
      return below(r.clearPct, r.pct, 'clearPct');
    case 'daily_loss':
      return below(r.clearAmount, r.amount, 'clearAmount');
    case 'position_size':
      return below(r.clearSize, r.size, 'clearSize');
    case 'metric':
      if (r.clearValue === undefined) return null;
      return (r.direction === 'above' ? r.clearValue > r.value : r.clearValue < r.value)
        ? `clearValue must be on the other side of value (${r.direction === 'above' ? 'at or below' : 'at or above'})`
        : null;
    default:
      return null;
  }
}

/**
 * Validates a rule from the REST editor.
 *
 * @example
 * const r = validateAlertRule(body);
 * if (!r.ok) return reply.code(400).send({ code: r.code, field: r.field, detail: r.message });
 */
export function validateAlertRule(raw: unknown): AlertRuleValidation {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, code: AlertErrorCode.BadValue, field: '', message: 'rule must be an object' };
  }
  const kind = (raw as Record<string, unknown>)['kind'];
  if (typeof kind !== 'string' || !(ALERT_RULE_KINDS as readonly string[]).includes(kind)) {
    return { ok: false, code: AlertErrorCode.UnknownKind, field: '/kind', message: 'unknown rule kind' };
  }
  const v = compiled[kind as AlertRuleKind];
  if (!v.Check(raw)) {
    const e = firstSchemaError(v.Errors(raw));
    // Schema problems only classify into codes that both tables share.
    return { ok: false, code: e.code as AlertErrorCodeValue, field: e.field, message: e.message };
  }
  const rule = raw as AlertRule;
  const bad = inconsistency(rule);
  if (bad !== null) return { ok: false, code: AlertErrorCode.Inconsistent, field: '', message: bad };
  return { ok: true, rule };
}
