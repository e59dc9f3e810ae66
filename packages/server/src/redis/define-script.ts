/**
 * A Lua script as a typed function over an ioredis client, through `defineCommand` (EVALSHA, falling
 * back to EVAL when the server lost its script cache, e.g. after a restart).
 * @module
 */
import type { Redis, RedisKey } from 'ioredis';

export type ScriptArg = string | Buffer | number;
export type ScriptCall<R> = (keys: readonly RedisKey[], args: readonly ScriptArg[]) => Promise<R>;

/**
 * Define `lua` on `client` under `name` (once per client: adapters sharing a client share it).
 * @param buffers resolve with Buffers instead of strings (binary payloads).
 */
export function defineScript<R>(
  client: Redis,
  name: string,
  numberOfKeys: number,
  lua: string,
  buffers = false,
): ScriptCall<R> {
  const commands = client as unknown as Record<string, ((...args: unknown[]) => Promise<R>) | undefined>;
  if (typeof commands[name] !== 'function') client.defineCommand(name, { numberOfKeys, lua });
  const fn = commands[buffers ? `${name}Buffer` : name]!;
  return (keys, args) => fn.call(client, ...keys, ...args);
}
