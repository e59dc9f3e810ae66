/**
 * Redis for integration tests: a client on the shared test server, and the removal of one test's keys
 * (SCAN + UNLINK on its prefix; never FLUSHDB, other tests share the server).
 */
import type { Redis } from 'ioredis';
import { createRedis } from '../redis/connect-redis.js';
import { redisUrl } from './services.test-helpers.js';

/** A client with the service defaults on the test server. */
export const testRedis = (url = redisUrl): Redis => createRedis(url);

/** Delete every key starting with `prefix`. Bounded: at most 1000 SCAN rounds. */
export async function deleteKeysWithPrefix(client: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  for (let round = 0; round < 1000; round++) {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) deleted += await client.unlink(...keys);
    cursor = next;
    if (cursor === '0') return deleted;
  }
  throw new Error(`keys under ${prefix} not all deleted after 1000 SCAN rounds`);
}

/** Keys starting with `prefix` (at most 10,000). */
export async function keysWithPrefix(client: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  for (let round = 0; round < 1000 && found.length < 10_000; round++) {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    found.push(...keys);
    cursor = next;
    if (cursor === '0') break;
  }
  return found.sort();
}
