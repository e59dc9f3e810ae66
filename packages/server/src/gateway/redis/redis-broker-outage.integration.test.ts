import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../redis/connect-redis.js';
import { TcpProxy, waitFor } from '../../store/tcp-proxy.test-helpers.js';
import { deleteKeysWithPrefix } from '../../testing/redis.test-helpers.js';
import { RedisServerProcess, haveRedisServer, isCi } from '../../testing/redis-server.test-helpers.js';
import { haveRedis, noRedisReason, redisUrl, testKeyPrefix } from '../../testing/services.test-helpers.js';
import type { BrokerPublication } from '../broker.js';
import { BrokerKeys } from './broker-keys.js';
import { RedisBroker } from './redis-broker.js';

/** Fast failure and reconnection, so that an outage shows within the test's time. */
const FAST = { connectTimeoutMs: 1000, commandTimeoutMs: 2000, maxReconnectDelayMs: 200 };

/** Poll an async condition every 25 ms; throws after `timeoutMs`. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Within each epoch, seqs go up by exactly one (a new epoch may start anywhere). */
function gapsWithinEpochs(pubs: BrokerPublication[]): string[] {
  const gaps: string[] = [];
  for (let i = 1; i < pubs.length; i++) {
    const [a, b] = [pubs[i - 1]!, pubs[i]!];
    if (a.epoch === b.epoch && b.seq !== a.seq + 1) gaps.push(`${a.epoch}: ${a.seq} -> ${b.seq}`);
  }
  return gaps;
}

const subscribers = async (probe: Redis, name: string): Promise<number> =>
  ((await probe.pubsub('NUMSUB', name)) as [string, number])[1];

describe.skipIf(!haveRedis)(`Redis broker when the connection is lost (skipped: ${noRedisReason})`, () => {
  const closers: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  it('catches up, in the same epoch, on what other processes published while it was cut off', async () => {
    const prefix = testKeyPrefix();
    const u = new URL(redisUrl);
    const proxy = await new TcpProxy({ host: u.hostname, port: Number(u.port || 6379) }).start();
    const direct = createRedis(redisUrl);
    const viaProxy = createRedis({ url: `redis://127.0.0.1:${proxy.port}`, ...FAST });
    closers.push(
      () => direct.quit(),
      () => deleteKeysWithPrefix(direct, prefix),
      () => proxy.cut(),
      async () => viaProxy.disconnect(),
    );
    const publisher = new RedisBroker({ client: direct, prefix });
    const gateway = new RedisBroker({ client: viaProxy, prefix });
    closers.push(
      () => gateway.close(),
      () => publisher.close(),
    );
    const got: BrokerPublication[] = [];
    await gateway.subscribe('trades:BTC/USDT', (p) => got.push(p));
    for (let i = 1; i <= 5; i++) await publisher.publish('trades:BTC/USDT', i);
    await waitFor('5 live deliveries', () => got.length === 5, 5000);

    await proxy.cut();
    await expect(gateway.publish('trades:BTC/USDT', 'cut off')).rejects.toThrow();
    for (let i = 6; i <= 10; i++) await publisher.publish('trades:BTC/USDT', i);
    await proxy.restore();

    await waitFor('the 5 publications made meanwhile', () => got.length === 10, 10_000);
    await publisher.publish('trades:BTC/USDT', 11);
    await waitFor('the next live one', () => got.length === 11, 5000);
    expect(got.map((p) => p.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(new Set(got.map((p) => p.epoch)).size).toBe(1);
    expect(gapsWithinEpochs(got)).toEqual([]);
    expect(gateway.stats.filled).toBeGreaterThanOrEqual(5);
  });
});

describe.skipIf(!haveRedisServer() && !isCi)(
  'Redis broker across a restart of Redis without persistence (skipped: redis-server is not on the PATH)',
  () => {
    let server: RedisServerProcess;
    beforeAll(async () => {
      server = await RedisServerProcess.start();
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('rejects publications while Redis is down, resumes by itself in a new epoch, never a gap within one', async () => {
      const prefix = 'tdtest:restart:';
      const client = createRedis({ url: server.url, ...FAST });
      const probe = createRedis({ url: server.url, ...FAST });
      const broker = new RedisBroker({ client, prefix });
      try {
        const name = new BrokerKeys(prefix).pubsub('fills');
        const got: BrokerPublication[] = [];
        await broker.subscribe('fills', (p) => got.push(p));
        for (let i = 0; i < 10; i++) await broker.publish('fills', `before ${i}`);
        await waitFor('the publications before', () => got.length === 10, 5000);

        await server.kill();
        for (let i = 0; i < 3; i++) {
          await expect(broker.publish('fills', `during ${i}`)).rejects.toThrow();
        }
        await expect(broker.position('fills')).rejects.toThrow();

        await server.restart();
        await until('the subscriber to be back', async () => (await subscribers(probe, name)) === 1);
        await until('the command connection to be back', async () => client.status === 'ready');
        const after = [];
        for (let i = 0; i < 10; i++) after.push(await broker.publish('fills', `after ${i}`));
        await waitFor('the publications after', () => got.length === 20, 10_000);

        expect(got.map((p) => p.data)).toEqual([
          ...Array.from({ length: 10 }, (_, i) => `before ${i}`),
          ...Array.from({ length: 10 }, (_, i) => `after ${i}`),
        ]);
        expect(gapsWithinEpochs(got)).toEqual([]);
        const [first, last] = [got[0]!, got[19]!];
        expect(last.epoch).not.toBe(first.epoch);
        expect(after.map((p) => p.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
        expect((await broker.recover('fills', { epoch: first.epoch, seq: 10 })).recovered).toBe(false);
      } finally {
        await broker.close();
        client.disconnect();
        probe.disconnect();
      }
    }, 60_000);
  },
);
