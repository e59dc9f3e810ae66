import { ManualClock } from '@tickdeck/core';
import { Redis } from 'ioredis';
import { redisClientOptions } from '../../redis/redis-config.js';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../store/tcp-proxy.test-helpers.js';
import { deleteKeysWithPrefix, testRedis } from '../../testing/redis.test-helpers.js';
import { haveRedis, noRedisReason, redisUrl, testKeyPrefix } from '../../testing/services.test-helpers.js';
import { brokerContract } from '../broker.contract.js';
import type { BrokerPublication } from '../broker.js';
import { BrokerKeys } from './broker-keys.js';
import { encodeData } from './publication-codec.js';
import { RedisBroker, type RedisBrokerOptions } from './redis-broker.js';

describe.skipIf(!haveRedis)(`Redis broker (skipped: ${noRedisReason})`, () => {
  brokerContract('redis', async ({ history, clock }) => {
    const prefix = testKeyPrefix();
    const client = testRedis();
    const make = () => new RedisBroker({ client, prefix, history, clock });
    return {
      broker: make(),
      lostState: async () => {
        await deleteKeysWithPrefix(client, prefix);
        return make();
      },
      cleanup: async () => {
        await deleteKeysWithPrefix(client, prefix);
        await client.quit();
      },
    };
  });

  // RESP2: what a Redis before 6, or a proxy that does not speak RESP3, gets (ioredis defaults to RESP3).
  brokerContract('redis (RESP2)', async ({ history, clock }) => {
    const prefix = testKeyPrefix();
    const client = new Redis(redisUrl, { ...redisClientOptions(redisUrl).options, protocol: 2 });
    return {
      broker: new RedisBroker({ client, prefix, history, clock }),
      lostState: async () => {
        await deleteKeysWithPrefix(client, prefix);
        return new RedisBroker({ client, prefix, history, clock });
      },
      cleanup: async () => {
        await deleteKeysWithPrefix(client, prefix);
        await client.quit();
      },
    };
  });

  describe('over a shared server', () => {
    let prefix = '';
    const clients: Redis[] = [];
    const brokers: RedisBroker[] = [];
    const open = (o: Partial<RedisBrokerOptions> = {}) => {
      const client = o.client ?? testRedis();
      if (!o.client) clients.push(client);
      const broker = new RedisBroker({ client, prefix, clock: new ManualClock(1_700_000_000_000), ...o });
      brokers.push(broker);
      return broker;
    };
    const collect = async (broker: RedisBroker, channel: string) => {
      const got: BrokerPublication[] = [];
      await broker.subscribe(channel, (p) => got.push(p));
      return got;
    };
    const seqs = (pubs: BrokerPublication[]) => pubs.map((p) => p.seq);
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

    afterEach(async () => {
      for (const b of brokers.splice(0)) await b.close();
      const [first] = clients;
      if (first) await deleteKeysWithPrefix(first, prefix);
      for (const c of clients.splice(0)) await c.quit();
    });
    const fresh = () => (prefix = testKeyPrefix());

    it('lets publishers in several processes number one channel without gaps, seen by every gateway', async () => {
      fresh();
      const [p1, p2, gateway] = [open(), open(), open()];
      const got = await collect(gateway, 'trades:BTC/USDT');
      const pubs = await Promise.all(
        Array.from({ length: 60 }, (_, i) => (i % 2 ? p1 : p2).publish('trades:BTC/USDT', { i })),
      );
      expect(seqs(pubs).sort((a, b) => a - b)).toEqual(range(1, 60));
      await waitFor('60 deliveries', () => got.length === 60, 5000);
      expect(seqs(got)).toEqual(range(1, 60));
      const r = await gateway.recover('trades:BTC/USDT', { epoch: pubs[0]!.epoch, seq: 50 });
      expect(r.recovered && seqs(r.publications)).toEqual(range(51, 60));
    });

    it('subscribes on Redis for the first listener of a channel and unsubscribes after the last', async () => {
      fresh();
      const b = open();
      const probe = clients[0]!;
      const name = new BrokerKeys(prefix).pubsub('ticker:ETH/USDT');
      const subscribers = async () => ((await probe.pubsub('NUMSUB', name)) as [string, number])[1];
      const [l1, l2] = [() => {}, () => {}];
      expect(await subscribers()).toBe(0);
      await b.subscribe('ticker:ETH/USDT', l1);
      await b.subscribe('ticker:ETH/USDT', l2);
      expect(await subscribers()).toBe(1);
      expect(b.followed()).toEqual(['ticker:ETH/USDT']);
      await b.unsubscribe('ticker:ETH/USDT', l1);
      expect(await subscribers()).toBe(1);
      await b.unsubscribe('ticker:ETH/USDT', l2);
      expect(await subscribers()).toBe(0);
      expect(b.followed()).toEqual([]);
    });

    it('fills a seq gap from the history before delivering what follows', async () => {
      fresh();
      const b = open();
      const client = clients[0]!;
      const got = await collect(b, 'orders');
      const first = await b.publish('orders', 'one');
      // A publication that reached the history but whose pub/sub message was lost.
      const keys = new BrokerKeys(prefix);
      const seq = await client.hincrby(keys.meta('orders'), 's', 1);
      const payload = Buffer.concat([
        Buffer.from(`${first.epoch}:${seq}:${first.time}:`),
        Buffer.from(encodeData('two', 'json')),
      ]);
      await client.xadd(keys.stream('orders'), `${seq}-0`, 'p', payload);
      await b.publish('orders', 'three');
      await waitFor('3 deliveries', () => got.length === 3, 5000);
      expect(got.map((p) => [p.seq, p.data])).toEqual([
        [1, 'one'],
        [2, 'two'],
        [3, 'three'],
      ]);
      expect(b.stats.filled).toBe(1);
    });

    it('delivers what was published while its pub/sub connection was away, in order', async () => {
      fresh();
      const client = testRedis();
      clients.push(client);
      const subscriber = client.duplicate({ autoResubscribe: false });
      clients.push(subscriber);
      const subscriberId = (await subscriber.client('ID')) as number;
      const b = open({ client, subscriber });
      const got = await collect(b, 'fills');
      await b.publish('fills', 0);
      await waitFor('the first delivery', () => got.length === 1, 5000);
      // Sent back to back on one connection: Redis runs them before the subscriber can reconnect.
      const kill = client.client('KILL', 'ID', String(subscriberId));
      const away = Array.from({ length: 5 }, (_, i) => b.publish('fills', i + 1));
      await Promise.all([kill, ...away]);
      await waitFor('5 deliveries from the history', () => got.length === 6, 10_000);
      expect(got.map((p) => p.data)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(seqs(got)).toEqual(range(1, 6));
      expect(b.stats.resumes).toBe(1);
      expect(b.stats.filled).toBe(5);
      await b.publish('fills', 6);
      await waitFor('the next live one', () => got.length === 7, 5000);
      expect(seqs(got)).toEqual(range(1, 7));
    });

    it('decodes what any publisher encoded, JSON or MessagePack', async () => {
      fresh();
      const [json, msgpack, gateway] = [open({ encoding: 'json' }), open({ encoding: 'msgpack' }), open()];
      const got = await collect(gateway, 'portfolio');
      const value = { botId: 'b', equity: 0.1 + 0.2, positions: [{ s: 'é/€', n: null, ok: true }] };
      await json.publish('portfolio', value);
      await msgpack.publish('portfolio', value);
      await waitFor('2 deliveries', () => got.length === 2, 5000);
      expect(got.map((p) => p.data)).toEqual([value, value]);
      const r = await gateway.recover('portfolio', { epoch: got[0]!.epoch, seq: 0 });
      expect(r.recovered && r.publications.map((p) => p.data)).toEqual([value, value]);
    });

    it('gives a channel keys that expire when idle, and history no older than the age bound', async () => {
      fresh();
      const b = open({ idleTtlMs: 3_600_000, history: { maxAgeMs: 60_000 } });
      const client = clients[0]!;
      const keys = new BrokerKeys(prefix);
      await b.publish('alerts', 1);
      expect(await client.pttl(keys.meta('alerts'))).toBeGreaterThan(3_500_000);
      expect(await client.pttl(keys.meta('alerts'))).toBeLessThanOrEqual(3_600_000);
      expect(await client.pttl(keys.stream('alerts'))).toBeGreaterThan(50_000);
      expect(await client.pttl(keys.stream('alerts'))).toBeLessThanOrEqual(60_000);
      await b.position('quiet');
      expect(await client.pttl(keys.meta('quiet'))).toBeGreaterThan(3_500_000);
    });

    it('keeps delivering to the other listeners when one throws, and reports it', async () => {
      fresh();
      const errors: unknown[] = [];
      const b = open({ onError: (err) => errors.push(err) });
      await b.subscribe('system', () => {
        throw new Error('listener bug');
      });
      const got = await collect(b, 'system');
      await b.publish('system', 1);
      await b.publish('system', 2);
      await waitFor('2 deliveries', () => got.length === 2, 5000);
      expect(errors.map((e) => (e as Error).message)).toEqual(['listener bug', 'listener bug']);
    });
  });
});
