import { describe, expect, it } from 'vitest';
import { AppError } from '../http/app-error.js';
import { RedisServerProcess, freePort, haveRedisServer, isCi } from '../testing/redis-server.test-helpers.js';
import { haveRedis, noRedisReason, redisUrl } from '../testing/services.test-helpers.js';
import { createRedis, waitForRedis, type RedisLog } from './connect-redis.js';

const recorder = () => {
  const lines: { level: string; obj: object; msg: string }[] = [];
  const log: RedisLog = {
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
  };
  return { lines, log };
};

describe.skipIf(!haveRedis)(`createRedis (skipped: ${noRedisReason})`, () => {
  it('connects to the configured server and names the connection', async () => {
    const client = createRedis({ url: redisUrl }, { connectionName: 'tickdeck-test' });
    try {
      await waitForRedis(client, redisUrl, 5000);
      expect(await client.ping()).toBe('PONG');
      expect(await client.client('GETNAME')).toBe('tickdeck-test');
    } finally {
      await client.quit();
    }
  });
});

describe('createRedis when Redis is not there', () => {
  it('logs the outage once instead of crashing, fails commands, and waitForRedis names the target only', async () => {
    const port = await freePort();
    const { lines, log } = recorder();
    const config = {
      url: `redis://tick:s3cret@127.0.0.1:${port}`,
      maxReconnectDelayMs: 50,
      connectTimeoutMs: 500,
    };
    const client = createRedis(config, { log });
    try {
      await expect(client.ping()).rejects.toThrow();
      const err = await waitForRedis(client, config, 300).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(503);
      expect((err as Error).message).toContain(`redis://127.0.0.1:${port}`);
      expect((err as Error).message).not.toContain('s3cret');
      expect(lines.filter((l) => l.level === 'warn')).toHaveLength(1);
      expect(JSON.stringify(lines)).not.toContain('s3cret');
    } finally {
      client.disconnect();
    }
  });
});

describe.skipIf(!haveRedisServer() && !isCi)(
  'createRedis through Sentinel (skipped: redis-server is not on the PATH)',
  () => {
    it('asks the sentinels for the master of its group and connects to it', async () => {
      const master = await RedisServerProcess.start();
      const sentinel = await RedisServerProcess.sentinel('tdmaster', master);
      const config = { sentinels: [{ host: '127.0.0.1', port: sentinel.port }], name: 'tdmaster' };
      const client = createRedis(config);
      try {
        await waitForRedis(client, config, 10_000);
        await client.set('tickdeck-test:sentinel', 'via sentinel');
        const direct = createRedis(master.url);
        expect(await direct.get('tickdeck-test:sentinel')).toBe('via sentinel');
        await direct.quit();
      } finally {
        client.disconnect();
        await sentinel.stop();
        await master.stop();
      }
    }, 30_000);
  },
);
