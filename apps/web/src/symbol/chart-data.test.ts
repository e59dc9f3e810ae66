import { describe, expect, it } from 'vitest';
import type { Candle } from '@tickdeck/protocol';
import { indicatorLines, toBar, toSeconds, toVolume } from './chart-data.js';

const candles: Candle[] = Array.from({ length: 60 }, (_, i) => ({
  symbol: 'BTC/USDT',
  timeframe: '1m',
  time: 1_700_000_000_000 + i * 60_000,
  open: 100 + i,
  high: 102 + i,
  low: 99 + i,
  close: 100 + i + (i % 2 === 0 ? 1 : -1),
  volume: i,
  trades: 1,
  closed: true,
}));

describe('chart data', () => {
  it('converts times to whole seconds and colours volume by candle direction', () => {
    expect(toSeconds(1_700_000_000_999)).toBe(1_700_000_000);
    expect(toBar(candles[0]!)).toEqual({ time: 1_700_000_000, open: 100, high: 102, low: 99, close: 101 });
    expect(toVolume(candles[0]!, 'g', 'r').color).toBe('g');
    expect(toVolume(candles[1]!, 'g', 'r').color).toBe('r');
  });

  it('aligns every indicator with the candles, with whitespace during warm-up', () => {
    const lines = indicatorLines(candles, { up: 'g', down: 'r' });
    for (const series of Object.values(lines)) expect(series).toHaveLength(candles.length);
    expect(lines.emaFast[18]).toEqual({ time: toSeconds(candles[18]!.time) });
    expect(lines.emaFast[19]).toHaveProperty('value');
    expect(lines.rsi[13]).not.toHaveProperty('value');
    expect(lines.rsi[14]).toHaveProperty('value');
    expect(lines.macd[24]).not.toHaveProperty('value');
    expect(lines.macd[25]).toHaveProperty('value');
    expect(lines.macdSignal[32]).not.toHaveProperty('value');
    expect(lines.macdSignal[33]).toHaveProperty('value');
    // The middle band is the 20-period mean of closes, computed here directly.
    const mean = candles.slice(40, 60).reduce((sum, c) => sum + c.close, 0) / 20;
    expect((lines.bbMiddle[59] as { value: number }).value).toBeCloseTo(mean, 10);
  });
});
