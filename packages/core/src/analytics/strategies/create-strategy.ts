/**
 * Strategy parameters: schemas with limits, defaults, and the factory used by the API and the CLI.
 * @module
 */
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import { firstSchemaError, type SchemaProblem } from '../schema-errors.js';
import { EmaCrossStrategy } from './ema-cross.js';
import { RsiReversionStrategy } from './rsi-reversion.js';
import type { Strategy, StrategyName } from './strategy.js';

const Period = Type.Integer({ minimum: 2, maximum: 500 });

/** Parameter schemas per strategy; every parameter is optional (defaults apply). */
export const StrategyParamSchemas = {
  ema_cross: Type.Object(
    { fastPeriod: Type.Optional(Period), slowPeriod: Type.Optional(Period) },
    { additionalProperties: false },
  ),
  rsi_reversion: Type.Object(
    {
      period: Type.Optional(Period),
      oversold: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 100 })),
      overbought: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 100 })),
    },
    { additionalProperties: false },
  ),
} as const;

const compiled = {
  ema_cross: Compile(StrategyParamSchemas.ema_cross),
  rsi_reversion: Compile(StrategyParamSchemas.rsi_reversion),
};

export const STRATEGY_NAMES: readonly StrategyName[] = ['ema_cross', 'rsi_reversion'];

export type CreateStrategyResult =
  | { ok: true; strategy: Strategy }
  | {
      ok: false;
      code: SchemaProblem['code'] | 'UNKNOWN_STRATEGY' | 'INCONSISTENT';
      field: string;
      message: string;
    };

/**
 * Builds a strategy from a name and parameters, validated.
 *
 * @example
 * const r = createStrategy('ema_cross', { fastPeriod: 5, slowPeriod: 20 });
 */
export function createStrategy(name: string, params: unknown = {}): CreateStrategyResult {
  if (name !== 'ema_cross' && name !== 'rsi_reversion') {
    return {
      ok: false,
      code: 'UNKNOWN_STRATEGY',
      field: '',
      message: `unknown strategy "${name.slice(0, 40)}"`,
    };
  }
  const v = compiled[name];
  if (!v.Check(params)) return { ok: false, ...firstSchemaError(v.Errors(params)) };
  if (name === 'ema_cross') {
    const s = new EmaCrossStrategy(params as object);
    if (s.params.fastPeriod >= s.params.slowPeriod) {
      return {
        ok: false,
        code: 'INCONSISTENT',
        field: '/fastPeriod',
        message: 'fastPeriod must be below slowPeriod',
      };
    }
    return { ok: true, strategy: s };
  }
  const s = new RsiReversionStrategy(params as object);
  if (s.params.oversold >= s.params.overbought) {
    return {
      ok: false,
      code: 'INCONSISTENT',
      field: '/oversold',
      message: 'oversold must be below overbought',
    };
  }
  return { ok: true, strategy: s };
}
