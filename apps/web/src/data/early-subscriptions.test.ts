import type { Subscription, SubscriptionHandlers } from '@tickdeck/client';
import { ClientError, ClientErrorCode } from '@tickdeck/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EarlySubscriptions, type Subscriber } from './early-subscriptions.js';

/** A stand-in for the SDK client: records each subscription's handlers so a test can deliver. */
class FakeClient implements Subscriber {
  readonly subs = new Map<string, { handlers: SubscriptionHandlers; closed: boolean }>();
  subscribe(channel: string, handlers: SubscriptionHandlers): Subscription {
    const entry = { handlers, closed: false };
    this.subs.set(channel, entry);
    return {
      channel,
      get status() {
        return entry.closed ? 'closed' : 'active';
      },
      kind: 'state',
      position: undefined,
      stats: {
        snapshots: 0,
        publications: 0,
        recoveries: 0,
        gaps: 0,
        resyncs: 0,
        duplicates: 0,
        conflated: 0,
      },
      unsubscribe: () => {
        entry.closed = true;
      },
    } as Subscription;
  }
  on(channel: string): SubscriptionHandlers {
    return this.subs.get(channel)!.handlers;
  }
}

const info = (seq: number) => ({ channel: 'candles:BTC/USDT:1m', epoch: 'e1', seq });
const CH = 'candles:BTC/USDT:1m';

describe('EarlySubscriptions', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('hands what arrived before the page, in order, then what comes after', () => {
    const client = new FakeClient();
    const early = new EarlySubscriptions(client);
    early.start(CH);
    early.start(CH); // once only
    expect(client.subs.size).toBe(1);
    const h = client.on(CH);
    h.onPublication?.({ n: 0 }, info(1)); // before the snapshot: replaced by it
    h.onSnapshot?.([{ n: 1 }], { ...info(2), kind: 'state', cause: 'initial' });
    h.onPublication?.({ n: 2 }, info(3));
    h.onPublication?.({ n: 3 }, info(4));

    const seen: unknown[] = [];
    const sub = early.take(CH, {
      onSnapshot: (s) => seen.push(['snapshot', s]),
      onPublication: (p) => seen.push(['pub', p]),
    });
    expect(sub?.status).toBe('active');
    expect(seen).toEqual([
      ['snapshot', [{ n: 1 }]],
      ['pub', { n: 2 }],
      ['pub', { n: 3 }],
    ]);
    h.onPublication?.({ n: 4 }, info(5));
    expect(seen.at(-1)).toEqual(['pub', { n: 4 }]);
    expect(early.channels).toEqual([]);
    // Taken once: a second page gets nothing from here.
    expect(early.take(CH, {})).toBeUndefined();
  });

  it('passes recoveries and errors on', () => {
    const client = new FakeClient();
    const early = new EarlySubscriptions(client);
    early.start(CH);
    const h = client.on(CH);
    const error = new ClientError(ClientErrorCode.ServerError, 'no such channel', {
      serverCode: 'UNKNOWN_CHANNEL',
      channel: CH,
    });
    h.onRecovered?.({ ...info(3), kind: 'stream', since: { epoch: 'e1', seq: 2 } });
    h.onError?.(error);
    const seen: unknown[] = [];
    early.take(CH, { onRecovered: (i) => seen.push(i.since.seq), onError: (e) => seen.push(e.code) });
    expect(seen).toEqual([2, 'SERVER_ERROR']);
  });

  it('drops a subscription nobody took in time, and one that held too much', () => {
    const client = new FakeClient();
    const early = new EarlySubscriptions(client, 1000, 3);
    early.start(CH);
    early.start('ticker:BTC/USDT');
    const h = client.on('ticker:BTC/USDT');
    for (let i = 0; i < 4; i += 1) h.onPublication?.({ i }, info(i + 1));
    expect(client.subs.get('ticker:BTC/USDT')!.closed).toBe(true);
    expect(early.take('ticker:BTC/USDT', {})).toBeUndefined();

    vi.advanceTimersByTime(1000);
    expect(client.subs.get(CH)!.closed).toBe(true);
    expect(early.take(CH, {})).toBeUndefined();
  });

  it('unsubscribes a taken subscription when the page does, and can start it again', () => {
    const client = new FakeClient();
    const early = new EarlySubscriptions(client, 1000);
    early.start(CH);
    const sub = early.take(CH, {})!;
    vi.advanceTimersByTime(5000); // taken: the timer no longer applies
    expect(client.subs.get(CH)!.closed).toBe(false);
    sub.unsubscribe();
    expect(client.subs.get(CH)!.closed).toBe(true);
    early.start(CH);
    expect(client.subs.get(CH)!.closed).toBe(false);
  });

  it('clear() drops only the ones not taken', () => {
    const client = new FakeClient();
    const early = new EarlySubscriptions(client);
    early.start(CH);
    early.start('ticker:BTC/USDT');
    early.take(CH, {});
    expect(early.channels).toEqual(['ticker:BTC/USDT']);
    early.clear();
    expect(client.subs.get(CH)!.closed).toBe(false);
    expect(client.subs.get('ticker:BTC/USDT')!.closed).toBe(true);
    expect(early.channels).toEqual([]);
  });
});
