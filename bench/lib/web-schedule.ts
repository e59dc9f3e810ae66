/**
 * Exact event rates for the dashboard benchmark's feed: each stream (say, BTC/USDT tickers at
 * 10/s) has its own due times, spread evenly across streams so that 20 symbols at 10/s make a
 * steady 200 events/s rather than 20 at once every 100 ms. Time-based, so a late timer catches up
 * instead of lowering the rate.
 * @module
 */

/** One stream of events at a fixed rate. */
export interface Stream<K> {
  key: K;
  perSecond: number;
}

interface Slot<K> {
  key: K;
  periodMs: number;
  nextMs: number;
}

export class RateSchedule<K> {
  private readonly slots: Slot<K>[];
  /** Events given up because the caller fell more than `maxBehindMs` behind. */
  skipped = 0;

  /**
   * @param streams the streams; a rate of 0 or less is left out
   * @param startMs the time of the first event (of the first stream; the others follow it within one period)
   * @param maxBehindMs events later than this are skipped, not sent in a burst (default 1000)
   */
  constructor(
    streams: readonly Stream<K>[],
    startMs: number,
    private readonly maxBehindMs = 1000,
  ) {
    const live = streams.filter((s) => s.perSecond > 0);
    this.slots = live.map((s, i) => {
      const periodMs = 1000 / s.perSecond;
      return { key: s.key, periodMs, nextMs: startMs + (i / live.length) * periodMs };
    });
  }

  /**
   * The events due at `nowMs` since the previous call, oldest first.
   * @example new RateSchedule([{ key: 'a', perSecond: 10 }], 0).due(250) // ['a', 'a', 'a']
   */
  due(nowMs: number): K[] {
    const out: { at: number; key: K }[] = [];
    for (const slot of this.slots) {
      const late = nowMs - slot.nextMs - this.maxBehindMs;
      if (late > 0) {
        const skip = Math.ceil(late / slot.periodMs);
        this.skipped += skip;
        slot.nextMs += skip * slot.periodMs;
      }
      while (slot.nextMs <= nowMs) {
        out.push({ at: slot.nextMs, key: slot.key });
        slot.nextMs += slot.periodMs;
      }
    }
    return out.sort((a, b) => a.at - b.at).map((e) => e.key);
  }
}
