import { ManualClock } from '@tickdeck/core';
import { describe, expect, it } from 'vitest';
import { MemoryLiveState } from '../live/memory/memory-live-state.js';
import { ChannelRegistry } from './channel-registry.js';
import { createGateway } from './gateway.js';
import { MemoryBroker } from './memory/memory-broker.js';
import { Outbox } from './outbox.js';
import { FakeTransport } from './testing/fake-transport.test-helpers.js';

function setup(withStore = true) {
  const clock = new ManualClock(1_000_000);
  const registry = new ChannelRegistry();
  registry.declare({ prefix: 'book', kind: 'state', key: (d) => (d as { id: string }).id, retain: true });
  registry.declare({ prefix: 'one', kind: 'state', args: 1, retain: true });
  const retained = new MemoryLiveState();
  const gateway = createGateway({
    broker: new MemoryBroker({ clock, epoch: 'e1' }),
    registry,
    clock,
    limits: { batchDelayMs: 0 },
    ...(withStore ? { retained } : {}),
  });
  const snapshotOf = async (channel: string) => {
    const transport = new FakeTransport('json');
    const outbox = new Outbox(transport, gateway.scheduler, gateway.limits, gateway.stats, () => {});
    const { ready } = gateway.fanOut.subscribe(outbox, registry.resolve(channel), {});
    await ready;
    gateway.scheduler.flushNow();
    return transport.messages().find((m) => m.op === 'subscribed');
  };
  return { gateway, retained, snapshotOf };
}

describe('retained state channels', () => {
  it('keep the latest value per key and answer the snapshot with every key, tagged with the seq', async () => {
    const { gateway, retained, snapshotOf } = setup();
    await gateway.publish('book', { id: 'b', v: 1 });
    await gateway.publish('book', { id: 'a', v: 1 });
    await gateway.publish('book', { id: 'b', v: 2 });
    expect(await retained.states('book')).toEqual([
      { id: 'a', v: 1 },
      { id: 'b', v: 2 },
    ]);
    const sub = await snapshotOf('book');
    expect(sub).toMatchObject({
      seq: 3,
      recovered: false,
      snapshot: [
        { id: 'a', v: 1 },
        { id: 'b', v: 2 },
      ],
    });
    gateway.close();
  });

  it('answer an unkeyed channel with its one latest value, per channel, and null before any', async () => {
    const { gateway, snapshotOf } = setup();
    expect((await snapshotOf('one:x'))?.snapshot).toBeNull();
    await gateway.publish('one:x', { n: 1 });
    await gateway.publish('one:x', { n: 2 });
    await gateway.publish('one:y', { n: 9 });
    expect(await snapshotOf('one:x')).toMatchObject({ seq: 2, snapshot: { n: 2 } });
    expect(await snapshotOf('one:y')).toMatchObject({ seq: 1, snapshot: { n: 9 } });
    gateway.close();
  });

  it('refuse to publish a retained channel without a store, and a retained stream channel', async () => {
    const { gateway } = setup(false);
    await expect(gateway.publish('one:x', 1)).rejects.toThrow(/no retained store/);
    expect(() => new ChannelRegistry().declare({ prefix: 's', kind: 'stream', retain: true })).toThrow(
      /cannot be keyed or retained/,
    );
    gateway.close();
  });
});
