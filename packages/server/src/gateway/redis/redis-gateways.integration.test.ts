import { systemClock } from '@tickdeck/core';
import type { Ticker } from '@tickdeck/protocol';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisLiveState } from '../../live/redis/redis-live-state.js';
import { waitFor } from '../../store/tcp-proxy.test-helpers.js';
import { deleteKeysWithPrefix, testRedis } from '../../testing/redis.test-helpers.js';
import { haveRedis, noRedisReason, testKeyPrefix } from '../../testing/services.test-helpers.js';
import { ChannelRegistry } from '../channel-registry.js';
import { FanOut } from '../fan-out.js';
import { FlushScheduler } from '../flush-scheduler.js';
import { resolveLimits } from '../gateway-limits.js';
import { GatewayStats } from '../gateway-stats.js';
import { Outbox } from '../outbox.js';
import { FakeTransport } from '../testing/fake-transport.test-helpers.js';
import { RedisBroker } from './redis-broker.js';

const ticker = (last: number): Ticker => ({ symbol: 'BTC/USDT', type: 'spot', timestamp: last, last });

/** A gateway process: its own connection, broker, live state and fan-out, over the shared Redis. */
function gateway(prefix: string, client: Redis) {
  const broker = new RedisBroker({ client, prefix });
  const live = new RedisLiveState({ client, prefix });
  const registry = new ChannelRegistry();
  registry.declare({
    prefix: 'ticker',
    kind: 'state',
    args: 1,
    snapshot: async ({ args }) => live.ticker(args[0]!),
  });
  registry.declare({ prefix: 'trades', kind: 'stream', args: 1 });
  const stats = new GatewayStats();
  const limits = resolveLimits({ batchDelayMs: 0 });
  const scheduler = new FlushScheduler(limits.batchDelayMs);
  const fanOut = new FanOut({ broker, clock: systemClock, stats });
  const connect = () => {
    const transport = new FakeTransport('json');
    return { transport, outbox: new Outbox(transport, scheduler, limits, stats, () => {}) };
  };
  return { broker, registry, fanOut, scheduler, connect };
}

describe.skipIf(!haveRedis)(`gateways over one Redis (skipped: ${noRedisReason})`, () => {
  const clients: Redis[] = [];
  const closers: (() => Promise<void> | void)[] = [];
  let prefix = '';
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    if (clients[0]) await deleteKeysWithPrefix(clients[0], prefix);
    for (const c of clients.splice(0)) await c.quit();
  });
  const setup = () => {
    prefix = testKeyPrefix();
    const [collectorClient, aClient, bClient] = [testRedis(), testRedis(), testRedis()];
    clients.push(collectorClient, aClient, bClient);
    const collector = {
      broker: new RedisBroker({ client: collectorClient, prefix }),
      live: new RedisLiveState({ client: collectorClient, prefix }),
    };
    const [a, b] = [gateway(prefix, aClient), gateway(prefix, bClient)];
    closers.push(
      () => collector.broker.close(),
      () => a.fanOut.close(),
      () => b.fanOut.close(),
      () => a.broker.close(),
      () => b.broker.close(),
    );
    return { collector, a, b };
  };

  it('answers a subscribe made while the collector publishes with a snapshot at least at its seq, then every later seq', async () => {
    const { collector, a } = setup();
    let published = 0;
    const publishing = (async () => {
      for (let i = 1; i <= 200; i++, published++) {
        // Live state first, then the publication, on one connection: what the port's callers do.
        collector.live.setTicker(ticker(i));
        await collector.broker.publish('ticker:BTC/USDT', ticker(i));
      }
    })();
    await waitFor('the collector to be under way', () => published >= 20, 10_000);
    const c = a.connect();
    await a.fanOut.subscribe(c.outbox, a.registry.resolve('ticker:BTC/USDT'), {}).ready;
    await publishing;
    const delivered = () => {
      a.scheduler.flushNow();
      return c.transport.pubs('ticker:BTC/USDT').at(-1)?.seq === 200;
    };
    await waitFor('the last publication', delivered, 10_000);
    const [subscribed] = c.transport.messages() as [{ seq: number; snapshot: Ticker | undefined }];
    const seqs = c.transport.pubs('ticker:BTC/USDT').map((p) => p.seq);
    expect(subscribed.snapshot?.last ?? 0).toBeGreaterThanOrEqual(subscribed.seq);
    expect(seqs).toEqual(Array.from({ length: 200 - subscribed.seq }, (_, i) => subscribed.seq + 1 + i));
  });

  it('recovers a client on another gateway with exactly what it missed', async () => {
    const { collector, a, b } = setup();
    const onA = a.connect();
    const subA = a.fanOut.subscribe(onA.outbox, a.registry.resolve('trades:BTC/USDT'), {});
    await subA.ready;
    for (let i = 1; i <= 10; i++) await collector.broker.publish('trades:BTC/USDT', { i });
    await waitFor('10 trades on gateway A', () => {
      a.scheduler.flushNow();
      return onA.transport.pubs('trades:BTC/USDT').length === 10;
    });
    const [subscribed] = onA.transport.messages() as [{ ep: string }];
    a.fanOut.unsubscribe(subA.sub);
    for (let i = 11; i <= 15; i++) await collector.broker.publish('trades:BTC/USDT', { i });

    const onB = b.connect();
    const since = { epoch: subscribed.ep, seq: 10 };
    const subB = b.fanOut.subscribe(onB.outbox, b.registry.resolve('trades:BTC/USDT'), { since });
    const racing = collector.broker.publish('trades:BTC/USDT', { i: 16 });
    await subB.ready;
    await racing;
    await collector.broker.publish('trades:BTC/USDT', { i: 17 });
    await waitFor('trades 11 to 17 on gateway B', () => {
      b.scheduler.flushNow();
      return onB.transport.pubs('trades:BTC/USDT').length >= 7;
    });
    expect(onB.transport.messages()[0]).toMatchObject({ op: 'subscribed', recovered: true, seq: 10 });
    expect(onB.transport.pubs('trades:BTC/USDT').map((p) => p.d)).toEqual(
      Array.from({ length: 7 }, (_, i) => ({ i: 11 + i })),
    );
  });
});
