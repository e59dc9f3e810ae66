import { describe, expect, it } from 'vitest';
import type { Candle } from '@tickdeck/protocol';
import { CandleBook } from './candle-book.js';

const candle = (time: number, close = time): Candle => ({
  symbol: 'BTC/USDT',
  timeframe: '1m',
  time,
  open: close,
  high: close,
  low: close,
  close,
  volume: 1,
  trades: 1,
  closed: false,
});

describe('CandleBook', () => {
  it('sorts a snapshot and keeps one candle per time, the later one', () => {
    const book = new CandleBook();
    book.reset([candle(3), candle(1), candle(2), candle(1, 99)]);
    expect(book.candles.map((c) => [c.time, c.close])).toEqual([
      [1, 99],
      [2, 2],
      [3, 3],
    ]);
  });

  it('updates the open candle, appends a new one, and inserts or replaces older ones', () => {
    const book = new CandleBook();
    book.reset([candle(60), candle(120)]);
    expect(book.upsert(candle(120, 5))).toBe('last');
    expect(book.last?.close).toBe(5);
    expect(book.upsert(candle(180))).toBe('append');
    expect(book.upsert(candle(60, 7))).toBe('older');
    expect(book.upsert(candle(90))).toBe('older');
    expect(book.candles.map((c) => c.time)).toEqual([60, 90, 120, 180]);
    expect(book.candles[0]?.close).toBe(7);
    expect(book.size).toBe(4);
  });

  it('prepends only candles older than the oldest held', () => {
    const book = new CandleBook();
    book.reset([candle(300), candle(360)]);
    expect(book.prependOlder([candle(240), candle(120), candle(300, 1), candle(180), candle(120, 2)])).toBe(
      3,
    );
    expect(book.candles.map((c) => c.time)).toEqual([120, 180, 240, 300, 360]);
    expect(book.candles[0]?.close).toBe(2);
    expect(book.candles[3]?.close).toBe(300);
    expect(book.newest(2).map((c) => c.time)).toEqual([360, 300]);
    expect(book.countFrom(240)).toBe(3);
    expect(book.countFrom(241)).toBe(2);
    expect(book.countFrom(999)).toBe(0);
    expect(book.closes()).toEqual([2, 180, 240, 300, 360]);
  });

  it('appends to an empty book', () => {
    const book = new CandleBook();
    expect(book.upsert(candle(1))).toBe('append');
    expect(book.first?.time).toBe(1);
  });
});
