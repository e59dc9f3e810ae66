/**
 * Configuration from a JSON file and environment variables (which win), validated against
 * {@link ConfigSchema}. A wrong value throws a {@link ConfigError} naming the setting.
 * @module
 */
import { readFileSync } from 'node:fs';
import { Value } from 'typebox/value';
import { LIST_SETTINGS, SECURITY_ENV_SETTINGS } from '../security/auth-config.js';
import { type Config, ConfigSchema } from './config-schema.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    /** The setting at fault, as a path (`storage.databaseUrl`) or an environment variable. */
    readonly setting: string,
    message: string,
  ) {
    super(`Invalid configuration: ${setting}: ${message}`);
  }
}

/** Environment variables and the setting each one sets. */
export const ENV_SETTINGS: Readonly<Record<string, string>> = {
  TICKDECK_HOST: 'host',
  TICKDECK_PORT: 'port',
  TICKDECK_DATA_DIR: 'dataDir',
  TICKDECK_LOG_LEVEL: 'logLevel',
  TICKDECK_DATABASE_URL: 'storage.databaseUrl',
  TICKDECK_STORAGE_IN_MEMORY: 'storage.inMemory',
  TICKDECK_REDIS_URL: 'redis.url',
  TICKDECK_REDIS_PREFIX: 'redis.prefix',
  TICKDECK_COLLECTOR_URL: 'collectorUrl',
  TICKDECK_GATEWAY_ID: 'gatewayId',
  TICKDECK_TRUST_PROXY: 'trustProxy',
  ...SECURITY_ENV_SETTINGS,
};

type Json = Record<string, unknown>;

function setPath(target: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    node = (next && typeof next === 'object' ? next : (node[key] = {})) as Json;
  }
  node[keys[keys.length - 1]!] = value;
}

function readFile(path: string): Json {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError('TICKDECK_CONFIG', `cannot read ${path} (${(err as Error).message})`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Json;
  } catch (err) {
    throw new ConfigError('TICKDECK_CONFIG', `${path} is not a JSON object (${(err as Error).message})`);
  }
}

/**
 * Build the configuration.
 * @param env environment variables; `TICKDECK_CONFIG` names an optional JSON file.
 * @example loadConfig(process.env)
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const raw: Json = env.TICKDECK_CONFIG ? readFile(env.TICKDECK_CONFIG) : {};
  const fromEnv = new Map<string, string>();
  for (const [name, path] of Object.entries(ENV_SETTINGS)) {
    const value = env[name];
    if (value !== undefined && value !== '') {
      const list = LIST_SETTINGS.has(path);
      setPath(
        raw,
        path,
        list
          ? value
              .split(',')
              .map((v) => v.trim())
              .filter((v) => v !== '')
          : value,
      );
      fromEnv.set(path, name);
    }
  }
  const converted = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, raw));
  const errors = Value.Errors(ConfigSchema, converted);
  // An unknown key is reported twice (as `schema is false` at the key); name it once, clearly.
  const first = errors.find((e) => e.keyword !== 'boolean') ?? errors[0];
  if (first) {
    const unknown = (first.params as { additionalProperties?: string[] }).additionalProperties;
    const base = first.instancePath.replace(/^\//, '').replaceAll('/', '.');
    if (first.keyword === 'additionalProperties' && unknown?.length) {
      const names = unknown.map((k) => (base ? `${base}.${k}` : k));
      throw new ConfigError(names[0]!, `unknown setting ${JSON.stringify(names)}`);
    }
    const path = base || '(root)';
    throw new ConfigError(fromEnv.get(path) ?? path, first.message);
  }
  return converted as Config;
}
