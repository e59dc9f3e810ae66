/**
 * Real services for integration tests. `npm test` (scripts/test.mjs) probes them and sets
 * TICKDECK_TEST_PG / TICKDECK_TEST_REDIS to 1 or 0; run directly, a test assumes they are there.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const pgUrl = process.env.TICKDECK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const redisUrl = process.env.TICKDECK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const havePg = process.env.TICKDECK_TEST_PG !== '0';
export const haveRedis = process.env.TICKDECK_TEST_REDIS !== '0';
export const noPgReason = `PostgreSQL not reachable at ${pgUrl}`;
export const noRedisReason = `Redis not reachable at ${redisUrl}`;

/** A fresh, empty database for one test file; `drop()` removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `tickdeck_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A key prefix unique to one test file, for Redis. */
export const testKeyPrefix = (): string => `tickdeck-test:${randomBytes(6).toString('hex')}:`;
