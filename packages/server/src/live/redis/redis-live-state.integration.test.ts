import { describe, expect, it } from 'vitest';
import { createRedis } from '../../redis/connect-redis.js';
import { TcpProxy, waitFor } from '../../store/tcp-proxy.test-helpers.js';
import { deleteKeysWithPrefix, keysWithPrefix, testRedis } from '../../testing/redis.test-helpers.js';
import { haveRedis, noRedisReason, redisUrl, testKeyPrefix } from '../../testing/services.test-helpers.js';
import { candleAt, describeLiveStateContract } from '../live-state.contract.js';
import { RedisLiveState } from './redis-live-state.js';

describe.skipIf(!haveRedis)(`Redis live state (skipped: ${noRedisReason})`, () => {
  describeLiveStateContract('redis', async () => {
    const prefix = testKeyPrefix();
    const client = testRedis();
    const state = new RedisLiveState({ client, prefix });
    return {
      state,
      cleanup: async () => {
        await state.close();
        await deleteKeysWithPrefix(client, prefix);
        await client.quit();
      },
    };
  });

  it('keeps its keys under its prefix, one ring per (symbol, timeframe)', async () => {
    const prefix = testKeyPrefix();
    const client = testRedis();
    try {
      const state = new RedisLiveState({ client, prefix });
      state.putCandle(candleAt(1));
      state.putCandle(candleAt(1, 'ETH/USDT', '5m'));
      state.setState('portfolio', 'b', { equity: 1 });
      await state.close();
      expect(await keysWithPrefix(client, prefix)).toEqual([
        `${prefix}candles:BTC/USDT:1m`,
        `${prefix}candles:ETH/USDT:5m`,
        `${prefix}state:portfolio`,
      ]);
    } finally {
      await deleteKeysWithPrefix(client, prefix);
      await client.quit();
    }
  });

  it('never throws on a write while Redis is away: it counts and reports the failure, then works again', async () => {
    const prefix = testKeyPrefix();
    const u = new URL(redisUrl);
    const proxy = await new TcpProxy({ host: u.hostname, port: Number(u.port || 6379) }).start();
    const client = createRedis({
      url: `redis://127.0.0.1:${proxy.port}`,
      connectTimeoutMs: 1000,
      commandTimeoutMs: 2000,
      maxReconnectDelayMs: 200,
    });
    const failed: string[] = [];
    const state = new RedisLiveState({ client, prefix, onError: (_err, op) => failed.push(op) });
    try {
      state.putCandle(candleAt(1));
      expect(await state.candles('BTC/USDT', '1m')).toEqual([candleAt(1)]);
      await proxy.cut();
      expect(() => {
        state.putCandle(candleAt(2));
        state.setState('system', '', { cpuPct: 1 });
      }).not.toThrow();
      await expect(state.candles('BTC/USDT', '1m')).rejects.toThrow();
      expect(failed.sort()).toEqual(['putCandle', 'setState']);
      expect(state.stats.failedWrites).toBe(2);
      await proxy.restore();
      await waitFor('the client to reconnect', () => client.status === 'ready', 10_000);
      state.putCandle(candleAt(3));
      expect(await state.candles('BTC/USDT', '1m')).toEqual([candleAt(1), candleAt(3)]);
    } finally {
      await state.close();
      const direct = testRedis();
      await deleteKeysWithPrefix(direct, prefix);
      await direct.quit();
      client.disconnect();
      await proxy.cut();
    }
  });
});
