import { computeIndicatorSeries } from '@tickdeck/core';
import type { Candle, IndicatorPoint } from '@tickdeck/protocol';
import { describe, expect, it } from 'vitest';
import { IndicatorService } from './indicator-service.js';

const M = 60_000;
const candle = (i: number, close: number): Candle => ({
  symbol: 'BTC/USDT',
  timeframe: '1m',
  time: i * M,
  open: close,
  high: close + 1,
  low: close - 1,
  close,
  volume: 1,
  trades: 1,
  closed: true,
});
const closes = Array.from({ length: 80 }, (_, i) => 100 + 10 * Math.sin(i / 5) + i / 4);

function setup(followAll: boolean) {
  const ring = closes.slice(0, 60).map((c, i) => candle(i, c));
  const published: { channel: string; data: IndicatorPoint }[] = [];
  const service = new IndicatorService({
    candles: async () => [...ring],
    publish: (channel, data) => published.push({ channel, data: data as IndicatorPoint }),
    followAll,
  });
  const next = (i: number) => {
    const c = candle(i, closes[i]!);
    ring.push(c);
    service.onCandle(c);
  };
  return { service, published, next, ring };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('IndicatorService', () => {
  it('publishes only the pairs that were asked for, by default', async () => {
    const s = setup(false);
    s.next(60);
    await settle();
    s.next(61);
    expect(s.published).toEqual([]);
    await s.service.series('BTC/USDT', '1m');
    s.next(62);
    expect(s.published.map((p) => p.channel)).toEqual(['indicators:BTC/USDT:1m']);
  });

  it('with followAll, warms on the first candle of a pair and then publishes what a batch computation gives', async () => {
    const s = setup(true);
    s.next(60);
    await settle();
    for (let i = 61; i < 80; i++) s.next(i);
    expect(s.published).toHaveLength(19);
    const batch = computeIndicatorSeries(s.ring, {});
    expect(s.published.at(-1)!.data).toEqual(batch.at(-1));
    expect(s.published[0]!.data).toEqual(batch.find((p) => p.time === 61 * M));
  });
});
