import { ManualClock } from '@tickdeck/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelRegistry } from './channel-registry.js';
import { FanOut } from './fan-out.js';
import { FlushScheduler } from './flush-scheduler.js';
import { resolveLimits } from './gateway-limits.js';
import { GatewayStats } from './gateway-stats.js';
import { MemoryBroker } from './memory/memory-broker.js';
import { encodeCounts } from './out-message.js';
import { Outbox } from './outbox.js';
import { FakeTransport } from './testing/fake-transport.test-helpers.js';

function setup(limits = {}) {
  const clock = new ManualClock(1_000_000);
  const broker = new MemoryBroker({ clock, epoch: 'e1' });
  const registry = new ChannelRegistry();
  registry.declare({ prefix: 'st', kind: 'state', snapshot: async () => 'snap' });
  registry.declare({ prefix: 'sk', kind: 'state', key: (d) => (d as { k: string }).k });
  registry.declare({ prefix: 'ev', kind: 'stream' });
  registry.declare({ prefix: 'al', kind: 'stream', urgent: true });
  const stats = new GatewayStats();
  const l = resolveLimits({ batchDelayMs: 0, ...limits });
  const scheduler = new FlushScheduler(l.batchDelayMs);
  const fanOut = new FanOut({ broker, clock, stats });
  interface Conn {
    transport: FakeTransport;
    outbox: Outbox;
    subs: ReturnType<FanOut['subscribe']>['sub'][];
  }
  const connect = (enc: 'json' | 'msgpack' = 'json'): Conn => {
    const transport = new FakeTransport(enc);
    // Like a session: a slow-consumer close unsubscribes at once, in the middle of a delivery.
    const c: Conn = {
      transport,
      subs: [],
      outbox: new Outbox(transport, scheduler, l, stats, () =>
        c.subs.forEach((sub) => fanOut.unsubscribe(sub)),
      ),
    };
    return c;
  };
  const subscribe = async (c: Conn, ch: string, rateMs = 0) => {
    const { sub, ready } = fanOut.subscribe(c.outbox, registry.resolve(ch), { rateMs });
    c.subs.push(sub);
    await ready;
    return sub;
  };
  return { clock, broker, registry, fanOut, stats, scheduler, connect, subscribe };
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('FanOut', () => {
  it('encodes each publication once per encoding, whatever the number of subscribers', async () => {
    const s = setup();
    cleanup = () => s.fanOut.close();
    const json = Array.from({ length: 50 }, () => s.connect('json'));
    const pack = Array.from({ length: 50 }, () => s.connect('msgpack'));
    for (const c of [...json, ...pack]) await s.subscribe(c, 'ev');
    s.scheduler.flushNow();
    const before = { ...encodeCounts };
    for (let i = 0; i < 10; i++) s.broker.publishSync('ev', { i });
    s.scheduler.flushNow();
    expect(encodeCounts.json - before.json).toBe(10);
    expect(encodeCounts.msgpack - before.msgpack).toBe(10);
    for (const c of [...json, ...pack])
      expect(c.transport.pubs('ev').map((p) => p.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(json[0]!.transport.pubs()).toEqual(pack[0]!.transport.pubs());
  });

  it('batches into bounded frames and never skips or reorders a stream channel', async () => {
    const s = setup({ maxBatchBytes: 400 });
    cleanup = () => s.fanOut.close();
    const c = s.connect();
    await s.subscribe(c, 'ev');
    await s.subscribe(c, 'st');
    for (let i = 0; i < 500; i++) {
      s.broker.publishSync('ev', { i });
      if (i % 3 === 0) s.broker.publishSync('st', { i });
      if (i % 50 === 0) s.scheduler.flushNow();
    }
    s.scheduler.flushNow();
    const seqs = c.transport.pubs('ev').map((p) => p.seq);
    expect(seqs).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(c.transport.frames.length).toBeGreaterThan(10);
    expect(c.transport.frames.length).toBeLessThan(667);
    for (const f of c.transport.frames) expect(JSON.parse(f.toString()).length).toBeGreaterThan(0);
    const multi = c.transport.frames.filter((f) => f.length > 400 && JSON.parse(f.toString()).length > 1);
    expect(multi).toEqual([]);
  });

  it('sends urgent channels first and without waiting for the batch', async () => {
    const s = setup({ batchDelayMs: 1000 });
    cleanup = () => s.fanOut.close();
    const c = s.connect();
    await s.subscribe(c, 'ev');
    await s.subscribe(c, 'al');
    s.scheduler.flushNow();
    const framesBefore = c.transport.frames.length;
    s.broker.publishSync('ev', 'normal');
    expect(c.transport.frames.length).toBe(framesBefore);
    s.broker.publishSync('al', 'alert');
    expect(c.transport.frames.length).toBe(framesBefore + 1);
    const last = JSON.parse(c.transport.frames.at(-1)!.toString()) as { ch: string }[];
    expect(last.map((m) => m.ch)).toEqual(['al', 'ev']);
  });

  it('past the soft cap conflates state channels to the latest value per key, keeping every stream message', async () => {
    const s = setup({ softQueueBytes: 1000, hardQueueBytes: 1_000_000 });
    cleanup = () => s.fanOut.close();
    const c = s.connect();
    await s.subscribe(c, 'sk');
    await s.subscribe(c, 'ev');
    s.scheduler.flushNow();
    c.transport.buffered = 5000; // the socket is not draining
    s.broker.publishSync('sk', { k: 'a', v: 0 });
    s.scheduler.flushNow();
    expect(c.transport.pubs()).toEqual([]);
    const latest: Record<string, number> = {};
    for (let i = 1; i <= 300; i++) {
      const k = ['a', 'b', 'c'][i % 3]!;
      s.broker.publishSync('sk', { k, v: i });
      latest[k] = i;
      s.broker.publishSync('ev', { i });
    }
    s.scheduler.flushNow();
    expect(c.transport.pubs()).toEqual([]);
    c.transport.drain();
    const got = c.transport.pubs('sk');
    expect(got).toHaveLength(3);
    expect(Object.fromEntries(got.map((p) => [(p.d as { k: string }).k, (p.d as { v: number }).v]))).toEqual(
      latest,
    );
    const seqs = got.map((p) => p.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    expect(c.transport.pubs('ev').map((p) => p.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(s.stats.conflated).toBe(301 - 3);
    expect(c.transport.closed).toBeUndefined();
  });

  it('closes a connection past the hard cap with SlowConsumer, leaving the others alone', async () => {
    const s = setup({ softQueueBytes: 1000, hardQueueBytes: 20_000 });
    cleanup = () => s.fanOut.close();
    const slow = s.connect();
    const fast = s.connect();
    await s.subscribe(slow, 'ev');
    await s.subscribe(fast, 'ev');
    s.scheduler.flushNow();
    slow.transport.buffered = 5000;
    for (let i = 0; i < 1000; i++) {
      s.broker.publishSync('ev', { i, pad: 'x'.repeat(50) });
      if (i % 10 === 0) s.scheduler.flushNow();
    }
    s.scheduler.flushNow();
    expect(slow.transport.closed?.code).toBe(4001);
    expect(fast.transport.pubs('ev').map((p) => p.seq)).toEqual(
      Array.from({ length: 1000 }, (_, i) => i + 1),
    );
    expect(s.stats.subscriptions).toBe(1);
    expect(s.stats.dropped).toBeGreaterThan(0);
  });

  it('honours maxRateMs: at most one update per interval, the latest one, per key', async () => {
    const s = setup();
    cleanup = () => s.fanOut.close();
    const c = s.connect();
    await s.subscribe(c, 'sk', 100);
    // 300 updates over 300 ms of clock time: at most 1 + 3 intervals' worth per key.
    for (let t = 0; t < 300; t++) {
      s.broker.publishSync('sk', { k: t % 2 ? 'odd' : 'even', v: t });
      s.clock.advance(1);
      s.fanOut.throttler.tick();
    }
    s.clock.advance(100);
    s.fanOut.throttler.tick();
    s.scheduler.flushNow();
    const got = c.transport.pubs('sk').map((p) => p.d as { k: string; v: number });
    // first update at once, then one release per 100 ms (t = 100, 200, 300) with both keys.
    expect(got.length).toBeLessThanOrEqual(1 + 3 * 2);
    expect(got.at(0)).toEqual({ k: 'even', v: 0 });
    const last = (k: string) => got.filter((g) => g.k === k).at(-1)?.v;
    expect(last('even')).toBe(298);
    expect(last('odd')).toBe(299);
    expect(s.stats.throttled).toBeGreaterThan(250);
  });

  it('gives a recovering subscriber exactly the missed publications, even while publishing continues', async () => {
    const s = setup();
    cleanup = () => s.fanOut.close();
    for (let i = 0; i < 5; i++) s.broker.publishSync('ev', i);
    const c = s.connect();
    const { ready } = s.fanOut.subscribe(c.outbox, s.registry.resolve('ev'), {
      since: { epoch: 'e1', seq: 2 },
    });
    s.broker.publishSync('ev', 5);
    await ready;
    s.broker.publishSync('ev', 6);
    s.scheduler.flushNow();
    const msgs = c.transport.messages();
    expect(msgs[0]).toMatchObject({ op: 'subscribed', recovered: true, seq: 2, ep: 'e1' });
    expect(c.transport.pubs('ev').map((p) => p.seq)).toEqual([3, 4, 5, 6, 7]);
  });

  it('answers a subscribe with the snapshot tagged with the seq it reflects, then only newer publications', async () => {
    const s = setup();
    cleanup = () => s.fanOut.close();
    s.broker.publishSync('st', 1);
    s.broker.publishSync('st', 2);
    const c = s.connect();
    const { ready } = s.fanOut.subscribe(c.outbox, s.registry.resolve('st'), {});
    s.broker.publishSync('st', 3);
    await ready;
    s.broker.publishSync('st', 4);
    s.scheduler.flushNow();
    const msgs = c.transport.messages();
    expect(msgs[0]).toMatchObject({
      op: 'subscribed',
      kind: 'state',
      recovered: false,
      seq: 3,
      snapshot: 'snap',
    });
    expect(c.transport.pubs('st').map((p) => p.seq)).toEqual([4]);
  });

  it('follows a channel on the broker only while someone subscribes to it', async () => {
    const s = setup();
    cleanup = () => s.fanOut.close();
    const a = s.connect();
    const b = s.connect();
    const sa = await s.subscribe(a, 'ev');
    const sb = await s.subscribe(b, 'ev');
    expect(s.fanOut.followed()).toEqual(['ev']);
    s.fanOut.unsubscribe(sa);
    expect(s.fanOut.followed()).toEqual(['ev']);
    s.fanOut.unsubscribe(sb);
    expect(s.fanOut.followed()).toEqual([]);
    expect(s.stats.subscriptions).toBe(0);
  });
});
