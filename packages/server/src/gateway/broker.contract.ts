/**
 * The Broker contract: every adapter runs this suite (the memory one in-process, Redis against a
 * real server).
 * @example
 * brokerContract('memory', async ({ history, clock }) => ({ broker: new MemoryBroker({ history, clock }) }));
 */
import { ManualClock } from '@tickdeck/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Broker, BrokerPublication, HistoryOptions } from './broker.js';

export interface BrokerUnderTest {
  broker: Broker;
  /** A broker over the same backing store after it lost its state (restart without persistence). */
  lostState?: () => Promise<Broker>;
  cleanup?: () => Promise<void>;
}

/** The adapter must read time from `clock` for the age bound, or set `ageFromClock: false`. */
export type BrokerFactory = (opts: {
  history: HistoryOptions;
  clock: ManualClock;
}) => Promise<BrokerUnderTest>;

const settle = () => new Promise((r) => setTimeout(r, 20));

export function brokerContract(name: string, factory: BrokerFactory, { ageFromClock = true } = {}): void {
  describe(`Broker contract: ${name}`, () => {
    let current: BrokerUnderTest | undefined;
    const clock = new ManualClock(1_700_000_000_000);
    const make = async (history: Partial<HistoryOptions> = {}) => {
      current = await factory({ history: { maxCount: 100, maxAgeMs: 60_000, ...history }, clock });
      return current.broker;
    };
    afterEach(async () => {
      await current?.broker.close();
      await current?.cleanup?.();
      current = undefined;
    });

    it('numbers publications per channel from 1, one apart, under one epoch', async () => {
      const b = await make();
      const a1 = await b.publish('a', 1);
      const a2 = await b.publish('a', 2);
      const b1 = await b.publish('b', 3);
      expect([a1.seq, a2.seq, b1.seq]).toEqual([1, 2, 1]);
      expect(a2.epoch).toBe(a1.epoch);
      expect(await b.position('a')).toEqual({ epoch: a1.epoch, seq: 2 });
      expect((await b.position('never')).seq).toBe(0);
    });

    it('assigns distinct consecutive seqs to concurrent publications', async () => {
      const b = await make();
      const pubs = await Promise.all(Array.from({ length: 50 }, (_, i) => b.publish('c', i)));
      expect(pubs.map((p) => p.seq).sort((x, y) => x - y)).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
    });

    it('delivers to subscribed listeners in seq order, only their channels, until unsubscribed', async () => {
      const b = await make();
      const got: BrokerPublication[] = [];
      const listener = (p: BrokerPublication) => got.push(p);
      await b.subscribe('x', listener);
      for (let i = 0; i < 20; i++) await b.publish('x', { i });
      await b.publish('y', 'other');
      await settle();
      expect(got.map((p) => p.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(got.map((p) => (p.data as { i: number }).i)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect(got.every((p) => p.channel === 'x')).toBe(true);
      await b.unsubscribe('x', listener);
      await b.publish('x', 'late');
      await settle();
      expect(got).toHaveLength(20);
    });

    it('recovers exactly the publications after a position', async () => {
      const b = await make();
      for (let i = 1; i <= 10; i++) await b.publish('r', i);
      const { epoch } = await b.position('r');
      const r = await b.recover('r', { epoch, seq: 6 });
      expect(r.recovered).toBe(true);
      if (!r.recovered) return;
      expect(r.publications.map((p) => [p.seq, p.data])).toEqual([
        [7, 7],
        [8, 8],
        [9, 9],
        [10, 10],
      ]);
      expect(r.position).toEqual({ epoch, seq: 10 });
      const none = await b.recover('r', { epoch, seq: 10 });
      expect(none).toMatchObject({ recovered: true, publications: [] });
    });

    it('refuses positions from another epoch, ahead of the channel, or malformed', async () => {
      const b = await make();
      await b.publish('r', 1);
      const { epoch } = await b.position('r');
      expect((await b.recover('r', { epoch: epoch + 'x', seq: 0 })).recovered).toBe(false);
      expect((await b.recover('r', { epoch, seq: 5 })).recovered).toBe(false);
      expect((await b.recover('r', { epoch, seq: -1 })).recovered).toBe(false);
      expect((await b.recover('r', { epoch, seq: 0.5 })).recovered).toBe(false);
      const fresh = await b.recover('r', { epoch, seq: 0 });
      expect(fresh.recovered && fresh.publications.map((p) => p.seq)).toEqual([1]);
    });

    it('bounds history by count', async () => {
      const b = await make({ maxCount: 5 });
      for (let i = 1; i <= 12; i++) await b.publish('h', i);
      const { epoch } = await b.position('h');
      const edge = await b.recover('h', { epoch, seq: 7 });
      expect(edge.recovered && edge.publications.map((p) => p.seq)).toEqual([8, 9, 10, 11, 12]);
      expect((await b.recover('h', { epoch, seq: 6 })).recovered).toBe(false);
    });

    it.skipIf(!ageFromClock)('bounds history by age', async () => {
      const b = await make({ maxAgeMs: 1000 });
      await b.publish('t', 1);
      clock.advance(600);
      await b.publish('t', 2);
      clock.advance(600);
      const { epoch } = await b.position('t');
      expect((await b.recover('t', { epoch, seq: 0 })).recovered).toBe(false);
      const r = await b.recover('t', { epoch, seq: 1 });
      expect(r.recovered && r.publications.map((p) => p.seq)).toEqual([2]);
    });

    it('changes epoch when state is lost, so old positions are not recovered', async () => {
      const b = await make();
      await b.publish('e', 1);
      const old = await b.position('e');
      const next = current?.lostState ? await current.lostState() : undefined;
      if (!next) return;
      try {
        await next.publish('e', 2);
        const now = await next.position('e');
        expect(now.epoch).not.toBe(old.epoch);
        expect((await next.recover('e', old)).recovered).toBe(false);
      } finally {
        await next.close();
      }
    });
  });
}
