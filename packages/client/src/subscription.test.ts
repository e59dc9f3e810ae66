import { describe, expect, it } from 'vitest';
import type { Publication, Subscribed } from '@tickdeck/protocol';
import { ClientError } from './errors.js';
import { ChannelSubscription, subscriptionHandle } from './subscription.js';
import type { DeliveryInfo, SnapshotInfo } from './subscription.js';

const pub = (seq: number, ep = 'e1', ch = 'x'): Publication => ({ op: 'pub', ch, ep, seq, d: seq });
const subscribed = (over: Partial<Subscribed>): Subscribed => ({
  op: 'subscribed',
  ch: 'x',
  kind: 'stream',
  ep: 'e1',
  seq: 0,
  recovered: false,
  ...over,
});

const make = (since?: { epoch: string; seq: number }) => {
  const seen: number[] = [];
  const snapshots: [unknown, SnapshotInfo][] = [];
  const recovered: unknown[] = [];
  const handlerErrors: unknown[] = [];
  const sub = new ChannelSubscription<unknown, number>(
    'x',
    {
      since,
      onPublication: (d: number, _info: DeliveryInfo) => seen.push(d),
      onSnapshot: (s, info) => snapshots.push([s, info]),
      onRecovered: (info) => recovered.push(info),
    },
    (error) => handlerErrors.push(error),
  );
  sub.status = 'subscribing';
  return { sub, seen, snapshots, recovered, handlerErrors };
};

describe('ChannelSubscription', () => {
  it('ignores publications until subscribed, then delivers in order and drops duplicates', () => {
    const { sub, seen, snapshots } = make();
    expect(sub.onPublication(pub(1))).toBe('ignored');
    sub.onSubscribed(subscribed({ seq: 3, snapshot: 'S' }));
    expect(snapshots).toEqual([
      ['S', { channel: 'x', epoch: 'e1', seq: 3, kind: 'stream', cause: 'initial' }],
    ]);
    expect(sub.onPublication(pub(3))).toBe('duplicate');
    expect(sub.onPublication(pub(4))).toBe('delivered');
    expect(sub.onPublication(pub(4))).toBe('duplicate');
    expect(sub.onPublication(pub(2))).toBe('duplicate');
    expect(sub.onPublication(pub(5))).toBe('delivered');
    expect(seen).toEqual([4, 5]);
    expect(sub.stats).toMatchObject({ duplicates: 3, publications: 2, snapshots: 1, gaps: 0 });
  });

  it('treats a seq jump on a stream channel as a gap and stops delivering until resubscribed', () => {
    const { sub, seen } = make();
    sub.onSubscribed(subscribed({ seq: 1 }));
    expect(sub.onPublication(pub(3))).toBe('gap');
    expect(sub.status).toBe('resyncing');
    expect(sub.onPublication(pub(4))).toBe('ignored');
    expect(seen).toEqual([]);
    expect(sub.position).toEqual({ epoch: 'e1', seq: 1 });
    expect(sub.stats).toMatchObject({ gaps: 1, resyncs: 1 });
  });

  it('counts a seq jump on a state channel as conflation and delivers the latest value', () => {
    const { sub, seen } = make();
    sub.onSubscribed(subscribed({ kind: 'state', seq: 1 }));
    expect(sub.onPublication(pub(5))).toBe('delivered');
    expect(seen).toEqual([5]);
    expect(sub.stats).toMatchObject({ conflated: 3, gaps: 0 });
  });

  it('treats a publication of another epoch as a gap, whatever the kind', () => {
    const { sub } = make();
    sub.onSubscribed(subscribed({ kind: 'state', seq: 9 }));
    expect(sub.onPublication(pub(1, 'e2'))).toBe('gap');
  });

  it('on recovery keeps the position and reports it; on failed recovery delivers a snapshot', () => {
    const a = make({ epoch: 'e1', seq: 4 });
    a.sub.onSubscribed(subscribed({ seq: 6, recovered: true }));
    expect(a.recovered).toEqual([
      { channel: 'x', epoch: 'e1', seq: 6, kind: 'stream', since: { epoch: 'e1', seq: 4 } },
    ]);
    expect(a.sub.onPublication(pub(5))).toBe('delivered');
    const b = make({ epoch: 'e0', seq: 4 });
    b.sub.onSubscribed(subscribed({ seq: 2, recovered: false, snapshot: [1, 2] }));
    expect(b.snapshots[0]?.[1].cause).toBe('recovery-failed');
    expect(b.sub.position).toEqual({ epoch: 'e1', seq: 2 });
  });

  it('reports a throwing callback and keeps going', () => {
    const handlerErrors: unknown[] = [];
    const sub = new ChannelSubscription(
      'x',
      {
        onPublication: () => {
          throw new Error('boom');
        },
      },
      (error) => handlerErrors.push(error),
    );
    sub.status = 'subscribing';
    sub.onSubscribed(subscribed({}));
    expect(sub.onPublication(pub(1))).toBe('delivered');
    expect(sub.position?.seq).toBe(1);
    expect(handlerErrors).toHaveLength(1);
  });

  it('fails for good on a permanent error, goes back to pending on a transient one', () => {
    const { sub } = make();
    const errors: ClientError[] = [];
    const s2 = new ChannelSubscription('y', { onError: (e) => errors.push(e) }, () => {});
    s2.status = 'subscribing';
    s2.onError(new ClientError('SERVER_ERROR', 'x'), false);
    expect(s2.status).toBe('pending');
    s2.onError(new ClientError('SERVER_ERROR', 'y'), true);
    expect(s2.status).toBe('failed');
    expect(s2.wanted).toBe(false);
    expect(errors).toHaveLength(2);
    let removed = 0;
    const handle = subscriptionHandle(sub as ChannelSubscription, () => (removed += 1));
    expect(handle).toMatchObject({
      channel: 'x',
      status: 'subscribing',
      kind: undefined,
      position: undefined,
    });
    handle.unsubscribe();
    sub.status = 'closed';
    handle.unsubscribe();
    expect(removed).toBe(1);
  });
});
