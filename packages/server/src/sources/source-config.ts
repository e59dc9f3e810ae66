/**
 * The configuration of one market source: a union discriminated by `kind`, one TypeBox schema per
 * adapter, with the defaults documented in docs/sources.md.
 * @module
 */
import Type, { type Static } from 'typebox';
import { Value } from 'typebox/value';
import { CcxtConfigSchema } from './ccxt/ccxt-config.js';
import { ReplayConfigSchema } from './replay/replay-config.js';
import { SimulatorConfigSchema } from './simulator/simulator-config.js';
import { ZeromqConfigSchema } from './zeromq/zeromq-config.js';

export { CcxtConfigSchema, ReplayConfigSchema, SimulatorConfigSchema, ZeromqConfigSchema };

export const SOURCE_SCHEMAS = {
  simulator: SimulatorConfigSchema,
  replay: ReplayConfigSchema,
  ccxt: CcxtConfigSchema,
  zeromq: ZeromqConfigSchema,
} as const;

export type SourceKind = keyof typeof SOURCE_SCHEMAS;

/** Any source's settings. */
export const MarketSourceConfigSchema = Type.Union([
  SimulatorConfigSchema,
  ReplayConfigSchema,
  CcxtConfigSchema,
  ZeromqConfigSchema,
]);

export type MarketSourceConfig = Static<typeof MarketSourceConfigSchema>;

/** A source's settings are wrong; `setting` names the first bad one (e.g. `sources.0.rate`). */
export class SourceConfigError extends Error {
  readonly code = 'SOURCE_CONFIG_INVALID';
  constructor(
    readonly setting: string,
    detail: string,
  ) {
    super(`${setting}: ${detail}`);
    this.name = 'SourceConfigError';
  }
}

/**
 * Checks one source's settings against its kind's schema and fills in the defaults.
 * @param at where the settings sit in the configuration file, for the error message.
 * @example parseSourceConfig({ kind: 'simulator', rate: 1000 }) // → { kind: 'simulator', name: 'simulator', seed: 1, rate: 1000, ... }
 */
export function parseSourceConfig(raw: unknown, at = 'source'): MarketSourceConfig {
  const kind = (raw as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !(kind in SOURCE_SCHEMAS)) {
    throw new SourceConfigError(`${at}.kind`, `must be one of ${Object.keys(SOURCE_SCHEMAS).join(', ')}`);
  }
  const schema = SOURCE_SCHEMAS[kind as SourceKind];
  const value = Value.Convert(schema, Value.Default(schema, structuredClone(raw)));
  const errors = Value.Errors(schema, value);
  const first = errors.find((e) => e.keyword === 'additionalProperties') ?? errors[0];
  if (first) {
    const path = first.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const detail =
      first.keyword === 'additionalProperties'
        ? `unknown setting ${JSON.stringify((first.params as { additionalProperties?: string[] }).additionalProperties ?? [])}`
        : first.message;
    throw new SourceConfigError(path ? `${at}.${path}` : at, detail);
  }
  return value as MarketSourceConfig;
}
